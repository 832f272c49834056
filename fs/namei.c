/*
 * The path walk (Linux's fs/namei.c): from the root or a start directory,
 * one component at a time. Repeated slashes are one, "." stays and ".."
 * goes up (never above the root); every component before the last, and
 * the last when a slash follows it, must be a directory (-ENOTDIR); a
 * component longer than NAME_MAX is -ENAMETOOLONG. A symbolic link is
 * followed where it is not the last component, and there when the caller
 * asks (LOOKUP_FOLLOW) or a slash follows; a walk follows at most
 * MAXSYMLINKS links (-ELOOP). Following a link splices its target in front
 * of what is left of the path, so the walk needs no stack.
 * A mount (fs/super.c) replaces the directory it is mounted on.
 */
#include "linux/errno.h"
#include "linux/fs.h"
#include "linux/sched.h"
#include "linux/slab.h"
#include "linux/string.h"
#include "linux/syscalls.h"
#include "linux/uaccess.h"

char *getname_flags(const char *upath, bool empty_ok, int *err)
{
	char *name = kmalloc(PATH_MAX, GFP_KERNEL);
	long n;

	if (!name) {
		*err = -ENOMEM;
		return NULL;
	}
	n = strncpy_from_user(name, upath, PATH_MAX);
	*err = n < 0 ? (int)n : n == PATH_MAX ? -ENAMETOOLONG : n == 0 && !empty_ok ? -ENOENT : 0;
	if (*err) {
		kfree(name);
		return NULL;
	}
	return name;
}

char *getname(const char *upath, int *err)
{
	return getname_flags(upath, false, err);
}

void putname(char *name)
{
	kfree(name);
}

/*
 * The child name (len bytes) of dir: from the dcache, else from the file
 * system's ->lookup, then cached. The caller holds dir's i_rwsem, shared
 * or not, so no create or remove of a name in dir runs between the miss
 * and the new dentry (Linux's lookup_one_len and __lookup_slow).
 */
static struct dentry *lookup_locked(struct dentry *dir, const char *name, int len, int *err)
{
	struct inode *dinode = dir->d_inode, *inode;
	struct dentry *child = d_lookup(dir, name, (unsigned int)len);

	if (child)
		return child;
	if (!dinode->i_op || !dinode->i_op->lookup) {
		*err = -ENOENT;
		return NULL;
	}
	*err = 0;
	inode = dinode->i_op->lookup(dinode, name, len, err);
	if (!inode) {
		if (!*err)
			*err = -ENOENT;
		return NULL;
	}
	child = d_alloc(dir, name, (unsigned int)len);
	if (!child) {
		iput(inode);
		*err = -ENOMEM;
		return NULL;
	}
	d_instantiate(child, inode);
	return child;
}

/*
 * The walk's step (Linux's lookup_fast, then lookup_slow): a cached name
 * needs no lock; a miss asks the file system with dir's i_rwsem shared
 * (lookups in one directory run together; a change to it waits), and
 * looks in the cache again under it: another walk may have added the
 * name while this one slept on the lock.
 */
static struct dentry *lookup_child(struct dentry *dir, const char *name, int len, int *err)
{
	struct dentry *child = d_lookup(dir, name, (unsigned int)len);

	if (child)
		return child;
	inode_lock_shared(dir->d_inode);
	child = lookup_locked(dir, name, len, err);
	inode_unlock_shared(dir->d_inode);
	return child;
}

/* Step onto what is mounted on path, as often as there is something (Linux's follow_mount). */
static void follow_mount(struct path *path)
{
	while (path->dentry->d_flags & DCACHE_MOUNTED) {
		struct vfsmount *mnt = lookup_mnt(path);

		if (!mnt)
			break;
		path_put(path);
		path->mnt = mntget(mnt);
		path->dentry = dget(mnt->mnt_root);
	}
}

