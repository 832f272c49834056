/*
 * Red-black trees, with Linux's interface (include/linux/rbtree.h).
 *
 * The tree does not know the key: a user embeds a struct rb_node in its
 * own structure, walks down from root->rb_node comparing keys itself, and
 * then asks the tree to link and rebalance:
 *
 *	struct rb_node **link = &root->rb_node, *parent = NULL;
 *	while (*link) {
 *		parent = *link;
 *		if (key < rb_entry(parent, struct thing, node)->key)
 *			link = &parent->rb_left;
 *		else
 *			link = &parent->rb_right;
 *	}
 *	rb_link_node(&new->node, parent, link);
 *	rb_insert_color(&new->node, root);
 *
 * The rules kept: every node is red or black, the root is black, a red
 * node has no red child, and every path from a node down to a missing
 * child (NULL) passes the same number of black nodes. So the longest path
 * is at most twice the shortest: the height is at most 2*log2(n+1).
 */
#ifndef PAGODA_RBTREE_H
#define PAGODA_RBTREE_H

#include <stddef.h>
#include "linux/compiler.h"

/*
 * Nodes are at least 4-byte aligned, so the low bits of the parent
 * pointer are free: bit 0 holds the colour, as in Linux.
 */
struct rb_node {
	unsigned long __rb_parent_color;
	struct rb_node *rb_right;
	struct rb_node *rb_left;
} __aligned(sizeof(long));

struct rb_root {
	struct rb_node *rb_node;
};

#define RB_RED		0
#define RB_BLACK	1

#define RB_ROOT		((struct rb_root) { NULL })
#define rb_entry(ptr, type, member) container_of(ptr, type, member)

#define rb_parent(r)	((struct rb_node *)((r)->__rb_parent_color & ~3UL))
#define rb_color(r)	((int)((r)->__rb_parent_color & 1))
#define rb_is_red(r)	(rb_color(r) == RB_RED)
#define rb_is_black(r)	(rb_color(r) == RB_BLACK)

#define RB_EMPTY_ROOT(root)	((root)->rb_node == NULL)
/* A node not in any tree points to itself (RB_CLEAR_NODE). */
#define RB_EMPTY_NODE(node)	((node)->__rb_parent_color == (unsigned long)(node))
#define RB_CLEAR_NODE(node)	((node)->__rb_parent_color = (unsigned long)(node))

static inline void rb_set_parent(struct rb_node *rb, struct rb_node *p)
{
	rb->__rb_parent_color = (unsigned long)p | (rb->__rb_parent_color & 1);
}

static inline void rb_set_color(struct rb_node *rb, int color)
{
	rb->__rb_parent_color = (rb->__rb_parent_color & ~1UL) | (unsigned long)color;
}

/* Hang a new (red) node where the caller's search ended: *rb_link was NULL. */
static inline void rb_link_node(struct rb_node *node, struct rb_node *parent,
				struct rb_node **rb_link)
{
	node->__rb_parent_color = (unsigned long)parent;	/* colour RB_RED */
	node->rb_left = node->rb_right = NULL;
	*rb_link = node;
}

void rb_insert_color(struct rb_node *node, struct rb_root *root);
void rb_erase(struct rb_node *node, struct rb_root *root);

/* In-order walks; NULL past either end. */
struct rb_node *rb_first(const struct rb_root *root);
struct rb_node *rb_last(const struct rb_root *root);
struct rb_node *rb_next(const struct rb_node *node);
struct rb_node *rb_prev(const struct rb_node *node);

/*
 * Check the red-black rules and the parent pointers; print each
 * violation and return how many were found (0: a valid tree).
 */
int rb_check(const struct rb_root *root);

#endif
