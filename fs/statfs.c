/*
 * statfs, fstatfs and their 64-bit forms (Linux's fs/statfs.c): the file
 * system's numbers (->s_statfs) and the mount's flags, written out in
 * Linux i386's struct statfs (32-bit words: -EOVERFLOW when a number does
 * not fit) or struct statfs64 (84 bytes; any other size is -EINVAL).
 */
#include "linux/errno.h"
#include "linux/fs.h"
#include "linux/string.h"
#include "linux/syscalls.h"
#include "linux/uaccess.h"

#define ST_RDONLY   0x0001      /* f_flags (Linux's include/linux/statfs.h) */
#define ST_VALID    0x0020      /* f_flags holds the mount's flags */
#define ST_RELATIME 0x1000

/* Linux i386's struct statfs, 64 bytes. */
struct statfs {
	unsigned int f_type, f_bsize, f_blocks, f_bfree, f_bavail, f_files, f_ffree;
	int f_fsid[2];
	unsigned int f_namelen, f_frsize, f_flags, f_spare[4];
};

/* Linux i386's struct statfs64, 84 bytes (its 64-bit fields 4-aligned). */
struct statfs64 {
	unsigned int f_type, f_bsize;
	unsigned long long f_blocks, f_bfree, f_bavail, f_files, f_ffree;
	int f_fsid[2];
	unsigned int f_namelen, f_frsize, f_flags, f_spare[4];
} __attribute__((packed, aligned(4)));

/* Linux's simple_statfs: what ramfs and the like say. */
static int simple_statfs(struct super_block *sb, struct kstatfs *buf)
{
	buf->f_type = sb->s_magic;
	buf->f_bsize = 4096;
	buf->f_namelen = NAME_MAX;
	return 0;
}

/* Linux's vfs_statfs: the numbers, f_frsize defaulting to f_bsize, and ST_* of the mount. */
static int vfs_statfs(const struct path *path, struct kstatfs *buf)
{
	struct super_block *sb = path->dentry->d_sb;
	int err;

	memset(buf, 0, sizeof(*buf));
	err = sb->s_statfs ? sb->s_statfs(sb, buf) : simple_statfs(sb, buf);
	if (err)
		return err;
	if (!buf->f_frsize)
		buf->f_frsize = buf->f_bsize;
	/* mounts are relatime by default, as Linux's (MNT_RELATIME) */
	buf->f_flags = ST_VALID | ST_RELATIME | (mnt_is_readonly(path->mnt) ? ST_RDONLY : 0);
	return 0;
}

static int user_statfs(const char *upath, struct kstatfs *buf)
{
	struct path path;
	int err = user_path_at(AT_FDCWD, upath, LOOKUP_FOLLOW, &path);

	if (err)
		return err;
	err = vfs_statfs(&path, buf);
	path_put(&path);
	return err;
}

/* A descriptor with no inode (a pipe, the console) is on a pseudo file system with no blocks. */
static int fd_statfs(int fd, struct kstatfs *buf)
{
	struct file *f = fget(fd);

	if (!f)
		return -EBADF;
	if (f->f_path.dentry)
		return vfs_statfs(&f->f_path, buf);
	memset(buf, 0, sizeof(*buf));
	buf->f_bsize = buf->f_frsize = 4096;
	buf->f_namelen = NAME_MAX;
	buf->f_flags = ST_VALID | ST_RELATIME;
	return 0;
}

static int do_statfs_native(const struct kstatfs *st, struct statfs *ubuf)
{
	struct statfs buf = {
		.f_type = (unsigned int)st->f_type, .f_bsize = (unsigned int)st->f_bsize,
		.f_blocks = (unsigned int)st->f_blocks, .f_bfree = (unsigned int)st->f_bfree,
		.f_bavail = (unsigned int)st->f_bavail, .f_files = (unsigned int)st->f_files,
		.f_ffree = (unsigned int)st->f_ffree, .f_namelen = (unsigned int)st->f_namelen,
		.f_frsize = (unsigned int)st->f_frsize, .f_flags = (unsigned int)st->f_flags,
	};

	if ((st->f_blocks | st->f_bfree | st->f_bavail) >> 32)
		return -EOVERFLOW;
	if ((st->f_files != ~0ULL && (st->f_files >> 32)) || (st->f_ffree != ~0ULL && (st->f_ffree >> 32)))
		return -EOVERFLOW;
	memcpy(buf.f_fsid, st->f_fsid, sizeof(buf.f_fsid));
	return copy_to_user(ubuf, &buf, sizeof(buf)) ? -EFAULT : 0;
}

static int do_statfs64(const struct kstatfs *st, struct statfs64 *ubuf)
{
	struct statfs64 buf = {
		.f_type = (unsigned int)st->f_type, .f_bsize = (unsigned int)st->f_bsize,
		.f_blocks = st->f_blocks, .f_bfree = st->f_bfree, .f_bavail = st->f_bavail,
		.f_files = st->f_files, .f_ffree = st->f_ffree, .f_namelen = (unsigned int)st->f_namelen,
		.f_frsize = (unsigned int)st->f_frsize, .f_flags = (unsigned int)st->f_flags,
	};

	memcpy(buf.f_fsid, st->f_fsid, sizeof(buf.f_fsid));
	return copy_to_user(ubuf, &buf, sizeof(buf)) ? -EFAULT : 0;
}

long sys_statfs(const char *upath, void *ubuf)
{
	struct kstatfs st;
	int err = user_statfs(upath, &st);

	return err ?: do_statfs_native(&st, ubuf);
}

long sys_fstatfs(int fd, void *ubuf)
{
	struct kstatfs st;
	int err = fd_statfs(fd, &st);

	return err ?: do_statfs_native(&st, ubuf);
}

long sys_statfs64(const char *upath, unsigned long sz, void *ubuf)
{
	struct kstatfs st;
	int err;

	if (sz != sizeof(struct statfs64))
		return -EINVAL;
	err = user_statfs(upath, &st);
	return err ?: do_statfs64(&st, ubuf);
}

long sys_fstatfs64(int fd, unsigned long sz, void *ubuf)
{
	struct kstatfs st;
	int err;

	if (sz != sizeof(struct statfs64))
		return -EINVAL;
	err = fd_statfs(fd, &st);
	return err ?: do_statfs64(&st, ubuf);
}

_Static_assert(sizeof(struct statfs) == 64, "Linux i386's struct statfs");
_Static_assert(sizeof(struct statfs64) == 84, "Linux i386's struct statfs64");
