# Host unit tests and fuzz targets of the mm core, included by the top
# Makefile. buddy_harness.c is the reference model both buddy builds share.

HOST_TESTS += buddy
HOST_SRCS_buddy := tests/host/test_buddy.c tests/host/buddy_harness.c mm/buddy.c

HOST_TESTS += watermark
HOST_SRCS_watermark := tests/host/test_watermark.c mm/watermark.c

FUZZ_TARGETS += buddy
FUZZ_SRCS_buddy := tests/fuzz/fuzz_buddy.c tests/host/buddy_harness.c mm/buddy.c
