# The Linux oracle: Debian's i386 Linux 6.1 kernel (fetched by
# tools/linux-kernel) boots the same user programs, with this init
# (user/linux/init.c, against Debian's static glibc) running them one after
# the other. tools/linux_oracle.py builds the initramfs and boots it.

LINUX_INIT := $(B)/linux/init

$(LINUX_INIT): user/linux/init.c user/linux.mk
	@mkdir -p $(dir $@)
	@echo "  CC      $< (glibc, the Linux oracle's init)"
	$(Q)$(CC) $(GLIBC_CFLAGS) $< -o $@

# `make test` runs the user programs on real Linux too (tests/user.py --linux).
test: $(LINUX_INIT)

.PHONY: test-linux
test-linux: $(B)/initrd.cpio $(LINUX_INIT)
	$(PYTHON) tests/user.py --linux
