/*
 * A process's memory as /proc shows it (Linux's fs/proc/task_mmu.c):
 * maps, one line per VMA:
 *   08048000-08049000 r-xp 00000000 00:14 12         /bin/init
 * (start-end, permissions with p for private or s for shared, file
 * offset, device, inode, name: the file, [heap], [stack] or nothing;
 * the name starts at column 49, as Linux pads it); smaps, the same lines
 * each followed by what the page tables map there; and the sizes that
 * status and statm print.
 */
#include "asm/pgtable.h"
#include "linux/dcache.h"
#include "linux/fs.h"
#include "linux/memory.h"
#include "linux/mm.h"
#include "linux/printk.h"
#include "linux/sched.h"
#include "linux/swap.h"
#include "internal.h"

/* Linux pads the line to this width, then a space, then the name (25 + 6 * sizeof(void *) - 1). */
#define MAPS_NAME_COLUMN 48
#define K(pages) ((pages) << (PAGE_SHIFT - 10))

void show_map_line(struct seq_file *m, unsigned long start, unsigned long end, unsigned long vm_flags,
		   unsigned long long offset, bool file, unsigned int dev, unsigned long ino, const char *name)
{
	char head[MAPS_NAME_COLUMN + 16];
	int n = snprintf(head, sizeof(head), "%08lx-%08lx %c%c%c%c %08llx %02x:%02x %lu ", start, end,
			 vm_flags & VM_READ ? 'r' : '-', vm_flags & VM_WRITE ? 'w' : '-',
			 vm_flags & VM_EXEC ? 'x' : '-', vm_flags & VM_SHARED ? 's' : 'p',
			 file ? offset : 0, file ? (dev & 0xfff00) >> 8 : 0,
			 file ? (dev & 0xff) | ((dev >> 12) & 0xfff00) : 0, file ? ino : 0);

	if (name && *name)
		seq_printf(m, "%s%*s %s%s\n", head, n < MAPS_NAME_COLUMN ? MAPS_NAME_COLUMN - n : 0, "",
			   file && name[0] != '/' ? "/" : "", name);
	else
		seq_printf(m, "%s\n", head);
}

/*
 * A VMA's line: a file is named by its path (d_path: " (deleted)" once
 * unlinked, as Linux's) and its file system's device, as Linux's
 * show_map_vma.
 */
static void show_vma_line(struct seq_file *m, const struct vm_area_struct *v)
{
	const struct file *f = v->vm_file;
	char buf[256];
	const char *name = f ? f->name : v->vm_name;

	if (f && f->f_path.dentry) {
		char *p = d_path(&f->f_path, buf, sizeof(buf));

		if (p)
			name = p;
	}
	show_map_line(m, v->vm_start, v->vm_end, v->vm_flags, (unsigned long long)v->vm_pgoff << PAGE_SHIFT,
			  f != NULL, f && f->f_inode ? f->f_inode->i_sb->s_dev : 0, f ? f->ino : 0, name);
}

int show_map(struct seq_file *m, void *task)
{
	struct task_struct *t = task;

	if (t->mm)
		for (const struct vm_area_struct *v = t->mm->mmap; v; v = v->vm_next)
			show_vma_line(m, v);
	return 0;
}

void show_maps(const struct mm_struct *mm)
{
	struct seq_file con = { 0 };

	for (const struct vm_area_struct *v = mm->mmap; v; v = v->vm_next)
		show_vma_line(&con, v);
	kprintf("# total_vm %lu pages, rss %lu pages, faults: %lu minor, %lu major\n",
		mm->total_vm, get_mm_rss(mm), mm->min_flt, mm->maj_flt);
}

/* What smaps adds up for one VMA, in bytes (pss in bytes << PSS_SHIFT, as Linux keeps it exact). */
#define PSS_SHIFT 12
struct mem_size_stats {
	unsigned long resident, shared_clean, shared_dirty, private_clean, private_dirty;
	unsigned long referenced, anonymous;
	unsigned long long pss, pss_dirty;
	unsigned long swap;             /* bytes in swap (swap entries) */
	unsigned long long swap_pss;    /* the same, each shared out among the entries naming its slot */
};

/*
 * Walk the VMA's PTEs (Linux's smaps_pte_entry). A page counts if the
 * PTE holds a frame (PROT_NONE ones too: they keep theirs) and it is not
 * the shared zero page, which Linux's vm_normal_page leaves out as well;
 * that is exactly what get_mm_rss() counts. It is shared when mapped more
 * than once. It is Anonymous when no file holds it (PageAnon):
 * anonymous memory, and the private copies writes made of file pages.
 */
