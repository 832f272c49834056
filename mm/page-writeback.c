/*
 * Dirty-page throttling (Linux's mm/page-writeback.c): a writer may not
 * run ahead of the disk by more than vm_dirty_ratio percent of the
 * memory the page cache could use. Pagoda has no flusher thread yet:
 * pages dirtied below the limits wait for sync, fsync or umount.
 */
#include "linux/page_alloc.h"
#include "linux/pagemap.h"
#include "linux/vmstat.h"
#include "linux/writeback.h"

int dirty_background_ratio = 10;
int vm_dirty_ratio = 20;
unsigned int dirty_writeback_interval = 5 * 100;
unsigned int dirty_expire_interval = 30 * 100;

/* Free pages and file pages: what the page cache could hold (Linux's global_dirtyable_memory). */
static unsigned long global_dirtyable_memory(void)
{
	return nr_free_pages() + global_node_page_state(NR_FILE_PAGES);
}

void global_dirty_limits(unsigned long *background, unsigned long *dirty)
{
	unsigned long available = global_dirtyable_memory();

	*background = available * (unsigned long)dirty_background_ratio / 100;
	*dirty = available * (unsigned long)vm_dirty_ratio / 100;
}

static unsigned long dirty_pages(void)
{
	return global_node_page_state(NR_FILE_DIRTY) + global_node_page_state(NR_WRITEBACK);
}

void balance_dirty_pages_ratelimited(struct address_space *mapping)
{
	unsigned long background, thresh;

	(void)mapping;
	global_dirty_limits(&background, &thresh);
	if (dirty_pages() <= thresh)
		return;
	/* over the limit: this writer pays, writing back until under the background threshold */
	(void)background;      /* sync_all_mappings writes them all: under any threshold */
	sync_all_mappings();
}
