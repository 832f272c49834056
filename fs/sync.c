/*
 * sync, syncfs, fsync and fdatasync (Linux's fs/sync.c): the dirty pages
 * of the page cache written back to their disks, and waited for. A file
 * system that keeps its files only in memory (the initramfs, tmpfs) has
 * nothing to write: its fsync is noop_fsync, 0 as on Linux. A file with
 * no fsync at all (a pipe, a terminal, /proc) is -EINVAL.
 */
#include "linux/errno.h"
#include "linux/fs.h"
#include "linux/mount.h"
#include "linux/pagemap.h"
#include "linux/syscalls.h"

#define LLONG_MAX 0x7fffffffffffffffLL

int noop_fsync(struct file *file, long long start, long long end, int datasync)
{
	(void)file, (void)start, (void)end, (void)datasync;
	return 0;
}

int generic_file_fsync(struct file *file, long long start, long long end, int datasync)
{
	(void)datasync;         /* no inode metadata of our own to write yet: ext2 adds it */
	return file_write_and_wait_range(file, start, end);
}

int vfs_fsync_range(struct file *file, long long start, long long end, int datasync)
{
	if (file->f_op && file->f_op->fsync)
		return file->f_op->fsync(file, start, end, datasync);
	return -EINVAL;
}

static long do_fsync(int fd, int datasync)
{
	struct file *file = fget(fd);

	if (!file)
		return -EBADF;
	return vfs_fsync_range(file, 0, LLONG_MAX, datasync);
}

long sys_fsync(int fd)
{
	return do_fsync(fd, 0);
}

long sys_fdatasync(int fd)
{
	return do_fsync(fd, 1);
}

/*
 * Every dirty page of every file, written back and waited for, then each
 * file system's own metadata (->sync_fs: ext2's inodes, bitmaps and super
 * block) (Linux's ksys_sync); always 0.
 */
long sys_sync(void)
{
	struct vfsmount *mnt;

	collect_all_dirty_ptes();
	sync_all_mappings();
	list_for_each_entry(mnt, &mount_list, mnt_list)
		if (mnt->mnt_sb->s_sync_fs)
			mnt->mnt_sb->s_sync_fs(mnt->mnt_sb);
	return 0;
}

/* As sync, for the file system holding fd (Pagoda writes every file's pages back): 0, -EBADF, or ->sync_fs's -EIO. */
long sys_syncfs(int fd)
{
	struct file *file = fget(fd);
	struct super_block *sb;

	if (!file)
		return -EBADF;
	collect_all_dirty_ptes();
	sync_all_mappings();
	sb = file->f_inode ? file->f_inode->i_sb : NULL;
	return sb && sb->s_sync_fs ? sb->s_sync_fs(sb) : 0;
}
