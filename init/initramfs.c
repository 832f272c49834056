/*
 * The initrd: a cpio "newc" archive the boot loader loaded as the first
 * multiboot module. Files are read in place; opening one makes a struct
 * file that points into the archive. The archive's pages stay reserved
 * (memblock reserved every module), and it lies in lowmem, so __va works.
 */
#include "asm/multiboot.h"
#include "asm/page.h"
#include "linux/earlycpio.h"
#include "linux/errno.h"
#include "linux/fs.h"
#include "linux/highmem.h"
#include "linux/mm.h"
#include "linux/pagemap.h"
#include "linux/printk.h"
#include "linux/slab.h"
#include "linux/string.h"
#include "linux/uaccess.h"

static const void *initrd_start;
static size_t initrd_size;

/*
 * The page cache of the initramfs's regular files (glue until a tmpfs
 * root replaces it): inodes here are made per path walk, so each member
 * gets one long-lived inode at boot whose i_data caches its pages, found
 * by inode number. ->readpage copies from the archive. Made at boot, so a
 * program's run does not allocate them (the leak check would see them).
 */
static struct xarray rootfs_cache_inodes;

static int rootfs_readpage(struct file *file, struct page *page)
{
	const struct inode *host = page->mapping->host;
	unsigned long pages = (unsigned long)((host->i_size + PAGE_SIZE - 1) >> PAGE_SHIFT);
	char *kaddr = kmap_atomic(page);
	size_t n = 0;

	(void)file;
	if (page->index < pages) {
		size_t off = (size_t)page->index << PAGE_SHIFT;

		n = min((size_t)host->i_size - off, (size_t)PAGE_SIZE);
		memcpy(kaddr, (const char *)host->i_private + off, n);
	}
	memset(kaddr + n, 0, PAGE_SIZE - n);    /* past the end of the file: zeroes, as Linux */
	kunmap_atomic(kaddr);
	SetPageUptodate(page);
	unlock_page(page);
	return 0;
}

static const struct address_space_operations rootfs_aops = { .readpage = rootfs_readpage };

static unsigned long rootfs_ino(const struct cpio_entry *e);

static void rootfs_cache_init(void)
{
	struct cpio_entry e;
	size_t off = 0;

	while (cpio_next(initrd_start, initrd_size, &off, &e) == 1) {
		struct inode *inode;

		if (!S_ISREG(e.mode))
			continue;
		inode = xa_load(&rootfs_cache_inodes, rootfs_ino(&e));
		if (inode) {            /* a hard link: newc puts the data in the last one */
			if (e.size) {
				inode->i_size = (long long)e.size;
				inode->i_private = e.data;
			}
			continue;
		}
		inode = kzalloc(sizeof(*inode), GFP_KERNEL);
		if (!inode || xa_is_err(xa_store(&rootfs_cache_inodes, rootfs_ino(&e), inode, GFP_KERNEL))) {
			kfree(inode);
			printk(KERN_ERR "initrd: no memory for the page cache of %s\n", e.name);
			continue;
		}
		inode->i_mode = e.mode;
		inode->i_ino = rootfs_ino(&e);
		inode->i_size = (long long)e.size;
		inode->i_private = e.data;
		inode->i_sb = &rootfs_sb;
		inode->i_count = 1;     /* never dropped */
		mapping_init(&inode->i_data, inode, &rootfs_aops);
		inode->i_mapping = &inode->i_data;
	}
}

void initrd_init(void)
{
	if (boot_params.nr_mods == 0)
		return;
	/* QEMU loads the module wherever it fits in its idea of the machine, even past RAM. */
	if (boot_params.mods[0].end > ((unsigned long long)max_pfn << PAGE_SHIFT)) {
		printk(KERN_ERR "initrd: module at %#x-%#x ends beyond the end of RAM at %#llx; ignored\n",
		       boot_params.mods[0].start, boot_params.mods[0].end,
		       (unsigned long long)max_pfn << PAGE_SHIFT);
		return;
	}
	if (boot_params.mods[0].end > (max_low_pfn << PAGE_SHIFT)) {
		printk(KERN_ERR "initrd: module at %#x-%#x is above lowmem; ignored\n",
		       boot_params.mods[0].start, boot_params.mods[0].end);
		return;
	}
	initrd_start = __va(boot_params.mods[0].start);
	initrd_size = boot_params.mods[0].end - boot_params.mods[0].start;
	printk(KERN_INFO "initrd: %zu bytes at phys %#x\n", initrd_size, boot_params.mods[0].start);
	rootfs_cache_init();
}

bool initrd_present(void)
{
	return initrd_start != NULL;
}

int initrd_find(const char *name, struct cpio_entry *e)
{
	int rc;

	if (!initrd_start)
		return -ENOENT;
	rc = cpio_find(initrd_start, initrd_size, name, e);
	return rc == 0 || rc == -ENOENT ? rc : -EIO;
}

/*
 * The initramfs as a file system (what Linux's rootfs holds once
 * init/initramfs.c has unpacked the archive into it): each member is an
 * inode whose bytes stay in the archive. A directory's entries are the
 * members whose names sit directly below its own.
 */
