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

/* The child NAME of dir, or the root of what is mounted there. */
static struct inode *lookup_child(struct inode *dir, const char *name, int len, int *err)
{
	size_t dlen = strlen(dir->i_path);
	char *path = kmalloc(dlen + (size_t)len + 2, GFP_KERNEL);
	struct inode *mnt;

	if (!path) {
		*err = -ENOMEM;
		return NULL;
	}
	memcpy(path, dir->i_path, dlen);
	if (dlen > 1)
		path[dlen++] = '/';
	memcpy(path + dlen, name, (size_t)len);
	path[dlen + len] = '\0';
	*err = 0;
	mnt = lookup_mnt(path, err);
	kfree(path);
	if (mnt || *err)
		return mnt;
	if (!dir->i_op || !dir->i_op->lookup) {
		*err = -ENOENT;
		return NULL;
	}
	return dir->i_op->lookup(dir, name, len, err);
}

static int walk(struct inode *start, char *buf, unsigned int flags, struct inode **res, bool *last);

/* ".." of dir: the directory its canonical path names without its last component. */
static struct inode *lookup_dotdot(struct inode *dir, int *err)
{
	char *path = kmalloc(strlen(dir->i_path) + 1, GFP_KERNEL);
	char *slash;
	struct inode *parent = NULL;

	if (!path) {
		*err = -ENOMEM;
		return NULL;
	}
	memcpy(path, dir->i_path, strlen(dir->i_path) + 1);
	slash = strrchr(path, '/');
	if (slash)
		*slash = '\0';
	{
		struct inode *root = root_inode();

		if (!root) {
			*err = -ENOMEM;
		} else {
			*err = walk(root, path, 0, &parent, NULL);
			iput(root);
		}
	}
	kfree(path);
	return parent;
}

/*
 * The walk proper: buf (2 * PATH_MAX bytes, from kmalloc) holds the path
 * and is rewritten when a link is followed; start is not consumed.
 */
static int walk(struct inode *start, char *buf, unsigned int flags, struct inode **res, bool *last)
{
	struct inode *cur = igrab(start), *child;
	char *p = buf, *link = NULL;
	int links = 0, err = 0;
	bool must_dir = false;

	for (;;) {
		char *comp;
		int clen;
		bool trailing, is_last;

		while (*p == '/')
			p++;
		if (!*p)
			break;
		if (!S_ISDIR(cur->i_mode)) {
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
		if (clen == 2 && comp[0] == '.' && comp[1] == '.')
			child = lookup_dotdot(cur, &err);
		else
			child = lookup_child(cur, comp, clen, &err);
		if (!child) {
			if (err == -ENOENT && is_last && last)
				*last = true;
			break;
		}
		if (S_ISLNK(child->i_mode) && (!is_last || trailing || (flags & LOOKUP_FOLLOW))) {
			int n;
			size_t rest = strlen(p);

			if (++links > MAXSYMLINKS) {
				iput(child);
				err = -ELOOP;
				break;
			}
			if (!link)
				link = kmalloc(2 * PATH_MAX, GFP_KERNEL);
			n = !link ? -ENOMEM : child->i_op && child->i_op->readlink ?
				child->i_op->readlink(child, link, PATH_MAX) : -EINVAL;
			iput(child);
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
				struct inode *root = root_inode();

				if (!root) {
					err = -ENOMEM;
					break;
				}
				iput(cur);
				cur = root;
			}
			continue;
		}
		iput(cur);
		cur = child;
	}
	kfree(link);
	if (!err && (must_dir || (flags & LOOKUP_DIRECTORY)) && !S_ISDIR(cur->i_mode))
		err = -ENOTDIR;
	if (err) {
		iput(cur);
		return err;
	}
	*res = cur;
	return 0;
}

/* Where a walk of path from dfd starts: a new reference, or NULL with *err -EBADF, -ENOTDIR. */
static struct inode *path_start(int dfd, const char *path, unsigned int flags, int *err)
{
	struct file *f;

	if (path[0] == '/')
		return root_inode();
	if (dfd == AT_FDCWD) {
		if (current->fs && current->fs->pwd)
			return igrab(current->fs->pwd);
		return root_inode();
	}
	f = fget(dfd);
	if (!f) {
		*err = -EBADF;
		return NULL;
	}
	if (!f->f_inode) {
		*err = -ENOTDIR;
		return NULL;
	}
	if (!S_ISDIR(f->f_inode->i_mode) && !(path[0] == '\0' && (flags & LOOKUP_EMPTY))) {
		*err = -ENOTDIR;
		return NULL;
	}
	return igrab(f->f_inode);
}

