/*
 * Red-black trees: insertion and deletion with the rebalancing cases of
 * Cormen et al. ("Introduction to Algorithms", ch. 13), written the way
 * Linux 2.6's lib/rbtree.c wrote them. A missing child (NULL) counts as
 * black. Pure C: used by the kernel and unit-tested on the host.
 */
#include "linux/printk.h"
#include "linux/rbtree.h"

static inline void rb_set_red(struct rb_node *rb)
{
	rb_set_color(rb, RB_RED);
}

static inline void rb_set_black(struct rb_node *rb)
{
	rb_set_color(rb, RB_BLACK);
}

/* NULL children are the black leaves of the textbook. */
static inline int is_black(const struct rb_node *rb)
{
	return !rb || rb_is_black(rb);
}

/* Make parent (or the root, if parent is NULL) point at new instead of old. */
static void change_child(struct rb_node *old, struct rb_node *new,
			 struct rb_node *parent, struct rb_root *root)
{
	if (!parent)
		root->rb_node = new;
	else if (parent->rb_left == old)
		parent->rb_left = new;
	else
		parent->rb_right = new;
}

/*
 *      x                y
 *     / \              / \
 *    a   y    ==>     x   c
 *       / \          / \
 *      b   c        a   b
 *
 * The in-order sequence (a x b y c) is unchanged; colours are untouched.
 */
static void rotate_left(struct rb_node *x, struct rb_root *root)
{
	struct rb_node *y = x->rb_right, *parent = rb_parent(x);

	x->rb_right = y->rb_left;
	if (y->rb_left)
		rb_set_parent(y->rb_left, x);
	y->rb_left = x;
	rb_set_parent(y, parent);
	change_child(x, y, parent, root);
	rb_set_parent(x, y);
}

/* The mirror image of rotate_left(). */
static void rotate_right(struct rb_node *x, struct rb_root *root)
{
	struct rb_node *y = x->rb_left, *parent = rb_parent(x);

	x->rb_left = y->rb_right;
	if (y->rb_right)
		rb_set_parent(y->rb_right, x);
	y->rb_right = x;
	rb_set_parent(y, parent);
	change_child(x, y, parent, root);
	rb_set_parent(x, y);
}

/*
 * node was just linked in red, which keeps black heights equal; the only
 * rule it can break is "no red node has a red child", with its parent.
 * Each loop pass fixes that or moves the problem two levels up.
 */
void rb_insert_color(struct rb_node *node, struct rb_root *root)
{
	struct rb_node *parent, *gparent, *uncle;

	while ((parent = rb_parent(node)) && rb_is_red(parent)) {
		gparent = rb_parent(parent);	/* exists: a red node is never the root */

		if (parent == gparent->rb_left) {
			uncle = gparent->rb_right;
			if (!is_black(uncle)) {
				/*
				 * Case 1, red uncle: push gparent's black down
				 * to both children. Black heights stay, but
				 * gparent is now red and may clash with its own
				 * parent: go on from there.
				 */
				rb_set_black(uncle);
				rb_set_black(parent);
				rb_set_red(gparent);
				node = gparent;
				continue;
			}
			if (node == parent->rb_right) {
				/*
				 * Case 2, node is an inner grandchild: rotate
				 * it into the outer position, so case 3 applies.
				 */
				rotate_left(parent, root);
				node = parent;
				parent = rb_parent(node);
			}
			/*
			 * Case 3, node is the outer grandchild, uncle black:
			 * rotate parent up into gparent's place and swap their
			 * colours. The red-red pair is gone and every path
			 * still meets one black where gparent was. Done.
			 */
			rb_set_black(parent);
			rb_set_red(gparent);
			rotate_right(gparent, root);
			break;
		} else {
			/* The same three cases, mirrored. */
			uncle = gparent->rb_left;
			if (!is_black(uncle)) {
				rb_set_black(uncle);
				rb_set_black(parent);
				rb_set_red(gparent);
				node = gparent;
				continue;
			}
			if (node == parent->rb_left) {
				rotate_right(parent, root);
				node = parent;
				parent = rb_parent(node);
			}
			rb_set_black(parent);
			rb_set_red(gparent);
			rotate_left(gparent, root);
			break;
		}
	}
	/* Case 1 may have coloured the root red; the root is always black. */
	rb_set_black(root->rb_node);
}

