/*
 * /proc/meminfo (Linux's fs/proc/meminfo.c): Linux 6.1's rows, in its
 * order, for an i386 kernel with HIGHMEM. A row for what
 * Pagoda does not have (zswap, huge pages, ...) prints 0, as Linux does
 * on a kernel where that is empty. Buffers is the block devices' own page
 * cache (fs/buffer.c), as Linux's si_meminfo bufferram.
 */
#include "asm/pgtable.h"
#include "linux/buffer_head.h"
#include "linux/mm.h"
#include "linux/mman.h"
#include "linux/page_alloc.h"
#include "linux/printk.h"
#include "linux/sched.h"
#include "linux/slab.h"
#include "linux/swap.h"
#include "linux/vmalloc.h"
#include "linux/vmstat.h"
#include "internal.h"

#define K(pages) ((pages) << (PAGE_SHIFT - 10))
extern int nr_threads;          /* kernel/fork.c: each has a THREAD_SIZE kernel stack */

/* Linux's show_val_kb: the label padded to 16 columns, the number to 8. */
static void show_val_kb(struct seq_file *m, const char *s, unsigned long kb)
{
	seq_printf(m, "%-16s%8lu kB\n", s, kb);
}

static struct seq_file *vmalloc_rows_to;

static void vmalloc_row(const char *name, unsigned long kb)
{
	char label[20];

	snprintf(label, sizeof(label), "%s:", name);
	show_val_kb(vmalloc_rows_to, label, kb);
}

/* The direct map's size in 4 KiB and 4 MiB pages, from the kernel's page directory. */
static void direct_map_kb(unsigned long *kb_4k, unsigned long *kb_4m)
{
	*kb_4k = *kb_4m = 0;
	for (unsigned long pfn = 0; pfn < max_low_pfn; pfn += PTRS_PER_PTE) {
		pgd_t e = swapper_pg_dir[pgd_index((unsigned long)__va(pfn << PAGE_SHIFT))];

		if (!pgd_present(e))
			continue;
		if (pgd_large(e)) {
			*kb_4m += 4096;
			continue;
		}
		for (unsigned long i = 0; i < PTRS_PER_PTE && pfn + i < max_low_pfn; i++)
			if (pte_present(pte_offset_kernel(&e, (unsigned long)__va((pfn + i) << PAGE_SHIFT))[0]))
				*kb_4k += 4;
	}
}

