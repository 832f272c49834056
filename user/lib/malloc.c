/*
 * malloc in the K&R tradition, with glibc's split between brk and mmap.
 *
 * Requests under mmap_threshold (128 KiB unless mallopt changes it) are cut
 * from a heap grown with sbrk. Free heap chunks sit on one list sorted by
 * address, so free can merge a chunk with its neighbours; malloc takes the
 * first chunk that fits and splits off the rest. When the free chunk at the
 * top of the heap reaches trim_threshold, the heap shrinks again. Larger
 * requests get a mapping of their own, given back with munmap.
 */
#include <errno.h>
#include <malloc.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/mman.h>

#define ALIGN        16
#define HEADER       sizeof(struct chunk)
#define MIN_CHUNK    (2 * ALIGN)
#define HEAP_STEP    (64 * 1024)        /* the least the heap grows by */
#define CHUNK_INUSE  0x1a110cedU
#define CHUNK_FREE   0xf4eeb10cU

struct chunk {
	size_t size;            /* bytes, header included: a multiple of ALIGN, of PAGE_SIZE if mapped */
	unsigned int magic;     /* CHUNK_INUSE or CHUNK_FREE: catches double and wild frees */
	int mapped;             /* has a mapping of its own */
	struct chunk *next;     /* the next free chunk by address (free chunks only) */
};

static struct chunk *free_list;
static size_t mmap_threshold = 128 * 1024;
static size_t trim_threshold = 128 * 1024;

#define ROUND_UP(x, a) (((x) + (a) - 1) & ~((size_t)(a) - 1))

static char *chunk_end(struct chunk *c)
{
	return (char *)c + c->size;
}

static size_t chunk_size(size_t n)
{
	size_t need = ROUND_UP(n + HEADER, ALIGN);

	return need < MIN_CHUNK ? MIN_CHUNK : need;
}

static struct chunk *chunk_of(void *p, const char *caller)
{
	struct chunk *c = (struct chunk *)p - 1;

	if (c->magic != CHUNK_INUSE) {
		printf("malloc: %s(%p): not a block from malloc (%s)\n", caller, p,
		       c->magic == CHUNK_FREE ? "already freed" : "bad pointer");
		abort();
	}
	return c;
}

/* Put c on the free list and merge it with free neighbours; returns the merged chunk. */
static struct chunk *insert_free(struct chunk *c)
{
	struct chunk **link = &free_list, *before = NULL;

	while (*link && *link < c) {
		before = *link;
		link = &before->next;
	}
	c->magic = CHUNK_FREE;
	c->next = *link;
	*link = c;
	if (c->next && chunk_end(c) == (char *)c->next) {
		c->size += c->next->size;
		c->next = c->next->next;
	}
	if (before && chunk_end(before) == (char *)c) {
		before->size += c->size;
		before->next = c->next;
		c = before;
	}
	return c;
}

/* Give the top of the heap back to the kernel once a big free chunk ends at the break. */
static void trim(struct chunk *c)
{
	size_t release;

	if (c->next || c->size < trim_threshold || chunk_end(c) != (char *)sbrk(0))
		return;
	release = (c->size - MIN_CHUNK) & ~((size_t)PAGE_SIZE - 1);
	if (release && sbrk(-(intptr_t)release) != (void *)-1)
		c->size -= release;
}

/* Shrink c to need bytes, freeing the tail if it is big enough to be a chunk. */
static void split_tail(struct chunk *c, size_t need)
{
	struct chunk *rest;

	if (c->size - need < MIN_CHUNK)
		return;
	rest = (struct chunk *)((char *)c + need);
	rest->size = c->size - need;
	rest->mapped = 0;
	c->size = need;
	trim(insert_free(rest));
}

/* First fit: the lowest free chunk of at least need bytes, taken off the list. */
static struct chunk *take(size_t need)
{
	struct chunk **link, *c;

	for (link = &free_list; (c = *link); link = &c->next) {
		if (c->size < need)
			continue;
		*link = c->next;
		c->magic = CHUNK_INUSE;
		split_tail(c, need);
		return c;
	}
	return NULL;
}

