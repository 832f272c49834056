/* Reference model and operations for testing mm/buddy.c on the host. */
#include <stdlib.h>
#include <string.h>		/* the kernel's include/linux/string.h: no strstr */
#include <unistd.h>
#include "buddy_harness.h"
#include "linux/printk.h"

struct page *mem_map;
static unsigned long memmap_pfns;

#define DIAG(...) do { printf("# " __VA_ARGS__); putchar('\n'); } while (0)

void memmap_init(unsigned long max_pfn)
{
	unsigned long pfn;

	mem_map = malloc((max_pfn ? max_pfn : 1) * sizeof(*mem_map));
	BUG_ON(!mem_map);
	memmap_pfns = max_pfn;
	for (pfn = 0; pfn < max_pfn; pfn++) {
		struct page *page = &mem_map[pfn];

		memset(page, 0, sizeof(*page));
		SetPageReserved(page);
		set_page_count(page, 1);
		reset_page_mapcount(page);
		INIT_LIST_HEAD(&page->lru);
	}
}

void memmap_exit(void)
{
	free(mem_map);
	mem_map = NULL;
}

void h_init(struct hzone *h, const char *name, enum zone_type idx,
	    unsigned long start, unsigned long end)
{
	unsigned long span = end - start, pfn;

	BUG_ON(start >= end || end > memmap_pfns);
	memset(h, 0, sizeof(*h));
	h->zone.name = name;
	h->zone.idx = idx;
	h->zone.zone_start_pfn = start;
	h->zone.spanned_pages = span;
	h->zone.present_pages = span;
	zone_init_free_lists(&h->zone);
	for (pfn = start; pfn < end; pfn++)
		set_page_zone(pfn_to_page(pfn), idx);
	h->start = start;
	h->end = end;
	h->state = calloc(span, 1);		/* all M_HOLE */
	h->seen = calloc(span, 1);
	h->allocs = calloc(span, sizeof(*h->allocs));
	h->snap = calloc(span, sizeof(*h->snap));
	h->snap2 = calloc(span, sizeof(*h->snap2));
	BUG_ON(!h->state || !h->seen || !h->allocs || !h->snap || !h->snap2);
	h->last_freed.order = MAX_ORDER;
}

void h_exit(struct hzone *h)
{
	free(h->state);
	free(h->seen);
	free(h->allocs);
	free(h->snap);
	free(h->snap2);
}

static unsigned char *st(struct hzone *h, unsigned long pfn)
{
	BUG_ON(pfn < h->start || pfn >= h->end);
	return &h->state[pfn - h->start];
}

static bool all_in_state(struct hzone *h, unsigned long pfn, unsigned int order,
			 unsigned char want)
{
	unsigned long i;

	if (pfn < h->start || pfn + (1UL << order) > h->end)
		return false;
	for (i = 0; i < (1UL << order); i++)
		if (*st(h, pfn + i) != want)
			return false;
	return true;
}

static void set_state(struct hzone *h, unsigned long pfn, unsigned int order,
		      unsigned char s)
{
	unsigned long i;

	for (i = 0; i < (1UL << order); i++)
		*st(h, pfn + i) = s;
}

int h_add_range(struct hzone *h, unsigned long start, unsigned long end)
{
	unsigned long pfn = start, expect = 0, got;
	int bad = 0;

	/* Model: the biggest aligned blocks; a block takes if all of it is a hole. */
	while (pfn < end) {
		unsigned int order = MAX_ORDER - 1;

		while (pfn % (1UL << order) || pfn + (1UL << order) > end)
			order--;
		if (all_in_state(h, pfn, order, M_HOLE)) {
			set_state(h, pfn, order, M_FREE);
			expect += 1UL << order;
		}
		pfn += 1UL << order;
	}
	h->nr_free += expect;
	got = buddy_add_free_range(&h->zone, start, end);
	if (got != expect) {
		DIAG("add [%#lx, %#lx): %lu pages added, model expected %lu",
		     start, end, got, expect);
		bad++;
	}
	return bad;
}