/*
 * A black node was removed from below parent, leaving node (maybe NULL)
 * in its place: every path through node is one black short. Either
 * recolour a red node black near node, or make the sibling's side one
 * black shorter too and move the deficit up to parent.
 */
static void erase_fixup(struct rb_node *node, struct rb_node *parent, struct rb_root *root)
{
	struct rb_node *sibling;

	while (node != root->rb_node && is_black(node)) {
		/*
		 * node may be NULL: then it is the left child iff parent's
		 * left is NULL too (the sibling, one black taller, cannot be).
		 */
		if (parent->rb_left == node) {
			sibling = parent->rb_right;
			if (rb_is_red(sibling)) {
				/*
				 * Case 1, red sibling: rotate it above parent.
				 * node's new sibling is black (a child of a red
				 * node), so one of cases 2-4 follows.
				 */
				rb_set_black(sibling);
				rb_set_red(parent);
				rotate_left(parent, root);
				sibling = parent->rb_right;
			}
			if (is_black(sibling->rb_left) && is_black(sibling->rb_right)) {
				/*
				 * Case 2, black sibling with black children:
				 * paint the sibling red, so both sides of parent
				 * are one short. The deficit moves to parent;
				 * if parent is red, the loop ends and colours
				 * it black, which pays it back.
				 */
				rb_set_red(sibling);
				node = parent;
				parent = rb_parent(node);
				continue;
			}
			if (is_black(sibling->rb_right)) {
				/*
				 * Case 3, the near nephew is red, the far one
				 * black: rotate the sibling so that its red
				 * child becomes the far nephew, for case 4.
				 */
				rb_set_black(sibling->rb_left);
				rb_set_red(sibling);
				rotate_right(sibling, root);
				sibling = parent->rb_right;
			}
			/*
			 * Case 4, the far nephew is red: rotate the sibling
			 * up into parent's place with parent's colour; parent
			 * becomes black on node's side (the missing black) and
			 * the far nephew turns black to keep the other side.
			 */
			rb_set_color(sibling, rb_color(parent));
			rb_set_black(parent);
			rb_set_black(sibling->rb_right);
			rotate_left(parent, root);
			node = root->rb_node;
			break;
		} else {
			/* The same four cases, mirrored. */
			sibling = parent->rb_left;
			if (rb_is_red(sibling)) {
				rb_set_black(sibling);
				rb_set_red(parent);
				rotate_right(parent, root);
				sibling = parent->rb_left;
			}
			if (is_black(sibling->rb_left) && is_black(sibling->rb_right)) {
				rb_set_red(sibling);
				node = parent;
				parent = rb_parent(node);
				continue;
			}
			if (is_black(sibling->rb_left)) {
				rb_set_black(sibling->rb_right);
				rb_set_red(sibling);
				rotate_left(sibling, root);
				sibling = parent->rb_left;
			}
			rb_set_color(sibling, rb_color(parent));
			rb_set_black(parent);
			rb_set_black(sibling->rb_left);
			rotate_right(parent, root);
			node = root->rb_node;
			break;
		}
	}
	if (node)
		rb_set_black(node);
}

