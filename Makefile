# Pagoda: build, run and test. `make help` lists the targets.
#
# Everything is built out of tree in build/. Kernel objects mirror the
# source tree (build/init/main.o, ...). All build flags live here.

# Goals that need the Debian packages (tools/deps installs what is missing).
# For them make runs tools/deps first and then itself again, so that
# everything below is read with the packages in place: on a fresh machine a
# value taken from $(CC) while make reads this file would otherwise be empty.
# A target that needs the packages goes in this list; none lists `deps` as a
# prerequisite (under -j it would run beside the compiles). tests/make_test.py
# checks both, with the tools hidden. (`make -n GOAL` runs tools/deps too: it
# is on the line that runs $(MAKE), so that the make after it can show its plan.)
DEPS       ?= tools/deps
DEPS_GOALS := run test test-linux qemu-gdb gdb fuzz memmap bench grade mutate

ifneq ($(and $(filter $(DEPS_GOALS),$(MAKECMDGOALS)),$(if $(PAGODA_DEPS_DONE),,outer)),)

.PHONY: $(MAKECMDGOALS)
$(firstword $(MAKECMDGOALS)):
	@$(DEPS) && $(MAKE) --no-print-directory PAGODA_DEPS_DONE=1 $(MAKECMDGOALS)
$(filter-out $(firstword $(MAKECMDGOALS)),$(MAKECMDGOALS)):
	@:

else

CROSS    ?= i686-linux-gnu-
CC       := $(CROSS)gcc
LD       := $(CROSS)ld
NM       := $(CROSS)nm
OBJCOPY  := $(CROSS)objcopy
NASM     ?= nasm
PYTHON   ?= python3
HOSTCC   ?= gcc
FUZZCC   ?= clang

B        := build
V        ?= 0
Q        := $(if $(filter 1,$(V)),,@)
MEM      ?= 1024
APPEND   ?=
# What `make run` boots: the shell (/sbin/init, then BusyBox's sh on the
# console) or, with INIT=monitor, the kernel monitor as before.
INIT     ?= shell
# Disk images `make run` attaches (DISK=a.img, or DISK='a.img b.img': sda, sdb); tools/mkdisk makes them.
DISK     ?=
# A swap disk `make run` attaches after the DISK ones (SWAP=s.img, made by `mkswap s.img`); swapon /dev/sdX turns it on.
SWAP     ?=
# DEBUG=1: a kernel for stepping through with GDB, in build/debug/ (the
# user programs and the initrd stay in build/): -Og keeps every argument
# and local visible and inlines nothing that is not `inline` (the labs'
# walkthroughs break on expand, map_area, do_wp_page ... and `finish`
# back out of them). `make qemu-gdb` and `make gdb` build it unless told
# DEBUG=0; every other target builds the -O2 kernel in build/.
DEBUG    ?= $(if $(filter qemu-gdb gdb,$(MAKECMDGOALS)),1,0)
KB       := $(B)$(if $(filter 1,$(DEBUG)),/debug)
KERNEL_OPT := $(if $(filter 1,$(DEBUG)),-Og,-O2)

# Nothing here runs a tool while make reads this file: what comes from the
# toolchain (the compiler's banner, libgcc, its include directory) is a
# deferred `=` variable, computed in the recipes that use it.
CC_VERSION = $(shell $(CC) --version 2>/dev/null | head -1)
LIBGCC     = $(shell $(CC) -m32 -print-libgcc-file-name)

# Freestanding kernel flags: no PIE, no stack protector, frame pointers
# kept and no tail calls so backtraces show every caller, no SSE in kernel code, and
# (as Linux) a NULL dereference stays in the code so that it faults.
# The kernel's headers, for every build of kernel code (kernel, host tests,
# fuzz targets): include/ (<linux/...>, <kunit/...>) and the arch's
# include/ (<asm/...>), as Linux's -I flags. -iquote, so only the
# "linux/mm.h" form finds them: the C library's own <linux/errno.h> and
# <asm/...> in a host build stay the system's.
INCLUDES := -iquote include -iquote arch/i386/include

