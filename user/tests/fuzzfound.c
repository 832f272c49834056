/*
 * What the system-call fuzzer (user/tests/fuzz.c) found, each case as a
 * direct check of Linux 6.1's answer (so it holds on both kernels).
 *
 * - mremap that shrinks or keeps the size of an unmapped range (or one at
 *   a kernel address) returned the address itself, as if it had worked:
 *   Linux looks the old address up first and says -EFAULT (fuzz seeds 3,
 *   5-9: "mremap returned 0xc0100000"). Its sibling: MREMAP_FIXED from an
 *   unmapped address unmapped the target range before saying -EFAULT.
 * - ioctl on an fd that is not open said -ENOTTY: Linux looks the fd up
 *   first, -EBADF (the fuzzer's EBADF oracle, seed 1).
 * - writev on an fd that is not open said 0 (no iovecs) or -EINVAL (too
 *   many): Linux says -EBADF first. And writev wrote the first iovecs
 *   before finding a bad one: Linux checks them all first (-EFAULT, nothing
 *   written).
 * - set_thread_area took 16-bit, code and not-present segments (a
 *   not-present one silently freed the slot) and installed an all-zero
 *   descriptor: Linux's tls_desc_okay says -EINVAL to the first three
 *   and frees the slot for the last (the fuzzer's oracle, once it had one).
 * - lseek said -EINVAL to SEEK_DATA and SEEK_HOLE, and to a SEEK_END or
 *   SEEK_CUR past 2 GiB (a signed overflow in the kernel): Linux gives the
 *   offset, the end, -ENXIO past the end, and -EOVERFLOW for a position
 *   that does not fit off_t (taking it all the same).
 * - There was no limit on a process's VMAs: mapping page after page (each
 *   its own VMA) filled the kernel's memory with vm_area_structs until the
 *   program was OOM-killed (at 16 MiB). Linux stops at vm.max_map_count
 *   (65530): mmap, and mprotect that would split, say -ENOMEM.
 */
#include <errno.h>
#include <fcntl.h>
#include <syscall.h>
#include <unistd.h>
#include <sys/mman.h>
#include "check.h"

#define P PAGE_SIZE

static long raw_mremap(unsigned long old, unsigned long old_size, unsigned long new_size, int flags,
		       unsigned long new_addr)
{
	return __syscall5(__NR_mremap, old, old_size, new_size, flags, new_addr);
}

