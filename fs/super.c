/*
 * Super blocks and the kinds of file system (Linux's fs/super.c and
 * fs/filesystems.c): the initramfs read in place (read-only), /proc and
 * /dev have one super block each, whatever mounts them; tmpfs
 * (mm/shmem.c) makes a new one for every mount.
 * Until fs/proc lands, weak stand-ins make /proc an empty directory.
 */
#include "linux/errno.h"
#include "linux/fs.h"
#include "linux/proc_fs.h"
#include "linux/slab.h"
#include "linux/string.h"

static struct file *proc_s_open(struct inode *inode, int flags, int *err);

/* st_dev of each: Linux numbers such anonymous super blocks 0:N */
/* /proc's names come and go with processes: its dentries are not kept (Linux's pid_delete_dentry) */
struct super_block proc_sb = { .s_type = "proc", .s_dev = 4, .s_magic = PROC_SUPER_MAGIC,
			       .s_open = proc_s_open, .s_d_delete = true };

static struct inode *proc_root_inode(int *err);

/* One /proc for every mount of it (Linux's: one per PID namespace). */
static struct dentry *proc_mount(const struct mount_args *args, int *err)
{
	(void)args;
	if (!proc_sb.s_root) {
		struct inode *root = proc_root_inode(err);

		if (!root)
			return NULL;
		proc_sb.s_root = d_make_root(root);
		if (!proc_sb.s_root) {
			*err = -ENOMEM;
			return NULL;
		}
	}
	return dget(proc_sb.s_root);
}

/*
 * devtmpfs (Linux's drivers/base/devtmpfs.c): one tmpfs for every mount
 * of it, made at the first with a node for each device Pagoda has.
 */
static struct dentry *devtmpfs_mount(const struct mount_args *args, int *err)
{
	static struct dentry *root;

	if (!root) {
		struct mount_args dev = { .type = "devtmpfs", .data = "mode=755" };

		(void)args;
		root = shmem_mount(&dev, err);
		if (!root)
			return NULL;
		root->d_sb->s_active++;         /* it outlives its mounts */
		devtmpfs_populate(root);
	}
	return dget(root);
}

/* The kinds of file system mount knows (Linux's file_systems list, /proc/filesystems). */
static const struct file_system_type filesystems[] = {
	{ .name = "rootfs", .mount = shmem_mount },     /* Linux's rootfs is a tmpfs when it has one */
	{ .name = "proc", .mount = proc_mount },
	{ .name = "devtmpfs", .mount = devtmpfs_mount },
	{ .name = "tmpfs", .mount = shmem_mount },
	{ .name = "ramfs", .mount = shmem_mount },
	{ .name = "ext2", .mount = ext2_mount },
};

const struct file_system_type *get_fs_type(const char *name)
{
	for (size_t i = 0; i < sizeof(filesystems) / sizeof(filesystems[0]); i++)
		if (!strcmp(name, filesystems[i].name))
			return &filesystems[i];
	return NULL;
}

/* /proc's inodes: what proc_getattr says of the path below /proc. */
static const char *proc_rel(const struct inode *inode)
{
	const char *p = inode->i_path + strlen("/proc");

	return *p == '/' ? p + 1 : p;
}

static struct inode *proc_make_inode(const char *path, int *err);

static struct inode *proc_lookup(struct inode *dir, const char *name, int len, int *err)
{
	size_t dlen = strlen(dir->i_path);
	char *path = kmalloc(dlen + (size_t)len + 2, GFP_KERNEL);
	struct inode *inode;

	if (!path) {
		*err = -ENOMEM;
		return NULL;
	}
	memcpy(path, dir->i_path, dlen);
	path[dlen] = '/';
	memcpy(path + dlen + 1, name, (size_t)len);
	path[dlen + 1 + len] = '\0';
	inode = proc_make_inode(path, err);
	kfree(path);
	return inode;
}

static int proc_inode_readlink(struct inode *inode, char *buf, int size)
{
	return proc_readlink(proc_rel(inode), buf, size);
}

static struct file *proc_inode_get_magic_link(struct inode *inode, int *err)
{
	return proc_get_link(proc_rel(inode), err);
}

static const struct inode_operations proc_iops = {
	.lookup = proc_lookup, .readlink = proc_inode_readlink, .get_magic_link = proc_inode_get_magic_link,
};

static struct inode *proc_make_inode(const char *path, int *err);

static struct inode *proc_root_inode(int *err)
{
	return proc_make_inode("/proc", err);
}

static struct inode *proc_make_inode(const char *path, int *err)
{
	struct inode *inode = new_inode(&proc_sb, path);
	struct kstat st;

	if (!inode) {
		*err = -ENOMEM;
		return NULL;
	}
	*err = proc_getattr(proc_rel(inode), &st);
	if (*err) {
		iput(inode);
		return NULL;
	}
	inode->i_mode = st.mode;
	inode->i_ino = st.ino;
	inode->i_nlink = st.nlink;
	inode->i_size = st.size;
	inode->i_op = &proc_iops;
	return inode;
}

static struct file *proc_s_open(struct inode *inode, int flags, int *err)
{
	struct file *f = proc_open(proc_rel(inode), flags, err);

	if (f && !f->f_inode) {
		f->f_inode = igrab(inode);
		f->mode = inode->i_mode;
		f->ino = (unsigned int)inode->i_ino;
	}
	return f;
}

/* Stand-ins for fs/proc (which replaces them): /proc is an empty directory. */
__attribute__((weak)) int proc_getattr(const char *path, struct kstat *st)
{
	if (*path)
		return -ENOENT;
	memset(st, 0, sizeof(*st));
	st->mode = S_IFDIR | 0555;
	st->ino = 1;
	st->nlink = 2;
	return 0;
}

static int proc_stub_iterate(struct file *f, struct dir_context *ctx)
{
	(void)f;
	while (ctx->pos < 2) {
		if (!dir_emit(ctx, "..", ctx->pos == 0 ? 1 : 2, 1, DT_DIR))
			return 0;
		ctx->pos++;
	}
	return 0;
}

static const struct file_operations proc_stub_dir_fops = {
	.iterate_shared = proc_stub_iterate,
	.llseek = dcache_dir_lseek,
};

__attribute__((weak)) struct file *proc_open(const char *path, int flags, int *err)
{
	struct file *f;

	(void)flags;
	if (*path) {
		*err = -ENOENT;
		return NULL;
	}
	f = alloc_file(NULL, flags, &proc_stub_dir_fops);
	if (!f)
		*err = -ENOMEM;
	return f;
}

__attribute__((weak)) struct file *proc_get_link(const char *path, int *err)
{
	(void)path;
	*err = 0;
	return NULL;
}

__attribute__((weak)) int proc_readlink(const char *path, char *buf, int size)
{
	(void)path, (void)buf, (void)size;
	return -EINVAL;
}
