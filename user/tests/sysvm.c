/*
 * /proc/sys/vm as Linux 6.1 has it for what Pagoda implements: the dirty
 * limits read as a number and a newline, take numbers in their ranges
 * (Linux's proc_dointvec_minmax: 0..100 for the ratios, 0..INT_MAX for
 * dirty_expire_centisecs; dirty_writeback_centisecs is any int) and refuse the rest with EINVAL, keeping the old value;
 * drop_caches is write-only (EACCES to read, even for root), takes 1..4
 * (what it gives back: blockdev.c); min_free_kbytes reads back what
 * was written. Every value written is put back.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <sys/stat.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "check.h"

#define VM "/proc/sys/vm/"

static long read_num(const char *name)
{
	char buf[64];
	int fd = open(name, O_RDONLY);
	long n;

	if (fd < 0)
		return -1;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n <= 0 || buf[n - 1] != '\n')
		return -1;
	buf[n] = '\0';
	return strtol(buf, NULL, 10);
}

/* write(2) of s to name: its result, or -errno. */
static long write_str(const char *name, const char *s)
{
	int fd = open(name, O_WRONLY);
	long n;

	if (fd < 0)
		return -errno;
	n = write(fd, s, strlen(s));
	if (n < 0)
		n = -errno;
	close(fd);
	return n;
}

static void knob(const char *file, long min, long max)
{
	char path[64], text[32];
	long old;

	snprintf(path, sizeof(path), VM "%s", file);
	old = read_num(path);
	check(old >= min && old <= max, "%s reads as a number and a newline in range (%ld)", file, old);
	check_ret(write_str(path, "7\n"), 2, "%s takes \"7\\n\"", file);
	check(read_num(path) == 7, "%s reads 7 back", file);
	check_ret(write_str(path, "  0x0c"), 6, "%s takes spaces and hex", file);
	check(read_num(path) == 12, "%s reads 12 back", file);
	if (min == 0) {
		check_ret(write_str(path, "-1\n"), -EINVAL, "%s refuses -1", file);
	} else {        /* Linux's plain proc_dointvec: any int */
		check_ret(write_str(path, "-2147483648\n"), 12, "%s takes INT_MIN", file);
		check(read_num(path) == -2147483647L - 1, "%s reads INT_MIN back", file);
		check_ret(write_str(path, "-2147483649\n"), -EINVAL, "%s refuses INT_MIN - 1", file);
		check_ret(write_str(path, "12\n"), 3, "%s takes 12 again", file);
	}
	check_ret(write_str(path, "abc\n"), -EINVAL, "%s refuses garbage", file);
	check_ret(write_str(path, "5x\n"), -EINVAL, "%s refuses a number with garbage after it", file);
	check_ret(write_str(path, "\n"), -EINVAL, "%s refuses an empty line", file);
	if (max == 100)
		check_ret(write_str(path, "101\n"), -EINVAL, "%s refuses 101", file);
	else
		check_ret(write_str(path, "2147483648\n"), -EINVAL, "%s refuses INT_MAX + 1", file);
	check(read_num(path) == 12, "%s still reads 12 after the refusals", file);
	snprintf(text, sizeof(text), "%ld\n", old);
	check_ret(write_str(path, text), (long)strlen(text), "%s takes its old value back", file);
	check(read_num(path) == old, "%s reads its old value", file);
}

static void drop_caches(void)
{
	check_ret(open(VM "drop_caches", O_RDONLY) < 0 ? -errno : 0, -EACCES, "drop_caches cannot be opened to read");
	check_ret(write_str(VM "drop_caches", "0\n"), -EINVAL, "drop_caches refuses 0");
	check_ret(write_str(VM "drop_caches", "5\n"), -EINVAL, "drop_caches refuses 5");
	/* what it drops: user/tests/blockdev.c (a disk's pages; the initramfs's are tmpfs's, never dropped) */
	check_ret(write_str(VM "drop_caches", "3\n"), 2, "drop_caches takes 3");
	check_ret(write_str(VM "drop_caches", "1"), 1, "drop_caches takes 1");
	check_ret(write_str(VM "drop_caches", "2"), 1, "drop_caches takes 2");
}

/* The mode of name opened with flags, by fstat; 0 if it does not open. */
static unsigned int mode_of(const char *name, int flags)
{
	struct stat st;
	int fd = open(name, flags);
	unsigned int mode = 0;

	if (fd < 0)
		return 0;
	if (fstat(fd, &st) == 0)
		mode = st.st_mode;
	close(fd);
	return mode;
}

int main(void)
{
	long mfk;

	knob("dirty_background_ratio", 0, 100);
	knob("dirty_ratio", 0, 100);
	knob("dirty_expire_centisecs", 0, 0x7fffffff);
	knob("dirty_writeback_centisecs", -0x7fffffffL - 1, 0x7fffffff);
	drop_caches();
	mfk = read_num(VM "min_free_kbytes");
	check(mfk >= 128, "min_free_kbytes is at least 128 (%ld)", mfk);
	check_ret(write_str(VM "min_free_kbytes", "-5\n"), -EINVAL, "min_free_kbytes refuses -5");
	check(read_num(VM "min_free_kbytes") == mfk, "min_free_kbytes unchanged by the refusal");
	check_ret(write_str(VM "no_such_knob", "1\n"), -ENOENT, "a knob that does not exist is ENOENT");
	check(mode_of(VM, O_RDONLY | O_DIRECTORY) == (S_IFDIR | 0555), "/proc/sys/vm is a directory, mode 0555");
	check(mode_of(VM "dirty_ratio", O_RDONLY) == (S_IFREG | 0644), "dirty_ratio is 0644");
	check(mode_of(VM "drop_caches", O_WRONLY) == (S_IFREG | 0200), "drop_caches is 0200");
	return done();
}
