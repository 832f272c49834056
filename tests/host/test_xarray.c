/*
 * The XArray (lib/xarray.c) against a model: a table of candidate indices
 * (small ones, page-cache-like runs, the edges of each tree level, the
 * top of the index space) and what each holds. Random stores, erases,
 * loads and finds; after every step the tree's shape is checked (counts
 * match the slots in use, parents and offsets agree, no empty node is
 * kept, the top cannot shrink) and every live node is one the tree can
 * reach. Node allocations fail on demand: a failed store must change
 * nothing and leak nothing.
 */
#include <stdlib.h>
#include <string.h>
#include "linux/errno.h"
#include "linux/xarray.h"
#include "tap.h"

#define NIDX 600

static unsigned long idx[NIDX];
static void *model[NIDX];
static long live_nodes, fail_after = -1;

struct xa_node *xa_node_alloc(gfp_t gfp)
{
	(void)gfp;
	if (fail_after == 0)
		return NULL;
	if (fail_after > 0)
		fail_after--;
	live_nodes++;
	return malloc(sizeof(struct xa_node));
}

void xa_node_free(struct xa_node *node)
{
	live_nodes--;
	memset(node, 0x6b, sizeof(*node));     /* a use after free reads poison */
	free(node);
}

static bool is_node(const void *e)
{
	return ((unsigned long)e & 3) == 2 && (unsigned long)e > (4096UL << 2);
}

static struct xa_node *to_node(const void *e)
{
	return (struct xa_node *)((unsigned long)e - 2);
}

/* Check node's subtree; the number of nodes in it, or -1 with *why set. */
static long check_node(const struct xa_node *node, const struct xa_node *parent, unsigned int offset,
		       const char **why)
{
	long nodes = 1, sub;
	unsigned int used = 0;

	if (node->parent != parent || (parent && node->offset != offset)) {
		*why = "parent or offset wrong";
		return -1;
	}
	if (parent && node->shift + XA_CHUNK_SHIFT != parent->shift) {
		*why = "child shift is not parent shift - 6";
		return -1;
	}
	for (unsigned int i = 0; i < XA_CHUNK_SIZE; i++) {
		if (!node->slots[i])
			continue;
		used++;
		if (node->shift == 0) {
			if (is_node(node->slots[i])) {
				*why = "a node below a leaf";
				return -1;
			}
			continue;
		}
		if (!is_node(node->slots[i])) {
			*why = "an entry in an inner node";
			return -1;
		}
		sub = check_node(to_node(node->slots[i]), node, i, why);
		if (sub < 0)
			return -1;
		nodes += sub;
	}
	if (used != node->count) {
		*why = "count is not the slots in use";
		return -1;
	}
	if (used == 0) {
		*why = "an empty node was kept";
		return -1;
	}
	return nodes;
}

static bool check_tree(struct xarray *xa, const char **why)
{
	long nodes = 0;

	*why = "";
	if (is_node(xa->xa_head)) {
		const struct xa_node *top = to_node(xa->xa_head);

		if (top->count == 1 && top->slots[0]) {
			*why = "the top node could shrink";
			return false;
		}
		nodes = check_node(top, NULL, 0, why);
		if (nodes < 0)
			return false;
	}
	if (nodes != live_nodes) {
		*why = "nodes allocated that the tree cannot reach";
		return false;
	}
	return true;
}

/* The model's first present index in [start, max]: its slot, or -1. */
static int model_find(unsigned long start, unsigned long max)
{
	int best = -1;

	for (int i = 0; i < NIDX; i++)
		if (model[i] && idx[i] >= start && idx[i] <= max && (best < 0 || idx[i] < idx[best]))
			best = i;
	return best;
}

static void *value(int i, int gen)
{
	return (void *)(((unsigned long)i << 8 | (unsigned long)(gen & 0x3f)) << 2);     /* aligned, nonzero */
}

static void fill_indices(void)
{
	int n = 0;
	static const unsigned long edges[] = {
		0, 1, 63, 64, 65, 4095, 4096, 4097, 262143, 262144, 16777215, 16777216,
		1073741823, 1073741824, 0x7fffffffUL, 0x80000000UL, 0xffffffffUL, ~0UL, ~0UL - 1, ~0UL >> 1,
	};

	for (unsigned int i = 0; i < sizeof(edges) / sizeof(edges[0]); i++)
		idx[n++] = edges[i];
	for (unsigned long i = 2; i < 300; i++)         /* a file's first pages */
		idx[n++] = i + 100;
	while (n < NIDX) {                              /* and anywhere, each index once */
		unsigned long r = ((unsigned long)rand() << 31) ^ (unsigned long)rand();
		bool dup = false;

		r >>= rand() % 60;
		for (int j = 0; j < n; j++)
			dup |= idx[j] == r;
		if (!dup)
			idx[n++] = r;
	}
}

