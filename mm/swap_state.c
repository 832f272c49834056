/*
 * The swap cache (Linux's mm/swap_state.c): pages whose contents are (or
 * are about to be) in a swap slot, found by their swap entry. A page is
 * here while it is written out, while it is read in, and after a read
 * fault until the slot is no longer worth keeping. Each page here has
 * PG_swapcache, its entry in page->private, one reference held by the
 * cache, and SWAP_HAS_CACHE in its slot's swap_map count. page->mapping
 * is untouched: a page swapped out keeps its anon_vma (PageAnon), a page
 * read in has none (NULL) until the first PTE maps it (swapin_set_anon_rmap).
 *
 * Also the two steps of reclaim MADV_PAGEOUT needs now and LRU reclaim
 * (mm/vmscan.c) will call later: pageout of a dirty swap-cache page, and
 * dropping it once it is clean and unused (Linux's __remove_mapping).
 */
#include "linux/errno.h"
#include "linux/fs.h"
#include "linux/mm.h"
#include "linux/page_alloc.h"
#include "linux/pagemap.h"
#include "linux/swap.h"
#include "linux/vmstat.h"
#include "linux/xarray.h"

/*
 * One address_space per swap type, indexed by slot offset. Linux splits
 * each type into spaces of 2^14 slots (SWAP_ADDRESS_SPACE_SHIFT) to
 * spread lock contention; one CPU has none.
 */
static struct address_space swapper_spaces[MAX_SWAPFILES];

struct address_space *swap_address_space(swp_entry_t entry)
{
	return &swapper_spaces[swp_type(entry)];
}

unsigned long total_swapcache_pages(void)
{
	return global_node_page_state(NR_SWAPCACHE);
}

int add_to_swap_cache(struct page *page, swp_entry_t entry)
{
	struct address_space *space = swap_address_space(entry);
	void *old;

	BUG_ON(PageSwapCache(page) || page_mapping(page));     /* anonymous: mapped (PageAnon) or just read in */
	old = xa_store(&space->i_pages, swp_offset(entry), page, GFP_KERNEL);
	if (xa_is_err(old))
		return xa_err(old);
	BUG_ON(old);            /* SWAP_HAS_CACHE kept a second page out */
	get_page(page);
	SetPageSwapCache(page);
	page->private = entry.val;
	space->nrpages++;
	/* counted with the file pages, as Linux does (meminfo's Cached leaves them out again) */
	inc_node_page_state(NR_FILE_PAGES);
	inc_node_page_state(NR_SWAPCACHE);
	return 0;
}

void delete_from_swap_cache(struct page *page)
{
	swp_entry_t entry = page_swap_entry(page);
	struct address_space *space = swap_address_space(entry);

	BUG_ON(!PageSwapCache(page));
	xa_erase(&space->i_pages, swp_offset(entry));
	ClearPageSwapCache(page);
	page->private = 0;
	space->nrpages--;
	dec_node_page_state(NR_FILE_PAGES);
	dec_node_page_state(NR_SWAPCACHE);
	put_swap_page(entry);
	put_page(page);         /* the cache's reference */
}

bool add_to_swap(struct page *page)
{
	swp_entry_t entry = get_swap_page();

	if (!entry.val)
		return false;
	if (add_to_swap_cache(page, entry)) {
		put_swap_page(entry);
		return false;
	}
	SetPageUptodate(page);  /* its bytes are the data (Linux marks anonymous pages so when made) */
	SetPageDirty(page);     /* the slot holds nothing yet: it must be written */
	return true;
}

struct page *lookup_swap_cache(swp_entry_t entry)
{
	struct page *page = xa_load(&swap_address_space(entry)->i_pages, swp_offset(entry));

	if (page)
		get_page(page);
	return page;
}

struct page *read_swap_cache_async(swp_entry_t entry, int *err)
{
	struct page *page = lookup_swap_cache(entry);

	*err = 0;
	if (!page) {
		page = alloc_page(GFP_HIGHUSER | __GFP_NOWARN);
		if (!page) {
			*err = -ENOMEM;
			return NULL;
		}
		*err = swapcache_prepare(entry);
		if (*err) {             /* -ENOENT: the slot was freed; -EEXIST cannot be, nothing slept */
			put_page(page);
			return NULL;
		}
		*err = add_to_swap_cache(page, entry);
		if (*err) {
			put_swap_page(entry);
			put_page(page);
			return NULL;
		}
		BUG_ON(!trylock_page(page));    /* new: nobody else has it */
		*err = swap_readpage(page);     /* sleeps; unlocks the page */
		if (*err) {
			if (PageSwapCache(page))
				delete_from_swap_cache(page);   /* the next try reads again */
			put_page(page);
			return NULL;
		}
		return page;
	}
	lock_page(page);        /* another task may be reading it in, or writing it out: wait */
	unlock_page(page);
	if (!PageUptodate(page)) {      /* its reader failed */
		put_page(page);
		*err = -EIO;
		return NULL;
	}
	return page;
}

int pageout(struct page *page)
{
	int err;

	if (!PageDirty(page))
		return 0;
	lock_page(page);
	ClearPageDirty(page);
	SetPageWriteback(page);
	err = swap_writepage(page);     /* sleeps */
	ClearPageWriteback(page);
	if (err)
		SetPageDirty(page);     /* still only in memory */
	unlock_page(page);
	return err;
}
