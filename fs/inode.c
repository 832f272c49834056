/*
 * Inodes (Linux's fs/inode.c and fs/file_table.c, without the inode
 * cache): each path walk makes the inodes it passes, counted by i_count,
 * and a struct file holds one for as long as it is open.
 */
#include "linux/blkdev.h"
#include "linux/errno.h"
#include "linux/fs.h"
#include "linux/slab.h"
#include "linux/string.h"

/* A new inode of sb reached by the canonical path: i_count 1, or NULL if no memory. */
struct inode *new_inode(struct super_block *sb, const char *path)
{
	struct inode *inode = kzalloc(sizeof(*inode), GFP_KERNEL);
	size_t len = strlen(path);

	if (!inode)
		return NULL;
	inode->i_path = kmalloc(len + 1, GFP_KERNEL);
	if (!inode->i_path) {
		kfree(inode);
		return NULL;
	}
	memcpy(inode->i_path, path, len + 1);
	inode->i_sb = sb;
	inode->i_count = 1;
	init_rwsem(&inode->i_rwsem);
	inode->i_nlink = 1;
	return inode;
}

struct inode *igrab(struct inode *inode)
{
	inode->i_count++;
	return inode;
}

void iput(struct inode *inode)
{
	if (inode && --inode->i_count == 0) {
		kfree(inode->i_path);
		if (inode->i_sb->s_free_inode)
			inode->i_sb->s_free_inode(inode);
		else
			kfree(inode);
	}
}

/* Open of a character device: the driver's operations, found by number (Linux's chrdev_open). */
static int chrdev_open(struct inode *inode, struct file *f)
{
	const struct file_operations *fops = chrdev_fops(inode->i_rdev);

	if (!fops)
		return -ENXIO;
	f->f_op = fops;
	return fops->open ? fops->open(inode, f) : 0;
}

static const struct file_operations def_chr_fops = { .open = chrdev_open };

void init_special_inode(struct inode *inode, unsigned int mode, unsigned int rdev)
{
	inode->i_mode = mode;
	if (S_ISCHR(mode)) {
		inode->i_fop = &def_chr_fops;
		inode->i_rdev = rdev;
	} else if (S_ISBLK(mode)) {
		inode->i_fop = &def_blk_fops;
		inode->i_rdev = rdev;
	}
	/* FIFOs and sockets: no operations yet (Linux's pipefifo_fops: a named pipe's open is not here) */
}

struct file *alloc_file(struct inode *inode, int flags, const struct file_operations *fop)
{
	struct file *f = kzalloc(sizeof(*f), GFP_KERNEL);

	if (!f)
		return NULL;
	f->count = 1;
	f->f_flags = (unsigned int)flags & ~(O_CREAT | O_EXCL | O_NOCTTY | O_TRUNC);   /* as do_dentry_open */
	f->f_op = fop;
	if (inode) {
		f->f_inode = igrab(inode);
		f->name = inode->i_name ? inode->i_name : inode->i_path ? inode->i_path : "";
		f->data = inode->i_private;
		f->size = (size_t)inode->i_size;
		f->mode = inode->i_mode;
		f->ino = (unsigned int)inode->i_ino;
	}
	return f;
}

struct file *generic_file_open(struct inode *inode, int flags, int *err)
{
	struct file *f = alloc_file(inode, flags, inode->i_fop);

	if (!f) {
		*err = -ENOMEM;
		return NULL;
	}
	if (f->f_op && f->f_op->open) {
		*err = f->f_op->open(inode, f);
		if (*err) {
			fput(f);
			return NULL;
		}
	}
	return f;
}

/*
 * What stat reports of an inode (Linux's generic_fillattr): blocks count
 * whole pages, as tmpfs's do.
 */
void generic_fillattr(struct inode *inode, struct kstat *st)
{
	if (inode->i_op && inode->i_op->getattr)
		inode->i_op->getattr(inode);
	memset(st, 0, sizeof(*st));
	st->mode = inode->i_mode;
	st->nlink = inode->i_nlink;
	st->ino = inode->i_ino;
	st->dev = inode->i_sb->s_dev;
	st->rdev = inode->i_rdev;
	st->size = inode->i_size;
	st->blksize = 4096;
	if (inode->i_sb->s_counts_blocks)
		st->blocks = inode->i_blocks;
	else
		st->blocks = S_ISREG(inode->i_mode) ? ((unsigned long long)inode->i_size + 4095) / 4096 * 8 : 0;
	st->uid = inode->i_uid;
	st->gid = inode->i_gid;
	st->atime_sec = inode->i_atime_sec;
	st->atime_nsec = inode->i_atime_nsec;
	st->mtime_sec = inode->i_mtime_sec;
	st->mtime_nsec = inode->i_mtime_nsec;
	st->ctime_sec = inode->i_ctime_sec;
	st->ctime_nsec = inode->i_ctime_nsec;
}

struct file *get_file(struct file *f)
{
	f->count++;
	return f;
}

/* Drop a reference; the last one calls f_op->release and frees the file (Linux's fput and __fput). */
void fput(struct file *f)
{
	if (--f->count > 0)
		return;
	if (f->f_op && f->f_op->release)
		f->f_op->release(f->f_inode, f);
	iput(f->f_inode);
	if (f->f_path.dentry)
		path_put(&f->f_path);
	kfree(f);
}
