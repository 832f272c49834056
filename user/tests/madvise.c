/*
 * madvise as Linux 6.1 answers (mm/madvise.c): the advice, the start and
 * the length are checked first (-EINVAL); holes make it -ENOMEM after the
 * advice was applied to the mapped parts; MADV_DONTNEED really drops the
 * pages (what is read back is checked), MADV_FREE, MADV_REMOVE and
 * MADV_POPULATE_READ/WRITE follow Linux's rules.
 */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <syscall.h>
#include <unistd.h>
#include <sys/mman.h>
#include <sys/utsname.h>
#include "check.h"

#define PAGE 4096UL

static long motd;
static char file[PAGE];         /* /etc/motd's bytes, zero after its end */
static long size;

static long madv(void *p, unsigned long len, long advice)
{
	return __syscall3(__NR_madvise, (long)p, (long)len, advice);
}

static char *map(unsigned long pages, int prot, int flags)
{
	char *p = mmap(NULL, pages * PAGE, prot, flags | MAP_ANONYMOUS, -1, 0);

	check(p != MAP_FAILED, "mmap %lu pages at %p", pages, (void *)p);
	return p;
}

static int all(const char *p, char c, unsigned long n)
{
	for (unsigned long i = 0; i < n; i++)
		if (p[i] != c)
			return 0;
	return 1;
}

