/*
 * Commands of the monitor (Pagoda's kdb, Linux's kernel/debug/kdb/), so beside it.
 *
 * Monitor commands that look at memory: the /proc-style reports, the
 * kernel layout, a page-table walk, one struct page, and small demos of
 * the buddy allocator and vmalloc that show the lists changing.
 */
#include "asm/pgtable.h"
#include "linux/highmem.h"
#include "linux/kernel.h"
#include "linux/memory.h"
#include "linux/mm.h"
#include "linux/monitor.h"
#include "linux/page_alloc.h"
#include "linux/printk.h"
#include "linux/sched.h"
#include "linux/seq_file.h"
#include "linux/slab.h"
#include "linux/string.h"
#include "linux/vmalloc.h"

MONITOR_NO_ARGS(cmd_meminfo, show_meminfo())
MONITOR_NO_ARGS(cmd_buddyinfo, show_buddyinfo())
MONITOR_NO_ARGS(cmd_zoneinfo, show_zoneinfo())
MONITOR_NO_ARGS(cmd_layout, print_kernel_layout())

/* /proc/vmallocinfo is empty when no area is in use: at the monitor, say so. */
static int cmd_vmallocinfo(int argc, char **argv)
{
	(void)argv;
	if (argc != 1)
		return -1;
	if (!vmalloc_has_areas())
		kprintf("no vmalloc areas in use (try 'vmalloc 20000': it shows its area while it runs)\n");
	show_vmallocinfo();
	return 0;
}
MONITOR_NO_ARGS(cmd_slabinfo, show_slabinfo())
MONITOR_NO_ARGS(cmd_vmstat, seq_show_console(vmstat_show, NULL))
MONITOR_COMMAND("slabinfo", "slabinfo", "slab caches, as /proc/slabinfo", cmd_slabinfo);
MONITOR_COMMAND("meminfo", "meminfo", "memory totals, as /proc/meminfo", cmd_meminfo);
MONITOR_COMMAND("buddyinfo", "buddyinfo", "free blocks per order, as /proc/buddyinfo", cmd_buddyinfo);
MONITOR_COMMAND("zoneinfo", "zoneinfo", "zones and watermarks, as /proc/zoneinfo", cmd_zoneinfo);
MONITOR_COMMAND("vmallocinfo", "vmallocinfo", "vmalloc areas, as /proc/vmallocinfo", cmd_vmallocinfo);
MONITOR_COMMAND("vmstat", "vmstat", "VM counters and events, as /proc/vmstat", cmd_vmstat);
MONITOR_COMMAND("layout", "layout", "the virtual kernel memory layout", cmd_layout);

static int cmd_pgwalk(int argc, char **argv)
{
	unsigned long addr, pid;
	struct task_struct *p = current;

	if (argc < 2 || argc > 3 || !monitor_parse_ulong(argv[1], &addr) || (argc == 3 && !monitor_parse_ulong(argv[2], &pid)))
		return -1;
	if (argc == 3) {
		p = pid <= 0x7fffffffUL ? find_task_by_vpid((int)pid) : NULL;
		if (!p || !p->mm) {
			/* an exited program's page tables went with it; a kernel thread has none */
			kprintf("pgwalk: pid %lu %s; walking the kernel's page directory\n", pid,
				!p ? "is not a live process" : "is a kernel thread (no user page tables)");
			p = NULL;
		}
	}
	pgwalk(p && p->mm ? (pgd_t *)p->mm->pgd : swapper_pg_dir, addr);
	return 0;
}
MONITOR_COMMAND_EXPLAINED("pgwalk", "pgwalk VADDR [PID]", "walk the page tables for an address",
	"  Prints the page-directory entry for VADDR (bits 31-22), then the page-table entry\n"
	"  (bits 21-12) and the physical address (frame + offset), with each entry's flags:\n"
	"  P present, RW, US user, A accessed, D dirty, PS a 4 MiB page. Kernel addresses\n"
	"  (0xc0000000 up) are in every page directory; at the prompt no process runs, so\n"
	"  user addresses walk the kernel's own (empty below 3 GiB).", cmd_pgwalk);

static int cmd_page(int argc, char **argv)
{
	unsigned long pfn;
	struct page *page;

	if (argc != 2 || !monitor_parse_ulong(argv[1], &pfn))
		return -1;
	if (!pfn_valid(pfn)) {
		kprintf("pfn %#lx is beyond the end of RAM (max_pfn %#lx)\n", pfn, max_pfn);
		return 0;
	}
	page = pfn_to_page(pfn);
	kprintf("struct page for pfn %#lx (phys %#010lx) at %p:\n", pfn, pfn << PAGE_SHIFT, (void *)page);
	kprintf("  flags %#010lx:%s%s%s%s zone %s\n", page->flags,
		PageReserved(page) ? " reserved" : "", PageBuddy(page) ? " buddy" : "",
		PageSlab(page) ? " slab" : "", PageHighMem(page) ? " highmem" : "",
		zones[page_zonenum(page)].name);
	kprintf("  _count %d  _mapcount %d (%s)  private %#lx%s\n", page->_count, page->_mapcount,
		PageSlab(page) ? "objects in use" : page == zero_page ? "the zero page: not counted" :
		page->_mapcount >= 0 ? "mapped by user PTEs" : "not mapped",
		page->private, PageBuddy(page) ? " (order of this free block)" : "");
	kprintf("  virtual %p\n", page_address(page));
	return 0;
}
MONITOR_COMMAND_EXPLAINED("page", "page PFN", "show the struct page of a page frame",
	"  PFN is a page frame number (physical address >> 12). Shows mem_map[PFN]: its flags\n"
	"  (buddy: the head of a free block, its order in private; slab; reserved), _count\n"
	"  (references; 0 while free) and _mapcount (user PTEs mapping it, minus one).", cmd_page);

