/*
 * sync, syncfs, fsync and fdatasync (Linux's fs/sync.c): what was written
 * reaches the disk before they return.
 */
#include "linux/errno.h"
#include "linux/fs.h"
#include "linux/mount.h"
#include "linux/pagemap.h"
#include "linux/syscalls.h"

/* Every file system's dirty pages, then each one's metadata (Linux's ksys_sync). Always 0. */
long sys_sync(void)
{
	struct vfsmount *mnt;

	sync_all_mappings();
	list_for_each_entry(mnt, &mount_list, mnt_list)
		if (mnt->mnt_sb->s_sync_fs)
			mnt->mnt_sb->s_sync_fs(mnt->mnt_sb);
	return 0;
}

/* The file system fd is on (Linux's syncfs): 0, -EBADF, or the write-back's -EIO. */
long sys_syncfs(int fd)
{
	struct file *f = fget(fd);
	struct super_block *sb;

	if (!f)
		return -EBADF;
	sb = f->f_inode ? f->f_inode->i_sb : NULL;
	if (!sb || !sb->s_sync_fs)
		return 0;
	sync_all_mappings();
	return sb->s_sync_fs(sb);
}

/* Linux's do_fsync: -EBADF, -EINVAL for a file that cannot be synced (a pipe, a terminal), or ->fsync's. */
static long do_fsync(int fd, int datasync)
{
	struct file *f = fget(fd);

	if (!f)
		return -EBADF;
	if (!f->f_op || !f->f_op->fsync)
		return -EINVAL;
	return f->f_op->fsync(f, 0, MAX_LFS_FILESIZE, datasync);
}

long sys_fsync(int fd)
{
	return do_fsync(fd, 0);
}

long sys_fdatasync(int fd)
{
	return do_fsync(fd, 1);
}
