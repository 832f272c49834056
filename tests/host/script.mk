HOST_TESTS += script
HOST_SRCS_script := tests/host/test_script.c fs/binfmt_script.c
