/*
 * mincore(2) as Linux 6.1 answers it: one byte a page, 1 for a resident
 * page. Anonymous pages are resident once touched; a file's pages are
 * resident when its page cache holds them, mapped or not (a page past
 * the file's end is not). Errors: -EINVAL for an unaligned
 * start, -ENOMEM for a range with an unmapped page or past user space,
 * -EFAULT for a vector that cannot be written.
 */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <syscall.h>
#include <unistd.h>
#include <sys/mman.h>
#include "check.h"

#define NR_mincore 218
#define PG 4096UL

static long mincore_(unsigned long start, unsigned long len, unsigned char *vec)
{
	return __syscall3(NR_mincore, (long)start, (long)len, (long)vec);
}

static long map(long fd, unsigned long len, int flags)
{
	return __syscall6(__NR_mmap2, 0, (long)len, PROT_READ | PROT_WRITE, flags, fd, 0);
}

static void anonymous(void)
{
	unsigned char vec[8];
	long a = map(-1, 4 * PG, MAP_PRIVATE | MAP_ANONYMOUS);
	char *p = (char *)a;

	check(!IS_ERR(a), "mmap 4 anonymous pages");
	memset(vec, 0xaa, sizeof(vec));
	check_ret(mincore_(a, 4 * PG, vec), 0, "mincore of 4 untouched pages");
	check(!vec[0] && !vec[1] && !vec[2] && !vec[3] && vec[4] == 0xaa, "none resident, vec[4] untouched");
	p[0] = 1;
	p[2 * PG] = 1;
	check_ret(mincore_(a, 4 * PG, vec), 0, "after writing pages 0 and 2");
	check(vec[0] == 1 && !vec[1] && vec[2] == 1 && !vec[3], "pages 0 and 2 resident (%d %d %d %d)",
	      vec[0], vec[1], vec[2], vec[3]);
	memset(vec, 0xaa, sizeof(vec));
	check_ret(mincore_(a + 2 * PG, PG + 1, vec), 0, "a length not a page multiple");
	check(vec[0] == 1 && vec[1] == 0 && vec[2] == 0xaa, "rounds up to 2 pages");
	check_ret(mincore_(a, 0, vec), 0, "length 0");
	check_ret(mincore_(a + 1, PG, vec), -EINVAL, "an unaligned start");
	check_ret(mincore_(a, 4 * PG, (unsigned char *)PAGE_OFFSET), -EFAULT, "a vector in kernel space");
	check_ret(mincore_(a, 4 * PG, (unsigned char *)16), -EFAULT, "a vector in no mapping");
	check_ret(__syscall2(__NR_munmap, a + 3 * PG, PG), 0, "unmap the last page");
	check_ret(mincore_(a, 4 * PG, vec), -ENOMEM, "a range ending in an unmapped page");
	check_ret(mincore_(a + 3 * PG, PG, vec), -ENOMEM, "an unmapped page");
	check_ret(mincore_(PAGE_OFFSET - PG, 2 * PG, vec), -ENOMEM, "a range past user space");
	__syscall2(__NR_munmap, a, 3 * PG);
}

#define FILE_203 "/etc/203-bytes"       /* in the initramfs: in the page cache once read */

static void file_pages(void)
{
	unsigned char vec[4];
	char buf[256];
	long fd = __syscall2(__NR_open, (long)FILE_203, O_RDONLY), a;

	check(fd >= 0, "open " FILE_203);
	check_ret(__syscall3(__NR_read, fd, (long)buf, sizeof(buf)), 203, "read it: its page is in the cache");
	a = __syscall6(__NR_mmap2, 0, (long)(2 * PG), PROT_READ, MAP_SHARED, fd, 0);
	check(!IS_ERR(a), "mmap 2 pages of it shared");
	memset(vec, 0xaa, sizeof(vec));
	check_ret(mincore_(a, 2 * PG, vec), 0, "mincore before any touch");
	check(vec[0] == 1 && vec[1] == 0, "its page is resident though unmapped, the page past its end is not (%d %d)",
	      vec[0], vec[1]);
	check(((volatile char *)a)[0] == 'a', "touch the first page");
	check_ret(mincore_(a, PG, vec), 0, "mincore after the touch");
	check(vec[0] == 1, "still resident");
	__syscall2(__NR_munmap, a, 2 * PG);
	__syscall1(__NR_close, fd);
}

int main(void)
{
	anonymous();
	file_pages();
	return done();
}
