/*
 * cpio "newc" archives, read in place. The archive comes from outside the
 * kernel (a boot module), so every field is checked before it is used, and
 * every bound is checked by subtraction from what is left of the buffer:
 * an addition could wrap around. Pure parsing: host-tested in tests/host.
 */
#include <stdbool.h>
#include "linux/compiler.h"
#include "linux/earlycpio.h"
#include "linux/errno.h"
#include "linux/printk.h"
#include "linux/string.h"

/* The 13 header fields after the magic, in archive order. */
enum {
	F_INO, F_MODE, F_UID, F_GID, F_NLINK, F_MTIME, F_FILESIZE,
	F_DEVMAJOR, F_DEVMINOR, F_RDEVMAJOR, F_RDEVMINOR, F_NAMESIZE, F_CHECK,
	NR_FIELDS
};

static const char *const field_name[NR_FIELDS] = {
	"c_ino", "c_mode", "c_uid", "c_gid", "c_nlink", "c_mtime", "c_filesize",
	"c_devmajor", "c_devminor", "c_rdevmajor", "c_rdevminor", "c_namesize", "c_check",
};

static int malformed(size_t offset, const char *what)
{
	printk(KERN_ERR "cpio: malformed archive: %s (member at offset %zu)\n", what, offset);
	return -EINVAL;
}

/* Exactly 8 hex digits: no sign, no spaces, no "0x". */
static bool parse_hex8(const char *s, unsigned int *out)
{
	unsigned int v = 0;

	for (int i = 0; i < 8; i++) {
		char c = s[i];
		unsigned int d;

		if (c >= '0' && c <= '9')
			d = c - '0';
		else if (c >= 'a' && c <= 'f')
			d = c - 'a' + 10;
		else if (c >= 'A' && c <= 'F')
			d = c - 'A' + 10;
		else
			return false;
		v = v << 4 | d;
	}
	*out = v;
	return true;
}

/* Bytes of padding that bring x up to a multiple of 4. */
static size_t pad4(size_t x)
{
	return -x & 3;
}

/* The "crc" of format 070702 is just the sum of a regular file's bytes. */
static unsigned int cpio_checksum(const unsigned char *data, size_t size)
{
	unsigned int sum = 0;

	while (size--)
		sum += *data++;
	return sum;
}

int cpio_next(const void *archive, size_t size, size_t *offset, struct cpio_entry *out)
{
	const char *base = archive;
	size_t off = *offset;
	unsigned int f[NR_FIELDS];
	const char *hdr, *name;
	size_t namesize, name_end, data_start, filesize, data_end;

	if (off >= size)
		return malformed(off, "the archive ends without a " CPIO_TRAILER " member");
	if (!IS_ALIGNED(off, 4))
		return malformed(off, "member not 4-byte aligned");
	if (size - off < CPIO_HDR_LEN)
		return malformed(off, "truncated header");

	hdr = base + off;
	if (memcmp(hdr, "070701", 6) != 0 && memcmp(hdr, "070702", 6) != 0)
		return malformed(off, "bad magic (want 070701, newc)");
	for (int i = 0; i < NR_FIELDS; i++) {
		if (!parse_hex8(hdr + 6 + 8 * i, &f[i])) {
			printk(KERN_ERR "cpio: malformed archive: field %s is not 8 hex digits "
			       "(member at offset %zu)\n", field_name[i], off);
			return -EINVAL;
		}
	}

	/* The name: namesize counts the NUL, and the NUL must be the only one. */
	namesize = f[F_NAMESIZE];
	if (namesize < 2 || namesize > CPIO_NAME_MAX)
		return malformed(off, "name size is not between 2 and 4096");
	if (namesize > size - off - CPIO_HDR_LEN)
		return malformed(off, "name runs past the end of the archive");
	name = hdr + CPIO_HDR_LEN;
	if (strnlen(name, namesize) != namesize - 1)
		return malformed(off, "name is not NUL-terminated where c_namesize says");

	/* The data starts at the next 4-byte boundary after the name. */
	name_end = off + CPIO_HDR_LEN + namesize;
	if (pad4(name_end) > size - name_end)
		return malformed(off, "padding after the name runs past the end of the archive");
	data_start = name_end + pad4(name_end);
	filesize = f[F_FILESIZE];
	if (filesize > size - data_start)
		return malformed(off, "data runs past the end of the archive");
	data_end = data_start + filesize;

	if (S_ISDIR(f[F_MODE]) && filesize != 0)
		return malformed(off, "a directory with data");
	/* writers leave c_check 0 for anything but a regular file, as Linux's reader assumes */
	if (hdr[5] == '2' && S_ISREG(f[F_MODE]) &&
	    cpio_checksum((const unsigned char *)base + data_start, filesize) != f[F_CHECK])
		return malformed(off, "data does not match the 070702 checksum");

	out->name = name;
	out->data = base + data_start;
	out->size = filesize;
	out->mode = f[F_MODE];
	out->ino = f[F_INO];
	out->uid = f[F_UID];
	out->gid = f[F_GID];
	out->nlink = f[F_NLINK];
	out->mtime = f[F_MTIME];
	out->rdev_major = f[F_RDEVMAJOR];
	out->rdev_minor = f[F_RDEVMINOR];

	/* Writers pad the trailer to a block; a reader need not look further. */
	if (strcmp(name, CPIO_TRAILER) == 0) {
		*offset = data_end;
		return 0;
	}
	if (pad4(data_end) > size - data_end)
		return malformed(off, "padding after the data runs past the end of the archive");
	*offset = data_end + pad4(data_end);
	return 1;
}

/* "/", "./" and "." in front of a path all mean the archive's root. */
static const char *skip_root(const char *p)
{
	for (;;) {
		if (p[0] == '/')
			p++;
		else if (p[0] == '.' && p[1] == '/')
			p += 2;
		else if (p[0] == '.' && p[1] == '\0')
			p++;
		else
			return p;
	}
}

int cpio_find(const void *archive, size_t size, const char *path, struct cpio_entry *out)
{
	const char *want = skip_root(path);
	size_t offset = 0;
	struct cpio_entry e;
	int ret;

	while ((ret = cpio_next(archive, size, &offset, &e)) == 1) {
		if (strcmp(skip_root(e.name), want) == 0) {
			*out = e;
			return 0;
		}
	}
	return ret < 0 ? ret : -ENOENT;
}