/* ".." of path: up through the mounts whose root it is, then to the parent; never above the root (Linux's follow_dotdot). */
static void follow_dotdot(struct path *path)
{
	struct path root;

	get_fs_root_path(&root);
	for (;;) {
		struct dentry *parent;

		if (path_equal(path, &root))
			return;
		if (path->dentry != path->mnt->mnt_root) {
			parent = dget(path->dentry->d_parent);
			dput(path->dentry);
			path->dentry = parent;
			break;
		}
		if (path->mnt->mnt_parent == path->mnt)
			return;
		{
			struct path up = { path->mnt->mnt_parent, path->mnt->mnt_mountpoint };

			path_get(&up);
			path_put(path);
			*path = up;
		}
	}
	follow_mount(path);
}

/*
 * The walk proper: buf (2 * PATH_MAX bytes, from kmalloc) holds the path
 * and is rewritten when a link is followed; *start is not consumed.
 */
static int walk(const struct path *start, char *buf, unsigned int flags, struct path *res, struct last_missing *last)
{
	struct path cur = *start;
	char *p = buf, *link = NULL;
	int links = 0, err = 0;
	bool must_dir = false;

	path_get(&cur);
	for (;;) {
		char *comp;
		int clen;
		bool trailing, is_last;
		struct dentry *child;
		struct inode *inode;

		while (*p == '/')
			p++;
		if (!*p)
			break;
		if (!S_ISDIR(cur.dentry->d_inode->i_mode)) {
			err = -ENOTDIR;
			break;
		}
		for (comp = p; *p && *p != '/'; p++)
			;
		clen = (int)(p - comp);
		trailing = *p == '/';
		{
			char *q = p;

			while (*q == '/')
				q++;
			is_last = !*q;
		}
		if (clen > NAME_MAX) {
			err = -ENAMETOOLONG;
			break;
		}
		must_dir = trailing;
		if (clen == 1 && comp[0] == '.')
			continue;
		if (clen == 2 && comp[0] == '.' && comp[1] == '.') {
			follow_dotdot(&cur);
			continue;
		}
		child = lookup_child(cur.dentry, comp, clen, &err);
		if (!child) {
			if (err == -ENOENT && is_last && last) {
				/* the name O_CREAT would make: links followed to here */
				last->missing = true;
				last->parent = cur;
				path_get(&cur);
				memcpy(last->name, comp, (size_t)clen);
				last->name[clen] = '\0';
				last->trailing = trailing;
			}
			break;
		}
		inode = child->d_inode;
		if (S_ISLNK(inode->i_mode) && (!is_last || trailing || (flags & LOOKUP_FOLLOW))) {
			int n;
			size_t rest = strlen(p);

			if (++links > MAXSYMLINKS) {
				dput(child);
				err = -ELOOP;
				break;
			}
			if (inode->i_op && inode->i_op->get_magic_link) {
				struct file *f = inode->i_op->get_magic_link(inode, &err);

				if (f && f->f_path.dentry) {
					/* on from the file's own dentry, though its name may be gone */
					dput(child);
					path_put(&cur);
					cur = f->f_path;
					path_get(&cur);
					fput(f);
					continue;
				}
				if (f && is_pipe(f) && (!is_last || trailing)) {
					err = -ENOTDIR;
				} else if (f && is_pipe(f) && last) {
					dput(child);
					last->jump = f; /* do_filp_open opens the pipe again */
					break;
				}
				if (f)
					fput(f);        /* the console: its name will do; a pipe for stat: -ENOENT still */
				if (err) {
					dput(child);
					break;
				}
			}
			if (!link)
				link = kmalloc(2 * PATH_MAX, GFP_KERNEL);
			n = !link ? -ENOMEM : inode->i_op && inode->i_op->readlink ?
				inode->i_op->readlink(inode, link, PATH_MAX) : -EINVAL;
			dput(child);
			if (n == 0)
				n = -ENOENT;
			if (n > 0 && (size_t)n + rest >= 2 * PATH_MAX)
				n = -ENAMETOOLONG;
			if (n < 0) {
				err = n;
				break;
			}
			memcpy(link + n, p, rest + 1);
			memcpy(buf, link, (size_t)n + rest + 1);
			p = buf;
			if (buf[0] == '/') {
				path_put(&cur);
				get_fs_root_path(&cur);
				path_get(&cur);
			}
			continue;
		}
		dput(cur.dentry);
		cur.dentry = child;
		follow_mount(&cur);
	}
	kfree(link);
	if (!err && (must_dir || (flags & LOOKUP_DIRECTORY)) && !S_ISDIR(cur.dentry->d_inode->i_mode))
		err = -ENOTDIR;
	if (err) {
		path_put(&cur);
		return err;
	}
	*res = cur;
	return 0;
}