static void mremap_needs_a_mapping(void)
{
	const unsigned long hole = 0x7e000000;      /* nothing is mapped here */
	long a;

	check_ret(raw_mremap(hole, P, P, 0, 0), -EFAULT, "mremap of an unmapped page to the same size");
	check_ret(raw_mremap(hole, 2 * P, P, 0, 0), -EFAULT, "mremap shrinking an unmapped range");
	check_ret(raw_mremap(hole, 2 * P, P, MREMAP_MAYMOVE, 0), -EFAULT, "... with MREMAP_MAYMOVE");
	check_ret(raw_mremap(PAGE_OFFSET, P, P, 0, 0), -EFAULT, "mremap of a kernel address, same size");
	check_ret(raw_mremap(0xfffff000, P, P, 0, 0), -EFAULT, "mremap of the last page, same size");
	check_ret(raw_mremap(0xf8000000, 4 * P, P, 0, 0), -EFAULT, "mremap shrinking at a kernel address");
	a = __syscall6(__NR_mmap2, 0x7d000000, P, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE,
		       -1, 0);
	check_ret(a, 0x7d000000, "mmap a page at 0x7d000000");
	check_ret(raw_mremap(hole, P, P, MREMAP_MAYMOVE | MREMAP_FIXED, a), -EFAULT,
		  "MREMAP_FIXED of an unmapped page onto it");
	check_ret(__syscall6(__NR_mmap2, a, P, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0),
		  -EEXIST, "the target page is still mapped (the failed call unmapped nothing)");
	check_ret(__syscall2(__NR_munmap, a, P), 0, "munmap it");

	/* A real mapping still shrinks, and the same size is a no-op. */
	a = __syscall6(__NR_mmap2, hole, 2 * P, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
	check_ret(a, hole, "mmap 2 pages there");
	check_ret(raw_mremap(a, 2 * P, 2 * P, 0, 0), a, "mremap to the same size returns the address");
	check_ret(raw_mremap(a, 2 * P, P, 0, 0), a, "mremap shrinking it returns the address");
	check_ret(raw_mremap(a + P, P, P, 0, 0), -EFAULT, "the page cut off is gone");
	check_ret(__syscall2(__NR_munmap, a, P), 0, "munmap the rest");
}

static void ioctl_looks_up_the_fd_first(void)
{
	char buf[64];
	long fd = __syscall3(__NR_open, (long)"/etc/motd", O_RDONLY, 0);

	check(fd >= 3, "open /etc/motd: fd %ld", fd);
	check_ret(__syscall3(__NR_ioctl, -1, 0x5401 /* TCGETS */, (long)buf), -EBADF, "ioctl(-1, TCGETS)");
	check_ret(__syscall3(__NR_ioctl, 1000, 0x5401, (long)buf), -EBADF, "ioctl(1000, TCGETS)");
	check_ret(__syscall3(__NR_ioctl, fd, 0x5401, (long)buf), -ENOTTY, "ioctl(a file, TCGETS)");
	check_ret(__syscall1(__NR_close, fd), 0, "close it");
	check_ret(__syscall3(__NR_ioctl, fd, 0x5401, (long)buf), -EBADF, "ioctl on the closed fd");
}

struct iovec_raw {
	const void *base;
	unsigned long len;
};

static void writev_checks_before_writing(void)
{
	static const char line[] = "fuzzfound: this line must not be written\n";
	struct iovec_raw iov[2] = { { line, sizeof(line) - 1 }, { (const void *)PAGE_OFFSET, 8 } };
	long fd = __syscall3(__NR_open, (long)"/etc/motd", O_RDONLY, 0);

	check_ret(__syscall3(__NR_writev, -1, (long)iov, 0), -EBADF, "writev(-1, iov, 0)");
	check_ret(__syscall3(__NR_writev, 1000, (long)iov, 2000), -EBADF, "writev(1000, iov, 2000)");
	check_ret(__syscall3(__NR_writev, -1, PAGE_OFFSET, 1), -EBADF, "writev(-1, a kernel pointer, 1)");
	check_ret(__syscall3(__NR_writev, 1, (long)iov, 2), -EFAULT,
		  "writev(1, [a good line, a kernel pointer]) writes nothing");
	iov[1].base = (const void *)0x7e000000;         /* nothing mapped there */
	iov[1].len = 0;
	check_ret(__syscall3(__NR_writev, 1, (long)iov, 1025), -EINVAL, "writev of 1025 iovecs");
	check(fd >= 3, "open /etc/motd: fd %ld", fd);
	check_ret(__syscall3(__NR_writev, fd, (long)iov, 0), -EBADF,
		  "writev of nothing to a read-only file: the mode is checked before the count");
	check_ret(__syscall3(__NR_writev, fd, (long)iov, 1), -EBADF, "writev of a line to a read-only file");
	check_ret(__syscall1(__NR_close, fd), 0, "close it");
}

/* struct user_desc, with its bit fields as one word (seg_32bit is bit 0). */
struct user_desc_raw {
	unsigned int entry, base, limit, flags;
};

#define SEG_32BIT       0x01
#define CONTENTS_CODE   0x04    /* contents = 2 */
#define READ_EXEC_ONLY  0x08
#define LIMIT_IN_PAGES  0x10
#define NOT_PRESENT     0x20

static long set_tls(struct user_desc_raw *d)
{
	return __syscall1(__NR_set_thread_area, (long)d);
}

static void set_thread_area_takes_only_data(void)
{
	static int tls_var;
	struct user_desc_raw d = { -1, (unsigned int)&tls_var, 0xfffff, SEG_32BIT | LIMIT_IN_PAGES };
	unsigned int first;

	check_ret(set_tls(&d), 0, "set_thread_area of a 32-bit data segment");
	first = d.entry;
	check(first >= 6 && first <= 8, "it took GDT slot %u (6-8)", first);
	d = (struct user_desc_raw){ first, 0, 0, 0 };
	check_ret(set_tls(&d), 0, "an all-zero descriptor frees slot %u", first);
	d = (struct user_desc_raw){ -1, (unsigned int)&tls_var, 0xfffff, SEG_32BIT | LIMIT_IN_PAGES };
	check_ret(set_tls(&d), 0, "set_thread_area(-1) again");
	check(d.entry == first, "it reuses the freed slot %u: got %u", first, d.entry);
	d = (struct user_desc_raw){ first, (unsigned int)&tls_var, 0xfffff, LIMIT_IN_PAGES };
	check_ret(set_tls(&d), -EINVAL, "a 16-bit data segment");
	d.flags = SEG_32BIT | LIMIT_IN_PAGES | CONTENTS_CODE;
	check_ret(set_tls(&d), -EINVAL, "a code segment");
	d.flags = SEG_32BIT | LIMIT_IN_PAGES | NOT_PRESENT;
	check_ret(set_tls(&d), -EINVAL, "a not-present segment that is not the empty one");
	d = (struct user_desc_raw){ first, 0, 0, READ_EXEC_ONLY | NOT_PRESENT };
	check_ret(set_tls(&d), 0, "the empty descriptor frees the slot");
}

static long seek(long fd, long off, int whence)
{
	return __syscall3(__NR_lseek, fd, off, whence);
}

static void lseek_as_linux(void)
{
	long fd = __syscall3(__NR_open, (long)"/etc/motd", O_RDONLY, 0), size;
	char c;

	check(fd >= 3, "open /etc/motd: fd %ld", fd);
	size = seek(fd, 0, SEEK_END);
	check(size > 5, "its size, from SEEK_END: %ld", size);
	check_ret(seek(fd, 0, 3), 0, "SEEK_DATA from 0");
	check_ret(seek(fd, 5, 3), 5, "SEEK_DATA from 5");
	check_ret(seek(fd, 5, 4), size, "SEEK_HOLE from 5 is the end");
	check_ret(seek(fd, size, 3), -ENXIO, "SEEK_DATA at the end");
	check_ret(seek(fd, size, 4), -ENXIO, "SEEK_HOLE at the end");
	check_ret(seek(fd, -1, 3), -ENXIO, "SEEK_DATA from -1");
	check_ret(seek(fd, 0, 5), -EINVAL, "whence 5");
	check_ret(seek(fd, -1, SEEK_SET), -EINVAL, "SEEK_SET to -1");
	check_ret(seek(fd, 0x7fffffff, SEEK_SET), 0x7fffffff, "SEEK_SET to 2 GiB - 1");
	check_ret(seek(fd, 1, SEEK_CUR), -EOVERFLOW, "SEEK_CUR one past it");
	check_ret(seek(fd, 0x7fffffff, SEEK_END), -EOVERFLOW, "SEEK_END + 2 GiB - 1");
	check_ret(seek(fd, 0, SEEK_SET), 0, "back to 0");
	check_ret(__syscall3(__NR_read, fd, (long)&c, 1), 1, "and a byte reads");
	check_ret(__syscall1(__NR_close, fd), 0, "close it");
}

static void vma_count_is_limited(void)
{
	const unsigned long base = 0x10000000;
	unsigned long n;
	long r = 0;

	for (n = 0; n < 70000; n++) {       /* alternate protections: no two VMAs merge */
		r = __syscall6(__NR_mmap2, base + n * P, P, n & 1 ? PROT_READ : PROT_READ | PROT_WRITE,
			       MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
		if (r != (long)(base + n * P))
			break;
	}
	check_ret(r, -ENOMEM, "mmap after %lu one-page VMAs", n);
	check(n > 65400 && n <= 65530, "the limit is max_map_count (65530) VMAs in all: %lu were made", n);
	check_ret(__syscall3(__NR_mprotect, base, P, PROT_READ), 0, "mprotect of a whole VMA (no split) works");
	check_ret(__syscall2(__NR_munmap, base + 2 * P, P), 0, "munmap of one VMA");
	check_ret(__syscall6(__NR_mmap2, base + 2 * P, P, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0),
		  base + 2 * P, "which makes room for one more");
	check_ret(__syscall2(__NR_munmap, base, n * P), 0, "munmap of them all");
	check_ret(__syscall6(__NR_mmap2, base, P, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0),
		  base, "mmap works again");
	check_ret(__syscall2(__NR_munmap, base, P), 0, "munmap it");
}

int main(void)
{
	mremap_needs_a_mapping();
	ioctl_looks_up_the_fd_first();
	writev_checks_before_writing();
	set_thread_area_takes_only_data();
	lseek_as_linux();
	vma_count_is_limited();
	return done();
}
