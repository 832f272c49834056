HOST_TESTS += kstrtox
HOST_SRCS_kstrtox := tests/host/test_kstrtox.c lib/kstrtox.c
