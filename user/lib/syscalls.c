/* The system calls that need no more than passing their arguments on. */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdlib.h>
#include <syscall.h>
#include <unistd.h>
#include <asm/ldt.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <sys/utsname.h>
#include <sys/wait.h>

int errno;

long __syscall_ret(unsigned long ret)
{
	if (ret > -4096UL) {
		errno = -ret;
		return -1;
	}
	return ret;
}

long syscall(long nr, ...)
{
	va_list ap;
	long a, b, c, d, e, f;

	va_start(ap, nr);
	a = va_arg(ap, long);
	b = va_arg(ap, long);
	c = va_arg(ap, long);
	d = va_arg(ap, long);
	e = va_arg(ap, long);
	f = va_arg(ap, long);
	va_end(ap);
	return __syscall_ret(__syscall6(nr, a, b, c, d, e, f));
}

ssize_t read(int fd, void *buf, size_t count)
{
	return __syscall_ret(__syscall3(__NR_read, fd, (long)buf, count));
}

ssize_t write(int fd, const void *buf, size_t count)
{
	return __syscall_ret(__syscall3(__NR_write, fd, (long)buf, count));
}

ssize_t writev(int fd, const struct iovec *iov, int iovcnt)
{
	return __syscall_ret(__syscall3(__NR_writev, fd, (long)iov, iovcnt));
}

int open(const char *path, int flags, ...)
{
	va_list ap;
	mode_t mode;

	va_start(ap, flags);
	mode = (flags & O_CREAT) ? va_arg(ap, mode_t) : 0;
	va_end(ap);
	return __syscall_ret(__syscall3(__NR_open, (long)path, flags, mode));
}

int close(int fd)
{
	return __syscall_ret(__syscall1(__NR_close, fd));
}

off_t lseek(int fd, off_t offset, int whence)
{
	return __syscall_ret(__syscall3(__NR_lseek, fd, offset, whence));
}

int fstat(int fd, struct stat *st)
{
	return __syscall_ret(__syscall2(__NR_fstat, fd, (long)st));
}

int fstat64(int fd, struct stat64 *st)
{
	return __syscall_ret(__syscall2(__NR_fstat64, fd, (long)st));
}

int ioctl(int fd, unsigned long request, ...)
{
	va_list ap;
	long arg;

	va_start(ap, request);
	arg = va_arg(ap, long);
	va_end(ap);
	return __syscall_ret(__syscall3(__NR_ioctl, fd, request, arg));
}

pid_t getpid(void)
{
	return __syscall0(__NR_getpid);
}

int uname(struct utsname *buf)
{
	return __syscall_ret(__syscall1(__NR_uname, (long)buf));
}

int set_thread_area(struct user_desc *desc)
{
	return __syscall_ret(__syscall1(__NR_set_thread_area, (long)desc));
}

long sysconf(int name)
{
	if (name == _SC_PAGESIZE)
		return PAGE_SIZE;
	errno = EINVAL;
	return -1;
}

void _exit(int status)
{
	/* exit_group ends every thread; a kernel without it still has exit. */
	__syscall1(__NR_exit_group, status);
	for (;;)
		__syscall1(__NR_exit, status);
}

void _Exit(int status)
{
	_exit(status);
}

/* Nothing is buffered and there are no atexit handlers, so exit has nothing to flush. */
void exit(int status)
{
	_exit(status);
}

pid_t getppid(void)
{
	return (pid_t)__syscall0(__NR_getppid);
}

pid_t fork(void)
{
	return (pid_t)__syscall_ret(__syscall0(__NR_fork));
}

pid_t waitpid(pid_t pid, int *status, int options)
{
	return (pid_t)__syscall_ret(__syscall4(__NR_wait4, pid, (long)status, options, 0));
}

pid_t wait(int *status)
{
	return waitpid(-1, status, 0);
}
