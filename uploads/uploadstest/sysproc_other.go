//go:build !linux

package uploadstest

import "syscall"

func sysProcAttr() *syscall.SysProcAttr { return nil }
