/*
 * Drives mm/buddy.c on the host against a reference model: one state per
 * page frame (hole, free, used) and the list of blocks handed out. Every
 * h_*() returns the number of disagreements found, after printing them
 * as "# ..." lines; 0 means the allocator did what the model expected.
 * Shared by tests/host/test_buddy.c and tests/fuzz/fuzz_buddy.c.
 */
#ifndef PAGODA_TESTS_BUDDY_HARNESS_H
#define PAGODA_TESTS_BUDDY_HARNESS_H

#include <stddef.h>
#include "linux/buddy.h"

enum { M_HOLE, M_FREE, M_USED };

struct block {
	unsigned long pfn;
	unsigned int order;
};

struct hzone {
	struct zone zone;
	unsigned long start, end;	/* the span, for short */
	unsigned char *state;		/* per pfn of the span: M_* */
	unsigned long nr_free;		/* M_FREE pages */
	struct block *allocs;		/* blocks handed out, not yet freed */
	size_t nr_allocs;
	struct block last_freed;	/* for double frees; order MAX_ORDER = none */
	unsigned long *snap, *snap2;	/* free-list snapshots */
	unsigned char *seen;		/* scratch */
	char report[200];		/* the last bad free's printk, one line */
	unsigned long nr_alloc_ok, nr_alloc_fail, nr_freed, nr_bad;	/* stats */
};

/*
 * mem_map for pfns [0, max_pfn), allocated to exactly that size so that
 * the sanitizer catches a look past its end. Every frame starts as the
 * kernel's memory map leaves it: reserved, one reference, unmapped.
 */
void memmap_init(unsigned long max_pfn);
void memmap_exit(void);

/* A zone spanning [start, end), all holes until ranges are added. */
void h_init(struct hzone *h, const char *name, enum zone_type idx,
	    unsigned long start, unsigned long end);
void h_exit(struct hzone *h);

/* buddy_add_free_range(), with the model predicting which blocks take. */
int h_add_range(struct hzone *h, unsigned long start, unsigned long end);

/* Allocate; a failure is only right if no aligned free run exists. */
int h_alloc(struct hzone *h, unsigned int order);

/*
 * Free handed-out block i (mod nr_allocs), whole or, chosen by the bits
 * of r, split into pieces freed one by one in random order.
 */
int h_free(struct hzone *h, size_t i, unsigned long r);

/* Free everything handed out, whole. */
int h_free_all(struct hzone *h);

#define NR_BAD_FREES 8
/* Bad free number kind (see the table in the .c); r picks the victim. */
int h_bad_free(struct hzone *h, unsigned int kind, unsigned long r);
extern const char *const bad_free_names[NR_BAD_FREES];

/*
 * printk is printf on the host. Catch it while a bad free runs, to check
 * that it reported, and so that expected reports do not flood the output.
 */
void capture_begin(void);
const char *capture_end(void);		/* the text, until the next capture */
/* Print captured text as "# " lines, without the KERN_ level prefixes. */
void print_as_diag(const char *text);

/* buddy_check_zone() plus: the free lists hold exactly the M_FREE pages. */
int h_check(struct hzone *h);

/* Free lists as pfn * 16 + order, in list order; returns the count. */
size_t h_snapshot(const struct hzone *h, unsigned long *buf);
/* Same blocks, whatever the order on the lists? */
bool same_blocks(unsigned long *a, size_t na, unsigned long *b, size_t nb);

#endif
