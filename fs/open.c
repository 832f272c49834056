/*
 * open, openat, creat, access, chdir and umask (Linux's fs/open.c and
 * do_filp_open of fs/namei.c). The initramfs is mounted read-only, so
 * what would write or create there answers as Linux does on a read-only
 * file system: -EROFS, after the checks Linux makes first (-EEXIST,
 * -EISDIR, -ENOTDIR).
 */
#include "linux/errno.h"
#include "linux/fs.h"
#include "linux/sched.h"
#include "linux/slab.h"
#include "linux/string.h"
#include "linux/syscalls.h"
#include "linux/uaccess.h"

#define MAY_EXEC  1
#define MAY_WRITE 2
#define MAY_READ  4

/* O_CREAT of "name/": walk the directories before the last component; they must be one. */
static int parent_walk(int dfd, const char *path)
{
	char *dir = kmalloc(PATH_MAX, GFP_KERNEL);
	size_t len;
	struct inode *inode;
	int err;

	if (!dir)
		return -ENOMEM;
	strlcpy(dir, path, PATH_MAX);
	len = strlen(dir);
	while (len > 1 && dir[len - 1] == '/')
		dir[--len] = '\0';
	while (len > 0 && dir[len - 1] != '/')
		dir[--len] = '\0';     /* keep the slash: "/etc/" */
	err = filename_lookup(dfd, len ? dir : ".", LOOKUP_FOLLOW | LOOKUP_DIRECTORY, &inode, NULL);
	if (!err)
		iput(inode);
	kfree(dir);
	return err;
}

struct file *do_filp_open(int dfd, const char *path, int flags, int *err)
{
	int acc = flags & O_ACCMODE;
	bool wants_write = acc != O_RDONLY || (flags & O_TRUNC);
	bool creat_excl = (flags & (O_CREAT | O_EXCL)) == (O_CREAT | O_EXCL);
	unsigned int lookup = (flags & O_DIRECTORY) ? LOOKUP_DIRECTORY : 0;
	struct inode *inode;
	struct file *f = NULL;
	bool last;
	size_t len = strlen(path);

	if (!(flags & O_NOFOLLOW) && !creat_excl)
		lookup |= LOOKUP_FOLLOW;
	if ((flags & O_CREAT) && path[len - 1] == '/') {
		*err = parent_walk(dfd, path) ?: -EISDIR;
		return NULL;
	}
	*err = filename_lookup(dfd, path, lookup, &inode, &last);
	if (*err) {
		if (*err == -ENOENT && (flags & O_CREAT) && last)
			*err = -EROFS;  /* the parent is there: creating is what fails */
		return NULL;
	}
	if (creat_excl)
		*err = -EEXIST;
	else if (S_ISLNK(inode->i_mode))
		*err = -ELOOP;  /* O_NOFOLLOW on a link */
	else if (S_ISDIR(inode->i_mode) && (flags & O_CREAT))
		*err = -EISDIR;
	else if (S_ISDIR(inode->i_mode) && wants_write)
		*err = -EISDIR; /* O_TRUNC asks for write access too (build_open_flags) */
	else if (wants_write && inode->i_sb->s_rdonly && !S_ISCHR(inode->i_mode))
		*err = -EROFS;
	else
		f = inode->i_sb->s_open(inode, flags, err);
	iput(inode);
	return f;
}

/* Linux's do_sys_open: getname (-EFAULT, -ENOENT for "", -ENAMETOOLONG), the open, the lowest free fd. */
long sys_openat(int dfd, const char *upath, int flags, int mode)
{
	int err;
	char *path = getname(upath, &err);
	struct file *f;

	(void)mode;
	if (!path)
		return err;
	f = do_filp_open(dfd, path, flags, &err);
	putname(path);
	if (!f)
		return err;
	err = fd_install_lowest(f, flags & O_CLOEXEC);
	if (err < 0)
		fput(f);
	return err;
}

long sys_open(const char *upath, int flags, int mode)
{
	return sys_openat(AT_FDCWD, upath, flags | O_LARGEFILE, mode);
}

long sys_creat(const char *upath, int mode)
{
	return sys_open(upath, O_CREAT | O_WRONLY | O_TRUNC, mode);
}

/*
 * access as Linux's do_faccessat for root: reading and writing are
 * allowed except writing on a read-only file system (-EROFS, for files,
 * directories and links); executing needs an x bit on a file.
 */
static long do_faccessat(int dfd, const char *upath, int mode, int flags)
{
	struct inode *inode;
	unsigned int lookup = LOOKUP_FOLLOW;
	long err;

	if (mode & ~(MAY_READ | MAY_WRITE | MAY_EXEC))
		return -EINVAL;
	if (flags & ~(AT_EACCESS | AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH))
		return -EINVAL;
	if (flags & AT_SYMLINK_NOFOLLOW)
		lookup &= ~LOOKUP_FOLLOW;
	if (flags & AT_EMPTY_PATH)
		lookup |= LOOKUP_EMPTY;
	err = user_path_at(dfd, upath, lookup, &inode);
	if (err)
		return err;
	if ((mode & MAY_EXEC) && !S_ISDIR(inode->i_mode) && !(inode->i_mode & 0111))
		err = -EACCES;
	else if ((mode & MAY_WRITE) && inode->i_sb->s_rdonly &&
		 (S_ISREG(inode->i_mode) || S_ISDIR(inode->i_mode) || S_ISLNK(inode->i_mode)))
		err = -EROFS;
	iput(inode);
	return err;
}

long sys_faccessat2(int dfd, const char *upath, int mode, int flags)
{
	return do_faccessat(dfd, upath, mode, flags);
}

long sys_faccessat(int dfd, const char *upath, int mode)
{
	return do_faccessat(dfd, upath, mode, 0);
}

long sys_access(const char *upath, int mode)
{
	return do_faccessat(AT_FDCWD, upath, mode, 0);
}

static void set_fs_pwd(struct inode *inode)
{
	iput(current->fs->pwd);
	current->fs->pwd = inode;
}

long sys_chdir(const char *upath)
{
	struct inode *inode;
	long err = user_path_at(AT_FDCWD, upath, LOOKUP_FOLLOW | LOOKUP_DIRECTORY, &inode);

	if (err)
		return err;
	set_fs_pwd(inode);
	return 0;
}

long sys_fchdir(int fd)
{
	struct file *f = fget(fd);

	if (!f)
		return -EBADF;
	if (!f->f_inode || !S_ISDIR(f->f_inode->i_mode))
		return -ENOTDIR;
	set_fs_pwd(igrab(f->f_inode));
	return 0;
}

long sys_umask(int mask)
{
	long old = current->fs->umask;

	current->fs->umask = (unsigned int)mask & 0777;
	return old;
}

