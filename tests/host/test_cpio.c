/*
 * lib/earlycpio.c against real archives, written at test time by the
 * system's `cpio -o -H newc` (and -H crc) from a small tree in a temporary
 * directory, and against hand-made broken ones: truncated, bad hex, bad
 * magic, sizes past the end or near 4 GiB. Every archive is copied into a
 * buffer of exactly its size, so ASan catches any read past the end.
 */
#include <stdlib.h>
#include <sys/stat.h>
#include <string.h>
#include "capture.h"
#include "linux/earlycpio.h"
#include "linux/errno.h"
#include "tap.h"

static char dir[] = "/tmp/pagoda-cpio-XXXXXX";

/* The tree we archive: names of 1 to 4 bytes and data of 0 to 5000 bytes hit every padding. */
struct file {
	const char *path;
	unsigned int type;
	const char *data;	/* a symlink's target; NULL: generated pattern */
	size_t size;
};

static const struct file tree[] = {
	{ "hello.txt", S_IFREG, "hello, world\n", 13 },
	{ "empty", S_IFREG, "", 0 },
	{ "a", S_IFREG, "1", 1 },
	{ "ab", S_IFREG, "22", 2 },
	{ "abc", S_IFREG, "333", 3 },
	{ "abcd", S_IFREG, "4444", 4 },
	{ "bin", S_IFDIR, "", 0 },
	{ "bin/prog", S_IFREG, NULL, 5000 },
	{ "bin/sh", S_IFLNK, "prog", 4 },
};

static unsigned char pattern(size_t i)
{
	return (unsigned char)(i * 7 + 3);
}

static bool same_data(const struct file *f, const void *data, size_t size)
{
	const unsigned char *p = data;

	if (size != f->size)
		return false;
	for (size_t i = 0; i < size; i++)
		if (p[i] != (f->data ? (unsigned char)f->data[i] : pattern(i)))
			return false;
	return true;
}

static bool make_tree(void)
{
	char path[256], cmd[512];

	if (!mkdtemp(dir))
		return false;
	snprintf(cmd, sizeof(cmd), "mkdir %s/root %s/root/bin && ln -s prog %s/root/bin/sh", dir, dir, dir);
	if (system(cmd) != 0)
		return false;
	for (size_t i = 0; i < ARRAY_SIZE(tree); i++) {
		FILE *f;

		if (tree[i].type != S_IFREG)
			continue;
		snprintf(path, sizeof(path), "%s/root/%s", dir, tree[i].path);
		f = fopen(path, "w");
		if (!f)
			return false;
		for (size_t j = 0; j < tree[i].size; j++)
			fputc(tree[i].data ? tree[i].data[j] : pattern(j), f);
		fclose(f);
	}
	return true;
}

/* Run cpio over the tree; `list` is the find command that names the members. */
static void *make_archive(const char *format, const char *list, size_t *size)
{
	char cmd[512], path[256];
	unsigned char *buf;
	FILE *f;
	long n;

	snprintf(path, sizeof(path), "%s/%s.cpio", dir, format);
	snprintf(cmd, sizeof(cmd), "cd %s/root && %s | LC_ALL=C sort | cpio -o -H %s --quiet > %s",
		 dir, list, format, path);
	if (system(cmd) != 0)
		return NULL;
	f = fopen(path, "rb");
	if (!f)
		return NULL;
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	rewind(f);
	buf = malloc(n);
	if (fread(buf, 1, n, f) != (size_t)n) {
		free(buf);
		buf = NULL;
	}
	fclose(f);
	*size = n;
	return buf;
}

/*
 * Walk a whole archive; every member must lie inside the buffer. Returns
 * the last cpio_next() result (0 at the trailer, or the error), and the
 * number of members before it.
 */
static int walk(const void *a, size_t size, int *members)
{
	const char *start = a, *end = start + size;
	size_t offset = 0;
	struct cpio_entry e;
	int ret;

	*members = 0;
	while ((ret = cpio_next(a, size, &offset, &e)) == 1) {
		if (e.name < start + CPIO_HDR_LEN || e.name + strlen(e.name) >= end ||
		    (const char *)e.data < e.name || e.size > (size_t)(end - (const char *)e.data))
			return -1000;	/* a member outside the buffer: a bug, not -EINVAL */
		(*members)++;
	}
	return ret;
}

