/*
 * The mount tree (Linux's fs/namespace.c): each vfsmount sits on a
 * dentry of its parent mount; the walk steps onto it (follow_mount in
 * fs/namei.c). mount and umount2 with the checks and flags of Linux's
 * path_mount and ksys_umount: new mounts, remounts (read-only or not, of
 * the super block, or of the mount alone with MS_BIND), unmounts that are
 * -EBUSY while anything uses the mount.
 */
#include "linux/errno.h"
#include "linux/fs.h"
#include "linux/mm.h"
#include "linux/printk.h"
#include "linux/shmem_fs.h"
#include "linux/slab.h"
#include "linux/string.h"
#include "linux/syscalls.h"
#include "linux/uaccess.h"
#include "linux/writeback.h"

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

LIST_HEAD(mount_list);
static struct vfsmount *root_mnt;
static int next_mnt_id = 21;    /* Linux numbers its first mounts from about here; nothing depends on it */

bool mnt_is_readonly(const struct vfsmount *mnt)
{
	return (mnt->mnt_flags & MNT_READONLY) || mnt->mnt_sb->s_rdonly;
}

void get_fs_root_path(struct path *root)
{
	root->mnt = root_mnt;
	root->dentry = root_mnt->mnt_root;
}

struct vfsmount *lookup_mnt(const struct path *path)
{
	struct vfsmount *mnt;

	list_for_each_entry_reverse(mnt, &mount_list, mnt_list)
		if (mnt->mnt_parent == path->mnt && mnt->mnt_mountpoint == path->dentry && mnt != path->mnt)
			return mnt;
	return NULL;
}

/* A new mount of type's file system, not yet in the tree (Linux's vfs_kern_mount): NULL with *err. */
static struct vfsmount *vfs_kern_mount(const struct file_system_type *type, const struct mount_args *args,
				       int *err)
{
	struct vfsmount *mnt = kzalloc(sizeof(*mnt), GFP_KERNEL);
	const char *dev = args->dev ? args->dev : "none";

	if (!mnt) {
		*err = -ENOMEM;
		return NULL;
	}
	mnt->mnt_devname = kmalloc(strlen(dev) + 1, GFP_KERNEL);
	if (!mnt->mnt_devname) {
		kfree(mnt);
		*err = -ENOMEM;
		return NULL;
	}
	strlcpy(mnt->mnt_devname, dev, strlen(dev) + 1);
	mnt->mnt_root = type->mount(args, err);
	if (!mnt->mnt_root) {
		kfree(mnt->mnt_devname);
		kfree(mnt);
		return NULL;
	}
	mnt->mnt_sb = mnt->mnt_root->d_sb;
	mnt->mnt_sb->s_active++;
	mnt->mnt_count = 1;     /* the tree's */
	mnt->mnt_flags = MNT_RELATIME | (args->rdonly ? MNT_READONLY : 0);
	mnt->mnt_id = next_mnt_id++;
	mnt->mnt_parent = mnt;
	mnt->mnt_mountpoint = mnt->mnt_root;
	INIT_LIST_HEAD(&mnt->mnt_list);
	return mnt;
}

struct vfsmount *kern_mount(const struct file_system_type *type, const struct mount_args *args, int *err)
{
	return vfs_kern_mount(type, args, err);
}

/* Put mnt over the dentry of path (Linux's attach_mnt). */
static void attach_mnt(struct vfsmount *mnt, const struct path *path)
{
	mnt->mnt_parent = mntget(path->mnt);
	mnt->mnt_mountpoint = dget(path->dentry);
	path->dentry->d_mounted++;
	path->dentry->d_flags |= DCACHE_MOUNTED;
	list_add_tail(&mnt->mnt_list, &mount_list);
}

/* A mount is gone: its super block goes with its last mount. */
static void free_mnt(struct vfsmount *mnt)
{
	struct super_block *sb = mnt->mnt_sb;

	dput(mnt->mnt_root);
	if (--sb->s_active == 0 && sb->s_kill) {
		sb_wait_for_writeback(sb);      /* a flusher writing one of its inodes finishes first */
		sb->s_kill(sb);
	}
	kfree(mnt->mnt_devname);
	kfree(mnt);
}

