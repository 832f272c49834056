/*
 * read, readv, write and writev with buffers that run into a hole, and
 * their count checks, as Linux 6.1 answers (fs/read_write.c, lib/iov_iter.c):
 * a copy that faults part way returns the bytes it did copy and moves the
 * file position by them; -EFAULT only when nothing was copied; a count
 * negative as ssize_t is -EINVAL; a larger one is clamped to MAX_RW_COUNT.
 * How many bytes "did copy" is the copy routine's business: Linux i386's
 * loses the 64-byte block it faulted in when source and buffer differ in
 * alignment (Pagoda stops at the exact byte), so every partial case here
 * keeps the buffer aligned as the data it reads (or copies fewer than 64
 * bytes), where both kernels give the exact count. That difference is
 * deliberate: both are valid short reads.
 */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <syscall.h>
#include <unistd.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <sys/utsname.h>
#include "check.h"

#define PAGE 4096UL

static char file[4096];         /* the whole of /etc/motd, read with a good buffer */
static long size;
static char again[4096];
static char low_buf[64];        /* in .bss, far below 0x80000000 */
/*
 * A 32-bit program on an x86-64 kernel: counts are size_t of 64 bits there
 * (0x80000000 is not negative) and user space ends at 4 GiB, not 3 GiB.
 */
static int x86_64;

static long pos(long fd)
{
	return __syscall3(__NR_lseek, fd, 0, SEEK_CUR);
}

static long seek(long fd, long off)
{
	return __syscall3(__NR_lseek, fd, off, SEEK_SET);
}