int filename_lookup(int dfd, const char *path, unsigned int flags, struct inode **res, bool *last)
{
	char *buf;
	struct inode *start;
	int err = -ENOMEM;

	if (last)
		*last = false;
	if (!path[0] && !(flags & LOOKUP_EMPTY))
		return -ENOENT;
	start = path_start(dfd, path, flags, &err);
	if (!start)
		return err;
	buf = kmalloc(2 * PATH_MAX, GFP_KERNEL);
	if (buf) {
		strlcpy(buf, path, PATH_MAX);
		err = walk(start, buf, flags, res, last);
		kfree(buf);
	} else {
		err = -ENOMEM;
	}
	iput(start);
	return err;
}

int user_path_at(int dfd, const char *upath, unsigned int flags, struct inode **res)
{
	int err;
	char *name = getname_flags(upath, flags & LOOKUP_EMPTY, &err);

	if (!name)
		return err;
	err = filename_lookup(dfd, name, flags, res, NULL);
	putname(name);
	return err;
}

int filename_parentat(int dfd, const char *path, struct inode **parent, const char **last, int *len,
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
		*parent = path_start(dfd, path, 0, &err);
		return *parent ? 0 : err;
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

struct inode *lookup_one_len(struct inode *dir, const char *name, int len, int *err)
{
	struct inode *inode;

	if (len > NAME_MAX) {
		*err = -ENAMETOOLONG;
		return NULL;
	}
	inode = lookup_child(dir, name, len, err);
	if (!inode && !*err)
		*err = -ENOENT;
	return inode;
}

bool is_mountpoint(struct inode *dir, const char *name, int len)
{
	struct inode *child;
	int err;
	bool mounted;

	if (len > NAME_MAX)
		return false;
	child = lookup_child(dir, name, len, &err);
	if (!child)
		return false;
	mounted = child->i_sb != dir->i_sb;
	iput(child);
	return mounted;
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

/* Same inode? (Pagoda makes one per walk: compare what names it.) */
static bool same_inode(const struct inode *a, const struct inode *b)
{
	return a->i_sb == b->i_sb && a->i_ino == b->i_ino;
}

/*
 * Linux's filename_create: the parent of a name to make, with the checks
 * in Linux's order: the walk's errors; -EEXIST for ".", ".." and "/";
 * -ENAMETOOLONG; -EEXIST if the name is there; -ENOENT for "name/" unless
 * a directory is being made; -EROFS. 0 with *parent a new reference.
 */
static int filename_create(int dfd, const char *path, bool want_dir, struct inode **parent,
			   const char **last, int *len)
{
	struct inode *child;
	bool trailing;
	int type, err;

	err = filename_parentat(dfd, path, parent, last, len, &type, &trailing);
	if (err)
		return err;
	err = -EEXIST;
	if (type != LAST_NORM)
		goto fail;
	child = lookup_one_len(*parent, *last, *len, &err);
	if (child) {
		iput(child);
		err = -EEXIST;
		goto fail;
	}
	if (err != -ENOENT)
		goto fail;
	err = -ENOENT;
	if (trailing && !want_dir)
		goto fail;
	err = -EROFS;
	if ((*parent)->i_sb->s_rdonly)
		goto fail;
	return 0;
fail:
	iput(*parent);
	return err;
}

long sys_mkdirat(int dfd, const char *upath, int mode)
{
	struct inode *dir;
	const char *last;
	int len, err;
	char *path = getname(upath, &err);

	if (!path)
		return err;
	err = filename_create(dfd, path, true, &dir, &last, &len);
	if (!err) {
		mode &= ~current->fs->umask & (S_ISVTX | 0777);
		err = dir->i_op && dir->i_op->mkdir ?
			dir->i_op->mkdir(dir, last, len, S_IFDIR | (unsigned int)mode) : -EPERM;
		iput(dir);
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

long sys_mknodat(int dfd, const char *upath, int mode, unsigned int dev)
{
	struct inode *dir, *inode;
	const char *last;
	int len, err;
	char *path;
	unsigned int umode = (unsigned int)mode & 0xffff;       /* umode_t */

	err = may_mknod(umode);
	if (err)
		return err;
	path = getname(upath, &err);
	if (!path)
		return err;
	err = filename_create(dfd, path, false, &dir, &last, &len);
	if (err)
		goto out;
	umode &= ~current->fs->umask;
	if (!(umode & S_IFMT))
		umode |= S_IFREG;
	if (S_ISREG(umode)) {
		err = dir->i_op && dir->i_op->create ?
			dir->i_op->create(dir, last, len, umode, &inode) : -EACCES;
		if (!err)
			iput(inode);
	} else {
		err = dir->i_op && dir->i_op->mknod ?
			dir->i_op->mknod(dir, last, len, umode,
					 S_ISCHR(umode) || S_ISBLK(umode) ? dev : 0) : -EPERM;
	}
	iput(dir);
out:
	putname(path);
	return err;
}

long sys_mknod(const char *upath, int mode, unsigned int dev)
{
	return sys_mknodat(AT_FDCWD, upath, mode, dev);
}

long sys_symlinkat(const char *utarget, int newdfd, const char *upath)
{
	struct inode *dir;
	const char *last;
	int len, err;
	char *target = getname(utarget, &err), *path;

	if (!target)
		return err;
	path = getname(upath, &err);
	if (path) {
		err = filename_create(newdfd, path, false, &dir, &last, &len);
		if (!err) {
			err = dir->i_op && dir->i_op->symlink ? dir->i_op->symlink(dir, last, len, target) : -EPERM;
			iput(dir);
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
	struct inode *old, *dir;
	const char *last;
	int len, err;
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
		err = filename_create(newdfd, path, false, &dir, &last, &len);
		if (!err) {
			if (dir->i_sb != old->i_sb)
				err = -EXDEV;
			else if (!dir->i_op || !dir->i_op->link || S_ISDIR(old->i_mode))
				err = -EPERM;
			else
				err = dir->i_op->link(old, dir, last, len);
			iput(dir);
		}
		putname(path);
	}
	iput(old);
	return err;
}

long sys_link(const char *uold, const char *unew)
{
	return sys_linkat(AT_FDCWD, uold, AT_FDCWD, unew, 0);
}

/*
 * Linux's may_delete, after the lookup found victim in dir: -ENOTDIR or
 * -EISDIR when victim is not of the kind the call removes.
 */
static int may_delete(struct inode *victim, bool isdir)
{
	if (isdir && !S_ISDIR(victim->i_mode))
		return -ENOTDIR;
	if (!isdir && S_ISDIR(victim->i_mode))
		return -EISDIR;
	return 0;
}

static long do_rmdir(int dfd, const char *upath)
{
	struct inode *dir, *victim;
	const char *last;
	int len, type, err;
	bool trailing;
	char *path = getname(upath, &err);

	if (!path)
		return err;
	err = filename_parentat(dfd, path, &dir, &last, &len, &type, &trailing);
	if (err)
		goto out;
	if (type == LAST_DOTDOT)
		err = -ENOTEMPTY;
	else if (type == LAST_DOT)
		err = -EINVAL;
	else if (type == LAST_ROOT)
		err = -EBUSY;
	else if (dir->i_sb->s_rdonly)
		err = -EROFS;
	else if ((victim = lookup_one_len(dir, last, len, &err))) {
		err = may_delete(victim, true);
		if (!err && (!dir->i_op || !dir->i_op->rmdir))
			err = -EPERM;
		if (!err && is_mountpoint(dir, last, len))
			err = -EBUSY;
		if (!err)
			err = dir->i_op->rmdir(dir, last, len, victim);
		iput(victim);
	}
	iput(dir);
out:
	putname(path);
	return err;
}

static long do_unlinkat(int dfd, const char *upath)
{
	struct inode *dir, *victim;
	const char *last;
	int len, type, err;
	bool trailing;
	char *path = getname(upath, &err);

	if (!path)
		return err;
	err = filename_parentat(dfd, path, &dir, &last, &len, &type, &trailing);
	if (err)
		goto out;
	if (type != LAST_NORM)
		err = -EISDIR;
	else if (dir->i_sb->s_rdonly)
		err = -EROFS;
	else if ((victim = lookup_one_len(dir, last, len, &err))) {
		/* "name/": what Linux's do_unlinkat answers at its label slashes */
		if (trailing)
			err = S_ISDIR(victim->i_mode) ? -EISDIR : -ENOTDIR;
		else
			err = may_delete(victim, false);
		if (!err && (!dir->i_op || !dir->i_op->unlink))
			err = -EPERM;
		if (!err && is_mountpoint(dir, last, len))
			err = -EBUSY;
		if (!err)
			err = dir->i_op->unlink(dir, last, len, victim);
		iput(victim);
	}
	iput(dir);
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

/* Is path b inside directory path a (or a itself)? Canonical paths: what dentries' ancestry would say. */
static bool path_within(const char *a, const char *b)
{
	size_t n = strlen(a);

	if (n == 1)
		return true;    /* "/" */
	return !strncmp(a, b, n) && (b[n] == '\0' || b[n] == '/');
}

/* The checks of Linux's do_renameat2 after both parents are found and the mount is writable. */
static int rename_checks(struct inode *old_dir, const char *old_last, int old_len, bool old_slash,
			 struct inode *new_dir, const char *new_last, int new_len, bool new_slash,
			 unsigned int flags)
{
	struct inode *old, *new;
	int err;

	old = lookup_one_len(old_dir, old_last, old_len, &err);
	if (!old)
		return err;
	new = lookup_one_len(new_dir, new_last, new_len, &err);
	if (!new && err != -ENOENT)
		goto out;
	err = -EEXIST;
	if ((flags & RENAME_NOREPLACE) && new)
		goto out;
	if (flags & RENAME_EXCHANGE) {
		err = -ENOENT;
		if (!new)
			goto out;
		err = -ENOTDIR;
		if (!S_ISDIR(new->i_mode) && new_slash)
			goto out;
	}
	err = -ENOTDIR;
	if (!S_ISDIR(old->i_mode) && (old_slash || (!(flags & RENAME_EXCHANGE) && new_slash)))
		goto out;
	/* the source may not be an ancestor of the target's directory, nor the target of the source's */
	err = -EINVAL;
	if (S_ISDIR(old->i_mode) && !same_inode(old_dir, new_dir) && path_within(old->i_path, new_dir->i_path))
		goto out;
	err = !(flags & RENAME_EXCHANGE) ? -ENOTEMPTY : -EINVAL;
	if (new && S_ISDIR(new->i_mode) && !same_inode(old_dir, new_dir) &&
	    path_within(new->i_path, old_dir->i_path))
		goto out;
	/* vfs_rename */
	err = 0;
	if (new && same_inode(old, new))
		goto out;
	err = may_delete(old, S_ISDIR(old->i_mode));
	if (!err && new)
		err = may_delete(new, (flags & RENAME_EXCHANGE) ? S_ISDIR(new->i_mode) : S_ISDIR(old->i_mode));
	if (err)
		goto out;
	err = -EPERM;
	if (!old_dir->i_op || !old_dir->i_op->rename)
		goto out;
	err = -EBUSY;
	if (is_mountpoint(old_dir, old_last, old_len) || (new && is_mountpoint(new_dir, new_last, new_len)))
		goto out;
	err = old_dir->i_op->rename(old_dir, old_last, old_len, new_dir, new_last, new_len, flags);
out:
	iput(new);
	iput(old);
	return err;
}

long sys_renameat2(int olddfd, const char *uold, int newdfd, const char *unew, unsigned int flags)
{
	struct inode *old_dir, *new_dir;
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
	if (old_dir->i_sb != new_dir->i_sb)
		err = -EXDEV;
	else if (old_type != LAST_NORM)
		err = -EBUSY;
	else if (new_type != LAST_NORM)
		err = (flags & RENAME_NOREPLACE) ? -EEXIST : -EBUSY;
	else if (old_dir->i_sb->s_rdonly)
		err = -EROFS;
	else if (flags & RENAME_WHITEOUT)
		err = -EINVAL;  /* no file system here makes whiteouts (Linux: shmem's rename2 only) */
	else
		err = rename_checks(old_dir, old_last, old_len, old_slash,
				    new_dir, new_last, new_len, new_slash, flags);
	iput(new_dir);
out_new:
	putname(new_path);
out_old_dir:
	iput(old_dir);
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
