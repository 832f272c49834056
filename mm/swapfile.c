/*
 * Swap areas (Linux's mm/swapfile.c): swapon(2) reads the header mkswap
 * wrote, maps a swap file to disk blocks, and makes the slots available;
 * the slot allocator and the use counts of swap_map; swapoff(2) brings
 * every page back and lets the area go; /proc/swaps.
 *
 * Simpler than Linux: slots are found by a next-fit scan from where the
 * last one was taken (Linux's scan_swap_map_slots without its clusters,
 * per-CPU slot caches and SSD paths); one slot at a time; no discard.
 * One CPU and a kernel that is not preempted: nothing here needs a lock,
 * as long as no sleep sits between a test and what depends on it.
 */
#include "linux/capability.h"
#include "linux/errno.h"
#include "linux/fs.h"
#include "linux/highmem.h"
#include "linux/memory.h"
#include "linux/mm.h"
#include "linux/mman.h"
#include "linux/page_alloc.h"
#include "linux/pagemap.h"
#include "linux/printk.h"
#include "linux/rmap.h"
#include "linux/sched.h"
#include "linux/seq_file.h"
#include "linux/signal.h"
#include "linux/slab.h"
#include "linux/string.h"
#include "linux/swap.h"
#include "linux/syscalls.h"
#include "linux/buffer_head.h"
#include "linux/vmalloc.h"
#include "../fs/proc/internal.h"

struct swap_info_struct *swap_info[MAX_SWAPFILES];
long nr_swap_pages;
long total_swap_pages;
static int least_priority = -1;        /* swapon without a priority: -2, -3, ... as Linux */
static unsigned int last_type;          /* where get_swap_page left off among equal priorities */

#define SECTORS_PER_PAGE (PAGE_SIZE / SECTOR_SIZE)

/* The area entry names, or NULL if none is on (Linux's swp_swap_info). */
static struct swap_info_struct *swp_info(swp_entry_t entry)
{
	struct swap_info_struct *si = swp_type(entry) < MAX_SWAPFILES ? swap_info[swp_type(entry)] : NULL;

	if (!si || !(si->flags & SWP_USED) || swp_offset(entry) >= si->max)
		return NULL;
	return si;
}

sector_t swap_slot_sector(struct swap_info_struct *si, unsigned long offset)
{
	return si->slot_sector ? si->slot_sector[offset] : (sector_t)offset * SECTORS_PER_PAGE;
}

/* --- slots ----------------------------------------------------------------- */

/* A free slot of si, its count set to usage (Linux's scan_swap_map_slots, one slot, no clusters): its offset, or 0. */
static unsigned long scan_swap_map(struct swap_info_struct *si, unsigned short usage)
{
	unsigned long off, n, span;

	if (si->inuse_pages == si->pages || si->lowest_bit > si->highest_bit)
		return 0;
	off = si->cluster_next;
	if (off < si->lowest_bit || off > si->highest_bit)
		off = si->lowest_bit;
	span = si->highest_bit - si->lowest_bit + 1;
	for (n = 0; n < span; n++) {
		if (!si->swap_map[off])
			break;
		if (++off > si->highest_bit)
			off = si->lowest_bit;
	}
	if (n == span)
		return 0;
	si->swap_map[off] = usage;
	si->inuse_pages++;
	nr_swap_pages--;
	if (off == si->lowest_bit)
		si->lowest_bit++;
	if (off == si->highest_bit)
		si->highest_bit--;
	si->cluster_next = (unsigned int)off + 1;    /* the next page goes beside it on the disk */
	return off;
}

swp_entry_t get_swap_page(void)
{
	swp_entry_t none = { 0 };
	int best = -1;

	/* the highest priority with room; among equals, the one after the last used (Linux's plist rotation) */
	for (unsigned int k = 1; k <= MAX_SWAPFILES; k++) {
		unsigned int t = (last_type + k) % MAX_SWAPFILES;
		struct swap_info_struct *si = swap_info[t];

		if (!si || !(si->flags & SWP_WRITEOK) || si->inuse_pages == si->pages)
			continue;
		if (best < 0 || si->prio > swap_info[best]->prio)
			best = (int)t;
	}
	if (best < 0)
		return none;
	for (; best >= 0; best = -1) {
		struct swap_info_struct *si = swap_info[best];
		unsigned long off = scan_swap_map(si, SWAP_HAS_CACHE);

		if (off) {
			last_type = (unsigned int)best;
			return swp_entry((unsigned long)best, off);
		}
	}
	return none;
}

