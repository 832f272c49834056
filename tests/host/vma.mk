HOST_TESTS += rbtree
HOST_SRCS_rbtree := tests/host/test_rbtree.c lib/rbtree.c

VMA_CORE := mm/vma.c lib/rbtree.c tests/host/vma_harness.c
HOST_TESTS += vma
HOST_SRCS_vma := tests/host/test_vma.c $(VMA_CORE)
FUZZ_TARGETS += vma
FUZZ_SRCS_vma := tests/fuzz/fuzz_vma.c $(VMA_CORE)
