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
#include "linux/dcache.h"
#include "linux/earlycpio.h"
#include "linux/list.h"
#include "linux/mount.h"
#include "linux/mutex.h"
#include "linux/rwsem.h"
#include "linux/xarray.h"

#define S_IFCHR  0020000
#define S_IFIFO  0010000
#define S_IFBLK  0060000
#define S_IFSOCK 0140000
#define S_ISCHR(m)  (((m) & S_IFMT) == S_IFCHR)
#define S_ISFIFO(m) (((m) & S_IFMT) == S_IFIFO)
#define S_ISBLK(m)  (((m) & S_IFMT) == S_IFBLK)
#define S_ISSOCK(m) (((m) & S_IFMT) == S_IFSOCK)
#define S_ISUID  0004000
#define S_ISGID  0002000
#define S_ISVTX  0001000
#define S_IALLUGO (S_ISUID | S_ISGID | S_ISVTX | 0777)

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

/* What statfs reports (Linux's struct kstatfs); fs/statfs.c writes each ABI's struct from it. */
struct kstatfs {
	unsigned long f_type;                   /* the file system's magic number */
	unsigned long f_bsize, f_frsize;        /* bytes */
	unsigned long long f_blocks, f_bfree, f_bavail;  /* in f_bsize units */
	unsigned long long f_files, f_ffree;    /* inodes */
	int f_fsid[2];
	unsigned long f_namelen, f_flags;       /* f_flags: ST_*, filled by fs/statfs.c */
};

#define TMPFS_MAGIC      0x01021994     /* Linux's include/uapi/linux/magic.h */
#define RAMFS_MAGIC      0x858458f6
#define PROC_SUPER_MAGIC 0x9fa0

/* A mounted file system (Linux's struct super_block, the part Pagoda uses). */
struct super_block {
	const char *s_type;     /* "rootfs", "proc", "devtmpfs" */
	unsigned int s_dev;     /* st_dev, new_encode_dev() form */
	bool s_rdonly;          /* SB_RDONLY: writes are -EROFS */
	unsigned long s_magic;  /* statfs's f_type */
	/* Make the struct file for an open of inode (flags: O_*): NULL with *err. */
	struct file *(*s_open)(struct inode *inode, int flags, int *err);
	/* Fill buf's sizes (Linux's ->statfs); NULL: simple_statfs (no blocks, NAME_MAX names). */
	int (*s_statfs)(struct super_block *sb, struct kstatfs *buf);
	/* Change SB_RDONLY to rdonly (Linux's ->reconfigure): 0 or -errno (-EROFS: it cannot be written). */
	int (*s_remount)(struct super_block *sb, bool rdonly);
	/* Write everything dirty to the disk and wait (Linux's sync_filesystem and ->sync_fs): 0 or -EIO. NULL: nothing to do. */
	int (*s_sync_fs)(struct super_block *sb);
	/* The last mount went: free everything (Linux's ->kill_sb); NULL: the super block stays. */
	void (*s_kill)(struct super_block *sb);
	/* Free an inode whose last reference went (Linux's ->free_inode); NULL: kfree. */
	void (*s_free_inode)(struct inode *inode);
	/* /proc/mounts's options after "rw,relatime" (",size=...": Linux's ->show_options) into buf: its length. */
	int (*s_show_options)(struct super_block *sb, char *buf, int size);
	struct dentry *s_root;
	int s_active;           /* mounts of it */
	bool s_counts_blocks;   /* its inodes keep i_blocks (else stat works it out from the size) */
	bool s_d_delete;        /* dentries go at their last dput, not kept (Linux's ->d_delete) */
	void *s_fs_info;        /* the file system's own */
	struct backing_dev_info *s_bdi;         /* its disk's, for writeback; NULL: noop_backing_dev_info */
	int s_writeback;        /* writebacks using it now (fs/fs-writeback.c): umount waits for 0 */
	/*
	 * Held by a rename between two directories (Linux's): with it, no
	 * other such rename can move either directory under the other while
	 * both are locked, so the ancestor check and the lock order hold.
	 * Zeroed memory is an unlocked one.
	 */
	struct mutex s_vfs_rename_mutex;
	struct block_device *s_bdev;    /* the device it lives on, or NULL (tmpfs, proc) */
	unsigned int s_blocksize_bits;  /* log2 of its block size, where s_bdev is set */
};

