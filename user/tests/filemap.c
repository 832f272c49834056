/*
 * File mappings at their edges, as Linux 6.1 has them: a 203-byte file
 * mapped over two pages reads its bytes, then zeroes to the end of the
 * first page; the second page lies wholly past the end of the file, so
 * touching it is SIGBUS (die_filemap), and a system call that touches it
 * gets -EFAULT. The offset in pages (mmap2) is checked for overflow, and a
 * page offset of 4 GiB is past the end of the file, not its first page.
 * lseek positions that do not fit a long are -EOVERFLOW. A MAP_FIXED
 * mapping the kernel refuses leaves what was there in place.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <syscall.h>
#include <unistd.h>
#include <sys/mman.h>
#include <sys/utsname.h>
#include "check.h"

#define FILE_203 "/etc/203-bytes"
#define SIZE 203

static long map(long fd, unsigned long len, int prot, int flags, unsigned long pgoff)
{
	return __syscall6(__NR_mmap2, 0, len, prot, flags, fd, (long)pgoff);
}

/* -EFAULT from the kernel's read of p (open's path), or something else if it could read. */
static long kernel_reads(const char *p)
{
	long r = __syscall2(__NR_open, (long)p, O_RDONLY);

	if (r >= 0)
		__syscall1(__NR_close, r);
	return r == -EFAULT ? r : 0;
}

static void tail_of_the_last_page(long fd)
{
	long r = map(fd, 2 * PAGE_SIZE, PROT_READ, MAP_PRIVATE, 0);
	const unsigned char *p = (const unsigned char *)r;
	int bad = -1;

	check(!IS_ERR(r), "mmap of %s over two pages = %#lx", FILE_203, r);
	for (int i = 0; i < SIZE - 1 && bad < 0; i++)
		if (p[i] != 'a' + i % 26)
			bad = i;
	check(bad < 0 && p[SIZE - 1] == '\n', "its %d bytes read back (first bad: %d)", SIZE, bad);
	bad = -1;
	for (int i = SIZE; i < (int)PAGE_SIZE && bad < 0; i++)
		if (p[i])
			bad = i;
	check(bad < 0, "bytes %d to %d of the first page read zero (first bad: %d)", SIZE, PAGE_SIZE - 1, bad);
	check_ret(kernel_reads((const char *)p + PAGE_SIZE), -EFAULT,
		  "open() with its path in the second page, past the end of the file");
	check_ret(__syscall2(__NR_munmap, r, 2 * PAGE_SIZE), 0, "munmap");

	r = map(fd, 2 * PAGE_SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE, 0);
	check(!IS_ERR(r), "a private writable mapping of it = %#lx", r);
	__syscall3(__NR_lseek, fd, 0, 0);
	check_ret(__syscall3(__NR_read, fd, r + PAGE_SIZE, 1), -EFAULT,
		  "read() into its second page, past the end of the file");
	check_ret(__syscall2(__NR_munmap, r, 2 * PAGE_SIZE), 0, "munmap");

	r = map(fd, 2 * PAGE_SIZE, PROT_READ, MAP_PRIVATE | MAP_POPULATE, 0);
	check(!IS_ERR(r), "MAP_POPULATE past the end of the file still maps: %#lx", r);
	check(((const unsigned char *)r)[0] == 'a', "and its first page reads the file");
	check_ret(__syscall2(__NR_munmap, r, 2 * PAGE_SIZE), 0, "munmap");
}

/*
 * The offset checks are about a 32-bit unsigned long (Pagoda, Linux i386);
 * a 64-bit kernel running this program has no wrap to refuse.
 */
static int long_is_32_bits(void)
{
	return !on_x86_64();
}

