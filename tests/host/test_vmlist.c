/*
 * The vmalloc address-range allocator (mm/vmlist.c) against a page-grid
 * model: random inserts and removes; areas never overlap, stay inside
 * [start, end), first fit picks the lowest gap that fits, and the used
 * and largest-gap figures agree with the model after every step.
 */
#include <stdlib.h>
#include <string.h>
#include "linux/vmalloc.h"
#include "tap.h"

#define PG      4096UL
#define NPAGES  256
#define START   0xf8800000UL

static bool model[NPAGES];
static struct vm_struct pool[NPAGES];
static bool in_use[NPAGES];

static unsigned long model_first_fit(unsigned long pages)
{
	for (unsigned long i = 0; i + pages <= NPAGES; i++) {
		unsigned long j = 0;

		while (j < pages && !model[i + j])
			j++;
		if (j == pages)
			return i;
	}
	return NPAGES;
}

static unsigned long model_largest_gap(void)
{
	unsigned long best = 0, run = 0;

	for (int i = 0; i < NPAGES; i++) {
		run = model[i] ? 0 : run + 1;
		if (run > best)
			best = run;
	}
	return best * PG;
}

int main(void)
{
	struct vm_list list = { NULL, START, START + NPAGES * PG };
	bool fit_ok = true, stats_ok = true, check_ok = true, find_ok = true;
	unsigned long used = 0;

	srand(4242);
	for (int step = 0; step < 20000; step++) {
		int slot = rand() % NPAGES;

		if (!in_use[slot]) {
			unsigned long pages = 1 + (unsigned long)(rand() % 12);
			unsigned long expect = model_first_fit(pages);
			int rc = vmlist_insert(&list, &pool[slot], pages * PG, PG);

			if (expect == NPAGES) {
				fit_ok &= rc != 0;
			} else {
				fit_ok &= rc == 0 && pool[slot].addr == START + expect * PG;
				if (rc == 0) {
					for (unsigned long i = 0; i < pages; i++)
						model[expect + i] = true;
					in_use[slot] = true;
					used += pages * PG;
				}
			}
		} else {
			struct vm_struct *a = &pool[slot];
			unsigned long first = (a->addr - START) / PG, pages = a->size / PG;

			find_ok &= vmlist_find(&list, a->addr + a->size - 1) == a;
			find_ok &= vmlist_remove(&list, a->addr) == a;
			find_ok &= vmlist_find(&list, a->addr) == NULL;
			for (unsigned long i = 0; i < pages; i++)
				model[first + i] = false;
			in_use[slot] = false;
			used -= a->size;
		}
		check_ok &= vmlist_check(&list) == 0;
		stats_ok &= vmlist_used(&list) == used && vmlist_largest_gap(&list) == model_largest_gap();
	}
	ok(fit_ok, "20000 random steps: every insert lands at the model's first fit");
	ok(check_ok, "no overlap, sorted, inside the range after every step");
	ok(stats_ok, "used bytes and largest gap match the model after every step");
	ok(find_ok, "find and remove return the right area");
	ok(vmlist_insert(&list, &pool[0], 0, PG) != 0, "zero-size insert refused");
	ok(vmlist_insert(&list, &pool[0], (NPAGES + 1) * PG, PG) != 0, "oversized insert refused");
	for (int i = 0; i < NPAGES; i++)
		if (in_use[i])
			vmlist_remove(&list, pool[i].addr);
	ok(list.head == NULL && vmlist_largest_gap(&list) == NPAGES * PG, "empty after removing everything");
	return tap_done();
}