/* The slot is free again (Linux's swap_range_free). */
static void swap_range_free(struct swap_info_struct *si, unsigned long off)
{
	si->swap_map[off] = 0;
	if (off < si->lowest_bit)
		si->lowest_bit = (unsigned int)off;
	if (off > si->highest_bit)
		si->highest_bit = (unsigned int)off;
	si->inuse_pages--;
	nr_swap_pages++;        /* swapoff took all of si's pages off first: this brings the count back to 0 for it */
}

/*
 * Drop one use of slot off: a PTE's (usage 1) or the swap cache's
 * (SWAP_HAS_CACHE). Returns what is left (Linux's __swap_entry_free_locked).
 */
static unsigned short swap_entry_put(struct swap_info_struct *si, unsigned long off, unsigned short usage)
{
	unsigned short map = si->swap_map[off];
	unsigned short count = map & SWAP_COUNT_MASK, cache = map & SWAP_HAS_CACHE;

	BUG_ON(map == SWAP_MAP_BAD || !map);    /* a free or bad slot has no users to drop */
	if (usage == SWAP_HAS_CACHE) {
		BUG_ON(!cache);
		cache = 0;
	} else {
		BUG_ON(!count);
		count--;
	}
	map = count | cache;
	if (!map)
		swap_range_free(si, off);
	else
		si->swap_map[off] = map;
	return map;
}

int swap_duplicate(swp_entry_t entry)
{
	struct swap_info_struct *si = swp_info(entry);
	unsigned short map;

	if (!si)
		return -EINVAL;
	map = si->swap_map[swp_offset(entry)];
	if (!map || map == SWAP_MAP_BAD)
		return -ENOENT;
	if ((map & SWAP_COUNT_MASK) >= SWAP_MAP_MAX)
		return -ENOMEM;         /* Linux would chain a continuation page here */
	si->swap_map[swp_offset(entry)] = map + 1;
	return 0;
}

int swapcache_prepare(swp_entry_t entry)
{
	struct swap_info_struct *si = swp_info(entry);
	unsigned short map;

	if (!si)
		return -ENOENT;
	map = si->swap_map[swp_offset(entry)];
	if (map == SWAP_MAP_BAD || !(map & SWAP_COUNT_MASK))
		return -ENOENT;         /* freed while we slept: no PTE needs it any more */
	if (map & SWAP_HAS_CACHE)
		return -EEXIST;
	si->swap_map[swp_offset(entry)] = map | SWAP_HAS_CACHE;
	return 0;
}

void swap_free(swp_entry_t entry)
{
	struct swap_info_struct *si = swp_info(entry);

	BUG_ON(!si);    /* a PTE named an area that is gone: swapoff missed it */
	swap_entry_put(si, swp_offset(entry), 1);
}

void put_swap_page(swp_entry_t entry)
{
	struct swap_info_struct *si = swp_info(entry);

	BUG_ON(!si);
	swap_entry_put(si, swp_offset(entry), SWAP_HAS_CACHE);
}

int __swap_count(swp_entry_t entry)
{
	struct swap_info_struct *si = swp_info(entry);

	return si ? si->swap_map[swp_offset(entry)] & SWAP_COUNT_MASK : 0;
}

bool vm_swap_full(void)
{
	return nr_swap_pages * 2 < total_swap_pages;
}

bool try_to_free_swap(struct page *page)
{
	if (!PageSwapCache(page) || PageLocked(page) || PageWriteback(page))
		return false;
	if (__swap_count(page_swap_entry(page)))
		return false;   /* a PTE still names the slot: the copy there is needed */
	delete_from_swap_cache(page);
	return true;
}

