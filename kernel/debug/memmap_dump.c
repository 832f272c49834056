/*
 * No Linux twin (nearest: arch/x86/mm/dump_pagetables.c, mm/page_owner.c); a debugging dump, so kernel/debug/.
 *
 * memmap: what holds every page frame, and what is mapped where, printed
 * on the console for tools/memmap to draw (`make memmap`). Line format,
 * between "memmap-begin" and "memmap-end" (numbers in hex where they are
 * addresses, decimal where they are counts):
 *
 *   run PFN COUNT KIND      frames by their struct page; the runs cover
 *                           0..max_pfn in order, nothing twice
 *   mark PFN COUNT KIND     frames a page-table walk found, drawn over
 *                           the runs: page tables, vmalloc, user pages
 *   vmap VADDR COUNT KIND   present kernel PTEs above lowmem
 *   layout NAME START END   the virtual kernel memory layout
 *   resident VMSTART N Z    a VMA's resident pages, and how many map the zero page
 *
 * The monitor's `memmap` shows the idle kernel; system call 402
 * (pagoda_memmap) shows the calling process too, its VMAs in
 * /proc/PID/maps format and each VMA's resident pages.
 */
#include "asm/io.h"
#include "asm/multiboot.h"
#include "asm/pgtable.h"
#include "linux/highmem.h"
#include "linux/memblock.h"
#include "linux/memory.h"
#include "linux/mm.h"
#include "linux/monitor.h"
#include "linux/page_alloc.h"
#include "linux/printk.h"
#include "linux/sched.h"
#include "linux/string.h"
#include "linux/vmalloc.h"

/* One run-length-encoded line being built: COUNT frames (or pages) from START. */
struct memmap_run {
	const char *tag;        /* "run", "mark" or "vmap" */
	unsigned long start, count;
	const char *kind;
};

static void run_flush(struct memmap_run *r)
{
	if (r->count && r->tag[0] == 'v')     /* counted in pages, printed as an address */
		kprintf("%s %#lx %lu %s\n", r->tag, r->start << PAGE_SHIFT, r->count, r->kind);
	else if (r->count)
		kprintf("%s %lu %lu %s\n", r->tag, r->start, r->count, r->kind);
	r->count = 0;
}

/* Add [start, start+n) to the run; walks may go down as well as up. */
static void run_add(struct memmap_run *r, unsigned long start, unsigned long n, const char *kind)
{
	if (r->count && r->kind == kind) {
		if (start == r->start + r->count) {
			r->count += n;
			return;
		}
		if (start + n == r->start) {
			r->start = start;
			r->count += n;
			return;
		}
	}
	run_flush(r);
	*r = (struct memmap_run){ r->tag, start, n, kind };
}

/* --- physical frames, from struct page and memblock ---------------------- */

static bool on_pcp_list(const struct page *page)
{
	const struct per_cpu_pages *pcp = &zones[page_zonenum(page)].pcp;
	const struct list_head *pos;

	list_for_each(pos, &pcp->list)
		if (pos == &page->lru)
			return true;
	return false;
}

static const struct memblock_region *reserved_region(phys_addr_t pa)
{
	for (int i = 0; i < memblock.reserved.cnt; i++) {
		const struct memblock_region *r = &memblock.reserved.regions[i];

		if (pa >= r->base && pa - r->base < r->size)
			return r;
	}
	return NULL;
}

#define ISA_END_ADDRESS 0x100000        /* Linux's: BIOS, VGA and ROMs sit below 1 MiB */

/*
 * A reserved frame never reached the buddy allocator: memblock says why.
 * Regions that touch were merged under the first name, so the ranges we
 * know exactly (kernel image, mem_map, the initrd) are checked first, and
 * a name is believed only for the legacy area. Page tables are found by
 * walking them, below.
 */
static const char *reserved_kind(unsigned long pfn)
{
	phys_addr_t pa = (phys_addr_t)pfn << PAGE_SHIFT;
	const struct memblock_region *r;

	if (pa >= (unsigned long)_kernel_phys_start && pa < __pa(_end))
		return "kernel";
	if (pa >= __pa(mem_map) && pa < __pa(mem_map + max_pfn))
		return "memmap";
	for (int i = 0; i < boot_params.nr_mods; i++)
		if (pa >= boot_params.mods[i].start && pa < boot_params.mods[i].end)
			return "initrd";
	r = reserved_region(pa);
	if (!r)
		return memblock_is_memory(pa) ? "reserved" : "hole";
	if (pa < ISA_END_ADDRESS && r->name &&
	    (!strcmp(r->name, "BIOS area") || !strncmp(r->name, "first page", 10)))
		return "firmware";
	return "reserved";
}

