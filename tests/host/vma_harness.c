/*
 * The model behind tests/host/test_vma.c and tests/fuzz/fuzz_vma.c; see
 * vma_harness.h. The model's answers are computed the plain way (linear
 * scans of a sorted array), not the way mm/vma.c computes them.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "linux/errno.h"
#include "vma_harness.h"

const char *const vh_op_name[VH_NR_OPS] = {
	"insert", "remove", "split", "merge", "find", "get_unmapped_area",
};

long vh_live;
bool vh_fail_alloc;

struct vm_area_struct *vm_area_alloc(void)
{
	if (vh_fail_alloc) {
		vh_fail_alloc = false;
		return NULL;
	}
	vh_live++;
	return calloc(1, sizeof(struct vm_area_struct));
}

void vm_area_free(struct vm_area_struct *vma)
{
	vh_live--;
	free(vma);
}

/* split_vma's reference for the new part: the model's files are only addresses, never counted. */
struct file *get_file(struct file *f)
{
	return f;
}

/* The reverse map is the kernel's (mm/rmap.c): the host's VMAs have no pages to find; the calls are counted. */
long vh_rmap_links;

void vma_link_rmap(struct vm_area_struct *vma)
{
	(void)vma;
	vh_rmap_links++;
}

/* Stand-ins for open files: only their addresses matter. */
static long file_a, file_b;
/* Same text as "[heap]" at another address: names compare by content. */
static const char heap_copy[] = "[heap]";

#define problem(...) do { printf("# " __VA_ARGS__); putchar('\n'); bad++; } while (0)

static void set_attr(struct mrange *m, unsigned long start, unsigned int attr)
{
	static const unsigned long flags[] = {
		VM_READ | VM_WRITE | VM_MAYREAD | VM_MAYWRITE, VM_READ | VM_EXEC | VM_MAYREAD,
	};
	static struct file *const files[] = { NULL, (struct file *)&file_a, (struct file *)&file_b };
	static const char *const names[] = { NULL, "[heap]", heap_copy };

	m->flags = flags[attr & 1];
	m->prot = attr & 2 ? 0x7 : 0x5;
	m->file = files[(attr >> 2) % 3];
	m->name = names[(attr >> 4) % 3];
	/* Mostly the offset that makes neighbours contiguous (anonymous: the address's, as do_mmap gives). */
	m->pgoff = (start >> PAGE_SHIFT) + ((attr >> 6) & 1);
}

/* The model's find_vma(): index of the first range ending above addr (n if none). */
static int m_find(const struct vh *h, unsigned long addr)
{
	int i = 0;

	while (i < h->n && h->r[i].end <= addr)
		i++;
	return i;
}

static struct vm_area_struct *nth_vma(struct vh *h, int i)
{
	struct vm_area_struct *vma = h->mm.mmap;

	while (vma && i--)
		vma = vma->vm_next;
	return vma;
}

/* Does the real VMA match model range i (NULL for i == n)? */
static bool same(const struct vh *h, const struct vm_area_struct *vma, int i)
{
	const struct mrange *m;

	if (i < 0 || i >= h->n)
		return vma == NULL;
	m = &h->r[i];
	return vma && vma->vm_start == m->start && vma->vm_end == m->end &&
	       vma->vm_flags == m->flags && vma->vm_page_prot == m->prot &&
	       vma->vm_file == m->file && vma->vm_pgoff == m->pgoff && vma->vm_name == m->name;
}

/* After every operation: the invariants, the list against the model, leaks. */
static int verify(struct vh *h)
{
	struct vm_area_struct *vma = h->mm.mmap;
	int bad = 0, i;

	if (vma_check(&h->mm))
		problem("vma_check() found violations");
	for (i = 0; i < h->n && vma; i++, vma = vma->vm_next) {
		if (!same(h, vma, i)) {
			problem("VMA %d is %#lx-%#lx, the model says %#lx-%#lx", i,
				vma->vm_start, vma->vm_end, h->r[i].start, h->r[i].end);
			return bad;
		}
	}
	if (i != h->n || vma)
		problem("the list has %s VMAs than the model's %d", vma ? "more" : "fewer", h->n);
	if (vh_live != h->n)
		problem("%ld VMAs allocated, %d in the mm: a leak or a double free", vh_live, h->n);
	return bad;
}

/* Count the operation, and its disagreements (with the checks after it). */
static int done(struct vh *h, enum vh_op op, int bad)
{
	bad += verify(h);
	h->ops[op]++;
	h->bad[op] += bad;
	return bad;
}

void vh_init(struct vh *h, unsigned long mmap_base)
{
	memset(h, 0, sizeof(*h));
	mm_init_vmas(&h->mm);
	h->mm.mmap_base = mmap_base;
}

