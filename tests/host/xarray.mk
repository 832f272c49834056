HOST_TESTS += xarray
HOST_SRCS_xarray := tests/host/test_xarray.c lib/xarray.c
