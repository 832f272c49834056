/*
 * The stat family and readlink (Linux's fs/stat.c): a kstat from the
 * inode (or, for a descriptor with none, from the file), written out in
 * each ABI's layout: Linux i386's struct stat and stat64, and statx.
 */
#include "linux/errno.h"
#include "linux/fs.h"
#include "linux/slab.h"
#include "linux/string.h"
#include "linux/syscalls.h"
#include "linux/uaccess.h"
#include "linux/uio.h"

#define STATX_BASIC_STATS 0x000007ffU
#define STATX_MNT_ID      0x00001000U
#define STATX__RESERVED   0x80000000U
#define PIPEFS_DEV        12    /* 0:12: where Linux's pipefs usually sits */

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

struct statx_timestamp {
	long long tv_sec;
	unsigned int tv_nsec;
	int __reserved;
};

/* struct statx (include/uapi/linux/stat.h), 256 bytes. */
struct statx {
	unsigned int stx_mask, stx_blksize;
	unsigned long long stx_attributes;
	unsigned int stx_nlink, stx_uid, stx_gid;
	unsigned short stx_mode, __spare0;
	unsigned long long stx_ino, stx_size, stx_blocks, stx_attributes_mask;
	struct statx_timestamp stx_atime, stx_btime, stx_ctime, stx_mtime;
	unsigned int stx_rdev_major, stx_rdev_minor, stx_dev_major, stx_dev_minor;
	unsigned long long stx_mnt_id;
	unsigned int stx_dio_mem_align, stx_dio_offset_align;
	unsigned long long __spare3[12];
};

/* fstat of a file: its inode's attributes, or for a pipe or the console what the file says. */
static int vfs_fstat(int fd, struct kstat *st)
{
	struct file *f = fget(fd);

	if (!f)
		return -EBADF;
	if (f->f_inode) {
		generic_fillattr(f->f_inode, st);
		return 0;
	}
	memset(st, 0, sizeof(*st));
	st->mode = f->mode;
	st->ino = f->ino;
	st->nlink = 1;
	st->blksize = 4096;
	if (f->console) {
		st->rdev = (4 << 8) | 64;       /* ttyS0 is char 4:64 */
		st->dev = 6;
	} else {
		st->dev = PIPEFS_DEV;
	}
	return 0;
}

/* Linux's vfs_statx: the path from dfd (links followed unless AT_SYMLINK_NOFOLLOW; "" with AT_EMPTY_PATH: dfd itself). */
static int vfs_statx(int dfd, const char *upath, int flags, struct kstat *st)
{
	unsigned int lookup = (flags & AT_SYMLINK_NOFOLLOW) ? 0 : LOOKUP_FOLLOW;
	struct path path;
	char *name;
	int err;

	if (flags & AT_EMPTY_PATH)
		lookup |= LOOKUP_EMPTY;
	name = getname_flags(upath, flags & AT_EMPTY_PATH, &err);
	if (!name)
		return err;
	if (!name[0] && dfd != AT_FDCWD) {
		putname(name);
		return vfs_fstat(dfd, st);
	}
	err = filename_lookup(dfd, name, lookup, &path, NULL);
	putname(name);
	if (err)
		return err;
	generic_fillattr(path.dentry->d_inode, st);
	path_put(&path);
	return 0;
}

/* A uid or gid for a 16-bit field: 65534 if it does not fit (Linux's high2lowuid, overflowuid). */
static unsigned int high2lowuid(unsigned int id)
{
	return id & ~0xffffU ? 65534 : id;
}

/* The three times of k into struct stat's 32-bit second and nanosecond fields (Linux's cp_old_stat). */
static void fill_times(const struct kstat *k, unsigned long *a, unsigned long *an, unsigned long *m,
		       unsigned long *mn, unsigned long *c, unsigned long *cn)
{
	*a = (unsigned long)k->atime_sec;
	*an = (unsigned long)k->atime_nsec;
	*m = (unsigned long)k->mtime_sec;
	*mn = (unsigned long)k->mtime_nsec;
	*c = (unsigned long)k->ctime_sec;
	*cn = (unsigned long)k->ctime_nsec;
}

