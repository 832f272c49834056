/*
 * Reading a cpio "newc" archive (Linux's initramfs format, what
 * `cpio -o -H newc` writes) in place, from a buffer in memory. Nothing is
 * copied: an entry's name and data point into the archive.
 *
 * Each member is a 110-byte header of ASCII hex fields, the NUL-terminated
 * name padded to 4 bytes, then the data padded to 4 bytes. The member
 * named "TRAILER!!!" ends the archive.
 */
#ifndef PAGODA_CPIO_H
#define PAGODA_CPIO_H

#include <stddef.h>

/* File types from the mode field: Linux's values (include/uapi/linux/stat.h). */
#ifndef S_IFMT
#define S_IFMT   0170000
#define S_IFDIR  0040000
#define S_IFREG  0100000
#define S_IFLNK  0120000
#define S_ISDIR(m) (((m) & S_IFMT) == S_IFDIR)
#define S_ISREG(m) (((m) & S_IFMT) == S_IFREG)
#define S_ISLNK(m) (((m) & S_IFMT) == S_IFLNK)
#endif

#define CPIO_HDR_LEN   110	/* magic (6) + 13 fields of 8 hex digits */
#define CPIO_NAME_MAX  4096	/* Linux's PATH_MAX, counting the NUL */
#define CPIO_TRAILER   "TRAILER!!!"

struct cpio_entry {
	const char *name;	/* as stored: "bin/sh", "./bin/sh", "." ... */
	const void *data;	/* file contents (a symlink's target), in the archive */
	size_t size;
	unsigned int mode;	/* S_IFREG | 0755 ... */
	unsigned int ino;
	unsigned int uid, gid, nlink;
	unsigned int mtime;	/* seconds since the epoch */
	unsigned int rdev_major, rdev_minor;	/* a device node's number */
};

/*
 * Read the member at *offset (start at 0) and advance *offset past it.
 * Returns 1 for a member, 0 at the trailer, -EINVAL if the archive is
 * malformed (after a printk saying what and where).
 */
int cpio_next(const void *archive, size_t size, size_t *offset, struct cpio_entry *out);

/*
 * Find a member by path: "/bin/sh", "bin/sh" and "./bin/sh" are the same
 * file. Returns 0, -ENOENT, or -EINVAL for a malformed archive.
 */
int cpio_find(const void *archive, size_t size, const char *path, struct cpio_entry *out);

#endif