void free_swap_and_cache(swp_entry_t entry)
{
	struct swap_info_struct *si = swp_info(entry);
	struct page *page;

	BUG_ON(!si);
	if (swap_entry_put(si, swp_offset(entry), 1) != SWAP_HAS_CACHE)
		return;
	/* only the swap cache holds the slot now: drop its page unless a PTE maps it (Linux's __try_to_reclaim_swap) */
	page = xa_load(&swap_address_space(entry)->i_pages, swp_offset(entry));
	if (page && (!page_mapped(page) || vm_swap_full()))
		try_to_free_swap(page);
}

/* --- swapon ------------------------------------------------------------------ */

/* A free swap_info slot, made (Linux's alloc_swap_info): NULL with -EPERM when all MAX_SWAPFILES are on, or -ENOMEM. */
static struct swap_info_struct *alloc_swap_info(int *err)
{
	struct swap_info_struct *p;
	unsigned int type;

	for (type = 0; type < MAX_SWAPFILES && swap_info[type]; type++)
		;
	if (type == MAX_SWAPFILES) {
		*err = -EPERM;
		return NULL;
	}
	p = kzalloc(sizeof(*p), GFP_KERNEL);
	if (!p) {
		*err = -ENOMEM;
		return NULL;
	}
	p->type = (signed char)type;
	p->flags = SWP_USED;
	swap_info[type] = p;
	return p;
}

/* Is the file or device of p an area already (Linux compares the mappings)? */
static bool swap_file_busy(const struct swap_info_struct *p)
{
	const struct file *f = p->swap_file;

	for (unsigned int t = 0; t < MAX_SWAPFILES; t++) {
		const struct file *g = swap_info[t] && swap_info[t] != p ? swap_info[t]->swap_file : NULL;

		if (g && (g->f_inode == f->f_inode ||
			  (S_ISBLK(f->f_inode->i_mode) && g->private_data == f->private_data &&
			   S_ISBLK(g->f_inode->i_mode))))
			return true;
	}
	return false;
}

/*
 * The device of p's file, checked (Linux's claim_swapfile): a block
 * device, or a regular file of a file system on one that can map its
 * blocks (->bmap: ext2). -EINVAL for anything else (tmpfs, /proc, a pipe).
 */
static int claim_swapfile(struct swap_info_struct *p, struct inode *inode)
{
	if (S_ISBLK(inode->i_mode)) {
		p->bdev = p->swap_file->private_data;
		p->flags |= SWP_BLKDEV;
		if (!p->bdev)
			return -EINVAL;
		if (p->bdev->bd_holder)
			return -EBUSY;  /* a mounted file system has it (Linux: blkdev_get_by_dev with FMODE_EXCL) */
		p->bdev->bd_holder = p;
		return 0;
	}
	if (!S_ISREG(inode->i_mode) || !inode->i_mapping || !inode->i_mapping->a_ops ||
	    !inode->i_mapping->a_ops->bmap || !inode->i_sb->s_bdev)
		return -EINVAL;
	p->bdev = inode->i_sb->s_bdev;
	return 0;
}

/* Page 0 of p's file into buf: 0 or -errno (Linux's read_mapping_page, with the writes drained first). */
static int read_swap_header_page(struct swap_info_struct *p, struct inode *inode, void *buf)
{
	struct page *page;
	void *kaddr;
	int err;

	if (p->flags & SWP_BLKDEV) {
		err = sync_blockdev(p->bdev);   /* mkswap may have written through the device's cache */
		return err ?: bdev_rw(p->bdev, 0, SECTORS_PER_PAGE, buf, false);
	}
	/* inode_drain_writes: the swap I/O goes round the page cache, which must not write over it later */
	err = filemap_write_and_wait_range(inode->i_mapping, 0, inode->i_size);
	if (err)
		return err;
	page = read_mapping_page(inode->i_mapping, 0, p->swap_file, &err);
	if (!page)
		return err;
	kaddr = kmap_atomic(page);
	memcpy(buf, kaddr, PAGE_SIZE);
	kunmap_atomic(kaddr);
	put_page(page);
	return 0;
}

/*
 * Check the header (Linux's read_swap_header): the magic, version 1, a
 * last_page the area holds, bad pages only on a device. Returns the
 * number of slots header included (maxpages), or 0: -EINVAL.
 */
