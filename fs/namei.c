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