static void arguments(int x86_64)
{
	char *p = map(1, PROT_READ | PROT_WRITE, MAP_PRIVATE);
	static const long bad[] = { 5, 6, 7, 26, 99, -1 };

	for (unsigned i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		check_ret(madv(p, PAGE, bad[i]), -EINVAL, "madvise advice %ld", bad[i]);
	check_ret(madv((void *)PAGE_OFFSET, PAGE, 99), -EINVAL, "advice 99 on an unmapped range: advice first");
	check_ret(madv(p + 1, PAGE, MADV_NORMAL), -EINVAL, "unaligned start");
	check_ret(madv(p + 1, 0, MADV_NORMAL), -EINVAL, "unaligned start, len 0");
	check_ret(madv(p, 0, MADV_NORMAL), 0, "len 0");
	check_ret(madv((void *)PAGE_OFFSET, 0, MADV_DONTNEED), 0, "len 0 on an unmapped range");
	if (x86_64) {
		skip("lengths that wrap in 32 bits: an x86-64 kernel computes in 64");
	} else {
		check_ret(madv(p, 0xfffff001UL, MADV_NORMAL), -EINVAL, "len 0xfffff001 rounds up to 0");
		check_ret(madv((void *)0xfffff000UL, 2 * PAGE, MADV_NORMAL), -EINVAL, "a range that wraps");
	}
	check_ret(madv((void *)PAGE_OFFSET, PAGE, MADV_NORMAL), -ENOMEM, "MADV_NORMAL on %#lx, unmapped",
		  PAGE_OFFSET);
	check_ret(madv((void *)PAGE_OFFSET, PAGE, MADV_DONTNEED), -ENOMEM, "MADV_DONTNEED there");
	p[0] = 'k';
	check_ret(madv(p, PAGE, MADV_NORMAL), 0, "MADV_NORMAL");
	check_ret(madv(p, PAGE, MADV_RANDOM), 0, "MADV_RANDOM");
	check_ret(madv(p, PAGE, MADV_SEQUENTIAL), 0, "MADV_SEQUENTIAL");
	check_ret(madv(p, PAGE, MADV_WILLNEED), 0, "MADV_WILLNEED");
	check_ret(madv(p, PAGE, MADV_DONTFORK), 0, "MADV_DONTFORK");
	check_ret(madv(p, PAGE, MADV_DOFORK), 0, "MADV_DOFORK");
	check_ret(madv(p, PAGE, MADV_DONTDUMP), 0, "MADV_DONTDUMP");
	check_ret(madv(p, PAGE, MADV_DODUMP), 0, "MADV_DODUMP");
	check_ret(madv(p, PAGE, MADV_WIPEONFORK), 0, "MADV_WIPEONFORK");
	check_ret(madv(p, PAGE, MADV_KEEPONFORK), 0, "MADV_KEEPONFORK");
	check_ret(madv(p, PAGE, MADV_COLD), 0, "MADV_COLD");
	check_ret(madv(p, PAGE, MADV_PAGEOUT), 0, "MADV_PAGEOUT");
	check(p[0] == 'k', "the page still holds what was written: %c", p[0]);
	check_ret(madv(p, PAGE, MADV_REMOVE), -EINVAL, "MADV_REMOVE on private anonymous memory");
	__syscall2(__NR_munmap, (long)p, PAGE);
}

static void dontneed(void)
{
	char *p = map(4, PROT_READ | PROT_WRITE, MAP_PRIVATE);

	memset(p, 'a', 4 * PAGE);
	check_ret(madv(p + PAGE, PAGE, MADV_DONTNEED), 0, "MADV_DONTNEED the second of 4 written pages");
	check(all(p + PAGE, 0, PAGE), "it reads back as zeroes");
	check(all(p, 'a', PAGE) && all(p + 2 * PAGE, 'a', 2 * PAGE), "the others kept their bytes");

	memset(p, 'b', 4 * PAGE);
	check_ret(__syscall2(__NR_munmap, (long)(p + PAGE), PAGE), 0, "munmap the second: [A][hole][C][D]");
	check_ret(madv(p, 3 * PAGE, MADV_DONTNEED), -ENOMEM, "MADV_DONTNEED over [A][hole][C]");
	check(all(p, 0, PAGE), "A was dropped all the same");
	check(all(p + 2 * PAGE, 0, PAGE), "and so was C, after the hole");
	check(all(p + 3 * PAGE, 'b', PAGE), "D, after the range, kept its bytes");
	memset(p + 2 * PAGE, 'c', 2 * PAGE);
	check_ret(madv(p + PAGE, 2 * PAGE, MADV_DONTNEED), -ENOMEM, "MADV_DONTNEED over [hole][C]");
	check(all(p + 2 * PAGE, 0, PAGE), "C was dropped");
	check_ret(__syscall2(__NR_munmap, (long)(p + 3 * PAGE), PAGE), 0, "munmap D: [A][hole][C][hole]");
	memset(p + 2 * PAGE, 'd', PAGE);
	check_ret(madv(p + 2 * PAGE, 2 * PAGE, MADV_DONTNEED), -ENOMEM, "MADV_DONTNEED over [C][hole]");
	check(all(p + 2 * PAGE, 0, PAGE), "C was dropped");
	check_ret(madv(p + PAGE, PAGE, MADV_NORMAL), -ENOMEM, "MADV_NORMAL on the hole alone");
	__syscall2(__NR_munmap, (long)p, 4 * PAGE);

	p = map(1, PROT_NONE, MAP_PRIVATE);
	check_ret(madv(p, PAGE, MADV_DONTNEED), 0, "MADV_DONTNEED on PROT_NONE memory");
	__syscall2(__NR_munmap, (long)p, PAGE);

	p = map(1, PROT_READ | PROT_WRITE, MAP_SHARED);
	memset(p, 's', PAGE);
	check_ret(madv(p, PAGE, MADV_DONTNEED), 0, "MADV_DONTNEED on shared anonymous memory");
	check(all(p, 's', PAGE), "it keeps its bytes: they live in the shared object");
	check_ret(madv(p, PAGE, MADV_REMOVE), 0, "MADV_REMOVE on it");
	check(all(p, 0, PAGE), "that punched a hole: zeroes");
	check_ret(madv(p, PAGE, MADV_FREE), -EINVAL, "MADV_FREE on shared memory");
	check_ret(madv(p, PAGE, MADV_WIPEONFORK), -EINVAL, "MADV_WIPEONFORK on shared memory");
	__syscall2(__NR_munmap, (long)p, PAGE);
}

static void file_mappings(void)
{
	char *f = (char *)__syscall6(__NR_mmap2, 0, PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE, motd, 0);
	char *s;

	check(!IS_ERR(f), "map /etc/motd private and writable at %p", (void *)f);
	check(memcmp(f, file, PAGE) == 0, "it reads as the file, zeroes after its end");
	memset(f, 'X', 64);
	check_ret(madv(f, PAGE, MADV_DONTNEED), 0, "MADV_DONTNEED after writing over its start");
	check(memcmp(f, file, PAGE) == 0, "it reads as the file again");
	check_ret(madv(f, PAGE, MADV_FREE), -EINVAL, "MADV_FREE on a file mapping");
	check_ret(madv(f, PAGE, MADV_WIPEONFORK), -EINVAL, "MADV_WIPEONFORK on a file mapping");
	check_ret(madv(f, PAGE, MADV_REMOVE), -EACCES, "MADV_REMOVE on a private file mapping");
	check_ret(madv(f, PAGE, MADV_POPULATE_WRITE), 0, "MADV_POPULATE_WRITE on it");
	check(memcmp(f, file, PAGE) == 0, "it still reads as the file");
	__syscall2(__NR_munmap, (long)f, PAGE);

	s = (char *)__syscall6(__NR_mmap2, 0, 2 * PAGE, PROT_READ, MAP_SHARED, motd, 0);
	check(!IS_ERR(s), "map /etc/motd shared, read-only, over two pages at %p", (void *)s);
	check_ret(madv(s, PAGE, MADV_REMOVE), -EACCES, "MADV_REMOVE on a read-only shared file mapping");
	check_ret(madv(s, PAGE, MADV_POPULATE_READ), 0, "MADV_POPULATE_READ of its first page");
	check_ret(madv(s, 2 * PAGE, MADV_POPULATE_READ), -EFAULT,
		  "of both: the second is past the end of the %ld-byte file (SIGBUS)", size);
	check_ret(madv(s, PAGE, MADV_POPULATE_WRITE), -EINVAL, "MADV_POPULATE_WRITE of a read-only mapping");
	check(memcmp(s, file, PAGE) == 0, "the first page reads as the file");
	__syscall2(__NR_munmap, (long)s, 2 * PAGE);
}

static void free_and_populate(void)
{
	char *p = map(4, PROT_READ | PROT_WRITE, MAP_PRIVATE);
	long before, after;
	int odd = -1;

	memset(p, 'f', 4 * PAGE);
	check_ret(madv(p, 4 * PAGE, MADV_FREE), 0, "MADV_FREE on 4 written pages");
	for (int i = 0; i < 4; i++)
		if (!all(p + i * PAGE, 'f', PAGE) && !all(p + i * PAGE, 0, PAGE))
			odd = i;
	check(odd < 0, "each page reads back as what was written or as zeroes (first that does not: %d)", odd);
	p[0] = 'g';
	check(p[0] == 'g', "and can be written again");
	__syscall2(__NR_munmap, (long)p, 4 * PAGE);

	p = map(16, PROT_READ | PROT_WRITE, MAP_PRIVATE);
	before = free_pages();
	check_ret(madv(p, 16 * PAGE, MADV_POPULATE_WRITE), 0, "MADV_POPULATE_WRITE of 16 untouched pages");
	after = free_pages();
	if (before >= 0)
		check(before - after >= 16, "it took 16 pages from the kernel: %ld free before, %ld after",
		      before, after);
	else
		skip("no free page count on this kernel: pages taken by MADV_POPULATE_WRITE");
	check(all(p, 0, 16 * PAGE), "they read as zeroes");
	memset(p, 'w', 16 * PAGE);
	before = free_pages();
	check_ret(madv(p, 16 * PAGE, MADV_DONTNEED), 0, "MADV_DONTNEED of them, written");
	after = free_pages();
	if (before >= 0)
		check(after - before >= 16, "it gave 16 pages back: %ld free before, %ld after", before, after);
	else
		skip("no free page count on this kernel: pages given back by MADV_DONTNEED");
	check(all(p, 0, 16 * PAGE), "they read as zeroes again");
	check_ret(madv(p, PAGE, MADV_POPULATE_READ), 0, "MADV_POPULATE_READ of one");
	check_ret(__syscall2(__NR_munmap, (long)(p + PAGE), PAGE), 0, "munmap the second page");
	check_ret(madv(p, 3 * PAGE, MADV_POPULATE_READ), -ENOMEM, "MADV_POPULATE_READ over a hole");
	check_ret(madv(p + PAGE, PAGE, MADV_POPULATE_WRITE), -ENOMEM, "MADV_POPULATE_WRITE of the hole");
	check_ret(__syscall3(__NR_mprotect, (long)(p + 2 * PAGE), PAGE, PROT_NONE), 0, "make the third PROT_NONE");
	check_ret(madv(p + 2 * PAGE, PAGE, MADV_POPULATE_READ), -EINVAL, "MADV_POPULATE_READ of PROT_NONE");
	check_ret(__syscall3(__NR_mprotect, (long)(p + 2 * PAGE), PAGE, PROT_READ), 0, "make it PROT_READ");
	check_ret(madv(p + 2 * PAGE, PAGE, MADV_POPULATE_WRITE), -EINVAL, "MADV_POPULATE_WRITE of PROT_READ");
	check_ret(madv(p + 2 * PAGE, PAGE, MADV_POPULATE_READ), 0, "MADV_POPULATE_READ of it");
	__syscall2(__NR_munmap, (long)p, 16 * PAGE);
}

int main(void)
{
	struct utsname u;

	check_ret(uname(&u), 0, "uname: machine %s", u.machine);
	motd = __syscall3(__NR_open, (long)"/etc/motd", O_RDONLY, 0);
	check(motd >= 0, "open(\"/etc/motd\") = %ld", motd);
	size = __syscall3(__NR_read, motd, (long)file, sizeof(file));
	check(size > 64 && size < (long)PAGE, "read it: %ld bytes, less than a page", size);
	arguments(strcmp(u.machine, "x86_64") == 0);
	dontneed();
	file_mappings();
	free_and_populate();
	return done();
}
