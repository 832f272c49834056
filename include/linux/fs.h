/*
 * Files: the console and read-only files of the initrd (a cpio archive
 * read in place). struct file is what a file descriptor points to, and
 * what a file-backed VMA reads its pages from.
 */
#ifndef PAGODA_FS_H
#define PAGODA_FS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define PATH_MAX 4096   /* bytes in a path, counting the NUL (Linux's limits.h) */
#define NAME_MAX 255    /* bytes in one component */

struct cpio_entry;

struct file {
	const char *name;
	const uint8_t *data;    /* the file's bytes inside the initrd */
	size_t size;
	long long pos;          /* read/lseek position (loff_t) */
	unsigned int mode;      /* S_IFREG | 0755 ... from the archive */
	unsigned int ino;
	int count;              /* references: descriptors and VMAs */
	bool console;           /* fd 0-2: the serial console */
};

void initrd_init(void);
bool initrd_present(void);
/*
 * Open the initrd's file or directory at PATH (a kernel string) for reading.
 * Returns the file, or NULL with *err -ENOENT, -ENOTDIR, -ENAMETOOLONG,
 * -ENOMEM or -EIO (a malformed archive).
 */
struct file *initrd_open(const char *path, int *err);
/* The archive member named NAME exactly ("etc/motd"): 0, -ENOENT or -EIO. */
int initrd_find(const char *name, struct cpio_entry *e);
/*
 * fs/namei.c: walk PATH as Linux's path walk does (slashes, ".", "..").
 * Returns 0 with *e the member (the root is a directory with no data),
 * -ENOENT, -ENOTDIR, -ENAMETOOLONG (a component over NAME_MAX), -ENOMEM.
 */
int initrd_lookup(const char *path, struct cpio_entry *e);
struct file *get_file(struct file *f);
/* fs/file.c: the current task's file on descriptor FD, or NULL (no reference taken, unlike Linux's fget). */
struct file *fget(int fd);
/*
 * The file object a VMA points to. VMAs are split and merged freely, so
 * they do not count references; instead each initrd file has one mapping
 * object that lives as long as the kernel (like an inode in a cache).
 */
struct file *file_for_mapping(const struct file *f);
void fput(struct file *f);
/* Fill one page with the file's bytes at page offset pgoff; zero past the end. */
void file_read_page(const struct file *f, unsigned long pgoff, void *kaddr);
/* Pages the file's bytes touch: its size rounded up (Linux's DIV_ROUND_UP(i_size, PAGE_SIZE)). */
unsigned long file_size_pages(const struct file *f);

#endif