/* What mount(2) passes a file system (Linux's struct fs_context, the part Pagoda uses). */
struct mount_args {
	const char *type, *dev;
	bool rdonly;
	const char *data;       /* the options string ("size=1m,nr_inodes=8"), NUL-terminated, or NULL */
};

/* A kind of file system (Linux's struct file_system_type). */
struct file_system_type {
	const char *name;
	/* The root dentry of a new (or the one) super block: a reference, or NULL with *err (-EINVAL for bad options, -ENOMEM). */
	struct dentry *(*mount)(const struct mount_args *args, int *err);
};

/* fs/super.c: the type named name ("tmpfs"), or NULL. */
const struct file_system_type *get_fs_type(const char *name);
/* fs/ext2/super.c: ext2's mount. */
struct dentry *ext2_mount(const struct mount_args *args, int *err);
/* mm/shmem.c: tmpfs's mount. */
struct dentry *shmem_mount(const struct mount_args *args, int *err);

struct page;
struct backing_dev_info;
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
	struct list_head cached_link;           /* on the list of mappings holding pages (drop_pagecache's walk) */
};

#define AS_EIO    0     /* bit in address_space.flags */
#define AS_ENOSPC 1
#define AS_SWAPBACKED 2 /* its pages are shmem's (PG_swapbacked, counted as Shmem); Linux's shmem sets the page flag itself */

/* What chmod, chown, utimes and truncate change (Linux's struct iattr): the ATTR_* bits in ia_valid say which. */
#define ATTR_MODE      (1 << 0)
#define ATTR_UID       (1 << 1)
#define ATTR_GID       (1 << 2)
#define ATTR_SIZE      (1 << 3)
#define ATTR_ATIME     (1 << 4)
#define ATTR_MTIME     (1 << 5)
#define ATTR_CTIME     (1 << 6)
#define ATTR_ATIME_SET (1 << 7)
#define ATTR_MTIME_SET (1 << 8)

struct iattr {
	unsigned int ia_valid;
	unsigned int ia_mode, ia_uid, ia_gid;
	long long ia_size;              /* bytes */
	long long ia_atime_sec, ia_mtime_sec, ia_ctime_sec;
	long ia_atime_nsec, ia_mtime_nsec, ia_ctime_nsec;
};

/*
 * What a kind of inode does (Linux's struct inode_operations, the subset
 * Pagoda uses). The directory methods get the dentry of the name
 * (checked by the caller: a new one for a name to make, the one found
 * for a name to remove), as Linux's: a method that makes a name
 * d_instantiates the dentry. Each returns 0 or -errno; a NULL method is
 * -EPERM to the caller, as Linux's vfs_mkdir and its siblings answer.
 */