static const char *const free_kind[MAX_ORDER] = {
	"free0", "free1", "free2", "free3", "free4", "free5",
	"free6", "free7", "free8", "free9", "free10",
};

/* Every frame once, in order: free blocks whole, the rest one by one. */
static void dump_frames(void)
{
	struct memmap_run r = { .tag = "run" };
	unsigned long pfn = 0;

	while (pfn < max_pfn) {
		struct page *page = pfn_to_page(pfn);
		unsigned long n = 1;
		const char *kind;

		if (PageBuddy(page)) {
			n = 1UL << page_order(page);
			kind = free_kind[page_order(page)];
		} else if (PageReserved(page)) {
			kind = reserved_kind(pfn);
		} else if (PageSlab(page)) {
			kind = "slab";
		} else if (page_count(page) == 0 && on_pcp_list(page)) {
			kind = "pcp";
		} else {
			kind = "alloc";         /* the rest of a multi-page block counts 0 too */
		}
		if (n > max_pfn - pfn)
			n = max_pfn - pfn;
		run_add(&r, pfn, n, kind);
		pfn += n;
	}
	run_flush(&r);
}

/* --- page-table walks ---------------------------------------------------- */

static void mark_pfn(struct memmap_run *r, unsigned long pfn, const char *kind)
{
	if (pfn < max_pfn)
		run_add(r, pfn, 1, kind);
}

/*
 * swapper_pg_dir and its page tables; the frames vmalloc maps; and, as
 * vmap lines, every present page above lowmem (vmalloc, pkmap, fixmap).
 */
static void walk_kernel_tables(struct memmap_run *mark)
{
	struct memmap_run v = { .tag = "vmap" };

	mark_pfn(mark, __pa(swapper_pg_dir) >> PAGE_SHIFT, "pgtable");
	for (unsigned int i = KERNEL_PGD_BOUNDARY; i < PTRS_PER_PGD; i++) {
		pgd_t pgd = swapper_pg_dir[i];
		unsigned long base = (unsigned long)i << PGDIR_SHIFT;
		const pte_t *pt;

		if (!pgd_present(pgd) || pgd_large(pgd))
			continue;
		mark_pfn(mark, pgd_page_paddr(pgd) >> PAGE_SHIFT, "pgtable");
		if (base + PGDIR_SIZE <= (unsigned long)high_memory)
			continue;       /* the direct map: every lowmem frame, nothing to say */
		pt = __va(pgd_page_paddr(pgd));
		for (unsigned int j = 0; j < PTRS_PER_PTE; j++) {
			unsigned long va = base + ((unsigned long)j << PAGE_SHIFT);
			const char *kind;

			if (va < (unsigned long)high_memory || !pte_present(pt[j]))
				continue;
			if (va >= FIXADDR_START)
				kind = "fixmap";
			else if (va >= PKMAP_BASE)
				kind = "pkmap";
			else
				kind = "vmalloc";
			run_add(&v, va >> PAGE_SHIFT, 1, kind);
			if (kind[0] == 'v')     /* a pkmap or fixmap page keeps its owner's kind */
				mark_pfn(mark, pte_pfn(pt[j]), kind);
		}
	}
	run_flush(&v);
}

/*
 * A process: its page directory and tables, and every page its PTEs
 * hold; and, for each VMA, how many of its pages are resident.
 */