static unsigned long read_swap_header(struct swap_info_struct *p, union swap_header *h, struct inode *inode)
{
	unsigned long maxpages, last_page, filepages;

	if (memcmp("SWAPSPACE2", h->magic.magic, 10)) {
		printk(KERN_ERR "Unable to find swap-space signature\n");
		return 0;
	}
	if (h->info.version != 1) {
		printk(KERN_WARNING "Unable to handle swap header version %u\n", h->info.version);
		return 0;
	}
	maxpages = swp_max_pages();
	last_page = h->info.last_page;
	if (!last_page) {
		printk(KERN_WARNING "Empty swap-file\n");
		return 0;
	}
	if (last_page > maxpages)
		printk(KERN_WARNING "Truncating oversized swap area, only using %luk out of %luk\n",
		       maxpages << (PAGE_SHIFT - 10), last_page << (PAGE_SHIFT - 10));
	if (maxpages > last_page)
		maxpages = last_page + 1;
	p->highest_bit = (unsigned int)maxpages - 1;
	filepages = (unsigned long)((S_ISBLK(inode->i_mode) ? bdev_nr_bytes(p->bdev) : inode->i_size) >> PAGE_SHIFT);
	if (filepages && maxpages > filepages) {
		printk(KERN_WARNING "Swap area shorter than signature indicates\n");
		return 0;
	}
	if (h->info.nr_badpages && S_ISREG(inode->i_mode))
		return 0;
	if (h->info.nr_badpages > MAX_SWAP_BADPAGES)
		return 0;
	return maxpages;
}

/*
 * A swap file's slots on the disk (Linux's generic_swapfile_activate):
 * each page of the file whose blocks are one aligned, contiguous page on
 * the device becomes a slot, in file order; other pages are skipped. A
 * hole is -EINVAL ("swapfile has holes"). Fills p->slot_sector, sets max
 * and pages. 0 or -errno.
 */
static int generic_swapfile_activate(struct swap_info_struct *p, struct inode *inode)
{
	struct address_space *mapping = inode->i_mapping;
	unsigned int blkbits = inode->i_sb->s_blocksize_bits;
	unsigned long blocks_per_page = PAGE_SIZE >> blkbits;
	unsigned long last_block = (unsigned long)(inode->i_size >> blkbits), probe = 0, page_no = 0;

	p->slot_sector = vmalloc(p->max * sizeof(sector_t));
	if (!p->slot_sector)
		return -ENOMEM;
	while (probe + blocks_per_page <= last_block && page_no < p->max) {
		unsigned long first = mapping->a_ops->bmap(mapping, probe), i;

		if (!first)
			goto bad_bmap;
		if (first & (blocks_per_page - 1)) {
			probe++;        /* not page-aligned on the disk: try from the next block */
			continue;
		}
		for (i = 1; i < blocks_per_page; i++) {
			unsigned long b = mapping->a_ops->bmap(mapping, probe + i);

			if (!b)
				goto bad_bmap;
			if (b != first + i)
				break;
		}
		if (i < blocks_per_page) {
			probe++;
			continue;
		}
		p->slot_sector[page_no++] = (sector_t)first << (blkbits - SECTOR_SHIFT);
		probe += blocks_per_page;
	}
	if (!page_no)
		page_no = 1;
	p->max = (unsigned int)page_no;
	p->pages = (unsigned int)page_no - 1;
	p->highest_bit = (unsigned int)page_no - 1;
	return 0;
bad_bmap:
	printk(KERN_ERR "swapon: swapfile has holes\n");
	return -EINVAL;
}

/*
 * swap_map from the header (Linux's setup_swap_map_and_extents): slot 0
 * (the header) and the listed bad pages are SWAP_MAP_BAD. 0 or -EINVAL.
 */
static int setup_swap_map(struct swap_info_struct *p, union swap_header *h, struct inode *inode)
{
	unsigned long good = p->max - 1;
	int err;

	for (uint32_t i = 0; i < h->info.nr_badpages; i++) {
		uint32_t nr = h->info.badpages[i];

		if (nr == 0 || nr > h->info.last_page)
			return -EINVAL;
		if (nr < p->max) {
			p->swap_map[nr] = SWAP_MAP_BAD;
			good--;
		}
	}
	if (good) {
		p->swap_map[0] = SWAP_MAP_BAD;
		p->pages = (unsigned int)good;
		if (S_ISREG(inode->i_mode)) {
			err = generic_swapfile_activate(p, inode);
			if (err)
				return err;
			good = p->pages;
		}
	}
	if (!good) {
		printk(KERN_WARNING "Empty swap-file\n");
		return -EINVAL;
	}
	p->lowest_bit = 1;
	p->cluster_next = 1;
	return 0;
}

