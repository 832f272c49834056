/*
 * tmpfs (Linux's mm/shmem.c): a file system that lives in memory. Every
 * name is a dentry pinned in the dcache (the pin is the count
 * shmem_mknod takes), so the cache is the directory tree and lookup never
 * finds anything the cache does not hold. A regular file's bytes are
 * pages of its page cache with no backing store (no ->readpage: nothing
 * drops them); a file unpacked from the initrd reads its pages from the
 * archive as they are needed until it is first changed (Pagoda's: the
 * archive stays in memory anyway; Linux copies them at boot). Sizes are
 * limited per mount: size= (bytes, rounded to pages; half of RAM by
 * default) and nr_inodes=; beyond them, -ENOSPC.
 */
#include "asm/page.h"
#include "linux/blkdev.h"
#include "linux/errno.h"
#include "linux/fs.h"
#include "linux/highmem.h"
#include "linux/kdev_t.h"
#include "linux/memory.h"
#include "linux/mm.h"
#include "linux/mm_types.h"
#include "linux/mount.h"
#include "linux/pagemap.h"
#include "linux/printk.h"
#include "linux/page_alloc.h"
#include "linux/shmem_fs.h"
#include "linux/slab.h"
#include "linux/string.h"
#include "linux/uaccess.h"

#define BOGO_DIRENT_SIZE 20     /* what a directory's size grows by per name (Linux's) */

/* One mount's limits and counts (Linux's struct shmem_sb_info). */
struct shmem_sb_info {
	unsigned long max_blocks;       /* pages; 0: no limit */
	unsigned long used_blocks;
	unsigned long max_inodes;       /* 0: no limit */
	unsigned long used_inodes;
	unsigned long next_ino;
	unsigned int mode;              /* the root's permission bits */
};

/* A tmpfs inode (Linux's struct shmem_inode_info), the VFS inode inside. */
struct shmem_inode_info {
	unsigned long alloced;          /* pages of its page cache counted against the mount's size */
	char *symlink;                  /* a link's target, NUL-terminated */
	struct inode vfs_inode;
};

static struct shmem_inode_info *SHMEM_I(struct inode *inode)
{
	return container_of(inode, struct shmem_inode_info, vfs_inode);
}

static struct shmem_sb_info *SHMEM_SB(struct super_block *sb)
{
	return sb->s_fs_info;
}

static const struct inode_operations shmem_dir_inode_operations;
static const struct inode_operations shmem_inode_operations;
static const struct inode_operations shmem_symlink_inode_operations;
static const struct file_operations shmem_file_operations;
static const struct file_operations shmem_dir_operations;

/* Take an inode out of the mount's nr_inodes: -ENOSPC when none is left. */
static int shmem_reserve_inode(struct super_block *sb)
{
	struct shmem_sb_info *sbinfo = SHMEM_SB(sb);

	if (sbinfo->max_inodes && sbinfo->used_inodes >= sbinfo->max_inodes)
		return -ENOSPC;
	sbinfo->used_inodes++;
	return 0;
}

/* A new inode of mode (and dev for a special file): NULL with *err -ENOSPC or -ENOMEM (Linux's shmem_get_inode). */
static struct inode *shmem_get_inode(struct super_block *sb, unsigned int mode, unsigned int dev, int *err)
{
	struct shmem_inode_info *info;
	struct inode *inode;

	*err = shmem_reserve_inode(sb);
	if (*err)
		return NULL;
	info = kzalloc(sizeof(*info), GFP_KERNEL);
	if (!info) {
		SHMEM_SB(sb)->used_inodes--;
		*err = -ENOMEM;
		return NULL;
	}
	inode = &info->vfs_inode;
	inode->i_sb = sb;
	inode->i_count = 1;
	inode->i_nlink = 1;
	inode->i_mode = mode;
	inode->i_ino = SHMEM_SB(sb)->next_ino++;
	inode->i_uid = 0;       /* Linux: current_fsuid(); Pagoda's processes are root */
	inode->i_gid = 0;
	inode_init_times(inode);
	mapping_init(&inode->i_data, inode, NULL);     /* no backing store: the pages are the only copy */
	inode->i_mapping = &inode->i_data;
	switch (mode & S_IFMT) {
	case S_IFREG:
		mapping_set_swapbacked(&inode->i_data);        /* its pages count as Shmem */
		inode->i_op = &shmem_inode_operations;
		inode->i_fop = &shmem_file_operations;
		break;
	case S_IFDIR:
		inode->i_nlink = 2;     /* its own "." */
		inode->i_size = 2 * BOGO_DIRENT_SIZE;
		inode->i_op = &shmem_dir_inode_operations;
		inode->i_fop = &shmem_dir_operations;
		break;
	case S_IFLNK:
		inode->i_op = &shmem_symlink_inode_operations;
		break;
	default:
		init_special_inode(inode, mode, dev);
		break;
	}
	return inode;
}

