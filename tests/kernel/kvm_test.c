/*
 * The kernel's 1 GiB: the layout constants against Linux's formulas,
 * vmalloc (guard pages, highmem backing, no leaks), vmap, ioremap, kmap's
 * slot counting and flush-on-wrap, kmap_atomic's stack, fixmap, and the
 * i386 vmalloc_fault path for a page directory that missed a new PDE.
 */
#include "asm/page.h"
#include "asm/pgtable.h"
#include "kunit/test.h"
#include "linux/console.h"
#include "linux/highmem.h"
#include "linux/mm.h"
#include "linux/page_alloc.h"
#include "linux/printk.h"
#include "linux/string.h"
#include "linux/vmalloc.h"

static unsigned long free_before, tables_before;

/* Page tables made for the vmalloc area stay for later areas (as in Linux). */
static unsigned long vmalloc_page_tables(void)
{
	unsigned long n = 0;

	for (unsigned long a = VMALLOC_START & PGDIR_MASK; a < VMALLOC_END; a += PGDIR_SIZE)
		n += pgd_present(swapper_pg_dir[pgd_index(a)]);
	return n;
}

static void begin(void)
{
	free_before = nr_free_pages_with_pcp();
	tables_before = vmalloc_page_tables();
}

/* Every page comes back, except new vmalloc page tables, which are kept. */
static void end(struct ktest *t)
{
	KTEST_EXPECT_EQ(t, nr_free_pages_with_pcp() + (vmalloc_page_tables() - tables_before), free_before);
	KTEST_EXPECT_EQ(t, kmap_atomic_depth(), 0);
}

static void layout_matches_linux_formulas(struct ktest *t)
{
	unsigned long lowmem_end = PAGE_OFFSET + (max_low_pfn << PAGE_SHIFT);

	KTEST_EXPECT_EQ(t, (unsigned long)high_memory, lowmem_end);
	KTEST_EXPECT_EQ(t, VMALLOC_START, (lowmem_end + 2 * (8UL << 20) - 1) & ~((8UL << 20) - 1));
	KTEST_EXPECT_GE(t, VMALLOC_START - lowmem_end, 8UL << 20);     /* the 8 MiB gap */
	KTEST_EXPECT_EQ(t, PKMAP_BASE, 0xFF800000UL);
	KTEST_EXPECT_EQ(t, VMALLOC_END, 0xFF7FE000UL);
	KTEST_EXPECT_EQ(t, fix_to_virt(FIX_HOLE), 0xFFFFF000UL);
	KTEST_EXPECT_EQ(t, virt_to_fix(fix_to_virt(FIX_KMAP_BEGIN)), FIX_KMAP_BEGIN);
	KTEST_EXPECT_LE(t, PKMAP_BASE + LAST_PKMAP * PAGE_SIZE, FIXADDR_START);
	if (max_pfn >= (896UL << 20) >> PAGE_SHIFT) {
		KTEST_EXPECT_EQ(t, lowmem_end, 0xF8000000UL);
		KTEST_EXPECT_EQ(t, VMALLOC_START, 0xF8800000UL);
	}
}

static void kernel_text_is_read_only_and_lowmem_mapped(struct ktest *t)
{
	pte_t *text = lookup_kernel_pte((unsigned long)_text);
	pte_t *data = lookup_kernel_pte((unsigned long)&free_before);
	pte_t *last = lookup_kernel_pte((unsigned long)high_memory - PAGE_SIZE);

	unsigned long v;

	KTEST_ASSERT_TRUE(t, text && data && last);
	KTEST_EXPECT_TRUE(t, pte_present(*text) && !pte_write(*text));
	/* every text page, the last one too, and each at its own frame */
	for (v = (unsigned long)_text; v < (unsigned long)_etext; v += PAGE_SIZE) {
		pte_t *pte = lookup_kernel_pte(v);

		KTEST_ASSERT_TRUE(t, pte && pte_present(*pte));
		KTEST_EXPECT_FALSE(t, pte_write(*pte));
		KTEST_EXPECT_EQ(t, pte_pfn(*pte), __pa(v) >> PAGE_SHIFT);
	}
	KTEST_EXPECT_TRUE(t, pte_present(*data) && pte_write(*data));
	KTEST_EXPECT_EQ(t, pte_pfn(*last), max_low_pfn - 1);
	KTEST_EXPECT_TRUE(t, read_cr0() & (1 << 16));           /* CR0.WP: the kernel honours RO */
	KTEST_EXPECT_FALSE(t, pgd_present(swapper_pg_dir[0]));  /* no identity mapping left */
}

