HOST_TESTS += vmlist
HOST_SRCS_vmlist := tests/host/test_vmlist.c mm/vmlist.c
FUZZ_TARGETS += vmlist
FUZZ_SRCS_vmlist := tests/fuzz/fuzz_vmlist.c mm/vmlist.c
