/*
 * Bringing memory up, in Linux's order (setup_arch, paging_init,
 * mem_init):
 *  1. the memory map from the boot loader, sanitised; mem= applied;
 *  2. memblock told about all RAM and about what is already in use;
 *  3. lowmem and highmem sizes decided (max_low_pfn);
 *  4. the kernel page directory built and loaded (paging_init);
 *  5. mem_map and the zones set up (free_area_init);
 *  6. memblock's free pages handed to the buddy allocator (mem_init).
 */
#include "asm/e820.h"
#include "asm/fixmap.h"
#include "asm/io.h"
#include "asm/multiboot.h"
#include "asm/pgtable.h"
#include "linux/errno.h"
#include "linux/highmem.h"
#include "linux/init.h"
#include "linux/kernel.h"
#include "linux/kstrtox.h"
#include "linux/memblock.h"
#include "linux/mm.h"
#include "linux/page_alloc.h"
#include "linux/printk.h"
#include "linux/slab.h"
#include "linux/string.h"
#include "linux/vmalloc.h"

#define VMALLOC_RESERVE_DEFAULT (128UL << 20)   /* Linux's __VMALLOC_RESERVE */
/* 8 MiB pkmap/fixmap table + up to 16 MiB gap (VMALLOC_START rounds) + 16 MiB of area */
#define VMALLOC_RESERVE_MIN     (40UL << 20)
#define LOWMEM_MIN              (32UL << 20)
#define MEM_MIN                 (4UL << 20)     /* below this nothing boots: 1 MiB of BIOS, the kernel ... */
#define BIOS_AREA_START 0x9F000UL               /* EBDA, VGA memory, ROMs ... */
#define BIOS_AREA_END   0x100000UL

struct page *mem_map;
unsigned long max_pfn, max_low_pfn;
unsigned long vmalloc_reserve = VMALLOC_RESERVE_DEFAULT;
pgd_t *swapper_pg_dir;
pgprot_t __supported_pte_mask;
static uint64_t mem_limit;      /* mem=, 0 for none */

/*
 * Where the kernel image and the boot modules (the initrd) end, in bytes:
 * RAM below this must stay, or there is nothing to boot. Plus 512 KiB to
 * work in (page tables, mem_map, the first slabs and the first program).
 */
static uint64_t boot_memory_needed(void)
{
	uint64_t end = __pa(_end);

	for (int i = 0; i < boot_params.nr_mods; i++)
		end = max(end, (uint64_t)boot_params.mods[i].end);
	end = (end + PAGE_SIZE - 1) & PAGE_MASK;
	return max(end + (512 << 10), (uint64_t)MEM_MIN);
}

/*
 * mem=SIZE: use no RAM above SIZE. Applied only if it is a size and
 * leaves the kernel and the initrd in RAM (Linux would boot and drop the
 * initrd); at or above 4 GiB it changes nothing (no PAE).
 */
static int parse_mem(char *v)
{
	unsigned long long bytes, need = boot_memory_needed();

	if (!v || parse_size(v, &bytes))
		return -EINVAL;
	if (bytes < need) {
		pr_err("mem=%s: %llu KiB is less than the kernel and initrd need (%llu KiB, to %#llx); ignored\n",
		       v, bytes >> 10, need >> 10, need);
		return -ERANGE;
	}
	mem_limit = bytes < MAX_PHYS_ADDR ? bytes : 0;
	return 0;
}
early_param("mem", parse_mem);

/*
 * vmalloc=SIZE: the kernel address space above lowmem (vmalloc, pkmap,
 * fixmap), so lowmem ends at 4 GiB - SIZE (MAXMEM). At least
 * VMALLOC_RESERVE_MIN, so that the vmalloc area keeps 16 MiB after the
 * pkmap/fixmap page table and the 8-16 MiB guard gap; at most what leaves
 * 32 MiB of lowmem (Linux's i386 minimum) and the kernel and initrd in it.
 */
