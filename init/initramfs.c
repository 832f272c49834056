/*
 * The initrd: a cpio "newc" archive the boot loader loaded as the first
 * multiboot module, unpacked at boot into the root tmpfs. The archive's
 * pages stay reserved (memblock reserved every module), and it lies in
 * lowmem, so __va works: unpacked files read their bytes there until
 * they are written.
 */
#include "asm/multiboot.h"
#include "asm/page.h"
#include "linux/earlycpio.h"
#include "linux/errno.h"
#include "linux/fs.h"
#include "linux/kdev_t.h"
#include "linux/mm.h"
#include "linux/printk.h"
#include "linux/slab.h"
#include "linux/string.h"
#include "linux/uaccess.h"

static const void *initrd_start;
static size_t initrd_size;

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

/* A member's name without the "./" cpio may put in front; "." is the root: "". */
static const char *strip_dot(const char *name)
{
	while (name[0] == '.' && name[1] == '/')
		name += 2;
	if (!strcmp(name, "."))
		return "";
	return name;
}

/* Make one member at "/" + name (Linux's do_name, do_copy, do_symlink): 0 or -errno. */
static int unpack_member(const struct cpio_entry *e, const char *name)
{
	char *path = kmalloc(strlen(name) + 2, GFP_KERNEL), *target = NULL;
	struct path parent;
	struct dentry *dentry;
	struct inode *dir;
	struct iattr attr = { .ia_valid = ATTR_UID | ATTR_GID | ATTR_ATIME | ATTR_MTIME | ATTR_ATIME_SET |
					  ATTR_MTIME_SET,
			      .ia_uid = e->uid, .ia_gid = e->gid, .ia_atime_sec = e->mtime, .ia_mtime_sec = e->mtime };
	unsigned int perm = e->mode & 07777;
	int err;

	if (!path)
		return -ENOMEM;
	path[0] = '/';
	strlcpy(path + 1, name, strlen(name) + 1);
	dentry = kern_path_create(AT_FDCWD, path, &parent, S_ISDIR(e->mode), &err);
	if (!dentry)
		goto out;
	dir = parent.dentry->d_inode;
	if (S_ISDIR(e->mode)) {
		err = vfs_mkdir(dir, dentry, perm);
	} else if (S_ISREG(e->mode)) {
		err = vfs_mknod(dir, dentry, S_IFREG | perm, 0);
		if (!err) {
			shmem_set_initrd_data(dentry->d_inode, e->data, (long long)e->size);
			dentry->d_inode->i_name = e->name;      /* what a mapping of it is called */
		}
	} else if (S_ISLNK(e->mode)) {
		target = kmalloc(e->size + 1, GFP_KERNEL);
		err = -ENOMEM;
		if (target) {
			memcpy(target, e->data, e->size);
			target[e->size] = '\0';
			err = vfs_symlink(dir, dentry, target);
		}
	} else {
		err = vfs_mknod(dir, dentry, e->mode, new_encode_dev(MKDEV(e->rdev_major, e->rdev_minor)));
	}
	/* the archive's owner and time; the change time is now (Linux's do_utime and init_chown) */
	if (!err)
		err = notify_change(dentry->d_inode, &attr);
	done_path_create(&parent, dentry);
out:
	kfree(target);
	kfree(path);
	return err;
}

/* The archive's "." is the root, made already: its mode, owner and time (Linux's init_chmod of it). */
static int unpack_root(const struct cpio_entry *e)
{
	struct path root;
	struct iattr attr = { .ia_valid = ATTR_MODE | ATTR_UID | ATTR_GID | ATTR_ATIME | ATTR_MTIME |
					  ATTR_ATIME_SET | ATTR_MTIME_SET,
			      .ia_mode = e->mode & 07777, .ia_uid = e->uid, .ia_gid = e->gid,
			      .ia_atime_sec = e->mtime, .ia_mtime_sec = e->mtime };

	if (!S_ISDIR(e->mode))
		return -ENOTDIR;
	get_fs_root_path(&root);
	return notify_change(root.dentry->d_inode, &attr);
}

/*
 * Unpack the initrd into the root tmpfs (Linux's populate_rootfs and
 * unpack_to_rootfs): every member made, in archive order; the files'
 * bytes stay in the archive until written (mm/shmem.c). Hard links are
 * not in Pagoda's archive and not unpacked as such. A member that cannot
 * be made is reported and skipped, as Linux's.
 */
void populate_rootfs(void)
{
	struct cpio_entry e;
	size_t off = 0;
	int rc, made = 0;

	while (initrd_start && (rc = cpio_next(initrd_start, initrd_size, &off, &e)) == 1) {
		const char *name = strip_dot(e.name);
		int err;

		if (!*name)
			err = unpack_root(&e);
		else
			err = unpack_member(&e, name);
		if (err)
			printk(KERN_ERR "initramfs: cannot unpack %s: %d\n", name, err);
		else
			made++;
	}
	if (initrd_start)
		printk(KERN_INFO "initramfs: unpacked %d files into rootfs\n", made);
}

/* For execve: open path (a kernel string, from current's cwd), following links. */
struct file *initrd_open(const char *path, int *err)
{
	struct path p;
	struct inode *inode;
	struct file *f;

	*err = filename_lookup(AT_FDCWD, path, LOOKUP_FOLLOW, &p, NULL);
	if (*err)
		return NULL;
	inode = p.dentry->d_inode;
	f = inode->i_sb->s_open(inode, O_RDONLY, err);
	if (f && !f->f_path.dentry) {
		f->f_path = p;
		path_get(&p);
	}
	path_put(&p);
	return f;
}

unsigned long file_size_pages(const struct file *f)
{
	return (unsigned long)(f->size >> PAGE_SHIFT) + ((f->size & (PAGE_SIZE - 1)) != 0);
}

void file_read_page(const struct file *f, unsigned long pgoff, void *kaddr)
{
	size_t off, n = 0;

	/* compare in pages first: pgoff << PAGE_SHIFT wraps at 4 GiB; a file made at run time has no bytes here */
	if (f->data && pgoff < file_size_pages(f)) {
		off = (size_t)pgoff << PAGE_SHIFT;
		n = min(f->size - off, (size_t)PAGE_SIZE);
		memcpy(kaddr, f->data + off, n);
	}
	memset((char *)kaddr + n, 0, PAGE_SIZE - n);
}
