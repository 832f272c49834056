/*
 * The directory entry cache (Linux's include/linux/dcache.h): a dentry
 * is one name in one directory, pointing at the inode it names (d_inode,
 * a counted reference) and at its parent, which it keeps alive. The path
 * walk finds a directory's children on its d_subdirs list before it asks
 * the file system. Pagoda keeps no negative dentries: a name that is not
 * there has no dentry once the walk is done.
 */
#ifndef PAGODA_DCACHE_H
#define PAGODA_DCACHE_H

#include <stdbool.h>
#include "linux/list.h"

struct inode;
struct super_block;
struct path;

/* A name, not NUL-terminated (Linux's struct qstr without the hash). */
struct qstr {
	const char *name;
	unsigned int len;
};

#define DCACHE_MOUNTED 0x0001   /* something is mounted on it (lookup_mnt finds what) */
#define DCACHE_HASHED  0x0002   /* on its parent's d_subdirs: lookups find it */

struct dentry {
	int d_count;                    /* references: children, paths, the file system's pin */
	unsigned int d_flags;           /* DCACHE_* */
	struct dentry *d_parent;        /* itself for a root */
	struct qstr d_name;             /* its own copy of the name */
	struct inode *d_inode;          /* NULL until d_instantiate */
	struct super_block *d_sb;
	struct list_head d_child;       /* on d_parent->d_subdirs */
	struct list_head d_subdirs;     /* the children the cache holds */
	int d_mounted;                  /* mounts on it */
};

#define IS_ROOT(d) ((d) == (d)->d_parent)

static inline struct dentry *dget(struct dentry *d)
{
	if (d)
		d->d_count++;
	return d;
}

/* Drop a reference; the last frees it (and its inode reference), unless the file system caches it. */
void dput(struct dentry *d);
/* A new dentry name (len bytes) under parent, counted once, not yet hashed or instantiated: NULL if no memory. */
struct dentry *d_alloc(struct dentry *parent, const char *name, unsigned int len);
/* The root dentry of a new file system, taking the reference to root: NULL (and root put) if no memory. */
struct dentry *d_make_root(struct inode *root);
/* Give d its inode (the caller's reference passes to d) and hash it under its parent (Linux's d_instantiate + d_rehash). */
void d_instantiate(struct dentry *d, struct inode *inode);
/* parent's cached child name, with a reference, or NULL (Linux's d_lookup). */
struct dentry *d_lookup(struct dentry *parent, const char *name, unsigned int len);
/* Take d off its parent's list: the name is gone (Linux's d_delete of a dentry still in use). */
void d_drop(struct dentry *d);
/* d moves to newparent under newname (Linux's d_move after a rename): 0 or -ENOMEM. */
int d_move(struct dentry *d, struct dentry *newparent, const struct qstr *newname);
/* Free every unused dentry (Linux's shrink_dcache_sb for all, as drop_caches does): before counting free pages. */
void shrink_dcache(void);
/* Does d have cached children (simple_empty's question for a file system whose every name is cached)? */
bool d_has_children(struct dentry *d);
/*
 * The absolute path of path (Linux's d_path): written at the end of
 * buf (buflen bytes), returned as a pointer into buf, or NULL if it does
 * not fit (-ENAMETOOLONG to the caller). A dentry dropped from the cache
 * gets " (deleted)" after it, as Linux's.
 */
char *d_path(const struct path *path, char *buf, int buflen);

#endif