/* Is there a naturally aligned run of 2^order free pages in the model? */
static bool model_has_free_run(struct hzone *h, unsigned int order)
{
	unsigned long nr = 1UL << order;
	unsigned long pfn = (h->start + nr - 1) & ~(nr - 1);

	for (; pfn + nr <= h->end; pfn += nr)
		if (all_in_state(h, pfn, order, M_FREE))
			return true;
	return false;
}

int h_alloc(struct hzone *h, unsigned int order)
{
	unsigned long nr = 1UL << order, pfn;
	struct page *page = buddy_alloc(&h->zone, order);

	if (!page) {
		h->nr_alloc_fail++;
		if (model_has_free_run(h, order)) {
			DIAG("order %u failed, but the model has an aligned free run", order);
			return 1;
		}
		return 0;
	}
	pfn = page_to_pfn(page);
	if (pfn % nr || pfn < h->start || pfn + nr > h->end) {
		DIAG("order %u gave %#lx: misaligned or outside [%#lx, %#lx)",
		     order, pfn, h->start, h->end);
		return 1;
	}
	if (!all_in_state(h, pfn, order, M_FREE)) {
		DIAG("order %u gave %#lx, not all free in the model", order, pfn);
		return 1;
	}
	if (page_count(page) != 1) {
		DIAG("order %u gave %#lx with count %d", order, pfn, page_count(page));
		return 1;
	}
	set_state(h, pfn, order, M_USED);
	h->nr_alloc_ok++;
	h->nr_free -= nr;
	h->allocs[h->nr_allocs++] = (struct block){ pfn, order };
	return 0;
}

/* xorshift64: the split choices of one free come from one number. */
static unsigned long next_rand(unsigned long *s)
{
	unsigned long long x = *s ? *s : 0x9e3779b97f4a7c15ULL;

	x ^= x << 13;
	x ^= x >> 7;
	x ^= x << 17;
	*s = (unsigned long)x;
	return (unsigned long)x;
}

static void split(struct block b, struct block *out, size_t *n, unsigned long *rs)
{
	if (b.order > 0 && (next_rand(rs) & 1)) {
		struct block lo = { b.pfn, b.order - 1 };
		struct block hi = { b.pfn + (1UL << (b.order - 1)), b.order - 1 };

		split(lo, out, n, rs);
		split(hi, out, n, rs);
	} else {
		out[(*n)++] = b;
	}
}

static int free_block(struct hzone *h, struct block b)
{
	struct page *page = pfn_to_page(b.pfn);

	if (!put_page_testzero(page)) {
		DIAG("free %#lx: count did not drop to 0", b.pfn);
		return 1;
	}
	if (buddy_free(&h->zone, page, b.order) != 0) {
		DIAG("free %#lx order %u refused", b.pfn, b.order);
		return 1;
	}
	set_state(h, b.pfn, b.order, M_FREE);
	h->nr_free += 1UL << b.order;
	h->nr_freed++;
	h->last_freed = b;
	return 0;
}

int h_free(struct hzone *h, size_t i, unsigned long r)
{
	struct block pieces[1UL << (MAX_ORDER - 1)], b;
	size_t n = 0, k;
	int bad = 0;

	if (!h->nr_allocs)
		return 0;
	i %= h->nr_allocs;
	b = h->allocs[i];
	h->allocs[i] = h->allocs[--h->nr_allocs];

	/* Like split_page(): each piece gets a reference of its own. */
	split(b, pieces, &n, &r);
	for (k = n; k > 1; k--) {
		size_t j = next_rand(&r) % k;
		struct block t = pieces[k - 1];

		pieces[k - 1] = pieces[j];
		pieces[j] = t;
	}
	for (k = 0; k < n; k++)
		set_page_count(pfn_to_page(pieces[k].pfn), 1);
	for (k = 0; k < n; k++)
		bad += free_block(h, pieces[k]);
	return bad;
}

int h_free_all(struct hzone *h)
{
	int bad = 0;

	while (h->nr_allocs)
		bad += h_free(h, 0, 0);		/* r = 0: whole blocks */
	return bad;
}

