/*
 * A process's mappings in the format of Linux's /proc/PID/maps:
 *   08048000-08049000 r-xp 00000000 00:00 12         /bin/init
 * (start-end, permissions with p for private or s for shared, file
 * offset, device, inode, name: the file, [heap], [stack] or nothing).
 */
#include "fs.h"
#include "mm/memory.h"
#include "printk.h"

void show_maps(const struct mm_struct *mm)
{
	for (const struct vm_area_struct *v = mm->mmap; v; v = v->vm_next) {
		const char *name = v->vm_file ? v->vm_file->name : v->vm_name;

		kprintf("%08lx-%08lx %c%c%c%c %08lx 00:00 %-10u %s%s\n", v->vm_start, v->vm_end,
			v->vm_flags & VM_READ ? 'r' : '-', v->vm_flags & VM_WRITE ? 'w' : '-',
			v->vm_flags & VM_EXEC ? 'x' : '-', v->vm_flags & VM_SHARED ? 's' : 'p',
			v->vm_file ? v->vm_pgoff << 12 : 0, v->vm_file ? v->vm_file->ino : 0,
			name && v->vm_file && name[0] != '/' ? "/" : "", name ? name : "");
	}
	kprintf("# total_vm %lu pages, rss %lu pages, faults: %lu minor, %lu major\n",
		mm->total_vm, mm->rss, mm->min_flt, mm->maj_flt);
}
