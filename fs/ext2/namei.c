/*
 * ext2 names (Linux's fs/ext2/namei.c): lookup, and making and removing
 * names, on top of dir.c's entries and ialloc.c's inodes. Link counts:
 * a directory has 2 + its subdirectories (its ".." in each).
 */
#include "linux/errno.h"
#include "linux/pagemap.h"
#include "linux/printk.h"
#include "linux/string.h"
#include "ext2.h"

static struct inode *ext2_lookup(struct inode *dir, const char *name, int len, int *err)
{
	unsigned long ino;
	struct inode *inode;

	if (len > EXT2_NAME_LEN) {
		*err = -ENAMETOOLONG;
		return NULL;
	}
	ino = ext2_inode_by_name(dir, name, len, err);
	if (!ino) {
		if (!*err)
			*err = -ENOENT;
		return NULL;
	}
	inode = ext2_iget(dir->i_sb, ino, err);
	if (!inode && *err == -ESTALE) {
		ext2_error(dir->i_sb, __func__, "deleted inode referenced:", ino);
		*err = -EIO;
	}
	return inode;
}

/* Give the new inode its name (Linux's ext2_add_nondir): on failure it goes again. */
static int add_nondir(struct inode *dir, struct dentry *dentry, struct inode *inode)
{
	int err = ext2_add_link(dir, dentry->d_name.name, (int)dentry->d_name.len, inode);

	if (err) {
		inode->i_nlink = 0;
		ext2_write_inode(inode, false);
		ext2_uncache(inode);
		iput(inode);
		return err;
	}
	d_instantiate(dentry, inode);
	return 0;
}

static int ext2_mknod(struct inode *dir, struct dentry *dentry, unsigned int mode, unsigned int dev)
{
	int err;
	struct inode *inode = ext2_new_inode(dir, mode, &err);

	if (!inode)
		return err;
	if (S_ISCHR(mode) || S_ISBLK(mode)) {
		inode->i_rdev = dev;
		ext2_set_inode_ops(inode);
		ext2_write_inode(inode, false);
	}
	return add_nondir(dir, dentry, inode);
}

static int ext2_create(struct inode *dir, struct dentry *dentry, unsigned int mode)
{
	return ext2_mknod(dir, dentry, mode, 0);
}

/* A fast symlink's target lives in i_data (under 60 bytes); a longer one in a block (Linux's ext2_symlink). */
static int ext2_symlink(struct inode *dir, struct dentry *dentry, const char *target)
{
	unsigned int len = (unsigned int)strlen(target);
	struct inode *inode;
	int err;

	if (len + 1 > EXT2_SB(dir->i_sb)->s_blocksize)
		return -ENAMETOOLONG;
	inode = ext2_new_inode(dir, S_IFLNK | 0777, &err);
	if (!inode)
		return err;
	if (len < sizeof(EXT2_I(inode)->i_data)) {
		memcpy(EXT2_I(inode)->i_data, target, len);
		inode->i_size = len;
		err = ext2_write_inode(inode, false);
	} else {
		err = ext2_write_kernel(inode, 0, target, len);
	}
	if (err) {
		inode->i_nlink = 0;
		ext2_uncache(inode);
		iput(inode);
		return err;
	}
	return add_nondir(dir, dentry, inode);
}

static int ext2_link(struct dentry *old_dentry, struct inode *dir, struct dentry *dentry)
{
	struct inode *inode = old_dentry->d_inode;
	int err;

	if (inode->i_nlink >= EXT2_LINK_MAX)
		return -EMLINK;
	err = ext2_add_link(dir, dentry->d_name.name, (int)dentry->d_name.len, inode);
	if (err)
		return err;
	inode->i_nlink++;
	current_time(&inode->i_ctime_sec, &inode->i_ctime_nsec);
	ext2_write_inode(inode, false);
	d_instantiate(dentry, igrab(inode));
	return 0;
}

