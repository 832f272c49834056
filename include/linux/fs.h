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
#include "linux/earlycpio.h"
#include "linux/list.h"
#include "linux/xarray.h"

#define S_IFCHR  0020000
#define S_IFIFO  0010000
#define S_IFBLK  0060000
#define S_IFSOCK 0140000
#define S_ISCHR(m)  (((m) & S_IFMT) == S_IFCHR)
#define S_ISFIFO(m) (((m) & S_IFMT) == S_IFIFO)

#define PATH_MAX 4096   /* bytes in a path, counting the NUL (Linux's limits.h) */
#define NAME_MAX 255    /* bytes in one component */

struct cpio_entry;
struct file;
struct inode;
struct vm_area_struct;
struct poll_table_struct;
struct dir_context;
struct iov_iter;

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
	/* readv/writev as one transfer (a terminal writes the segments as one stream); else read/write per segment */
	long (*read_iter)(struct file *f, struct iov_iter *iter, long long *pos);
	long (*write_iter)(struct file *f, struct iov_iter *iter, long long *pos);
	/* poll: the POLL* events ready now; calls poll_wait() on the queues that will change them */
	unsigned int (*poll)(struct file *f, struct poll_table_struct *pt);
	long (*unlocked_ioctl)(struct file *f, unsigned int cmd, unsigned long arg);
	int (*mmap)(struct file *f, struct vm_area_struct *vma);
	int (*open)(struct inode *inode, struct file *f);
	int (*release)(struct inode *inode, struct file *f);   /* the last reference went */
	/* getdents64: emit entries from ctx->pos on with dir_emit(); 0 or -errno */
	int (*iterate_shared)(struct file *f, struct dir_context *ctx);
	/* fsync/fdatasync/msync(MS_SYNC): bytes [start, end] on the disk; 0 or -errno (NULL: -EINVAL) */
	int (*fsync)(struct file *f, long long start, long long end, int datasync);
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

/* open's flags (Linux i386's asm-generic/fcntl.h, octal) */
#define O_ACCMODE   00000003
#define O_RDONLY    00000000
#define O_WRONLY    00000001
#define O_RDWR      00000002
#define O_CREAT     00000100
#define O_EXCL      00000200
#define O_NOCTTY    00000400
#define O_TRUNC     00001000
#define O_APPEND    00002000
#define O_NONBLOCK  00004000
#define O_DSYNC     00010000
#define O_DIRECT    00040000
#define O_LARGEFILE 00100000
#define O_DIRECTORY 00200000
#define O_NOFOLLOW  00400000
#define O_NOATIME   01000000
#define O_CLOEXEC   02000000
#define O_PATH      010000000
#define O_TMPFILE   (020000000 | O_DIRECTORY)

#define AT_FDCWD            -100
#define AT_SYMLINK_NOFOLLOW 0x100
#define AT_EACCESS          0x200
#define AT_REMOVEDIR        0x200
#define AT_SYMLINK_FOLLOW   0x400
#define AT_NO_AUTOMOUNT     0x800
#define AT_EMPTY_PATH       0x1000
#define AT_STATX_SYNC_TYPE  0x6000

#define MAXSYMLINKS 40          /* links one path walk may follow (Linux's) */

/* A mounted file system (Linux's struct super_block, the part Pagoda uses). */
struct super_block {
	const char *s_type;     /* "rootfs", "proc", "devtmpfs" */
	unsigned int s_dev;     /* st_dev, new_encode_dev() form */
	bool s_rdonly;          /* SB_RDONLY: writes are -EROFS */
	/* Make the struct file for an open of inode (flags: O_*): NULL with *err. */
	struct file *(*s_open)(struct inode *inode, int flags, int *err);
};

struct page;
struct writeback_control;
struct address_space;

/*
 * How a file system moves a cached page to and from its backing store
 * (Linux's struct address_space_operations; 6.1 passes folios, Pagoda has
 * no folios so these are the 5.x page-based names). A NULL method: the
 * pages have no backing store (tmpfs keeps them in memory, and in swap
 * once reclaim exists).
 */
