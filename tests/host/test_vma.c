/*
 * The VMA set (mm/vma.c): a few cases a student can follow by hand, then
 * long random runs of insert, remove, split, merge, find and
 * get_unmapped_area against the model in vma_harness.c, with
 * vma_check() and a leak check after every step.
 */
#include <stdlib.h>
#include <string.h>
#include "linux/errno.h"
#include "tap.h"
#include "vma_harness.h"

#define PG PAGE_SIZE

static struct vh h;	/* big: off the stack */

static struct vm_area_struct *new_vma(unsigned long start, unsigned long end)
{
	struct vm_area_struct *vma = vm_area_alloc();

	vma->vm_start = start;
	vma->vm_end = end;
	vma->vm_pgoff = start >> PAGE_SHIFT;    /* anonymous, as do_mmap makes it */
	vma->vm_flags = VM_READ | VM_WRITE;
	return vma;
}

static void test_by_hand(void)
{
	struct mm_struct mm;
	struct vm_area_struct *a, *b, *c, *prev, *v;
	unsigned long base = TASK_UNMAPPED_BASE;

	mm_init_vmas(&mm);
	ok(TASK_UNMAPPED_BASE == 0x40000000UL, "TASK_UNMAPPED_BASE is 0x40000000");
	ok(!find_vma(&mm, 0) && vma_check(&mm) == 0, "an empty mm has no VMA and passes vma_check");
	ok(get_unmapped_area(&mm, 0, PG) == base, "the first mmap goes to mmap_base");

	/* a: 2 anonymous pages at base; c: 2 pages of a file from page 10, at base + 4 pages. */
	a = new_vma(base, base + 2 * PG);
	c = new_vma(base + 4 * PG, base + 6 * PG);
	c->vm_file = (struct file *)&h;
	c->vm_pgoff = 10;
	ok(!insert_vm_struct(&mm, a) && !insert_vm_struct(&mm, c) && a->vm_mm == &mm,
	   "insert two VMAs");
	ok(mm.map_count == 2 && mm.total_vm == 4 && a->vm_next == c && c->vm_prev == a,
	   "map_count, total_vm and the list follow");
	ok(find_vma(&mm, base + PG) == a && find_vma(&mm, base + 2 * PG) == c &&
	   find_vma(&mm, 0) == a && !find_vma(&mm, base + 6 * PG),
	   "find_vma: the VMA holding addr, else the next one above");
	ok(find_vma_prev(&mm, base + 3 * PG, &prev) == c && prev == a &&
	   !find_vma_prev(&mm, 0xB0000000UL, &prev) && prev == c,
	   "find_vma_prev gives the VMA below (the last one past the end)");
	ok(!find_vma_intersection(&mm, base + 2 * PG, base + 4 * PG) &&
	   find_vma_intersection(&mm, base + 3 * PG, base + 5 * PG) == c,
	   "find_vma_intersection: a gap is empty, [start, end) is half open");

	b = new_vma(base + PG, base + 3 * PG);
	ok(insert_vm_struct(&mm, b) == -EEXIST && mm.map_count == 2 && !vma_check(&mm),
	   "an overlapping insert fails with -EEXIST and changes nothing");
	b->vm_start = base + 2 * PG + 1;
	ok(insert_vm_struct(&mm, b) == -EINVAL, "an unaligned insert fails with -EINVAL");
	ok(get_unmapped_area(&mm, 0, 2 * PG) == base + 2 * PG &&
	   get_unmapped_area(&mm, 0, 3 * PG) == base + 6 * PG,
	   "get_unmapped_area: the lowest gap that fits");
	ok(get_unmapped_area(&mm, 0x10000000UL, PG) == 0x10000000UL &&
	   get_unmapped_area(&mm, base + PG, PG) == base + 2 * PG &&
	   get_unmapped_area(&mm, 0x10000001UL, PG) == base + 2 * PG,
	   "get_unmapped_area takes a free aligned hint, else searches");
	ok(get_unmapped_area(&mm, 0, TASK_SIZE - base) == (unsigned long)-ENOMEM &&
	   get_unmapped_area(&mm, 0, 0) == (unsigned long)-EINVAL,
	   "get_unmapped_area: -ENOMEM if nothing fits, -EINVAL for len 0");

	b->vm_start = base + 2 * PG;
	b->vm_end = base + 4 * PG;
	b->vm_pgoff = b->vm_start >> PAGE_SHIFT;
	ok(!insert_vm_struct(&mm, b) && mm.total_vm == 6, "b fills the gap between a and c");
	ok(!split_vma(&mm, c, base + 5 * PG, 0) && c->vm_end == base + 5 * PG &&
	   c->vm_next->vm_pgoff == 11 && c->vm_next->vm_file == c->vm_file && !vma_check(&mm),
	   "split_vma: the upper part of a file VMA starts one page further into the file");
	ok(!split_vma(&mm, a, base + PG, 1) && a->vm_start == base + PG &&
	   a->vm_pgoff == (base >> PAGE_SHIFT) + 1 &&
	   mm.map_count == 5 && mm.total_vm == 6 && !vma_check(&mm),
	   "split_vma(new_below): the old VMA keeps the upper part");
	ok(split_vma(&mm, a, base + PG, 0) == -EINVAL, "split_vma at an end is -EINVAL");
	vh_fail_alloc = true;
	ok(split_vma(&mm, b, base + 3 * PG, 0) == -ENOMEM && mm.map_count == 5 && !vma_check(&mm),
	   "split_vma: -ENOMEM when no VMA can be allocated, nothing changed");
	vh_fail_alloc = false;

	a->vm_pgoff += 5;       /* as if mremap had moved it here from 5 pages up */
	ok(vma_merge_neighbours(&mm, a) == a && mm.map_count == 5 && !vma_check(&mm),
	   "anonymous neighbours with non-contiguous pgoffs (a moved VMA) stay apart");
	a->vm_pgoff -= 5;
	v = vma_merge_neighbours(&mm, a);
	ok(v == mm.mmap && v->vm_start == base && v->vm_end == base + 4 * PG &&
	   mm.map_count == 3 && !vma_check(&mm),
	   "vma_merge_neighbours joins alike anonymous neighbours on both sides");
	c->vm_next->vm_pgoff = 12;
	ok(vma_merge_neighbours(&mm, c) == c && mm.map_count == 3,
	   "a file VMA merges neither with anonymous memory nor across a hole in the file");
	c->vm_next->vm_pgoff = 11;
	ok(vma_merge_neighbours(&mm, c->vm_next) == c && c->vm_end == base + 6 * PG &&
	   mm.map_count == 2 && mm.total_vm == 6 && !vma_check(&mm),
	   "file VMAs at contiguous offsets merge, the lower one survives");

	exit_mmap_vmas(&mm);
	ok(vh_live == 0 && !mm.mmap && !mm.map_count, "exit_mmap_vmas frees every VMA");
}

