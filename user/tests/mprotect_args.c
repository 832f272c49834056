/*
 * mprotect's argument checks and partial progress, as Linux 6.1's
 * do_mprotect_pkey answers. Whether a page is writable is seen from
 * outside: read(2) into it returns 1, or -EFAULT if the page is read-only.
 */
#include <errno.h>
#include <fcntl.h>
#include <syscall.h>
#include <unistd.h>
#include <sys/mman.h>
#include "check.h"

#define PAGE 4096UL
#define PROT_SEM       0x8
#define PROT_GROWSDOWN 0x01000000
#define PROT_GROWSUP   0x02000000

static long motd;

static long mprot(void *p, unsigned long len, unsigned long prot)
{
	return __syscall3(__NR_mprotect, (long)p, (long)len, (long)prot);
}

/* 1 if the kernel can write a byte at p for us, -EFAULT if not. */
static long writable(char *p)
{
	__syscall3(__NR_lseek, motd, 0, SEEK_SET);
	return __syscall3(__NR_read, motd, (long)p, 1);
}

static char *map(unsigned long pages, int flags)
{
	char *p = mmap(NULL, pages * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | flags, -1, 0);

	check(p != MAP_FAILED, "mmap %lu pages at %p", pages, (void *)p);
	return p;
}

static void arguments(char *p)
{
	check_ret(mprot(p + 1, PAGE, PROT_READ), -EINVAL, "mprotect of an unaligned start");
	check_ret(mprot(p + 1, 0, PROT_READ), -EINVAL, "of an unaligned start and len 0");
	check_ret(mprot(p, 0, 0x10), 0, "of len 0 with an unknown bit: len 0 is checked first");
	check_ret(mprot(p, PAGE, 0x10), -EINVAL, "with an unknown bit 0x10");
	check_ret(mprot(p, PAGE, PROT_READ | 0x80000000), -EINVAL, "with an unknown bit 0x80000000");
	check_ret(mprot(p, PAGE, PROT_READ | PROT_SEM), 0, "PROT_READ|PROT_SEM");
	check_ret(writable(p), -EFAULT, "the page is read-only now");
	check_ret(mprot(p, PAGE, PROT_READ | PROT_WRITE), 0, "PROT_READ|PROT_WRITE");
	check_ret(writable(p), 1, "and writable again");
	check_ret(mprot((void *)PAGE_OFFSET, PAGE, PROT_READ), -ENOMEM, "at %#lx, where nothing is mapped",
		  PAGE_OFFSET);
	check_ret(mprot(p, PAGE, PROT_READ | PROT_GROWSDOWN | PROT_GROWSUP), -EINVAL,
		  "PROT_GROWSDOWN|PROT_GROWSUP");
	check_ret(mprot(p, PAGE, PROT_READ | PROT_GROWSUP), -EINVAL, "PROT_GROWSUP (x86 has no VM_GROWSUP)");
	check_ret(mprot(p, PAGE, PROT_READ | PROT_GROWSDOWN), -EINVAL,
		  "PROT_GROWSDOWN on a mapping that does not grow down");
	check_ret(writable(p), 1, "none of them changed the page");
	/* last: on an x86-64 kernel these do not wrap, and change the page before failing */
	check_ret(mprot(p, 0xfffff001UL, PROT_READ), -ENOMEM, "len 0xfffff001 (rounds up past 4 GiB)");
	check_ret(mprot(p, 0xffffffffUL, PROT_READ), -ENOMEM, "len 0xffffffff");
	check_ret(mprot((void *)0xfffff000UL, 2 * PAGE, PROT_READ), -ENOMEM, "a range that wraps past 4 GiB");
}

static void holes(void)
{
	char *p = map(4, 0);

	check_ret(__syscall2(__NR_munmap, (long)(p + PAGE), PAGE), 0, "munmap the second page: [A][hole][C][D]");
	check_ret(mprot(p + PAGE, PAGE, PROT_READ), -ENOMEM, "mprotect of the hole");
	check_ret(mprot(p, 3 * PAGE, PROT_READ), -ENOMEM, "mprotect of [A][hole][C]");
	check_ret(writable(p), -EFAULT, "A, before the hole, was made read-only all the same");
	check_ret(writable(p + 2 * PAGE), 1, "C, after the hole, was not");
	check_ret(__syscall2(__NR_munmap, (long)(p + 3 * PAGE), PAGE), 0, "munmap D: [A][hole][C][hole]");
	check_ret(mprot(p + 2 * PAGE, 2 * PAGE, PROT_READ), -ENOMEM, "mprotect of [C][hole]");
	check_ret(writable(p + 2 * PAGE), -EFAULT, "C was made read-only");
	__syscall2(__NR_munmap, (long)p, 4 * PAGE);
}

static void contents(void)
{
	char *p = map(2, 0);

	p[0] = 'x';
	p[PAGE] = 'y';
	check_ret(mprot(p, 2 * PAGE, PROT_NONE), 0, "PROT_NONE over two written pages");
	check_ret(writable(p + PAGE), -EFAULT, "the kernel cannot write there");
	check_ret(mprot(p, 2 * PAGE, PROT_READ | PROT_WRITE), 0, "PROT_READ|PROT_WRITE again");
	check(p[0] == 'x' && p[PAGE] == 'y', "the pages kept what was written: %c %c", p[0], p[PAGE]);
	__syscall2(__NR_munmap, (long)p, 2 * PAGE);
}

static void grows_down(void)
{
	char *g = map(4, MAP_GROWSDOWN);

	check_ret(mprot(g + 2 * PAGE, PAGE, PROT_READ | PROT_GROWSDOWN), 0,
		  "PROT_READ|PROT_GROWSDOWN on the third page of a MAP_GROWSDOWN mapping");
	check_ret(writable(g), -EFAULT, "its first page is read-only: the range went down to the start");
	check_ret(writable(g + 2 * PAGE), -EFAULT, "and so is the third");
	check_ret(writable(g + 3 * PAGE), 1, "the fourth, after the range, is not");
	__syscall2(__NR_munmap, (long)g, 4 * PAGE);
}

static void not_may_write(void)
{
	char *p = map(2, 0);
	long r;

	check_ret(mprot(p, PAGE, PROT_READ), 0, "make an anonymous page read-only");
	r = __syscall6(__NR_mmap2, (long)(p + PAGE), PAGE, PROT_READ, MAP_SHARED | MAP_FIXED, motd, 0);
	check_ret(r, (long)(p + PAGE), "map /etc/motd MAP_SHARED from an O_RDONLY fd just after it");
	check_ret(mprot(p, 2 * PAGE, PROT_READ | PROT_WRITE), -EACCES,
		  "PROT_WRITE over both: the file mapping may not be written");
	check_ret(writable(p), 1, "the anonymous page before it was made writable all the same");
	check_ret(mprot(p + PAGE, PAGE, PROT_READ | PROT_EXEC), 0, "PROT_EXEC on the file mapping is allowed");
	__syscall2(__NR_munmap, (long)p, 2 * PAGE);
}

int main(void)
{
	char *p;

	motd = __syscall3(__NR_open, (long)"/etc/motd", O_RDONLY, 0);
	check(motd >= 0, "open(\"/etc/motd\") = %ld", motd);
	p = map(1, 0);
	arguments(p);
	holes();
	contents();
	grows_down();
	not_may_write();
	return done();
}