static int ext2_mkdir(struct inode *dir, struct dentry *dentry, unsigned int mode)
{
	struct inode *inode;
	int err;

	if (dir->i_nlink >= EXT2_LINK_MAX)
		return -EMLINK;
	inode = ext2_new_inode(dir, S_IFDIR | mode, &err);
	if (!inode)
		return err;
	inode->i_nlink = 2;
	err = ext2_make_empty(inode, dir);
	if (!err)
		err = ext2_add_link(dir, dentry->d_name.name, (int)dentry->d_name.len, inode);
	if (err) {
		inode->i_nlink = 0;
		ext2_uncache(inode);
		iput(inode);
		return err;
	}
	dir->i_nlink++;
	ext2_write_inode(dir, false);
	d_instantiate(dentry, inode);
	return 0;
}

/* One name of inode went: one link fewer; the last one frees it once unused. */
static void drop_nlink(struct inode *inode)
{
	if (inode->i_nlink)
		inode->i_nlink--;
	current_time(&inode->i_ctime_sec, &inode->i_ctime_nsec);
	ext2_write_inode(inode, false);
	if (!inode->i_nlink)
		ext2_uncache(inode);
}

static int ext2_unlink(struct inode *dir, struct dentry *dentry)
{
	int err = ext2_delete_entry(dir, dentry->d_name.name, (int)dentry->d_name.len);

	if (err)
		return err;
	drop_nlink(dentry->d_inode);
	return 0;
}

static int ext2_rmdir(struct inode *dir, struct dentry *dentry)
{
	struct inode *inode = dentry->d_inode;
	int err;

	if (!ext2_empty_dir(inode))
		return -ENOTEMPTY;
	err = ext2_delete_entry(dir, dentry->d_name.name, (int)dentry->d_name.len);
	if (err)
		return err;
	inode->i_size = 0;
	inode->i_nlink = 1;     /* its "." goes with it */
	drop_nlink(inode);
	dir->i_nlink--;         /* its ".." */
	ext2_write_inode(dir, false);
	return 0;
}

static int ext2_rename(struct inode *old_dir, struct dentry *old_dentry, struct inode *new_dir,
		       struct dentry *new_dentry, unsigned int flags)
{
	struct inode *inode = old_dentry->d_inode, *target = new_dentry->d_inode;
	const char *oname = old_dentry->d_name.name, *nname = new_dentry->d_name.name;
	int olen = (int)old_dentry->d_name.len, nlen = (int)new_dentry->d_name.len;
	bool isdir = S_ISDIR(inode->i_mode);
	int err;

	if (flags & ~RENAME_NOREPLACE)
		return -EINVAL;         /* Linux's ext2 has no RENAME_EXCHANGE or RENAME_WHITEOUT */
	if (target) {
		if (isdir && !ext2_empty_dir(target))
			return -ENOTEMPTY;
		err = ext2_set_link(new_dir, nname, nlen, inode);
		if (err)
			return err;
		if (isdir) {
			target->i_nlink = 1;
			target->i_size = 0;
		}
		drop_nlink(target);
	} else {
		if (isdir && new_dir->i_nlink >= EXT2_LINK_MAX)
			return -EMLINK;
		err = ext2_add_link(new_dir, nname, nlen, inode);
		if (err)
			return err;
		if (isdir)
			new_dir->i_nlink++;
	}
	current_time(&inode->i_ctime_sec, &inode->i_ctime_nsec);
	ext2_write_inode(inode, false);
	err = ext2_delete_entry(old_dir, oname, olen);
	if (err)
		return err;
	if (isdir) {
		if (old_dir != new_dir)
			ext2_set_link(inode, "..", 2, new_dir);
		old_dir->i_nlink--;
	}
	ext2_write_inode(old_dir, false);
	ext2_write_inode(new_dir, false);
	return 0;
}

static int ext2_setattr_op(struct inode *inode, struct iattr *attr)
{
	return ext2_setattr(inode, attr);
}

const struct inode_operations ext2_dir_inode_operations = {
	.lookup = ext2_lookup,
	.create = ext2_create,
	.mkdir = ext2_mkdir,
	.rmdir = ext2_rmdir,
	.unlink = ext2_unlink,
	.symlink = ext2_symlink,
	.link = ext2_link,
	.mknod = ext2_mknod,
	.rename = ext2_rename,
	.setattr = ext2_setattr_op,
};

const struct inode_operations ext2_special_inode_operations = {
	.setattr = ext2_setattr_op,
};
