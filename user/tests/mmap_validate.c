/*
 * mmap's flag checks in Linux 6.1's order (ksys_mmap_pgoff, do_mmap): a bad
 * fd, or MAP_HUGETLB on a file that is not hugetlbfs, first; then len 0
 * (-EINVAL), where the range goes (MAP_FIXED: -ENOMEM if it does not fit,
 * before -EINVAL for an unaligned address), MAP_FIXED_NOREPLACE's -EEXIST;
 * then the type: MAP_SHARED_VALIDATE refuses flags outside LEGACY_MAP_MASK
 * (MAP_SYNC, MAP_FIXED_NOREPLACE: -EOPNOTSUPP) before -EACCES, and for
 * anonymous memory it is no type at all (-EINVAL); a file without an mmap
 * operation (the console, a directory) is -ENODEV after those. Anonymous
 * MAP_HUGETLB with no huge pages reserved is -ENOMEM, of a size i386 has not
 * -EINVAL.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <syscall.h>
#include <unistd.h>
#include <sys/mman.h>
#include "check.h"

#define P    PAGE_SIZE
#define R    PROT_READ
#define RW   (PROT_READ | PROT_WRITE)
#define ANON MAP_ANONYMOUS
#define TOP  PAGE_OFFSET

static long map(unsigned long addr, unsigned long len, int prot, int flags, int fd)
{
	return __syscall6(__NR_mmap2, addr, len, prot, flags, fd, 0);
}

static void anonymous(void)
{
	check_ret(map(0, P, RW, MAP_SHARED_VALIDATE | ANON, -1), -EINVAL,
		  "anonymous MAP_SHARED_VALIDATE: -EINVAL");
	check_ret(map(0, P, RW, MAP_SHARED_VALIDATE | ANON | 0x800000, -1), -EINVAL,
		  "anonymous MAP_SHARED_VALIDATE with an unknown bit: -EINVAL");
	check_ret(map(0, TOP - 0x10000000, RW, ANON, -1), -ENOMEM,
		  "no type and no room: -ENOMEM comes first");
	check_ret(map(TOP - P + 1, 2 * P, RW, MAP_PRIVATE | ANON | MAP_FIXED, -1), -ENOMEM,
		  "MAP_FIXED past the top, unaligned: -ENOMEM before -EINVAL");
	check_ret(map(0x50000001, 2 * P, RW, MAP_PRIVATE | ANON | MAP_FIXED, -1), -EINVAL,
		  "MAP_FIXED unaligned: -EINVAL");
	check_ret(map(0, P, RW, MAP_SHARED | ANON | MAP_GROWSDOWN, -1), -EINVAL,
		  "shared anonymous MAP_GROWSDOWN: -EINVAL");
	check_ret(map(0, 0, RW, MAP_PRIVATE | ANON | MAP_HUGETLB, -1), -EINVAL, "MAP_HUGETLB of 0 bytes");
	check_ret(map(0, P, RW, ANON | MAP_HUGETLB, -1), -EINVAL, "MAP_HUGETLB with no type: -EINVAL");
	check_ret(map(0, P, RW, MAP_PRIVATE | ANON | MAP_HUGETLB, -1), -ENOMEM,
		  "MAP_HUGETLB with no huge pages reserved: -ENOMEM");
	check_ret(map(0, P, RW, MAP_SHARED | ANON | MAP_HUGETLB, -1), -ENOMEM,
		  "shared MAP_HUGETLB: -ENOMEM");
	if (on_x86_64()) {
		skip("the huge page sizes of a 64-bit kernel are not i386's");
	} else {
		check_ret(map(0, P, RW, MAP_PRIVATE | ANON | MAP_HUGETLB | (22 << MAP_HUGE_SHIFT), -1),
			  -ENOMEM, "MAP_HUGETLB of 4 MiB pages: -ENOMEM");
		check_ret(map(0, P, RW, MAP_PRIVATE | ANON | MAP_HUGETLB | (21 << MAP_HUGE_SHIFT), -1),
			  -EINVAL, "MAP_HUGETLB of 2 MiB pages (PAE's): -EINVAL without PAE");
	}
	check_ret(map(0, P, RW, MAP_PRIVATE | ANON | MAP_HUGETLB | (30 << MAP_HUGE_SHIFT), -1), -EINVAL,
		  "MAP_HUGETLB of 1 GiB pages: -EINVAL");
}

static void regular_file(void)
{
	int fd = __syscall2(__NR_open, (long)"/etc/motd", O_RDONLY);
	long r;

	check(fd >= 0, "open /etc/motd read-only");
	r = map(0, P, R, MAP_SHARED_VALIDATE, fd);
	check(!IS_ERR(r), "MAP_SHARED_VALIDATE of a file with legacy flags maps");
	__syscall2(__NR_munmap, r, P);
	check_ret(map(0, P, R, MAP_SHARED_VALIDATE | 0x800000, fd), -EOPNOTSUPP,
		  "MAP_SHARED_VALIDATE with an unknown bit: -EOPNOTSUPP");
	check_ret(map(0, P, RW, MAP_SHARED_VALIDATE | MAP_SYNC, fd), -EOPNOTSUPP,
		  "MAP_SYNC, which the file does not support: -EOPNOTSUPP before -EACCES");
	check_ret(map(0, P, RW, MAP_SHARED_VALIDATE, fd), -EACCES,
		  "shared writable on a read-only fd: -EACCES");
	check_ret(map(0x50000000, P, R, MAP_SHARED_VALIDATE | MAP_FIXED_NOREPLACE, fd), -EOPNOTSUPP,
		  "MAP_FIXED_NOREPLACE is not in LEGACY_MAP_MASK: -EOPNOTSUPP");
	r = map(0, P, R, MAP_SHARED | MAP_SYNC, fd);
	check(!IS_ERR(r), "plain MAP_SHARED ignores MAP_SYNC");
	__syscall2(__NR_munmap, r, P);
	check_ret(map(0, P, R, MAP_SHARED | MAP_HUGETLB, fd), -EINVAL,
		  "MAP_HUGETLB on a file that is not hugetlbfs: -EINVAL");
	check_ret(map(0, P, R, MAP_SHARED | MAP_GROWSDOWN, fd), -EINVAL, "a file MAP_GROWSDOWN: -EINVAL");
	check_ret(map(0, P, R, 0, fd), -EINVAL, "a file with no type: -EINVAL");
	__syscall1(__NR_close, fd);
}

#define __NR_mount_ 21           /* i386 numbers the libc's syscall.h lacks */
#define __NR_umount2_ 52
#define __NR_unlink_ 10
#define __NR_ftruncate 93

