//go:build !unix

package source

func mkfifo(string) bool { return false }