/* The pages an unpacked file's bytes count for while they are the archive's: what they will take. */
static unsigned long initrd_pages(const struct inode *inode)
{
	return inode->i_private ? (unsigned long)((inode->i_size + PAGE_SIZE - 1) >> PAGE_SHIFT) : 0;
}

/* The last reference to a tmpfs inode went (Linux's shmem_evict_inode and shmem_free_inode). */
static void shmem_free_inode(struct inode *inode)
{
	struct shmem_inode_info *info = SHMEM_I(inode);
	struct shmem_sb_info *sbinfo = SHMEM_SB(inode->i_sb);

	truncate_inode_pages(&inode->i_data, 0);
	sbinfo->used_blocks -= info->alloced + initrd_pages(inode);
	kfree(info->symlink);
	sbinfo->used_inodes--;
	kfree(info);
}

/* ---- regular files ---- */

/* An unpacked file's pages not yet in the cache are read from the archive (as Linux's unpack copied them). */
static int shmem_initrd_readpage(struct file *file, struct page *page)
{
	const struct inode *host = page->mapping->host;
	long long off = (long long)page->index << PAGE_SHIFT;
	char *kaddr = kmap_atomic(page);
	size_t n = 0;

	(void)file;
	if (host->i_private && off < host->i_size)
		n = host->i_size - off < PAGE_SIZE ? (size_t)(host->i_size - off) : PAGE_SIZE;
	memcpy(kaddr, (const char *)host->i_private + off, n);
	memset(kaddr + n, 0, PAGE_SIZE - n);
	kunmap_atomic(kaddr);
	SetPageUptodate(page);
	unlock_page(page);
	return 0;
}

static const struct address_space_operations shmem_initrd_aops = { .readpage = shmem_initrd_readpage };

/*
 * Before an unpacked file changes: every page read from the archive into
 * the cache and dirtied, the archive forgotten; from then on the pages
 * are the only copy (no ->readpage: drop_caches leaves them).
 */
static int shmem_unshare_initrd(struct inode *inode)
{
	struct address_space *mapping = inode->i_mapping;
	unsigned long pages = initrd_pages(inode);
	int err = 0;

	if (!inode->i_private)
		return 0;
	for (unsigned long index = 0; index < pages; index++) {
		struct page *page = read_mapping_page(mapping, index, NULL, &err);

		if (!page)
			return err;
		lock_page(page);
		set_page_dirty(page);
		unlock_page(page);
		mark_page_accessed(page);       /* Linux's shmem_get_folio marks SGP_WRITE pages */
		put_page(page);
	}
	SHMEM_I(inode)->alloced += pages;       /* the archive's count becomes the pages' */
	inode->i_private = NULL;
	mapping->a_ops = NULL;
	return 0;
}

/*
 * The page at index, locked and referenced, made (zeroed, uptodate) if it
 * was a hole: NULL with *err -ENOSPC (past size=) or -ENOMEM (Linux's
 * shmem_getpage with SGP_WRITE).
 */
static struct page *shmem_getpage(struct inode *inode, unsigned long index, int *err)
{
	struct shmem_sb_info *sbinfo = SHMEM_SB(inode->i_sb);
	struct address_space *mapping = inode->i_mapping;
	struct page *page = find_lock_page(mapping, index);
	unsigned long before = mapping->nrpages;

	if (page)
		return page;
	if (sbinfo->max_blocks && sbinfo->used_blocks >= sbinfo->max_blocks) {
		*err = -ENOSPC;
		return NULL;
	}
	page = find_or_create_page(mapping, index, GFP_HIGHUSER);
	if (!page) {
		*err = -ENOMEM;
		return NULL;
	}
	if (mapping->nrpages > before) {        /* ours: a new zeroed page */
		SetPageUptodate(page);
		sbinfo->used_blocks++;
		SHMEM_I(inode)->alloced++;
		inode->i_blocks += PAGE_SIZE / 512;
	}
	return page;
}