int do_new_mount(const struct path *mountpoint, const struct mount_args *args)
{
	const struct file_system_type *type = get_fs_type(args->type);
	struct vfsmount *mnt;
	int err;

	if (!type)
		return -ENODEV;
	mnt = vfs_kern_mount(type, args, &err);
	if (!mnt)
		return err;
	/* Linux's graft_tree and do_add_mount: a directory only on a directory; not the same twice in one place */
	err = 0;
	if (S_ISDIR(mountpoint->dentry->d_inode->i_mode) != S_ISDIR(mnt->mnt_root->d_inode->i_mode))
		err = -ENOTDIR;
	else if (mountpoint->mnt->mnt_sb == mnt->mnt_sb && path_is_mountroot(mountpoint))
		err = -EBUSY;
	if (err) {
		free_mnt(mnt);
		return err;
	}
	attach_mnt(mnt, mountpoint);
	return 0;
}

int do_umount(struct path *path, bool detach)
{
	struct vfsmount *mnt = path->mnt, *child;
	struct dentry *mp;

	if (mnt == root_mnt) {
		/* Linux's do_umount_root: unmounting / only makes it read-only */
		if (!mnt->mnt_sb->s_rdonly && mnt->mnt_sb->s_remount)
			return mnt->mnt_sb->s_remount(mnt->mnt_sb, true);
		mnt->mnt_sb->s_rdonly = true;
		return 0;
	}
	list_for_each_entry(child, &mount_list, mnt_list)
		if (child->mnt_parent == mnt && child != mnt)
			return -EBUSY;
	/* the tree's reference and the caller's: anything more is a user (Linux's propagate_mount_busy(mnt, 2)) */
	if (mnt->mnt_count > 2 && !detach)
		return -EBUSY;
	list_del(&mnt->mnt_list);
	mp = mnt->mnt_mountpoint;
	if (--mp->d_mounted == 0)
		mp->d_flags &= ~DCACHE_MOUNTED;
	dput(mp);
	mntput(mnt->mnt_parent);
	mnt->mnt_parent = mnt;
	mnt->mnt_mountpoint = mnt->mnt_root;
	if (mnt->mnt_count > 2)
		return 0;       /* MNT_DETACH of a busy mount: it stays, out of the tree, for its users */
	mnt->mnt_count--;       /* the tree's */
	/*
	 * The caller's path goes with the mount, before the super block does:
	 * its dentry is the mount's root, whose inode the file system's
	 * ->kill_sb frees (ext2 writes it back), and the mount is freed here.
	 */
	dput(path->dentry);
	mnt->mnt_count--;
	path->dentry = NULL;
	path->mnt = NULL;
	free_mnt(mnt);
	return 0;
}

/* Mount type on the directory at path (made if the initramfs has none: a boot without one); a printk if it cannot be. */
static void mount_at_boot(const char *path, const char *type)
{
	struct mount_args args = { .type = type, .dev = type };
	struct path mp, parent;
	int err = filename_lookup(AT_FDCWD, path, LOOKUP_FOLLOW | LOOKUP_DIRECTORY, &mp, NULL);

	if (err == -ENOENT) {
		struct dentry *dentry = kern_path_create(AT_FDCWD, path, &parent, true, &err);

		if (dentry) {
			err = vfs_mkdir(parent.dentry->d_inode, dentry, 0755);
			done_path_create(&parent, dentry);
		}
		if (!err)
			err = filename_lookup(AT_FDCWD, path, LOOKUP_FOLLOW | LOOKUP_DIRECTORY, &mp, NULL);
	}

	if (!err) {
		err = do_new_mount(&mp, &args);
		path_put(&mp);
	}
	if (err)
		printk(KERN_ERR "mount: cannot mount %s on %s: %d\n", type, path, err);
}

void mnt_init(void)
{
	struct mount_args args = { .type = "rootfs", .dev = "rootfs" };
	int err;

	root_mnt = vfs_kern_mount(get_fs_type("rootfs"), &args, &err);
	if (!root_mnt)
		panic("mnt_init: cannot mount the root file system: %d", err);
	root_mnt->mnt_flags &= ~MNT_RELATIME;  /* Linux's init_mount_tree mounts it without */
	list_add_tail(&root_mnt->mnt_list, &mount_list);
	populate_rootfs();
	shmem_init();   /* the kernel's tmpfs for shared anonymous memory, before any process maps */
	/* Pagoda's own: /proc and /dev are there before init runs (Linux's init mounts them) */
	mount_at_boot("/proc", "proc");
	mount_at_boot("/dev", "devtmpfs");
}

