/*
 * The data-safety stress test (issue 13): NPROC processes at once change
 * files in one directory -- rewrite ranges (pwrite), append (O_APPEND),
 * truncate down and up (ftruncate), write through a MAP_SHARED mapping
 * and msync(MS_SYNC), replace a file by writing a new one and renaming it
 * over the old name, create and unlink a scratch file -- each keeping in
 * memory what its files must hold. Then every process reads its files
 * back and compares, and prints a log line per file
 *
 *     LOG <name> <size> <crc32>
 *
 * (crc32 as zlib's), which the host compares with the disk image after
 * the run (tests/datasafe_test.py). The parent calls sync() last and
 * prints "SYNCED" (the host may kill the machine there).
 *
 *     ext2stress DIR [NPROC [ROUNDS [SEED]]]
 *
 * With DIR on a tmpfs the program also checks that deleting the files
 * gives every page back (Pagoda's free-page count; skipped on Linux).
 * TAP: one line per process and check; exit status 0 when all passed.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syscall.h>
#include <unistd.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include "check.h"

#define FILES    4              /* per process */
#define MAXSIZE  (96 * 1024)    /* bytes a file may grow to */
#define PAGE     4096
#define __NR_ftruncate 93
#define __NR_rename    38
#define __NR_unlink    10
#define __NR_msync     144
#define __NR_sync      36
#define __NR_pwrite64  181
#define MS_SYNC 4

static const char *dir;
static unsigned long rng;

/* The same small generator on both kernels: runs are repeatable from SEED. */
static unsigned long rnd(unsigned long n)
{
	rng = rng * 1103515245UL + 12345UL;
	return ((rng >> 8) & 0xffffff) % n;
}

static unsigned int crc32(const unsigned char *p, unsigned long n)
{
	unsigned int c = 0xffffffffU;

	while (n--) {
		c ^= *p++;
		for (int k = 0; k < 8; k++)
			c = (c >> 1) ^ (0xedb88320U & -(c & 1));
	}
	return ~c;
}

struct model {
	char name[64];
	unsigned char *data;
	unsigned long size;
};

static void path_of(char *buf, size_t len, const char *name)
{
	snprintf(buf, len, "%s/%s", dir, name);
}

static int sys_ftruncate(int fd, unsigned long len)
{
	return (int)syscall(__NR_ftruncate, fd, len);
}

static long pwrite_all(int fd, const void *p, unsigned long n, unsigned long off)
{
	return syscall(__NR_pwrite64, fd, p, n, off, 0);
}

static void fill(unsigned char *p, unsigned long n, unsigned int w)
{
	for (unsigned long i = 0; i < n; i++)
		p[i] = (unsigned char)('a' + (w * 7 + rnd(26)) % 26);
}

/* One change to file m of process w: 0, or the failing step's -errno. */
static long change(struct model *m, unsigned int w, int *what)
{
	char path[128], tmp[128];
	unsigned char buf[8192];
	unsigned long off, n;
	long r;
	int fd;

	path_of(path, sizeof(path), m->name);
	*what = (int)rnd(6);
	switch (*what) {
	case 0:         /* rewrite or extend a range */
		off = rnd(m->size + 1 + 4096);
		n = 1 + rnd(sizeof(buf));
		if (off + n > MAXSIZE)
			return 0;
		fill(buf, n, w);
		fd = open(path, O_WRONLY);
		if (fd < 0)
			return fd;
		r = pwrite_all(fd, buf, n, off);
		close(fd);
		if (r != (long)n)
			return r < 0 ? r : -EIO;
		if (off > m->size)
			memset(m->data + m->size, 0, off - m->size);
		memcpy(m->data + off, buf, n);
		if (off + n > m->size)
			m->size = off + n;
		return 0;
	case 1:         /* append */
		n = 1 + rnd(3000);
		if (m->size + n > MAXSIZE)
			return 0;
		fill(buf, n, w);
		fd = open(path, O_WRONLY | O_APPEND);
		if (fd < 0)
			return fd;
		r = write(fd, buf, n);
		close(fd);
		if (r != (long)n)
			return r < 0 ? r : -EIO;
		memcpy(m->data + m->size, buf, n);
		m->size += n;
		return 0;
	case 2:         /* truncate: down, or up over a hole */
		n = rnd(m->size + 8192);
		if (n > MAXSIZE)
			n = MAXSIZE;
		fd = open(path, O_WRONLY);
		if (fd < 0)
			return fd;
		r = sys_ftruncate(fd, n);
		close(fd);
		if (r)
			return r;
		if (n > m->size)
			memset(m->data + m->size, 0, n - m->size);
		m->size = n;
		return 0;
	case 3: {       /* write through a shared mapping, msync */
		unsigned char *map;
		unsigned long len;

		if (!m->size)
			return 0;
		len = (m->size + PAGE - 1) & ~(unsigned long)(PAGE - 1);
		fd = open(path, O_RDWR);
		if (fd < 0)
			return fd;
		map = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
		close(fd);
		if (map == MAP_FAILED)
			return -ENOMEM;
		off = rnd(m->size);
		n = 1 + rnd(m->size - off < 6000 ? m->size - off : 6000);
		fill(buf, n, w);
		memcpy(map + off, buf, n);
		memcpy(m->data + off, buf, n);
		r = syscall(__NR_msync, map, len, MS_SYNC);
		munmap(map, len);
		return r;
	}
	case 4:         /* replace: a new file renamed over the old name */
		snprintf(tmp, sizeof(tmp), "%s/w%u.new", dir, w);
		n = rnd(20000);
		fill(m->data, n, w);
		fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC, 0644);
		if (fd < 0)
			return fd;
		r = write(fd, m->data, n);
		close(fd);
		if (r != (long)n)
			return r < 0 ? r : -EIO;
		r = syscall(__NR_rename, tmp, path);
		if (r)
			return r;
		m->size = n;
		return 0;
	default:        /* a scratch file made and removed */
		snprintf(tmp, sizeof(tmp), "%s/w%u.scratch", dir, w);
		fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC, 0644);
		if (fd < 0)
			return fd;
		fill(buf, 5000, w);
		r = write(fd, buf, 5000);
		close(fd);
		if (r != 5000)
			return r < 0 ? r : -EIO;
		return syscall(__NR_unlink, tmp);
	}
}