static struct page *demo_block;
static unsigned int demo_order;

static int cmd_alloc(int argc, char **argv)
{
	unsigned long order;

	if (argc != 2 || !monitor_parse_ulong(argv[1], &order) || order >= MAX_ORDER)
		return -1;
	if (demo_block) {
		kprintf("a demo block is already allocated; 'free' it first\n");
		return 0;
	}
	/* An order-0 request is served from the per-CPU list: empty it first, as 'free' does
	 * after, so the request is seen taking a batch from the buddy lists and 'free' gives back
	 * exactly the lines printed here. Larger orders bypass the list: nothing to empty. */
	if (order == 0)
		drain_local_pages();
	kprintf("before:\n");
	show_buddyinfo();
	demo_block = alloc_pages(GFP_KERNEL, (unsigned int)order);
	if (!demo_block) {
		kprintf("alloc_pages(GFP_KERNEL, %lu) returned NULL\n", order);
		return 0;
	}
	demo_order = (unsigned int)order;
	kprintf("alloc_pages(GFP_KERNEL, %lu) = pfn %#lx (zone %s); after:\n", order,
		page_to_pfn(demo_block), zones[page_zonenum(demo_block)].name);
	show_buddyinfo();
	return 0;
}
MONITOR_COMMAND_EXPLAINED("alloc", "alloc ORDER", "allocate 2^ORDER pages and show the buddy lists",
	"  Prints buddyinfo (free blocks per order, 0 to 10, per zone), calls\n"
	"  alloc_pages(GFP_KERNEL, ORDER) and prints buddyinfo again: a block of a higher\n"
	"  order was split (expand) when none of ORDER was free. Order 0 first empties the\n"
	"  per-CPU list, then takes a batch of single pages for it. 'free' gives it back.", cmd_alloc);

static int cmd_free(int argc, char **argv)
{
	(void)argv;
	if (argc != 1)
		return -1;
	if (!demo_block) {
		kprintf("nothing to free: 'alloc ORDER' first\n");
		return 0;
	}
	__free_pages(demo_block, demo_order);
	if (demo_order == 0)
		drain_local_pages();    /* so the page and its batch show up back in the lists */
	demo_block = NULL;
	kprintf("freed; after merging with its buddies:\n");
	show_buddyinfo();
	return 0;
}
MONITOR_COMMAND_EXPLAINED("free", "free", "free the demo block and show the buddies merge",
	"  Frees the block 'alloc' took (order 0: then empties the per-CPU list) and prints buddyinfo: the\n"
	"  block merged with its free buddies, order by order, so the lines are those 'alloc'\n"
	"  printed before it allocated.", cmd_free);

static int cmd_vmalloc(int argc, char **argv)
{
	unsigned long size;
	void *p;

	if (argc != 2 || !monitor_parse_ulong(argv[1], &size) || size == 0)
		return -1;
	p = vmalloc(size);
	if (!p) {
		kprintf("vmalloc(%lu) failed\n", size);
		return 0;
	}
	kprintf("vmalloc(%lu) = %p\n", size, p);
	show_vmallocinfo();
	pgwalk(swapper_pg_dir, (unsigned long)p);
	vfree(p);
	kprintf("vfree(%p) done\n", p);
	return 0;
}
MONITOR_COMMAND("vmalloc", "vmalloc SIZE", "vmalloc, show the area and its mapping, vfree", cmd_vmalloc);

/* kmap demo: map a highmem page with kmap and kmap_atomic, show where it lands. */
static int cmd_kmap(int argc, char **argv)
{
	struct page *page;
	void *k, *a;

	(void)argv;
	if (argc != 1)
		return -1;
	page = alloc_page(GFP_HIGHUSER);
	if (!page) {
		kprintf("kmap: no page\n");
		return 0;
	}
	kprintf("alloc_page(GFP_HIGHUSER) = pfn %#lx, zone %s, page_address %p\n", page_to_pfn(page),
		zones[page_zonenum(page)].name, page_address(page));
	k = kmap(page);
	kprintf("kmap        -> %p (%s)\n", k, PageHighMem(page) ? "a pkmap slot" : "the direct map");
	a = kmap_atomic(page);
	kprintf("kmap_atomic -> %p (%s)\n", a, PageHighMem(page) ? "a fixmap slot" : "the direct map");
	pgwalk(swapper_pg_dir, (unsigned long)a);
	kunmap_atomic(a);
	kunmap(page);
	__free_page(page);
	return 0;
}
MONITOR_COMMAND("kmap", "kmap", "map a highmem page with kmap and kmap_atomic", cmd_kmap);