/* A string argument of mount (Linux's copy_mount_string): NULL stays NULL; else a copy, or NULL with *err. */
static char *copy_mount_string(const char *ustr, int *err)
{
	*err = 0;
	return ustr ? getname_flags(ustr, true, err) : NULL;
}

/*
 * Linux's do_remount (the super block and the mount) and, with MS_BIND,
 * do_reconfigure_mnt (the mount only): only the root of a mount can be
 * remounted (-EINVAL otherwise).
 */
static long do_remount(const struct path *path, unsigned long flags)
{
	struct vfsmount *mnt = path->mnt;
	struct super_block *sb = mnt->mnt_sb;
	bool rdonly = flags & MS_RDONLY;
	int err = 0;

	if (!path_is_mountroot(path))
		return -EINVAL;
	if (!(flags & MS_BIND) && rdonly != sb->s_rdonly) {
		if (sb->s_remount)
			err = sb->s_remount(sb, rdonly);
		if (!err)
			sb->s_rdonly = rdonly;
	}
	if (err)
		return err;
	if (rdonly)
		mnt->mnt_flags |= MNT_READONLY;
	else
		mnt->mnt_flags &= ~MNT_READONLY;
	return 0;
}

/* The options string (Linux's copy_mount_options: at most a page, cut at a fault): NULL with *err. */
static char *copy_mount_options(const void *udata, int *err)
{
	char *data;
	unsigned long n;

	*err = 0;
	if (!udata)
		return NULL;
	data = kmalloc(PAGE_SIZE, GFP_KERNEL);
	if (!data) {
		*err = -ENOMEM;
		return NULL;
	}
	for (n = 0; n < PAGE_SIZE - 1; n++)
		if (copy_from_user(data + n, (const char *)udata + n, 1))
			break;
	if (n == 0) {
		kfree(data);
		*err = -EFAULT;
		return NULL;
	}
	data[n] = '\0';
	return data;
}

long sys_mount(const char *udev, const char *udir, const char *utype, unsigned long flags, const void *udata)
{
	char *type, *dev = NULL, *data = NULL;
	struct path path;
	long err;
	int e;

	type = copy_mount_string(utype, &e);
	if (e)
		return e;
	dev = copy_mount_string(udev, &e);
	err = e;
	if (err)
		goto out_type;
	data = copy_mount_options(udata, &e);
	err = e;
	if (err)
		goto out_dev;
	err = user_path_at(AT_FDCWD, udir, LOOKUP_FOLLOW, &path);
	if (err)
		goto out_data;
	if ((flags & MS_MGC_MSK) == MS_MGC_VAL)
		flags &= ~MS_MGC_MSK;
	if (flags & MS_NOUSER) {
		err = -EINVAL;
	} else if (flags & MS_REMOUNT) {
		err = do_remount(&path, flags);
	} else if (flags & (MS_BIND | MS_MOVE | MS_SHARED | MS_PRIVATE | MS_SLAVE | MS_UNBINDABLE)) {
		err = -EINVAL;  /* bind mounts, moves and propagation are not here yet */
	} else if (!type) {
		err = -EINVAL;
	} else {
		struct mount_args args = { .type = type, .dev = dev, .rdonly = flags & MS_RDONLY, .data = data };

		err = do_new_mount(&path, &args);
	}
	path_put(&path);
out_data:
	kfree(data);
out_dev:
	putname(dev);
out_type:
	putname(type);
	return err;
}

long sys_umount(const char *upath, int flags)
{
	struct path path;
	unsigned int lookup = LOOKUP_FOLLOW;
	long err;

	if (flags & ~(MNT_FORCE | MNT_DETACH | MNT_EXPIRE | UMOUNT_NOFOLLOW))
		return -EINVAL;
	if (flags & UMOUNT_NOFOLLOW)
		lookup = 0;
	err = user_path_at(AT_FDCWD, upath, lookup, &path);
	if (err)
		return err;
	if (!path_is_mountroot(&path))
		err = -EINVAL;
	else
		err = do_umount(&path, flags & MNT_DETACH);
	path_put(&path);
	return err;
}

long sys_oldumount(const char *upath)
{
	return sys_umount(upath, 0);
}
