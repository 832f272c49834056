/*
 * vmalloc, vmap and ioremap: kernel mappings of scattered pages (or of
 * device memory) in the vmalloc area. The page tables for the area are
 * created in swapper_pg_dir as needed; a process's page directory, which
 * copied the kernel half earlier, picks a new one up in vmalloc_fault().
 */
#include "asm/io.h"
#include "linux/bug.h"
#include "linux/kallsyms.h"
#include "linux/memblock.h"
#include "linux/mm.h"
#include "linux/page_alloc.h"
#include "linux/printk.h"
#include "linux/seq_file.h"
#include "linux/string.h"
#include "linux/vmalloc.h"

/*
 * vm_struct descriptors come from a fixed pool: the slab allocator is
 * built after vmalloc in Pagoda's boot order. 512 areas is plenty here.
 */
#define NR_VM_STRUCTS 512
static struct vm_struct vm_pool[NR_VM_STRUCTS];
static struct vm_struct *vm_pool_free;
static struct vm_list vmlist;

void vmalloc_init(void)
{
	for (int i = 0; i < NR_VM_STRUCTS; i++) {
		vm_pool[i].next = vm_pool_free;
		vm_pool_free = &vm_pool[i];
	}
	vmlist.start = VMALLOC_START;
	vmlist.end = VMALLOC_END;
}

bool is_vmalloc_addr(const void *addr)
{
	return (unsigned long)addr >= VMALLOC_START && (unsigned long)addr < VMALLOC_END;
}

/* Reserve size bytes plus a guard page of address space. */
static struct vm_struct *get_vm_area(unsigned long size, unsigned long flags, unsigned long caller)
{
	unsigned long irq = local_irq_save();
	struct vm_struct *area = vm_pool_free;

	if (area) {
		vm_pool_free = area->next;
		memset(area, 0, sizeof(*area));
		if (vmlist_insert(&vmlist, area, PAGE_ALIGN(size) + PAGE_SIZE, PAGE_SIZE) != 0) {
			area->next = vm_pool_free;      /* no room: back to the pool */
			vm_pool_free = area;
			area = NULL;
		}
	}
	local_irq_restore(irq);
	if (!area) {
		pr_warn("vmalloc: no room for %lu bytes in the vmalloc area\n", size);
		return NULL;
	}
	area->flags = flags;
	area->caller = caller;
	return area;
}

static void put_vm_area(struct vm_struct *area)
{
	unsigned long irq = local_irq_save();

	vmlist_remove(&vmlist, area->addr);
	area->next = vm_pool_free;
	vm_pool_free = area;
	local_irq_restore(irq);
}

struct vm_struct *find_vm_area(const void *addr)
{
	struct vm_struct *area = vmlist_find(&vmlist, (unsigned long)addr);

	return area && area->addr == (unsigned long)addr ? area : NULL;
}

/* The PTE for a vmalloc address, making the page table if there is none. */
static pte_t *vmalloc_pte_alloc(unsigned long addr)
{
	pgd_t *pgd = pgd_offset(swapper_pg_dir, addr);

	if (!pgd_present(*pgd)) {
		unsigned long table = get_zeroed_page(GFP_KERNEL);

		if (!table)
			return NULL;
		*pgd = (pgd_t)__pa(table) | _KERNPG_TABLE;
	}
	return pte_offset_kernel(pgd, addr);
}

/* Map nr page frames (consecutive pfns when pages is NULL) at addr. */
static int map_area(unsigned long addr, struct page **pages, unsigned long pfn,
		    unsigned int nr, pgprot_t prot)
{
	/* LAB 3: BEGIN SOLUTION */
	for (unsigned int i = 0; i < nr; i++) {
		pte_t *pte = vmalloc_pte_alloc(addr + i * PAGE_SIZE);

		if (!pte)
			return -1;
		BUG_ON(pte_present(*pte));      /* the range was free: nothing may be mapped */
		set_pte(pte, pfn_pte(pages ? page_to_pfn(pages[i]) : pfn + i, prot));
	}
	return 0;
	/* LAB 3: END SOLUTION */
}