/* Where a walk of path from dfd starts: 0 with *start referenced, or -EBADF, -ENOTDIR. */
static int path_start(int dfd, const char *path, unsigned int flags, struct path *start)
{
	struct file *f;

	if (path[0] == '/') {
		get_fs_root_path(start);
	} else if (dfd == AT_FDCWD) {
		if (current->fs && current->fs->pwd.dentry)
			*start = current->fs->pwd;
		else
			get_fs_root_path(start);
	} else {
		f = fget(dfd);
		if (!f)
			return -EBADF;
		if (!f->f_path.dentry)
			return -ENOTDIR;
		if (!S_ISDIR(f->f_path.dentry->d_inode->i_mode) && !(path[0] == '\0' && (flags & LOOKUP_EMPTY)))
			return -ENOTDIR;
		*start = f->f_path;
	}
	path_get(start);
	return 0;
}

int filename_lookup(int dfd, const char *path, unsigned int flags, struct path *res, struct last_missing *last)
{
	char *buf;
	struct path start;
	int err;

	if (last) {
		last->missing = false;
		last->jump = NULL;
	}
	if (!path[0] && !(flags & LOOKUP_EMPTY))
		return -ENOENT;
	err = path_start(dfd, path, flags, &start);
	if (err)
		return err;
	buf = kmalloc(2 * PATH_MAX, GFP_KERNEL);
	if (buf) {
		strlcpy(buf, path, PATH_MAX);
		err = walk(&start, buf, flags, res, last);
		kfree(buf);
	} else {
		err = -ENOMEM;
	}
	path_put(&start);
	return err;
}

int user_path_at(int dfd, const char *upath, unsigned int flags, struct path *res)
{
	int err;
	char *name = getname_flags(upath, flags & LOOKUP_EMPTY, &err);

	if (!name)
		return err;
	err = filename_lookup(dfd, name, flags, res, NULL);
	putname(name);
	return err;
}

int filename_parentat(int dfd, const char *path, struct path *parent, const char **last, int *len,
		      int *type, bool *trailing)
{
	size_t end = strlen(path), start;
	char *dir;
	int err;

	while (end > 0 && path[end - 1] == '/')
		end--;
	*trailing = path[end] == '/';
	for (start = end; start > 0 && path[start - 1] != '/'; start--)
		;
	*last = path + start;
	*len = (int)(end - start);
	if (end == 0 && path[0] == '/')
		*type = LAST_ROOT;
	else if (*len == 1 && path[start] == '.')
		*type = LAST_DOT;
	else if (*len == 2 && path[start] == '.' && path[start + 1] == '.')
		*type = LAST_DOTDOT;
	else
		*type = LAST_NORM;
	if (start == 0 && *type != LAST_ROOT) {
		/* "name": the start directory is the parent; it must be one (path_init's -ENOTDIR) */
		return path_start(dfd, path, 0, parent);
	}
	dir = kmalloc(start + 2, GFP_KERNEL);
	if (!dir)
		return -ENOMEM;
	memcpy(dir, path, start ? start : 1);
	dir[start ? start : 1] = '\0';
	err = filename_lookup(dfd, dir, LOOKUP_FOLLOW | LOOKUP_DIRECTORY, parent, NULL);
	kfree(dir);
	return err;
}

struct dentry *lookup_one_len(struct dentry *dir, const char *name, int len, int *err)
{
	if (len > NAME_MAX) {
		*err = -ENAMETOOLONG;
		return NULL;
	}
	return lookup_locked(dir, name, len, err);
}