unsigned long vh_addr(const struct vh *h, unsigned int r1, unsigned int r2, bool unaligned)
{
	static const unsigned long window[] = { 0x08048000UL, 0, 0, TASK_SIZE - (256UL << PAGE_SHIFT) };
	unsigned long below = min(h->mm.mmap_base, 16UL << PAGE_SHIFT);
	unsigned long base = window[r1 % 4] ? window[r1 % 4] : h->mm.mmap_base - below;
	unsigned long addr = base + ((unsigned long)(r2 % 256) << PAGE_SHIFT);

	return unaligned ? addr + 1 + (r1 >> 2) % (PAGE_SIZE - 1) : addr;
}

int vh_insert(struct vh *h, unsigned long start, unsigned long len, unsigned int attr)
{
	struct vm_area_struct *vma;
	struct mrange m;
	int bad = 0, rc, expect = 0, i;

	if (h->n == VH_MAX_RANGES)
		return 0;
	set_attr(&m, start, attr);
	m.start = start;
	m.end = start + len;
	i = m_find(h, start);
	if (!len || m.end > TASK_SIZE || m.end < start ||
	    !IS_ALIGNED(start, PAGE_SIZE) || !IS_ALIGNED(len, PAGE_SIZE))
		expect = -EINVAL;
	else if (i < h->n && h->r[i].start < m.end)
		expect = -EEXIST;

	vma = vm_area_alloc();
	vma->vm_start = m.start;
	vma->vm_end = m.end;
	vma->vm_flags = m.flags;
	vma->vm_page_prot = m.prot;
	vma->vm_file = m.file;
	vma->vm_pgoff = m.pgoff;
	vma->vm_name = m.name;
	rc = insert_vm_struct(&h->mm, vma);
	if (rc != expect)
		problem("insert %#lx-%#lx returned %d, expected %d", m.start, m.end, rc, expect);
	if (rc) {
		vm_area_free(vma);
		h->rejected++;
	} else if (vma->vm_mm != &h->mm) {
		problem("insert %#lx-%#lx did not set vm_mm", m.start, m.end);
	}
	if (!expect) {
		memmove(&h->r[i + 1], &h->r[i], (size_t)(h->n - i) * sizeof(m));
		h->r[i] = m;
		h->n++;
	}
	return done(h, VH_INSERT, bad);
}

int vh_remove(struct vh *h, unsigned int which)
{
	struct vm_area_struct *vma;
	int i;

	if (!h->n)
		return 0;
	i = (int)(which % (unsigned int)h->n);
	vma = nth_vma(h, i);
	remove_vm_struct(&h->mm, vma);
	vm_area_free(vma);
	memmove(&h->r[i], &h->r[i + 1], (size_t)(h->n - i - 1) * sizeof(h->r[0]));
	h->n--;
	return done(h, VH_REMOVE, 0);
}

int vh_split(struct vh *h, unsigned int which, unsigned int at_page, bool new_below,
	     bool fail_alloc)
{
	struct vm_area_struct *vma;
	struct mrange *m;
	unsigned long pages, addr;
	int bad = 0, rc, expect = 0, i;

	if (!h->n || h->n == VH_MAX_RANGES)
		return 0;
	i = (int)(which % (unsigned int)h->n);
	m = &h->r[i];
	vma = nth_vma(h, i);
	pages = (m->end - m->start) >> PAGE_SHIFT;
	addr = m->start + ((at_page % (pages + 1)) << PAGE_SHIFT);	/* ends included: -EINVAL */
	if (addr == m->start || addr == m->end)
		expect = -EINVAL;
	else if (fail_alloc)
		expect = -ENOMEM;

	vh_fail_alloc = fail_alloc;
	rc = split_vma(&h->mm, vma, addr, new_below);
	vh_fail_alloc = false;
	if (rc != expect)
		problem("split %#lx-%#lx at %#lx returned %d, expected %d",
			m->start, m->end, addr, rc, expect);
	if (!expect) {
		struct mrange upper = *m;

		upper.start = addr;
		upper.pgoff = m->pgoff + ((addr - m->start) >> PAGE_SHIFT);
		m->end = addr;
		memmove(&h->r[i + 2], &h->r[i + 1], (size_t)(h->n - i - 1) * sizeof(upper));
		h->r[i + 1] = upper;
		h->n++;
		/* The VMA passed in keeps the part the caller did not ask to be new. */
		if (!rc && !same(h, vma, new_below ? i + 1 : i))
			problem("split at %#lx: the original VMA is %#lx-%#lx", addr,
				vma->vm_start, vma->vm_end);
	}
	return done(h, VH_SPLIT, bad);
}

static bool m_can_merge(const struct mrange *a, const struct mrange *b)
{
	bool name_same = a->name == b->name || (a->name && b->name && !strcmp(a->name, b->name));

	if (a->end != b->start || a->flags != b->flags || a->prot != b->prot ||
	    a->file != b->file || !name_same)
		return false;
	return a->pgoff + ((a->end - a->start) >> PAGE_SHIFT) == b->pgoff;
}