/* Two pages, the second unmapped: returns the address of the hole. */
static char *page_then_hole(void)
{
	char *p = mmap(NULL, 2 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	check(p != MAP_FAILED, "mmap two pages at %p", (void *)p);
	check_ret(__syscall2(__NR_munmap, (long)(p + PAGE), PAGE), 0, "munmap the second one: a hole at %p",
		  (void *)(p + PAGE));
	return p + PAGE;
}

static void reads(long fd, char *hole)
{
	struct iovec iov[2];
	char good[16];
	char *ro;

	/*
	 * 96, a multiple of 8: Linux i386 copies 64-byte blocks when source and
	 * destination differ in alignment mod 8, and a fault then loses the block.
	 */
	check_ret(__syscall3(__NR_read, fd, (long)(hole - 96), 300), 96,
		  "read 300 bytes into a buffer with 96 bytes before a hole");
	check(memcmp(hole - 96, file, 96) == 0, "those 96 bytes are the file's first 96");
	check_ret(pos(fd), 96, "the file position moved by 96");
	check_ret(__syscall3(__NR_read, fd, (long)hole, 10), -EFAULT, "read into the hole itself");
	check_ret(pos(fd), 96, "the position stays at 96");
	check_ret(__syscall3(__NR_read, fd, (long)(hole - 1), 10), 1, "read 10 with 1 byte before the hole");
	check(hole[-1] == file[96], "that byte is the file's byte 96");
	check_ret(__syscall3(__NR_read, fd, (long)hole, 0), 0, "read of 0 bytes into the hole");

	ro = mmap(NULL, 2 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	check(ro != MAP_FAILED, "mmap two more pages");
	check_ret(__syscall3(__NR_mprotect, (long)(ro + PAGE), PAGE, PROT_READ), 0, "make the second PROT_READ");
	seek(fd, 0);
	check_ret(__syscall3(__NR_read, fd, (long)(ro + PAGE - 8), 50), 8,
		  "read with 8 bytes before a PROT_READ page");
	check(memcmp(ro + PAGE - 8, file, 8) == 0, "those 8 bytes are the file's first 8");
	check_ret(__syscall3(__NR_read, fd, (long)(ro + PAGE), 50), -EFAULT, "read into the PROT_READ page");
	check_ret(__syscall3(__NR_mprotect, (long)ro, PAGE, PROT_NONE), 0, "make the first PROT_NONE");
	check_ret(__syscall3(__NR_read, fd, (long)ro, 50), -EFAULT, "read into the PROT_NONE page");
	__syscall2(__NR_munmap, (long)ro, 2 * PAGE);

	seek(fd, 0);
	iov[0] = (struct iovec){ good, 10 };
	iov[1] = (struct iovec){ hole - 5, 20 };
	check_ret(__syscall3(__NR_readv, fd, (long)iov, 2), 15, "readv of [10 good][5 then a hole]");
	check(memcmp(good, file, 10) == 0 && memcmp(hole - 5, file + 10, 5) == 0,
	      "the 15 bytes are the file's first 15, in order");
	check_ret(pos(fd), 15, "the position moved by 15");
	iov[0] = (struct iovec){ hole, 10 };
	iov[1] = (struct iovec){ good, 10 };
	check_ret(__syscall3(__NR_readv, fd, (long)iov, 2), -EFAULT, "readv whose first buffer is the hole");
	check_ret(pos(fd), 15, "the position stays at 15");
	check_ret(__syscall3(__NR_readv, fd, (long)iov, 0), 0, "readv of 0 iovecs");
	check_ret(__syscall3(__NR_readv, fd, (long)iov, 1025), -EINVAL, "readv of 1025 iovecs (UIO_MAXIOV 1024)");
	check_ret(__syscall3(__NR_readv, fd, (long)iov, -1), -EINVAL, "readv of -1 iovecs");
	check_ret(__syscall3(__NR_readv, fd, (long)(hole - sizeof(iov[0])), 2), -EFAULT,
		  "readv whose iovec array runs into the hole");
	iov[0] = (struct iovec){ good, 0x80000000UL };
	check_ret(__syscall3(__NR_readv, fd, (long)iov, 1), -EINVAL, "readv with an iov_len of 0x80000000");
	memcpy(hole - sizeof(iov[0]), &iov[0], sizeof(iov[0]));
	check_ret(__syscall3(__NR_readv, fd, (long)(hole - sizeof(iov[0])), 2), -EFAULT,
		  "readv of [len 0x80000000][in the hole]: the whole array is copied before any length is checked");
	iov[0] = (struct iovec){ (void *)PAGE_OFFSET, 10 };
	check_ret(__syscall3(__NR_readv, fd, (long)iov, 1), -EFAULT, "readv into %#lx", PAGE_OFFSET);
}

static long pread64(long fd, void *buf, unsigned long count, unsigned long long pos)
{
	return __syscall5(__NR_pread64, fd, (long)buf, (long)count, (long)(unsigned long)pos, (long)(pos >> 32));
}

static void preads(long fd, char *hole)
{
	char buf[16];
	long dir = __syscall3(__NR_open, (long)"/etc", O_RDONLY, 0);

	seek(fd, 7);
	check_ret(pread64(fd, buf, 10, 5), 10, "pread64 10 bytes at 5");
	check(memcmp(buf, file + 5, 10) == 0, "they are the file's bytes 5..14");
	check_ret(pread64(fd, hole - 96, 300, 0), 96, "pread64 300 bytes into a buffer with 96 before a hole");
	check(memcmp(hole - 96, file, 96) == 0, "they are the file's first 96");
	check_ret(pos(fd), 7, "neither moved the file position");
	check_ret(pread64(fd, buf, 10, size), 0, "pread64 at the end of the file");
	check_ret(pread64(fd, buf, 10, -1ULL), -EINVAL, "pread64 at position -1");
	check_ret(pread64(1000, buf, 10, -1ULL), -EINVAL, "pread64 at -1 from fd 1000: the position comes first");
	check_ret(pread64(1000, buf, 10, 0), -EBADF, "pread64 from fd 1000");
	check_ret(pread64(fd, buf, 0x100, 0x7fffffffffffff00ULL), -EINVAL,
		  "pread64 of 0x100 bytes at 2^63 - 0x100: the end does not fit a loff_t");
	check_ret(pread64(fd, buf, 0xff, 0x7fffffffffffff00ULL), 0, "of 0xff bytes there: end of file");
	check_ret(pread64(1, buf, 1, 0), -ESPIPE, "pread64 from stdout");
	check(dir >= 0, "open(\"/etc\") = %ld", dir);
	check_ret(pread64(dir, buf, 1, 0), -EISDIR, "pread64 from a directory");
	__syscall1(__NR_close, dir);
	check_ret(__syscall5(__NR_pwrite64, fd, (long)buf, 1, 0, 0), -EBADF, "pwrite64 to a file opened O_RDONLY");
	check_ret(__syscall5(__NR_pwrite64, 1, (long)buf, 1, 0, 0), -ESPIPE, "pwrite64 to stdout");
}

static void counts(long fd)
{
	seek(fd, 0);
	if (x86_64) {
		skip("counts of 2 GiB and more: a 32-bit program's size_t is 64 bits wide on an x86-64 kernel");
	} else {
		check_ret(__syscall3(__NR_read, fd, (long)low_buf, 0x80000000UL), -EINVAL,
			  "read count 0x80000000 (negative as ssize_t)");
		check_ret(__syscall3(__NR_read, fd, (long)low_buf, 0xfffff000UL), -EFAULT,
			  "read count 0xfffff000: the buffer cannot fit below the user limit");
		check_ret(pos(fd), 0, "neither moved the position");
		check_ret(__syscall3(__NR_write, 1, (long)low_buf, 0x80000000UL), -EINVAL,
			  "write count 0x80000000 to stdout");
	}
	check_ret(__syscall3(__NR_read, fd, (long)again, 0x7fffffffUL), size,
		  "read count 0x7fffffff is clamped and reads the whole file");
	check(memcmp(again, file, size) == 0, "the same bytes as before");
	check_ret(__syscall3(__NR_write, fd, (long)low_buf, 1), -EBADF, "write to a file opened O_RDONLY");
	check_ret(__syscall3(__NR_write, fd, (long)low_buf, 0x80000000UL), -EBADF,
		  "write of count 0x80000000 to it: EBADF comes first");
	check_ret(__syscall3(__NR_read, 1000, (long)low_buf, 0x80000000UL), -EBADF,
		  "read count 0x80000000 from fd 1000: EBADF comes first");
}

static void writes(char *hole)
{
	struct iovec iov[2];
	struct stat st;
	char *buf = hole - (2048 + 100);

	check_ret(__syscall3(__NR_write, 1, (long)hole, 10), -EFAULT, "write from the hole to stdout");
	check_ret(__syscall3(__NR_writev, 1, 0, 1), -EFAULT, "writev with a NULL iovec array");
	check_ret(__syscall3(__NR_writev, 1, (long)iov, 1025), -EINVAL, "writev of 1025 iovecs");
	check_ret(__syscall3(__NR_writev, 1, (long)iov, 0), 0, "writev of 0 iovecs");
	iov[0] = (struct iovec){ hole, 1 };
	check_ret(__syscall3(__NR_writev, 1, (long)iov, 1), -EFAULT, "writev from the hole");

	/* A terminal (Linux's tty_write) writes 2048-byte chunks; one that faults is not written. */
	check_ret(__syscall2(__NR_fstat, 1, (long)&st), 0, "fstat(1)");
	if (!S_ISCHR(st.st_mode) || (st.st_rdev >> 8 != 4 && st.st_rdev >> 8 != 5)) {
		skip("stdout is not a serial terminal or the console (mode %#o rdev %#lx): chunking differs",
		     st.st_mode, st.st_rdev);
		return;
	}
	for (int i = 0; i < 2048 + 100; i++)
		buf[i] = i % 64 == 63 ? '\n' : i % 64 == 0 ? '#' : '.';
	buf[2047] = '\n';
	check_ret(__syscall3(__NR_write, 1, (long)buf, 4096), 2048,
		  "write 4096 bytes to the terminal, 2148 before a hole: one whole chunk");
	check_ret(__syscall3(__NR_write, 1, (long)(hole - 100), 200), -EFAULT,
		  "write 200 bytes, 100 before a hole: the only chunk faults");
	iov[0] = (struct iovec){ buf, 10 };
	iov[1] = (struct iovec){ hole, 10 };
	check_ret(__syscall3(__NR_writev, 1, (long)iov, 2), -EFAULT,
		  "writev of [10 good][10 in the hole]: one chunk, it faults");
}

static void seeks(long fd)
{
	check_ret(__syscall3(__NR_lseek, fd, 0, 3), 0, "lseek(0, SEEK_DATA)");
	check_ret(__syscall3(__NR_lseek, fd, 0, 4), size, "lseek(0, SEEK_HOLE) is the end of the file");
	check_ret(__syscall3(__NR_lseek, fd, size, 3), -ENXIO, "lseek(size, SEEK_DATA)");
	check_ret(__syscall3(__NR_lseek, fd, -1, 4), -ENXIO, "lseek(-1, SEEK_HOLE)");
	check_ret(__syscall3(__NR_lseek, fd, 0, 5), -EINVAL, "lseek with whence 5");
	check_ret(__syscall3(__NR_lseek, fd, -1, SEEK_END), size - 1, "lseek(-1, SEEK_END)");
	check_ret(__syscall3(__NR_lseek, fd, -size - 1, SEEK_END), -EINVAL, "lseek(-size - 1, SEEK_END)");
	check_ret(__syscall3(__NR_lseek, fd, 0x7fffffff, SEEK_SET), 0x7fffffff, "lseek(0x7fffffff, SEEK_SET)");
	if (x86_64) {
		skip("an x86-64 kernel's 32-bit lseek returns a 64-bit offset cut to 32 bits, not EOVERFLOW");
	} else {
		check_ret(__syscall3(__NR_lseek, fd, 1, SEEK_CUR), -EOVERFLOW,
			  "lseek(1, SEEK_CUR) to 0x80000000 does not fit an off_t");
		check_ret(__syscall3(__NR_lseek, fd, -1, SEEK_CUR), 0x7fffffff, "but it moved there: -1 comes back");
	}
	check_ret(__syscall3(__NR_read, fd, (long)low_buf, 10), 0, "read there: end of file");
	if (x86_64) {
		skip("MAX_LFS_FILESIZE is 2^63 - 1 on an x86-64 kernel");
	} else {
		/* MAX_LFS_FILESIZE on i386: 2^44 - 4096, reached in steps of 0x7fffffff */
		const long long max = 0xfffffffffffLL - 0xfff, step = 0x7fffffff;
		long long at = step;
		long r = 0;

		while (at + step <= max && (r = __syscall3(__NR_lseek, fd, step, SEEK_CUR)) == -EOVERFLOW)
			at += step;
		check_ret(r, -EOVERFLOW, "lseek(0x7fffffff, SEEK_CUR) up to %#llx: each is past an off_t", at);
		check_ret(__syscall3(__NR_lseek, fd, (long)(max - at), SEEK_CUR), -EOVERFLOW,
			  "lseek to MAX_LFS_FILESIZE %#llx itself is allowed", max);
		check_ret(__syscall3(__NR_lseek, fd, 1, SEEK_CUR), -EINVAL, "one byte further is not");
		check_ret(__syscall3(__NR_lseek, fd, 0, SEEK_SET), 0, "lseek(0, SEEK_SET) comes back");
	}
}

int main(void)
{
	struct stat st;
	struct utsname u;
	char *hole = page_then_hole();
	long fd = __syscall3(__NR_open, (long)"/etc/motd", O_RDONLY, 0);

	check(fd >= 0, "open(\"/etc/motd\") = %ld", fd);
	check_ret(uname(&u), 0, "uname: machine %s", u.machine);
	x86_64 = strcmp(u.machine, "x86_64") == 0;
	check_ret(__syscall2(__NR_fstat, fd, (long)&st), 0, "fstat");
	size = (long)st.st_size;
	check(size > 100 && size < (long)sizeof(file), "the file has %ld bytes, more than 100", size);
	check_ret(__syscall3(__NR_read, fd, (long)file, sizeof(file)), size, "read it whole");
	seek(fd, 0);
	reads(fd, hole);
	preads(fd, hole);
	counts(fd);
	writes(hole);
	seeks(fd);
	check_ret(__syscall1(__NR_close, fd), 0, "close");
	check_ret(__syscall3(__NR_read, fd, (long)hole, 10), -EBADF, "read from the closed fd into the hole");
	return done();
}
