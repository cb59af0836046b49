package uploadstest

import "syscall"

// sysProcAttr kills MinIO when the test binary dies without running cleanups (a panic,
// a -timeout). Its own process group keeps a terminal's ^C from reaching it twice.
func sysProcAttr() *syscall.SysProcAttr {
	return &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL, Setpgid: true}
}
