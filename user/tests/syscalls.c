/*
 * The system call ABI itself and the small calls: registers survive
 * int $0x80, unknown numbers give -ENOSYS, getpid, set_tid_address, uname,
 * write and writev to the console, bad file descriptors, set_thread_area with
 * a %gs load through the new TLS segment.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <syscall.h>
#include <unistd.h>
#include <asm/ldt.h>
#include <sys/ioctl.h>
#include <sys/uio.h>
#include <sys/utsname.h>
#include "check.h"

/* Make system call nr with %ebx..%ebp set to known values; store what they hold afterwards. */
long syscall_clobber_probe(long nr, unsigned long out[6]);
__asm__(
	".text\n"
	".globl syscall_clobber_probe\n"
	"syscall_clobber_probe:\n"
	"	pushl %ebp\n"
	"	pushl %edi\n"
	"	pushl %esi\n"
	"	pushl %ebx\n"
	"	movl 20(%esp), %eax\n"
	"	movl $0x11111111, %ebx\n"
	"	movl $0x22222222, %ecx\n"
	"	movl $0x33333333, %edx\n"
	"	movl $0x44444444, %esi\n"
	"	movl $0x55555555, %edi\n"
	"	movl $0x66666666, %ebp\n"
	"	int $0x80\n"
	"	pushl %eax\n"
	"	movl 28(%esp), %eax\n"
	"	movl %ebx, 0(%eax)\n"
	"	movl %ecx, 4(%eax)\n"
	"	movl %edx, 8(%eax)\n"
	"	movl %esi, 12(%eax)\n"
	"	movl %edi, 16(%eax)\n"
	"	movl %ebp, 20(%eax)\n"
	"	popl %eax\n"
	"	popl %ebx\n"
	"	popl %esi\n"
	"	popl %edi\n"
	"	popl %ebp\n"
	"	ret\n");

static long check_registers(long nr, const char *what)
{
	static const char *const names[6] = { "ebx", "ecx", "edx", "esi", "edi", "ebp" };
	unsigned long out[6];
	long ret = syscall_clobber_probe(nr, out);

	for (int i = 0; i < 6; i++)
		check(out[i] == 0x11111111UL * (i + 1), "%s keeps %%%s (%#lx)", what, names[i], out[i]);
	return ret;
}

static void check_tls(void)
{
	static unsigned int block_a[2] = { 0xaaaa0001, 0xaaaa0002 };
	static unsigned int block_b[2] = { 0xbbbb0001, 0xbbbb0002 };
	struct user_desc d = {
		.entry_number = -1, .base_addr = (unsigned long)block_a, .limit = 0xfffff,
		.seg_32bit = 1, .limit_in_pages = 1, .useable = 1,
	};
	unsigned int v0, v1;
	unsigned short old_gs, sel;

	check_ret(__syscall1(__NR_set_thread_area, (long)&d), 0, "set_thread_area(entry -1)");
	check(d.entry_number != (unsigned int)-1, "the kernel wrote back the GDT entry it chose: %u",
	      d.entry_number);
	sel = d.entry_number * 8 + 3;
	__asm__ volatile("movw %%gs, %0" : "=r"(old_gs));
	__asm__ volatile("movw %2, %%gs\n\tmovl %%gs:0, %0\n\tmovl %%gs:4, %1"
			 : "=r"(v0), "=r"(v1) : "r"(sel));
	check(v0 == block_a[0] && v1 == block_a[1], "%%gs = %#x reads through the new segment", sel);
	d.base_addr = (unsigned long)block_b;
	check_ret(__syscall1(__NR_set_thread_area, (long)&d), 0, "set_thread_area(entry %u) moves its base",
		  d.entry_number);
	__asm__ volatile("movw %1, %%gs\n\tmovl %%gs:0, %0" : "=r"(v0) : "r"(sel));
	check(v0 == block_b[0], "%%gs:0 now reads the second block");
	__asm__ volatile("movw %0, %%gs" : : "r"(old_gs));
	d.entry_number = 1;
	check_ret(__syscall1(__NR_set_thread_area, (long)&d), -EINVAL,
		  "set_thread_area(entry 1, not a TLS slot)");
}

int main(void)
{
	static const char hello[] = "syscalls: written by write(2)\n";
	char one[] = "syscalls: ", two[] = "written by ", three[] = "writev(2)\n";
	struct iovec iov[4] = { { one, strlen(one) }, { NULL, 0 }, { two, strlen(two) },
				 { three, strlen(three) } };
	struct utsname u;
	long pid, ret;
	int tid_slot;

	check(check_registers(__NR_getpid, "getpid") > 0, "getpid with garbage arguments succeeds");
	check_ret(check_registers(__NR_write, "write"), -EBADF, "write to fd 0x11111111");
	check_ret(check_registers(9999, "system call 9999"), -ENOSYS, "system call 9999");
	check_ret(__syscall0(1000), -ENOSYS, "system call 1000");
	check_ret(__syscall0(-1), -ENOSYS, "system call -1");

	pid = __syscall0(__NR_getpid);
	check(pid > 0 && __syscall0(__NR_getpid) == pid, "getpid() = %ld, twice", pid);
	check_ret(__syscall1(__NR_set_tid_address, (long)&tid_slot), pid, "set_tid_address returns the tid");

	check_ret(__syscall3(__NR_write, 1, (long)hello, strlen(hello)), strlen(hello), "write to fd 1");
	check_ret(__syscall3(__NR_write, 1, (long)hello, 0), 0, "write of 0 bytes");
	ret = strlen(one) + strlen(two) + strlen(three);
	check_ret(__syscall3(__NR_writev, 1, (long)iov, 4), ret, "writev of 4 pieces, one empty");
	check_ret(__syscall3(__NR_writev, 1, (long)iov, 0), 0, "writev of no pieces");
	check_ret(__syscall3(__NR_writev, 1, (long)iov, -1), -EINVAL, "writev with iovcnt -1");
	check_ret(__syscall3(__NR_write, 99, (long)hello, 1), -EBADF, "write to fd 99");
	check_ret(__syscall3(__NR_read, 99, (long)&u, 1), -EBADF, "read from fd 99");
	check_ret(__syscall3(__NR_write, -1, (long)hello, 1), -EBADF, "write to fd -1");
	check_ret(__syscall1(__NR_close, 99), -EBADF, "close(99)");

	memset(&u, 0xff, sizeof(u));
	check_ret(__syscall1(__NR_uname, (long)&u), 0, "uname");
	check(memchr(u.sysname, 0, 65) && memchr(u.release, 0, 65) && memchr(u.machine, 0, 65) &&
	      memchr(u.nodename, 0, 65) && memchr(u.version, 0, 65) && memchr(u.domainname, 0, 65),
	      "every uname field is a terminated string");
	check(u.sysname[0] != 0, "uname: %s %s %s %s", u.sysname, u.nodename, u.release, u.machine);

	ret = __syscall3(__NR_ioctl, 1, TCGETS, (long)&u);
	printf("ioctl(1, TCGETS) = %ld%s%s\n", ret, ret < 0 ? " -" : "", ret < 0 ? errname(ret) : "");

	check_tls();
	return done();
}
