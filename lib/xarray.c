/*
 * The XArray (Linux's lib/xarray.c): a sparse array of pointers kept as a
 * radix tree of 64-slot nodes. The head is NULL, the one entry at index 0,
 * or the top node; a node of shift s splits its range by index bits
 * [s, s + 6), so a leaf (shift 0) holds entries and every node above holds
 * children. The tree is only as tall as the largest index needs (index
 * 4095 of a file: two levels), grows a level on top when a larger one
 * arrives and shrinks again when the top has only slot 0 left.
 *
 * Pointers to child nodes carry the tag 2 in their low bits (Linux's
 * xa_mk_node), which is how a lookup tells a node from an entry; entries
 * are aligned pointers (struct page *), so theirs are 0. No locking: the
 * callers hold whatever protects the array (one CPU, no preemption in the
 * kernel while it changes). Marks (Linux's XA_MARK_DIRTY...) are left
 * out: write-back walks the pages and tests PG_dirty.
 *
 * Built for the host too (tests/host/test_xarray.c), with malloc nodes.
 */
#include "linux/bug.h"
#include "linux/errno.h"
#include "linux/xarray.h"

#define BITS_PER_LONG ((unsigned int)sizeof(unsigned long) * 8)

static inline void *xa_mk_node(const struct xa_node *node)
{
	return (void *)((unsigned long)node | 2);
}

/* A node pointer: tagged 2, and above the range the error entries use. */
static inline bool xa_is_node(const void *entry)
{
	return ((unsigned long)entry & 3) == 2 && (unsigned long)entry > (4096UL << 2);
}

static inline struct xa_node *xa_to_node(const void *entry)
{
	return (struct xa_node *)((unsigned long)entry - 2);
}

/* The largest index a node of this shift at the top can hold. */
static unsigned long xa_node_max(unsigned int shift)
{
	if (shift + XA_CHUNK_SHIFT >= BITS_PER_LONG)
		return ~0UL;
	return (XA_CHUNK_SIZE << shift) - 1;
}

/* The slot of node that index falls in. */
static inline unsigned int xa_offset(const struct xa_node *node, unsigned long index)
{
	return (index >> node->shift) & XA_CHUNK_MASK;
}

void *xa_load(struct xarray *xa, unsigned long index)
{
	void *entry = xa->xa_head;

	if (!xa_is_node(entry))
		return index == 0 ? entry : NULL;
	if (index > xa_node_max(xa_to_node(entry)->shift))
		return NULL;
	while (xa_is_node(entry)) {
		struct xa_node *node = xa_to_node(entry);

		entry = node->slots[xa_offset(node, index)];
	}
	return entry;
}

static struct xa_node *xa_new_node(unsigned int shift, struct xa_node *parent, unsigned int offset, gfp_t gfp)
{
	struct xa_node *node = xa_node_alloc(gfp);

	if (!node)
		return NULL;
	node->shift = (unsigned char)shift;
	node->offset = (unsigned char)offset;
	node->count = 0;
	node->parent = parent;
	for (unsigned long i = 0; i < XA_CHUNK_SIZE; i++)
		node->slots[i] = NULL;
	return node;
}

/*
 * Free node and its ancestors while they hold nothing, unhooking each
 * from its parent (or the head): after an erase, or a store that failed
 * half-way down (Linux's xas_delete_node).
 */
static void xa_delete_empty(struct xarray *xa, struct xa_node *node)
{
	while (node && node->count == 0) {
		struct xa_node *parent = node->parent;

		if (parent) {
			parent->slots[node->offset] = NULL;
			parent->count--;
		} else {
			xa->xa_head = NULL;
		}
		xa_node_free(node);
		node = parent;
	}
}

/*
 * While the top node holds only slot 0, its child (or, for a leaf, the
 * entry at index 0) becomes the head: the tree is never taller than its
 * largest index needs (Linux's xas_shrink).
 */
static void xa_shrink(struct xarray *xa)
{
	while (xa_is_node(xa->xa_head)) {
		struct xa_node *node = xa_to_node(xa->xa_head);
		void *entry = node->slots[0];

		if (node->count != 1 || !entry)
			return;
		if (xa_is_node(entry))
			xa_to_node(entry)->parent = NULL;
		xa->xa_head = entry;
		xa_node_free(node);
	}
}

/*
 * Make the top node tall enough for index: a new node above the old head
 * for every 6 bits more (Linux's xas_expand). 0 or -ENOMEM (the levels
 * added so far stay, empty above the old tree; xa_shrink takes them off).
 */
