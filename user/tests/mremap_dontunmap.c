/*
 * mremap with MREMAP_DONTUNMAP (Linux 5.7; as in Linux 6.1): the pages move to a new range and the
 * old range stays mapped but empty, so it reads zeroes (or the file again) and faults in fresh
 * pages. The same cases as Linux's selftest (tools/testing/selftests/vm/mremap_dontunmap.c): a
 * plain move, a move onto a MREMAP_FIXED destination, a part of a mapping, a move over part of a
 * larger destination, a shared mapping (there a memfd, here MAP_SHARED|MAP_ANONYMOUS, both
 * shmem); then a private file mapping (allowed since Linux 5.13), and the argument checks.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <syscall.h>
#include <unistd.h>
#include <sys/mman.h>
#include "check.h"

#define P    PAGE_SIZE
#define RW   (PROT_READ | PROT_WRITE)
#define ANON (MAP_PRIVATE | MAP_ANONYMOUS)
#define MOVE (MREMAP_MAYMOVE | MREMAP_DONTUNMAP)

static long raw_mremap(long old, unsigned long old_size, unsigned long new_size, int flags, long new_addr)
{
	return __syscall5(__NR_mremap, old, old_size, new_size, flags, new_addr);
}

static long map_anywhere(unsigned long len, char c)
{
	long a = __syscall6(__NR_mmap2, 0, len, RW, ANON, -1, 0);

	check(!IS_ERR(a), "mmap %lu pages = %#lx", len / P, a);
	memset((char *)a, c, len);
	return a;
}

/* Does [addr, addr + len) hold only c? */
static int all(long addr, unsigned long len, char c)
{
	for (unsigned long i = 0; i < len; i++)
		if (((volatile char *)addr)[i] != c)
			return 0;
	return 1;
}

/* Is the old range still a mapping? MAP_FIXED_NOREPLACE over it must say EEXIST. */
static long still_mapped(long addr, unsigned long len)
{
	return __syscall6(__NR_mmap2, addr, len, RW, ANON | MAP_FIXED_NOREPLACE, -1, 0);
}

static void simple(void)
{
	long src = map_anywhere(5 * P, 'a'), dst;

	dst = raw_mremap(src, 5 * P, 5 * P, MOVE, 0);
	check(!IS_ERR(dst) && dst != src, "simple: 5 pages moved from %#lx to %#lx", src, dst);
	check(all(dst, 5 * P, 'a'), "simple: the destination holds the data");
	check_ret(still_mapped(src, 5 * P), -EEXIST, "simple: the old range is still mapped");
	check(all(src, 5 * P, 0), "simple: and reads zeroes");
	memset((char *)src, 'c', 5 * P);
	check(all(src, 5 * P, 'c') && all(dst, 5 * P, 'a'), "simple: writing it faults in fresh pages of its own");
	__syscall2(__NR_munmap, src, 5 * P);
	__syscall2(__NR_munmap, dst, 5 * P);
}

static void fixed(void)
{
	long src = map_anywhere(5 * P, 'a'), dst = map_anywhere(5 * P, 'b');

	check_ret(raw_mremap(src, 5 * P, 5 * P, MOVE | MREMAP_FIXED, dst), dst,
		  "fixed: 5 pages onto a mapped destination with MREMAP_FIXED");
	check(all(dst, 5 * P, 'a'), "fixed: the destination's old pages are replaced");
	check(all(src, 5 * P, 0), "fixed: the old range reads zeroes");
	__syscall2(__NR_munmap, src, 5 * P);
	__syscall2(__NR_munmap, dst, 5 * P);
}

static void partial(void)
{
	long src = map_anywhere(10 * P, 'a'), dst;

	dst = raw_mremap(src, 5 * P, 5 * P, MOVE, 0);
	check(!IS_ERR(dst) && (dst + 5 * (long)P <= src || dst >= src + 10 * (long)P),
	      "partial: the first 5 of 10 pages moved to %#lx", dst);
	check(all(dst, 5 * P, 'a'), "partial: the destination holds them");
	check(all(src, 5 * P, 0), "partial: the moved part of the old range reads zeroes");
	check(all(src + 5 * P, 5 * P, 'a'), "partial: the rest is untouched");
	__syscall2(__NR_munmap, src, 10 * P);
	__syscall2(__NR_munmap, dst, 5 * P);
}

static void partial_overwrite(void)
{
	long src = map_anywhere(5 * P, 'a'), dst = map_anywhere(10 * P, 'b');

	check_ret(raw_mremap(src, 5 * P, 5 * P, MOVE | MREMAP_FIXED, dst), dst,
		  "partial overwrite: 5 pages onto the start of a 10-page mapping");
	check(all(dst, 5 * P, 'a'), "partial overwrite: the first 5 pages are the moved ones");
	check(all(dst + 5 * P, 5 * P, 'b'), "partial overwrite: the last 5 are untouched");
	check(all(src, 5 * P, 0), "partial overwrite: the old range reads zeroes");
	__syscall2(__NR_munmap, src, 5 * P);
	__syscall2(__NR_munmap, dst, 10 * P);
}