/* read(): cached pages, the archive's through ->readpage, holes as zeros without a page (Linux's shmem_file_read_iter). */
static long shmem_file_read(struct file *f, char *ubuf, unsigned long count, long long *pos)
{
	struct inode *inode = f->f_inode;
	struct address_space *mapping = inode->i_mapping;
	unsigned long done = 0;
	int err = 0;

	while (done < count && *pos < inode->i_size) {
		unsigned long index = (unsigned long)(*pos >> PAGE_SHIFT);
		size_t off = (size_t)(*pos & (PAGE_SIZE - 1));
		size_t n = PAGE_SIZE - off;
		unsigned long left;
		struct page *page = find_get_page(mapping, index);

		if (n > count - done)
			n = count - done;
		if ((long long)n > inode->i_size - *pos)
			n = (size_t)(inode->i_size - *pos);
		if (!page && mapping->a_ops && mapping->a_ops->readpage) {
			page = read_mapping_page(mapping, index, f, &err);
			if (!page)
				break;
		}
		if (page) {
			if (done || !off)       /* a use, as filemap_read counts it */
				mark_page_accessed(page);
			left = copy_to_user(ubuf + done, (char *)kmap(page) + off, n);
			kunmap(page);
			put_page(page);
		} else {
			left = clear_user(ubuf + done, n);      /* a hole */
		}
		done += n - left;
		*pos += (long long)(n - left);
		if (left) {
			err = -EFAULT;
			break;
		}
	}
	if (done)
		current_time(&inode->i_atime_sec, &inode->i_atime_nsec);
	return done ? (long)done : err;
}

/* write(): into pages of the cache, made as needed within size= (Linux's shmem_write_begin/end). */
static long shmem_file_write(struct file *f, const char *ubuf, unsigned long count, long long *pos)
{
	struct inode *inode = f->f_inode;
	unsigned long done = 0;
	int err = shmem_unshare_initrd(inode);

	if (err)
		return err;
	if (f->f_flags & O_APPEND)
		*pos = inode->i_size;
	while (done < count) {
		unsigned long index = (unsigned long)(*pos >> PAGE_SHIFT);
		size_t off = (size_t)(*pos & (PAGE_SIZE - 1));
		size_t n = PAGE_SIZE - off;
		struct page *page;
		unsigned long left;
		char *kaddr;

		if (n > count - done)
			n = count - done;
		page = shmem_getpage(inode, index, &err);
		if (!page)
			break;
		/* the copy may fault on a mapping of this very page, whose fault locks it */
		unlock_page(page);
		kaddr = kmap(page);
		left = copy_from_user(kaddr + off, ubuf + done, n);
		kunmap(page);
		lock_page(page);
		set_page_dirty(page);
		unlock_page(page);
		mark_page_accessed(page);       /* Linux's shmem_get_folio marks SGP_WRITE pages */
		put_page(page);
		done += n - left;
		*pos += (long long)(n - left);
		if (*pos > inode->i_size)
			inode->i_size = *pos;
		if (left) {
			err = -EFAULT;
			break;
		}
	}
	if (done) {
		current_time(&inode->i_mtime_sec, &inode->i_mtime_nsec);
		inode->i_ctime_sec = inode->i_mtime_sec;
		inode->i_ctime_nsec = inode->i_mtime_nsec;
		return (long)done;
	}
	return err;
}

/* Cut or grow the file to size bytes: pages past it go, the tail of the last is zeroed (Linux's shmem_truncate_range). */
static int shmem_truncate(struct inode *inode, long long size)
{
	struct address_space *mapping = inode->i_mapping;
	unsigned long before;
	int err = shmem_unshare_initrd(inode);

	if (err)
		return err;
	before = mapping->nrpages;
	truncate_inode_pages(mapping, size);
	/* pages filemap_fault made (exec maps files without shmem_fault) were never counted: give back no more than were */
	before -= mapping->nrpages;
	if (before > SHMEM_I(inode)->alloced)
		before = SHMEM_I(inode)->alloced;
	SHMEM_I(inode)->alloced -= before;
	SHMEM_SB(inode->i_sb)->used_blocks -= before;
	inode->i_blocks = SHMEM_I(inode)->alloced * (PAGE_SIZE / 512);
	inode->i_size = size;
	return 0;
}