static long cp_old_stat(const struct kstat *k, void *ubuf)
{
	struct stat st;

	BUILD_BUG_ON(sizeof(struct stat) != 64);
	memset(&st, 0, sizeof(st));
	st.st_dev = k->dev;
	st.st_ino = k->ino;
	st.st_mode = (unsigned short)k->mode;
	st.st_nlink = (unsigned short)k->nlink;
	st.st_uid = (unsigned short)high2lowuid(k->uid);
	st.st_gid = (unsigned short)high2lowuid(k->gid);
	st.st_rdev = k->rdev;
	fill_times(k, &st.st_atime, &st.st_atime_nsec, &st.st_mtime, &st.st_mtime_nsec, &st.st_ctime, &st.st_ctime_nsec);
	if (k->size > 0x7fffffffLL)
		return -EOVERFLOW;
	st.st_size = (unsigned long)k->size;
	st.st_blksize = k->blksize;
	st.st_blocks = (unsigned long)k->blocks;
	return copy_to_user(ubuf, &st, sizeof(st)) ? -EFAULT : 0;
}

static long cp_new_stat64(const struct kstat *k, void *ubuf)
{
	struct stat64 st;

	BUILD_BUG_ON(sizeof(struct stat64) != 96);
	memset(&st, 0, sizeof(st));
	st.st_dev = k->dev;
	st.__st_ino = k->ino;
	st.st_ino = k->ino;
	st.st_mode = k->mode;
	st.st_nlink = k->nlink;
	st.st_uid = k->uid;
	st.st_gid = k->gid;
	st.st_rdev = k->rdev;
	st.st_atime = (unsigned long)k->atime_sec;      /* struct stat64 is packed: no pointers to its fields */
	st.st_atime_nsec = (unsigned long)k->atime_nsec;
	st.st_mtime = (unsigned long)k->mtime_sec;
	st.st_mtime_nsec = (unsigned long)k->mtime_nsec;
	st.st_ctime = (unsigned long)k->ctime_sec;
	st.st_ctime_nsec = (unsigned long)k->ctime_nsec;
	st.st_size = k->size;
	st.st_blksize = k->blksize;
	st.st_blocks = k->blocks;
	return copy_to_user(ubuf, &st, sizeof(st)) ? -EFAULT : 0;
}

/* new_encode_dev's major and minor */
static unsigned int dev_major(unsigned int dev) { return (dev & 0xfff00) >> 8; }
static unsigned int dev_minor(unsigned int dev) { return (dev & 0xff) | ((dev >> 12) & 0xfff00); }

static long cp_statx(const struct kstat *k, void *ubuf)
{
	struct statx sx;

	BUILD_BUG_ON(sizeof(struct statx) != 256);
	memset(&sx, 0, sizeof(sx));
	sx.stx_mask = STATX_BASIC_STATS | STATX_MNT_ID;
	sx.stx_blksize = k->blksize;
	sx.stx_nlink = k->nlink;
	sx.stx_uid = k->uid;
	sx.stx_gid = k->gid;
	sx.stx_mode = (unsigned short)k->mode;
	sx.stx_atime.tv_sec = k->atime_sec;
	sx.stx_atime.tv_nsec = (unsigned int)k->atime_nsec;
	sx.stx_mtime.tv_sec = k->mtime_sec;
	sx.stx_mtime.tv_nsec = (unsigned int)k->mtime_nsec;
	sx.stx_ctime.tv_sec = k->ctime_sec;
	sx.stx_ctime.tv_nsec = (unsigned int)k->ctime_nsec;
	sx.stx_ino = k->ino;
	sx.stx_size = (unsigned long long)k->size;
	sx.stx_blocks = k->blocks;
	sx.stx_rdev_major = dev_major(k->rdev);
	sx.stx_rdev_minor = dev_minor(k->rdev);
	sx.stx_dev_major = dev_major(k->dev);
	sx.stx_dev_minor = dev_minor(k->dev);
	sx.stx_mnt_id = k->dev;
	return copy_to_user(ubuf, &sx, sizeof(sx)) ? -EFAULT : 0;
}

