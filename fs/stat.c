/*
 * fstat and fstat64 (Linux's fs/stat.c), in Linux i386's struct layouts.
 */
#include "linux/errno.h"
#include "linux/fs.h"
#include "linux/string.h"
#include "linux/syscalls.h"
#include "linux/uaccess.h"
#include "linux/uio.h"

/* struct stat of Linux i386 (asm/stat.h), 64 bytes. */
struct stat {
	unsigned long st_dev, st_ino;
	unsigned short st_mode, st_nlink, st_uid, st_gid;
	unsigned long st_rdev, st_size, st_blksize, st_blocks;
	unsigned long st_atime, st_atime_nsec, st_mtime, st_mtime_nsec, st_ctime, st_ctime_nsec;
	unsigned long __unused4, __unused5;
};

/* struct stat64 of Linux i386, 96 bytes. */
struct stat64 {
	unsigned long long st_dev;
	unsigned char __pad0[4];
	unsigned long __st_ino;
	unsigned int st_mode, st_nlink;
	unsigned long st_uid, st_gid;
	unsigned long long st_rdev;
	unsigned char __pad3[4];
	long long st_size;
	unsigned long st_blksize;
	unsigned long long st_blocks;
	unsigned long st_atime, st_atime_nsec, st_mtime, st_mtime_nsec, st_ctime, st_ctime_nsec;
	unsigned long long st_ino;
} __attribute__((packed));

long sys_fstat(int fd, void *ubuf)
{
	struct file *f = fget(fd);
	struct stat st;

	BUILD_BUG_ON(sizeof(struct stat) != 64);
	if (!f)
		return -EBADF;
	memset(&st, 0, sizeof(st));
	st.st_ino = f->ino;
	st.st_mode = (unsigned short)f->mode;
	st.st_nlink = 1;
	st.st_size = f->size;
	st.st_blksize = 4096;
	st.st_blocks = (f->size + 511) / 512;
	st.st_rdev = f->console ? (4 << 8) | 64 : 0;    /* ttyS0 is char 4:64 */
	return copy_to_user(ubuf, &st, sizeof(st)) ? -EFAULT : 0;
}

long sys_fstat64(int fd, void *ubuf)
{
	struct file *f = fget(fd);
	struct stat64 st;

	BUILD_BUG_ON(sizeof(struct stat64) != 96);
	if (!f)
		return -EBADF;
	memset(&st, 0, sizeof(st));
	st.__st_ino = f->ino;
	st.st_ino = f->ino;
	st.st_mode = f->mode;
	st.st_nlink = 1;
	st.st_size = (long long)f->size;
	st.st_blksize = 4096;
	st.st_blocks = (f->size + 511) / 512;
	st.st_rdev = f->console ? (4 << 8) | 64 : 0;
	return copy_to_user(ubuf, &st, sizeof(st)) ? -EFAULT : 0;
}