/*
 * What swapon's line reports (Linux's setup_swap_extents): the runs of
 * pages that lie one after another on the disk (extents, the header page
 * counted), and the span in pages from the lowest to the highest block of
 * the data pages. A device is one extent spanning its usable pages.
 */
static int swap_extents(const struct swap_info_struct *p, unsigned long *span)
{
	sector_t lo = ~(sector_t)0, hi = 0;
	int extents = 1;

	*span = p->pages;
	if (!p->slot_sector || p->max < 2)
		return 1;
	for (unsigned long i = 1; i < p->max; i++) {
		sector_t s = p->slot_sector[i];

		if (s != p->slot_sector[i - 1] + SECTORS_PER_PAGE)
			extents++;
		lo = s < lo ? s : lo;
		hi = s > hi ? s : hi;
	}
	*span = (unsigned long)((hi - lo) / SECTORS_PER_PAGE) + 1;
	return extents;
}

/* Undo a swapon that failed, or finish a swapoff: free p and its slot in swap_info. */
static void free_swap_info(struct swap_info_struct *p)
{
	swap_info[p->type] = NULL;
	if ((p->flags & SWP_BLKDEV) && p->bdev && p->bdev->bd_holder == p)
		p->bdev->bd_holder = NULL;
	if (p->swap_file)
		fput(p->swap_file);
	vfree(p->swap_map);
	vfree(p->slot_sector);
	kfree(p);
}

long sys_swapon(const char *specialfile, int swap_flags)
{
	struct swap_info_struct *p;
	union swap_header *header = NULL;
	struct inode *inode;
	unsigned long maxpages, span;
	char *name, path[64];
	int err = 0, extents;

	if (swap_flags & ~SWAP_FLAGS_VALID)
		return -EINVAL;
	if (!capable(CAP_SYS_ADMIN))
		return -EPERM;
	p = alloc_swap_info(&err);
	if (!p)
		return err;
	name = getname(specialfile, &err);
	if (!name)
		goto bad_swap;
	p->swap_file = do_filp_open(AT_FDCWD, name, O_RDWR | O_LARGEFILE, 0, &err);
	kfree(name);
	if (!p->swap_file)
		goto bad_swap;
	inode = p->swap_file->f_inode;
	if (swap_file_busy(p)) {
		err = -EBUSY;
		goto bad_swap;
	}
	err = claim_swapfile(p, inode);
	if (err)
		goto bad_swap;
	header = kmalloc(PAGE_SIZE, GFP_KERNEL);
	err = header ? read_swap_header_page(p, inode, header) : -ENOMEM;
	if (err)
		goto bad_swap;
	maxpages = read_swap_header(p, header, inode);
	if (!maxpages) {
		err = -EINVAL;
		goto bad_swap;
	}
	p->max = (unsigned int)maxpages;
	p->swap_map = vzalloc(maxpages * sizeof(p->swap_map[0]));
	if (!p->swap_map) {
		err = -ENOMEM;
		goto bad_swap;
	}
	err = setup_swap_map(p, header, inode);
	if (err)
		goto bad_swap;
	if (swap_flags & SWAP_FLAG_PREFER)
		p->prio = (short)((swap_flags & SWAP_FLAG_PRIO_MASK) >> SWAP_FLAG_PRIO_SHIFT);
	else
		p->prio = (short)--least_priority;
	p->flags |= SWP_WRITEOK;
	/* the file or device is the swap area's now: no write or truncate may reach its blocks (Linux's S_SWAPFILE) */
	p->swap_file->f_mapping->host->i_flags |= S_SWAPFILE;
	nr_swap_pages += p->pages;
	total_swap_pages += p->pages;
	if (file_path(p->swap_file, path, sizeof(path)) < 0)
		strlcpy(path, "?", sizeof(path));
	extents = swap_extents(p, &span);
	printk(KERN_INFO "Adding %uk swap on %s.  Priority:%d extents:%d across:%luk\n",
	       p->pages << (PAGE_SHIFT - 10), path, p->prio, extents, span << (PAGE_SHIFT - 10));
	kfree(header);
	return 0;
bad_swap:
	kfree(header);
	free_swap_info(p);
	return err;
}

