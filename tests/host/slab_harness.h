/*
 * Drives the slab allocator (mm/slab*.c, mm/slab_common.c) on the host
 * against a model: the live objects, their sizes and the byte each was
 * filled with. Every h_*() checks what it can see (alignment, the object
 * inside a slab of its cache, no overlap with any other live object,
 * contents kept, constructor run, the expected error reports) and
 * returns the number of problems, printed as "# ..." lines.
 * Shared by tests/host/test_slab.c and tests/fuzz/fuzz_slab.c.
 */
#ifndef PAGODA_TESTS_SLAB_HARNESS_H
#define PAGODA_TESTS_SLAB_HARNESS_H

#include <stddef.h>
#include <stdint.h>
#include "linux/slab_def.h"

#define H_CACHES	6
#define H_OBJS		1024

struct hobj {
	unsigned char *p;
	size_t size;			/* asked for */
	size_t usable;			/* ksize(): what may be written */
	int cache;			/* index in caches[], -1 for kmalloc */
	unsigned char fill;
};

struct harness {
	struct kmem_cache *caches[H_CACHES];
	size_t align[H_CACHES];
	struct hobj objs[H_OBJS];
	int nr, peak;			/* live objects now, at most */
	unsigned long base_pages;	/* fake pages out before the run */
	unsigned long steps, allocs, frees, injected;
};

/* After kmem_cache_init(): remember the pages held, make the caches. */
void h_init(struct harness *h, uint32_t seed);

/* One random operation chosen by r; checks afterwards. */
int h_step(struct harness *h, uint32_t r, uint32_t r2);

/* Every cache's invariants, and its object count against the model. */
int h_check(struct harness *h);

/* Free everything, destroy the caches: every page must be back. */
int h_finish(struct harness *h);

#endif
