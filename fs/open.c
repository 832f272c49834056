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
	struct path p;
	int err;

	if (!dir)
		return -ENOMEM;
	strlcpy(dir, path, PATH_MAX);
	len = strlen(dir);
	while (len > 1 && dir[len - 1] == '/')
		dir[--len] = '\0';
	while (len > 0 && dir[len - 1] != '/')
		dir[--len] = '\0';     /* keep the slash: "/etc/" */
	err = filename_lookup(dfd, len ? dir : ".", LOOKUP_FOLLOW | LOOKUP_DIRECTORY, &p, NULL);
	if (!err)
		path_put(&p);
	kfree(dir);
	return err;
}

/*
 * O_CREAT of a name that is not there (Linux's lookup_open and
 * vfs_create): the file, made where the walk stopped (a dangling link's
 * target included), with mode's permission bits less the umask. 0 with
 * *res, or -errno.
 */
static int open_create(struct last_missing *last, int mode, struct path *res)
{
	struct path *parent = &last->parent;
	struct dentry *dentry;
	int err;

	if (IS_DEADDIR(parent->dentry->d_inode))
		return -ENOENT;
	if (mnt_is_readonly(parent->mnt))
		return -EROFS;
	dentry = d_alloc(parent->dentry, last->name, (unsigned int)strlen(last->name));
	if (!dentry)
		return -ENOMEM;
	err = vfs_mknod(parent->dentry->d_inode, dentry, S_IFREG | ((unsigned int)mode & 07777 & ~current->fs->umask), 0);
	if (!err) {
		res->mnt = mntget(parent->mnt);
		res->dentry = dget(dentry);
	}
	dput(dentry);
	return err;
}

struct file *do_filp_open(int dfd, const char *path, int flags, int mode, int *err)
{
	int acc = flags & O_ACCMODE;
	bool wants_write = acc != O_RDONLY || (flags & O_TRUNC);
	bool creat_excl = (flags & (O_CREAT | O_EXCL)) == (O_CREAT | O_EXCL);
	unsigned int lookup = (flags & O_DIRECTORY) ? LOOKUP_DIRECTORY : 0;
	struct path p;
	struct inode *inode;
	struct file *f = NULL;
	struct last_missing last;
	bool created = false;
	size_t len = strlen(path);

	if (!(flags & O_NOFOLLOW) && !creat_excl)
		lookup |= LOOKUP_FOLLOW;
	if ((flags & O_CREAT) && path[len - 1] == '/') {
		*err = parent_walk(dfd, path) ?: -EISDIR;
		return NULL;
	}
	*err = filename_lookup(dfd, path, lookup, &p, &last);
	if (last.jump) {                /* /proc/PID/fd/N of a pipe */
		path_put(&p);
		f = *err ? NULL : (flags & O_DIRECTORY) ? (*err = -ENOTDIR, NULL) : pipe_reopen(last.jump, flags, err);
		fput(last.jump);
		return f;
	}
	if (last.missing) {
		if (flags & O_CREAT) {
			*err = open_create(&last, mode, &p);
			created = !*err;
		}
		path_put(&last.parent);
	}
	if (*err)
		return NULL;
	inode = p.dentry->d_inode;
	if (creat_excl && !created)
		*err = -EEXIST;
	else if (S_ISLNK(inode->i_mode))
		*err = -ELOOP;  /* O_NOFOLLOW on a link */
	else if (S_ISDIR(inode->i_mode) && (flags & O_CREAT))
		*err = -EISDIR;
	else if (S_ISDIR(inode->i_mode) && wants_write)
		*err = -EISDIR; /* O_TRUNC asks for write access too (build_open_flags) */
	else if (wants_write && mnt_is_readonly(p.mnt) && (S_ISREG(inode->i_mode) || S_ISDIR(inode->i_mode)))
		*err = -EROFS;
	else if ((flags & O_TRUNC) && S_ISREG(inode->i_mode) && !created && inode->i_size) {
		struct iattr attr = { .ia_valid = ATTR_SIZE, .ia_size = 0 };

		inode_lock(inode);
		*err = notify_change(inode, &attr);      /* Linux's handle_truncate */
		inode_unlock(inode);
	}
	if (!*err)
		f = inode->i_sb->s_open(inode, flags, err);
	if (f && !f->f_path.dentry) {
		f->f_path = p;
		path_get(&p);
	}
	path_put(&p);
	return f;
}