/* --- swapoff ----------------------------------------------------------------- */

/*
 * Map page where pte holds entry, as a swap-in would, read-only (Linux's
 * unuse_pte): the PTE's slot use goes, a write later is a COW fault that
 * reuses the page.
 */
static void unuse_pte(struct mm_struct *mm, struct vm_area_struct *vma, pte_t *pte, unsigned long addr,
		      struct page *page)
{
	swp_entry_t entry = pte_to_swp_entry(*pte);

	get_page(page);
	dec_mm_counter(mm, MM_SWAPENTS);
	inc_mm_counter(mm, MM_ANONPAGES);
	set_pte(pte, 0);
	swapin_set_anon_rmap(page, vma, addr);
	install_user_page(vma, pte, addr, page, false);
	swap_free(entry);
}

/* Every PTE of mm naming a slot of type whose page is in the swap cache and read gets that page (Linux's unuse_mm). */
static void unuse_mm(struct mm_struct *mm, unsigned int type)
{
	for (struct vm_area_struct *vma = mm->mmap; vma; vma = vma->vm_next) {
		for (unsigned long addr = vma->vm_start; addr < vma->vm_end; addr += PAGE_SIZE) {
			pte_t *pte = user_pte_lookup(mm, addr);
			swp_entry_t entry;
			struct page *page;

			if (!pte) {
				addr = (addr & PGDIR_MASK) + PGDIR_SIZE - PAGE_SIZE;
				if (addr + PAGE_SIZE < addr)
					break;
				continue;
			}
			if (!is_swap_pte(*pte) || swp_type(pte_to_swp_entry(*pte)) != type)
				continue;
			entry = pte_to_swp_entry(*pte);
			page = xa_load(&swap_address_space(entry)->i_pages, swp_offset(entry));
			if (page && PageUptodate(page) && !PageLocked(page))
				unuse_pte(mm, vma, pte, addr, page);
		}
	}
}

/* unuse_mm for every address space (each once: CLONE_VM tasks share one). Sleeps nowhere. */
static void unuse_all_mms(unsigned int type)
{
	struct task_struct *p;

	for_each_process(p)
		if (p->mm && first_task_of_mm(p))
			unuse_mm(p->mm, type);
}

#define UNUSE_BATCH 64  /* pages read into the swap cache before each walk of the page tables */

/*
 * Bring every page of area si back into memory (Linux's try_to_unuse):
 * read a batch of used slots into the swap cache (this sleeps), then walk
 * every address space once and point each PTE naming one of them at its
 * page (this does not), then drop the cached pages nothing names; until
 * no slot is used. 0, -ENOMEM when a page cannot be had, -EIO when one
 * cannot be read, -EINTR on a signal.
 */
static int try_to_unuse(struct swap_info_struct *si)
{
	unsigned long next = 1;

	while (si->inuse_pages) {
		unsigned long start = next, n = 0;

		if (signal_pending(current))
			return -EINTR;
		for (; next < si->max && n < UNUSE_BATCH; next++) {
			swp_entry_t entry = swp_entry((unsigned long)si->type, next);
			unsigned short map = si->swap_map[next];
			struct page *page;
			int err;

			if (!map || map == SWAP_MAP_BAD || !(map & SWAP_COUNT_MASK))
				continue;
			page = read_swap_cache_async(entry, &err);
			if (page)
				put_page(page); /* the cache keeps its own reference until unuse */
			else if (err != -ENOENT)
				return err;
			n++;
		}
		unuse_all_mms((unsigned int)si->type);
		for (unsigned long off = start; off < next; off++) {
			swp_entry_t entry = swp_entry((unsigned long)si->type, off);
			struct page *page;

			if (si->swap_map[off] != SWAP_HAS_CACHE)
				continue;
			page = xa_load(&swap_address_space(entry)->i_pages, off);
			if (page && !PageLocked(page))
				delete_from_swap_cache(page);   /* a mapped page stays, as plain anonymous memory */
		}
		if (next >= si->max) {
			next = 1;
			if (si->inuse_pages)
				sys_sched_yield();      /* a page still in flight or a PTE still moving: let it land */
		}
	}
	return 0;
}

