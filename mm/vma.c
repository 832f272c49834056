/*
 * Linux 6.1 keeps the VMA set in mm/mmap.c (mm/vma.c from 6.12); apart here so the host tests build it alone.
 *
 * The VMAs of an address space, kept twice as Linux 2.6 keeps them: a
 * list sorted by address for walking and for the neighbours of a VMA,
 * and a red-black tree keyed by address for an O(log n) find_vma(). The
 * VMAs never overlap, so ordering by vm_start and by vm_end agree.
 * Pure: the kernel's mmap/munmap/brk/mprotect and page faults use it,
 * tests/host/test_vma.c and tests/fuzz/fuzz_vma.c check it.
 */
#include "linux/errno.h"
#include "linux/fs.h"
#include "linux/printk.h"
#include "linux/string.h"
#include "linux/vma.h"

unsigned long stack_guard_gap = 256UL << PAGE_SHIFT;

void mm_init_vmas(struct mm_struct *mm)
{
	mm->mmap = NULL;
	mm->mm_rb = RB_ROOT;
	mm->map_count = 0;
	mm->total_vm = 0;
	mm->mmap_base = TASK_UNMAPPED_BASE;
}

/* No rebalancing needed when everything goes: walk the list, forget the tree. */
void exit_mmap_vmas(struct mm_struct *mm)
{
	struct vm_area_struct *vma = mm->mmap, *next;

	for (; vma; vma = next) {
		next = vma->vm_next;
		vm_area_free(vma);
	}
	mm->mmap = NULL;
	mm->mm_rb = RB_ROOT;
	mm->map_count = 0;
	mm->total_vm = 0;
}

struct vm_area_struct *find_vma(struct mm_struct *mm, unsigned long addr)
{
	struct rb_node *node = mm->mm_rb.rb_node;
	struct vm_area_struct *found = NULL;

	while (node) {
		struct vm_area_struct *vma = rb_entry(node, struct vm_area_struct, vm_rb);

		if (vma->vm_end > addr) {
			found = vma;		/* a candidate; a lower one may exist */
			if (vma->vm_start <= addr)
				break;		/* addr is inside: nothing lower can end above it */
			node = node->rb_left;
		} else {
			node = node->rb_right;
		}
	}
	return found;
}

struct vm_area_struct *find_vma_prev(struct mm_struct *mm, unsigned long addr,
				     struct vm_area_struct **pprev)
{
	struct vm_area_struct *vma = find_vma(mm, addr);
	struct rb_node *last;

	if (vma) {
		*pprev = vma->vm_prev;
	} else {
		last = rb_last(&mm->mm_rb);
		*pprev = last ? rb_entry(last, struct vm_area_struct, vm_rb) : NULL;
	}
	return vma;
}

struct vm_area_struct *find_vma_intersection(struct mm_struct *mm, unsigned long start,
					     unsigned long end)
{
	struct vm_area_struct *vma = find_vma(mm, start);

	if (vma && end <= vma->vm_start)
		vma = NULL;
	return vma;
}

/*
 * Find where [start, end) goes in the tree (Linux's find_vma_links):
 * the link to hang it on, its parent there, and the VMA that will come
 * before it in the list. -EEXIST if a VMA overlaps the range: that VMA
 * is the first one ending above start, which the descent always meets.
 */
static int find_vma_links(struct mm_struct *mm, unsigned long start, unsigned long end,
			  struct rb_node ***plink, struct rb_node **pparent,
			  struct vm_area_struct **pprev)
{
	struct rb_node **link = &mm->mm_rb.rb_node, *parent = NULL;
	struct vm_area_struct *prev = NULL;

	while (*link) {
		struct vm_area_struct *vma = rb_entry(*link, struct vm_area_struct, vm_rb);

		parent = *link;
		if (vma->vm_end > start) {
			if (vma->vm_start < end)
				return -EEXIST;
			link = &parent->rb_left;
		} else {
			prev = vma;
			link = &parent->rb_right;
		}
	}
	*plink = link;
	*pparent = parent;
	*pprev = prev;
	return 0;
}

int insert_vm_struct(struct mm_struct *mm, struct vm_area_struct *vma)
{
	struct vm_area_struct *prev, *next;
	struct rb_node **link, *parent;
	int err;

	if (vma->vm_start >= vma->vm_end || vma->vm_end > TASK_SIZE ||
	    !IS_ALIGNED(vma->vm_start, PAGE_SIZE) || !IS_ALIGNED(vma->vm_end, PAGE_SIZE))
		return -EINVAL;
	err = find_vma_links(mm, vma->vm_start, vma->vm_end, &link, &parent, &prev);
	if (err)
		return err;

	next = prev ? prev->vm_next : mm->mmap;
	vma->vm_prev = prev;
	vma->vm_next = next;
	if (prev)
		prev->vm_next = vma;
	else
		mm->mmap = vma;
	if (next)
		next->vm_prev = vma;

	rb_link_node(&vma->vm_rb, parent, link);
	rb_insert_color(&vma->vm_rb, &mm->mm_rb);

	vma->vm_mm = mm;
	mm->map_count++;
	mm->total_vm += vma_pages(vma);
	vma_link_rmap(vma);
	return 0;
}