/* Linux's shmem_setattr: a size change cuts or extends the file, then the rest as simple_setattr. */
static int shmem_setattr(struct inode *inode, struct iattr *attr)
{
	if ((attr->ia_valid & ATTR_SIZE) && S_ISREG(inode->i_mode) && attr->ia_size != inode->i_size) {
		int err = shmem_truncate(inode, attr->ia_size);

		if (err)
			return err;
	}
	setattr_copy(inode, attr);
	return 0;
}

/* ---- directories ---- */

/* Linux's simple_lookup: every name is in the dcache, so a lookup that gets here finds nothing. */
static struct inode *shmem_lookup(struct inode *dir, const char *name, int len, int *err)
{
	(void)dir, (void)name;
	*err = len > NAME_MAX ? -ENAMETOOLONG : -ENOENT;
	return NULL;
}

static void dir_touch(struct inode *dir)
{
	current_time(&dir->i_mtime_sec, &dir->i_mtime_nsec);
	dir->i_ctime_sec = dir->i_mtime_sec;
	dir->i_ctime_nsec = dir->i_mtime_nsec;
}

/* Linux's shmem_mknod: the inode, the name pinned in the dcache, the directory grown. */
static int shmem_mknod(struct inode *dir, struct dentry *dentry, unsigned int mode, unsigned int dev)
{
	int err;
	struct inode *inode = shmem_get_inode(dir->i_sb, mode, dev, &err);

	if (!inode)
		return err;
	dir->i_size += BOGO_DIRENT_SIZE;
	dir_touch(dir);
	d_instantiate(dentry, inode);
	dget(dentry);           /* the pin: the name lives as long as it is linked */
	return 0;
}

static int shmem_create(struct inode *dir, struct dentry *dentry, unsigned int mode)
{
	return shmem_mknod(dir, dentry, mode | S_IFREG, 0);
}

static int shmem_mkdir(struct inode *dir, struct dentry *dentry, unsigned int mode)
{
	int err = shmem_mknod(dir, dentry, mode | S_IFDIR, 0);

	if (!err)
		dir->i_nlink++;         /* the child's ".." */
	return err;
}

static int shmem_symlink(struct inode *dir, struct dentry *dentry, const char *target)
{
	size_t len = strlen(target);
	int err;
	struct inode *inode;

	if (len + 1 > PAGE_SIZE)
		return -ENAMETOOLONG;
	inode = shmem_get_inode(dir->i_sb, S_IFLNK | 0777, 0, &err);
	if (!inode)
		return err;
	SHMEM_I(inode)->symlink = kmalloc(len + 1, GFP_KERNEL);
	if (!SHMEM_I(inode)->symlink) {
		iput(inode);
		return -ENOMEM;
	}
	memcpy(SHMEM_I(inode)->symlink, target, len + 1);
	inode->i_size = (long long)len;
	dir->i_size += BOGO_DIRENT_SIZE;
	dir_touch(dir);
	d_instantiate(dentry, inode);
	dget(dentry);
	return 0;
}

static int shmem_link(struct dentry *old_dentry, struct inode *dir, struct dentry *dentry)
{
	struct inode *inode = old_dentry->d_inode;
	int err = shmem_reserve_inode(inode->i_sb);    /* Linux counts each link against nr_inodes too */

	if (err)
		return err;
	dir->i_size += BOGO_DIRENT_SIZE;
	dir_touch(dir);
	inode->i_ctime_sec = dir->i_ctime_sec;
	inode->i_ctime_nsec = dir->i_ctime_nsec;
	inode->i_nlink++;
	d_instantiate(dentry, igrab(inode));
	dget(dentry);
	return 0;
}

/* Linux's simple_unlink (with shmem_unlink's accounting): one link less; the pin goes. */
static int shmem_unlink(struct inode *dir, struct dentry *dentry)
{
	struct inode *inode = dentry->d_inode;

	if (inode->i_nlink > 1 && !S_ISDIR(inode->i_mode))
		SHMEM_SB(inode->i_sb)->used_inodes--;   /* shmem_free_inode of a link */
	dir->i_size -= BOGO_DIRENT_SIZE;
	dir_touch(dir);
	inode->i_ctime_sec = dir->i_ctime_sec;
	inode->i_ctime_nsec = dir->i_ctime_nsec;
	inode->i_nlink--;
	dput(dentry);           /* the pin */
	return 0;
}

/* Linux's simple_empty: no name below it. */
static bool simple_empty(struct dentry *dentry)
{
	return !d_has_children(dentry);
}

