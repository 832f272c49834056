HOST_TESTS += time
HOST_SRCS_time := tests/host/test_time.c kernel/time/time.c
