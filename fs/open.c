/*
 * open and close (Linux's fs/open.c): read-only initrd files and
 * directories, found by the path walk of fs/namei.c.
 */
#include "linux/earlycpio.h"
#include "linux/errno.h"
#include "linux/fs.h"
#include "linux/sched.h"
#include "linux/slab.h"
#include "linux/string.h"
#include "linux/syscalls.h"
#include "linux/uaccess.h"

#define O_ACCMODE 3
#define O_RDONLY 0
#define O_CREAT 0100
#define O_EXCL 0200
#define O_TRUNC 01000
#define O_DIRECTORY 0200000
#define O_CLOEXEC 02000000

/*
 * For O_CREAT: walk the directories before the last component ("/etc" of
 * "/etc/new" or "/etc/new/"). Returns 0 if they lead to a directory, else
 * the walk's error (-ENOENT, -ENOTDIR ...).
 */
static int parent_lookup(const char *path)
{
	char *dir = kmalloc(PATH_MAX, GFP_KERNEL);
	size_t len;
	struct cpio_entry e;
	int err;

	if (!dir)
		return -ENOMEM;
	strlcpy(dir, path, PATH_MAX);
	len = strlen(dir);
	while (len > 1 && dir[len - 1] == '/')
		dir[--len] = '\0';
	while (len > 0 && dir[len - 1] != '/')
		dir[--len] = '\0';     /* keep the slash: "/etc/" */
	err = initrd_lookup(len ? dir : ".", &e);
	if (!err && !S_ISDIR(e.mode))
		err = -ENOTDIR;
	kfree(dir);
	return err;
}

/*
 * The initrd is mounted read-only, so everything that would write or
 * create answers as Linux does on a read-only file system: -EROFS, after
 * the checks Linux makes first (-EEXIST, -EISDIR, -ENOTDIR).
 */
static struct file *do_open(const char *path, int flags, int *err)
{
	int acc = flags & O_ACCMODE;
	bool wants_write = acc != O_RDONLY || (flags & O_TRUNC);
	size_t len = strlen(path);
	struct file *f;

	if ((flags & O_CREAT) && path[len - 1] == '/') {
		/* O_CREAT of "name/": refused once the directories before it are walked */
		*err = parent_lookup(path) ?: -EISDIR;
		return NULL;
	}
	f = initrd_open(path, err);
	if (!f) {
		if (*err == -ENOENT && (flags & O_CREAT) && parent_lookup(path) == 0)
			*err = -EROFS;
		return NULL;
	}
	if ((flags & (O_CREAT | O_EXCL)) == (O_CREAT | O_EXCL))
		*err = -EEXIST;
	else if (S_ISDIR(f->mode) && (flags & O_CREAT))
		*err = -EISDIR;
	else if ((flags & O_DIRECTORY) && !S_ISDIR(f->mode))
		*err = -ENOTDIR;
	else if (S_ISDIR(f->mode) && wants_write)
		*err = -EISDIR;         /* O_TRUNC asks for write access too (build_open_flags) */
	else if (wants_write)
		*err = -EROFS;
	else
		return f;
	fput(f);
	return NULL;
}

/*
 * open(2): Linux's getname first (-EFAULT, -ENOENT for "", -ENAMETOOLONG for
 * PATH_MAX bytes without a NUL), then the walk and the checks of do_open.
 */
long sys_open(const char *upath, int flags, int mode)
{
	char *path = kmalloc(PATH_MAX, GFP_KERNEL);
	struct file *f = NULL;
	long n;
	int err = 0;

	(void)mode;
	if (!path)
		return -ENOMEM;
	n = strncpy_from_user(path, upath, PATH_MAX);
	if (n < 0)
		err = (int)n;
	else if (n == PATH_MAX)
		err = -ENAMETOOLONG;
	else if (n == 0)
		err = -ENOENT;
	else
		f = do_open(path, flags, &err);
	kfree(path);
	if (!f)
		return err;
	for (int fd = 0; fd < NR_OPEN; fd++) {
		if (!current->files[fd]) {
			current->files[fd] = f;
			if (flags & O_CLOEXEC)
				current->close_on_exec |= 1u << fd;
			else
				current->close_on_exec &= ~(1u << fd);
			return fd;
		}
	}
	fput(f);
	return -EMFILE;
}

long sys_close(int fd)
{
	struct file *f = fget(fd);

	if (!f)
		return -EBADF;
	current->files[fd] = NULL;
	current->close_on_exec &= ~(1u << fd);
	fput(f);
	return 0;
}
