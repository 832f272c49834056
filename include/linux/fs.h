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
struct file;
struct inode;
struct vm_area_struct;
struct poll_table_struct;
struct dir_context;

/*
 * What a file does, by kind (Linux's struct file_operations, the subset
 * Pagoda uses). Buffers are user pointers (read, write, ioctl's arg);
 * pos is the file position to use and advance (NULL for a stream: pipes,
 * ttys). Each returns bytes done or -errno. A NULL method means the
 * operation is not supported: the caller answers as Linux does (-EINVAL
 * for read/write, -ENOTTY for ioctl, -ESPIPE for llseek, -ENODEV for mmap,
 * DEFAULT_POLLMASK for poll).
 */
struct file_operations {
	long long (*llseek)(struct file *f, long long offset, int whence);
	long (*read)(struct file *f, char *ubuf, unsigned long count, long long *pos);
	long (*write)(struct file *f, const char *ubuf, unsigned long count, long long *pos);
	/* poll: the POLL* events ready now; calls poll_wait() on the queues that will change them */
	unsigned int (*poll)(struct file *f, struct poll_table_struct *pt);
	long (*unlocked_ioctl)(struct file *f, unsigned int cmd, unsigned long arg);
	int (*mmap)(struct file *f, struct vm_area_struct *vma);
	int (*open)(struct inode *inode, struct file *f);
	int (*release)(struct inode *inode, struct file *f);   /* the last reference went */
	/* getdents64: emit entries from ctx->pos on with dir_emit(); 0 or -errno */
	int (*iterate_shared)(struct file *f, struct dir_context *ctx);
};

/* What stat() reports (Linux's struct kstat); fs/stat.c turns it into each ABI's struct. */
struct kstat {
	unsigned int mode, nlink, uid, gid, blksize;
	unsigned long ino;
	unsigned int dev, rdev;         /* new_encode_dev() form */
	long long size;
	unsigned long long blocks;      /* 512-byte units */
	long long atime_sec, mtime_sec, ctime_sec;
	long atime_nsec, mtime_nsec, ctime_nsec;
};

/* A readdir in progress (Linux's struct dir_context): the file system calls actor through dir_emit(). */
struct dir_context {
	/* false: the caller's buffer is full; stop, and resume from ctx->pos next time */
	bool (*actor)(struct dir_context *ctx, const char *name, int namelen, long long offset,
		      unsigned long ino, unsigned int d_type);
	long long pos;
};

static inline bool dir_emit(struct dir_context *ctx, const char *name, int namelen,
			    unsigned long ino, unsigned int d_type)
{
	return ctx->actor(ctx, name, namelen, ctx->pos, ino, d_type);
}

/* d_type values (Linux's DT_*) */
#define DT_UNKNOWN 0
#define DT_FIFO    1
#define DT_CHR     2
#define DT_DIR     4
#define DT_BLK     6
#define DT_REG     8
#define DT_LNK     10
#define DT_SOCK    12

struct file {
	const char *name;
	const uint8_t *data;    /* the file's bytes inside the initrd */
	size_t size;
	long long pos;          /* read/lseek position (loff_t) */
	unsigned int mode;      /* S_IFREG | 0755 ... from the archive */
	unsigned int ino;
	int count;              /* references: descriptors and VMAs */
	bool console;           /* fd 0-2: the serial console */
	/* The VFS (files, tty and /proc work) moves every kind of file onto these: */
	const struct file_operations *f_op;
	unsigned int f_flags;   /* O_* given to open (O_NONBLOCK, O_APPEND, ...) */
	void *private_data;     /* the file system's or driver's own */
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