/* Linux's do_sys_open: getname (-EFAULT, -ENOENT for "", -ENAMETOOLONG), the open, the lowest free fd. */
long sys_openat(int dfd, const char *upath, int flags, int mode)
{
	int err;
	char *path = getname(upath, &err);
	struct file *f;

	if (!path)
		return err;
	f = do_filp_open(dfd, path, flags, mode, &err);
	putname(path);
	if (!f)
		return err;
	err = fd_install_lowest(f, flags & O_CLOEXEC);
	if (err < 0)
		fput(f);
	return err;
}

/* No O_LARGEFILE added: Linux's force_o_largefile() is false on a 32-bit kernel (fdinfo and F_GETFL show it). */
long sys_open(const char *upath, int flags, int mode)
{
	return sys_openat(AT_FDCWD, upath, flags, mode);
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
	struct path path;
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
	err = user_path_at(dfd, upath, lookup, &path);
	if (err)
		return err;
	inode = path.dentry->d_inode;
	if ((mode & MAY_EXEC) && !S_ISDIR(inode->i_mode) && !(inode->i_mode & 0111))
		err = -EACCES;
	else if ((mode & MAY_WRITE) && mnt_is_readonly(path.mnt) &&
		 (S_ISREG(inode->i_mode) || S_ISDIR(inode->i_mode) || S_ISLNK(inode->i_mode)))
		err = -EROFS;
	path_put(&path);
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

/* The new cwd, whose references pass to current->fs (Linux's set_fs_pwd). */
static void set_fs_pwd(const struct path *path)
{
	path_put(&current->fs->pwd);
	current->fs->pwd = *path;
}

long sys_chdir(const char *upath)
{
	struct path path;
	long err = user_path_at(AT_FDCWD, upath, LOOKUP_FOLLOW | LOOKUP_DIRECTORY, &path);

	if (err)
		return err;
	set_fs_pwd(&path);
	return 0;
}

long sys_fchdir(int fd)
{
	struct file *f = fget(fd);

	if (!f)
		return -EBADF;
	if (!f->f_path.dentry || !S_ISDIR(f->f_path.dentry->d_inode->i_mode))
		return -ENOTDIR;
	path_get(&f->f_path);
	set_fs_pwd(&f->f_path);
	return 0;
}

long sys_umask(int mask)
{
	long old = current->fs->umask;

	current->fs->umask = (unsigned int)mask & 0777;
	return old;
}

/*
 * chmod, chown and truncate (Linux's fs/open.c): the path walk's errors,
 * then -EROFS (mnt_want_write), then the change through notify_change.
 * A descriptor without an inode (a pipe, the console) has nothing to
 * change but succeeds, as on Linux's pipefs and devpts.
 */
/* Is the file's mount read-only (Linux's mnt_want_write_file)? A file with no path: never. */
static bool file_readonly(const struct file *f)
{
	return f->f_path.mnt && mnt_is_readonly(f->f_path.mnt);
}

static int chmod_common(struct inode *inode, bool rdonly, unsigned int mode)
{
	struct iattr attr = { .ia_valid = ATTR_MODE, .ia_mode = mode & S_IALLUGO };
	int err;

	if (rdonly)
		return -EROFS;
	inode_lock(inode);      /* notify_change's callers hold it, as Linux's */
	err = notify_change(inode, &attr);
	inode_unlock(inode);
	return err;
}

long sys_fchmodat(int dfd, const char *upath, int mode)
{
	struct path path;
	long err = user_path_at(dfd, upath, LOOKUP_FOLLOW, &path);

	if (err)
		return err;
	err = chmod_common(path.dentry->d_inode, mnt_is_readonly(path.mnt), (unsigned int)mode);
	path_put(&path);
	return err;
}

long sys_chmod(const char *upath, int mode)
{
	return sys_fchmodat(AT_FDCWD, upath, mode);
}

long sys_fchmod(int fd, int mode)
{
	struct file *f = fget(fd);

	if (!f)
		return -EBADF;
	return f->f_inode ? chmod_common(f->f_inode, file_readonly(f), (unsigned int)mode) : 0;
}

/* uid or gid -1 (as unsigned) leaves that one alone. */
static int chown_common(struct inode *inode, bool rdonly, unsigned int uid, unsigned int gid)
{
	struct iattr attr = { .ia_valid = 0, .ia_uid = uid, .ia_gid = gid };
	int err;

	if (rdonly)
		return -EROFS;
	if (uid != (unsigned int)-1)
		attr.ia_valid |= ATTR_UID;
	if (gid != (unsigned int)-1)
		attr.ia_valid |= ATTR_GID;
	inode_lock(inode);      /* notify_change's callers hold it, as Linux's */
	err = notify_change(inode, &attr);
	inode_unlock(inode);
	return err;
}

long sys_fchownat(int dfd, const char *upath, unsigned int uid, unsigned int gid, int flags)
{
	struct path path;
	unsigned int lookup = LOOKUP_FOLLOW;
	long err;

	if (flags & ~(AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH))
		return -EINVAL;
	if (flags & AT_SYMLINK_NOFOLLOW)
		lookup &= ~LOOKUP_FOLLOW;
	if (flags & AT_EMPTY_PATH)
		lookup |= LOOKUP_EMPTY;
	err = user_path_at(dfd, upath, lookup, &path);
	if (err)
		return err;
	err = chown_common(path.dentry->d_inode, mnt_is_readonly(path.mnt), uid, gid);
	path_put(&path);
	return err;
}

long sys_chown(const char *upath, unsigned int uid, unsigned int gid)
{
	return sys_fchownat(AT_FDCWD, upath, uid, gid, 0);
}

long sys_lchown(const char *upath, unsigned int uid, unsigned int gid)
{
	return sys_fchownat(AT_FDCWD, upath, uid, gid, AT_SYMLINK_NOFOLLOW);
}

long sys_fchown(int fd, unsigned int uid, unsigned int gid)
{
	struct file *f = fget(fd);

	if (!f)
		return -EBADF;
	return f->f_inode ? chown_common(f->f_inode, file_readonly(f), uid, gid) : 0;
}

/* The 16-bit calls (Linux's kernel/uid16.c): 0xffff is -1 (low2highuid). */
static unsigned int low2highid(unsigned int id)
{
	id &= 0xffff;
	return id == 0xffff ? (unsigned int)-1 : id;
}

long sys_chown16(const char *upath, unsigned int uid, unsigned int gid)
{
	return sys_chown(upath, low2highid(uid), low2highid(gid));
}

long sys_lchown16(const char *upath, unsigned int uid, unsigned int gid)
{
	return sys_lchown(upath, low2highid(uid), low2highid(gid));
}

long sys_fchown16(int fd, unsigned int uid, unsigned int gid)
{
	return sys_fchown(fd, low2highid(uid), low2highid(gid));
}

/* Linux's do_truncate: the new size through notify_change. */
static int do_truncate(struct inode *inode, long long length)
{
	struct iattr attr = { .ia_valid = ATTR_SIZE, .ia_size = length };
	int err;

	inode_lock(inode);      /* notify_change's callers hold it, as Linux's */
	err = notify_change(inode, &attr);
	inode_unlock(inode);
	return err;
}

/* Linux's do_sys_truncate and vfs_truncate: length in bytes. */
static long do_sys_truncate(const char *upath, long long length)
{
	struct path path;
	struct inode *inode;
	long err;

	if (length < 0)
		return -EINVAL;
	err = user_path_at(AT_FDCWD, upath, LOOKUP_FOLLOW, &path);
	if (err)
		return err;
	inode = path.dentry->d_inode;
	if (S_ISDIR(inode->i_mode))
		err = -EISDIR;
	else if (!S_ISREG(inode->i_mode))
		err = -EINVAL;
	else if (mnt_is_readonly(path.mnt))
		err = -EROFS;
	else
		err = do_truncate(inode, length);
	path_put(&path);
	return err;
}

#define MAX_NON_LFS ((1LL << 31) - 1)   /* bytes a file without O_LARGEFILE may reach */

/* Linux's do_sys_ftruncate: small is the 32-bit call, limited to MAX_NON_LFS without O_LARGEFILE. */
static long do_sys_ftruncate(int fd, long long length, bool small)
{
	struct file *f;

	if (length < 0)
		return -EINVAL;
	f = fget(fd);
	if (!f)
		return -EBADF;
	if (f->f_flags & O_LARGEFILE)
		small = false;
	if (!f->f_inode || !S_ISREG(f->f_inode->i_mode) || (f->f_flags & O_ACCMODE) == O_RDONLY)
		return -EINVAL;
	if (small && length > MAX_NON_LFS)
		return -EINVAL;
	return do_truncate(f->f_inode, length);
}

long sys_truncate(const char *upath, long length)
{
	return do_sys_truncate(upath, length);
}

long sys_ftruncate(int fd, long length)
{
	return do_sys_ftruncate(fd, length, true);
}

/* i386 passes the 64-bit length in two registers, low word first. */
long sys_truncate64(const char *upath, unsigned long lo, unsigned long hi)
{
	return do_sys_truncate(upath, (long long)(((unsigned long long)hi << 32) | lo));
}

long sys_ftruncate64(int fd, unsigned long lo, unsigned long hi)
{
	return do_sys_ftruncate(fd, (long long)(((unsigned long long)hi << 32) | lo), false);
}