static int parse_vmalloc(char *v)
{
	unsigned long long bytes, lowmem_min = max(boot_memory_needed(), (uint64_t)LOWMEM_MIN);
	unsigned long long most = (1ULL << 32) - PAGE_OFFSET - lowmem_min;

	if (!v || parse_size(v, &bytes))
		return -EINVAL;
	if (bytes < VMALLOC_RESERVE_MIN || bytes > most) {
		pr_err("vmalloc=%s: out of range: between %luM (a 16 MiB vmalloc area) and %lluM "
		       "(%lluM of lowmem for the kernel and initrd); ignored\n",
		       v, VMALLOC_RESERVE_MIN >> 20, most >> 20, lowmem_min >> 20);
		return -ERANGE;
	}
	vmalloc_reserve = (unsigned long)bytes;
	return 0;
}
early_param("vmalloc", parse_vmalloc);

/* Step 1: the memory map. */
static void setup_memory_map(void)
{
	if (boot_params.nr_mmap) {
		for (int i = 0; i < boot_params.nr_mmap; i++) {
			const struct boot_mmap_entry *e = &boot_params.mmap[i];
			/* multiboot type 1 is RAM; other values match e820's, or are reserved */
			uint32_t type = e->type >= E820_RAM && e->type <= E820_UNUSABLE ? e->type
										: E820_RESERVED;
			e820_add_region(&e820, e->addr, e->len, type);
		}
		printk(KERN_INFO "BIOS-provided physical RAM map:\n");
	} else {
		/* No map: trust mem_lower (below 640 KiB) and mem_upper (from 1 MiB). */
		e820_add_region(&e820, 0, (uint64_t)boot_params.mem_lower_kb << 10, E820_RAM);
		e820_add_region(&e820, 1ULL << 20, (uint64_t)boot_params.mem_upper_kb << 10, E820_RAM);
		printk(KERN_INFO "No memory map from the boot loader; using mem_lower/mem_upper:\n");
	}
	for (int i = 0; i < e820.nr; i++)
		if (e820.map[i].addr + e820.map[i].size > MAX_PHYS_ADDR)
			printk(KERN_NOTICE "e820: ignoring [mem %#018llx-%#018llx] above 4 GiB (no PAE)\n",
			       e820.map[i].addr, e820.map[i].addr + e820.map[i].size - 1);
	e820_sanitize(&e820);
	e820_print_map(&e820, "BIOS-e820");
	if (mem_limit) {
		e820_remove_range(&e820, mem_limit, MAX_PHYS_ADDR - mem_limit, E820_RAM);
		printk(KERN_INFO "user-defined physical RAM map (mem=%lluM):\n", mem_limit >> 20);
		e820_print_map(&e820, "user");
	}
}

/* Step 2: all RAM, and what is in use. */
static void reserve_in_use(void)
{
	for (int i = 0; i < e820.nr; i++)
		if (e820.map[i].type == E820_RAM)
			memblock_add(e820.map[i].addr, e820.map[i].size);
	memblock_reserve(0, PAGE_SIZE, "first page (real-mode IVT, BIOS data)");
	memblock_reserve(BIOS_AREA_START, BIOS_AREA_END - BIOS_AREA_START, "BIOS area");
	/* _kernel_phys_start is a physical address (linker.ld), _end a virtual one */
	memblock_reserve((unsigned long)_kernel_phys_start,
			 __pa(_end) - (unsigned long)_kernel_phys_start, "kernel image");
	for (int i = 0; i < boot_params.nr_mods; i++)
		memblock_reserve(boot_params.mods[i].start,
				 boot_params.mods[i].end - boot_params.mods[i].start, "multiboot module");
	for (int i = 0; i < boot_params.nr_ranges; i++)
		memblock_reserve(boot_params.ranges[i].start, boot_params.ranges[i].size,
				 boot_params.ranges[i].name);
}

/* Step 3: where lowmem ends (Linux's find_low_pfn_range). */
static void find_low_pfn_range(void)
{
	max_pfn = e820_end_of_ram_pfn(&e820);
	max_low_pfn = min(max_pfn, (unsigned long)(MAXMEM >> PAGE_SHIFT));
	if (max_pfn > max_low_pfn)
		printk(KERN_NOTICE "%luMB HIGHMEM available.\n", (max_pfn - max_low_pfn) >> 8);
	printk(KERN_NOTICE "%luMB LOWMEM available.\n", max_low_pfn >> 8);
	high_memory = __va(max_low_pfn << PAGE_SHIFT);
}