/*
 * Anonymous neighbours merge only if their anon_vmas agree or one has
 * none (Linux's is_mergeable_anon_vma); the survivor takes the absorbed
 * VMA's anon_vma if it had none, and is linked to it.
 */
static void test_anon_vma_merge(void)
{
	static struct anon_vma *const av1 = (struct anon_vma *)&h.r[0], *const av2 = (struct anon_vma *)&h.r[1];
	unsigned long base = TASK_UNMAPPED_BASE;
	struct vm_area_struct *x, *y, *z;
	struct mm_struct mm;
	long links;

	mm_init_vmas(&mm);
	x = new_vma(base, base + PG);
	y = new_vma(base + PG, base + 2 * PG);
	z = new_vma(base + 2 * PG, base + 3 * PG);
	x->anon_vma = av1;
	z->anon_vma = av2;
	links = vh_rmap_links;
	ok(!insert_vm_struct(&mm, x) && !insert_vm_struct(&mm, y) && !insert_vm_struct(&mm, z) &&
	   vh_rmap_links == links + 3, "insert_vm_struct puts each VMA on the reverse map");
	links = vh_rmap_links;
	ok(vma_merge_neighbours(&mm, y) == y && mm.map_count == 2 && y->vm_end == base + 3 * PG &&
	   y->anon_vma == av2 && vh_rmap_links == links + 1 && x->vm_next == y && !vma_check(&mm),
	   "y absorbs z and takes its anon_vma; x's is another, so x stays apart");
	x->anon_vma = av2;
	ok(vma_merge_neighbours(&mm, y) == x && mm.map_count == 1 && x->vm_end == base + 3 * PG &&
	   !vma_check(&mm), "with one anon_vma they merge");
	exit_mmap_vmas(&mm);
	ok(vh_live == 0, "no VMA left");
}

