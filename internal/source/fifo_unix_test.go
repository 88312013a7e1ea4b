//go:build unix

package source

import "syscall"

func mkfifo(path string) bool { return syscall.Mkfifo(path, 0o644) == nil }