static int shmem_rmdir(struct inode *dir, struct dentry *dentry)
{
	if (!simple_empty(dentry))
		return -ENOTEMPTY;
	dentry->d_inode->i_nlink--;     /* its "." */
	dir->i_nlink--;                 /* its ".." */
	return shmem_unlink(dir, dentry);
}

/* Linux's shmem_rename2 and simple_rename: a replaced target is unlinked; link counts follow directories. */
static int shmem_rename2(struct inode *old_dir, struct dentry *old_dentry, struct inode *new_dir,
			 struct dentry *new_dentry, unsigned int flags)
{
	struct inode *inode = old_dentry->d_inode;
	bool they_are_dirs = S_ISDIR(inode->i_mode);

	if (flags & RENAME_EXCHANGE) {
		bool new_is_dir = S_ISDIR(new_dentry->d_inode->i_mode);

		if (old_dir != new_dir && they_are_dirs != new_is_dir) {
			if (they_are_dirs) {
				old_dir->i_nlink--;
				new_dir->i_nlink++;
			} else {
				old_dir->i_nlink++;
				new_dir->i_nlink--;
			}
		}
	} else {
		if (new_dentry->d_inode) {
			if (they_are_dirs && !simple_empty(new_dentry))
				return -ENOTEMPTY;
			if (S_ISDIR(new_dentry->d_inode->i_mode)) {
				new_dentry->d_inode->i_nlink--;
				new_dir->i_nlink--;
			}
			shmem_unlink(new_dir, new_dentry);
		}
		old_dir->i_size -= BOGO_DIRENT_SIZE;
		new_dir->i_size += BOGO_DIRENT_SIZE;
		if (they_are_dirs) {
			old_dir->i_nlink--;
			new_dir->i_nlink++;
		}
	}
	dir_touch(old_dir);
	dir_touch(new_dir);
	inode->i_ctime_sec = old_dir->i_ctime_sec;
	inode->i_ctime_nsec = old_dir->i_ctime_nsec;
	return 0;
}

static int shmem_readlink(struct inode *inode, char *buf, int size)
{
	const char *target = SHMEM_I(inode)->symlink;
	int len = (int)strlen(target);

	if (len > size)
		len = size;
	memcpy(buf, target, (size_t)len);
	return len;
}

/* Linux's dcache_readdir: ".", "..", then the names the dcache holds, in the order they were made. */
static int dcache_readdir(struct file *f, struct dir_context *ctx)
{
	struct dentry *dentry = f->f_path.dentry, *child;
	long long k = 2;

	if (!dentry)
		return -ENOTDIR;
	if (ctx->pos == 0) {
		if (!dir_emit(ctx, ".", 1, dentry->d_inode->i_ino, DT_DIR))
			return 0;
		ctx->pos = 1;
	}
	if (ctx->pos == 1) {
		if (!dir_emit(ctx, "..", 2, dentry->d_parent->d_inode->i_ino, DT_DIR))
			return 0;
		ctx->pos = 2;
	}
	list_for_each_entry(child, &dentry->d_subdirs, d_child) {
		if (k++ < ctx->pos)
			continue;
		if (!dir_emit(ctx, child->d_name.name, (int)child->d_name.len, child->d_inode->i_ino,
			      (child->d_inode->i_mode & S_IFMT) >> 12))
			return 0;
		ctx->pos = k;
	}
	return 0;
}

static const struct inode_operations shmem_dir_inode_operations = {
	.lookup = shmem_lookup,
	.create = shmem_create,
	.mkdir = shmem_mkdir,
	.rmdir = shmem_rmdir,
	.unlink = shmem_unlink,
	.symlink = shmem_symlink,
	.link = shmem_link,
	.mknod = shmem_mknod,
	.rename = shmem_rename2,
	.setattr = shmem_setattr,
};

static const struct inode_operations shmem_inode_operations = { .setattr = shmem_setattr };
static const struct inode_operations shmem_symlink_inode_operations = {
	.readlink = shmem_readlink,
	.setattr = shmem_setattr,
};

/* A regular file reads, writes and faults through its page cache. */
static int shmem_file_open(struct inode *inode, struct file *f)
{
	f->f_mapping = inode->i_mapping;
	return 0;
}

/*
 * A fault on a tmpfs file's page (Linux's shmem_fault): a file still
 * reading from the archive reads the page in as filemap_fault does; else
 * the page, made zeroed and counted against size= if it was a hole (as a
 * write() would). Past the end of the file, or with size= used up,
 * SIGBUS; out of memory, OOM.
 */
