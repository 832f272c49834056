/*
 * Drives mm/vma.c on the host against a model: a sorted array of ranges
 * with their attributes. Every vh_*() operation does the same thing to
 * the real mm and to the model, then checks vma_check(), that the VMA
 * list equals the model range by range, and that every VMA allocated is
 * in the mm (no leak). It returns the number of disagreements, printed
 * as "# ..." lines; 0 means mm/vma.c did what the model expected.
 * Shared by tests/host/test_vma.c and tests/fuzz/fuzz_vma.c.
 */
#ifndef PAGODA_TESTS_VMA_HARNESS_H
#define PAGODA_TESTS_VMA_HARNESS_H

#include <stdbool.h>
#include "linux/vma.h"

#define VH_MAX_RANGES	1024

/* What the model knows about one VMA. */
struct mrange {
	unsigned long start, end;
	unsigned long flags;
	uint32_t prot;
	struct file *file;
	unsigned long pgoff;
	const char *name;
};

enum vh_op { VH_INSERT, VH_REMOVE, VH_SPLIT, VH_MERGE, VH_FIND, VH_UNMAPPED, VH_NR_OPS };

struct vh {
	struct mm_struct mm;
	struct mrange r[VH_MAX_RANGES];	/* sorted by start, disjoint */
	int n;
	unsigned long ops[VH_NR_OPS];	/* operations done, by kind */
	unsigned long bad[VH_NR_OPS];	/* disagreements found, by kind */
	unsigned long rejected;		/* inserts refused, -EEXIST or -EINVAL */
	unsigned long merged;		/* VMAs absorbed by merges */
	unsigned long nomem;		/* get_unmapped_area() answered -ENOMEM */
};

extern const char *const vh_op_name[VH_NR_OPS];

/* vm_area_alloc()/vm_area_free() on the host: malloc, counted. */
extern long vh_live;		/* allocated and not yet freed */
extern bool vh_fail_alloc;	/* make the next vm_area_alloc() fail */
/* vma_link_rmap() calls: insert_vm_struct() makes one, a merge that hands on an anon_vma another. */
extern long vh_rmap_links;

/*
 * attr (any number) picks the flags, protection, file, name and file
 * offset of a new VMA from a few values, so that neighbours often match.
 */
void vh_init(struct vh *h, unsigned long mmap_base);
int vh_insert(struct vh *h, unsigned long start, unsigned long len, unsigned int attr);
int vh_remove(struct vh *h, unsigned int which);
int vh_split(struct vh *h, unsigned int which, unsigned int at_page, bool new_below,
	     bool fail_alloc);
int vh_merge(struct vh *h, unsigned int which);
int vh_find(struct vh *h, unsigned long addr, unsigned long len);
/* get_unmapped_area(); if insert_attr >= 0, map the answer as mmap() would. */
int vh_unmapped(struct vh *h, unsigned long hint, unsigned long len, int insert_attr);
/* exit_mmap_vmas(): the mm is empty and every VMA freed. */
int vh_exit(struct vh *h);

/*
 * An address to aim at from two random numbers: in one of a few
 * 1 MiB windows (at 0x08048000, around mmap_base, just below TASK_SIZE),
 * page aligned unless unaligned is set.
 */
unsigned long vh_addr(const struct vh *h, unsigned int r1, unsigned int r2, bool unaligned);

#endif
