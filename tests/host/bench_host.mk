# make bench-host: the slab core built for the host against glibc's malloc,
# one allocation trace through both, instructions counted by callgrind.
# Built like the kernel (-O2), not like the host tests (no sanitizers).

BENCH_HOST_CFLAGS := -std=gnu11 -O2 -g -DHOST_TEST $(INCLUDES) -Wall -Wextra -Werror
BENCH_HOST_SRCS := tests/host/bench_host.c tests/host/bench_pages.c mm/buddy.c \
	mm/slab.c mm/slab_debug.c mm/slab_check.c mm/slabinfo.c mm/slab_common.c fs/seq_file.c
BENCH_TRACE_SEED ?= 1

.PHONY: bench-host

$(B)/bench/bench_pagoda: $(BENCH_HOST_SRCS) $(wildcard include/linux/*.h arch/i386/include/asm/*.h) tests/host/bench_pages.h
	@mkdir -p $(dir $@)
	$(HOSTCC) $(BENCH_HOST_CFLAGS) $(BENCH_HOST_SRCS) -o $@

$(B)/bench/bench_glibc: tests/host/bench_host.c
	@mkdir -p $(dir $@)
	$(HOSTCC) $(BENCH_HOST_CFLAGS) -DBENCH_GLIBC $< -o $@

$(B)/bench/trace-$(BENCH_TRACE_SEED).txt: tools/slab-trace
	@mkdir -p $(dir $@)
	$(PYTHON) tools/slab-trace --seed $(BENCH_TRACE_SEED) $@

bench-host: $(B)/bench/bench_pagoda $(B)/bench/bench_glibc $(B)/bench/trace-$(BENCH_TRACE_SEED).txt
	$(PYTHON) tools/bench-host $(B)/bench/bench_pagoda $(B)/bench/bench_glibc \
		$(B)/bench/trace-$(BENCH_TRACE_SEED).txt
