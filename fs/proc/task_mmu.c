/*
 * A process's mappings in the format of Linux's /proc/PID/maps:
 *   08048000-08049000 r-xp 00000000 00:00 12         /bin/init
 * (start-end, permissions with p for private or s for shared, file
 * offset, device, inode, name: the file, [heap], [stack] or nothing;
 * the name starts at column 49, as Linux pads it).
 */
#include "linux/fs.h"
#include "linux/memory.h"
#include "linux/printk.h"

/* The initrd's files are on no block device: device 00:00 (fstat's st_dev is 0 too). */
#define INITRD_DEV_MAJOR 0
#define INITRD_DEV_MINOR 0
/* Linux pads the line to this width, then a space, then the name (25 + 6 * sizeof(void *) - 1). */
#define MAPS_NAME_COLUMN 48

void show_map_line(unsigned long start, unsigned long end, unsigned long vm_flags,
		   unsigned long long offset, bool file, unsigned long ino, const char *name)
{
	char head[MAPS_NAME_COLUMN + 16];
	int n = snprintf(head, sizeof(head), "%08lx-%08lx %c%c%c%c %08llx %02x:%02x %lu ", start, end,
			 vm_flags & VM_READ ? 'r' : '-', vm_flags & VM_WRITE ? 'w' : '-',
			 vm_flags & VM_EXEC ? 'x' : '-', vm_flags & VM_SHARED ? 's' : 'p',
			 file ? offset : 0, file ? INITRD_DEV_MAJOR : 0, file ? INITRD_DEV_MINOR : 0,
			 file ? ino : 0);

	if (name && *name)
		kprintf("%s%*s %s%s\n", head, n < MAPS_NAME_COLUMN ? MAPS_NAME_COLUMN - n : 0, "",
			file && name[0] != '/' ? "/" : "", name);
	else
		kprintf("%s\n", head);
}

void show_maps(const struct mm_struct *mm)
{
	for (const struct vm_area_struct *v = mm->mmap; v; v = v->vm_next)
		show_map_line(v->vm_start, v->vm_end, v->vm_flags,
			      (unsigned long long)v->vm_pgoff << PAGE_SHIFT, v->vm_file != NULL,
			      v->vm_file ? v->vm_file->ino : 0,
			      v->vm_file ? v->vm_file->name : v->vm_name);
	kprintf("# total_vm %lu pages, rss %lu pages, faults: %lu minor, %lu major\n",
		mm->total_vm, mm->rss, mm->min_flt, mm->maj_flt);
}