/* A page in state s, searching from a random place; false if none. */
static bool find_pfn(struct hzone *h, unsigned char s, unsigned long r,
		     unsigned long *pfn)
{
	unsigned long span = h->end - h->start, i;

	for (i = 0; i < span; i++) {
		unsigned long p = h->start + (r + i) % span;

		if (*st(h, p) == s) {
			*pfn = p;
			return true;
		}
	}
	return false;
}

const char *const bad_free_names[NR_BAD_FREES] = {
	"double free", "free of a free page", "free of a reserved page",
	"free with a reference held", "free of a mapped page",
	"free with a tail page referenced", "free of a PageSlab page",
	"free of a block spanning a neighbour",
};

/*
 * Set up the bad state, try the free, undo. Returns 1 if buddy_free() took
 * it, -1 if the model had no victim, 0 if it was refused.
 */
static int try_bad_free(struct hzone *h, unsigned int kind, unsigned long r)
{
	struct block b = { 0, 0 }, *a = NULL;
	struct page *head, *victim;
	int ret;

	if (kind >= 3) {
		if (!h->nr_allocs)
			return -1;
		a = &h->allocs[r % h->nr_allocs];
		b = *a;
	}
	switch (kind) {
	case 0:
		b = h->last_freed;
		if (b.order >= MAX_ORDER || !all_in_state(h, b.pfn, b.order, M_FREE))
			return -1;
		return buddy_free(&h->zone, pfn_to_page(b.pfn), b.order) == 0;
	case 1:
	case 2:
		if (!find_pfn(h, kind == 1 ? M_FREE : M_HOLE, r, &b.pfn))
			return -1;
		return buddy_free(&h->zone, pfn_to_page(b.pfn), 0) == 0;
	case 3:
		return buddy_free(&h->zone, pfn_to_page(b.pfn), b.order) == 0;
	case 7:
		/* The block one order up: its other half is not ours. */
		if (b.order == MAX_ORDER - 1)
			return -1;
		b.pfn &= ~(1UL << b.order);
		b.order++;
		if (b.pfn < h->start || b.pfn + (1UL << b.order) > h->end)
			return -1;
		head = pfn_to_page(a->pfn);
		set_page_count(head, 0);
		ret = buddy_free(&h->zone, pfn_to_page(b.pfn), b.order) == 0;
		set_page_count(head, 1);
		return ret;
	}
	head = pfn_to_page(b.pfn);
	victim = head + (r >> 8) % (1UL << b.order);
	if (kind == 5) {
		if (b.order == 0)
			return -1;
		victim = head + 1 + (r >> 8) % ((1UL << b.order) - 1);
	}
	set_page_count(head, 0);
	if (kind == 4)
		victim->_mapcount = 0;
	else if (kind == 5)
		set_page_count(victim, 1);
	else
		SetPageSlab(victim);
	ret = buddy_free(&h->zone, head, b.order) == 0;
	reset_page_mapcount(victim);
	ClearPageSlab(victim);
	set_page_count(victim, 0);
	set_page_count(head, 1);
	return ret;
}

static FILE *capture_file;
static int saved_stdout = -1;
static char captured[4096];

void capture_begin(void)
{
	if (!capture_file)
		capture_file = tmpfile();
	BUG_ON(!capture_file || saved_stdout >= 0);
	fflush(stdout);
	/* Empty it; stdout shares the file offset, so rewind that too. */
	BUG_ON(ftruncate(fileno(capture_file), 0) != 0);
	lseek(fileno(capture_file), 0, SEEK_SET);
	saved_stdout = dup(1);
	dup2(fileno(capture_file), 1);
}

const char *capture_end(void)
{
	ssize_t n;

	fflush(stdout);
	dup2(saved_stdout, 1);
	close(saved_stdout);
	saved_stdout = -1;
	n = pread(fileno(capture_file), captured, sizeof(captured) - 1, 0);
	captured[n > 0 ? n : 0] = '\0';
	return captured;
}