/*
 * The system calls that change the namespace (Linux's do_mkdirat,
 * do_rmdir, do_unlinkat, do_symlinkat, do_linkat, do_renameat2,
 * do_mknodat), with Linux 6.1's order of errors: what the path says
 * (-ENOENT, -ENOTDIR, -ELOOP, -ENAMETOOLONG, -EEXIST) comes before
 * -EROFS when a name is made, but -EROFS comes before whether the name
 * exists when one is removed or renamed. Permissions are root's: the
 * only caller Pagoda has.
 */

/* What a made name is: its parent and a new dentry for it (Linux's filename_create's result). */
struct create_target {
	struct path parent;
	struct dentry *dentry;
};

static void done_create(struct create_target *t)
{
	dput(t->dentry);
	inode_unlock(t->parent.dentry->d_inode);
	path_put(&t->parent);
}

/*
 * Linux's filename_create: the parent of a name to make, with the checks
 * in Linux's order: the walk's errors; -EEXIST for ".", ".." and "/";
 * -ENAMETOOLONG; -EEXIST if the name is there; -ENOENT for "name/" unless
 * a directory is being made; -EROFS. 0 with t filled and the parent's
 * i_rwsem held, so nobody makes the name between this check and the
 * ->create (done_create puts both).
 */
static int filename_create(int dfd, const char *path, bool want_dir, struct create_target *t)
{
	struct dentry *child;
	const char *last;
	bool trailing;
	int type, len, err;

	err = filename_parentat(dfd, path, &t->parent, &last, &len, &type, &trailing);
	if (err)
		return err;
	err = -EEXIST;
	if (type != LAST_NORM)
		goto fail_put;
	inode_lock(t->parent.dentry->d_inode);
	err = -ENOENT;
	if (IS_DEADDIR(t->parent.dentry->d_inode))
		goto fail;
	child = lookup_one_len(t->parent.dentry, last, len, &err);
	if (child) {
		dput(child);
		err = -EEXIST;
		goto fail;
	}
	if (err != -ENOENT)
		goto fail;
	err = -ENOENT;
	if (trailing && !want_dir)
		goto fail;
	err = -EROFS;
	if (mnt_is_readonly(t->parent.mnt))
		goto fail;
	err = -ENOMEM;
	t->dentry = d_alloc(t->parent.dentry, last, (unsigned int)len);
	if (!t->dentry)
		goto fail;
	return 0;
fail:
	inode_unlock(t->parent.dentry->d_inode);
fail_put:
	path_put(&t->parent);
	return err;
}

struct dentry *kern_path_create(int dfd, const char *path, struct path *parent, bool want_dir, int *err)
{
	struct create_target t;

	*err = filename_create(dfd, path, want_dir, &t);
	if (*err)
		return NULL;
	*parent = t.parent;
	return t.dentry;
}

void done_path_create(struct path *parent, struct dentry *dentry)
{
	dput(dentry);
	inode_unlock(parent->dentry->d_inode);
	path_put(parent);
}

/* Linux's vfs_mkdir: mode is the permission bits, umask applied. */
int vfs_mkdir(struct inode *dir, struct dentry *dentry, unsigned int mode)
{
	if (!dir->i_op || !dir->i_op->mkdir)
		return -EPERM;
	return dir->i_op->mkdir(dir, dentry, S_IFDIR | (mode & (S_ISVTX | 0777)));
}

long sys_mkdirat(int dfd, const char *upath, int mode)
{
	struct create_target t;
	int err;
	char *path = getname(upath, &err);

	if (!path)
		return err;
	err = filename_create(dfd, path, true, &t);
	if (!err) {
		err = vfs_mkdir(t.parent.dentry->d_inode, t.dentry, (unsigned int)mode & ~current->fs->umask);
		done_create(&t);
	}
	putname(path);
	return err;
}

long sys_mkdir(const char *upath, int mode)
{
	return sys_mkdirat(AT_FDCWD, upath, mode);
}

/* Linux's may_mknod: which kinds mknod makes (0 means a regular file). */
static int may_mknod(unsigned int mode)
{
	switch (mode & S_IFMT) {
	case S_IFREG: case S_IFCHR: case S_IFBLK: case S_IFIFO: case S_IFSOCK: case 0:
		return 0;
	case S_IFDIR:
		return -EPERM;
	default:
		return -EINVAL;
	}
}