struct inode_operations {
	/* The child NAME (len bytes, no slash) of directory dir: a new inode, or NULL with *err (-ENOENT, -ENOMEM). */
	struct inode *(*lookup)(struct inode *dir, const char *name, int len, int *err);
	/* A symbolic link's target into the kernel buffer buf: its length (not NUL-terminated), or -errno. */
	int (*readlink)(struct inode *inode, char *buf, int size);
	/*
	 * A /proc "magic" link (PID/fd/N): the open file it stands for, referenced,
	 * which the walk goes on from rather than from readlink's text (Linux's
	 * proc_fd_link and nd_jump_link). NULL with *err 0: an ordinary link.
	 */
	struct file *(*get_magic_link)(struct inode *inode, int *err);
	/* Work out what only stat needs (a directory's size and links), just before stat (Linux's ->getattr). */
	void (*getattr)(struct inode *inode);
	/* A new regular file of mode (S_IFREG | perms, umask applied). */
	int (*create)(struct inode *dir, struct dentry *dentry, unsigned int mode);
	int (*mkdir)(struct inode *dir, struct dentry *dentry, unsigned int mode);
	/* dentry is a directory, not a mount point; -ENOTEMPTY unless it is empty. */
	int (*rmdir)(struct inode *dir, struct dentry *dentry);
	int (*unlink)(struct inode *dir, struct dentry *dentry);
	int (*symlink)(struct inode *dir, struct dentry *dentry, const char *target);
	/* A new name dentry in dir for old_dentry's inode (not a directory), in the same file system. */
	int (*link)(struct dentry *old_dentry, struct inode *dir, struct dentry *dentry);
	/* A special file: S_IFCHR, S_IFBLK (dev: new_encode_dev form), S_IFIFO, S_IFSOCK or S_IFREG. */
	int (*mknod)(struct inode *dir, struct dentry *dentry, unsigned int mode, unsigned int dev);
	/* Move old_dentry to new_dentry's name (a positive new_dentry is replaced), flags RENAME_*; the caller d_moves. */
	int (*rename)(struct inode *old_dir, struct dentry *old_dentry, struct inode *new_dir,
		      struct dentry *new_dentry, unsigned int flags);
	/* Change what attr says (Linux's ->setattr); NULL: simple_setattr (fs/attr.c). */
	int (*setattr)(struct inode *inode, struct iattr *attr);
};

#define RENAME_NOREPLACE (1 << 0)
#define RENAME_EXCHANGE  (1 << 1)
#define RENAME_WHITEOUT  (1 << 2)

/*
 * A file as its file system knows it (Linux's struct inode). Inodes are
 * not cached: each lookup makes one, counted by i_count and freed by iput.
 * i_path is the canonical absolute path it was reached by ("/etc/motd"):
 * with no dentries, it is what ".." and getcwd walk back through.
 */
/* inode->i_flags (Linux's values) */
#define S_SWAPFILE	256	/* an active swap area: writes and truncation are -ETXTBSY */
#define IS_SWAPFILE(inode)	((inode)->i_flags & S_SWAPFILE)

struct inode {
	unsigned int i_mode, i_nlink, i_rdev;
	unsigned int i_flags;   /* S_SWAPFILE */
	unsigned int i_uid, i_gid;
	long long i_atime_sec, i_mtime_sec, i_ctime_sec;
	long i_atime_nsec, i_mtime_nsec, i_ctime_nsec;
	unsigned long i_ino;
	long long i_size;
	unsigned long long i_blocks;    /* 512-byte units, where the super block s_counts_blocks */
	const struct inode_operations *i_op;
	const struct file_operations *i_fop;
	struct super_block *i_sb;
	int i_count;
	char *i_path;
	const void *i_private;  /* the file system's: the bytes in the initramfs */
	const char *i_name;     /* the initramfs member's name, which lives as long as the kernel */
	struct address_space *i_mapping;        /* its page cache: &i_data, or a block device's */
	struct address_space i_data;
	unsigned long dirtied_when;     /* jiffies when its pages were first dirtied (while on i_io_list) */
	struct list_head i_io_list;     /* on its disk's b_dirty list while i_data has dirty pages */
	/*
	 * Linux's i_rwsem (inode_lock): held for writing while the file's
	 * size or contents are changed (write, truncate, setattr) and, on a
	 * directory, while names are added or removed in it (fs/namei.c
	 * takes it, as Linux's VFS does); for reading while a name is looked
	 * up from the file system. Zeroed memory is an unlocked one.
	 */
	struct rw_semaphore i_rwsem;
};

/* The inode's i_rwsem (Linux's inode_lock, inode_unlock, inode_lock_shared, inode_unlock_shared). */
static inline void inode_lock(struct inode *inode)
{
	down_write(&inode->i_rwsem);
}