static int shmem_fault(struct vm_area_struct *vma, unsigned long pgoff, struct page **pagep)
{
	struct inode *inode = vma->vm_file->f_inode;
	int err;

	if (inode->i_mapping->a_ops)
		return filemap_fault(vma, pgoff, pagep);
	if ((long long)pgoff >= (inode->i_size + (long long)PAGE_SIZE - 1) >> PAGE_SHIFT)
		return VM_FAULT_SIGBUS;
	*pagep = shmem_getpage(inode, pgoff, &err);
	if (!*pagep)
		return err == -ENOMEM ? VM_FAULT_OOM : VM_FAULT_SIGBUS;
	unlock_page(*pagep);
	return 0;
}

static const struct vm_operations_struct shmem_vm_ops = { .fault = shmem_fault };

/* mmap: faults go through shmem_fault. */
static int shmem_mmap(struct file *f, struct vm_area_struct *vma)
{
	(void)f;
	vma->vm_ops = &shmem_vm_ops;
	return 0;
}

static const struct file_operations shmem_file_operations = {
	.llseek = generic_file_llseek,
	.read = shmem_file_read,
	.write = shmem_file_write,
	.mmap = shmem_mmap,
	.open = shmem_file_open,
	.fsync = noop_fsync,    /* in memory only: nothing to write */
};

static const struct file_operations shmem_dir_operations = {
	.llseek = dcache_dir_lseek,
	.iterate_shared = dcache_readdir,
	.fsync = noop_fsync,
};

/* ---- the super block ---- */

/* Linux's defaults: half of RAM, and as many inodes as half of RAM (or lowmem) has pages. */
static unsigned long shmem_default_max_blocks(void)
{
	return totalram_pages / 2;
}

static unsigned long shmem_default_max_inodes(void)
{
	unsigned long lowmem = totalram_pages - totalhigh_pages;

	return lowmem < totalram_pages / 2 ? lowmem : totalram_pages / 2;
}


/* Linux's shmem_statfs: blocks of a page, the limits if there are any. */
static int shmem_statfs(struct super_block *sb, struct kstatfs *buf)
{
	struct shmem_sb_info *sbinfo = SHMEM_SB(sb);

	buf->f_type = TMPFS_MAGIC;
	buf->f_bsize = PAGE_SIZE;
	buf->f_namelen = NAME_MAX;
	if (sbinfo->max_blocks) {
		buf->f_blocks = sbinfo->max_blocks;
		buf->f_bavail = buf->f_bfree = sbinfo->max_blocks - sbinfo->used_blocks;
	}
	if (sbinfo->max_inodes) {
		buf->f_files = sbinfo->max_inodes;
		buf->f_ffree = sbinfo->max_inodes - sbinfo->used_inodes;
	}
	return 0;
}

static int shmem_show_options(struct super_block *sb, char *buf, int size)
{
	struct shmem_sb_info *sbinfo = SHMEM_SB(sb);
	int n = 0;

	if (sbinfo->max_blocks != shmem_default_max_blocks())
		n += snprintf(buf + n, (size_t)(size - n), ",size=%luk", sbinfo->max_blocks * (PAGE_SIZE / 1024));
	if (sbinfo->max_inodes != shmem_default_max_inodes() && n < size)
		n += snprintf(buf + n, (size_t)(size - n), ",nr_inodes=%lu", sbinfo->max_inodes);
	if (sbinfo->mode != 01777 && n < size)
		n += snprintf(buf + n, (size_t)(size - n), ",mode=%03o", sbinfo->mode);
	return n < size ? n : size - 1;
}

/* Drop the pins below dentry, deepest first: every name goes, and with them the inodes and pages. */
static void shmem_drop_tree(struct dentry *dentry)
{
	struct dentry *child, *n;

	list_for_each_entry_safe(child, n, &dentry->d_subdirs, d_child) {
		shmem_drop_tree(child);
		d_drop(child);
		dput(child);    /* the pin */
	}
}

/* The last mount went (Linux's kill_litter_super): the tree, then the super block. */
static void shmem_kill_sb(struct super_block *sb)
{
	shmem_drop_tree(sb->s_root);
	dput(sb->s_root);
	kfree(sb->s_fs_info);
	kfree(sb);
}

/* A number with an optional k, m or g, exactly len bytes (Linux's memparse): false if it is not one. */
static bool parse_size(const char *s, size_t len, unsigned long long *out)
{
	char *end;

	if (!len || *s < '0' || *s > '9')
		return false;
	*out = memparse(s, &end);
	return end == s + len;
}