int meminfo_proc_show(struct seq_file *m, void *v)
{
	unsigned long free = nr_free_pages(), free_high = zones[ZONE_HIGHMEM].free_pages;
	unsigned long reserve = 0, avail, rss, ptes, vm, slab = slab_total_pages(), dm4k, dm4m;
	unsigned long wmark_low = 0, pagecache, cached, anon, buffers = nr_blockdev_pages();
	unsigned long pages[NR_LRU_LISTS];

	(void)v;
	for (int lru = 0; lru < NR_LRU_LISTS; lru++)
		pages[lru] = global_node_page_state((enum node_stat_item)(NR_LRU_BASE + lru));
	for (int z = 0; z < MAX_NR_ZONES; z++)
		reserve += high_wmark_pages(&zones[z]);
	/* Linux's si_mem_available: free above the reserve, and half the page cache at least */
	for (int z = 0; z < MAX_NR_ZONES; z++)
		wmark_low += low_wmark_pages(&zones[z]);
	pagecache = pages[LRU_ACTIVE_FILE] + pages[LRU_INACTIVE_FILE];
	pagecache -= min(pagecache / 2, wmark_low);
	avail = free + pagecache > reserve ? free + pagecache - reserve : 0;
	/* Linux's formula: file pages, less the swap cache and the block devices' pages */
	cached = global_node_page_state(NR_FILE_PAGES) - total_swapcache_pages();
	cached = cached > buffers ? cached - buffers : 0;
	anon = global_node_page_state(NR_ANON_MAPPED);
	vm_user_pages(&rss, &ptes, &vm);
	direct_map_kb(&dm4k, &dm4m);

	show_val_kb(m, "MemTotal:", K(totalram_pages));
	show_val_kb(m, "MemFree:", K(free));
	show_val_kb(m, "MemAvailable:", K(avail));
	show_val_kb(m, "Buffers:", K(buffers));
	show_val_kb(m, "Cached:", K(cached));
	show_val_kb(m, "SwapCached:", K(total_swapcache_pages()));
	/* the LRU lists (mm/swap.c); shmem pages are "anon": swap-backed */
	show_val_kb(m, "Active:", K(pages[LRU_ACTIVE_ANON] + pages[LRU_ACTIVE_FILE]));
	show_val_kb(m, "Inactive:", K(pages[LRU_INACTIVE_ANON] + pages[LRU_INACTIVE_FILE]));
	show_val_kb(m, "Active(anon):", K(pages[LRU_ACTIVE_ANON]));
	show_val_kb(m, "Inactive(anon):", K(pages[LRU_INACTIVE_ANON]));
	show_val_kb(m, "Active(file):", K(pages[LRU_ACTIVE_FILE]));
	show_val_kb(m, "Inactive(file):", K(pages[LRU_INACTIVE_FILE]));
	show_val_kb(m, "Unevictable:", K(pages[LRU_UNEVICTABLE]));
	show_val_kb(m, "Mlocked:", K(global_node_page_state(NR_MLOCK)));
	show_val_kb(m, "HighTotal:", K(totalhigh_pages));
	show_val_kb(m, "HighFree:", K(free_high));
	show_val_kb(m, "LowTotal:", K(totalram_pages - totalhigh_pages));
	show_val_kb(m, "LowFree:", K(free - free_high));
	show_val_kb(m, "SwapTotal:", K((unsigned long)total_swap_pages));
	show_val_kb(m, "SwapFree:", K((unsigned long)nr_swap_pages));
	show_val_kb(m, "Zswap:", 0);
	show_val_kb(m, "Zswapped:", 0);
	show_val_kb(m, "Dirty:", K(global_node_page_state(NR_FILE_DIRTY)));
	show_val_kb(m, "Writeback:", K(global_node_page_state(NR_WRITEBACK)));
	show_val_kb(m, "AnonPages:", K(anon));
	show_val_kb(m, "Mapped:", K(global_node_page_state(NR_FILE_MAPPED)));
	show_val_kb(m, "Shmem:", K(global_node_page_state(NR_SHMEM)));
	show_val_kb(m, "KReclaimable:", 0);
	show_val_kb(m, "Slab:", K(slab));
	show_val_kb(m, "SReclaimable:", 0);
	show_val_kb(m, "SUnreclaim:", K(slab));
	show_val_kb(m, "KernelStack:", (unsigned long)(nr_threads + 1) * (THREAD_SIZE / 1024));
	show_val_kb(m, "PageTables:", K(ptes));
	show_val_kb(m, "SecPageTables:", 0);
	show_val_kb(m, "NFS_Unstable:", 0);
	show_val_kb(m, "Bounce:", 0);
	show_val_kb(m, "WritebackTmp:", 0);
	show_val_kb(m, "CommitLimit:", K(vm_commit_limit()));
	show_val_kb(m, "Committed_AS:", K(vm_memory_committed()));
	vmalloc_rows_to = m;
	vmalloc_meminfo_rows(vmalloc_row);
	show_val_kb(m, "Percpu:", 0);
	seq_printf(m, "HardwareCorrupted: %5lu kB\n", 0UL);
	show_val_kb(m, "AnonHugePages:", 0);
	show_val_kb(m, "ShmemHugePages:", 0);
	show_val_kb(m, "ShmemPmdMapped:", 0);
	show_val_kb(m, "FileHugePages:", 0);
	show_val_kb(m, "FilePmdMapped:", 0);
	seq_puts(m, "HugePages_Total:       0\nHugePages_Free:        0\nHugePages_Rsvd:        0\n"
		 "HugePages_Surp:        0\n");
	show_val_kb(m, "Hugepagesize:", 4096);          /* a PSE page without PAE */
	show_val_kb(m, "Hugetlb:", 0);
	show_val_kb(m, "DirectMap4k:", dm4k);
	show_val_kb(m, "DirectMap4M:", dm4m);
	return 0;
}

void show_meminfo(void)
{
	seq_show_console(meminfo_proc_show, NULL);
}