/* The same on an exact-size copy. */
static int walk_copy(const void *a, size_t size, int *members)
{
	void *copy = malloc(size ? size : 1);
	int ret;

	memcpy(copy, a, size);
	ret = walk(copy, size, members);
	free(copy);
	return ret;
}

static const struct file *lookup(const char *name)
{
	while (*name == '.' || *name == '/')
		name++;
	for (size_t i = 0; i < ARRAY_SIZE(tree); i++)
		if (strcmp(tree[i].path, name) == 0)
			return &tree[i];
	return NULL;
}

static void check_real(const char *format, const char *list, const char *label)
{
	size_t size, offset = 0;
	unsigned char *a = make_archive(format, list, &size);
	struct cpio_entry e;
	int ret, found = 0, right = 0;

	if (!ok(a != NULL, "%s: cpio -o -H %s wrote an archive", label, format))
		return;
	while ((ret = cpio_next(a, size, &offset, &e)) == 1) {
		const struct file *f = lookup(e.name);

		if (!f)
			continue;	/* "." */
		found++;
		if ((e.mode & S_IFMT) == f->type && same_data(f, e.data, e.size))
			right++;
		else
			printf("# %s: mode %o size %zu\n", e.name, e.mode, e.size);
	}
	ok(ret == 0, "%s: iteration ends at %s (ret %d)", label, CPIO_TRAILER, ret);
	ok(found == (int)ARRAY_SIZE(tree) && right == found,
	   "%s: all %zu members found with the right type and data (%d found, %d right)",
	   label, ARRAY_SIZE(tree), found, right);

	right = 0;
	for (size_t i = 0; i < ARRAY_SIZE(tree); i++) {
		char slash[64], dot[64];

		snprintf(slash, sizeof(slash), "/%s", tree[i].path);
		snprintf(dot, sizeof(dot), "./%s", tree[i].path);
		if (cpio_find(a, size, tree[i].path, &e) == 0 && same_data(&tree[i], e.data, e.size) &&
		    cpio_find(a, size, slash, &e) == 0 && same_data(&tree[i], e.data, e.size) &&
		    cpio_find(a, size, dot, &e) == 0 && same_data(&tree[i], e.data, e.size))
			right++;
	}
	ok(right == (int)ARRAY_SIZE(tree), "%s: cpio_find finds each member as path, /path and ./path", label);
	ok(cpio_find(a, size, "/missing", &e) == -ENOENT && cpio_find(a, size, "bin/pro", &e) == -ENOENT,
	   "%s: cpio_find says -ENOENT for a missing path and a prefix", label);
	free(a);
}

/* Every prefix shorter than the trailer is malformed; the rest parse. */
static void check_truncations(void)
{
	size_t size, offset = 0, trailer_end;
	unsigned char *a = make_archive("newc", "find .", &size);
	struct cpio_entry e;
	char msg[256];
	int members, bad = 0;

	while (cpio_next(a, size, &offset, &e) == 1)
		;
	trailer_end = offset;
	capture_begin();	/* thousands of error messages */
	for (size_t n = 0; n < trailer_end; n++)
		if (walk_copy(a, n, &members) != -EINVAL)
			bad++;
	for (size_t n = trailer_end; n <= size; n++)
		if (walk_copy(a, n, &members) != 0)
			bad++;
	capture_end(msg, sizeof(msg));
	ok(bad == 0, "each of the %zu prefixes of a real archive is rejected before the trailer, "
	   "accepted after (%d wrong)", size + 1, bad);
	free(a);
}

