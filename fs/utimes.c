/*
 * Setting a file's access and modification times (Linux's fs/utimes.c):
 * utimensat in both time layouts, utimes, futimesat and utime. Times are
 * checked (-EINVAL) before the path is walked, the walk's errors before
 * -EROFS; UTIME_NOW means now and UTIME_OMIT leaves that time alone.
 */
#include "linux/errno.h"
#include "linux/fs.h"
#include "linux/syscalls.h"
#include "linux/time.h"
#include "linux/uaccess.h"

#define UTIME_NOW  ((1L << 30) - 1L)
#define UTIME_OMIT ((1L << 30) - 2L)

static bool nsec_valid(long nsec)
{
	return nsec == UTIME_OMIT || nsec == UTIME_NOW || (nsec >= 0 && nsec <= 999999999);
}

/* Linux's vfs_utimes: times NULL is now for both. */
static int vfs_utimes(struct inode *inode, bool rdonly, struct timespec64 *times)
{
	struct iattr attr = { .ia_valid = ATTR_ATIME | ATTR_MTIME };
	int err;

	if (times) {
		if (!nsec_valid(times[0].tv_nsec) || !nsec_valid(times[1].tv_nsec))
			return -EINVAL;
		if (times[0].tv_nsec == UTIME_NOW && times[1].tv_nsec == UTIME_NOW)
			times = NULL;
	}
	if (rdonly)
		return -EROFS;
	if (times) {
		if (times[0].tv_nsec == UTIME_OMIT)
			attr.ia_valid &= ~ATTR_ATIME;
		else if (times[0].tv_nsec != UTIME_NOW) {
			attr.ia_atime_sec = times[0].tv_sec;
			attr.ia_atime_nsec = times[0].tv_nsec;
			attr.ia_valid |= ATTR_ATIME_SET;
		}
		if (times[1].tv_nsec == UTIME_OMIT)
			attr.ia_valid &= ~ATTR_MTIME;
		else if (times[1].tv_nsec != UTIME_NOW) {
			attr.ia_mtime_sec = times[1].tv_sec;
			attr.ia_mtime_nsec = times[1].tv_nsec;
			attr.ia_valid |= ATTR_MTIME_SET;
		}
	}
	inode_lock(inode);      /* notify_change's callers hold it, as Linux's */
	err = notify_change(inode, &attr);
	inode_unlock(inode);
	return err;
}

/* Linux's do_utimes: a NULL path with a descriptor is that file (flags must be 0 then). */
static long do_utimes(int dfd, const char *upath, struct timespec64 *times, int flags)
{
	struct path path;
	unsigned int lookup = LOOKUP_FOLLOW;
	long err;

	if (!upath && dfd != AT_FDCWD) {
		struct file *f;

		if (flags)
			return -EINVAL;
		f = fget(dfd);
		if (!f)
			return -EBADF;
		return f->f_inode ? vfs_utimes(f->f_inode, f->f_path.mnt && mnt_is_readonly(f->f_path.mnt), times) : 0;
	}
	if (flags & ~(AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH))
		return -EINVAL;
	if (flags & AT_SYMLINK_NOFOLLOW)
		lookup &= ~LOOKUP_FOLLOW;
	if (flags & AT_EMPTY_PATH)
		lookup |= LOOKUP_EMPTY;
	err = user_path_at(dfd, upath, lookup, &path);
	if (err)
		return err;
	err = vfs_utimes(path.dentry->d_inode, mnt_is_readonly(path.mnt), times);
	path_put(&path);
	return err;
}

/* Both times UTIME_OMIT: nothing to do, and the path is not even looked at (Linux's comment). */
static long utimensat_common(int dfd, const char *upath, struct timespec64 *t, bool given, int flags)
{
	if (given && t[0].tv_nsec == UTIME_OMIT && t[1].tv_nsec == UTIME_OMIT)
		return 0;
	return do_utimes(dfd, upath, given ? t : NULL, flags);
}

long sys_utimensat(int dfd, const char *upath, const struct __kernel_timespec *utimes, int flags)
{
	struct timespec64 t[2];

	if (utimes && (get_timespec64(&t[0], &utimes[0]) || get_timespec64(&t[1], &utimes[1])))
		return -EFAULT;
	return utimensat_common(dfd, upath, t, utimes != NULL, flags);
}

long sys_utimensat_time32(int dfd, const char *upath, const struct old_timespec32 *utimes, int flags)
{
	struct timespec64 t[2];

	if (utimes && (get_old_timespec32(&t[0], &utimes[0]) || get_old_timespec32(&t[1], &utimes[1])))
		return -EFAULT;
	return utimensat_common(dfd, upath, t, utimes != NULL, flags);
}

long sys_futimesat_time32(int dfd, const char *upath, const struct old_timeval32 *utimes)
{
	struct old_timeval32 tv[2];
	struct timespec64 t[2];

	if (utimes) {
		if (copy_from_user(tv, utimes, sizeof(tv)))
			return -EFAULT;
		/* microseconds must be valid: no UTIME_NOW or UTIME_OMIT through this door */
		if (tv[0].tv_usec < 0 || tv[0].tv_usec >= 1000000 ||
		    tv[1].tv_usec < 0 || tv[1].tv_usec >= 1000000)
			return -EINVAL;
		for (int i = 0; i < 2; i++) {
			t[i].tv_sec = tv[i].tv_sec;
			t[i].tv_nsec = tv[i].tv_usec * 1000L;
		}
	}
	return do_utimes(dfd, upath, utimes ? t : NULL, 0);
}

long sys_utimes_time32(const char *upath, const struct old_timeval32 *utimes)
{
	return sys_futimesat_time32(AT_FDCWD, upath, utimes);
}

/* struct old_utimbuf32: two 32-bit seconds, access then modification. */
long sys_utime32(const char *upath, const int32_t *times)
{
	int32_t tb[2];
	struct timespec64 t[2];

	if (times) {
		if (copy_from_user(tb, times, sizeof(tb)))
			return -EFAULT;
		t[0].tv_sec = tb[0];
		t[1].tv_sec = tb[1];
		t[0].tv_nsec = t[1].tv_nsec = 0;
	}
	return do_utimes(AT_FDCWD, upath, times ? t : NULL, 0);
}
