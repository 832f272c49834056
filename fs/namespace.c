/*
 * mount and umount2 (Linux's fs/namespace.c): the checks and flags of
 * Linux's path_mount and ksys_umount over Pagoda's mounts (fs/super.c).
 * A remount changes whether the file system is read-only (MS_RDONLY);
 * MS_REMOUNT | MS_BIND does the same, as Pagoda has one mount per super
 * block.
 */
#include "linux/errno.h"
#include "linux/fs.h"
#include "linux/slab.h"
#include "linux/string.h"
#include "linux/syscalls.h"
#include "linux/uaccess.h"

#define MS_RDONLY      0x00000001       /* mount's flags (Linux's include/uapi/linux/mount.h) */
#define MS_REMOUNT     0x00000020
#define MS_BIND        0x00001000
#define MS_MOVE        0x00002000
#define MS_REC         0x00004000
#define MS_UNBINDABLE  (1 << 17)
#define MS_PRIVATE     (1 << 18)
#define MS_SLAVE       (1 << 19)
#define MS_SHARED      (1 << 20)
#define MS_NOUSER      (1U << 31)
#define MS_MGC_VAL     0xC0ED0000       /* the magic number old programs put in the top half */
#define MS_MGC_MSK     0xffff0000

#define MNT_FORCE       0x00000001      /* umount2's flags */
#define MNT_DETACH      0x00000002
#define MNT_EXPIRE      0x00000004
#define UMOUNT_NOFOLLOW 0x00000008

/* A string argument of mount (Linux's copy_mount_string): NULL stays NULL; else a copy, or NULL with *err. */
static char *copy_mount_string(const char *ustr, int *err)
{
	*err = 0;
	return ustr ? getname_flags(ustr, true, err) : NULL;
}

/* Linux's do_remount: only the root of a mount can be remounted (-EINVAL otherwise). */
static long do_remount(struct inode *inode, unsigned long flags)
{
	struct super_block *sb = inode->i_sb;
	bool rdonly = flags & MS_RDONLY;

	if (!is_mount_root(inode))
		return -EINVAL;
	if (rdonly == sb->s_rdonly)
		return 0;
	if (sb->s_remount)
		return sb->s_remount(sb, rdonly);
	sb->s_rdonly = rdonly;
	return 0;
}

long sys_mount(const char *udev, const char *udir, const char *utype, unsigned long flags, const void *udata)
{
	char *type, *dev = NULL;
	struct inode *inode;
	long err;
	int e;

	(void)udata;
	type = copy_mount_string(utype, &e);
	if (e)
		return e;
	dev = copy_mount_string(udev, &e);
	err = e;
	if (err)
		goto out_type;
	err = user_path_at(AT_FDCWD, udir, LOOKUP_FOLLOW, &inode);
	if (err)
		goto out_dev;
	if ((flags & MS_MGC_MSK) == MS_MGC_VAL)
		flags &= ~MS_MGC_MSK;
	if (flags & MS_NOUSER)
		err = -EINVAL;
	else if (flags & MS_REMOUNT)
		err = do_remount(inode, flags);
	else if (flags & (MS_BIND | MS_MOVE | MS_SHARED | MS_PRIVATE | MS_SLAVE | MS_UNBINDABLE))
		err = -EINVAL;  /* one mount per file system: nothing to bind, move or propagate */
	else if (!type)
		err = -EINVAL;
	else
		err = do_new_mount(inode, type, dev, flags & MS_RDONLY, udata);
	iput(inode);
out_dev:
	putname(dev);
out_type:
	putname(type);
	return err;
}

long sys_umount(const char *upath, int flags)
{
	struct inode *inode;
	unsigned int lookup = LOOKUP_FOLLOW;
	long err;

	if (flags & ~(MNT_FORCE | MNT_DETACH | MNT_EXPIRE | UMOUNT_NOFOLLOW))
		return -EINVAL;
	if (flags & UMOUNT_NOFOLLOW)
		lookup = 0;
	err = user_path_at(AT_FDCWD, upath, lookup, &inode);
	if (err)
		return err;
	if (!is_mount_root(inode))
		err = -EINVAL;
	else
		err = do_umount(inode, flags & MNT_DETACH);
	iput(inode);
	return err;
}

long sys_oldumount(const char *upath)
{
	return sys_umount(upath, 0);
}