static inline void inode_unlock(struct inode *inode)
{
	up_write(&inode->i_rwsem);
}

static inline void inode_lock_shared(struct inode *inode)
{
	down_read(&inode->i_rwsem);
}

static inline void inode_unlock_shared(struct inode *inode)
{
	up_read(&inode->i_rwsem);
}

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
	struct path f_path;     /* the name it was opened by (references), or NULLs */
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
 * With last (non-NULL): last->missing when only the last component is
 * missing (an O_CREAT could make it), with where, after any links.
 */
struct last_missing {
	bool missing;           /* only the last component is not there */
	bool trailing;          /* a slash follows it */
	struct path parent;     /* where it would be made (a reference, when missing) */
	char name[NAME_MAX + 1];
	struct file *jump;      /* the path ends at a magic link to a pipe, which has no name: it (a reference) */
};
int filename_lookup(int dfd, const char *path, unsigned int flags, struct path *res, struct last_missing *last);
/* Copy a user path into a new PATH_MAX buffer (Linux's getname): NULL with *err -EFAULT, -ENOENT (""), -ENAMETOOLONG, -ENOMEM. */
char *getname(const char *upath, int *err);
char *getname_flags(const char *upath, bool empty_ok, int *err);
void putname(char *name);
/* user_path_at: getname then filename_lookup. */
int user_path_at(int dfd, const char *upath, unsigned int flags, struct path *res);
/* A directory that was removed: nothing may be made in it (Linux's IS_DEADDIR, S_DEAD). */
static inline bool IS_DEADDIR(const struct inode *inode)
{
	return S_ISDIR(inode->i_mode) && inode->i_nlink == 0;
}

/* The inode a path names (no reference taken). */
static inline struct inode *d_inode(const struct dentry *d)
{
	return d->d_inode;
}

/*
 * fs/namei.c: the parent of a path's last component (Linux's
 * filename_parentat): 0 with *parent a new reference, *last and *len the
 * last component (not NUL-terminated: a slash may follow; *trailing says
 * so) and *type LAST_NORM, LAST_ROOT ("/"), LAST_DOT or LAST_DOTDOT; or
 * the walk's -errno (-ENOENT, -ENOTDIR, -ELOOP, -ENAMETOOLONG, -EBADF).
 */
enum { LAST_NORM, LAST_ROOT, LAST_DOT, LAST_DOTDOT };
int filename_parentat(int dfd, const char *path, struct path *parent, const char **last, int *len,
		      int *type, bool *trailing);
/*
 * The child name (len bytes) of dir, not crossing mounts (Linux's
 * lookup_one_len): a new reference, or NULL with *err (-ENOENT,
 * -ENAMETOOLONG, -ENOMEM).
 */
struct dentry *lookup_one_len(struct dentry *dir, const char *name, int len, int *err);

/*
 * fs/namei.c: a new dentry for the name path (a kernel string) would make,
 * with the checks of mkdir and its siblings (Linux's kern_path_create):
 * NULL with *err; done_path_create puts it and *parent.
 */
struct dentry *kern_path_create(int dfd, const char *path, struct path *parent, bool want_dir, int *err);
void done_path_create(struct path *parent, struct dentry *dentry);
/* fs/namei.c: make and remove names in dir (Linux's vfs_*): 0 or -errno, -EPERM if the file system cannot. */
int vfs_mkdir(struct inode *dir, struct dentry *dentry, unsigned int mode);
int vfs_mknod(struct inode *dir, struct dentry *dentry, unsigned int mode, unsigned int dev);
int vfs_symlink(struct inode *dir, struct dentry *dentry, const char *target);
int vfs_rmdir(struct inode *dir, struct dentry *victim);
int vfs_unlink(struct inode *dir, struct dentry *victim);

