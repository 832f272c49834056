HOST_TESTS += elf
HOST_SRCS_elf := tests/host/test_elf.c fs/binfmt_elf.c
FUZZ_TARGETS += elf
FUZZ_SRCS_elf := tests/fuzz/fuzz_elf.c fs/binfmt_elf.c