/* Linux's shmem_parse_one: size=, nr_inodes=, mode=; anything else is -EINVAL ("Bad value" or unknown). */
static int shmem_parse_options(struct shmem_sb_info *sbinfo, const char *data)
{
	while (data && *data) {
		const char *end = strchr(data, ',');
		size_t len = end ? (size_t)(end - data) : strlen(data);
		unsigned long long v;

		if (len > 5 && !memcmp(data, "size=", 5)) {
			if (!parse_size(data + 5, len - 5, &v))
				return -EINVAL;
			sbinfo->max_blocks = (unsigned long)((v + PAGE_SIZE - 1) >> PAGE_SHIFT);
		} else if (len > 10 && !memcmp(data, "nr_inodes=", 10)) {
			if (!parse_size(data + 10, len - 10, &v))
				return -EINVAL;
			sbinfo->max_inodes = (unsigned long)v;
		} else if (len > 5 && !memcmp(data, "mode=", 5)) {
			unsigned int mode = 0;

			for (size_t i = 5; i < len; i++) {
				if (data[i] < '0' || data[i] > '7')
					return -EINVAL;
				mode = mode * 8 + (unsigned int)(data[i] - '0');
			}
			sbinfo->mode = mode & 07777;
		} else if (len) {
			return -EINVAL;
		}
		data = end ? end + 1 : NULL;
	}
	return 0;
}

static unsigned int next_anon_dev = 20;        /* st_dev 0:N of each tmpfs (Linux's get_anon_bdev) */
/* Linux mounts shm_mnt before any other pseudo file system: its device is the first anonymous one, 0:1 */
#define SHM_MNT_DEV 1

/* A new tmpfs super block, its root's dentry; kernmount: the kernel's own (shmem_fill_super with SB_KERNMOUNT). */
static struct dentry *shmem_fill_super(const struct mount_args *args, bool kernmount, int *err)
{
	struct super_block *sb = kzalloc(sizeof(*sb), GFP_KERNEL);
	struct shmem_sb_info *sbinfo = kzalloc(sizeof(*sbinfo), GFP_KERNEL);
	struct inode *root;

	*err = -ENOMEM;
	if (!sb || !sbinfo)
		goto fail;
	sbinfo->mode = 01777;
	sbinfo->next_ino = 1;
	sbinfo->max_blocks = shmem_default_max_blocks();
	sbinfo->max_inodes = shmem_default_max_inodes();
	*err = shmem_parse_options(sbinfo, args->data);
	if (*err)
		goto fail;
	if (kernmount)
		sbinfo->max_blocks = sbinfo->max_inodes = 0;   /* Linux: no limits on the kernel's mount */
	sb->s_type = !strcmp(args->type, "ramfs") ? "ramfs" : !strcmp(args->type, "rootfs") ? "rootfs" :
		     !strcmp(args->type, "devtmpfs") ? "devtmpfs" : "tmpfs";
	sb->s_dev = kernmount ? SHM_MNT_DEV : next_anon_dev++;
	sb->s_magic = strcmp(args->type, "ramfs") ? TMPFS_MAGIC : RAMFS_MAGIC;
	sb->s_rdonly = args->rdonly;
	sb->s_open = generic_file_open;
	sb->s_statfs = shmem_statfs;
	sb->s_show_options = shmem_show_options;
	sb->s_kill = shmem_kill_sb;
	sb->s_free_inode = shmem_free_inode;
	sb->s_counts_blocks = true;
	sb->s_fs_info = sbinfo;
	root = shmem_get_inode(sb, S_IFDIR | sbinfo->mode, 0, err);
	if (!root)
		goto fail;
	sb->s_root = d_make_root(root);
	if (!sb->s_root) {
		*err = -ENOMEM;
		goto fail;
	}
	return dget(sb->s_root);        /* the super block's own reference stays until shmem_kill_sb */
fail:
	kfree(sbinfo);
	kfree(sb);
	return NULL;
}

struct dentry *shmem_mount(const struct mount_args *args, int *err)
{
	return shmem_fill_super(args, false, err);
}

/* ---- shared anonymous memory: unlinked files on the kernel's own mount ---- */

static struct vfsmount *shm_mnt;

static struct dentry *shmem_kern_mount(const struct mount_args *args, int *err)
{
	return shmem_fill_super(args, true, err);
}