/* fs/attr.c: change an inode's attributes (Linux's notify_change): 0 or -errno. */
int notify_change(struct inode *inode, struct iattr *attr);
/* Copy what attr says (but the size) into the inode (Linux's setattr_copy), for a ->setattr. */
void setattr_copy(struct inode *inode, const struct iattr *attr);
/* A special file's i_fop by its kind (Linux's init_special_inode): devices by number, FIFOs, sockets. */
void init_special_inode(struct inode *inode, unsigned int mode, unsigned int rdev);
/* drivers/char/mem.c: the file operations of character device rdev (new_encode_dev form), or NULL. */
const struct file_operations *chrdev_fops(unsigned int rdev);
/* mm/shmem.c: an unpacked initramfs file reads size bytes of the archive at data until first written. */
void shmem_set_initrd_data(struct inode *inode, const void *data, long long size);
/* The kernel clock for timestamps (Linux's current_time): seconds and nanoseconds since the epoch. */
void current_time(long long *sec, long *nsec);
/* An inode's times all set to now (a new inode). */
void inode_init_times(struct inode *inode);

/* fs/namespace.c: the mounts */
extern struct super_block proc_sb;
/* Mount the first file systems: the initramfs at /, /proc, /dev (Linux's mnt_init and init_mount_tree). */
void mnt_init(void);
/* Is path the root of a mount (what mount -o remount and umount take)? */
static inline bool path_is_mountroot(const struct path *path)
{
	return path->dentry == path->mnt->mnt_root;
}
/* Mount a file system of args->type on mountpoint (Linux's do_new_mount): 0, -ENODEV, -ENOTDIR, -EBUSY, -ENOMEM. */
int do_new_mount(const struct path *mountpoint, const struct mount_args *args);
/* Unmount the mount path is the root of (Linux's do_umount): 0 or -EBUSY. Once the mount is freed, path's references are too (NULLs). */
int do_umount(struct path *path, bool detach);

/* init/initramfs.c: unpack the initrd into the root tmpfs (Linux's populate_rootfs). */
void populate_rootfs(void);
/* drivers/char/mem.c: make a node in a new devtmpfs for each device (Linux's devtmpfs_create_node). */
void devtmpfs_populate(struct dentry *root);
struct gendisk;
/* drivers/char/mem.c: nodes for a disk and its partitions, found after devtmpfs was populated (Linux's device_add). */
void devtmpfs_add_disk(struct gendisk *disk);
/* drivers/char/random.c: fill buf with count pseudo-random bytes (not cryptographic). */
void get_random_bytes(void *buf, unsigned long count);

/* fs/open.c */
/* mode: O_CREAT's permission bits (the umask is taken off). */
struct file *do_filp_open(int dfd, const char *path, int flags, int mode, int *err);
/* fs/file.c: install f on the lowest free descriptor: the fd, or -EMFILE. */
int fd_install_lowest(struct file *f, bool cloexec);
int fd_install_from(struct file *f, int from, bool cloexec);

/* fs/pipe.c */
bool is_pipe(const struct file *f);
/* fs/pipe.c: open f's pipe again with flags (/proc/PID/fd/N): a new file, or NULL with *err (see there) */
struct file *pipe_reopen(struct file *f, int flags, int *err);
/*
 * Write the bytes of from into the pipe f as splice does (Linux's
 * splice_file_to_pipe): each page in a slot of its own; waits (unless
 * O_NONBLOCK: -EAGAIN) only while nothing went in. Bytes, or -EPIPE
 * (with SIGPIPE), -EAGAIN, -ENOMEM, -EFAULT, -EINTR.
 */
long pipe_splice_write(struct file *f, struct iov_iter *from);

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
void fput(struct file *f);
/* Fill one page with the file's bytes at page offset pgoff; zero past the end. */
void file_read_page(const struct file *f, unsigned long pgoff, void *kaddr);
/* Pages the file's bytes touch: its size rounded up (Linux's DIV_ROUND_UP(i_size, PAGE_SIZE)). */
unsigned long file_size_pages(const struct file *f);

#endif