/* The file as read back equals the model: 0, else the first differing offset + 1, or -errno. */
static long compare(struct model *m)
{
	static unsigned char got[MAXSIZE + 1];
	char path[128];
	long n, total = 0;
	int fd;

	path_of(path, sizeof(path), m->name);
	fd = open(path, O_RDONLY);
	if (fd < 0)
		return fd;
	while ((n = read(fd, got + total, MAXSIZE + 1 - total)) > 0)
		total += n;
	close(fd);
	if (n < 0)
		return n;
	if ((unsigned long)total != m->size)
		return -EFBIG;
	for (long i = 0; i < total; i++)
		if (got[i] != m->data[i])
			return i + 1;
	return 0;
}

static int worker(unsigned int w, int rounds, unsigned long seed)
{
	struct model files[FILES];
	static const char *names[] = { "change", "append", "truncate", "mmap", "rename", "scratch" };
	char path[128];

	rng = seed * 131 + w;
	for (int k = 0; k < FILES; k++) {
		int fd;

		snprintf(files[k].name, sizeof(files[k].name), "w%uf%d", w, k);
		files[k].data = malloc(MAXSIZE);
		files[k].size = 0;
		if (!files[k].data)
			fail("no memory");
		path_of(path, sizeof(path), files[k].name);
		fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
		if (fd < 0)
			fail("create %s: %s", path, errname(fd));
		close(fd);
	}
	for (int i = 0; i < rounds; i++) {
		struct model *m = &files[rnd(FILES)];
		int what;
		long r = change(m, w, &what);

		if (r) {
			printf("# process %u round %d: %s of %s: %s\n", w, i, names[what], m->name, errname(r));
			return 1;
		}
	}
	for (int k = 0; k < FILES; k++) {
		long r = compare(&files[k]);

		if (r) {
			printf("# process %u: %s reads back wrong (%ld)\n", w, files[k].name, r);
			return 1;
		}
		printf("LOG %s %lu %08x\n", files[k].name, files[k].size, crc32(files[k].data, files[k].size));
	}
	return 0;
}

int main(int argc, char **argv)
{
	int nproc = argc > 2 ? atoi(argv[2]) : 4, rounds = argc > 3 ? atoi(argv[3]) : 200;
	unsigned long seed = argc > 4 ? strtoul(argv[4], NULL, 0) : 13;
	long before = free_pages();

	dir = argc > 1 ? argv[1] : "/tmp";
	for (int w = 0; w < nproc; w++) {
		int pid = fork();

		if (pid == 0)
			_exit(worker((unsigned int)w, rounds, seed));
		if (pid < 0)
			fail("fork: %s", errname(pid));
	}
	for (int w = 0; w < nproc; w++) {
		int status = -1, pid = wait(&status);

		check(pid > 0 && status == 0, "a process made %d changes to its %d files in %s beside %d others; "
		      "they read back right (status %#x)", rounds, FILES, dir, nproc - 1, status);
	}
	if (argc > 5 && !strcmp(argv[5], "clean")) {
		/* remove them all: every page the files took comes back */
		char path[128];

		for (int w = 0; w < nproc; w++)
			for (int k = 0; k < FILES; k++) {
				snprintf(path, sizeof(path), "%s/w%df%d", dir, w, k);
				check_ret(syscall(__NR_unlink, path), 0, "unlink %s", path);
			}
		if (on_pagoda())
			check(free_pages() >= before - 4, "the files' pages back (%ld free, %ld before)", free_pages(),
			      before);
		else
			skip("the free-page count is Pagoda's");
	}
	syscall(__NR_sync);
	printf("SYNCED\n");
	return done();
}
