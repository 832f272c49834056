/*
 * The dentry cache (Linux's fs/dcache.c, without hashing or an LRU): each
 * directory's dentry lists the children the cache holds. A dentry lives
 * while it is counted; at count 0 it stays cached (for a file system
 * that does not change behind the cache's back) or goes at once (a super
 * block with s_d_delete: /proc, whose names come and go with processes).
 * tmpfs keeps one count on each of its dentries (the pin): there the
 * cache is the file system.
 */
#include "linux/dcache.h"
#include "linux/errno.h"
#include "linux/fs.h"
#include "linux/mount.h"
#include "linux/slab.h"
#include "linux/string.h"

static void d_free(struct dentry *d)
{
	kfree((void *)d->d_name.name);
	kfree(d);
}

void dput(struct dentry *d)
{
	while (d) {
		struct dentry *parent = d->d_parent;

		if (--d->d_count > 0)
			return;
		if ((d->d_flags & DCACHE_HASHED) && !d->d_sb->s_d_delete)
			return;         /* cached, unused */
		if (d->d_flags & DCACHE_HASHED)
			list_del(&d->d_child);
		iput(d->d_inode);
		d_free(d);
		if (parent == d)
			return;
		d = parent;     /* the child's reference on its parent */
	}
}

static struct dentry *__d_alloc(struct super_block *sb, const char *name, unsigned int len)
{
	struct dentry *d = kzalloc(sizeof(*d), GFP_KERNEL);
	char *copy = kmalloc(len + 1, GFP_KERNEL);

	if (!d || !copy) {
		kfree(d);
		kfree(copy);
		return NULL;
	}
	memcpy(copy, name, len);
	copy[len] = '\0';
	d->d_name.name = copy;
	d->d_name.len = len;
	d->d_count = 1;
	d->d_sb = sb;
	d->d_parent = d;
	INIT_LIST_HEAD(&d->d_child);
	INIT_LIST_HEAD(&d->d_subdirs);
	return d;
}

struct dentry *d_alloc(struct dentry *parent, const char *name, unsigned int len)
{
	struct dentry *d = __d_alloc(parent->d_sb, name, len);

	if (d)
		d->d_parent = dget(parent);
	return d;
}

struct dentry *d_make_root(struct inode *root)
{
	struct dentry *d = __d_alloc(root->i_sb, "/", 1);

	if (!d) {
		iput(root);
		return NULL;
	}
	d->d_inode = root;
	return d;
}

void d_instantiate(struct dentry *d, struct inode *inode)
{
	d->d_inode = inode;
	if (!(d->d_flags & DCACHE_HASHED) && !IS_ROOT(d)) {
		list_add(&d->d_child, &d->d_parent->d_subdirs);   /* newest first, as getdents shows on Linux */
		d->d_flags |= DCACHE_HASHED;
	}
}

struct dentry *d_lookup(struct dentry *parent, const char *name, unsigned int len)
{
	struct dentry *d;

	list_for_each_entry(d, &parent->d_subdirs, d_child)
		if (d->d_name.len == len && !memcmp(d->d_name.name, name, len))
			return dget(d);
	return NULL;
}

void d_drop(struct dentry *d)
{
	if (d->d_flags & DCACHE_HASHED) {
		list_del(&d->d_child);
		INIT_LIST_HEAD(&d->d_child);
		d->d_flags &= ~DCACHE_HASHED;
	}
}

int d_move(struct dentry *d, struct dentry *newparent, const struct qstr *newname)
{
	char *copy = kmalloc(newname->len + 1, GFP_KERNEL);
	struct dentry *oldparent = d->d_parent;

	if (!copy)
		return -ENOMEM;
	memcpy(copy, newname->name, newname->len);
	copy[newname->len] = '\0';
	kfree((void *)d->d_name.name);
	d->d_name.name = copy;
	d->d_name.len = newname->len;
	d_drop(d);
	if (oldparent != newparent) {
		d->d_parent = dget(newparent);
		dput(oldparent);
	}
	list_add(&d->d_child, &newparent->d_subdirs);
	d->d_flags |= DCACHE_HASHED;
	return 0;
}

/* Free the unused dentries below parent, deepest first: a parent whose children all go may go too. */
static void shrink_dcache_parent(struct dentry *parent)
{
	struct dentry *d, *n;

	list_for_each_entry_safe(d, n, &parent->d_subdirs, d_child) {
		shrink_dcache_parent(d);
		if (d->d_count == 0) {
			list_del(&d->d_child);
			iput(d->d_inode);
			d_free(d);
			parent->d_count--;
		}
	}
}

void shrink_dcache(void)
{
	struct vfsmount *mnt;

	list_for_each_entry(mnt, &mount_list, mnt_list)
		shrink_dcache_parent(mnt->mnt_root);
}

bool d_has_children(struct dentry *d)
{
	return !list_empty(&d->d_subdirs);
}

/* Put name (len bytes) in front of *pos, which moves back; false if it would pass buf. */
static bool prepend(char **pos, char *buf, const char *name, unsigned int len)
{
	if ((size_t)(*pos - buf) < len)
		return false;
	*pos -= len;
	memcpy(*pos, name, len);
	return true;
}

char *d_path(const struct path *path, char *buf, int buflen)
{
	struct dentry *d = path->dentry;
	struct vfsmount *mnt = path->mnt;
	struct path root;
	char *pos = buf + buflen;
	bool deleted = !IS_ROOT(d) && !(d->d_flags & DCACHE_HASHED);

	get_fs_root_path(&root);
	if (!prepend(&pos, buf, "", 1) || (deleted && !prepend(&pos, buf, " (deleted)", 10)))
		return NULL;
	for (;;) {
		if (d == root.dentry && mnt == root.mnt)
			break;
		if (d == mnt->mnt_root) {
			if (mnt->mnt_parent == mnt)
				break;          /* a root out of reach: what is left of it */
			d = mnt->mnt_mountpoint;
			mnt = mnt->mnt_parent;
			continue;
		}
		if (!prepend(&pos, buf, d->d_name.name, d->d_name.len) || !prepend(&pos, buf, "/", 1))
			return NULL;
		d = d->d_parent;
	}
	if (*pos == '\0' || *pos == ' ') {      /* the root itself */
		if (!prepend(&pos, buf, "/", 1))
			return NULL;
	}
	return pos;
}
