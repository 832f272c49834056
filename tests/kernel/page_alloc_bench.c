/*
 * Benchmarks of the page allocator, run by `make bench` under
 * qemu -icount shift=0, where rdtsc counts guest instructions: the
 * figures are exact and repeatable. They report; they assert nothing.
 */
#include <stdint.h>
#include "asm/io.h"
#include "kunit/test.h"
#include "linux/highmem.h"
#include "linux/mm.h"
#include "linux/page_alloc.h"
#include "linux/printk.h"
#include "linux/slab.h"
#include "linux/vmalloc.h"

#define ROUNDS 1000

extern uint64_t mem_init_instructions;

static uint64_t rdtsc_overhead(void)
{
	uint64_t t0 = rdtsc();

	return rdtsc() - t0;
}

static void report(const char *what, uint64_t total, unsigned long n)
{
	kprintf("BENCH %-34s %8llu instructions per op\n", what, total / n);
}

static uint64_t pair(gfp_t gfp, unsigned int order, bool drain_first)
{
	uint64_t total = 0, overhead = rdtsc_overhead();

	for (int i = 0; i < ROUNDS; i++) {
		struct page *page;
		uint64_t t0;

		if (drain_first)
			drain_local_pages();
		t0 = rdtsc();
		page = alloc_pages(gfp, order);
		__free_pages(page, order);
		total += rdtsc() - t0 - overhead;
	}
	return total;
}

static void bench_page_alloc_pairs(struct ktest *t)
{
	(void)t;
	pair(GFP_KERNEL, 0, false);     /* warm up: fill the per-CPU list */
	report("order-0 alloc+free (per-CPU list)", pair(GFP_KERNEL, 0, false), ROUNDS);
	report("order-0 alloc+free (list empty)", pair(GFP_KERNEL, 0, true), ROUNDS);
	report("order-3 alloc+free", pair(GFP_KERNEL, 3, false), ROUNDS);
	report("order-10 alloc+free", pair(GFP_KERNEL, 10, false), ROUNDS);
	kprintf("BENCH %-34s %8llu instructions per page (%lu pages, %llu total)\n",
		"memory initialisation", mem_init_instructions / max_pfn, max_pfn, mem_init_instructions);
}

static void bench_kernel_mappings(struct ktest *t)
{
	struct page *page = alloc_page(GFP_HIGHUSER);
	uint64_t overhead = rdtsc_overhead(), kmap_total = 0, atomic_total = 0, vm_total = 0;

	(void)t;
	for (int i = 0; i < ROUNDS; i++) {
		uint64_t t0 = rdtsc();
		void *p = kmap(page);

		kunmap(page);
		kmap_total += rdtsc() - t0 - overhead;
		(void)p;
		t0 = rdtsc();
		p = kmap_atomic(page);
		kunmap_atomic(p);
		atomic_total += rdtsc() - t0 - overhead;
	}
	for (int i = 0; i < 100; i++) {
		uint64_t t0 = rdtsc();

		vfree(vmalloc(64 << 10));
		vm_total += rdtsc() - t0 - overhead;
	}
	kprintf("BENCH %-34s %8llu instructions per op\n",
		PageHighMem(page) ? "kmap+kunmap (highmem page)" : "kmap+kunmap (lowmem page)", kmap_total / ROUNDS);
	kprintf("BENCH %-34s %8llu instructions per op\n",
		PageHighMem(page) ? "kmap_atomic pair (highmem page)" : "kmap_atomic pair (lowmem page)", atomic_total / ROUNDS);
	report("vmalloc(64 KiB)+vfree", vm_total, 100);
	__free_page(page);
}

static void bench_slab(struct ktest *t)
{
	struct kmem_cache *c = kmem_cache_create("bench-48", 48, 0, 0, NULL);
	uint64_t overhead = rdtsc_overhead(), km = 0, kc = 0;

	(void)t;
	kfree(kmalloc(64, GFP_KERNEL));         /* warm: a slab exists */
	kmem_cache_free(c, kmem_cache_alloc(c, GFP_KERNEL));
	for (int i = 0; i < ROUNDS; i++) {
		uint64_t t0 = rdtsc();

		kfree(kmalloc(64, GFP_KERNEL));
		km += rdtsc() - t0 - overhead;
		t0 = rdtsc();
		kmem_cache_free(c, kmem_cache_alloc(c, GFP_KERNEL));
		kc += rdtsc() - t0 - overhead;
	}
	report("kmalloc(64)+kfree", km, ROUNDS);
	report("kmem_cache_alloc+free (48 bytes)", kc, ROUNDS);
	kmem_cache_destroy(c);
}

static struct ktest_case bench_cases[] = {
	KTEST_CASE(bench_slab),
	KTEST_CASE(bench_kernel_mappings),
	KTEST_CASE(bench_page_alloc_pairs),
	{}
};
KTEST_SUITE_EXPLICIT(bench_page_alloc, bench_cases);
