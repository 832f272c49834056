HOST_TESTS += e820
HOST_SRCS_e820 := tests/host/test_e820.c mm/e820.c