/* Linux's vfs_create and vfs_mknod: a regular file, or a special one. */
int vfs_mknod(struct inode *dir, struct dentry *dentry, unsigned int mode, unsigned int dev)
{
	if (S_ISREG(mode))
		return dir->i_op && dir->i_op->create ? dir->i_op->create(dir, dentry, mode) : -EACCES;
	if (!dir->i_op || !dir->i_op->mknod)
		return -EPERM;
	return dir->i_op->mknod(dir, dentry, mode, S_ISCHR(mode) || S_ISBLK(mode) ? dev : 0);
}

long sys_mknodat(int dfd, const char *upath, int mode, unsigned int dev)
{
	struct create_target t;
	int err;
	char *path;
	unsigned int umode = (unsigned int)mode & 0xffff;       /* umode_t */

	err = may_mknod(umode);
	if (err)
		return err;
	path = getname(upath, &err);
	if (!path)
		return err;
	err = filename_create(dfd, path, false, &t);
	if (!err) {
		umode &= ~current->fs->umask;
		if (!(umode & S_IFMT))
			umode |= S_IFREG;
		err = vfs_mknod(t.parent.dentry->d_inode, t.dentry, umode, dev);
		done_create(&t);
	}
	putname(path);
	return err;
}

long sys_mknod(const char *upath, int mode, unsigned int dev)
{
	return sys_mknodat(AT_FDCWD, upath, mode, dev);
}

int vfs_symlink(struct inode *dir, struct dentry *dentry, const char *target)
{
	if (!dir->i_op || !dir->i_op->symlink)
		return -EPERM;
	return dir->i_op->symlink(dir, dentry, target);
}

long sys_symlinkat(const char *utarget, int newdfd, const char *upath)
{
	struct create_target t;
	int err;
	char *target = getname(utarget, &err), *path;

	if (!target)
		return err;
	path = getname(upath, &err);
	if (path) {
		err = filename_create(newdfd, path, false, &t);
		if (!err) {
			err = vfs_symlink(t.parent.dentry->d_inode, t.dentry, target);
			done_create(&t);
		}
		putname(path);
	}
	putname(target);
	return err;
}

long sys_symlink(const char *utarget, const char *upath)
{
	return sys_symlinkat(utarget, AT_FDCWD, upath);
}

long sys_linkat(int olddfd, const char *uold, int newdfd, const char *unew, int flags)
{
	struct path old;
	struct create_target t;
	int err;
	unsigned int how = 0;
	char *path;

	if (flags & ~(AT_SYMLINK_FOLLOW | AT_EMPTY_PATH))
		return -EINVAL;
	if (flags & AT_SYMLINK_FOLLOW)
		how |= LOOKUP_FOLLOW;
	if (flags & AT_EMPTY_PATH)
		how |= LOOKUP_EMPTY;
	err = user_path_at(olddfd, uold, how, &old);
	if (err)
		return err;
	path = getname(unew, &err);
	if (path) {
		err = filename_create(newdfd, path, false, &t);
		if (!err) {
			struct inode *dir = t.parent.dentry->d_inode;

			if (t.parent.mnt != old.mnt)
				err = -EXDEV;
			else if (!dir->i_op || !dir->i_op->link || S_ISDIR(old.dentry->d_inode->i_mode))
				err = -EPERM;
			else {
				/* its link count changes (Linux's vfs_link) */
				inode_lock(old.dentry->d_inode);
				err = dir->i_op->link(old.dentry, dir, t.dentry);
				inode_unlock(old.dentry->d_inode);
			}
			done_create(&t);
		}
		putname(path);
	}
	path_put(&old);
	return err;
}

long sys_link(const char *uold, const char *unew)
{
	return sys_linkat(AT_FDCWD, uold, AT_FDCWD, unew, 0);
}

/*
 * Linux's may_delete, after the lookup found victim: -ENOTDIR or -EISDIR
 * when it is not of the kind the call removes, -EBUSY for a root.
 */