static void walk_user_tables(struct mm_struct *mm, struct memmap_run *mark)
{
	mark_pfn(mark, __pa(mm->pgd) >> PAGE_SHIFT, "pgtable");
	for (unsigned int i = 0; i < KERNEL_PGD_BOUNDARY; i++)
		if (pgd_present(mm->pgd[i]))
			mark_pfn(mark, pgd_page_paddr(mm->pgd[i]) >> PAGE_SHIFT, "pgtable");
	for (struct vm_area_struct *vma = mm->mmap; vma; vma = vma->vm_next) {
		unsigned long resident = 0, zero = 0;

		for (unsigned long addr = vma->vm_start; addr < vma->vm_end; addr += PAGE_SIZE) {
			pte_t *pte = user_pte_lookup(mm, addr);

			if (!pte) {     /* no page table: skip its 4 MiB */
				addr = (addr & PGDIR_MASK) + PGDIR_SIZE - PAGE_SIZE;
				if (addr + PAGE_SIZE < addr)
					break;
				continue;
			}
			if (!pte_maps_frame(*pte))     /* a PROT_NONE page is not present but holds its frame */
				continue;       /* (a swap entry holds none) */
			if (pfn_to_page(pte_pfn(*pte)) == zero_page) {
				zero++;         /* marked once, with its own kind */
				continue;
			}
			resident++;
			mark_pfn(mark, pte_pfn(*pte), vma->vm_file ? "file" : "anon");
		}
		kprintf("resident %#lx %lu %lu\n", vma->vm_start, resident, zero);
	}
}

/* --- the dump ------------------------------------------------------------ */

static void layout_line(const char *name, unsigned long start, unsigned long end)
{
	kprintf("layout %s %#lx %#lx\n", name, start, end);
}

static void dump_layout(void)
{
	layout_line("user", 0, TASK_SIZE);
	layout_line("lowmem", PAGE_OFFSET, (unsigned long)high_memory);
	layout_line("vmalloc", VMALLOC_START, VMALLOC_END);
	layout_line("pkmap", PKMAP_BASE, PKMAP_BASE + LAST_PKMAP * PAGE_SIZE);
	layout_line("fixmap", FIXADDR_START, FIXADDR_TOP);
	layout_line("kernel", (unsigned long)__va(_kernel_phys_start), (unsigned long)_end);
	layout_line(".text", (unsigned long)_text, (unsigned long)_etext);
	layout_line(".data", (unsigned long)_sdata, (unsigned long)_edata);
	layout_line(".bss", (unsigned long)__bss_start, (unsigned long)__bss_stop);
	layout_line("mem_map", (unsigned long)mem_map, (unsigned long)(mem_map + max_pfn));
}

static void memmap_dump(struct task_struct *task)
{
	struct memmap_run mark = { .tag = "mark" };
	unsigned long flags = local_irq_save();        /* one consistent snapshot */

	kprintf("memmap-begin\n");
	kprintf("max_pfn %lu\nmax_low_pfn %lu\nnr_free_pages %lu\n", max_pfn, max_low_pfn,
		nr_free_pages());
	for (int z = 0; z < MAX_NR_ZONES; z++)
		kprintf("zone %s %lu %lu %d\n", zones[z].name, zones[z].zone_start_pfn,
			zones[z].spanned_pages, zones[z].pcp.count);
	for (int i = 0; i < memblock.reserved.cnt; i++) {
		const struct memblock_region *r = &memblock.reserved.regions[i];

		kprintf("region %#llx %#llx %s\n", r->base, r->size, r->name ? r->name : "?");
	}
	dump_frames();
	walk_kernel_tables(&mark);
	mark_pfn(&mark, page_to_pfn(zero_page), "zero");
	if (task) {
		for (unsigned long i = 0; i < THREAD_SIZE / PAGE_SIZE; i++)
			mark_pfn(&mark, (__pa(task->stack) >> PAGE_SHIFT) + i, "kstack");
		walk_user_tables(task->mm, &mark);
	}
	run_flush(&mark);
	dump_layout();
	show_vmallocinfo();
	if (task) {
		kprintf("task %d %s\n", task->pid, task->comm);
		kprintf("mm %#lx %#lx %#lx %#lx %#lx %#lx %#lx %#lx\n", task->mm->start_code,
			task->mm->end_code, task->mm->start_data, task->mm->end_data,
			task->mm->start_brk, task->mm->brk, task->mm->start_stack, task->mm->mmap_base);
		show_maps(task->mm);
	}
	kprintf("memmap-end\n");
	local_irq_restore(flags);
}

static int cmd_memmap(int argc, char **argv)
{
	(void)argv;
	if (argc != 1)
		return -1;
	memmap_dump(NULL);
	return 0;
}
MONITOR_COMMAND("memmap", "memmap", "every page frame and kernel mapping, for tools/memmap", cmd_memmap);

/* System call 402, Pagoda's own: the same, with the calling process in it. */
long sys_pagoda_memmap(void)
{
	memmap_dump(current);
	return 0;
}