void shmem_init(void)
{
	static const struct file_system_type shmem_kern_fs_type = { .name = "tmpfs", .mount = shmem_kern_mount };
	struct mount_args args = { .type = "tmpfs", .dev = "tmpfs" };
	int err;

	shm_mnt = kern_mount(&shmem_kern_fs_type, &args, &err);
	if (!shm_mnt)
		panic("shmem_init: cannot mount the kernel's tmpfs: %d", err);
}

struct file *shmem_kernel_file_setup(const char *name, long long size, unsigned long vm_flags, int *err)
{
	struct inode *inode;
	struct dentry *dentry;
	struct file *file;

	(void)vm_flags;         /* Linux's VM_NORESERVE: Pagoda reserves nothing anyway */
	if (size < 0 || size > MAX_LFS_FILESIZE) {
		*err = -EINVAL;
		return NULL;
	}
	inode = shmem_get_inode(shm_mnt->mnt_sb, S_IFREG | 0777, 0, err);
	if (!inode)
		return NULL;
	inode->i_size = size;
	inode->i_nlink = 0;     /* in no directory */
	/* a name under the mount's root that no lookup finds: d_path says "/dev/zero (deleted)" (Linux's d_alloc_pseudo) */
	dentry = d_alloc(shm_mnt->mnt_root, name, (unsigned int)strlen(name));
	if (!dentry) {
		iput(inode);
		*err = -ENOMEM;
		return NULL;
	}
	dentry->d_inode = inode;        /* the inode's first reference is the dentry's */
	file = alloc_file(inode, O_RDWR, &shmem_file_operations);
	if (!file) {
		dput(dentry);
		*err = -ENOMEM;
		return NULL;
	}
	file->name = dentry->d_name.name;
	file->f_path.mnt = mntget(shm_mnt);
	file->f_path.dentry = dentry;   /* the file holds the dentry's reference */
	file->f_mapping = inode->i_mapping;
	return file;
}

int shmem_zero_setup(struct vm_area_struct *vma)
{
	int err;
	struct file *file = shmem_kernel_file_setup("dev/zero", (long long)(vma->vm_end - vma->vm_start),
						    vma->vm_flags, &err);

	if (!file)
		return err;
	if (vma->vm_file)
		fput(vma->vm_file);     /* /dev/zero's */
	vma->vm_file = file;
	vma->vm_ops = &shmem_vm_ops;
	return 0;
}

bool shmem_file(const struct file *file)
{
	return file->f_op == &shmem_file_operations;
}

int shmem_punch_hole(struct file *file, long long start, long long end)
{
	struct inode *inode = file->f_inode;
	struct address_space *mapping = inode->i_mapping;
	unsigned long first = (unsigned long)(start >> PAGE_SHIFT), last = (unsigned long)((end >> PAGE_SHIFT) - 1);
	unsigned long index = first, freed = 0;
	struct page *page;
	int err = shmem_unshare_initrd(inode);

	if (err)
		return err;
	if (end <= start)
		return 0;
	/* the file's pages leave every mapping; private copies of them stay (Linux's even_cows 0) */
	unmap_mapping_pages(mapping, first, last - first + 1, false);
	for (page = xa_find(&mapping->i_pages, &index, last); page;
	     page = index++ < last ? xa_find(&mapping->i_pages, &index, last) : NULL) {
		get_page(page);
		lock_page(page);
		if (page->mapping == mapping) {         /* else it went while we slept */
			delete_from_page_cache(page);
			freed++;
		}
		unlock_page(page);
		put_page(page);
	}
	/* as shmem_truncate: give back no more than were counted */
	if (freed > SHMEM_I(inode)->alloced)
		freed = SHMEM_I(inode)->alloced;
	SHMEM_I(inode)->alloced -= freed;
	SHMEM_SB(inode->i_sb)->used_blocks -= freed;
	inode->i_blocks = SHMEM_I(inode)->alloced * (PAGE_SIZE / 512);
	return 0;
}

/* ---- the initramfs, unpacked (init/initramfs.c) ---- */

void shmem_set_initrd_data(struct inode *inode, const void *data, long long size)
{
	inode->i_private = data;
	inode->i_size = size;
	inode->i_mapping->a_ops = &shmem_initrd_aops;
	/* counted as the pages Linux's unpack would fill: statfs and st_blocks say the same */
	inode->i_blocks = initrd_pages(inode) * (PAGE_SIZE / 512);
	SHMEM_SB(inode->i_sb)->used_blocks += initrd_pages(inode);
}