static int morecore(size_t need)
{
	uintptr_t brk0 = (uintptr_t)sbrk(0);
	size_t pad = -brk0 & (ALIGN - 1);
	size_t grow = ROUND_UP(need < HEAP_STEP ? HEAP_STEP : need, PAGE_SIZE);
	char *p = sbrk(pad + grow);
	struct chunk *c;

	if (p == (void *)-1) {
		grow = need;            /* the step did not fit; perhaps the bare request does */
		p = sbrk(pad + grow);
		if (p == (void *)-1)
			return 0;
	}
	c = (struct chunk *)(p + pad);
	c->size = grow;
	c->mapped = 0;
	insert_free(c);
	return 1;
}

static struct chunk *map_chunk(size_t need)
{
	size_t size = ROUND_UP(need, PAGE_SIZE);
	struct chunk *c = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (c == MAP_FAILED)
		return NULL;
	c->size = size;
	c->mapped = 1;
	c->magic = CHUNK_INUSE;
	return c;
}

void *malloc(size_t n)
{
	struct chunk *c = NULL;
	size_t need;

	if (n > PTRDIFF_MAX - HEADER - ALIGN) {
		errno = ENOMEM;
		return NULL;
	}
	need = chunk_size(n);
	/* LAB 5: BEGIN SOLUTION */
	if (n >= mmap_threshold)
		c = map_chunk(need);    /* falls back to the heap when there is no room to map */
	/* LAB 5: END SOLUTION */
	if (!c)
		c = take(need);
	if (!c && morecore(need))
		c = take(need);
	if (!c) {
		errno = ENOMEM;
		return NULL;
	}
	return c + 1;
}

void free(void *p)
{
	struct chunk *c;

	if (!p)
		return;
	c = chunk_of(p, "free");
	/* LAB 5: BEGIN SOLUTION */
	if (c->mapped) {
		c->magic = 0;
		munmap(c, c->size);
		return;
	}
	/* LAB 5: END SOLUTION */
	trim(insert_free(c));
}

void *calloc(size_t nmemb, size_t size)
{
	size_t total;
	void *p;

	if (__builtin_mul_overflow(nmemb, size, &total)) {
		errno = ENOMEM;
		return NULL;
	}
	p = malloc(total);
	if (p && !chunk_of(p, "calloc")->mapped)
		memset(p, 0, total);    /* a fresh mapping is zero already */
	return p;
}

/* Grow heap chunk c in place by swallowing the free chunk right after it. */
static int grow_in_place(struct chunk *c, size_t need)
{
	struct chunk **link, *f;

	for (link = &free_list; (f = *link) && (char *)f < chunk_end(c); link = &f->next)
		;
	if (!f || (char *)f != chunk_end(c) || c->size + f->size < need)
		return 0;
	*link = f->next;
	c->size += f->size;
	split_tail(c, need);
	return 1;
}

void *realloc(void *p, size_t n)
{
	struct chunk *c;
	size_t need;
	void *q;

	if (!p)
		return malloc(n);
	if (n == 0) {
		free(p);
		return NULL;
	}
	c = chunk_of(p, "realloc");
	if (n > PTRDIFF_MAX - HEADER - ALIGN) {
		errno = ENOMEM;
		return NULL;
	}
	need = chunk_size(n);
	if (c->mapped && n >= mmap_threshold) {
		size_t size = ROUND_UP(need, PAGE_SIZE);

		if (size == c->size)
			return p;
		q = mremap(c, c->size, size, MREMAP_MAYMOVE);
		if (q != MAP_FAILED) {
			c = q;
			c->size = size;
			return c + 1;
		}
	} else if (!c->mapped) {
		if (need <= c->size) {
			split_tail(c, need);
			return p;
		}
		if (grow_in_place(c, need))
			return p;
	}
	q = malloc(n);
	if (!q)
		return NULL;
	memcpy(q, p, c->size - HEADER < n ? c->size - HEADER : n);
	free(p);
	return q;
}

size_t malloc_usable_size(void *p)
{
	return p ? chunk_of(p, "malloc_usable_size")->size - HEADER : 0;
}

int mallopt(int param, int value)
{
	if (value < 0)
		return 0;
	switch (param) {
	case M_MMAP_THRESHOLD:
		mmap_threshold = value;
		return 1;
	case M_TRIM_THRESHOLD:
		trim_threshold = value;
		return 1;
	default:
		return 0;
	}
}