static void vmalloc_maps_highmem_pages_with_a_guard(struct ktest *t)
{
	unsigned long size = 5 * PAGE_SIZE + 123;
	unsigned char *p;
	struct vm_struct *area;

	begin();
	p = vmalloc(size);
	KTEST_ASSERT_TRUE(t, p != NULL);
	KTEST_EXPECT_TRUE(t, is_vmalloc_addr(p));
	area = find_vm_area(p);
	KTEST_ASSERT_TRUE(t, area != NULL);
	KTEST_EXPECT_EQ(t, area->nr_pages, 6);
	KTEST_EXPECT_EQ(t, area->size, 7 * PAGE_SIZE);          /* one guard page */
	memset(p, 0x77, size);
	KTEST_EXPECT_EQ(t, p[size - 1], 0x77);
	/* the guard page after the area is not mapped */
	KTEST_EXPECT_FALSE(t, pte_present(*lookup_kernel_pte(area->addr + 6 * PAGE_SIZE)));
	if (populated_zone(&zones[ZONE_HIGHMEM]))
		KTEST_EXPECT_TRUE(t, PageHighMem(area->pages[0]));
	vfree(p);
	KTEST_EXPECT_FALSE(t, pte_present(*lookup_kernel_pte((unsigned long)p)));
	end(t);
}

static void vzalloc_zeroes_and_big_areas_work(struct ktest *t)
{
	unsigned char *p;
	bool zero = true;

	begin();
	p = vzalloc(3 << 20);
	KTEST_ASSERT_TRUE(t, p != NULL);
	for (unsigned long i = 0; i < (3 << 20) && zero; i += 997)
		zero = p[i] == 0;
	KTEST_EXPECT_TRUE(t, zero);
	p[(3 << 20) - 1] = 1;
	vfree(p);
	KTEST_EXPECT_TRUE(t, vmalloc(0) == NULL);
	KTEST_EXPECT_TRUE(t, vmalloc(VMALLOC_END - VMALLOC_START + PAGE_SIZE) == NULL);
	end(t);
}

static void vmap_shows_the_same_pages(struct ktest *t)
{
	struct page *pages[3];
	unsigned char *v;

	begin();
	for (int i = 0; i < 3; i++) {
		pages[i] = alloc_page(GFP_KERNEL);
		KTEST_ASSERT_TRUE(t, pages[i] != NULL);
		memset(page_address(pages[i]), 'a' + i, PAGE_SIZE);
	}
	v = vmap(pages, 3, 0, PAGE_KERNEL);
	KTEST_ASSERT_TRUE(t, v != NULL);
	KTEST_EXPECT_EQ(t, v[0], 'a');
	KTEST_EXPECT_EQ(t, v[PAGE_SIZE + 5], 'b');
	v[2 * PAGE_SIZE] = 'Z';         /* written through one mapping, read through the other */
	KTEST_EXPECT_EQ(t, ((unsigned char *)page_address(pages[2]))[0], 'Z');
	vunmap(v);
	for (int i = 0; i < 3; i++)
		__free_page(pages[i]);
	end(t);
}

static void ioremap_maps_vga_memory_and_refuses_ram(struct ktest *t)
{
	volatile unsigned short *vga;

	begin();
	vga = ioremap(0xB8000 + 2, 160);
	KTEST_ASSERT_TRUE(t, vga != NULL);
	KTEST_EXPECT_EQ(t, (unsigned long)vga & ~PAGE_MASK, 2);
	/* device memory is never cached: PCD and PWT, as Linux's ioremap (UC) */
	KTEST_EXPECT_EQ(t, *lookup_kernel_pte((unsigned long)vga) & (_PAGE_PCD | _PAGE_PWT), _PAGE_PCD | _PAGE_PWT);
	vga[0] = 0x0750;                /* 'P', grey on black: visible in the QEMU window */
	KTEST_EXPECT_EQ(t, *(volatile unsigned short *)__va(0xB8002), 0x0750);
	iounmap(vga);
	KTEST_EXPECT_TRUE(t, ioremap(0x200000, PAGE_SIZE) == NULL);    /* RAM */
	end(t);
}