static const struct inode_operations rootfs_iops;
static const struct file_operations rootfs_file_fops, rootfs_dir_fops;

/* The member name of a canonical path: "/etc/motd" -> "etc/motd", "/" -> "". */
static const char *member_name(const char *path)
{
	return path + 1;
}

/* A member's name without the "./" cpio may put in front; "." is the root: "". */
static const char *strip_dot(const char *name)
{
	while (name[0] == '.' && name[1] == '/')
		name += 2;
	if (!strcmp(name, "."))
		return "";
	return name;
}

/* Is name directly inside the directory dir (both stripped)? Returns the entry's own name, or NULL. */
static const char *child_of(const char *dir, const char *name)
{
	size_t dlen = strlen(dir);

	if (!*name)
		return NULL;
	if (dlen) {
		if (strncmp(name, dir, dlen) || name[dlen] != '/')
			return NULL;
		name += dlen + 1;
	}
	return *name && !strchr(name, '/') ? name : NULL;
}

/*
 * A directory's links as Linux counts them: its name, its "." and each
 * subdirectory's ".."; and its size as tmpfs reports it (Linux's rootfs
 * is a tmpfs): BOGO_DIRENT_SIZE (20) for each entry, "." and ".." included.
 */
#define BOGO_DIRENT_SIZE 20
static void dir_counts(const char *dir, unsigned int *nlink, long long *size)
{
	struct cpio_entry e;
	size_t off = 0;

	*nlink = 2;
	*size = 2 * BOGO_DIRENT_SIZE;
	while (initrd_start && cpio_next(initrd_start, initrd_size, &off, &e) == 1) {
		if (!child_of(dir, strip_dot(e.name)))
			continue;
		*size += BOGO_DIRENT_SIZE;
		if (S_ISDIR(e.mode))
			(*nlink)++;
	}
}

/*
 * A member's inode number. The archive's own numbers only tell hard links
 * apart (gen_init_cpio and `cpio --reproducible` count from 0), so, as
 * Linux gives each unpacked file a number of its own, shift them past the
 * root's 1: no member is 0 (readdir skips those) or shares the root's.
 */
static unsigned long rootfs_ino(const struct cpio_entry *e)
{
	return e->ino + 2;
}

/* The inode number of the directory holding absolute path (the root's own ".." is the root). */
static unsigned long parent_ino(const char *path)
{
	char parent[PATH_MAX];
	const char *slash = strrchr(path, '/');
	struct cpio_entry e;

	if (!slash || slash == path || (size_t)(slash - path) >= sizeof(parent))
		return 1;
	memcpy(parent, path, (size_t)(slash - path));
	parent[slash - path] = '\0';
	return initrd_find(member_name(parent), &e) == 0 ? rootfs_ino(&e) : 1;
}

static void rootfs_fill(struct inode *inode, const struct cpio_entry *e)
{
	inode->i_mode = e->mode;
	inode->i_ino = rootfs_ino(e);
	inode->i_size = (long long)e->size;
	inode->i_private = e->data;
	inode->i_name = e->name;
	inode->i_op = &rootfs_iops;
	inode->i_fop = S_ISDIR(e->mode) ? &rootfs_dir_fops : S_ISREG(e->mode) ? &rootfs_file_fops : NULL;
	inode->i_nlink = 1;
	if (S_ISREG(e->mode)) {
		struct inode *cached = xa_load(&rootfs_cache_inodes, rootfs_ino(e));

		inode->i_mapping = cached ? cached->i_mapping : NULL;
	}
}

/* A directory's link count and size take a walk over the whole archive: only for stat, not every lookup. */
static void rootfs_getattr(struct inode *inode)
{
	if (S_ISDIR(inode->i_mode))
		dir_counts(member_name(inode->i_path), &inode->i_nlink, &inode->i_size);
}

struct inode *rootfs_root(int *err)
{
	struct inode *inode = new_inode(&rootfs_sb, "/");
	struct cpio_entry e = { .name = ".", .mode = S_IFDIR | 0755, .ino = 1 };

	if (!inode) {
		*err = -ENOMEM;
		return NULL;
	}
	if (initrd_start && cpio_find(initrd_start, initrd_size, ".", &e) != 0)
		e = (struct cpio_entry){ .name = ".", .mode = S_IFDIR | 0755, .ino = 1 };
	rootfs_fill(inode, &e);
	inode->i_ino = 1;               /* the root's number, whatever the archive's "." says */
	inode->i_name = NULL;
	return inode;
}

static struct inode *rootfs_lookup(struct inode *dir, const char *name, int len, int *err)
{
	const char *dname = member_name(dir->i_path);
	size_t dlen = strlen(dname);
	char *path = kmalloc(dlen + (size_t)len + 3, GFP_KERNEL);
	struct cpio_entry e;
	struct inode *inode = NULL;

