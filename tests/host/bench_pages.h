/* The page provider of `make bench-host` (tests/host/bench_pages.c). */
#ifndef PAGODA_TESTS_BENCH_PAGES_H
#define PAGODA_TESTS_BENCH_PAGES_H

/* Set up the arena and its buddy zone; before kmem_cache_init(). */
void bench_pages_init(void);

#endif
