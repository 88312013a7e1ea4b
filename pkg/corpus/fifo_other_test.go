//go:build !unix

package corpus

func mkfifo(string) bool { return false }
