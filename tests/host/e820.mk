HOST_TESTS += e820
HOST_SRCS_e820 := tests/host/test_e820.c arch/i386/kernel/e820.c