void remove_vm_struct(struct mm_struct *mm, struct vm_area_struct *vma)
{
	if (vma->vm_prev)
		vma->vm_prev->vm_next = vma->vm_next;
	else
		mm->mmap = vma->vm_next;
	if (vma->vm_next)
		vma->vm_next->vm_prev = vma->vm_prev;
	vma->vm_next = vma->vm_prev = NULL;

	rb_erase(&vma->vm_rb, &mm->mm_rb);

	mm->map_count--;
	mm->total_vm -= vma_pages(vma);
}

int split_vma(struct mm_struct *mm, struct vm_area_struct *vma, unsigned long addr,
	      int new_below)
{
	struct vm_area_struct *new;
	unsigned long pgoff_at_addr;
	int err;

	if (addr <= vma->vm_start || addr >= vma->vm_end || !IS_ALIGNED(addr, PAGE_SIZE))
		return -EINVAL;
	if (mm->map_count >= DEFAULT_MAX_MAP_COUNT)
		return -ENOMEM;
	new = vm_area_alloc();
	if (!new)
		return -ENOMEM;

	/* vm_pgoff is the offset of vm_start, so the upper part's is further on. */
	pgoff_at_addr = vma->vm_pgoff + ((addr - vma->vm_start) >> PAGE_SHIFT);
	new->vm_flags = vma->vm_flags;
	new->vm_page_prot = vma->vm_page_prot;
	new->vm_file = vma->vm_file ? get_file(vma->vm_file) : NULL;  /* each part holds one (__split_vma) */
	new->vm_ops = vma->vm_ops;
	new->vm_name = vma->vm_name;
	new->anon_vma = vma->anon_vma;

	/*
	 * Shrink vma in place: its node stays where it is in the tree, as
	 * the order of the VMAs does not change. The other part is then
	 * inserted into the gap this leaves, which cannot fail.
	 */
	mm->total_vm -= vma_pages(vma);
	if (new_below) {
		new->vm_start = vma->vm_start;
		new->vm_end = addr;
		new->vm_pgoff = vma->vm_pgoff;
		vma->vm_start = addr;
		vma->vm_pgoff = pgoff_at_addr;
	} else {
		new->vm_start = addr;
		new->vm_end = vma->vm_end;
		new->vm_pgoff = pgoff_at_addr;
		vma->vm_end = addr;
	}
	mm->total_vm += vma_pages(vma);
	err = insert_vm_struct(mm, new);
	BUG_ON(err);
	return 0;
}

static int same_name(const char *a, const char *b)
{
	return a == b || (a && b && !strcmp(a, b));
}

/*
 * Can b be absorbed into a (a just below b)? They must touch, be alike
 * and have consecutive vm_pgoffs (Linux's can_vma_merge_after/before):
 * pages of the file for a file VMA; for anonymous memory the pgoff the
 * VMA was born with (its address >> PAGE_SHIFT, kept when mremap moves
 * it), so a moved VMA stays apart from its new neighbours as on Linux.
 * Their anon_vmas must agree unless one has none (Linux's
 * is_mergeable_anon_vma): a VMA's pages are found through one anon_vma.
 */
static int can_merge(const struct vm_area_struct *a, const struct vm_area_struct *b)
{
	return a->vm_end == b->vm_start &&
	       a->vm_flags == b->vm_flags &&
	       a->vm_page_prot == b->vm_page_prot &&
	       a->vm_file == b->vm_file &&
	       (!a->anon_vma || !b->anon_vma || a->anon_vma == b->anon_vma) &&
	       same_name(a->vm_name, b->vm_name) &&
	       a->vm_pgoff + vma_pages(a) == b->vm_pgoff;
}

/*
 * a grows over b, its upper neighbour: b leaves the set first, so a's
 * node never overlaps another one, and the tree order holds.
 */
static void absorb_next(struct mm_struct *mm, struct vm_area_struct *a,
			struct vm_area_struct *b)
{
	unsigned long end = b->vm_end;

	if (!a->anon_vma && b->anon_vma) {
		a->anon_vma = b->anon_vma;      /* b's pages are a's now: a must be found from them */
		vma_link_rmap(a);
	}
	remove_vm_struct(mm, b);
	vm_area_free(b);
	mm->total_vm += (end - a->vm_end) >> PAGE_SHIFT;
	a->vm_end = end;
}