void print_as_diag(const char *text)
{
	while (*text) {
		const char *eol = strchr(text, '\n');
		int len = eol ? (int)(eol - text) : (int)strlen(text);

		if (text[0] == KERN_SOH[0] && text[1])
			text += 2, len -= 2;
		printf("# %.*s\n", len, text);
		text += len + (eol ? 1 : 0);
	}
}

static const char *find_line(const char *text, const char *prefix)
{
	size_t n = strlen(prefix);

	for (; *text; text++)
		if (strncmp(text, prefix, n) == 0)
			return text;
	return NULL;
}

int h_bad_free(struct hzone *h, unsigned int kind, unsigned long r)
{
	size_t before = h_snapshot(h, h->snap), after;
	unsigned long free_before = h->zone.free_pages;
	const char *text, *bug;
	int ret;

	capture_begin();
	ret = try_bad_free(h, kind % NR_BAD_FREES, r);
	text = capture_end();
	if (ret == -1)
		return 0;
	if (ret == 1) {
		DIAG("%s accepted", bad_free_names[kind % NR_BAD_FREES]);
		return 1;	/* the lists are damaged now: stop here */
	}
	h->nr_bad++;
	bug = find_line(text, "BUG: Bad page state");
	if (!bug) {
		DIAG("%s refused without a report", bad_free_names[kind % NR_BAD_FREES]);
		return 1;
	}
	snprintf(h->report, sizeof(h->report), "%s", bug);
	if (strchr(h->report, '\n'))
		*strchr(h->report, '\n') = '\0';
	after = h_snapshot(h, h->snap2);
	if (after != before || memcmp(h->snap, h->snap2, before * sizeof(*h->snap)) ||
	    h->zone.free_pages != free_before) {
		DIAG("%s refused, but the free lists changed",
		     bad_free_names[kind % NR_BAD_FREES]);
		return 1;
	}
	return 0;
}

size_t h_snapshot(const struct hzone *h, unsigned long *buf)
{
	size_t n = 0;
	unsigned int order;

	for (order = 0; order < MAX_ORDER; order++) {
		const struct page *page;

		list_for_each_entry(page, &h->zone.free_area[order].free_list, lru) {
			BUG_ON(n >= h->end - h->start);
			buf[n++] = page_to_pfn(page) * 16 + order;
		}
	}
	return n;
}

static int cmp_ulong(const void *a, const void *b)
{
	unsigned long x = *(const unsigned long *)a, y = *(const unsigned long *)b;

	return x < y ? -1 : x > y;
}

bool same_blocks(unsigned long *a, size_t na, unsigned long *b, size_t nb)
{
	if (na != nb)
		return false;
	qsort(a, na, sizeof(*a), cmp_ulong);
	qsort(b, nb, sizeof(*b), cmp_ulong);
	return memcmp(a, b, na * sizeof(*a)) == 0;
}

int h_check(struct hzone *h)
{
	unsigned long span = h->end - h->start, i;
	unsigned int order;
	int bad = buddy_check_zone(&h->zone);

	if (bad) {
		DIAG("buddy_check_zone found %d problems", bad);
		return bad;		/* the lists may not be safe to walk */
	}
	memset(h->seen, 0, span);
	for (order = 0; order < MAX_ORDER; order++) {
		const struct page *page;

		list_for_each_entry(page, &h->zone.free_area[order].free_list, lru)
			for (i = 0; i < (1UL << order); i++)
				h->seen[page_to_pfn(page) + i - h->start] = 1;
	}
	for (i = 0; i < span; i++) {
		if (h->seen[i] != (h->state[i] == M_FREE)) {
			if (bad < 5)
				DIAG("pfn %#lx: %s on the free lists, model says %s",
				     h->start + i, h->seen[i] ? "" : "not",
				     h->state[i] == M_FREE ? "free" :
				     h->state[i] == M_USED ? "used" : "hole");
			bad++;
		}
	}
	if (h->zone.free_pages != h->nr_free) {
		DIAG("zone free_pages %lu, model %lu", h->zone.free_pages, h->nr_free);
		bad++;
	}
	return bad;
}