static void kmap_counts_users_and_flushes_on_wrap(struct ktest *t)
{
	struct page *page;
	void *a, *b;
	unsigned long flushes;
	int slot;

	if (!populated_zone(&zones[ZONE_HIGHMEM])) {
		struct page *low = alloc_page(GFP_KERNEL);
		KTEST_ASSERT_TRUE(t, low != NULL);
		KTEST_EXPECT_TRUE(t, kmap(low) == page_address(low));   /* lowmem: the direct map */
		kunmap(low);
		__free_page(low);
		return;
	}
	begin();
	page = alloc_page(GFP_HIGHUSER);
	KTEST_ASSERT_TRUE(t, page != NULL && PageHighMem(page));
	KTEST_EXPECT_TRUE(t, page_address(page) == NULL);
	a = kmap(page);
	b = kmap(page);
	KTEST_ASSERT_TRUE(t, a != NULL);
	KTEST_EXPECT_TRUE(t, a == b);
	KTEST_EXPECT_TRUE(t, page_address(page) == a);
	slot = (int)(((unsigned long)a - PKMAP_BASE) >> PAGE_SHIFT);
	KTEST_EXPECT_EQ(t, pkmap_slot_count(slot), 3);          /* two users */
	kunmap(page);
	kunmap(page);
	KTEST_EXPECT_EQ(t, pkmap_slot_count(slot), 1);          /* mapped, unused, not flushed */
	flushes = pkmap_flushes;
	/*
	 * Read through the slot (the TLB now holds its translation), then go
	 * round the ring with other pages, each marked with its index. The
	 * wrap clears the slot; the page that gets it next must be what a read
	 * through the slot's address sees, not the stale translation to page.
	 * Slots still at 1 are skipped until the wrap, so this may take more
	 * than LAST_PKMAP pages.
	 */
	*(volatile unsigned long *)a = 0xaaaaaaaa;
	KTEST_EXPECT_EQ(t, *(volatile unsigned long *)a, 0xaaaaaaaa);
	static struct page *others[2 * LAST_PKMAP];
	int reused = -1, n = 0;
	for (; n < 2 * LAST_PKMAP && reused < 0; n++) {
		int i = n;
		unsigned long *mark;
		void *o;

		others[i] = alloc_page(GFP_HIGHUSER);
		KTEST_ASSERT_TRUE(t, others[i] != NULL);
		mark = kmap_atomic(others[i]);
		*mark = 0x5100 + (unsigned long)i;
		kunmap_atomic(mark);
		o = kmap(others[i]);
		KTEST_ASSERT_TRUE(t, o != NULL);
		if (o == a && reused < 0) {
			reused = i;
			KTEST_EXPECT_EQ(t, *(volatile unsigned long *)o, 0x5100 + (unsigned long)i);
		}
		kunmap(others[i]);
	}
	KTEST_EXPECT_GE(t, reused, 0);                          /* the slot came round again */
	KTEST_EXPECT_EQ(t, pkmap_flushes, flushes + 1);
	KTEST_EXPECT_TRUE(t, page_address(page) == NULL);      /* its stale slot was cleared */
	for (int i = 0; i < n; i++)
		__free_page(others[i]);
	__free_page(page);
	end(t);
}

static void kmap_runs_out_cleanly(struct ktest *t)
{
	static struct page *held[LAST_PKMAP];
	int n = 0, pkmap_slots_busy_before = 0;
	struct page *extra;

	if (!populated_zone(&zones[ZONE_HIGHMEM]) || zones[ZONE_HIGHMEM].managed_pages < 2 * LAST_PKMAP)
		KTEST_SKIP(t, "needs 2 * LAST_PKMAP highmem pages (boot with 1 GiB or more)");
	begin();
	for (int i = 0; i < LAST_PKMAP; i++)
		pkmap_slots_busy_before += pkmap_slot_count(i) >= 2;
	for (; n < LAST_PKMAP; n++) {
		held[n] = alloc_page(GFP_HIGHUSER);
		KTEST_ASSERT_TRUE(t, held[n] != NULL);
		if (!kmap(held[n])) {
			__free_page(held[n]);
			break;
		}
	}
	KTEST_EXPECT_EQ(t, n, LAST_PKMAP - pkmap_slots_busy_before);   /* every free slot could be used */
	extra = alloc_page(GFP_HIGHUSER);
	KTEST_ASSERT_TRUE(t, extra != NULL);
	KTEST_EXPECT_TRUE(t, kmap(extra) == NULL);      /* no slot: NULL, not corruption */
	__free_page(extra);
	while (n--) {
		kunmap(held[n]);
		__free_page(held[n]);
	}
	end(t);
}