/* Does f name the file or device of area si? */
static bool swap_file_is(const struct swap_info_struct *si, const struct file *f)
{
	const struct file *g = si->swap_file;

	if (S_ISBLK(f->f_inode->i_mode))
		return S_ISBLK(g->f_inode->i_mode) && g->private_data == f->private_data;
	return g->f_inode == f->f_inode;
}

long sys_swapoff(const char *specialfile)
{
	struct swap_info_struct *p = NULL;
	struct file *f;
	char *name;
	int err = 0;

	if (!capable(CAP_SYS_ADMIN))
		return -EPERM;
	name = getname(specialfile, &err);
	if (!name)
		return err;
	f = do_filp_open(AT_FDCWD, name, O_RDWR | O_LARGEFILE, 0, &err);
	kfree(name);
	if (!f)
		return err;
	for (unsigned int t = 0; t < MAX_SWAPFILES && !p; t++)
		if (swap_info[t] && (swap_info[t]->flags & SWP_WRITEOK) && swap_file_is(swap_info[t], f))
			p = swap_info[t];
	fput(f);
	if (!p)
		return -EINVAL;
	/*
	 * Linux's check: could the whole area be promised as memory, under
	 * the overcommit policy (mm/util.c)? Only the question is asked: the
	 * charge is given back at once. Pages that do not fit are found by
	 * try_to_unuse, whose allocations reclaim or call the OOM killer.
	 */
	if (security_vm_enough_memory_mm(current->mm, (long)p->pages))
		return -ENOMEM;
	vm_unacct_memory((long)p->pages);
	p->flags &= ~SWP_WRITEOK;       /* no new slots from it; its pages leave the totals */
	nr_swap_pages -= p->pages;
	total_swap_pages -= p->pages;
	err = try_to_unuse(p);
	if (err) {                      /* Linux's reinsert_swap_info: on again, as it was */
		p->flags |= SWP_WRITEOK;
		nr_swap_pages += p->pages;
		total_swap_pages += p->pages;
		return err;
	}
	if (p->prio < 0) {      /* Linux: the areas below it move up, and the next default is one higher */
		for (unsigned int t = 0; t < MAX_SWAPFILES; t++)
			if (swap_info[t] && swap_info[t] != p && swap_info[t]->prio < p->prio)
				swap_info[t]->prio++;
		least_priority++;
	}
	p->swap_file->f_mapping->host->i_flags &= ~S_SWAPFILE;
	free_swap_info(p);
	return 0;
}

/* --- /proc/swaps --------------------------------------------------------------- */

int swaps_proc_show(struct seq_file *m, void *v)
{
	(void)v;
	seq_puts(m, "Filename\t\t\t\tType\t\tSize\t\tUsed\t\tPriority\n");
	for (unsigned int t = 0; t < MAX_SWAPFILES; t++) {
		struct swap_info_struct *si = swap_info[t];
		unsigned long bytes, inuse;
		char path[256];
		int len;

		if (!si || !(si->flags & SWP_WRITEOK))
			continue;
		bytes = (unsigned long)si->pages << (PAGE_SHIFT - 10);
		inuse = (unsigned long)si->inuse_pages << (PAGE_SHIFT - 10);
		len = file_path(si->swap_file, path, sizeof(path));
		if (len < 0)
			len = (int)strlcpy(path, "?", sizeof(path));
		/* Linux's swap_show: the name, padded to 40 columns, then tab-separated numbers */
		seq_printf(m, "%s%*s%s\t%lu\t%s%lu\t%s%d\n", path, len < 40 ? 40 - len : 1, " ",
			   S_ISBLK(si->swap_file->f_inode->i_mode) ? "partition" : "file\t",
			   bytes, bytes < 10000000 ? "\t" : "", inuse, inuse < 10000000 ? "\t" : "", si->prio);
	}
	return 0;
}