KERNEL_CFLAGS = -std=gnu11 -m32 -march=i686 -ffreestanding -fno-builtin -nostdlib \
	-fno-pie -fno-pic -fno-stack-protector -fno-omit-frame-pointer -mno-omit-leaf-frame-pointer \
	-fno-asynchronous-unwind-tables -fno-strict-aliasing -fno-delete-null-pointer-checks -fno-optimize-sibling-calls -mno-sse -mno-mmx -mno-80387 \
	$(KERNEL_OPT) -g -Wall -Wextra -Werror -Wno-unused-parameter -Wstrict-prototypes \
	$(INCLUDES) -MMD -MP \
	-DPAGODA_COMPILER='"$(CC_VERSION)"'
KERNEL_ASFLAGS := -f elf32 -g -F dwarf
KERNEL_LDFLAGS := -m elf_i386 -nostdlib -T linker.ld --no-warn-rwx-segments -z noexecstack

# Host unit tests and fuzz targets of the hardware-independent mm core.
HOST_CFLAGS := -std=gnu11 -O1 -g -DHOST_TEST $(INCLUDES) -Wall -Wextra -Werror \
	-fsanitize=address,undefined -fno-sanitize-recover=all -MMD -MP
FUZZ_CFLAGS := -std=gnu11 -g -O1 -DHOST_TEST $(INCLUDES) -fsanitize=fuzzer,address,undefined
FUZZ_SECONDS ?= 60
FUZZ_CALLS ?= 1000000

KERNEL_DIRS := boot init arch/i386/kernel arch/i386/mm arch/i386/entry arch/i386/lib \
	mm kernel kernel/futex kernel/locking kernel/sched kernel/time kernel/entry kernel/printk kernel/debug fs fs/proc lib lib/kunit \
	drivers/tty drivers/tty/serial/8250 drivers/video/console drivers/char drivers/ata block block/partitions fs/ext2 tests/kernel