struct address_space_operations {
	/* Fill a locked, !PageUptodate page from the backing store; set PG_uptodate (or PG_error) and unlock it. 0 or -errno. */
	int (*readpage)(struct file *file, struct page *page);
	/* Write a locked dirty page back: clear PG_dirty, set PG_writeback while the I/O runs, unlock. 0 or -errno. */
	int (*writepage)(struct page *page, struct writeback_control *wbc);
	/* Mark a page dirty (and the inode with it): true if it was clean. NULL: __set_page_dirty_nobuffers. */
	bool (*set_page_dirty)(struct page *page);
	/* The block on the device holding block `block` of the file (Linux's ->bmap): 0 for a hole. */
	unsigned long (*bmap)(struct address_space *mapping, unsigned long block);
};

/*
 * The page cache of one file (Linux's struct address_space): its pages by
 * index in i_pages, and the VMAs that map it on i_mmap (for the reverse
 * map). Every inode has one (inode->i_data); i_mapping points at the one
 * to use (a block device's inodes share the device's).
 */
struct address_space {
	struct inode *host;                     /* the inode it caches */
	struct xarray i_pages;                  /* struct page * by index (pages of PAGE_SIZE bytes) */
	unsigned long nrpages;                  /* pages in i_pages */
	const struct address_space_operations *a_ops;
	struct list_head i_mmap;                /* the VMAs mapping it (vm_area_struct.shared) */
	unsigned long flags;                    /* AS_EIO, AS_ENOSPC: a write-back error not yet reported */
	unsigned long nrdirty;                  /* of nrpages, how many are PageDirty */
	struct list_head dirty_link;            /* on the list of mappings with dirty pages sync writes back */
	struct list_head cached_link;           /* on the list of mappings holding pages (drop_pagecache's walk) */
};

#define AS_EIO    0     /* bit in address_space.flags */
#define AS_ENOSPC 1
#define AS_SWAPBACKED 2 /* its pages are shmem's (PG_swapbacked, counted as Shmem); Linux's shmem sets the page flag itself */

/* What a kind of inode does (Linux's struct inode_operations, the subset Pagoda uses). */
struct inode_operations {
	/* The child NAME (len bytes, no slash) of directory dir: a new inode, or NULL with *err (-ENOENT, -ENOMEM). */
	struct inode *(*lookup)(struct inode *dir, const char *name, int len, int *err);
	/* A symbolic link's target into the kernel buffer buf: its length (not NUL-terminated), or -errno. */
	int (*readlink)(struct inode *inode, char *buf, int size);
	/* Work out what only stat needs (a directory's size and links), just before stat (Linux's ->getattr). */
	void (*getattr)(struct inode *inode);
};

/*
 * A file as its file system knows it (Linux's struct inode). Inodes are
 * not cached: each lookup makes one, counted by i_count and freed by iput.
 * i_path is the canonical absolute path it was reached by ("/etc/motd"):
 * with no dentries, it is what ".." and getcwd walk back through.
 */
struct inode {
	unsigned int i_mode, i_nlink, i_rdev;
	unsigned long i_ino;
	long long i_size;
	const struct inode_operations *i_op;
	const struct file_operations *i_fop;
	struct super_block *i_sb;
	int i_count;
	char *i_path;
	const void *i_private;  /* the file system's: the bytes in the initramfs */
	const char *i_name;     /* the initramfs member's name, which lives as long as the kernel */
	struct address_space *i_mapping;        /* its page cache: &i_data, or a block device's */
	struct address_space i_data;
};

struct file {
	const char *name;
	const uint8_t *data;    /* the file's bytes inside the initrd */
	size_t size;
	long long pos;          /* read/lseek position (loff_t) */
	unsigned int mode;      /* S_IFREG | 0755 ... from the archive */
	unsigned int ino;
	int count;              /* references: descriptors and VMAs */
	bool console;           /* a terminal: the serial console */
	const struct file_operations *f_op;
	unsigned int f_flags;   /* O_* given to open (O_NONBLOCK, O_APPEND, ...) */
	void *private_data;     /* the file system's or driver's own */
	struct inode *f_inode;  /* what it was opened from (a reference); NULL for a pipe's files */
	struct address_space *f_mapping;        /* f_inode->i_mapping, or NULL: the page cache reads and writes go through */
};