static int may_delete(struct dentry *victim, bool isdir)
{
	if (isdir && !S_ISDIR(victim->d_inode->i_mode))
		return -ENOTDIR;
	if (isdir && IS_ROOT(victim))
		return -EBUSY;
	if (!isdir && S_ISDIR(victim->d_inode->i_mode))
		return -EISDIR;
	return 0;
}

/*
 * Linux's vfs_rmdir and vfs_unlink after may_delete: a mount point is
 * -EBUSY; the name goes from the cache. The caller holds dir's i_rwsem;
 * the victim's is taken too (its link count changes), parent first.
 */
static int vfs_remove(struct inode *dir, struct dentry *victim, bool isdir)
{
	struct inode *inode = victim->d_inode;
	int err = may_delete(victim, isdir);

	if (err)
		return err;
	if (isdir ? !dir->i_op || !dir->i_op->rmdir : !dir->i_op || !dir->i_op->unlink)
		return -EPERM;
	if (victim->d_mounted)
		return -EBUSY;
	inode_lock(inode);
	err = isdir ? dir->i_op->rmdir(dir, victim) : dir->i_op->unlink(dir, victim);
	inode_unlock(inode);
	if (!err)
		d_drop(victim);
	return err;
}

int vfs_rmdir(struct inode *dir, struct dentry *victim)
{
	return vfs_remove(dir, victim, true);
}

int vfs_unlink(struct inode *dir, struct dentry *victim)
{
	return vfs_remove(dir, victim, false);
}

static long do_rmdir(int dfd, const char *upath)
{
	struct path parent;
	struct dentry *victim;
	const char *last;
	int len, type, err;
	bool trailing;
	char *path = getname(upath, &err);

	if (!path)
		return err;
	err = filename_parentat(dfd, path, &parent, &last, &len, &type, &trailing);
	if (err)
		goto out;
	if (type == LAST_DOTDOT)
		err = -ENOTEMPTY;
	else if (type == LAST_DOT)
		err = -EINVAL;
	else if (type == LAST_ROOT)
		err = -EBUSY;
	else if (mnt_is_readonly(parent.mnt))
		err = -EROFS;
	else {
		inode_lock(parent.dentry->d_inode);
		victim = lookup_one_len(parent.dentry, last, len, &err);
		if (victim) {
			err = vfs_rmdir(parent.dentry->d_inode, victim);
			dput(victim);
		}
		inode_unlock(parent.dentry->d_inode);
	}
	path_put(&parent);
out:
	putname(path);
	return err;
}

static long do_unlinkat(int dfd, const char *upath)
{
	struct path parent;
	struct dentry *victim;
	const char *last;
	int len, type, err;
	bool trailing;
	char *path = getname(upath, &err);

	if (!path)
		return err;
	err = filename_parentat(dfd, path, &parent, &last, &len, &type, &trailing);
	if (err)
		goto out;
	if (type != LAST_NORM)
		err = -EISDIR;
	else if (mnt_is_readonly(parent.mnt))
		err = -EROFS;
	else {
		inode_lock(parent.dentry->d_inode);
		victim = lookup_one_len(parent.dentry, last, len, &err);
		if (victim) {
			/* "name/": what Linux's do_unlinkat answers at its label slashes */
			if (trailing)
				err = S_ISDIR(victim->d_inode->i_mode) ? -EISDIR : -ENOTDIR;
			else
				err = vfs_unlink(parent.dentry->d_inode, victim);
			dput(victim);
		}
		inode_unlock(parent.dentry->d_inode);
	}
	path_put(&parent);
out:
	putname(path);
	return err;
}

long sys_unlinkat(int dfd, const char *upath, int flags)
{
	if (flags & ~AT_REMOVEDIR)
		return -EINVAL;
	if (flags & AT_REMOVEDIR)
		return do_rmdir(dfd, upath);
	return do_unlinkat(dfd, upath);
}

long sys_unlink(const char *upath)
{
	return do_unlinkat(AT_FDCWD, upath);
}

long sys_rmdir(const char *upath)
{
	return do_rmdir(AT_FDCWD, upath);
}