int main(void)
{
	struct xarray xa = XARRAY_INIT;
	bool shape_ok = true, load_ok = true, find_ok = true, store_ok = true, enomem_ok = true;
	const char *why = "";
	int failures_seen = 0;

	srand(1307);
	fill_indices();
	ok(xa_load(&xa, 0) == NULL && xa_load(&xa, ~0UL) == NULL && xa_empty(&xa), "an empty array holds nothing");

	for (int step = 0; step < 40000 && shape_ok; step++) {
		int i = rand() % NIDX, op = rand() % 10;

		if (op < 5) {                   /* store */
			void *v = value(i, step), *old;

			fail_after = rand() % 8 == 0 ? rand() % 3 : -1;
			old = xa_store(&xa, idx[i], v, 0);
			fail_after = -1;
			if (xa_is_err(old)) {
				failures_seen++;
				if (xa_err(old) != -ENOMEM || xa_load(&xa, idx[i]) != model[i])
					enomem_ok = false;
			} else {
				if (old != model[i])
					store_ok = false;
				model[i] = v;
			}
		} else if (op < 8) {            /* erase */
			void *old = xa_erase(&xa, idx[i]);

			if (old != model[i])
				store_ok = false;
			model[i] = NULL;
		} else {                        /* find from a random start */
			unsigned long start = idx[i] - (unsigned long)(rand() % 3), max = ~0UL, at = start;
			int j;

			if (rand() % 2)
				max = start + (unsigned long)(rand() % 100000);
			if (max < start)
				max = ~0UL;
			j = model_find(start, max);
			void *e = xa_find(&xa, &at, max);

			if (j < 0 ? e != NULL : (e != model[j] || at != idx[j]))
				find_ok = false;
		}
		if (!check_tree(&xa, &why))
			shape_ok = false;
		if (step % 1000 == 0)
			for (int k = 0; k < NIDX; k++)
				if (xa_load(&xa, idx[k]) != model[k])
					load_ok = false;
	}
	ok(shape_ok, "the tree keeps its shape after every step%s%s", *why ? ": " : "", why);
	ok(store_ok, "store and erase return what the model held");
	ok(load_ok, "every index loads what the model holds");
	ok(find_ok, "xa_find gives the first present index in [start, max]");
	ok(enomem_ok && failures_seen > 0, "a store whose node allocation fails changes nothing (%d failures)",
	   failures_seen);

	/* xa_for_each visits every entry once, in index order */
	{
		unsigned long index, prev = 0, seen = 0, want = 0;
		bool order_ok = true, first = true;
		void *e;

		for (int k = 0; k < NIDX; k++)
			want += model[k] != NULL;
		xa_for_each(&xa, index, e) {
			if (!first && index <= prev)
				order_ok = false;
			first = false;
			prev = index;
			seen++;
		}
		ok(order_ok && seen == want, "xa_for_each visits %lu of %lu entries in order", seen, want);
	}

	/* Erasing everything frees every node. */
	for (int k = 0; k < NIDX; k++)
		xa_erase(&xa, idx[k]);
	ok(xa_empty(&xa) && live_nodes == 0, "erasing every entry frees every node (%ld left)", live_nodes);

	/* Index 0 alone is kept in the head; a second index grows a tree, erasing it shrinks it back. */
	xa_store(&xa, 0, value(1, 1), 0);
	ok(xa.xa_head == value(1, 1) && live_nodes == 0, "index 0 alone needs no node");
	xa_store(&xa, 4096, value(2, 1), 0);
	ok(live_nodes == 5 && xa_load(&xa, 0) == value(1, 1) && xa_load(&xa, 4096) == value(2, 1),
	   "index 4096 beside 0 takes 5 nodes: a top one and a path of two to each (%ld)", live_nodes);
	xa_erase(&xa, 4096);
	ok(xa.xa_head == value(1, 1) && live_nodes == 0, "erasing 4096 shrinks the tree back to the head");

	/* xa_destroy frees a big tree's nodes. */
	for (unsigned long k = 0; k < 5000; k += 3)
		xa_store(&xa, k * 977, value(3, 1), 0);
	xa_destroy(&xa);
	ok(xa_empty(&xa) && live_nodes == 0, "xa_destroy frees every node");
	return tap_done();
}