static int xa_expand(struct xarray *xa, unsigned long index, gfp_t gfp)
{
	void *head = xa->xa_head;
	unsigned int shift = 0;

	if (!head) {
		/* nothing yet: one node, as tall as index needs */
		while (index > xa_node_max(shift))
			shift += XA_CHUNK_SHIFT;
		struct xa_node *node = xa_new_node(shift, NULL, 0, gfp);

		if (!node)
			return -ENOMEM;
		xa->xa_head = xa_mk_node(node);
		return 0;
	}
	if (xa_is_node(head))
		shift = xa_to_node(head)->shift + XA_CHUNK_SHIFT;
	for (;;) {
		/* head covers index already? (a plain entry covers index 0 only) */
		if (xa_is_node(head) ? index <= xa_node_max(xa_to_node(head)->shift) : index == 0)
			return 0;
		struct xa_node *node = xa_new_node(shift, NULL, 0, gfp);

		if (!node)
			return -ENOMEM;
		node->slots[0] = head;
		node->count = 1;
		if (xa_is_node(head)) {
			xa_to_node(head)->parent = node;
			xa_to_node(head)->offset = 0;
		}
		head = xa->xa_head = xa_mk_node(node);
		shift += XA_CHUNK_SHIFT;
	}
}

void *xa_store(struct xarray *xa, unsigned long index, void *entry, gfp_t gfp)
{
	struct xa_node *node;
	void **slot;
	void *old;

	if (!entry)
		return xa_erase(xa, index);
	BUG_ON(((unsigned long)entry & 3) == 2);        /* would be taken for a node or an error */
	if (index == 0 && !xa_is_node(xa->xa_head)) {
		old = xa->xa_head;
		xa->xa_head = entry;
		return old;
	}
	if (xa_expand(xa, index, gfp)) {
		xa_shrink(xa);
		return xa_mk_err(-ENOMEM);
	}
	node = xa_to_node(xa->xa_head);
	while (node->shift) {
		slot = &node->slots[xa_offset(node, index)];
		if (!*slot) {
			struct xa_node *child = xa_new_node(node->shift - XA_CHUNK_SHIFT, node,
							    xa_offset(node, index), gfp);

			if (!child) {
				xa_delete_empty(xa, node);
				xa_shrink(xa);
				return xa_mk_err(-ENOMEM);
			}
			*slot = xa_mk_node(child);
			node->count++;
		}
		node = xa_to_node(*slot);
	}
	slot = &node->slots[xa_offset(node, index)];
	old = *slot;
	if (!old)
		node->count++;
	*slot = entry;
	return old;
}

void *xa_erase(struct xarray *xa, unsigned long index)
{
	void *entry = xa->xa_head, *old;
	struct xa_node *node;

	if (!xa_is_node(entry)) {
		if (index != 0)
			return NULL;
		xa->xa_head = NULL;
		return entry;
	}
	node = xa_to_node(entry);
	if (index > xa_node_max(node->shift))
		return NULL;
	while (node->shift) {
		entry = node->slots[xa_offset(node, index)];
		if (!entry)
			return NULL;
		node = xa_to_node(entry);
	}
	old = node->slots[xa_offset(node, index)];
	if (!old)
		return NULL;
	node->slots[xa_offset(node, index)] = NULL;
	node->count--;
	xa_delete_empty(xa, node);
	xa_shrink(xa);
	return old;
}

/* The first entry at [start, max] under node, whose slot 0 is at index base; *found set. */
static void *xa_find_under(const struct xa_node *node, unsigned long base, unsigned long start,
			   unsigned long max, unsigned long *found)
{
	unsigned long last = XA_CHUNK_MASK, first;

	if (node->shift + XA_CHUNK_SHIFT > (int)BITS_PER_LONG)
		last = ~0UL >> node->shift;             /* the top of the index space */
	first = start > base ? (start - base) >> node->shift : 0;
	for (unsigned long i = first; i <= last; i++) {
		unsigned long at = base + (i << node->shift);
		void *entry = node->slots[i];

		if (at > max)
			return NULL;
		if (!entry)
			continue;
		if (!xa_is_node(entry)) {
			*found = at;
			return entry;
		}
		entry = xa_find_under(xa_to_node(entry), at, start, max, found);
		if (entry)
			return entry;
	}
	return NULL;
}

void *xa_find(struct xarray *xa, unsigned long *index, unsigned long max)
{
	void *head = xa->xa_head;

	if (*index > max)
		return NULL;
	if (!xa_is_node(head))
		return *index == 0 ? head : NULL;
	return xa_find_under(xa_to_node(head), 0, *index, max, index);
}

static void xa_destroy_node(struct xa_node *node)
{
	if (node->shift)
		for (unsigned long i = 0; i < XA_CHUNK_SIZE; i++)
			if (node->slots[i])
				xa_destroy_node(xa_to_node(node->slots[i]));
	xa_node_free(node);
}

void xa_destroy(struct xarray *xa)
{
	if (xa_is_node(xa->xa_head))
		xa_destroy_node(xa_to_node(xa->xa_head));
	xa->xa_head = NULL;
}
