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
#include "linux/mm.h"
#include "linux/printk.h"
#include "linux/slab.h"
#include "linux/string.h"

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

struct file *initrd_open(const char *path, int *err)
{
	struct cpio_entry e;
	struct file *f;
	int rc;

	rc = initrd_lookup(path, &e);
	if (rc) {
		*err = rc;
		return NULL;
	}
	f = kzalloc(sizeof(*f), GFP_KERNEL);
	if (!f) {
		*err = -ENOMEM;
		return NULL;
	}
	f->name = e.name;
	f->data = e.data;
	f->size = e.size;
	f->mode = e.mode;
	f->ino = e.ino;
	f->count = 1;
	return f;
}

struct file *get_file(struct file *f)
{
	f->count++;
	return f;
}

void fput(struct file *f)
{
	if (--f->count == 0 && !f->console)
		kfree(f);
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