/* Is dentry a an ancestor of b, or b itself (Linux's is_subdir within one file system)? */
static bool is_subdir(struct dentry *b, struct dentry *a)
{
	for (;;) {
		if (b == a)
			return true;
		if (IS_ROOT(b))
			return false;
		b = b->d_parent;
	}
}

/* Lock two inodes (b may be NULL), the lower address first, so two tasks never hold one each. */
static void lock_two_inodes(struct inode *a, struct inode *b)
{
	if (b && b < a) {
		struct inode *t = a;

		a = b;
		b = t;
	}
	inode_lock(a);
	if (b && b != a)
		inode_lock(b);
}

static void unlock_two_inodes(struct inode *a, struct inode *b)
{
	inode_unlock(a);
	if (b && b != a)
		inode_unlock(b);
}

/*
 * Lock the two parents of a rename (Linux's lock_rename): one directory
 * once; two under the file system's s_vfs_rename_mutex, an ancestor
 * before its descendant (any order when neither is), as every path that
 * locks a parent and then a child does.
 */
static void lock_rename(struct dentry *p1, struct dentry *p2)
{
	if (p1 == p2) {
		inode_lock(p1->d_inode);
		return;
	}
	mutex_lock(&p1->d_inode->i_sb->s_vfs_rename_mutex);
	if (is_subdir(p1, p2)) {        /* p2 is p1's ancestor */
		inode_lock(p2->d_inode);
		inode_lock(p1->d_inode);
	} else {
		inode_lock(p1->d_inode);
		inode_lock(p2->d_inode);
	}
}

static void unlock_rename(struct dentry *p1, struct dentry *p2)
{
	inode_unlock(p1->d_inode);
	if (p1 != p2) {
		inode_unlock(p2->d_inode);
		mutex_unlock(&p1->d_inode->i_sb->s_vfs_rename_mutex);
	}
}

/* Linux's vfs_rename: the kinds must agree, mount points stay; the cache follows the file system. */
static int vfs_rename(struct inode *old_dir, struct dentry *old, struct inode *new_dir, struct dentry *new,
		      bool new_exists, unsigned int flags)
{
	int err;

	if (new_exists && old->d_inode == new->d_inode)
		return 0;
	err = may_delete(old, S_ISDIR(old->d_inode->i_mode));
	if (!err && new_exists)
		err = may_delete(new, (flags & RENAME_EXCHANGE) ? S_ISDIR(new->d_inode->i_mode) :
				 S_ISDIR(old->d_inode->i_mode));
	if (err)
		return err;
	if (!old_dir->i_op || !old_dir->i_op->rename)
		return -EPERM;
	if (old->d_mounted || (new_exists && new->d_mounted))
		return -EBUSY;
	/* the renamed inode's ctime and a replaced one's link count change: both locked (Linux's lock_two_inodes) */
	lock_two_inodes(old->d_inode, new_exists ? new->d_inode : NULL);
	err = old_dir->i_op->rename(old_dir, old, new_dir, new, flags);
	unlock_two_inodes(old->d_inode, new_exists ? new->d_inode : NULL);
	if (err)
		return err;
	if (flags & RENAME_EXCHANGE) {
		struct qstr oname = old->d_name, nname = new->d_name;
		struct dentry *oparent = dget(old->d_parent), *nparent = dget(new->d_parent);
		char *ocopy = kmalloc(oname.len + 1, GFP_KERNEL);

		if (ocopy) {
			memcpy(ocopy, oname.name, oname.len + 1);
			oname.name = ocopy;
			d_move(old, nparent, &nname);
			d_move(new, oparent, &oname);
			kfree(ocopy);
		}
		dput(oparent);
		dput(nparent);
		return 0;
	}
	if (new_exists)
		d_drop(new);
	return d_move(old, new->d_parent, &new->d_name);
}