/* One random operation; the mix keeps a few hundred VMAs alive. */
static int random_step(struct vh *h)
{
	unsigned int r1 = (unsigned int)rand(), r2 = (unsigned int)rand(), r3 = (unsigned int)rand();
	unsigned int attr = r3 % 2 ? 0 : r3 >> 8;
	int kind = rand() % 16;

	if (kind < 5)
		return vh_insert(h, vh_addr(h, r1, r2, r3 % 97 == 0),
				 (1 + r3 % 8) * PG + (r3 % 89 == 0), attr);
	if (kind < 7)
		return vh_remove(h, r1);
	if (kind < 9)
		return vh_split(h, r1, r2, r3 & 1, r3 % 13 == 0);
	if (kind < 11)
		return vh_merge(h, r1);
	if (kind < 14)
		return vh_find(h, vh_addr(h, r1, r2, r3 & 1), 1 + r3 % (8 * PG));
	/* Hints: none, an address near the VMAs, or unaligned; a few huge lengths. */
	return vh_unmapped(h, r1 % 3 ? 0 : vh_addr(h, r1 >> 2, r2, r3 % 5 == 0),
			   r3 % 50 ? 1 + r3 % (16 * PG) : (r2 % 4) * (TASK_SIZE / 4) + r3 % PG,
			   r2 % 4 ? (int)(attr & 0xff) : -1);
}

/* A stack's guard gap is not free: get_unmapped_area steps over it, hint or search. */
static void test_stack_gap(void)
{
	struct mm_struct mm;
	unsigned long base = TASK_UNMAPPED_BASE, gap = 256 * PG;
	struct vm_area_struct *stack = new_vma(base + gap + PG, base + gap + 2 * PG);

	mm_init_vmas(&mm);
	stack->vm_flags |= VM_GROWSDOWN;
	ok(stack_guard_gap == gap && vm_start_gap(stack) == base + PG, "stack_guard_gap is 256 pages");
	ok(!insert_vm_struct(&mm, stack), "a VM_GROWSDOWN VMA 257 pages above mmap_base");
	ok(get_unmapped_area(&mm, 0, PG) == base && get_unmapped_area(&mm, 0, 2 * PG) == base + gap + 2 * PG,
	   "a search uses the page below the gap, but not the gap");
	ok(get_unmapped_area(&mm, base + gap, PG) == base && get_unmapped_area(&mm, base, PG) == base,
	   "a hint in the gap is refused, one just below it is taken");
	stack->vm_start = gap / 2;
	stack->vm_end = gap / 2 + PG;
	ok(vm_start_gap(stack) == 0, "a gap that would go below 0 stops at 0");
	exit_mmap_vmas(&mm);
}

static void test_random(unsigned int seed, unsigned long mmap_base, const char *what)
{
	int steps = 20000, bad = 0, most = 0;

	srand(seed);
	vh_init(&h, mmap_base);
	for (int i = 0; i < steps && bad < 5; i++) {
		bad += random_step(&h);
		most = max(most, h.n);
	}
	for (int op = 0; op < VH_NR_OPS; op++)
		ok(h.ops[op] && !h.bad[op], "%s: %lu random %s, each checked against the model",
		   what, h.ops[op], vh_op_name[op]);
	printf("# %s: %lu inserts refused, %lu VMAs merged away, %lu -ENOMEM, up to %d VMAs\n",
	       what, h.rejected, h.merged, h.nomem, most);
	ok(!vh_exit(&h) && vh_live == 0, "%s: exit_mmap_vmas frees every VMA, no leaks", what);
}

int main(void)
{
	test_by_hand();
	test_anon_vma_merge();
	test_stack_gap();
	test_random(1, TASK_UNMAPPED_BASE, "mmap_base 0x40000000");
	test_random(2, TASK_UNMAPPED_BASE, "mmap_base 0x40000000, seed 2");
	/* mmap_base just below TASK_SIZE: searches run out of room. */
	test_random(3, TASK_SIZE - (200UL << PAGE_SHIFT), "mmap_base near TASK_SIZE");
	return tap_done();
}