KERNEL_C    := $(sort $(foreach d,$(KERNEL_DIRS),$(wildcard $(d)/*.c)))
KERNEL_ASM  := $(sort $(foreach d,$(KERNEL_DIRS),$(wildcard $(d)/*.asm)))
KERNEL_OBJS := $(KERNEL_C:%.c=$(KB)/%.o) $(KERNEL_ASM:%.asm=$(KB)/%.o)

HOST_TESTS :=
FUZZ_TARGETS :=
# Fragments: host tests (tests/host/*.mk) and user programs (user/*.mk).
-include $(wildcard tests/host/*.mk user/*.mk)

.PHONY: all help deps run test test-host iso qemu-gdb gdb fuzz bench clean mutate
.DEFAULT_GOAL := all

all: $(KB)/kernel.elf

help:
	@echo "Pagoda make targets:"
	@echo "  make            build build/kernel.elf"
	@echo "  make run        build and boot into BusyBox's shell (MEM=$(MEM) MiB, APPEND='cmdline'); installs what is missing"
	@echo "  make run INIT=monitor   boot to the kernel monitor instead"
	@echo "  make run DISK=d.img     attach a disk image as /dev/sda (tools/mkdisk makes one)"
	@echo "  make run SWAP=s.img     attach a swap disk after them (truncate -s 64M s.img; mkswap s.img)"
	@echo "  make test       every test: host unit tests, in-kernel suites at several sizes, GRUB, GDB, the monitor,"
	@echo "                  user programs (and the fuzzer) on Pagoda and on real Linux i386, labs, the Makefile itself"
	@echo "  make test-host  only the host unit tests (ASan+UBSan)"
	@echo "  make test-linux the user programs on Debian's real Linux 6.1 i386 (fetched once, as root)"
	@echo "  make iso        build/pagoda.iso, a GRUB rescue ISO (serial console)"
	@echo "  make qemu-gdb   boot paused, waiting for GDB on your per-user port (the -Og kernel of DEBUG=1)"
	@echo "  make gdb        start GDB with the kernel's symbols, connected to make qemu-gdb"
	@echo "  make DEBUG=1    build build/debug/kernel.elf: -Og, for GDB (qemu-gdb and gdb build it; DEBUG=0 for the -O2 one)"
	@echo "  make fuzz       each libFuzzer target for FUZZ_SECONDS=$(FUZZ_SECONDS) s, then FUZZ_CALLS=$(FUZZ_CALLS) system calls from /tests/fuzz (and 2 boots with -t)"
	@echo "  make mutate     plant each bug in tests/mutants/ in a scratch copy and run its tests (MUTANTS='a b' for some)"
	@echo "  make user       user programs and build/initrd.cpio (tools/run-user PROG runs one)"
	@echo "  make memmap     draw physical and virtual memory: build/memmap/*.svg (+ .png with rsvg-convert)"
	@echo "  make lab-skeleton LAB=N DEST=DIR   a student tree for lab N (docs/labs/)"
	@echo "  make grade LAB=N                    grade lab N, JOS style: Score: X/Y"
	@echo "  make bench      in-kernel benchmarks under qemu -icount shift=0"
	@echo "  make bench-host the slab core against glibc malloc under callgrind"
	@echo "  make deps       install the Debian packages the build needs"
	@echo "  make clean      remove build/"
	@echo "  (V=1 shows the full commands)"

deps:
	@$(DEPS)

# --- the kernel ---------------------------------------------------------

$(KB)/%.o: %.c Makefile
	@mkdir -p $(dir $@)
	@echo "  CC      $<"
	$(Q)$(CC) $(KERNEL_CFLAGS) -c $< -o $@

$(KB)/%.o: %.asm Makefile
	@mkdir -p $(dir $@)
	@echo "  NASM    $<"
	$(Q)$(NASM) $(KERNEL_ASFLAGS) -MD $(@:.o=.d) -MP $< -o $@

# Two links: the first without a symbol table, the second with the table
# made from the first. .ksyms comes after .text and .rodata, so no
# function moves between the two; the cmp below checks that.
$(KB)/kernel.elf: $(KERNEL_OBJS) linker.ld tools/ksyms.py
	@echo "  LD      $@ (two links, for the symbol table)"
	@mkdir -p $(KB)/ksyms
	@: > $(KB)/ksyms/empty.nm
	$(Q)$(PYTHON) tools/ksyms.py $(KB)/ksyms/empty.nm $(KB)/ksyms/pass1.S
	$(Q)$(CC) -m32 -c $(KB)/ksyms/pass1.S -o $(KB)/ksyms/pass1.o
	$(Q)$(LD) $(KERNEL_LDFLAGS) -o $(KB)/ksyms/kernel1.elf $(KERNEL_OBJS) $(KB)/ksyms/pass1.o $(LIBGCC)
	$(Q)$(NM) -n $(KB)/ksyms/kernel1.elf > $(KB)/ksyms/kernel1.nm
	$(Q)$(PYTHON) tools/ksyms.py $(KB)/ksyms/kernel1.nm $(KB)/ksyms/pass2.S
	$(Q)$(CC) -m32 -c $(KB)/ksyms/pass2.S -o $(KB)/ksyms/pass2.o
	$(Q)$(LD) $(KERNEL_LDFLAGS) -o $@.tmp $(KERNEL_OBJS) $(KB)/ksyms/pass2.o $(LIBGCC)
	$(Q)$(NM) -n $@.tmp > $(KB)/ksyms/kernel2.nm
	@grep ' [tT] ' $(KB)/ksyms/kernel1.nm > $(KB)/ksyms/text1; grep ' [tT] ' $(KB)/ksyms/kernel2.nm > $(KB)/ksyms/text2; \
	  cmp -s $(KB)/ksyms/text1 $(KB)/ksyms/text2 || { echo "ksyms: functions moved between links"; exit 1; }
	@mv $@.tmp $@
	@echo "  built $@ ($$(stat -c %s $@) bytes)"

$(B)/pagoda.iso: $(B)/kernel.elf boot/grub.cfg
	@mkdir -p $(B)/isodir/boot/grub
	cp $(B)/kernel.elf $(B)/isodir/boot/kernel.elf
	cp boot/grub.cfg $(B)/isodir/boot/grub/grub.cfg
	grub-mkrescue -o $@ $(B)/isodir 2> $(B)/grub-mkrescue.log || { cat $(B)/grub-mkrescue.log; exit 1; }

iso: $(B)/pagoda.iso

# Both boot with the initrd, so the monitor's "run /bin/echo hi" and
# APPEND='init=/tests/demand' work. `make run` boots /sbin/init (a shell on
# the console); INIT=monitor boots with no init=, so the monitor comes up;
# an init= in APPEND is used as it is. (First: words after "--" are init's.)
RUN_INIT = $(if $(filter monitor,$(INIT)),,$(if $(filter shell,$(INIT)),init=/sbin/init,$(error INIT=$(INIT): use INIT=shell (the default) or INIT=monitor)))
RUN_APPEND = $(strip $(if $(filter init=%,$(APPEND)),,$(RUN_INIT)) $(APPEND))
run: all $(B)/initrd.cpio
	tools/boot --mem $(MEM) --timeout 0 --initrd $(B)/initrd.cpio $(if $(RUN_APPEND),--append '$(RUN_APPEND)') $(foreach d,$(DISK) $(SWAP),--disk $(d))

qemu-gdb: all $(B)/initrd.cpio
	tools/boot --mem $(MEM) --timeout 0 --gdb --initrd $(B)/initrd.cpio $(if $(APPEND),--append '$(APPEND)') $(KB)/kernel.elf

gdb: all
	gdb -q -x tools/gdb/gdbinit -ex "target remote localhost:$$(tools/boot --port)" $(KB)/kernel.elf

# --- tests --------------------------------------------------------------

define host_test_rule
$(B)/host/test_$(1): $$(HOST_SRCS_$(1))
	@mkdir -p $$(dir $$@)
	$$(HOSTCC) $$(HOST_CFLAGS) -MF $$@.hd $$(HOST_SRCS_$(1)) -o $$@
	@tr ' \\' '\n\n' < $$@.hd | grep '\.c$$$$' | sed 's/$$$$/:/' >> $$@.hd
endef
# -MP gives each header of a host test an empty rule, but not its .c files:
# the line above adds those, so a source file that moves does not leave a
# dependency file naming a file make has no rule for. (Their .hd name keeps
# the .d files of builds before this rule out of the include below.)
$(foreach t,$(HOST_TESTS),$(eval $(call host_test_rule,$(t))))

define fuzz_rule
$(B)/fuzz/fuzz_$(1): $$(FUZZ_SRCS_$(1))
	@mkdir -p $$(dir $$@)
	$$(FUZZCC) $$(FUZZ_CFLAGS) $$(FUZZ_SRCS_$(1)) -o $$@
endef
$(foreach t,$(FUZZ_TARGETS),$(eval $(call fuzz_rule,$(t))))

HOST_TEST_BINS := $(HOST_TESTS:%=$(B)/host/test_%)

test-host: $(HOST_TEST_BINS)
	$(PYTHON) tests/run --host-only $(HOST_TEST_BINS)

test: all $(HOST_TEST_BINS) $(B)/pagoda.iso
	$(PYTHON) tests/run $(HOST_TEST_BINS)

fuzz: all $(B)/initrd.cpio $(FUZZ_TARGETS:%=$(B)/fuzz/fuzz_%)
	@for f in $(FUZZ_TARGETS); do \
	  mkdir -p $(B)/fuzz/corpus_$$f; \
	  echo "fuzz_$$f: $(FUZZ_SECONDS) s"; \
	  $(B)/fuzz/fuzz_$$f -max_total_time=$(FUZZ_SECONDS) -print_final_stats=1 $(B)/fuzz/corpus_$$f || exit 1; \
	done
	$(PYTHON) tests/user.py --fuzz $(FUZZ_CALLS)

# Mutation testing: each one-line bug in tests/mutants/ in turn, in a
# scratch copy (build/mutate/tree), against the tests named in it. Not in `make test`.
mutate: all $(HOST_TEST_BINS) $(B)/initrd.cpio
	$(PYTHON) tools/mutate $(MUTANTS)

# Pictures of memory: build/memmap/{physical,virtual}.svg (and .png with rsvg-convert).
.PHONY: memmap
memmap: all $(B)/initrd.cpio
	$(Q)$(PYTHON) tools/memmap --mem $(MEM)

bench: all $(B)/initrd.cpio
	$(PYTHON) tests/bench

clean:
	rm -rf $(B)

# Dependency files: not build/mutate's (a whole tree of its own), and for the
# host tests only the .hd files their rule writes.
-include $(shell find $(B) \( -path $(B)/mutate -o -path $(B)/host \) -prune \
	-o -name '*.d' -print 2>/dev/null) $(wildcard $(B)/host/*.hd)

endif
