/*
 * Linux prints /proc/slabinfo from mm/slab_common.c; a file of its own here, one format per file.
 *
 * /proc/slabinfo, version 2.1 (Linux 2.6.12 to today), one row per cache:
 *
 *  active_objs / num_objs      objects in use (leaked ones too) / room in all slabs
 *  objsize                     one slot, padding and red zones included
 *  objperslab / pagesperslab   the layout kmem_cache_create() chose
 *  tunables                    limit, batchcount: the cache's object array
 *                              (0 0 without one); sharedfactor: the array
 *                              shared between CPUs, always 0 on one CPU
 *  slabdata                    slabs with an object in use / all slabs /
 *                              objects in the shared per-node array (0)
 */
#include "linux/printk.h"
#include "linux/seq_file.h"
#include "linux/slab_def.h"

/* No lock: a reader on our one CPU sees at worst a row mid-update. */
int slabinfo_show(struct seq_file *m, void *v)
{
	const struct kmem_cache *c;

	(void)v;
	seq_printf(m, "slabinfo - version: 2.1\n");
	seq_printf(m, "# name            <active_objs> <num_objs> <objsize> <objperslab> <pagesperslab>"
		" : tunables <limit> <batchcount> <sharedfactor>"
		" : slabdata <active_slabs> <num_slabs> <sharedavail>\n");
	list_for_each_entry(c, &cache_chain, next)
		seq_printf(m, "%-17s %6lu %6lu %6u %4u %4d : tunables %4u %4u %4u : slabdata %6lu %6lu %6lu\n",
			c->name, c->active_objs, c->num_slabs * c->num, c->size, c->num,
			1 << c->gfporder, c->array.limit, c->array.batchcount, 0u,
			c->num_slabs - c->free_slabs, c->num_slabs, 0UL);
	return 0;
}

void show_slabinfo(void)
{
	seq_show_console(slabinfo_show, NULL);
}

unsigned long slab_total_pages(void)
{
	const struct kmem_cache *c;
	unsigned long pages = 0;

	list_for_each_entry(c, &cache_chain, next)
		pages += c->num_slabs << c->gfporder;
	return pages;
}