static void kmap_atomic_nests_as_a_stack(struct ktest *t)
{
	struct page *p1, *p2;
	unsigned char *a, *b;

	begin();
	p1 = alloc_page(GFP_HIGHUSER);
	p2 = alloc_page(GFP_HIGHUSER);
	KTEST_ASSERT_TRUE(t, p1 && p2);
	a = kmap_atomic(p1);
	b = kmap_atomic(p2);
	if (PageHighMem(p1) && PageHighMem(p2)) {
		KTEST_EXPECT_EQ(t, kmap_atomic_depth(), 2);
		KTEST_EXPECT_EQ(t, (unsigned long)a, fix_to_virt(FIX_KMAP_BEGIN));
		KTEST_EXPECT_EQ(t, (unsigned long)b, fix_to_virt(FIX_KMAP_BEGIN + 1));
	}
	a[0] = 1;
	b[0] = 2;
	kunmap_atomic(b);
	kunmap_atomic(a);
	KTEST_EXPECT_EQ(t, kmap_atomic_depth(), 0);
	/* each write went to its own page: read them back through fresh mappings */
	a = kmap_atomic(p1);
	KTEST_EXPECT_EQ(t, a[0], 1);
	kunmap_atomic(a);
	b = kmap_atomic(p2);
	KTEST_EXPECT_EQ(t, b[0], 2);
	kunmap_atomic(b);
	if (PageHighMem(p1))
		KTEST_EXPECT_FALSE(t, pte_present(*lookup_kernel_pte((unsigned long)a)));
	__free_page(p1);
	__free_page(p2);
	end(t);
}

static void fixmap_slot_maps_a_chosen_page(struct ktest *t)
{
	struct page *page;
	volatile unsigned long *v = (volatile unsigned long *)fix_to_virt(FIX_DEMO);

	begin();
	page = alloc_page(GFP_KERNEL);
	KTEST_ASSERT_TRUE(t, page != NULL);
	*(unsigned long *)page_address(page) = 0xfeedf00d;
	set_fixmap(FIX_DEMO, page_to_phys(page));
	KTEST_EXPECT_EQ(t, *v, 0xfeedf00d);
	clear_fixmap(FIX_DEMO);
	KTEST_EXPECT_FALSE(t, pte_present(*lookup_kernel_pte((unsigned long)v)));
	__free_page(page);
	end(t);
}

/*
 * A page directory copied before a vmalloc made a new page table (as a
 * process's would be) lacks that PDE; the first touch faults and
 * vmalloc_fault copies it in. The stale copy is made here on purpose (the
 * area's PDE cleared in a copy of swapper_pg_dir), so the test does not
 * depend on which page tables earlier tests or programs left behind.
 */
static void vmalloc_fault_syncs_a_stale_page_directory(struct ktest *t)
{
	struct page *page;
	pgd_t *copy;
	unsigned char *p;
	unsigned long cr3 = read_cr3(), addr;

	begin();
	copy = (pgd_t *)get_zeroed_page(GFP_KERNEL);
	page = alloc_page(GFP_KERNEL);
	KTEST_ASSERT_TRUE(t, copy && page);
	p = vmap(&page, 1, 0, PAGE_KERNEL);
	KTEST_ASSERT_TRUE(t, p != NULL);
	addr = (unsigned long)p;
	KTEST_ASSERT_TRUE(t, pgd_present(swapper_pg_dir[pgd_index(addr)]));
	memcpy(copy, swapper_pg_dir, PAGE_SIZE);
	copy[pgd_index(addr)] = 0;      /* as if copied before this page table existed */
	/* nothing this code runs on (text, stack, copy itself) lives in vmalloc space */
	KTEST_ASSERT_TRUE(t, pgd_index(addr) != pgd_index((unsigned long)&cr3) &&
			     pgd_index(addr) != pgd_index((unsigned long)copy));
	write_cr3(__pa(copy));
	*(volatile unsigned char *)p = 42;      /* faults once, then works */
	write_cr3(cr3);
	KTEST_EXPECT_EQ(t, copy[pgd_index(addr)], swapper_pg_dir[pgd_index(addr)]);
	KTEST_EXPECT_EQ(t, *(volatile unsigned char *)p, 42);
	KTEST_EXPECT_EQ(t, ((unsigned char *)page_address(page))[0], 42);
	vunmap(p);
	__free_page(page);
	free_page((unsigned long)copy);
	end(t);
}