/* Clear the PTEs of an area; its page tables stay for the next user. */
static void unmap_area(const struct vm_struct *area)
{
	for (unsigned long a = area->addr; a < area->addr + area->size - PAGE_SIZE; a += PAGE_SIZE) {
		pte_t *pte = lookup_kernel_pte(a);

		if (pte) {
			pte_clear(pte);
			__flush_tlb_one(a);
		}
	}
}

/* The order of the block that holds nr page pointers: one page holds 1024. */
static unsigned int page_array_order(unsigned int nr)
{
	unsigned int order = 0;

	while ((PAGE_SIZE << order) < nr * sizeof(struct page *))
		order++;
	return order;
}

static struct page **alloc_page_array(unsigned int nr)
{
	return (struct page **)__get_free_pages(GFP_KERNEL | __GFP_ZERO, page_array_order(nr));
}

static void free_page_array(struct page **pages, unsigned int nr)
{
	free_pages((unsigned long)pages, page_array_order(nr));
}

static void *__vmalloc(unsigned long size, gfp_t gfp, unsigned long caller)
{
	struct vm_struct *area;
	unsigned int nr = (unsigned int)(PAGE_ALIGN(size) >> PAGE_SHIFT);

	if (!size || size > VMALLOC_END - VMALLOC_START)
		return NULL;
	/* more pages than the machine has can never succeed: no OOM kill for it (Linux's "exceeds total pages") */
	if (nr > totalram_pages)
		return NULL;
	area = get_vm_area(size, VM_ALLOC, caller);
	if (!area)
		return NULL;
	area->pages = alloc_page_array(nr);
	if (!area->pages)
		goto fail;
	for (; area->nr_pages < nr; area->nr_pages++) {
		/* HighMem first: vmalloc memory needs no permanent mapping */
		struct page *page = alloc_page(gfp | __GFP_HIGHMEM | __GFP_NOWARN);

		if (!page)
			goto fail;
		area->pages[area->nr_pages] = page;
	}
	if (map_area(area->addr, area->pages, 0, nr, PAGE_KERNEL) != 0)
		goto fail;
	return (void *)area->addr;
fail:
	unmap_area(area);
	while (area->pages && area->nr_pages)
		__free_page(area->pages[--area->nr_pages]);
	if (area->pages)
		free_page_array(area->pages, nr);
	put_vm_area(area);
	pr_warn("vmalloc: allocation of %lu bytes failed\n", size);
	return NULL;
}

void *vmalloc(unsigned long size)
{
	return __vmalloc(size, GFP_KERNEL, (unsigned long)__builtin_return_address(0));
}

void *vzalloc(unsigned long size)
{
	return __vmalloc(size, GFP_KERNEL | __GFP_ZERO, (unsigned long)__builtin_return_address(0));
}

/* Undo an area: what kind it is decides what else goes. */
static void remove_area(const void *addr, unsigned long kind, const char *who)
{
	struct vm_struct *area;

	if (!addr)
		return;
	area = find_vm_area(addr);
	if (!area || !(area->flags & kind)) {
		printk(KERN_ERR "%s: bad address %p (not the start of a %s area)\n", who, addr, who + 1);
		dump_stack();
		return;
	}
	unmap_area(area);
	if (area->flags & VM_ALLOC) {
		for (unsigned int i = 0; i < area->nr_pages; i++)
			__free_page(area->pages[i]);
		free_page_array(area->pages, area->nr_pages);
	}
	put_vm_area(area);
}

void vfree(const void *addr)
{
	remove_area(addr, VM_ALLOC, "vfree");
}

void *vmap(struct page **pages, unsigned int count, unsigned long flags, pgprot_t prot)
{
	struct vm_struct *area = get_vm_area((unsigned long)count << PAGE_SHIFT, VM_MAP | flags,
					     (unsigned long)__builtin_return_address(0));

	if (!area)
		return NULL;
	area->pages = pages;
	area->nr_pages = count;
	if (map_area(area->addr, pages, 0, count, prot) != 0) {
		unmap_area(area);
		put_vm_area(area);
		return NULL;
	}
	return (void *)area->addr;
}