long sys_fstat(int fd, void *ubuf)
{
	struct kstat k;
	long err = vfs_fstat(fd, &k);

	return err ?: cp_old_stat(&k, ubuf);
}

long sys_fstat64(int fd, void *ubuf)
{
	struct kstat k;
	long err = vfs_fstat(fd, &k);

	return err ?: cp_new_stat64(&k, ubuf);
}

long sys_stat(const char *upath, void *ubuf)
{
	struct kstat k;
	long err = vfs_statx(AT_FDCWD, upath, 0, &k);

	return err ?: cp_old_stat(&k, ubuf);
}

long sys_lstat(const char *upath, void *ubuf)
{
	struct kstat k;
	long err = vfs_statx(AT_FDCWD, upath, AT_SYMLINK_NOFOLLOW, &k);

	return err ?: cp_old_stat(&k, ubuf);
}

long sys_stat64(const char *upath, void *ubuf)
{
	struct kstat k;
	long err = vfs_statx(AT_FDCWD, upath, 0, &k);

	return err ?: cp_new_stat64(&k, ubuf);
}

long sys_lstat64(const char *upath, void *ubuf)
{
	struct kstat k;
	long err = vfs_statx(AT_FDCWD, upath, AT_SYMLINK_NOFOLLOW, &k);

	return err ?: cp_new_stat64(&k, ubuf);
}

long sys_fstatat64(int dfd, const char *upath, void *ubuf, int flags)
{
	struct kstat k;
	long err;

	if (flags & ~(AT_SYMLINK_NOFOLLOW | AT_NO_AUTOMOUNT | AT_EMPTY_PATH))
		return -EINVAL;
	err = vfs_statx(dfd, upath, flags, &k);
	return err ?: cp_new_stat64(&k, ubuf);
}

long sys_statx(int dfd, const char *upath, int flags, unsigned int mask, void *ubuf)
{
	struct kstat k;
	long err;

	if (flags & ~(AT_SYMLINK_NOFOLLOW | AT_NO_AUTOMOUNT | AT_EMPTY_PATH | AT_STATX_SYNC_TYPE))
		return -EINVAL;
	if ((flags & AT_STATX_SYNC_TYPE) == AT_STATX_SYNC_TYPE || (mask & STATX__RESERVED))
		return -EINVAL;
	err = vfs_statx(dfd, upath, flags, &k);
	return err ?: cp_statx(&k, ubuf);
}

/*
 * readlinkat (Linux's do_readlinkat): bufsiz first (-EINVAL), then the
 * walk; not a link is -EINVAL, or -ENOENT for "" (the descriptor itself).
 */
long sys_readlinkat(int dfd, const char *upath, char *ubuf, int bufsiz)
{
	struct path path;
	struct inode *inode;
	char *name, *buf;
	int err;
	bool empty;

	if (bufsiz <= 0)
		return -EINVAL;
	name = getname_flags(upath, true, &err);
	if (!name)
		return err;
	empty = !name[0];
	err = filename_lookup(dfd, name, LOOKUP_EMPTY, &path, NULL);
	putname(name);
	if (err)
		return err;
	inode = path.dentry->d_inode;
	buf = kmalloc(PATH_MAX, GFP_KERNEL);
	if (!buf)
		err = -ENOMEM;
	else if (!S_ISLNK(inode->i_mode) || !inode->i_op || !inode->i_op->readlink)
		err = empty ? -ENOENT : -EINVAL;
	else
		err = inode->i_op->readlink(inode, buf, bufsiz < PATH_MAX ? bufsiz : PATH_MAX);
	if (err > 0 && copy_to_user(ubuf, buf, (unsigned long)err))
		err = -EFAULT;
	kfree(buf);
	path_put(&path);
	return err;
}

long sys_readlink(const char *upath, char *ubuf, int bufsiz)
{
	return sys_readlinkat(AT_FDCWD, upath, ubuf, bufsiz);
}
