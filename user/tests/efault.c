/*
 * Every system call that takes a pointer must refuse a bad one with -EFAULT
 * and go on working: NULL, an unmapped page, a PROT_NONE page, kernel
 * addresses (which the kernel itself could read and write, so it must check
 * the range, not rely on a fault), the top of the address space, and, for
 * calls that write to memory, read-only text and read-only pages.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <syscall.h>
#include <unistd.h>
#include <sys/mman.h>
#include <sys/uio.h>
#include "check.h"

struct bad {
	const char *what;
	unsigned long addr;
};

static struct bad bad_ptrs[6];
static int nbad;

static void add_bad(const char *what, unsigned long addr)
{
	bad_ptrs[nbad].what = what;
	bad_ptrs[nbad].addr = addr;
	nbad++;
}

int main(int argc, char **argv)
{
	const char *path = "/etc/motd";
	unsigned long unmapped, none, rdonly, straddle, text = (unsigned long)main;
	unsigned char text_before[64];
	char *page;
	struct iovec iov;
	int fd = open(path, O_RDONLY);

	check(fd >= 0, "open(\"%s\") = %d", path, fd);

	page = mmap(NULL, 3 * PAGE_SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	check(page != MAP_FAILED, "three scratch pages at %p", (void *)page);
	unmapped = (unsigned long)page;
	none = unmapped + PAGE_SIZE;
	rdonly = unmapped + 2 * PAGE_SIZE;
	memset(page + 2 * PAGE_SIZE, 'r', PAGE_SIZE);
	check(munmap((void *)unmapped, PAGE_SIZE) == 0 && mprotect((void *)none, PAGE_SIZE, PROT_NONE) == 0 &&
	      mprotect((void *)rdonly, PAGE_SIZE, PROT_READ) == 0,
	      "first unmapped, second PROT_NONE, third read-only");

	add_bad("NULL", 0);
	add_bad("an unmapped page", unmapped);
	add_bad("a PROT_NONE page", none);
	add_bad("the kernel's direct map 0xc0000000", PAGE_OFFSET);
	add_bad("kernel text 0xc0100000", PAGE_OFFSET + 0x100000);
	add_bad("0xfffff000, the top page", 0xfffff000UL);

	for (int i = 0; i < nbad; i++) {
		unsigned long p = bad_ptrs[i].addr;
		const char *w = bad_ptrs[i].what;

		check_ret(__syscall3(__NR_write, 1, p, 16), -EFAULT, "write from %s", w);
		check_ret(__syscall3(__NR_read, fd, p, 16), -EFAULT, "read into %s", w);
		lseek(fd, 0, SEEK_SET);
		iov.iov_base = (void *)p;
		iov.iov_len = 16;
		check_ret(__syscall3(__NR_writev, 1, (long)&iov, 1), -EFAULT, "writev of a piece at %s", w);
		check_ret(__syscall3(__NR_writev, 1, p, 1), -EFAULT, "writev with its iovec array at %s", w);
		check_ret(__syscall1(__NR_uname, p), -EFAULT, "uname into %s", w);
		check_ret(__syscall3(__NR_open, p, O_RDONLY, 0), -EFAULT, "open of a path at %s", w);
		check_ret(__syscall2(__NR_fstat, fd, p), -EFAULT, "fstat into %s", w);
		check_ret(__syscall2(__NR_fstat64, fd, p), -EFAULT, "fstat64 into %s", w);
		check_ret(__syscall1(__NR_set_thread_area, p), -EFAULT, "set_thread_area from %s", w);
		check_ret(__syscall1(__NR_mmap, p), -EFAULT, "old mmap with its argument block at %s", w);
	}

	/* A range that starts in user space (on Pagoda, the top of the stack) and ends in the kernel's. */
	straddle = PAGE_OFFSET - 8;
	check_ret(__syscall3(__NR_write, 1, straddle, 16), -EFAULT, "write of 16 bytes from %#lx", straddle);
	check_ret(__syscall3(__NR_read, fd, straddle, 16), -EFAULT, "read of 16 bytes into %#lx", straddle);
	lseek(fd, 0, SEEK_SET);
	check_ret(__syscall1(__NR_uname, straddle), -EFAULT, "uname into %#lx", straddle);
	check_ret(__syscall2(__NR_fstat, fd, straddle), -EFAULT, "fstat into %#lx", straddle);
	check_ret(__syscall2(__NR_fstat64, fd, straddle), -EFAULT, "fstat64 into %#lx", straddle);
	check_ret(__syscall1(__NR_set_thread_area, straddle), -EFAULT, "set_thread_area from %#lx", straddle);
	check_ret(__syscall1(__NR_mmap, straddle), -EFAULT, "old mmap with its argument block at %#lx", straddle);

	/* Memory the program may read but the kernel must not write for it. */
	memcpy(text_before, (void *)text, sizeof(text_before));
	check_ret(__syscall3(__NR_read, fd, text, 16), -EFAULT, "read into the program's own text");
	check(memcmp(text_before, (void *)text, sizeof(text_before)) == 0, "and the text is unchanged");
	lseek(fd, 0, SEEK_SET);
	check_ret(__syscall3(__NR_read, fd, rdonly, 16), -EFAULT, "read into a read-only page");
	check(((char *)rdonly)[0] == 'r', "and the page is unchanged");
	lseek(fd, 0, SEEK_SET);
	check_ret(__syscall1(__NR_uname, rdonly), -EFAULT, "uname into a read-only page");
	check_ret(__syscall2(__NR_fstat, fd, text), -EFAULT, "fstat into the program's text");
	check_ret(__syscall3(__NR_write, 1, rdonly, 0), 0, "write of 0 bytes from a read-only page");

	/* A short path running into an unmapped page before its NUL. */
	check(mprotect((void *)none, PAGE_SIZE, PROT_READ | PROT_WRITE) == 0 &&
	      munmap((void *)rdonly, PAGE_SIZE) == 0, "make the second page writable, unmap the third");
	memset((void *)none, 'x', PAGE_SIZE);
	check_ret(__syscall3(__NR_open, rdonly - 100, O_RDONLY, 0), -EFAULT,
		  "open of a path whose last 100 bytes before an unmapped page hold no NUL");

	check_ret(__syscall3(__NR_read, fd, none, 7), 7, "after all that, read still works");
	check(memcmp((void *)none, "Welcome", 7) == 0, "and reads \"%.7s\"", (char *)none);
	munmap((void *)none, PAGE_SIZE);
	close(fd);
	return done();
}
