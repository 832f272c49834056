# User programs and the initrd they travel in. Included by the top Makefile,
# which defines CC, B, Q and LIBGCC; `make user` builds build/initrd.cpio.
#
#   user/lib/      the small libc every program below links with (crt0, syscalls, printf, malloc)
#   user/bin/      small tools                      -> /bin/NAME in the initrd
#   user/tests/    one test program per file       -> /tests/NAME (die_* must be killed by a fault)
#   user/glibc/    programs built against Debian's static i386 glibc -> /glibc/NAME
#   user/sbin/     Pagoda's init (PID 1: /etc/rc, then a shell on the console) -> /sbin/NAME
#   user/rootfs/   plain files copied as they are (/etc/motd, /etc/rc, /etc/profile, ...)
#   BusyBox        Debian's busybox-static (tools/busybox fetches it into build/debian/) -> /bin/busybox,
#                  and its applets as symbolic links where `busybox --list-full` puts them
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
USER_SBINS     := $(patsubst user/sbin/%.c,$(B)/user/sbin/%,$(wildcard user/sbin/*.c))
USER_ROOTFS_DIR ?= user/rootfs
USER_ROOTFS    := $(shell find $(USER_ROOTFS_DIR) -type f 2>/dev/null)
BUSYBOX        := $(B)/debian/busybox-static/bin/busybox
BUSYBOX_LIST   := $(B)/user/busybox.list
USER_ROOT      := $(B)/user/root
USER_STAGED    := $(B)/user/initrd.list

.PHONY: user
user: $(B)/initrd.cpio

# `make test` boots the user programs too.
test: $(B)/initrd.cpio

USER_C_OBJS := $(USER_LIB_C:user/%.c=$(B)/user/%.o) $(USER_CHECK_OBJ) $(USER_BINS:%=%.o) $(USER_TEST_BINS:%=%.o) \
	$(USER_SBINS:%=%.o)
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

$(USER_BINS) $(USER_SBINS): %: %.o $(USER_CRT0) $(USER_LIBC)
	@echo "  LD      $@"
	$(Q)$(CC) $(USER_LDFLAGS) -o $@ $(USER_CRT0) $< $(USER_LIBC) $(LIBGCC)

$(USER_TEST_BINS): %: %.o $(USER_CRT0) $(USER_CHECK_OBJ) $(USER_LIBC)
	@echo "  LD      $@"
	$(Q)$(CC) $(USER_LDFLAGS) -o $@ $(USER_CRT0) $< $(USER_CHECK_OBJ) $(USER_LIBC) $(LIBGCC)

$(USER_GLIBC_BINS): $(B)/user/glibc/%: user/glibc/%.c user/user.mk
	@mkdir -p $(dir $@)
	@echo "  CC      $< (glibc)"
	$(Q)$(CC) $(GLIBC_CFLAGS) $< -o $@

# BusyBox: fetched once (tools/busybox: apt-get download, dpkg-deb -x; needs
# root the first time), then only the list of its applets is made again.
$(BUSYBOX):
	@echo "  FETCH   busybox-static (Debian, i386)"
	$(Q)tools/busybox >/dev/null

# Where each applet goes ("bin/ls", "usr/bin/seq"), as BusyBox itself says.
# It is an i386 program: the host runs it (Debian's amd64 kernels run i386
# programs); where it cannot, the message says so.
$(BUSYBOX_LIST): $(BUSYBOX)
	@mkdir -p $(dir $@)
	$(Q)$(BUSYBOX) --list-full > $@.tmp || { rm -f $@.tmp; \
	  echo "user.mk: cannot run $(BUSYBOX) --list-full: this machine does not run i386 programs" >&2; exit 1; }
	$(Q)mv $@.tmp $@

# What goes into the initrd, one name a line: rewritten only when the list
# changes, so that a file removed from user/rootfs, or a program whose
# source went, makes a new initrd without it (a prerequisite that is gone
# would not; nor would a file added with an old time stamp).
$(USER_STAGED): FORCE
	@mkdir -p $(dir $@)
	$(Q)printf '%s\n' $(sort $(USER_BINS) $(USER_TEST_BINS) $(USER_GLIBC_BINS) $(USER_SBINS)) \
	  $$(cd $(USER_ROOTFS_DIR) 2>/dev/null && find . -mindepth 1 | LC_ALL=C sort) > $@.tmp
	$(Q)if cmp -s $@.tmp $@; then rm -f $@.tmp; else mv $@.tmp $@; fi

.PHONY: FORCE
FORCE:

# The initrd: a cpio "newc" archive, names relative ("bin/cat"), directories
# before their files, owner root. The programs in it are stripped copies;
# build/user/ keeps the ones with symbols, for GDB. BusyBox's applets are
# symbolic links to /bin/busybox, except where a program of Pagoda's has the
# name (/bin/cat, /bin/echo: the tests use those; /sbin/init: Pagoda's own, a
# smaller init than BusyBox's, which wants /etc/inittab and getty). /proc is
# an empty mount point; /tmp, /dev and /root are directories the shell expects,
# /mnt the empty one Debian has for mounting a disk by hand.
$(B)/initrd.cpio: $(USER_BINS) $(USER_TEST_BINS) $(USER_GLIBC_BINS) $(USER_SBINS) $(USER_ROOTFS) \
		$(BUSYBOX) $(BUSYBOX_LIST) $(USER_STAGED) user/user.mk
	@echo "  CPIO    $@"
	$(Q)rm -rf $(USER_ROOT) && mkdir -p $(USER_ROOT)/bin $(USER_ROOT)/tests $(USER_ROOT)/glibc $(USER_ROOT)/sbin \
	  $(USER_ROOT)/usr/bin $(USER_ROOT)/usr/sbin $(USER_ROOT)/tmp $(USER_ROOT)/dev $(USER_ROOT)/proc $(USER_ROOT)/root $(USER_ROOT)/mnt
	$(Q)chmod 1777 $(USER_ROOT)/tmp && chmod 555 $(USER_ROOT)/proc && chmod 700 $(USER_ROOT)/root
	$(Q)cp -R $(USER_ROOTFS_DIR)/. $(USER_ROOT)/
	$(Q)for f in $(USER_BINS); do $(USER_STRIP) -o $(USER_ROOT)/bin/$${f##*/} $$f || exit 1; done
	$(Q)for f in $(USER_TEST_BINS); do $(USER_STRIP) -o $(USER_ROOT)/tests/$${f##*/} $$f || exit 1; done
	$(Q)for f in $(USER_GLIBC_BINS); do $(USER_STRIP) -o $(USER_ROOT)/glibc/$${f##*/} $$f || exit 1; done
	$(Q)for f in $(USER_SBINS); do $(USER_STRIP) -o $(USER_ROOT)/sbin/$${f##*/} $$f || exit 1; done
	$(Q)cp $(BUSYBOX) $(USER_ROOT)/bin/busybox
	$(Q)while read -r a; do \
	  [ -e $(USER_ROOT)/$$a ] || [ -L $(USER_ROOT)/$$a ] || ln -s /bin/busybox $(USER_ROOT)/$$a || exit 1; \
	done < $(BUSYBOX_LIST)
	$(Q)cd $(USER_ROOT) && find . -mindepth 1 | sed 's,^\./,,' | LC_ALL=C sort | \
	  cpio -o -H newc -R 0:0 --reproducible --quiet > $(abspath $@).tmp
	$(Q)mv $@.tmp $@
	@echo "  built $@ ($$(stat -c %s $@) bytes)"
