/*
 * getcwd (Linux's fs/d_path.c): the cwd's path, made by walking its
 * dentries up to the root (d_path in fs/dcache.c).
 */
#include "linux/errno.h"
#include "linux/fs.h"
#include "linux/sched.h"
#include "linux/slab.h"
#include "linux/string.h"
#include "linux/syscalls.h"
#include "linux/uaccess.h"

/* Returns the length copied, the NUL included; -ERANGE if size is too small, -ENOENT if the cwd was removed, -EFAULT. */
long sys_getcwd(char *ubuf, unsigned long size)
{
	char *buf = kmalloc(PATH_MAX, GFP_KERNEL), *path;
	unsigned long len;
	long err;

	if (!buf)
		return -ENOMEM;
	{
	struct dentry *d = current->fs->pwd.dentry;

	path = d_path(&current->fs->pwd, buf, PATH_MAX);
	if (!IS_ROOT(d) && !(d->d_flags & DCACHE_HASHED)) {
		err = -ENOENT;  /* Linux's getcwd of a removed directory */
	} else if (!path) {
		err = -ENAMETOOLONG;
	} else {
		len = strlen(path) + 1;
		err = len > size ? -ERANGE : copy_to_user(ubuf, path, len) ? -EFAULT : (long)len;
	}
	}
	kfree(buf);
	return err;
}
