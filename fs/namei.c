/*
 * Path lookup in the initrd, the way Linux's path walk (fs/namei.c) answers:
 * repeated slashes are one, "." stays and ".." goes up (never above the
 * root), every component followed by a slash must be a directory
 * (-ENOTDIR), a component longer than NAME_MAX is -ENAMETOOLONG, and a
 * missing one is -ENOENT. The archive holds each file under its full
 * name, so the walk builds that name and looks up each prefix.
 */
#include "linux/earlycpio.h"
#include "linux/errno.h"
#include "linux/fs.h"
#include "linux/slab.h"
#include "linux/string.h"

/* The root has no member in the archive (it is cpio'd from inside it). */
static int lookup_prefix(const char *name, struct cpio_entry *e)
{
	if (name[0] == '\0') {
		*e = (struct cpio_entry){ .name = "", .data = NULL, .size = 0, .mode = S_IFDIR | 0755, .ino = 1 };
		return 0;
	}
	return initrd_find(name, e);
}

int initrd_lookup(const char *path, struct cpio_entry *e)
{
	char *name = kmalloc(PATH_MAX, GFP_KERNEL);
	size_t len = 0;
	const char *p = path;
	int err;

	if (!name)
		return -ENOMEM;
	name[0] = '\0';
	err = path[0] ? lookup_prefix(name, e) : -ENOENT;
	while (!err) {
		const char *comp;
		size_t clen;

		while (*p == '/')
			p++;
		if (!*p)
			break;
		if (!S_ISDIR(e->mode)) {        /* a component followed by a slash */
			err = -ENOTDIR;
			break;
		}
		for (comp = p; *p && *p != '/'; p++)
			;
		clen = (size_t)(p - comp);
		if (clen > NAME_MAX) {
			err = -ENAMETOOLONG;
			break;
		}
		if (clen == 1 && comp[0] == '.')
			continue;
		if (clen == 2 && comp[0] == '.' && comp[1] == '.') {
			while (len > 0 && name[len - 1] != '/')
				len--;
			len -= len > 0;         /* the slash before the last component */
		} else {
			if (len + 1 + clen >= PATH_MAX) {
				err = -ENAMETOOLONG;
				break;
			}
			if (len)
				name[len++] = '/';
			memcpy(name + len, comp, clen);
			len += clen;
		}
		name[len] = '\0';
		err = lookup_prefix(name, e);
	}
	/* a trailing slash (or "/.") on a file: "/etc/motd/" */
	if (!err && p > path && p[-1] == '/' && !S_ISDIR(e->mode))
		err = -ENOTDIR;
	kfree(name);
	return err;
}
