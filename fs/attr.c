/*
 * Changing an inode's attributes (Linux's fs/attr.c): chmod, chown,
 * utimes and truncate all end in notify_change, which stamps ctime and
 * hands the change to the file system's ->setattr, or copies it into the
 * inode (simple_setattr) when the file system keeps nothing elsewhere.
 */
#include "linux/errno.h"
#include "linux/fs.h"
#include "linux/time.h"

void current_time(long long *sec, long *nsec)
{
	int64_t ns = ktime_get_coarse_real_ns();

	*sec = ns / 1000000000;
	*nsec = (long)(ns % 1000000000);
}

void inode_init_times(struct inode *inode)
{
	current_time(&inode->i_mtime_sec, &inode->i_mtime_nsec);
	inode->i_atime_sec = inode->i_ctime_sec = inode->i_mtime_sec;
	inode->i_atime_nsec = inode->i_ctime_nsec = inode->i_mtime_nsec;
}

void setattr_copy(struct inode *inode, const struct iattr *attr)
{
	if (attr->ia_valid & ATTR_UID)
		inode->i_uid = attr->ia_uid;
	if (attr->ia_valid & ATTR_GID)
		inode->i_gid = attr->ia_gid;
	if (attr->ia_valid & ATTR_ATIME) {
		inode->i_atime_sec = attr->ia_atime_sec;
		inode->i_atime_nsec = attr->ia_atime_nsec;
	}
	if (attr->ia_valid & ATTR_MTIME) {
		inode->i_mtime_sec = attr->ia_mtime_sec;
		inode->i_mtime_nsec = attr->ia_mtime_nsec;
	}
	if (attr->ia_valid & ATTR_CTIME) {
		inode->i_ctime_sec = attr->ia_ctime_sec;
		inode->i_ctime_nsec = attr->ia_ctime_nsec;
	}
	if (attr->ia_valid & ATTR_MODE)
		inode->i_mode = (inode->i_mode & S_IFMT) | (attr->ia_mode & S_IALLUGO);
}

/* Linux's simple_setattr for a file system with no ->setattr: a size change it cannot make. */
static int simple_setattr(struct inode *inode, struct iattr *attr)
{
	if ((attr->ia_valid & ATTR_SIZE) && attr->ia_size != inode->i_size)
		return -EPERM;
	setattr_copy(inode, attr);
	return 0;
}

/*
 * Linux's notify_change: attr (ATTR_* in ia_valid) with ctime set to now,
 * and mtime too for a size change; "now" for times without ATTR_*_SET.
 * A chown clears the set-user-ID bit, and set-group-ID when group
 * execute is on, as Linux's should_remove_suid. 0 or the file system's -errno.
 */
int notify_change(struct inode *inode, struct iattr *attr)
{
	long long now_sec;
	long now_nsec;

	if ((attr->ia_valid & ATTR_SIZE) && IS_SWAPFILE(inode))
		return -ETXTBSY;        /* the size of an active swap file is fixed (Linux's notify_change) */
	current_time(&now_sec, &now_nsec);
	attr->ia_valid |= ATTR_CTIME;
	attr->ia_ctime_sec = now_sec;
	attr->ia_ctime_nsec = now_nsec;
	if ((attr->ia_valid & ATTR_SIZE) && !(attr->ia_valid & ATTR_MTIME))
		attr->ia_valid |= ATTR_MTIME;
	if ((attr->ia_valid & ATTR_ATIME) && !(attr->ia_valid & ATTR_ATIME_SET)) {
		attr->ia_atime_sec = now_sec;
		attr->ia_atime_nsec = now_nsec;
	}
	if ((attr->ia_valid & ATTR_MTIME) && !(attr->ia_valid & ATTR_MTIME_SET)) {
		attr->ia_mtime_sec = now_sec;
		attr->ia_mtime_nsec = now_nsec;
	}
	if ((attr->ia_valid & (ATTR_UID | ATTR_GID)) && !(attr->ia_valid & ATTR_MODE) &&
	    !S_ISDIR(inode->i_mode) && (inode->i_mode & (S_ISUID | S_ISGID))) {
		unsigned int mode = inode->i_mode & ~S_ISUID;

		if ((inode->i_mode & (S_ISGID | 0010)) != (S_ISGID | 0010))
			mode |= inode->i_mode & S_ISGID;
		else
			mode &= ~S_ISGID;
		attr->ia_valid |= ATTR_MODE;
		attr->ia_mode = mode;
	}
	if (inode->i_op && inode->i_op->setattr)
		return inode->i_op->setattr(inode, attr);
	return simple_setattr(inode, attr);
}