/* A private file mapping: the old range reads the file again, not what was written to it. */
static void file(void)
{
	long fd = __syscall3(__NR_open, (long)"/etc/motd", O_RDONLY, 0), src, dst;
	char first;

	check(fd >= 0, "file: open(\"/etc/motd\") = %ld", fd);
	src = __syscall6(__NR_mmap2, 0, P, RW, MAP_PRIVATE, fd, 0);
	check(!IS_ERR(src), "file: mmap it private and writable = %#lx", src);
	first = *(volatile char *)src;
	check(first != 0, "file: its first byte is %#x", first);
	*(volatile char *)src = 0;
	dst = raw_mremap(src, P, P, MOVE, 0);
	check(!IS_ERR(dst) && dst != src, "file: the page moved to %#lx", dst);
	check(*(volatile char *)dst == 0, "file: the destination has the written copy");
	check(*(volatile char *)src == first, "file: the old range reads the file again");
	__syscall2(__NR_munmap, src, P);
	__syscall2(__NR_munmap, dst, P);
	__syscall1(__NR_close, fd);
}

/* A shared anonymous mapping is one object (shmem): afterwards both ranges show the same pages. */
static void shared(void)
{
	long src = __syscall6(__NR_mmap2, 0, 3 * P, RW, MAP_SHARED | MAP_ANONYMOUS, -1, 0), dst;

	check(!IS_ERR(src), "shared: mmap 3 shared anonymous pages = %#lx", src);
	memset((char *)src, 'a', 2 * P);        /* the third page is never touched */
	dst = raw_mremap(src, 3 * P, 3 * P, MOVE, 0);
	check(!IS_ERR(dst) && dst != src, "shared: moved to %#lx", dst);
	check(all(dst, 2 * P, 'a') && all(dst + 2 * P, P, 0), "shared: the destination shows the pages");
	check(all(src, 2 * P, 'a') && all(src + 2 * P, P, 0), "shared: so does the old range, still");
	*(volatile char *)src = 'z';
	*(volatile char *)(dst + 2 * P) = 'y';
	check(*(volatile char *)dst == 'z' && *(volatile char *)(src + 2 * P) == 'y',
	      "shared: a write through either range shows in the other");
	__syscall2(__NR_munmap, src, 3 * P);
	check(all(dst + P, P, 'a'), "shared: unmapping the old range leaves the new one");
	__syscall2(__NR_munmap, dst, 3 * P);
}

static void invalid(void)
{
	long src = map_anywhere(2 * P, 'a'), other;

	check_ret(raw_mremap(src, P, P, MREMAP_DONTUNMAP, 0), -EINVAL, "without MREMAP_MAYMOVE");
	check_ret(raw_mremap(src, P, P, MREMAP_DONTUNMAP | MREMAP_FIXED, src + 4 * P), -EINVAL,
		  "with MREMAP_FIXED but without MREMAP_MAYMOVE");
	check_ret(raw_mremap(src, P, 2 * P, MOVE, 0), -EINVAL, "growing");
	check_ret(raw_mremap(src, 2 * P, P, MOVE, 0), -EINVAL, "shrinking");
	check_ret(raw_mremap(src, P, P + 1, MOVE, 0), -EINVAL, "sizes that differ before rounding");
	check_ret(raw_mremap(src, 0, 0, MOVE, 0), -EINVAL, "size 0");
	check_ret(raw_mremap(src, P, P, MOVE, src + 1), -EINVAL, "an unaligned address hint");
	check_ret(raw_mremap(src, 2 * P, 2 * P, MOVE, src + P), -EINVAL, "a hint overlapping the old range");
	check_ret(raw_mremap(src + P, 2 * P, 2 * P, MOVE, 0), -EFAULT, "an old range past the end of its VMA");
	check(all(src, 2 * P, 'a'), "after all that, the mapping is unchanged");
	other = raw_mremap(src, 2 * P, 2 * P, MOVE, 0x74000000);
	check_ret(other, 0x74000000, "a free, aligned hint is taken");
	__syscall2(__NR_munmap, src, 2 * P);
	__syscall2(__NR_munmap, other, 2 * P);
}

int main(void)
{
	long probe = map_anywhere(P, 'a'), moved = raw_mremap(probe, P, P, MOVE, 0);

	if (moved == -EINVAL)
		fail("this kernel has no MREMAP_DONTUNMAP (Linux 5.7 added it)");
	check(!IS_ERR(moved), "the kernel supports MREMAP_DONTUNMAP");
	__syscall2(__NR_munmap, probe, P);
	__syscall2(__NR_munmap, moved, P);
	simple();
	fixed();
	partial();
	partial_overwrite();
	file();
	shared();
	invalid();
	return done();
}
