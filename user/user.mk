# User programs and the initrd they travel in. Included by the top Makefile,
# which defines CC, B, Q and LIBGCC; `make user` builds build/initrd.cpio.
#
#   user/lib/      the small libc every program below links with (crt0, syscalls, printf, malloc)
#   user/bin/      small tools                      -> /bin/NAME in the initrd
#   user/tests/    one test program per file       -> /tests/NAME (die_* must be killed by a fault)
#   user/glibc/    programs built against Debian's static i386 glibc -> /glibc/NAME
#   user/rootfs/   plain files copied as they are (/etc/motd)
#
# Every program is a static ET_EXEC linked at 0x08048000, the i386 default.

USER_STRIP := $(CROSS)strip
# Deferred (=), as the Makefile's toolchain values: $(CC) may be installed by
# the same `make test` that reads this file.
USER_CFLAGS = -std=gnu11 -m32 -march=i686 -ffreestanding -nostdinc \
	-isystem $(shell $(CC) -print-file-name=include) -Iuser/lib/include \
	-fno-pie -fno-pic -fno-stack-protector -fno-asynchronous-unwind-tables \
	-fno-delete-null-pointer-checks -O2 -g -Wall -Wextra -Werror -Wno-unused-parameter -MMD -MP
USER_LDFLAGS := -m32 -static -nostdlib -no-pie -Wl,-Ttext-segment=0x08048000 \
	-Wl,-z,noexecstack -Wl,--build-id=none
# Real glibc programs: Debian's libc6-dev-i386-cross, static and not PIE.
GLIBC_CFLAGS := -m32 -static -no-pie -O2 -Wall -Wextra -Werror

USER_LIB_C     := $(wildcard user/lib/*.c)
USER_LIB_S     := $(filter-out user/lib/crt0.S,$(wildcard user/lib/*.S))
USER_LIB_OBJS  := $(USER_LIB_C:user/%.c=$(B)/user/%.o) $(USER_LIB_S:user/%.S=$(B)/user/%.o)
USER_CRT0      := $(B)/user/lib/crt0.o
USER_LIBC      := $(B)/user/lib/libc.a
USER_CHECK_OBJ := $(B)/user/tests/check.o

USER_BINS      := $(patsubst user/bin/%.c,$(B)/user/bin/%,$(wildcard user/bin/*.c))
USER_TEST_BINS := $(patsubst user/tests/%.c,$(B)/user/tests/%,$(filter-out user/tests/check.c,$(wildcard user/tests/*.c)))
USER_GLIBC_BINS := $(patsubst user/glibc/%.c,$(B)/user/glibc/%,$(wildcard user/glibc/*.c))
USER_ROOTFS    := $(shell find user/rootfs -type f 2>/dev/null)
USER_ROOT      := $(B)/user/root

.PHONY: user
user: $(B)/initrd.cpio

# `make test` boots the user programs too.
test: $(B)/initrd.cpio

USER_C_OBJS := $(USER_LIB_C:user/%.c=$(B)/user/%.o) $(USER_CHECK_OBJ) $(USER_BINS:%=%.o) $(USER_TEST_BINS:%=%.o)
USER_S_OBJS := $(USER_CRT0) $(USER_LIB_S:user/%.S=$(B)/user/%.o)

$(USER_C_OBJS) $(USER_S_OBJS): user/user.mk

$(USER_C_OBJS): $(B)/user/%.o: user/%.c
	@mkdir -p $(dir $@)
	@echo "  CC      $<"
	$(Q)$(CC) $(USER_CFLAGS) -c $< -o $@

$(USER_S_OBJS): $(B)/user/%.o: user/%.S
	@mkdir -p $(dir $@)
	@echo "  AS      $<"
	$(Q)$(CC) $(USER_CFLAGS) -c $< -o $@

$(USER_LIBC): $(USER_LIB_OBJS)
	@echo "  AR      $@"
	$(Q)rm -f $@ && $(CROSS)ar rcs $@ $^

$(USER_BINS): %: %.o $(USER_CRT0) $(USER_LIBC)
	@echo "  LD      $@"
	$(Q)$(CC) $(USER_LDFLAGS) -o $@ $(USER_CRT0) $< $(USER_LIBC) $(LIBGCC)

$(USER_TEST_BINS): %: %.o $(USER_CRT0) $(USER_CHECK_OBJ) $(USER_LIBC)
	@echo "  LD      $@"
	$(Q)$(CC) $(USER_LDFLAGS) -o $@ $(USER_CRT0) $< $(USER_CHECK_OBJ) $(USER_LIBC) $(LIBGCC)

$(USER_GLIBC_BINS): $(B)/user/glibc/%: user/glibc/%.c user/user.mk
	@mkdir -p $(dir $@)
	@echo "  CC      $< (glibc)"
	$(Q)$(CC) $(GLIBC_CFLAGS) $< -o $@

# The initrd: a cpio "newc" archive, names relative ("bin/cat"), directories
# before their files, owner root. The programs in it are stripped copies;
# build/user/ keeps the ones with symbols, for GDB.
$(B)/initrd.cpio: $(USER_BINS) $(USER_TEST_BINS) $(USER_GLIBC_BINS) $(USER_ROOTFS) user/user.mk
	@echo "  CPIO    $@"
	$(Q)rm -rf $(USER_ROOT) && mkdir -p $(USER_ROOT)/bin $(USER_ROOT)/tests $(USER_ROOT)/glibc $(USER_ROOT)/dev $(USER_ROOT)/proc
	$(Q)cp -R user/rootfs/. $(USER_ROOT)/
	$(Q)for f in $(USER_BINS); do $(USER_STRIP) -o $(USER_ROOT)/bin/$${f##*/} $$f || exit 1; done
	$(Q)for f in $(USER_TEST_BINS); do $(USER_STRIP) -o $(USER_ROOT)/tests/$${f##*/} $$f || exit 1; done
	$(Q)for f in $(USER_GLIBC_BINS); do $(USER_STRIP) -o $(USER_ROOT)/glibc/$${f##*/} $$f || exit 1; done
	$(Q)cd $(USER_ROOT) && find . -mindepth 1 | sed 's,^\./,,' | LC_ALL=C sort | \
	  cpio -o -H newc -R 0:0 --reproducible --quiet > $(abspath $@).tmp
	$(Q)mv $@.tmp $@
	@echo "  built $@ ($$(stat -c %s $@) bytes)"