void vunmap(const void *addr)
{
	remove_area(addr, VM_MAP, "vunmap");
}

/* Map device memory, uncached. RAM is refused: it is the allocator's. */
void *ioremap(unsigned long phys_addr, unsigned long size)
{
	unsigned long offset = phys_addr & ~PAGE_MASK, first = phys_addr & PAGE_MASK;
	unsigned int nr;
	struct vm_struct *area;

	if (!size || phys_addr + size - 1 < phys_addr)
		return NULL;
	nr = (unsigned int)(PAGE_ALIGN(offset + size) >> PAGE_SHIFT);
	for (unsigned int i = 0; i < nr; i++)
		if (memblock_is_memory((phys_addr_t)first + ((phys_addr_t)i << PAGE_SHIFT))) {
			pr_warn("ioremap: refusing to map RAM at %#lx\n", first + i * PAGE_SIZE);
			return NULL;
		}
	area = get_vm_area((unsigned long)nr << PAGE_SHIFT, VM_IOREMAP,
			   (unsigned long)__builtin_return_address(0));
	if (!area)
		return NULL;
	area->phys_addr = first;
	if (map_area(area->addr, NULL, first >> PAGE_SHIFT, nr, PAGE_KERNEL_NOCACHE) != 0) {
		unmap_area(area);
		put_vm_area(area);
		return NULL;
	}
	return (void *)(area->addr + offset);
}

void iounmap(volatile void *addr)
{
	remove_area((void *)((unsigned long)addr & PAGE_MASK), VM_IOREMAP, "iounmap");
}

/* A kernel address fault with no page-table entry in the current directory. */
int vmalloc_fault(unsigned long address)
{
	pgd_t *pgd = (pgd_t *)__va(read_cr3() & PAGE_MASK) + pgd_index(address);
	pgd_t *pgd_k = pgd_offset(swapper_pg_dir, address);

	if (address < VMALLOC_START || !pgd_present(*pgd_k))
		return -1;      /* not a vmalloc address, or really unmapped */
	if (pgd_present(*pgd))
		return pte_present(*pte_offset_kernel(pgd_k, address)) ? 0 : -1;
	*pgd = *pgd_k;          /* the page table is shared: one copy fixes it for good */
	return pte_present(*pte_offset_kernel(pgd_k, address)) ? 0 : -1;
}

int vmallocinfo_show(struct seq_file *m, void *v)
{
	(void)v;
	for (struct vm_struct *a = vmlist.head; a; a = a->next) {
		char caller[96];

		sprint_symbol(caller, sizeof(caller), a->caller);
		seq_printf(m, "0x%p-0x%p %7lu %s", (void *)a->addr, (void *)(a->addr + a->size), a->size, caller);
		if (a->nr_pages)
			seq_printf(m, " pages=%u", a->nr_pages);
		if (a->phys_addr)
			seq_printf(m, " phys=%#010lx", a->phys_addr);
		if (a->flags & VM_IOREMAP)
			seq_puts(m, " ioremap");
		if (a->flags & VM_ALLOC)
			seq_puts(m, " vmalloc");
		if (a->flags & VM_MAP)
			seq_puts(m, " vmap");
		seq_putc(m, '\n');
	}
	return 0;
}

void show_vmallocinfo(void)
{
	seq_show_console(vmallocinfo_show, NULL);
}

bool vmalloc_has_areas(void)
{
	return vmlist.head != NULL;
}

void vmalloc_meminfo_rows(void (*row)(const char *name, unsigned long kb))
{
	row("VmallocTotal", (VMALLOC_END - VMALLOC_START) >> 10);
	row("VmallocUsed", vmlist_used(&vmlist) >> 10);
	row("VmallocChunk", vmlist_largest_gap(&vmlist) >> 10);
}
