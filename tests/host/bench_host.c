/*
 * `make bench-host`: replay an allocation trace (tools/slab-trace) through
 * Pagoda's kmalloc()/kfree() built for the host (the slab core over the
 * buddy core, tests/host/bench_pages.c), or, built with -DBENCH_GLIBC,
 * through the C library's malloc()/free(). tools/bench-host runs both
 * under callgrind, counting the instructions inside trace_alloc() and
 * trace_free() only: reading the trace is not measured.
 *
 * The trace is text: "a ID SIZE" allocates object ID, "f ID" frees it.
 */
#include <stdio.h>
#include <stdlib.h>
#ifdef BENCH_GLIBC
#define ALLOCATOR "glibc malloc"
#else
#include "bench_pages.h"
#include "linux/slab.h"
#define ALLOCATOR "pagoda kmalloc"
#endif

struct op {
	unsigned int id;
	unsigned int size;	/* 0: a free */
};

/* Not inlined: callgrind counts what happens inside these two. */
__attribute__((noinline)) static void *trace_alloc(size_t size)
{
#ifdef BENCH_GLIBC
	return malloc(size);
#else
	return kmalloc(size, GFP_KERNEL);
#endif
}

__attribute__((noinline)) static void trace_free(void *p)
{
#ifdef BENCH_GLIBC
	free(p);
#else
	kfree(p);
#endif
}

int main(int argc, char **argv)
{
	unsigned long nr_ops = 0, cap = 1 << 16, max_id = 0, allocs = 0;
	struct op *ops = malloc(cap * sizeof(*ops));
	void **live;
	char kind;
	FILE *f;

	if (argc != 2 || !(f = fopen(argv[1], "r"))) {
		fprintf(stderr, "usage: %s TRACE\n", argv[0]);
		return 2;
	}
	for (;;) {
		struct op op = { 0, 0 };
		int n = fscanf(f, " %c %u", &kind, &op.id);

		if (n != 2)
			break;
		if (kind == 'a' && (fscanf(f, "%u", &op.size) != 1 || op.size == 0))
			return fprintf(stderr, "bad allocation in the trace\n"), 2;
		if (nr_ops == cap)
			ops = realloc(ops, (cap *= 2) * sizeof(*ops));
		ops[nr_ops++] = op;
		if (op.id > max_id)
			max_id = op.id;
	}
	fclose(f);
	live = calloc(max_id + 1, sizeof(*live));
#ifndef BENCH_GLIBC
	bench_pages_init();
	kmem_cache_init();
#endif
	for (unsigned long i = 0; i < nr_ops; i++) {
		if (ops[i].size) {
			live[ops[i].id] = trace_alloc(ops[i].size);
			if (!live[ops[i].id])
				return fprintf(stderr, "allocation %lu failed\n", i), 1;
			allocs++;
		} else {
			trace_free(live[ops[i].id]);
			live[ops[i].id] = NULL;
		}
	}
	printf("%s: %lu allocations, %lu frees\n", ALLOCATOR, allocs, nr_ops - allocs);
	return 0;
}
