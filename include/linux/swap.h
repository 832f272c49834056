/*
 * Swap areas (Linux's include/linux/swap.h and uapi/linux/swap.h): a
 * disk, partition or file prepared by mkswap, enabled by swapon(2). Page
 * 0 holds the header; every other page is a slot that can hold one page
 * of anonymous memory. swap_map[offset] counts the users of a slot: the
 * swap entries in PTEs that name it, plus SWAP_HAS_CACHE while a page of
 * the swap cache (mm/swap_state.c) holds its contents.
 */
#ifndef PAGODA_SWAP_H
#define PAGODA_SWAP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "linux/blkdev.h"
#include "linux/page.h"
#include "linux/swapops.h"

struct seq_file;
struct address_space;

/* Page 0 of a swap area, as mkswap writes it (Linux's union swap_header). */
union swap_header {
	struct {
		char reserved[PAGE_SIZE - 10];
		char magic[10];                 /* "SWAPSPACE2" */
	} magic;
	struct {
		char bootbits[1024];            /* room for a disk label */
		uint32_t version;               /* 1 */
		uint32_t last_page;             /* the last usable page */
		uint32_t nr_badpages;
		unsigned char sws_uuid[16];
		unsigned char sws_volume[16];
		uint32_t padding[117];
		uint32_t badpages[1];           /* nr_badpages page numbers */
	} info;
};

#define MAX_SWAP_BADPAGES \
	((offsetof(union swap_header, magic.magic) - offsetof(union swap_header, info.badpages)) / sizeof(int))

/* swapon(2)'s flags (Linux's uapi/linux/swap.h) */
#define SWAP_FLAG_PREFER        0x8000  /* the low 15 bits are a priority */
#define SWAP_FLAG_PRIO_MASK     0x7fff
#define SWAP_FLAG_PRIO_SHIFT    0
#define SWAP_FLAG_DISCARD       0x10000 /* accepted; Pagoda's disks have no discard */
#define SWAP_FLAG_DISCARD_ONCE  0x20000
#define SWAP_FLAG_DISCARD_PAGES 0x40000
#define SWAP_FLAGS_VALID (SWAP_FLAG_PRIO_MASK | SWAP_FLAG_PREFER | SWAP_FLAG_DISCARD | \
			  SWAP_FLAG_DISCARD_ONCE | SWAP_FLAG_DISCARD_PAGES)

/* Linux reserves some of the 32 types for migration and hwpoison entries; Pagoda has none of them. */
#define MAX_SWAPFILES (1 << MAX_SWAPFILES_SHIFT)

/*
 * swap_map values. Linux keeps a byte per slot and chains continuation
 * pages once more than SWAP_MAP_MAX (62) PTEs share a slot; Pagoda keeps
 * two bytes per slot and no continuations.
 */
#define SWAP_HAS_CACHE  0x8000  /* a swap-cache page holds the slot's data */
#define SWAP_MAP_BAD    0x7fff  /* the header page, or a bad page: never used */
#define SWAP_MAP_MAX    0x7ffe  /* the most PTEs that can share a slot */
#define SWAP_COUNT_MASK 0x7fff

/* swap_info_struct.flags */
#define SWP_USED    (1 << 0)    /* the entry is in use (swapon got this far) */
#define SWP_WRITEOK (1 << 1)    /* slots may be allocated from it (not while swapoff runs) */
#define SWP_BLKDEV  (1 << 6)    /* a block device, not a file */

/* One swap area (Linux's struct swap_info_struct, the part Pagoda uses). */
struct swap_info_struct {
	unsigned long flags;            /* SWP_* */
	short prio;                     /* higher first; equal ones take turns */
	signed char type;               /* its index in swap_info[]: the swap type of its entries */
	unsigned int max;               /* slots, header included: offsets are below it */
	unsigned short *swap_map;       /* max counts (vmalloc'd) */
	unsigned int lowest_bit, highest_bit;   /* the free slots are between these (inclusive) */
	unsigned int cluster_next;      /* where the next allocation starts looking */
	unsigned int pages;             /* usable slots: /proc/swaps's Size */
	unsigned int inuse_pages;       /* slots in use: /proc/swaps's Used */
	struct file *swap_file;         /* what swapon opened (a reference) */
	struct block_device *bdev;      /* the device the slots are on */
	sector_t *slot_sector;          /* a swap file's slots: the sector of each (its swap extents); NULL on a device */
};