static void page_offsets(long fd)
{
	long r;

	if (!long_is_32_bits()) {
		skip("page offsets near 2^32: this kernel's unsigned long has 64 bits");
		return;
	}
	r = map(fd, PAGE_SIZE, PROT_READ, MAP_PRIVATE, 0x100000);
	check(!IS_ERR(r), "mmap2 at page offset 0x100000 (4 GiB) is allowed: %#lx", r);
	check_ret(kernel_reads((const char *)r), -EFAULT, "its page is past the end of the file, not page 0");
	check_ret(__syscall2(__NR_munmap, r, PAGE_SIZE), 0, "munmap");
	r = map(fd, PAGE_SIZE, PROT_READ, MAP_PRIVATE, 0xfffffffe);
	check(!IS_ERR(r), "mmap2 of one page at page offset 0xfffffffe: %#lx", r);
	check_ret(__syscall5(__NR_mremap, r, PAGE_SIZE, 2 * PAGE_SIZE, MREMAP_MAYMOVE, 0), -EINVAL,
		  "mremap growing it to two pages: its offset would wrap");
	check_ret(__syscall2(__NR_munmap, r, PAGE_SIZE), 0, "munmap");
	check_ret(map(fd, PAGE_SIZE, PROT_READ, MAP_PRIVATE, 0xffffffff), -EOVERFLOW,
		  "mmap2 of one page at page offset 0xffffffff");
	check_ret(map(fd, 2 * PAGE_SIZE, PROT_READ, MAP_PRIVATE, 0xfffffffe), -EOVERFLOW,
		  "mmap2 of two pages at page offset 0xfffffffe");
	check_ret(map(fd, 3 * PAGE_SIZE - 1, PROT_READ, MAP_PRIVATE, 0xfffffffe), -EOVERFLOW,
		  "mmap2 of a length that rounds up to three pages at 0xfffffffe");
	check_ret(map(-1, PAGE_SIZE, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, 0xffffffff), -EOVERFLOW,
		  "anonymous mmap2 at page offset 0xffffffff");
}

static void lseek_offsets(long fd)
{
	char c;

	check_ret(__syscall3(__NR_lseek, fd, 0x7fffffff, 0), 0x7fffffff, "lseek to LONG_MAX");
	check_ret(__syscall3(__NR_read, fd, (long)&c, 1), 0, "read there: end of file");
	if (long_is_32_bits()) {        /* a 64-bit kernel's off_t holds these */
		check_ret(__syscall3(__NR_lseek, fd, 0x7fffffff, 1), -EOVERFLOW, "lseek LONG_MAX further");
		check_ret(__syscall3(__NR_lseek, fd, 0x7fffffff, 2), -EOVERFLOW,
			  "lseek LONG_MAX past the end");
	} else {
		skip("lseek past LONG_MAX: this kernel's off_t has 64 bits");
	}
	check_ret(__syscall3(__NR_lseek, fd, -1, 0), -EINVAL, "lseek to -1");
	check_ret(__syscall3(__NR_lseek, fd, -SIZE - 1, 2), -EINVAL, "lseek before the start, from the end");
	check_ret(__syscall3(__NR_lseek, fd, -SIZE, 2), 0, "lseek to the start, from the end");
	check_ret(__syscall3(__NR_read, fd, (long)&c, 1), 1, "read one byte");
	check(c == 'a', "the first byte: %#x", c);
}

/*
 * MAP_FIXED over a mapping, refused (a shared writable mapping of a file
 * opened read-only: -EACCES): Linux checks everything before it unmaps
 * the old range, so the old pages and their data are still there.
 */
static void refused_fixed_keeps_the_old_mapping(long fd)
{
	const unsigned long at = 0x5a000000;
	long r = __syscall6(__NR_mmap2, at, 2 * PAGE_SIZE, PROT_READ | PROT_WRITE,
			    MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
	volatile char *p = (char *)at;

	check_ret(r, (long)at, "mmap 2 anonymous pages at %#lx", at);
	p[0] = 42;
	p[PAGE_SIZE] = 43;
	check_ret(__syscall6(__NR_mmap2, at, PAGE_SIZE, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_FIXED, fd, 0),
		  -EACCES, "MAP_FIXED|MAP_SHARED, PROT_WRITE, over them, of a file opened read-only");
	check_ret(__syscall3(__NR_madvise, at, 2 * PAGE_SIZE, MADV_WILLNEED), 0,
		  "both pages are still mapped (madvise finds no hole)");
	check(p[0] == 42 && p[PAGE_SIZE] == 43, "and still hold their bytes: %d %d", p[0], p[PAGE_SIZE]);
	check_ret(__syscall2(__NR_munmap, at, 2 * PAGE_SIZE), 0, "munmap them");
}

int main(void)
{
	long fd = __syscall2(__NR_open, (long)FILE_203, O_RDONLY);

	check(fd >= 0, "open %s = %ld", FILE_203, fd);
	tail_of_the_last_page(fd);
	page_offsets(fd);
	lseek_offsets(fd);
	refused_fixed_keeps_the_old_mapping(fd);
	return done();
}