static unsigned long vm_total, vm_used, vm_chunk;

static void take_vmalloc_row(const char *name, unsigned long kb)
{
	if (strcmp(name, "VmallocTotal") == 0)
		vm_total = kb;
	else if (strcmp(name, "VmallocUsed") == 0)
		vm_used = kb;
	else if (strcmp(name, "VmallocChunk") == 0)
		vm_chunk = kb;
}

/*
 * Used and largest gap, worked out here from what show_vmallocinfo()
 * prints ("0xSTART-0xEND SIZE ..." per area, in address order) rather
 * than asked of vmlist.c. Returns how many areas it read.
 */
static int walk_vmalloc_area(struct ktest *t, unsigned long *used, unsigned long *gap)
{
	static char out[16384];
	unsigned long prev_end = VMALLOC_START;
	int areas = 0;
	char *p = out, *end;

	console_capture(out, sizeof(out));
	show_vmallocinfo();
	KTEST_ASSERT_TRUE(t, console_capture_end() < sizeof(out) - 1);
	*used = *gap = 0;
	while (*p) {
		unsigned long start, stop, size;

		KTEST_ASSERT_TRUE(t, p[0] == '0' && p[1] == 'x');
		start = simple_strtoul(p + 2, &end, 16);
		KTEST_ASSERT_TRUE(t, end[0] == '-' && end[1] == '0' && end[2] == 'x');
		stop = simple_strtoul(end + 3, &end, 16);
		while (*end == ' ')
			end++;
		size = simple_strtoul(end, &end, 10);
		KTEST_EXPECT_EQ(t, stop - start, size);
		KTEST_EXPECT_GE(t, start, prev_end);
		*used += size;
		if (start - prev_end > *gap)
			*gap = start - prev_end;
		prev_end = stop;
		areas++;
		p = strchr(p, '\n');
		KTEST_ASSERT_TRUE(t, p != NULL);
		while (*p == '\n' || *p == '\r')
			p++;
	}
	if (VMALLOC_END - prev_end > *gap)
		*gap = VMALLOC_END - prev_end;
	return areas;
}

/* /proc/meminfo's Vmalloc rows: the area's size, what the areas take, the largest hole. */
static void meminfo_vmalloc_rows_add_up(struct ktest *t)
{
	unsigned long used0, used, gap;
	void *p;

	begin();
	vm_used = ~0UL;
	vmalloc_meminfo_rows(take_vmalloc_row);
	used0 = vm_used;
	walk_vmalloc_area(t, &used, &gap);
	KTEST_EXPECT_EQ(t, vm_total, (VMALLOC_END - VMALLOC_START) / 1024);
	KTEST_EXPECT_EQ(t, vm_used, used / 1024);
	KTEST_EXPECT_EQ(t, vm_chunk, gap / 1024);
	p = vmalloc(3 * PAGE_SIZE);
	KTEST_ASSERT_TRUE(t, p != NULL);
	vmalloc_meminfo_rows(take_vmalloc_row);
	KTEST_EXPECT_EQ(t, vm_used, used0 + 16);        /* three pages and the guard page */
	KTEST_EXPECT_GE(t, walk_vmalloc_area(t, &used, &gap), 1);
	KTEST_EXPECT_EQ(t, vm_used, used / 1024);
	KTEST_EXPECT_EQ(t, vm_chunk, gap / 1024);
	vfree(p);
	vmalloc_meminfo_rows(take_vmalloc_row);
	KTEST_EXPECT_EQ(t, vm_used, used0);
	end(t);
}