/* The checks of Linux's do_renameat2 after both parents are found and the mount is writable. */
static int rename_checks(struct path *old_dir, const char *old_last, int old_len, bool old_slash,
			 struct path *new_dir, const char *new_last, int new_len, bool new_slash,
			 unsigned int flags)
{
	struct dentry *old, *new;
	bool new_exists;
	int err;

	old = lookup_one_len(old_dir->dentry, old_last, old_len, &err);
	if (!old)
		return err;
	new = lookup_one_len(new_dir->dentry, new_last, new_len, &err);
	if (!new && err != -ENOENT)
		goto out;
	new_exists = new != NULL;
	err = -EEXIST;
	if ((flags & RENAME_NOREPLACE) && new)
		goto out;
	if (flags & RENAME_EXCHANGE) {
		err = -ENOENT;
		if (!new)
			goto out;
		err = -ENOTDIR;
		if (!S_ISDIR(new->d_inode->i_mode) && new_slash)
			goto out;
	}
	err = -ENOTDIR;
	if (!S_ISDIR(old->d_inode->i_mode) && (old_slash || (!(flags & RENAME_EXCHANGE) && new_slash)))
		goto out;
	/* the source may not be an ancestor of the target, nor the target of the source */
	err = -EINVAL;
	if (old_dir->dentry != new_dir->dentry && is_subdir(new_dir->dentry, old))
		goto out;
	err = !(flags & RENAME_EXCHANGE) ? -ENOTEMPTY : -EINVAL;
	if (new && old_dir->dentry != new_dir->dentry && is_subdir(old_dir->dentry, new))
		goto out;
	if (!new) {
		err = -ENOMEM;
		new = d_alloc(new_dir->dentry, new_last, (unsigned int)new_len);
		if (!new)
			goto out;
	}
	err = vfs_rename(old_dir->dentry->d_inode, old, new_dir->dentry->d_inode, new, new_exists, flags);
out:
	dput(new);
	dput(old);
	return err;
}

long sys_renameat2(int olddfd, const char *uold, int newdfd, const char *unew, unsigned int flags)
{
	struct path old_dir, new_dir;
	const char *old_last, *new_last;
	int old_len, new_len, old_type, new_type, err;
	bool old_slash, new_slash;
	char *old_path, *new_path;

	if (flags & ~(RENAME_NOREPLACE | RENAME_EXCHANGE | RENAME_WHITEOUT))
		return -EINVAL;
	if ((flags & (RENAME_NOREPLACE | RENAME_WHITEOUT)) && (flags & RENAME_EXCHANGE))
		return -EINVAL;
	old_path = getname(uold, &err);
	if (!old_path)
		return err;
	err = filename_parentat(olddfd, old_path, &old_dir, &old_last, &old_len, &old_type, &old_slash);
	if (err)
		goto out_old;
	new_path = getname(unew, &err);
	if (!new_path)
		goto out_old_dir;
	err = filename_parentat(newdfd, new_path, &new_dir, &new_last, &new_len, &new_type, &new_slash);
	if (err)
		goto out_new;
	if (old_dir.mnt != new_dir.mnt)
		err = -EXDEV;
	else if (old_type != LAST_NORM)
		err = -EBUSY;
	else if (new_type != LAST_NORM)
		err = (flags & RENAME_NOREPLACE) ? -EEXIST : -EBUSY;
	else if (mnt_is_readonly(old_dir.mnt))
		err = -EROFS;
	else if (flags & RENAME_WHITEOUT)
		err = -EINVAL;  /* no file system here makes whiteouts (Linux: shmem's rename2 only) */
	else {
		lock_rename(old_dir.dentry, new_dir.dentry);
		err = rename_checks(&old_dir, old_last, old_len, old_slash,
				    &new_dir, new_last, new_len, new_slash, flags);
		unlock_rename(old_dir.dentry, new_dir.dentry);
	}
	path_put(&new_dir);
out_new:
	putname(new_path);
out_old_dir:
	path_put(&old_dir);
out_old:
	putname(old_path);
	return err;
}

long sys_renameat(int olddfd, const char *uold, int newdfd, const char *unew)
{
	return sys_renameat2(olddfd, uold, newdfd, unew, 0);
}

long sys_rename(const char *uold, const char *unew)
{
	return sys_renameat2(AT_FDCWD, uold, AT_FDCWD, unew, 0);
}