/* A zeroed page table for the kernel directory, from memblock. */
static pte_t *one_page_table_init(pgd_t *pgd_entry)
{
	if (!pgd_present(*pgd_entry)) {
		pte_t *table = memblock_alloc(PAGE_SIZE, PAGE_SIZE, "kernel page tables");

		*pgd_entry = (pgd_t)__pa(table) | _KERNPG_TABLE;
	}
	return __va(pgd_page_paddr(*pgd_entry));
}

static void enable_global_pages(void)
{
	uint32_t edx;

	__asm__ volatile("cpuid" : "=d"(edx) : "a"(1) : "ebx", "ecx");
	if (edx & (1 << 13)) {          /* CPUID.1:EDX.PGE */
		__supported_pte_mask |= _PAGE_GLOBAL;
		write_cr4(read_cr4() | (1 << 7));       /* CR4.PGE */
	}
}

/*
 * A page table for lowmem, taken from memblock unzeroed: the caller
 * writes all PTRS_PER_PTE entries, so zeroing it first would be wasted.
 */
static pte_t *lowmem_page_table(pgd_t *pgd_entry)
{
	phys_addr_t table = memblock_phys_alloc(PAGE_SIZE, PAGE_SIZE, "kernel page tables");

	*pgd_entry = (pgd_t)table | _KERNPG_TABLE;
	return __va((unsigned long)table);
}

/*
 * Step 4: swapper_pg_dir maps all of lowmem at PAGE_OFFSET (kernel text
 * read-only, everything global if the CPU can), plus a page table for
 * the pkmap and fixmap area at the top. Page tables for vmalloc come
 * later, as areas are created.
 *
 * Lowmem is mapped one page table (4 MiB) at a time, each table filled
 * in one pass: the page directory is visited once per table, not once
 * per page.
 */
void paging_init(void)
{
	unsigned long pfn = 0, vaddr = PAGE_OFFSET;
	pgprot_t prot;

	enable_global_pages();
	prot = PAGE_KERNEL;     /* reads __supported_pte_mask: once, not at every PTE */
	swapper_pg_dir = memblock_alloc(PAGE_SIZE, PAGE_SIZE, "swapper_pg_dir");
	/* LAB 1: BEGIN SOLUTION */
	for (; pfn < max_low_pfn; vaddr += PGDIR_SIZE) {
		pte_t *pt = lowmem_page_table(pgd_offset(swapper_pg_dir, vaddr));
		unsigned int i, n = (unsigned int)min(max_low_pfn - pfn, (unsigned long)PTRS_PER_PTE);

		for (i = 0; i < n; i++, pfn++)
			pt[i] = pfn_pte(pfn, prot);
		for (; i < PTRS_PER_PTE; i++)           /* past the end of lowmem */
			pte_clear(&pt[i]);
	}
	/* Then the kernel text read-only (_text is page-aligned: linker.ld). */
	for (vaddr = (unsigned long)_text; vaddr < (unsigned long)_etext; vaddr += PAGE_SIZE)
		set_pte(lookup_kernel_pte(vaddr), pfn_pte(__pa(vaddr) >> PAGE_SHIFT, PAGE_KERNEL_RO));
	/* LAB 1: END SOLUTION */
	for (unsigned long vaddr = PKMAP_BASE; vaddr >= PKMAP_BASE; vaddr += PGDIR_SIZE)
		one_page_table_init(pgd_offset(swapper_pg_dir, vaddr));
	write_cr3(__pa(swapper_pg_dir));
	__flush_tlb_all();
	memblock.current_limit = (phys_addr_t)max_low_pfn << PAGE_SHIFT;
	printk(KERN_INFO "paging_init: swapper_pg_dir at %#lx maps lowmem %#lx-%#lx%s\n",
	       __pa(swapper_pg_dir), PAGE_OFFSET, (unsigned long)high_memory - 1,
	       __supported_pte_mask & _PAGE_GLOBAL ? " (global pages)" : "");
}