/* Range i absorbs range i + 1. */
static void m_absorb_next(struct vh *h, int i)
{
	h->r[i].end = h->r[i + 1].end;
	memmove(&h->r[i + 1], &h->r[i + 2], (size_t)(h->n - i - 2) * sizeof(h->r[0]));
	h->n--;
	h->merged++;
}

int vh_merge(struct vh *h, unsigned int which)
{
	struct vm_area_struct *vma, *got;
	int bad = 0, i;

	if (!h->n)
		return 0;
	i = (int)(which % (unsigned int)h->n);
	vma = nth_vma(h, i);
	got = vma_merge_neighbours(&h->mm, vma);
	if (i + 1 < h->n && m_can_merge(&h->r[i], &h->r[i + 1]))
		m_absorb_next(h, i);
	if (i > 0 && m_can_merge(&h->r[i - 1], &h->r[i]))
		m_absorb_next(h, --i);
	if (!same(h, got, i))
		problem("merge returned %#lx-%#lx, the model says %#lx-%#lx",
			got ? got->vm_start : 0, got ? got->vm_end : 0, h->r[i].start, h->r[i].end);
	return done(h, VH_MERGE, bad);
}

int vh_find(struct vh *h, unsigned long addr, unsigned long len)
{
	struct vm_area_struct *vma, *prev = (struct vm_area_struct *)&prev;
	int bad = 0, i = m_find(h, addr);

	vma = find_vma(&h->mm, addr);
	if (!same(h, vma, i))
		problem("find_vma(%#lx) gave %#lx-, the model %#lx-", addr,
			vma ? vma->vm_start : 0, i < h->n ? h->r[i].start : 0);
	if (find_vma_prev(&h->mm, addr, &prev) != vma)
		problem("find_vma_prev(%#lx) and find_vma() disagree", addr);
	if (!same(h, prev, i - 1))
		problem("find_vma_prev(%#lx): prev %#lx-, the model %#lx-", addr,
			prev ? prev->vm_start : 0, i > 0 ? h->r[i - 1].start : 0);

	/* The intersection with [addr, addr + len): find_vma's answer if it starts below the end. */
	if (i < h->n && h->r[i].start >= addr + len)
		i = h->n;
	vma = find_vma_intersection(&h->mm, addr, addr + len);
	if (!same(h, vma, i))
		problem("find_vma_intersection(%#lx, %#lx) gave %#lx-", addr, addr + len,
			vma ? vma->vm_start : 0);
	return done(h, VH_FIND, bad);
}

/* Is [addr, addr + len) below TASK_SIZE and clear of every range? */
static bool m_free(const struct vh *h, unsigned long addr, unsigned long len)
{
	if (addr > TASK_SIZE - len)
		return false;
	for (int i = 0; i < h->n; i++)
		if (h->r[i].start < addr + len && addr < h->r[i].end)
			return false;
	return true;
}

/* The model's answer: the hint, else the lowest page at or above mmap_base that fits. */
static unsigned long m_unmapped(const struct vh *h, unsigned long hint, unsigned long len)
{
	unsigned long addr = h->mm.mmap_base;

	if (!len)
		return (unsigned long)-EINVAL;
	if (len > TASK_SIZE)
		return (unsigned long)-ENOMEM;
	len = ALIGN_UP(len, PAGE_SIZE);
	if (hint && IS_ALIGNED(hint, PAGE_SIZE) && m_free(h, hint, len))
		return hint;
	/* Candidates: mmap_base and the end of every range above it. */
	if (m_free(h, addr, len))
		return addr;
	for (int i = 0; i < h->n; i++)
		if (h->r[i].end > addr && m_free(h, h->r[i].end, len))
			return h->r[i].end;
	return (unsigned long)-ENOMEM;
}

int vh_unmapped(struct vh *h, unsigned long hint, unsigned long len, int insert_attr)
{
	unsigned long got = get_unmapped_area(&h->mm, hint, len);
	unsigned long expect = m_unmapped(h, hint, len);
	int bad = 0;

	if (got != expect)
		problem("get_unmapped_area(hint %#lx, len %#lx) = %#lx, the model says %#lx",
			hint, len, got, expect);
	if (IS_ERR_VALUE(got)) {
		h->nomem++;
	} else {
		if (!IS_ALIGNED(got, PAGE_SIZE) || !m_free(h, got, ALIGN_UP(len, PAGE_SIZE)))
			problem("get_unmapped_area(): %#lx is not an aligned free range", got);
		if (insert_attr >= 0)
			bad += vh_insert(h, got, ALIGN_UP(len, PAGE_SIZE), (unsigned int)insert_attr);
	}
	return done(h, VH_UNMAPPED, bad);
}

int vh_exit(struct vh *h)
{
	int bad = 0;

	exit_mmap_vmas(&h->mm);
	h->n = 0;
	if (h->mm.mmap || !RB_EMPTY_ROOT(&h->mm.mm_rb) || h->mm.map_count || h->mm.total_vm)
		problem("exit_mmap_vmas() left something in the mm");
	return bad + verify(h);
}
