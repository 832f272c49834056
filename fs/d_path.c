/*
 * getcwd (Linux's fs/d_path.c): the cwd's canonical path, which each
 * inode keeps (there are no dentries to walk back through).
 */
#include "linux/errno.h"
#include "linux/fs.h"
#include "linux/sched.h"
#include "linux/string.h"
#include "linux/syscalls.h"
#include "linux/uaccess.h"

/* Returns the length copied, the NUL included; -ERANGE if size is too small, -EFAULT. */
long sys_getcwd(char *ubuf, unsigned long size)
{
	const char *path = current->fs && current->fs->pwd ? current->fs->pwd->i_path : "/";
	unsigned long len = strlen(path) + 1;

	if (len > PATH_MAX)
		return -ENAMETOOLONG;
	if (len > size)
		return -ERANGE;
	return copy_to_user(ubuf, path, len) ? -EFAULT : (long)len;
}