/* Every mapping reads: a write-only descriptor maps nothing, private or shared (-EACCES, Linux's FMODE_READ check). */
static void write_only(void)
{
	long fd;

	/* a tmpfs of its own: the oracle's root is read-only */
	check_ret(__syscall5(__NR_mount_, (long)"none", (long)"/tmp", (long)"tmpfs", 0, 0), 0, "mount a tmpfs on /tmp");
	fd = __syscall3(__NR_open, (long)"/tmp/wo", O_CREAT | O_WRONLY, 0644);
	check(fd >= 0, "open /tmp/wo write-only");
	check_ret(__syscall2(__NR_ftruncate, fd, P), 0, "ftruncate it to a page");
	check_ret(map(0, P, R, MAP_PRIVATE, fd), -EACCES, "private read map of a write-only fd: -EACCES");
	check_ret(map(0, P, RW, MAP_SHARED, fd), -EACCES, "shared writable map of a write-only fd: -EACCES");
	__syscall1(__NR_close, fd);
	check_ret(__syscall1(__NR_unlink_, (long)"/tmp/wo"), 0, "unlink it");
	check_ret(__syscall2(__NR_umount2_, (long)"/tmp", 0), 0, "umount /tmp");
}

/* The console and directories have no mmap: -ENODEV, after the checks before it. */
static void no_mmap(void)
{
	int dfd = __syscall2(__NR_open, (long)"/etc", O_RDONLY | O_DIRECTORY);

	check_ret(map(0, P, R, MAP_PRIVATE, 1), -ENODEV, "mmap of the console (fd 1): -ENODEV");
	check_ret(map(0, P, RW, MAP_SHARED, 1), -ENODEV, "shared and writable: still -ENODEV (a tty is read-write)");
	check_ret(map(0, P, R, MAP_SHARED | MAP_GROWSDOWN, 1), -ENODEV, "-ENODEV before MAP_GROWSDOWN's -EINVAL");
	check_ret(map(0, P, R, MAP_SHARED_VALIDATE | 0x800000, 1), -EOPNOTSUPP, "-EOPNOTSUPP before -ENODEV");
	check_ret(map(0, 0, R, MAP_PRIVATE, 1), -EINVAL, "length 0: -EINVAL before -ENODEV");
	check_ret(map(0, P, R, MAP_PRIVATE | MAP_HUGETLB, 1), -EINVAL, "MAP_HUGETLB on the console: -EINVAL");
	check(dfd >= 0, "open /etc as a directory");
	check_ret(map(0, P, R, MAP_PRIVATE, dfd), -ENODEV, "mmap of a directory: -ENODEV");
	check_ret(map(0, P, RW, MAP_SHARED, dfd), -EACCES, "shared writable on a directory: -EACCES first");
	check_ret(map(0, P, R, MAP_PRIVATE | MAP_GROWSDOWN, dfd), -ENODEV, "a directory MAP_GROWSDOWN: -ENODEV");
	__syscall1(__NR_close, dfd);
}

/* lseek on a directory: dcache_dir_lseek takes SEEK_SET and SEEK_CUR only. */
static void dir_lseek(void)
{
	int dfd = __syscall2(__NR_open, (long)"/etc", O_RDONLY | O_DIRECTORY);

	check_ret(__syscall3(__NR_lseek, dfd, 0, SEEK_END), -EINVAL, "directory SEEK_END: -EINVAL");
	check_ret(__syscall3(__NR_lseek, dfd, 0, SEEK_DATA), -EINVAL, "directory SEEK_DATA: -EINVAL");
	check_ret(__syscall3(__NR_lseek, dfd, 0, SEEK_HOLE), -EINVAL, "directory SEEK_HOLE: -EINVAL");
	check_ret(__syscall3(__NR_lseek, dfd, -1, SEEK_SET), -EINVAL, "directory to -1: -EINVAL");
	check_ret(__syscall3(__NR_lseek, dfd, 5, SEEK_SET), 5, "directory SEEK_SET 5");
	check_ret(__syscall3(__NR_lseek, dfd, 0, SEEK_CUR), 5, "and SEEK_CUR says 5");
	check_ret(__syscall3(__NR_lseek, dfd, 0x7fffffff, SEEK_SET), 0x7fffffff, "a directory has no size limit");
	__syscall1(__NR_close, dfd);
}

int main(void)
{
	anonymous();
	regular_file();
	write_only();
	no_mmap();
	dir_lseek();
	return done();
}