	if (!path) {
		*err = -ENOMEM;
		return NULL;
	}
	/* the canonical path: "/" + the member's name */
	path[0] = '/';
	memcpy(path + 1, dname, dlen);
	if (dlen)
		path[1 + dlen++] = '/';
	memcpy(path + 1 + dlen, name, (size_t)len);
	path[1 + dlen + len] = '\0';
	*err = initrd_find(path + 1, &e);
	if (!*err) {
		inode = new_inode(&rootfs_sb, path);
		if (inode)
			rootfs_fill(inode, &e);
		else
			*err = -ENOMEM;
	}
	kfree(path);
	return inode;
}

static int rootfs_readlink(struct inode *inode, char *buf, int size)
{
	int n;

	if (!S_ISLNK(inode->i_mode))
		return -EINVAL;
	n = inode->i_size < size ? (int)inode->i_size : size;
	memcpy(buf, inode->i_private, (size_t)n);
	return n;
}

static const struct inode_operations rootfs_iops = { .lookup = rootfs_lookup, .readlink = rootfs_readlink,
						      .getattr = rootfs_getattr };

/* A regular file reads through its member's page cache. */
static int rootfs_file_open(struct inode *inode, struct file *f)
{
	if (!inode->i_mapping)
		return -ENOMEM;         /* rootfs_cache_init had no memory for it */
	f->f_mapping = inode->i_mapping;
	return 0;
}

/* The mm maps initramfs files itself (file_for_mapping, file_read_page): this says they can be. */
static int rootfs_mmap(struct file *f, struct vm_area_struct *vma)
{
	(void)f, (void)vma;
	return 0;
}

static const struct file_operations rootfs_file_fops = {
	.llseek = generic_file_llseek,
	.read = generic_file_read,
	.read_iter = generic_file_read_iter,
	.mmap = rootfs_mmap,
	.open = rootfs_file_open,
	.fsync = noop_fsync,    /* in memory only: nothing to write, as Linux's rootfs */
};

static unsigned int dt_type(unsigned int mode)
{
	return (mode & S_IFMT) >> 12;   /* DT_* are the S_IF* type bits, as Linux's fs_umode_to_dtype */
}

/* getdents: ".", "..", then the members below the directory; pos 2 + k resumes at the archive's k-th member. */
static int rootfs_iterate(struct file *f, struct dir_context *ctx)
{
	const char *dir = member_name(f->f_inode->i_path);
	struct cpio_entry e;
	size_t off = 0;
	long long k = 0;

	if (ctx->pos == 0) {
		if (!dir_emit(ctx, ".", 1, f->f_inode->i_ino, DT_DIR))
			return 0;
		ctx->pos = 1;
	}
	if (ctx->pos == 1) {
		if (!dir_emit(ctx, "..", 2, parent_ino(f->f_inode->i_path), DT_DIR))
			return 0;
		ctx->pos = 2;
	}
	while (initrd_start && cpio_next(initrd_start, initrd_size, &off, &e) == 1) {
		const char *name = child_of(dir, strip_dot(e.name));

		if (k++ < ctx->pos - 2 || !name)
			continue;
		ctx->pos = k + 1;       /* this entry's own position */
		if (!dir_emit(ctx, name, (int)strlen(name), rootfs_ino(&e), dt_type(e.mode)))
			return 0;
		ctx->pos = k + 2;
	}
	return 0;
}

static const struct file_operations rootfs_dir_fops = {
	.llseek = dcache_dir_lseek,
	.iterate_shared = rootfs_iterate,
	.fsync = noop_fsync,
};

/* For execve: open path (a kernel string, from current's cwd), following links. */
struct file *initrd_open(const char *path, int *err)
{
	struct inode *inode;
	struct file *f;

	*err = filename_lookup(AT_FDCWD, path, LOOKUP_FOLLOW, &inode, NULL);
	if (*err)
		return NULL;
	f = inode->i_sb->s_open(inode, O_RDONLY, err);
	iput(inode);
	return f;
}

#define MAX_MAPPED_FILES 64
static struct file mapping_files[MAX_MAPPED_FILES];

struct file *file_for_mapping(const struct file *f)
{
	for (int i = 0; i < MAX_MAPPED_FILES; i++) {
		struct file *m = &mapping_files[i];

		if (m->data == f->data && m->size == f->size && m->name)
			return m;
		if (!m->name) {
			*m = *f;
			m->pos = 0;
			m->f_inode = NULL;      /* the copy outlives the open file and its inode */
			m->f_op = NULL;
			m->private_data = NULL;
			m->count = 1;   /* never dropped */
			return m;
		}
	}
	return NULL;
}

unsigned long file_size_pages(const struct file *f)
{
	return (unsigned long)(f->size >> PAGE_SHIFT) + ((f->size & (PAGE_SIZE - 1)) != 0);
}

void file_read_page(const struct file *f, unsigned long pgoff, void *kaddr)
{
	size_t off, n = 0;

	/* compare in pages first: pgoff << PAGE_SHIFT wraps at 4 GiB */
	if (pgoff < file_size_pages(f)) {
		off = (size_t)pgoff << PAGE_SHIFT;
		n = min(f->size - off, (size_t)PAGE_SIZE);
		memcpy(kaddr, f->data + off, n);
	}
	memset((char *)kaddr + n, 0, PAGE_SIZE - n);
}