static void smaps_account_vma(struct mm_struct *mm, const struct vm_area_struct *v,
			      struct mem_size_stats *mss)
{
	for (unsigned long addr = v->vm_start; addr < v->vm_end; addr += PAGE_SIZE) {
		pte_t *pte = user_pte_lookup(mm, addr);
		struct page *page;
		bool dirty;
		int mapcount;

		if (pte && is_swap_pte(*pte)) {        /* Linux's smaps_pte_entry for a swap entry */
			int users = __swap_count(pte_to_swp_entry(*pte));

			mss->swap += PAGE_SIZE;
			mss->swap_pss += (PAGE_SIZE << PSS_SHIFT) / (unsigned long)(users >= 2 ? users : 1);
			continue;
		}
		if (!pte || !*pte || !pfn_valid(pte_pfn(*pte)))
			continue;
		page = pfn_to_page(pte_pfn(*pte));
		if (page == zero_page)
			continue;
		dirty = (*pte & _PAGE_DIRTY) || PageDirty(page);
		mapcount = page_mapcount(page) > 0 ? page_mapcount(page) : 1;
		mss->resident += PAGE_SIZE;
		if (*pte & _PAGE_ACCESSED)
			mss->referenced += PAGE_SIZE;
		if (PageAnon(page))
			mss->anonymous += PAGE_SIZE;
		mss->pss += (PAGE_SIZE << PSS_SHIFT) / (unsigned long)mapcount;
		if (dirty)
			mss->pss_dirty += (PAGE_SIZE << PSS_SHIFT) / (unsigned long)mapcount;
		if (mapcount >= 2) {
			if (dirty)
				mss->shared_dirty += PAGE_SIZE;
			else
				mss->shared_clean += PAGE_SIZE;
		} else if (dirty) {
			mss->private_dirty += PAGE_SIZE;
		} else {
			mss->private_clean += PAGE_SIZE;
		}
	}
}

static void smap_row(struct seq_file *m, const char *name, unsigned long bytes)
{
	seq_printf(m, "%-16s%8lu kB\n", name, bytes >> 10);       /* Linux: a 16-column label, 8 for the number */
}

/* VmFlags: two letters per flag, as Linux's show_smap_vma_flags (those Pagoda has). */
static void show_smap_vma_flags(struct seq_file *m, unsigned long flags)
{
	static const struct { unsigned long flag; char name[3]; } names[] = {
		{ VM_READ, "rd" }, { VM_WRITE, "wr" }, { VM_EXEC, "ex" }, { VM_SHARED, "sh" },
		{ VM_MAYREAD, "mr" }, { VM_MAYWRITE, "mw" }, { VM_MAYEXEC, "me" }, { VM_MAYSHARE, "ms" },
		{ VM_GROWSDOWN, "gd" }, { VM_LOCKED, "lo" }, { VM_DONTCOPY, "dc" }, { VM_ACCOUNT, "ac" },
		{ VM_NORESERVE, "nr" }, { VM_WIPEONFORK, "wf" },
	};

	seq_puts(m, "VmFlags: ");
	for (unsigned int i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (flags & names[i].flag)
			seq_printf(m, "%s ", names[i].name);
	seq_putc(m, '\n');
}

int show_smaps(struct seq_file *m, void *task)
{
	struct task_struct *t = task;

	if (!t->mm)
		return 0;
	for (const struct vm_area_struct *v = t->mm->mmap; v; v = v->vm_next) {
		struct mem_size_stats mss = { 0 };

		smaps_account_vma(t->mm, v, &mss);
		show_vma_line(m, v);
		smap_row(m, "Size:", v->vm_end - v->vm_start);
		smap_row(m, "KernelPageSize:", PAGE_SIZE);
		smap_row(m, "MMUPageSize:", PAGE_SIZE);
		smap_row(m, "Rss:", mss.resident);
		smap_row(m, "Pss:", (unsigned long)(mss.pss >> PSS_SHIFT));
		smap_row(m, "Pss_Dirty:", (unsigned long)(mss.pss_dirty >> PSS_SHIFT));
		smap_row(m, "Shared_Clean:", mss.shared_clean);
		smap_row(m, "Shared_Dirty:", mss.shared_dirty);
		smap_row(m, "Private_Clean:", mss.private_clean);
		smap_row(m, "Private_Dirty:", mss.private_dirty);
		smap_row(m, "Referenced:", mss.referenced);
		smap_row(m, "Anonymous:", mss.anonymous);
		/* No MADV_FREE, huge pages or mlock here: Linux's rows, all 0. */
		smap_row(m, "LazyFree:", 0);
		smap_row(m, "AnonHugePages:", 0);
		smap_row(m, "ShmemPmdMapped:", 0);
		smap_row(m, "FilePmdMapped:", 0);
		smap_row(m, "Shared_Hugetlb:", 0);
		smap_row(m, "Private_Hugetlb:", 0);
		smap_row(m, "Swap:", mss.swap);
		smap_row(m, "SwapPss:", (unsigned long)(mss.swap_pss >> PSS_SHIFT));
		smap_row(m, "Locked:", 0);
		seq_printf(m, "THPeligible:    %d\n", 0);
		show_smap_vma_flags(m, v->vm_flags);
	}
	return 0;
}
