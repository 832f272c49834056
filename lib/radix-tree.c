/*
 * Where the XArray's nodes come from (Linux keeps radix_tree_node_cachep
 * in lib/radix-tree.c, which the XArray shares): a slab cache of their
 * own, so /proc/slabinfo shows "radix_tree_node" as Linux's does. Kept
 * apart from lib/xarray.c, which the host tests build with malloc().
 */
#include "linux/slab.h"
#include "linux/xarray.h"

static struct kmem_cache *radix_tree_node_cachep;

void radix_tree_init(void)
{
	if (!radix_tree_node_cachep)
		radix_tree_node_cachep = kmem_cache_create("radix_tree_node", sizeof(struct xa_node),
							   0, SLAB_PANIC, NULL);
}

struct xa_node *xa_node_alloc(gfp_t gfp)
{
	radix_tree_init();      /* also works before boot made it, e.g. from an early test */
	return kmem_cache_alloc(radix_tree_node_cachep, gfp);
}

void xa_node_free(struct xa_node *node)
{
	kmem_cache_free(radix_tree_node_cachep, node);
}
