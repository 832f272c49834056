/*
 * The red-black tree (lib/rbtree.c) against a sorted array: random
 * inserts and erases of distinct keys; after every step the tree keeps
 * the red-black rules (rb_check), walks forwards and backwards in key
 * order, and its height stays within 2*log2(n+1).
 */
#include <stdlib.h>
#include <string.h>
#include "linux/rbtree.h"
#include "tap.h"

#define NKEYS 2000	/* keys 0..NKEYS-1, each in the tree at most once */

struct thing {
	int key;
	struct rb_node node;
};

static struct thing things[NKEYS];
static bool in_tree[NKEYS];
static int model[NKEYS], nmodel;	/* the keys in the tree, sorted */

static void insert(struct rb_root *root, struct thing *t)
{
	struct rb_node **link = &root->rb_node, *parent = NULL;

	while (*link) {
		parent = *link;
		if (t->key < rb_entry(parent, struct thing, node)->key)
			link = &parent->rb_left;
		else
			link = &parent->rb_right;
	}
	rb_link_node(&t->node, parent, link);
	rb_insert_color(&t->node, root);
}

static int height(const struct rb_node *n)
{
	return n ? 1 + max(height(n->rb_left), height(n->rb_right)) : 0;
}

static int log2_floor(int n)
{
	int l = 0;

	while (n >>= 1)
		l++;
	return l;
}

/* Does an in-order walk each way give the model's keys? */
static bool walks_match(const struct rb_root *root)
{
	struct rb_node *n;
	int i = 0;

	for (n = rb_first(root); n; n = rb_next(n), i++)
		if (i >= nmodel || rb_entry(n, struct thing, node)->key != model[i])
			return false;
	if (i != nmodel)
		return false;
	for (n = rb_last(root); n; n = rb_prev(n))
		if (--i < 0 || rb_entry(n, struct thing, node)->key != model[i])
			return false;
	return i == 0;
}

static void model_add(int key)
{
	int i = nmodel;

	while (i > 0 && model[i - 1] > key) {
		model[i] = model[i - 1];
		i--;
	}
	model[i] = key;
	nmodel++;
}

static void model_del(int key)
{
	int i = 0;

	while (model[i] != key)
		i++;
	memmove(&model[i], &model[i + 1], (size_t)(nmodel - i - 1) * sizeof(int));
	nmodel--;
}

int main(void)
{
	struct rb_root root = RB_ROOT;
	bool rules = true, order = true, shallow = true, cleared = true;
	int steps = 40000, inserts = 0, erases = 0, most = 0;

	ok(!rb_first(&root) && !rb_last(&root) && rb_check(&root) == 0, "an empty tree is valid");
	srand(777);
	for (int i = 0; i < NKEYS; i++)
		things[i].key = i;
	for (int step = 0; step < steps && rules && order; step++) {
		/* Drift: fill up for a while, then drain, so both directions get long runs. */
		bool grow = (step / 5000) % 2 == 0 ? rand() % 4 != 0 : rand() % 4 == 0;
		int key = rand() % NKEYS;

		if (grow && !in_tree[key]) {
			insert(&root, &things[key]);
			in_tree[key] = true;
			model_add(key);
			inserts++;
		} else if (!grow && in_tree[key]) {
			rb_erase(&things[key].node, &root);
			in_tree[key] = false;
			model_del(key);
			erases++;
			cleared &= RB_EMPTY_NODE(&things[key].node) && !rb_next(&things[key].node);
		}
		rules &= rb_check(&root) == 0;
		order &= walks_match(&root);
		shallow &= height(root.rb_node) <= 2 * log2_floor(nmodel + 1) + 2;
		most = max(most, nmodel);
	}
	ok(rules, "red-black rules hold after each of %d inserts and %d erases", inserts, erases);
	ok(order, "rb_first/rb_next and rb_last/rb_prev walk the keys in order (up to %d keys)", most);
	ok(shallow, "the height stays within 2*log2(n+1)");
	ok(cleared, "an erased node is RB_EMPTY_NODE");

	while (root.rb_node) {
		struct thing *t = rb_entry(root.rb_node, struct thing, node);

		rb_erase(root.rb_node, &root);
		model_del(t->key);
		if (rb_check(&root) || !walks_match(&root))
			break;
	}
	ok(!root.rb_node && nmodel == 0, "erasing the root each time empties the tree cleanly");
	return tap_done();
}
