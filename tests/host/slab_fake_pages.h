/*
 * Pages for the slab allocator in host tests (tests/host/slab_fake_pages.c):
 * kmem_getpages() and friends over aligned_alloc(), each block with its
 * own struct pages, so a test can count what the slab still holds.
 */
#ifndef PAGODA_TESTS_SLAB_FAKE_PAGES_H
#define PAGODA_TESTS_SLAB_FAKE_PAGES_H

extern unsigned long fake_pages_out;	/* pages handed out, not yet freed */
extern unsigned long fake_bad_frees;	/* blocks freed wrong: unknown, wrong order, state left */
extern long fake_fail_after;		/* fail the request after this many; -1: never */

#endif
