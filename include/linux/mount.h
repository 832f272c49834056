/*
 * Mounts (Linux's include/linux/mount.h and include/linux/path.h): a
 * vfsmount puts a file system's root dentry over a dentry of its parent
 * mount (the mount point); a path is the pair the walk moves with.
 */
#ifndef PAGODA_MOUNT_H
#define PAGODA_MOUNT_H

#include <stdbool.h>
#include "linux/dcache.h"
#include "linux/list.h"

#define MNT_READONLY 0x40       /* the mount's own read-only flag (Linux's) */
#define MNT_RELATIME 0x20

struct vfsmount {
	struct dentry *mnt_root;
	struct super_block *mnt_sb;
	struct vfsmount *mnt_parent;    /* itself for the root mount */
	struct dentry *mnt_mountpoint;  /* in mnt_parent */
	struct list_head mnt_list;      /* every mount, in the order made: /proc/mounts */
	int mnt_count;                  /* references: the tree's, and every struct path's */
	int mnt_flags;                  /* MNT_* */
	int mnt_id;                     /* /proc/PID/mountinfo's first number */
	char *mnt_devname;              /* what mount's source said ("proc", "tmpfs") */
};

struct path {
	struct vfsmount *mnt;
	struct dentry *dentry;
};

static inline struct vfsmount *mntget(struct vfsmount *mnt)
{
	if (mnt)
		mnt->mnt_count++;
	return mnt;
}

static inline void mntput(struct vfsmount *mnt)
{
	if (mnt)
		mnt->mnt_count--;
}

static inline void path_get(const struct path *p)
{
	mntget(p->mnt);
	dget(p->dentry);
}

static inline void path_put(const struct path *p)
{
	dput(p->dentry);
	mntput(p->mnt);
}

static inline bool path_equal(const struct path *a, const struct path *b)
{
	return a->mnt == b->mnt && a->dentry == b->dentry;
}

/* fs/namespace.c */
/* The mount on path (the newest), or NULL (Linux's lookup_mnt; no reference taken). */
struct vfsmount *lookup_mnt(const struct path *path);
struct file_system_type;
struct mount_args;
/* A mount of type for the kernel's own use, in no tree and not in /proc/mounts (Linux's kern_mount): NULL with *err. */
struct vfsmount *kern_mount(const struct file_system_type *type, const struct mount_args *args, int *err);
/* Is the mount read-only, by its own flag or its super block's (Linux's __mnt_is_readonly)? */
bool mnt_is_readonly(const struct vfsmount *mnt);
/* The root of everything: the first mount's root (no reference taken). */
void get_fs_root_path(struct path *root);
/* Every mount, oldest first, for /proc/mounts. */
extern struct list_head mount_list;

#endif
