SLAB_CORE := mm/slab.c mm/slab_debug.c mm/slab_check.c mm/slabinfo.c mm/slab_common.c fs/seq_file.c \
	tests/host/slab_fake_pages.c tests/host/slab_harness.c
HOST_TESTS += slab
HOST_SRCS_slab := tests/host/test_slab.c $(SLAB_CORE)
FUZZ_TARGETS += slab
FUZZ_SRCS_slab := tests/fuzz/fuzz_slab.c $(SLAB_CORE)