/* Overwrite each byte with digits, non-digits and binary: -EINVAL or a valid walk, never a crash. */
static void check_mutations(void)
{
	static const unsigned char values[] = { '0', 'f', 'F', 'g', ' ', 0, 0xff };
	size_t size;
	unsigned char *a = make_archive("newc", "find .", &size);
	int members, bad = 0, rejected = 0;
	char msg[256];

	capture_begin();
	for (size_t i = 0; i < size; i++) {
		unsigned char orig = a[i];

		for (size_t v = 0; v < sizeof(values); v++) {
			int ret;

			a[i] = values[v];
			ret = walk_copy(a, size, &members);
			if (ret == -EINVAL)
				rejected++;
			else if (ret != 0)
				bad++;
		}
		a[i] = orig;
	}
	capture_end(msg, sizeof(msg));
	ok(bad == 0, "%zu single-byte mutations: each walks to the trailer or is -EINVAL (%d rejected)",
	   size * sizeof(values), rejected);
	free(a);
}

/* --- hand-made archives ------------------------------------------------ */

struct archive {
	unsigned char buf[8192];
	size_t len;
};

static void pad(struct archive *a)
{
	while (a->len % 4)
		a->buf[a->len++] = 0;
}

/* One member with every size field given explicitly, so it can lie. */
static void put(struct archive *a, const char *magic, unsigned int mode, const char *name,
		unsigned int namesize, const void *data, unsigned int filesize, unsigned int check)
{
	size_t n = strlen(name) + 1;

	a->len += sprintf((char *)a->buf + a->len, "%s%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X",
			  magic, 1, mode, 0, 0, 1, 0, filesize, 0, 0, 0, 0, namesize, check);
	memcpy(a->buf + a->len, name, n);
	a->len += n;
	pad(a);
	memcpy(a->buf + a->len, data, filesize < 64 ? filesize : 0);
	a->len += filesize < 64 ? filesize : 0;
	pad(a);
}

static void put_file(struct archive *a, const char *name, const char *data)
{
	put(a, "070701", S_IFREG | 0644, name, strlen(name) + 1, data, strlen(data), 0);
}

static void put_trailer(struct archive *a)
{
	put_file(a, CPIO_TRAILER, "");
}

/* Write 8 characters over header field k (0 = c_ino) of the member at offset. */
static void poke_field(struct archive *a, size_t offset, int k, const char *text)
{
	memcpy(a->buf + offset + 6 + 8 * k, text, 8);
}

enum { F_MODE = 1, F_FILESIZE = 6, F_NAMESIZE = 11 };

static void expect_einval(const struct archive *a, const char *needle, const char *what)
{
	void *copy = malloc(a->len ? a->len : 1);
	char msg[512];
	int members, ret;

	memcpy(copy, a->buf, a->len);
	capture_begin();
	ret = walk(copy, a->len, &members);
	capture_end(msg, sizeof(msg));
	free(copy);
	ok(ret == -EINVAL && __builtin_strstr(msg, needle) != NULL, "rejected: %s", what);
	if (ret != -EINVAL || !__builtin_strstr(msg, needle))
		printf("# ret %d, want a message with \"%s\", got: %s\n", ret, needle, msg);
}