void rb_erase(struct rb_node *node, struct rb_root *root)
{
	struct rb_node *child, *parent;
	int color;

	if (node->rb_left && node->rb_right) {
		/*
		 * Two children: node's in-order successor (leftmost of the
		 * right subtree, so it has no left child) takes node's place
		 * and colour. What leaves the tree's shape is the successor's
		 * old position, and its colour is the one that may be missed.
		 */
		struct rb_node *succ = node->rb_right;

		while (succ->rb_left)
			succ = succ->rb_left;
		child = succ->rb_right;
		color = rb_color(succ);
		if (succ == node->rb_right) {
			parent = succ;		/* child stays succ's right child */
		} else {
			parent = rb_parent(succ);
			parent->rb_left = child;
			if (child)
				rb_set_parent(child, parent);
			succ->rb_right = node->rb_right;
			rb_set_parent(node->rb_right, succ);
		}
		succ->rb_left = node->rb_left;
		rb_set_parent(node->rb_left, succ);
		change_child(node, succ, rb_parent(node), root);
		succ->__rb_parent_color = node->__rb_parent_color;
	} else {
		/* At most one child: it moves up into node's place. */
		child = node->rb_left ? node->rb_left : node->rb_right;
		parent = rb_parent(node);
		color = rb_color(node);
		if (child)
			rb_set_parent(child, parent);
		change_child(node, child, parent, root);
	}
	/* Removing a red node changes no black height. */
	if (color == RB_BLACK)
		erase_fixup(child, parent, root);
	RB_CLEAR_NODE(node);
}

struct rb_node *rb_first(const struct rb_root *root)
{
	struct rb_node *n = root->rb_node;

	if (!n)
		return NULL;
	while (n->rb_left)
		n = n->rb_left;
	return n;
}

struct rb_node *rb_last(const struct rb_root *root)
{
	struct rb_node *n = root->rb_node;

	if (!n)
		return NULL;
	while (n->rb_right)
		n = n->rb_right;
	return n;
}

struct rb_node *rb_next(const struct rb_node *node)
{
	struct rb_node *parent;

	if (RB_EMPTY_NODE(node))
		return NULL;
	/* A right subtree: the next node is its leftmost. */
	if (node->rb_right) {
		node = node->rb_right;
		while (node->rb_left)
			node = node->rb_left;
		return (struct rb_node *)node;
	}
	/* Else climb until we come up from a left child: that parent is next. */
	while ((parent = rb_parent(node)) && node == parent->rb_right)
		node = parent;
	return parent;
}

struct rb_node *rb_prev(const struct rb_node *node)
{
	struct rb_node *parent;

	if (RB_EMPTY_NODE(node))
		return NULL;
	if (node->rb_left) {
		node = node->rb_left;
		while (node->rb_right)
			node = node->rb_right;
		return (struct rb_node *)node;
	}
	while ((parent = rb_parent(node)) && node == parent->rb_left)
		node = parent;
	return parent;
}

/*
 * Check the subtree under node (whose parent should be parent); store
 * its black height (black nodes on each path down, NULL leaves not
 * counted) in *height. Returns the number of violations.
 */
static int check_subtree(const struct rb_node *node, const struct rb_node *parent,
			 int *height)
{
	int bad = 0, left, right;

	*height = 0;
	if (!node)
		return 0;
	if (rb_parent(node) != parent) {
		printk("rbtree: node %p has parent %p, expected %p\n",
		       (void *)node, (void *)rb_parent(node), (void *)parent);
		bad++;
	}
	if (rb_is_red(node) && parent && rb_is_red(parent)) {
		printk("rbtree: red node %p has a red parent %p\n", (void *)node, (void *)parent);
		bad++;
	}
	bad += check_subtree(node->rb_left, node, &left);
	bad += check_subtree(node->rb_right, node, &right);
	if (left != right) {
		printk("rbtree: node %p has black heights %d (left) and %d (right)\n",
		       (void *)node, left, right);
		bad++;
	}
	*height = max(left, right) + rb_is_black(node);
	return bad;
}

int rb_check(const struct rb_root *root)
{
	int bad = 0, height;

	if (root->rb_node && rb_is_red(root->rb_node)) {
		printk("rbtree: the root %p is red\n", (void *)root->rb_node);
		bad++;
	}
	return bad + check_subtree(root->rb_node, NULL, &height);
}