static void vmalloc_guard_page_faults(struct ktest *t)
{
	volatile unsigned char *p;

	begin();
	p = vmalloc(2 * PAGE_SIZE);
	KTEST_ASSERT_TRUE(t, p != NULL);
	p[2 * PAGE_SIZE - 1] = 1;                       /* the last byte: fine */
	KTEST_EXPECT_FAULT(t, p[2 * PAGE_SIZE] = 1);    /* one past: the guard page */
	KTEST_EXPECT_EQ(t, t->fault_addr, (unsigned long)p + 2 * PAGE_SIZE);
	KTEST_EXPECT_EQ(t, t->fault_error, 2);          /* not present, write, kernel */
	KTEST_EXPECT_FAULT(t, *(volatile unsigned char *)_text = 0x90);
	KTEST_EXPECT_EQ(t, t->fault_error, 3);          /* protection, write: text is RO */
	vfree((void *)p);
	end(t);
}

/* Largest free buddy block in any zone, in bytes. */
static unsigned long largest_free_block(void)
{
	unsigned long best = 0;

	for (int z = 0; z < MAX_NR_ZONES; z++)
		for (int o = 0; o < MAX_ORDER; o++)
			if (zones[z].free_area[o].nr_free && (PAGE_SIZE << o) > best)
				best = PAGE_SIZE << o;
	return best;
}

static void vmalloc_beats_the_largest_contiguous_block(struct ktest *t)
{
	unsigned long size;
	unsigned char *p;

	begin();
	size = 2 * largest_free_block();
	if (size > nr_free_pages() * PAGE_SIZE / 2)
		size = nr_free_pages() * PAGE_SIZE / 2;
	KTEST_ASSERT_TRUE(t, size > largest_free_block());
	p = vmalloc(size);
	KTEST_ASSERT_TRUE(t, p != NULL);
	p[0] = 1;
	p[size - 1] = 2;
	vfree(p);
	end(t);
}

/* One highmem page seen three ways: kmap, kmap_atomic, and a vmap of it. */
static void one_page_through_kmap_kmap_atomic_and_vmap(struct ktest *t)
{
	struct page *page;
	unsigned char *k, *a, *v;

	begin();
	page = alloc_page(GFP_HIGHUSER);
	KTEST_ASSERT_TRUE(t, page != NULL);
	k = kmap(page);
	KTEST_ASSERT_TRUE(t, k != NULL);
	memcpy(k, "pagoda", 7);
	a = kmap_atomic(page);
	KTEST_EXPECT_STREQ(t, (char *)a, "pagoda");
	kunmap_atomic(a);
	v = vmap(&page, 1, 0, PAGE_KERNEL);
	KTEST_ASSERT_TRUE(t, v != NULL);
	KTEST_EXPECT_STREQ(t, (char *)v, "pagoda");
	v[0] = 'P';
	KTEST_EXPECT_EQ(t, k[0], 'P');
	vunmap(v);
	kunmap(page);
	__free_page(page);
	end(t);
}

static struct ktest_case kvm_cases[] = {
	KTEST_CASE(vmalloc_fault_syncs_a_stale_page_directory),
	KTEST_CASE(vmalloc_guard_page_faults),
	KTEST_CASE(vmalloc_beats_the_largest_contiguous_block),
	KTEST_CASE(one_page_through_kmap_kmap_atomic_and_vmap),
	KTEST_CASE(layout_matches_linux_formulas),
	KTEST_CASE(kernel_text_is_read_only_and_lowmem_mapped),
	KTEST_CASE(vmalloc_maps_highmem_pages_with_a_guard),
	KTEST_CASE(vzalloc_zeroes_and_big_areas_work),
	KTEST_CASE(vmap_shows_the_same_pages),
	KTEST_CASE(ioremap_maps_vga_memory_and_refuses_ram),
	KTEST_CASE(kmap_counts_users_and_flushes_on_wrap),
	KTEST_CASE(kmap_runs_out_cleanly),
	KTEST_CASE(kmap_atomic_nests_as_a_stack),
	KTEST_CASE(fixmap_slot_maps_a_chosen_page),
	KTEST_CASE(meminfo_vmalloc_rows_add_up),
	{}
};
KTEST_SUITE(kvm, kvm_cases);