/* fs/inode.c */
struct inode *new_inode(struct super_block *sb, const char *path);
struct inode *igrab(struct inode *inode);
void iput(struct inode *inode);
/* A new file on inode (taking a reference to it) with f_op inode->i_fop: NULL if no memory. */
struct file *alloc_file(struct inode *inode, int flags, const struct file_operations *fop);
/* The generic s_open: alloc_file, then f_op->open. */
struct file *generic_file_open(struct inode *inode, int flags, int *err);
void generic_fillattr(struct inode *inode, struct kstat *st);
/* fs/read_write.c: llseek for a file of i_size bytes (generic_file_llseek), and for directories. */
long long generic_file_llseek(struct file *f, long long offset, int whence);
long long dcache_dir_lseek(struct file *f, long long offset, int whence);

/* fs/sync.c: ->fsync for files kept only in memory (0), for files in the page cache, and the call itself */
int noop_fsync(struct file *file, long long start, long long end, int datasync);
int generic_file_fsync(struct file *file, long long start, long long end, int datasync);
int vfs_fsync_range(struct file *file, long long start, long long end, int datasync);

/* fs/namei.c: the path walk */
#define LOOKUP_FOLLOW    0x0001 /* follow a symbolic link in the last component */
#define LOOKUP_DIRECTORY 0x0002 /* the last component must be a directory */
#define LOOKUP_EMPTY     0x4000 /* "" is the start directory itself (AT_EMPTY_PATH) */
/*
 * Walk path (a kernel string) from dfd (AT_FDCWD or a directory's
 * descriptor), as Linux's filename_lookup. Returns 0 with *res a new
 * reference, or -ENOENT, -ENOTDIR, -ELOOP, -ENAMETOOLONG, -EBADF, -ENOMEM.
 * With last (non-NULL) set: *last is true when only the last component is
 * missing (an O_CREAT could make it).
 */
int filename_lookup(int dfd, const char *path, unsigned int flags, struct inode **res, bool *last);
/* Copy a user path into a new PATH_MAX buffer (Linux's getname): NULL with *err -EFAULT, -ENOENT (""), -ENAMETOOLONG, -ENOMEM. */
char *getname(const char *upath, int *err);
char *getname_flags(const char *upath, bool empty_ok, int *err);
void putname(char *name);
/* user_path_at: getname then filename_lookup. */
int user_path_at(int dfd, const char *upath, unsigned int flags, struct inode **res);

/* fs/super.c: the mounts (the initramfs at /, /proc, /dev) */
extern struct super_block rootfs_sb, proc_sb, devtmpfs_sb;
struct inode *root_inode(void);
/* The root of what is mounted on path (canonical: "/proc"), or NULL if nothing is. */
struct inode *lookup_mnt(const char *path, int *err);

/* init/initramfs.c: the initramfs's root directory */
struct inode *rootfs_root(int *err);
/* drivers/char/mem.c: /dev */
struct inode *devtmpfs_root(int *err);
/* Is an mmap of f anonymous memory (/dev/zero, as Linux's mmap_zero)? */
bool file_mmap_anonymous(const struct file *f);
/* drivers/char/random.c: fill buf with count pseudo-random bytes (not cryptographic). */
void get_random_bytes(void *buf, unsigned long count);

/* fs/open.c */
struct file *do_filp_open(int dfd, const char *path, int flags, int *err);
/* fs/file.c: install f on the lowest free descriptor: the fd, or -EMFILE. */
int fd_install_lowest(struct file *f, bool cloexec);
int fd_install_from(struct file *f, int from, bool cloexec);

/* fs/pipe.c */
bool is_pipe(const struct file *f);

void initrd_init(void);
bool initrd_present(void);
/*
 * Open the file at PATH (a kernel string, from current's cwd, links
 * followed) for reading, for execve. Returns the file, or NULL with *err
 * -ENOENT, -ENOTDIR, -ELOOP, -ENAMETOOLONG, -ENOMEM.
 */
struct file *initrd_open(const char *path, int *err);
/* The archive member named NAME exactly ("etc/motd"): 0, -ENOENT or -EIO. */
int initrd_find(const char *name, struct cpio_entry *e);
struct file *get_file(struct file *f);
/* fs/file.c: the current task's file on descriptor FD, or NULL (no reference taken, unlike Linux's fget). */
struct file *fget(int fd);
int get_close_on_exec(int fd);
void set_close_on_exec(int fd, bool on);
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
