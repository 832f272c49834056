/*
 * The XArray (Linux's include/linux/xarray.h, lib/xarray.c): an array of
 * pointers indexed by unsigned long, sparse, kept as a radix tree of
 * 64-slot nodes so a lookup costs one step per 6 bits of index. The page
 * cache finds a file's page by (mapping, index) in one.
 *
 * Step 0 of the page-cache work fixes the interface; lib/xarray.c fills it
 * in (and is unit-tested on the host).
 */
#ifndef PAGODA_XARRAY_H
#define PAGODA_XARRAY_H

#include <stdbool.h>
#include "linux/gfp.h"

struct xarray {
	void *xa_head;          /* NULL (empty), an entry (only index 0), or the top node */
};

#define XA_CHUNK_SHIFT 6
#define XA_CHUNK_SIZE  (1UL << XA_CHUNK_SHIFT)  /* slots in a node */
#define XA_CHUNK_MASK  (XA_CHUNK_SIZE - 1)

/*
 * One node of the tree (Linux's struct xa_node). Slot i holds what lies
 * at indices [base + i << shift, base + (i + 1) << shift): an entry when
 * shift is 0, else a child node (tagged: see xa_mk_node in lib/xarray.c).
 */
struct xa_node {
	unsigned char shift;            /* index bits below this node's slots: 0 for a leaf */
	unsigned char offset;           /* which slot of parent points here */
	unsigned char count;            /* slots in use */
	struct xa_node *parent;         /* NULL for the top node */
	void *slots[XA_CHUNK_SIZE];
};

/* Where nodes come from: the kernel's slab cache (lib/radix-tree.c), malloc in the host tests. NULL if none. */
struct xa_node *xa_node_alloc(gfp_t gfp);
/* Make the kernel's node cache at boot (Linux's radix_tree_init). */
void radix_tree_init(void);
void xa_node_free(struct xa_node *node);

#define XARRAY_INIT { .xa_head = NULL }

static inline void xa_init(struct xarray *xa) { xa->xa_head = NULL; }
static inline bool xa_empty(const struct xarray *xa) { return xa->xa_head == NULL; }

/* The entry at index, or NULL (Linux's xa_load). */
void *xa_load(struct xarray *xa, unsigned long index);
/*
 * Store entry (NULL erases) at index, allocating nodes with gfp. Returns
 * the entry that was there (or NULL), or xa_mk_err(-ENOMEM) if a node
 * could not be had, when nothing changed (Linux's xa_store). The entry
 * must be at least 4-byte aligned (a pointer): the low bits tag nodes.
 */
void *xa_store(struct xarray *xa, unsigned long index, void *entry, gfp_t gfp);
/* Remove the entry at index, freeing nodes left empty: the old entry (Linux's xa_erase). */
void *xa_erase(struct xarray *xa, unsigned long index);
/*
 * The first present entry at an index >= *index and <= max, with *index
 * set to where it is; NULL if none (Linux's xa_find). xa_for_each walks
 * every entry in index order with it.
 */
void *xa_find(struct xarray *xa, unsigned long *index, unsigned long max);
/* Free every node (the entries are the caller's); the array is empty after. */
void xa_destroy(struct xarray *xa);

/* Errors travel as odd-looking pointers, as Linux's xa_err() encodes them. */
static inline void *xa_mk_err(long err) { return (void *)((unsigned long)(-err) << 2 | 2); }
static inline bool xa_is_err(const void *entry)
{
	return ((unsigned long)entry & 3) == 2 && (unsigned long)entry <= (4096UL << 2);
}
static inline int xa_err(const void *entry) { return xa_is_err(entry) ? -(int)((unsigned long)entry >> 2) : 0; }

#define xa_for_each(xa, index, entry) \
	for ((index) = 0, (entry) = xa_find((xa), &(index), ~0UL); (entry); \
	     (entry) = (++(index) == 0) ? NULL : xa_find((xa), &(index), ~0UL))

#endif
