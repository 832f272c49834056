HOST_TESTS += cpio
HOST_SRCS_cpio := tests/host/test_cpio.c lib/earlycpio.c
FUZZ_TARGETS += cpio
FUZZ_SRCS_cpio := tests/fuzz/fuzz_cpio.c lib/earlycpio.c