struct vm_area_struct *vma_merge_neighbours(struct mm_struct *mm, struct vm_area_struct *vma)
{
	if (vma->vm_next && can_merge(vma, vma->vm_next))
		absorb_next(mm, vma, vma->vm_next);
	if (vma->vm_prev && can_merge(vma->vm_prev, vma)) {
		struct vm_area_struct *prev = vma->vm_prev;

		absorb_next(mm, prev, vma);
		vma = prev;
	}
	return vma;
}

/*
 * Legacy layout (Linux's arch_get_unmapped_area): walk the VMAs up from
 * mmap_base and take the first gap that is long enough.
 */
unsigned long get_unmapped_area(struct mm_struct *mm, unsigned long addr_hint,
				unsigned long len)
{
	struct vm_area_struct *vma;
	unsigned long addr;

	if (!len)
		return (unsigned long)-EINVAL;
	if (len > TASK_SIZE)
		return (unsigned long)-ENOMEM;
	len = PAGE_ALIGN(len);

	/* A hint of 0 means none, as in mmap(NULL, ...). */
	if (addr_hint && IS_ALIGNED(addr_hint, PAGE_SIZE) && addr_hint <= TASK_SIZE - len) {
		vma = find_vma(mm, addr_hint);
		if (!vma || addr_hint + len <= vm_start_gap(vma))
			return addr_hint;
	}

	addr = mm->mmap_base;
	for (vma = find_vma(mm, addr); ; vma = vma->vm_next) {
		if (addr > TASK_SIZE - len)
			return (unsigned long)-ENOMEM;
		/* Is the gap from addr to the next VMA (or TASK_SIZE) enough? */
		if (!vma || addr + len <= vm_start_gap(vma))
			return addr;
		addr = vma->vm_end;
	}
}

/* Print one broken invariant and count it. */
#define violation(...) do { printk("vma_check: " __VA_ARGS__); bad++; } while (0)

/* The list: sorted, no overlaps, well formed, and what the counters say. */
static int check_list(struct mm_struct *mm)
{
	struct vm_area_struct *vma, *prev = NULL;
	unsigned long pages = 0;
	int bad = 0, count = 0;

	for (vma = mm->mmap; vma; prev = vma, vma = vma->vm_next) {
		if (++count > mm->map_count) {
			violation("list longer than map_count %d (a loop?)\n", mm->map_count);
			return bad;
		}
		if (vma->vm_start >= vma->vm_end)
			violation("vma %#lx-%#lx is empty or inverted\n", vma->vm_start, vma->vm_end);
		if (!IS_ALIGNED(vma->vm_start | vma->vm_end, PAGE_SIZE))
			violation("vma %#lx-%#lx is not page aligned\n", vma->vm_start, vma->vm_end);
		if (vma->vm_end > TASK_SIZE)
			violation("vma %#lx-%#lx ends above TASK_SIZE\n", vma->vm_start, vma->vm_end);
		if (vma->vm_mm != mm)
			violation("vma %#lx-%#lx belongs to another mm\n", vma->vm_start, vma->vm_end);
		if (vma->vm_prev != prev)
			violation("vma %#lx-%#lx has a wrong vm_prev\n", vma->vm_start, vma->vm_end);
		if (prev && prev->vm_end > vma->vm_start)
			violation("vma %#lx-%#lx overlaps or is below %#lx-%#lx\n",
				  vma->vm_start, vma->vm_end, prev->vm_start, prev->vm_end);
		pages += vma_pages(vma);
	}
	if (count != mm->map_count)
		violation("%d VMAs in the list, map_count says %d\n", count, mm->map_count);
	if (pages != mm->total_vm)
		violation("%lu pages in the VMAs, total_vm says %lu\n", pages, mm->total_vm);
	return bad;
}

/*
 * The tree: red-black, and its in-order walk is the list. The walk stops
 * at the first difference, so a looping list cannot make it loop.
 */
static int check_tree(struct mm_struct *mm)
{
	struct vm_area_struct *vma = mm->mmap;
	struct rb_node *node;
	int bad = rb_check(&mm->mm_rb);

	for (node = rb_first(&mm->mm_rb); node; node = rb_next(node)) {
		if (rb_entry(node, struct vm_area_struct, vm_rb) != vma) {
			violation("the tree's VMA %#lx- is not the list's\n",
				  rb_entry(node, struct vm_area_struct, vm_rb)->vm_start);
			return bad;
		}
		vma = vma->vm_next;
	}
	if (vma)
		violation("vma %#lx-%#lx is in the list but not in the tree\n",
			  vma->vm_start, vma->vm_end);
	return bad;
}

int vma_check(struct mm_struct *mm)
{
	return check_list(mm) + check_tree(mm);
}