extern struct swap_info_struct *swap_info[MAX_SWAPFILES];
extern long nr_swap_pages;              /* free slots in every area that takes them */
extern long total_swap_pages;           /* usable slots in every area */
/* vm.swappiness: reclaim's weight for anonymous pages against file pages, 0..200 (mm/vmscan.c) */
extern int vm_swappiness;

/* mm/swapfile.c */
long sys_swapon(const char *specialfile, int swap_flags);
long sys_swapoff(const char *specialfile);
/* A free slot, its count SWAP_HAS_CACHE (Linux's get_swap_page): the entry, or val 0 when swap is full or off. */
swp_entry_t get_swap_page(void);
/* Another PTE names entry (fork): 0, or -ENOMEM when SWAP_MAP_MAX PTEs already do (Linux's swap_duplicate). */
int swap_duplicate(swp_entry_t entry);
/* The swap cache takes entry's slot, which PTEs still name (swap-in): 0, -EEXIST if it has it, -ENOENT if free (Linux's swapcache_prepare). */
int swapcache_prepare(swp_entry_t entry);
/* A PTE no longer names entry (Linux's swap_free); the slot is free when nothing holds it. */
void swap_free(swp_entry_t entry);
/* The swap cache lets go of entry's slot (Linux's put_swap_page). */
void put_swap_page(swp_entry_t entry);
/* How many PTEs name entry (Linux's __swap_count). */
int __swap_count(swp_entry_t entry);
/* A PTE holding entry went (zap): swap_free, and the cached page dropped if nothing else needs it (Linux's free_swap_and_cache). */
void free_swap_and_cache(swp_entry_t entry);
/* page is in the swap cache and no PTE names its slot: out of the cache, slot freed (Linux's try_to_free_swap). True if done. */
bool try_to_free_swap(struct page *page);
/* More than half of swap in use (Linux's vm_swap_full): swap-in then frees the slots of pages it maps. */
bool vm_swap_full(void);
/* The sector where slot offset of area si starts (Linux's map_swap_page through the swap extents). */
sector_t swap_slot_sector(struct swap_info_struct *si, unsigned long offset);
/* /proc/swaps (Linux's swap_show). */
int swaps_proc_show(struct seq_file *m, void *v);

/* mm/swap_state.c: the swap cache */
/* The swap cache of type (Linux's swapper_spaces, one per type here). */
struct address_space *swap_address_space(swp_entry_t entry);
/* The entry of a swap-cache page (Linux's page_swap_entry). */
static inline swp_entry_t page_swap_entry(const struct page *page)
{
	swp_entry_t e = { page->private };

	return e;
}
/* page (anonymous, not cached) gets a slot and joins the swap cache, dirty (Linux's add_to_swap): true, or false when swap is full. */
bool add_to_swap(struct page *page);
/* page joins the swap cache at entry, which it must hold SWAP_HAS_CACHE for: 0 or -ENOMEM; takes a reference (Linux's add_to_swap_cache). */
int add_to_swap_cache(struct page *page, swp_entry_t entry);
/* page leaves the swap cache; its slot's SWAP_HAS_CACHE and the cache's reference go (Linux's delete_from_swap_cache). */
void delete_from_swap_cache(struct page *page);
/* The swap cache's page for entry with a reference taken, or NULL (Linux's lookup_swap_cache). */
struct page *lookup_swap_cache(swp_entry_t entry);
/*
 * entry's page in the swap cache, read in first if it is not there (Linux's
 * read_swap_cache_async; sleeps for the read): a reference, or NULL with
 * *err -ENOENT (no PTE names the slot any more), -ENOMEM or -EIO.
 */
struct page *read_swap_cache_async(swp_entry_t entry, int *err);
/* Pages in the swap cache: /proc/meminfo's SwapCached (Linux's total_swapcache_pages). */
unsigned long total_swapcache_pages(void);

/* mm/page_io.c: swap I/O, synchronous */
/* Write a swap-cache page to its slot: 0, or -EIO with PG_error set (Linux's swap_writepage). */
int swap_writepage(struct page *page);
/* Fill a locked swap-cache page from its slot, set PG_uptodate: 0 or -EIO (Linux's swap_readpage). */
int swap_readpage(struct page *page);

/* mm/vmscan.c's pieces MADV_PAGEOUT uses now and LRU reclaim later */
/* Write a dirty swap-cache page out (Linux's pageout for swap): 0 or -EIO. */
int pageout(struct page *page);

#endif