static void check_malformed(void)
{
	struct archive a;

	a.len = 0;
	put_file(&a, "f", "data");
	put_trailer(&a);
	ok(walk(a.buf, a.len, &(int){ 0 }) == 0, "the hand-made archive itself is valid");

	a.len = 0;
	expect_einval(&a, "without a " CPIO_TRAILER, "an empty buffer");

	a.len = 0;
	put_file(&a, "f", "data");
	expect_einval(&a, "without a " CPIO_TRAILER, "no trailer");

	a.len = 0;
	put_trailer(&a);
	a.len = 60;
	expect_einval(&a, "truncated header", "a header cut at 60 bytes");

	a.len = 0;
	put(&a, "070707", S_IFREG, "f", 2, "", 0, 0);
	put_trailer(&a);
	expect_einval(&a, "bad magic", "magic 070707 (the old ASCII format)");

	a.len = 0;
	put(&a, "07o701", S_IFREG, "f", 2, "", 0, 0);
	expect_einval(&a, "bad magic", "a letter in the magic");

	a.len = 0;
	put_file(&a, "f", "data");
	put_trailer(&a);
	poke_field(&a, 0, F_FILESIZE, "0000000g");
	expect_einval(&a, "c_filesize is not 8 hex digits", "a non-hex digit in c_filesize");

	poke_field(&a, 0, F_FILESIZE, " 0000004");
	expect_einval(&a, "c_filesize is not 8 hex digits", "a space in c_filesize");

	poke_field(&a, 0, F_FILESIZE, "-0000004");
	expect_einval(&a, "c_filesize is not 8 hex digits", "a sign in c_filesize");

	poke_field(&a, 0, F_FILESIZE, "00000004");
	poke_field(&a, 0, 12, "0000000x");
	expect_einval(&a, "c_check is not 8 hex digits", "a bad digit in the last field, c_check");

	a.len = 0;
	put(&a, "070701", S_IFREG, "f", 0, "", 0, 0);
	expect_einval(&a, "name size", "c_namesize 0");

	a.len = 0;
	put(&a, "070701", S_IFREG, "f", 0xffffffff, "", 0, 0);
	expect_einval(&a, "name size", "c_namesize 0xffffffff");

	a.len = 0;
	put(&a, "070701", S_IFREG, "f", 4000, "", 0, 0);
	expect_einval(&a, "name runs past the end", "a name longer than the archive");

	a.len = 0;
	put(&a, "070701", S_IFREG, "file", 3, "", 0, 0);
	put_trailer(&a);
	expect_einval(&a, "not NUL-terminated", "a name without its NUL");

	a.len = 0;
	put(&a, "070701", S_IFREG, "ab", 6, "", 0, 0);	/* "ab\0" then padding NULs */
	put_trailer(&a);
	expect_einval(&a, "not NUL-terminated", "a NUL inside the name");

	a.len = 0;
	put(&a, "070701", S_IFREG, "ff", 3, "", 0, 0);
	a.len = CPIO_HDR_LEN + 3;	/* the name ends unaligned, and so does the buffer */
	expect_einval(&a, "padding after the name", "an archive cut after the name");

	a.len = 0;
	put(&a, "070701", S_IFREG, "f", 2, "", 1000, 0);
	expect_einval(&a, "data runs past the end", "c_filesize past the end");

	a.len = 0;
	put(&a, "070701", S_IFREG, "f", 2, "", 0xffffffff, 0);
	expect_einval(&a, "data runs past the end", "c_filesize 0xffffffff");

	a.len = 0;
	put_file(&a, "f", "x");
	a.len -= 3;		/* data end, before its padding */
	expect_einval(&a, "padding after the data", "an archive cut after the data");

	a.len = 0;
	put(&a, "070701", S_IFDIR | 0755, "d", 2, "data", 4, 0);
	put_trailer(&a);
	expect_einval(&a, "directory with data", "a directory with data");

	a.len = 0;
	put(&a, "070702", S_IFREG, "f", 2, "ab", 2, 'a' + 'b');
	put_trailer(&a);
	ok(walk(a.buf, a.len, &(int){ 0 }) == 0, "070702 with the right checksum is accepted");
	a.len = 0;
	put(&a, "070702", S_IFREG, "f", 2, "ab", 2, 'a' + 'b' + 1);
	put_trailer(&a);
	expect_einval(&a, "checksum", "070702 with a wrong checksum");

	{
		struct cpio_entry e;
		size_t offset = 2;
		char msg[256];
		int ret;

		a.len = 0;
		put_trailer(&a);
		capture_begin();
		ret = cpio_next(a.buf, a.len, &offset, &e);
		capture_end(msg, sizeof(msg));
		ok(ret == -EINVAL && __builtin_strstr(msg, "aligned"), "rejected: an unaligned offset");
		capture_begin();
		ret = cpio_find(a.buf, 60, "f", &e);
		capture_end(msg, sizeof(msg));
		ok(ret == -EINVAL, "cpio_find in a malformed archive says -EINVAL");
	}
}

int main(void)
{
	char cmd[300];

	if (!ok(make_tree(), "made a file tree in %s", dir))
		return tap_done();
	check_real("newc", "find .", "newc ./names");
	check_real("newc", "find . -mindepth 1 -printf '%P\\n'", "newc bare names");
	check_real("crc", "find .", "crc (070702)");
	check_truncations();
	check_mutations();
	check_malformed();
	snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
	if (system(cmd) != 0)
		printf("# could not remove %s\n", dir);
	return tap_done();
}