void __flush_tlb_all(void)
{
	uint32_t cr4 = read_cr4();

	if (cr4 & (1 << 7)) {   /* clearing PGE flushes global entries too */
		write_cr4(cr4 & ~(1u << 7));
		write_cr4(cr4);
	} else {
		__flush_tlb();
	}
}

pte_t *lookup_kernel_pte(unsigned long addr)
{
	pgd_t *pgd = pgd_offset(swapper_pg_dir, addr);

	if (!pgd_present(*pgd) || pgd_large(*pgd))
		return NULL;
	return pte_offset_kernel(pgd, addr);
}

void __set_fixmap(unsigned int idx, unsigned long phys, pgprot_t prot)
{
	unsigned long vaddr = fix_to_virt(idx);
	pte_t *pte;

	BUG_ON(idx == FIX_HOLE || idx >= __end_of_fixed_addresses);
	pte = lookup_kernel_pte(vaddr);
	if (prot)
		set_pte(pte, pfn_pte(phys >> PAGE_SHIFT, prot));
	else
		pte_clear(pte);
	__flush_tlb_one(vaddr);
}

/* Linux's "Memory: ..." line and the layout of the kernel image. */
static void print_memory_totals(void)
{
	unsigned long code = (unsigned long)(_etext - _text) >> 10;
	unsigned long data = (unsigned long)(_edata - _sdata) >> 10;
	unsigned long bss = (unsigned long)(__bss_stop - __bss_start) >> 10;

	printk(KERN_INFO "Memory: %luk/%luk available (%luk kernel code, %lluk reserved, %luk data, %luk bss, %luk highmem)\n",
	       nr_free_pages() << 2, max_pfn << 2, code,
	       /* as Linux's mem_init_print_info: RAM the buddy allocator never got */
	       (unsigned long long)(max_pfn - totalram_pages) << 2,
	       data, bss, totalhigh_pages << 2);
	printk(KERN_INFO "struct page is %u bytes: mem_map takes %luk, %lu.%02lu%% of RAM\n",
	       (unsigned int)sizeof(struct page), (max_pfn * sizeof(struct page)) >> 10,
	       (unsigned long)(sizeof(struct page) * 100 / PAGE_SIZE),
	       (unsigned long)(sizeof(struct page) * 10000 / PAGE_SIZE % 100));
}

static void layout_row(const char *name, unsigned long start, unsigned long end)
{
	unsigned long kb = (end - start) >> 10;

	if (kb >= 10 * 1024)
		printk(KERN_INFO "    %-8s: %#010lx - %#010lx   (%4lu MB)\n", name, start, end, kb >> 10);
	else
		printk(KERN_INFO "    %-8s: %#010lx - %#010lx   (%4lu kB)\n", name, start, end, kb);
}

/* Linux's "virtual kernel memory layout" table, with this machine's numbers. */
void print_kernel_layout(void)
{
	printk(KERN_INFO "virtual kernel memory layout:\n");
	layout_row("fixmap", FIXADDR_START, FIXADDR_TOP);
	layout_row("pkmap", PKMAP_BASE, PKMAP_BASE + LAST_PKMAP * PAGE_SIZE);
	layout_row("vmalloc", VMALLOC_START, VMALLOC_END);
	layout_row("lowmem", PAGE_OFFSET, (unsigned long)high_memory);
	layout_row("  .bss", (unsigned long)__bss_start, (unsigned long)__bss_stop);
	layout_row("  .data", (unsigned long)_sdata, (unsigned long)_edata);
	layout_row("  .text", (unsigned long)_text, (unsigned long)_etext);
}

uint64_t mem_init_instructions;   /* rdtsc across bring-up: instructions under -icount */

void setup_arch_memory(void)
{
	uint64_t start = rdtsc();

	setup_memory_map();
	reserve_in_use();
	find_low_pfn_range();
	memblock.current_limit = BOOT_MAPPED_BYTES;     /* all boot/entry.asm maps */
	paging_init();
	free_area_init();
	mem_init();
	vmalloc_init();
	mem_init_instructions = rdtsc() - start;
	print_memory_totals();
	kmem_cache_init();
	print_kernel_layout();
}
