/*
 * fcntl and fcntl64 (Linux's fs/fcntl.c): duplicating descriptors,
 * close-on-exec, and the status flags that may change after open.
 */
#include "linux/errno.h"
#include "linux/fs.h"
#include "linux/resource.h"
#include "linux/sched.h"
#include "linux/syscalls.h"

#define F_DUPFD  0
#define F_GETFD  1
#define F_SETFD  2
#define F_GETFL  3
#define F_SETFL  4
#define F_DUPFD_CLOEXEC 1030
#define FD_CLOEXEC 1
/* what F_SETFL may change (Linux's SETFL_MASK, less O_DIRECT and O_NOATIME, which Pagoda's files ignore) */
#define SETFL_MASK (O_APPEND | O_NONBLOCK | O_NDELAY | FASYNC | O_DIRECT | O_NOATIME)
#define O_NDELAY O_NONBLOCK
#define FASYNC 020000

long sys_fcntl64(int fd, unsigned int cmd, unsigned long arg)
{
	struct file *f = fget(fd);
	long err;

	if (!f)
		return -EBADF;
	switch (cmd) {
	case F_DUPFD:
	case F_DUPFD_CLOEXEC:
		if (arg >= NR_OPEN || arg >= rlimit(RLIMIT_NOFILE))
			return -EINVAL;
		err = fd_install_from(get_file(f), (int)arg, cmd == F_DUPFD_CLOEXEC);
		if (err < 0)
			fput(f);
		return err;
	case F_GETFD:
		return get_close_on_exec(fd) ? FD_CLOEXEC : 0;
	case F_SETFD:
		set_close_on_exec(fd, arg & FD_CLOEXEC);
		return 0;
	case F_GETFL:
		return f->f_flags & ~O_CLOEXEC;
	case F_SETFL:
		f->f_flags = (f->f_flags & ~SETFL_MASK) | ((unsigned int)arg & SETFL_MASK);
		return 0;
	default:
		return -EINVAL;
	}
}

long sys_fcntl(int fd, unsigned int cmd, unsigned long arg)
{
	return sys_fcntl64(fd, cmd, arg);
}
