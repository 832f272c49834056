/*
 * Swap as Linux 6.1 does it (mm/swapfile.c, mm/swap_state.c,
 * mm/memory.c's do_swap_page, madvise(MADV_PAGEOUT)).
 *
 * "swap nodisk" (tests/user.py, no disk): /proc/swaps is its header
 * alone, SwapTotal 0; swapon's and swapoff's errors in Linux's order
 * (flags, then privilege, then the path: EINVAL, EPERM, EFAULT, ENOENT,
 * EISDIR; a tmpfs file cannot hold swap: EINVAL; swapoff of what is not
 * swap: EINVAL); MADV_PAGEOUT without swap keeps every byte.
 *
 * "swap disk" (tests/swap_test.py): sda is a 16 MiB disk the host's
 * mkswap made, sdb a disk whose partitions hold bad headers: no
 * signature (sdb1), a last_page past the end (sdb2), version 2 (sdb3).
 * swapon and /proc/swaps's line; EBUSY the second time; MADV_PAGEOUT of
 * 4 MiB: VmSwap, smaps' Swap, SwapFree and pswpout move by that much;
 * the bytes read back (major faults, pswpin), a write frees the slots;
 * fork after pageout (both see the data, the child holds the entries
 * too); exit and munmap free slots; swapoff with pages out brings them
 * back; a priority with SWAP_FLAG_PREFER; BusyBox's swapon, free and
 * swapoff (the default priority given back by swapoff: -2 again).
 *
 * "swap file" (tests/swap_test.py, Pagoda only: the Linux oracle has no
 * ext2 driver): sda is an ext2 disk; a swap file written on it (header
 * made here as mkswap makes it), a sparse one refused (holes: EINVAL),
 * pageout and read back through the file's blocks, swapoff.
 */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <syscall.h>
#include <stdlib.h>
#include <unistd.h>
#include <sys/mman.h>
#include "check.h"
#include "process.h"

#define PAGE 4096UL
#define __NR_mount     21
#define __NR_umount2   52
#define __NR_fsync     118
#define __NR_swapon    87
#define __NR_swapoff   115
#define __NR_setuid32  213
#define __NR_ftruncate 93
#define __NR_truncate  92
#define __NR_mlock     150
#define __NR_unlink    10
#define __NR_mkdir     39
#define __NR_close     6
#define __NR_lseek     19
#define __NR_pipe      42
#define __NR_dup2      63
#define MADV_PAGEOUT   21
#define SWAP_FLAG_PREFER 0x8000

#define REGION_PAGES 1024       /* 4 MiB */
#define SWAP_PAGES 4095         /* a 16 MiB area: every page but the header */

static long swapon_(const char *path, long flags)
{
	return __syscall2(__NR_swapon, (long)path, flags);
}

static long swapoff_(const char *path)
{
	return __syscall1(__NR_swapoff, (long)path);
}

static long madv(void *p, unsigned long len, long advice)
{
	return __syscall3(__NR_madvise, (long)p, (long)len, advice);
}

static char text[16384];

/* The contents of path, NUL-terminated, in text. */
static const char *slurp(const char *path)
{
	long fd = __syscall3(__NR_open, (long)path, O_RDONLY, 0), n, got = 0;

	if (fd < 0)
		fail("open %s: %s", path, errname(fd));
	while ((n = __syscall3(__NR_read, fd, (long)(text + got), (long)(sizeof(text) - 1 - got))) > 0)
		got += n;
	__syscall1(__NR_close, fd);
	text[got] = 0;
	return text;
}

/* The number after "name" (a line's start) in file, or -1. */
static long field(const char *path, const char *name)
{
	const char *s = slurp(path), *p = s;
	size_t len = strlen(name);

	while (p && *p) {
		if (!strncmp(p, name, len)) {
			p += len;
			while (*p == ' ' || *p == '\t' || *p == ':')
				p++;
			return strtol(p, NULL, 10);
		}
		p = strchr(p, '\n');
		if (p)
			p++;
	}
	return -1;
}

static long meminfo(const char *name) { return field("/proc/meminfo", name); }
static long vmstat(const char *name) { return field("/proc/vmstat", name); }
static long vmswap(void) { return field("/proc/self/status", "VmSwap:"); }

/* Field 12 of /proc/self/stat: this process's major faults. */
static long majflt(void)
{
	const char *p = strrchr(slurp("/proc/self/stat"), ')');

	for (int i = 2; p && i < 12; i++)       /* after ')': field 3 is next */
		p = strchr(p + 1, ' ');
	return p ? strtol(p + 1, NULL, 10) : -1;
}

/* The Swap: row of the smaps entry of the VMA starting at addr, in kB, or -1. */
static long smaps_swap(unsigned long addr)
{
	char start[20];
	const char *s = slurp("/proc/self/smaps"), *p;

	snprintf(start, sizeof(start), "%08lx-", addr);
	p = strstr(s, start);
	p = p ? strstr(p, "\nSwap:") : NULL;
	return p ? strtol(p + 6, NULL, 10) : -1;
}

static char *map_region(unsigned long pages)
{
	char *p = mmap(NULL, pages * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (p == MAP_FAILED)
		fail("mmap %lu pages", pages);
	return p;
}

static void fill(char *p, unsigned long pages, int seed)
{
	for (unsigned long i = 0; i < pages; i++)
		for (unsigned long j = 0; j < PAGE; j += 512)
			p[i * PAGE + j] = (char)(i * 7 + j / 512 + seed);
}

/* The first page whose bytes are not fill's, or -1. */
static long first_bad(const char *p, unsigned long pages, int seed)
{
	for (unsigned long i = 0; i < pages; i++)
		for (unsigned long j = 0; j < PAGE; j += 512)
			if (p[i * PAGE + j] != (char)(i * 7 + j / 512 + seed))
				return (long)i;
	return -1;
}

/* Writes one byte into every page (a COW fault each: the swap copy goes stale). */
static void touch(char *p, unsigned long pages, int seed)
{
	for (unsigned long i = 0; i < pages; i++)
		p[i * PAGE] = (char)(i * 7 + seed);
}

/*
 * got is want give or take slack kB. Linux keeps up to 64 slots per CPU
 * in its swap slot caches, taken from SwapFree before they are used and
 * put back in batches after they are freed: its counts lag by that much.
 */
#define SLOT_CACHE_KB (on_pagoda() ? 0 : 512)     /* Pagoda has no slot caches: exact there */
static void check_near(long got, long want, long slack, const char *what)
{
	check(got >= want - slack && got <= want + slack, "%s: %ld kB, want %ld (give or take %ld)", what, got, want,
	      slack);
}

/*
 * Linux 6.1 counts a task's faults into its mm's rss counters 64 at a
 * time (SPLIT_RSS_COUNTING): after swap-in faults VmSwap may still show up
 * to 64 entries that are gone. Pagoda counts at once: exact there.
 */
#define RSS_LAG_KB (on_pagoda() ? 0 : 256)

/* The errors that need no disk (also checked with one). */
static void errors(void)
{
	long fd, r;
	int status;
	pid_t pid;

	check_ret(swapon_("/nonexistent", 0x80000000L), -EINVAL, "swapon with unknown flags");
	check_ret(swapon_("/nonexistent", 0), -ENOENT, "swapon of a missing path");
	check_ret(swapon_((const char *)1, 0), -EFAULT, "swapon of a bad pointer");
	check_ret(swapon_("", 0), -ENOENT, "swapon of \"\"");
	check_ret(swapon_("/", 0), -EISDIR, "swapon of a directory");
	check_ret(swapoff_("/nonexistent"), -ENOENT, "swapoff of a missing path");
	check_ret(swapoff_("/"), -EISDIR, "swapoff of a directory");
	/* a tmpfs file with a good header: tmpfs cannot hold swap (no ->read_folio, no ->bmap) */
	fd = __syscall3(__NR_open, (long)"/tmp/swapfile", O_RDWR | O_CREAT | O_TRUNC, 0600);
	check(fd >= 0, "open /tmp/swapfile = %ld", fd);
	{
		static char page[PAGE];
		unsigned int *info = (unsigned int *)(page + 1024);

		memset(page, 0, sizeof(page));
		info[0] = 1;
		info[1] = 15;
		memcpy(page + PAGE - 10, "SWAPSPACE2", 10);
		r = __syscall3(__NR_write, fd, (long)page, PAGE);
		memset(page, 0, sizeof(page));
		for (int i = 1; i < 16 && r > 0; i++)
			r = __syscall3(__NR_write, fd, (long)page, PAGE);
		check_ret(r, (long)PAGE, "write a 16-page swap file in tmpfs");
	}
	__syscall1(__NR_close, fd);
	check_ret(swapon_("/tmp/swapfile", 0), -EINVAL, "swapon of a tmpfs file");
	check_ret(swapoff_("/tmp/swapfile"), -EINVAL, "swapoff of a file that is not swap");
	/* only CAP_SYS_ADMIN: a child that gave up root */
	pid = fork();
	if (pid == 0) {
		if (__syscall1(__NR_setuid32, 65534))
			_exit(10);
		if (swapon_("/tmp/swapfile", 0) != -EPERM)
			_exit(11);
		if (swapoff_("/tmp/swapfile") != -EPERM)
			_exit(12);
		if (swapon_("/tmp/swapfile", 0x80000000L) != -EINVAL)
			_exit(13);      /* the flags are checked before the privilege */
		_exit(0);
	}
	check(pid > 0 && sys_waitpid(pid, &status, 0) == pid, "fork and wait");
	check_ret(WEXITSTATUS(status), 0, "swapon and swapoff without root: EPERM (child status 0)");
	__syscall1(__NR_unlink, (long)"/tmp/swapfile");
}

/* With no swap: nothing is written out, every byte stays. */
/* Locked memory is not for reclaim: MADV_PAGEOUT and MADV_COLD of an mlocked VMA are -EINVAL (Linux's can_madv_lru_vma). */
static void locked_is_not_paged_out(void)
{
	char *p = map_region(4);

	fill(p, 4, 5);
	check_ret(__syscall2(__NR_mlock, (long)p, 2 * PAGE), 0, "mlock the first two pages");
	check_ret(madv(p, 2 * PAGE, MADV_PAGEOUT), -EINVAL, "MADV_PAGEOUT of mlocked pages");
	check_ret(madv(p, 2 * PAGE, MADV_COLD), -EINVAL, "MADV_COLD of mlocked pages");
	check_ret(madv(p, 4 * PAGE, MADV_PAGEOUT), -EINVAL, "MADV_PAGEOUT of a range with a locked part");
	check_ret(vmswap(), 0, "VmSwap 0 kB: nothing locked left");
	check_ret(madv(p + 2 * PAGE, 2 * PAGE, MADV_PAGEOUT), 0, "MADV_PAGEOUT of the unlocked pages");
	check_ret(first_bad(p, 4, 5), -1, "every page kept its bytes");
	munmap(p, 4 * PAGE);
}

static void no_swap(void)
{
	char *p = map_region(64);

	check(!strcmp(slurp("/proc/swaps"), "Filename\t\t\t\tType\t\tSize\t\tUsed\t\tPriority\n"),
	      "/proc/swaps is its header alone");
	check_ret(meminfo("SwapTotal:"), 0, "SwapTotal with no swap");
	check_ret(meminfo("SwapFree:"), 0, "SwapFree with no swap");
	fill(p, 64, 3);
	check_ret(madv(p, 64 * PAGE, MADV_PAGEOUT), 0, "MADV_PAGEOUT with no swap");
	check_ret(vmswap(), 0, "VmSwap stays 0 kB");
	check_ret(first_bad(p, 64, 3), -1, "every page kept its bytes");
	munmap(p, 64 * PAGE);
	locked_is_not_paged_out();
}

/* /proc/swaps's line for path as Linux's swap_show prints it. */
static void swaps_line(const char *path, const char *type, long kb, long used, int prio, char *out, size_t n)
{
	int len = (int)strlen(path);

	snprintf(out, n, "%s%*s%s\t%ld\t\t%ld\t\t%d\n", path, len < 40 ? 40 - len : 1, " ", type, kb, used, prio);
}

/* /proc/swaps holds one area, path: exactly Linux's line, but Used give or take the slot caches. */
static void check_swaps(const char *path, const char *type, long kb, long used, int prio)
{
	static char want[512];
	char line[200];
	const char *s = slurp("/proc/swaps"), *u;
	long got_used;

	swaps_line(path, type, kb, 0, prio, line, sizeof(line));
	snprintf(want, sizeof(want), "Filename\t\t\t\tType\t\tSize\t\tUsed\t\tPriority\n%s", line);
	u = strchr(strchr(s, '\n') + 1, '\t');                /* after the name's padding: the type */
	u = u ? strchr(u + 1, '\t') : NULL;                   /* the size */
	u = u ? strchr(u + 1, '\t') : NULL;                   /* the used column */
	got_used = u ? strtol(u + 1, NULL, 10) : -1;
	check(got_used >= used && got_used <= used + SLOT_CACHE_KB, "/proc/swaps Used %ld kB, want %ld", got_used, used);
	/* the rest as printed with the Used we saw */
	swaps_line(path, type, kb, got_used, prio, line, sizeof(line));
	snprintf(want, sizeof(want), "Filename\t\t\t\tType\t\tSize\t\tUsed\t\tPriority\n%s", line);
	check(!strcmp(s, want), "/proc/swaps: %s %s %ld %ld %d", path, type, kb, got_used, prio);
}

/* Page out a region, read it back, write it; SwapFree, VmSwap, smaps, pswpin/out, major faults on the way. */
static void pageout_and_back(void)
{
	long free0 = meminfo("SwapFree:"), out0 = vmstat("pswpout"), in0 = vmstat("pswpin"), maj0, fp0 = 0;
	char *p = map_region(REGION_PAGES);

	fill(p, REGION_PAGES, 1);
	if (on_pagoda())
		fp0 = free_pages();
	check_ret(madv(p, REGION_PAGES * PAGE, MADV_PAGEOUT), 0, "MADV_PAGEOUT of 4 MiB");
	check_ret(vmswap(), REGION_PAGES * 4, "VmSwap after the pageout (kB)");
	check_ret(smaps_swap((unsigned long)p), REGION_PAGES * 4, "smaps Swap: of the region (kB)");
	check_near(meminfo("SwapFree:"), free0 - REGION_PAGES * 4, SLOT_CACHE_KB, "SwapFree fell by 4 MiB");
	check(vmstat("pswpout") - out0 == REGION_PAGES, "pswpout rose by %d: %ld", REGION_PAGES,
	      vmstat("pswpout") - out0);
	check_swaps("/dev/sda", "partition", SWAP_PAGES * 4, REGION_PAGES * 4, -2);
	if (on_pagoda())
		check(free_pages() - fp0 >= REGION_PAGES - 16, "the pages went back: %ld free more, want %d",
		      free_pages() - fp0, REGION_PAGES);
	maj0 = majflt();
	check_ret(first_bad(p, REGION_PAGES, 1), -1, "every byte read back from swap");
	/*
	 * Linux's pageout only starts the writes: the pages stay in the swap
	 * cache until memory runs short, and reading them back is a minor
	 * fault; Pagoda writes synchronously and frees them, so each page is
	 * read back from the disk: one major fault and one pswpin each.
	 */
	maj0 = majflt() - maj0;
	in0 = vmstat("pswpin") - in0;
	check(maj0 <= REGION_PAGES && in0 >= maj0, "major faults reading it back: %ld, pswpin %ld", maj0, in0);
	if (on_pagoda())
		check(maj0 == REGION_PAGES && in0 == REGION_PAGES, "Pagoda: one major fault and one pswpin a page");
	check_near(vmswap(), 0, RSS_LAG_KB, "VmSwap after the read");
	touch(p, REGION_PAGES, 1);
	check_near(meminfo("SwapFree:"), free0, SLOT_CACHE_KB, "SwapFree back once every page was written");
	check_ret(first_bad(p, REGION_PAGES, 1), -1, "the bytes after the writes");
	munmap(p, REGION_PAGES * PAGE);
}

/* fork after pageout: both see the data, each holds the entries; they go when both are done. */
static void fork_after_pageout(void)
{
	long free0 = meminfo("SwapFree:");
	char *p = map_region(256);
	int status;
	pid_t pid;

	fill(p, 256, 2);
	check_ret(madv(p, 256 * PAGE, MADV_PAGEOUT), 0, "MADV_PAGEOUT of 1 MiB before fork");
	pid = fork();
	if (pid == 0) {
		if (vmswap() != 1024)
			_exit(20);      /* the child's PTEs hold the swap entries too */
		if (first_bad(p, 256, 2) != -1)
			_exit(21);
		touch(p, 256, 9);       /* the child's own copies */
		if (first_bad(p, 1, 9) != -1 && p[0] != (char)9)
			_exit(22);
		_exit(0);
	}
	check(pid > 0 && sys_waitpid(pid, &status, 0) == pid, "fork and wait");
	check_ret(WEXITSTATUS(status), 0, "the child read the swapped data (VmSwap 1024 kB, bytes right)");
	check_near(vmswap(), 1024, RSS_LAG_KB, "the parent's entries are still there: VmSwap");
	check_ret(first_bad(p, 256, 2), -1, "the parent reads its own bytes");
	munmap(p, 256 * PAGE);
	check_near(meminfo("SwapFree:"), free0, SLOT_CACHE_KB, "every slot free once both are done");
}

/* A child that pages memory out and exits without unmapping: its slots come back. */
static void exit_frees(void)
{
	long free0 = meminfo("SwapFree:");
	int status;
	pid_t pid = fork();

	if (pid == 0) {
		char *p = map_region(256);

		fill(p, 256, 4);
		if (madv(p, 256 * PAGE, MADV_PAGEOUT) || vmswap() != 1024)
			_exit(30);
		_exit(0);
	}
	check(pid > 0 && sys_waitpid(pid, &status, 0) == pid, "fork and wait");
	check_ret(WEXITSTATUS(status), 0, "the child paged 1 MiB out");
	check_near(meminfo("SwapFree:"), free0, SLOT_CACHE_KB, "its slots are free after its exit");
	{
		char *p = map_region(256);

		fill(p, 256, 5);
		check_ret(madv(p, 256 * PAGE, MADV_PAGEOUT), 0, "MADV_PAGEOUT of 1 MiB");
		check_near(meminfo("SwapFree:"), free0 - 1024, SLOT_CACHE_KB, "SwapFree fell by 1 MiB");
		check_ret(munmap(p, 256 * PAGE), 0, "munmap of it");
		check_near(meminfo("SwapFree:"), free0, SLOT_CACHE_KB, "its slots are free after munmap");
	}
}

/* swapoff with pages out brings them back in. */
static void swapoff_brings_back(void)
{
	char *p = map_region(REGION_PAGES);
	long fp0 = 0;

	fill(p, REGION_PAGES, 6);
	check_ret(madv(p, REGION_PAGES * PAGE, MADV_PAGEOUT), 0, "MADV_PAGEOUT of 4 MiB");
	check_near(vmswap(), REGION_PAGES * 4, RSS_LAG_KB, "VmSwap before swapoff");
	if (on_pagoda())
		fp0 = free_pages();
	check_ret(swapoff_("/dev/sda"), 0, "swapoff /dev/sda with 4 MiB out");
	check_near(vmswap(), 0, RSS_LAG_KB, "VmSwap after swapoff");
	check_ret(meminfo("SwapTotal:"), 0, "SwapTotal after swapoff");
	if (on_pagoda())
		check(fp0 - free_pages() >= REGION_PAGES - 16, "the pages came back in: %ld fewer free",
		      fp0 - free_pages());
	check_ret(first_bad(p, REGION_PAGES, 6), -1, "every byte is back");
	check(!strcmp(slurp("/proc/swaps"), "Filename\t\t\t\tType\t\tSize\t\tUsed\t\tPriority\n"),
	      "/proc/swaps is its header alone again");
	check_ret(swapoff_("/dev/sda"), -EINVAL, "swapoff again: not swap any more");
	munmap(p, REGION_PAGES * PAGE);
}

/* BusyBox's applet with args, its output (up to n bytes) in out: its exit status, or -1. */
static int busybox(char *const argv[], char *out, long n)
{
	int fds[2], status;
	long got = 0, r;
	pid_t pid;

	if (__syscall1(__NR_pipe, (long)fds))
		return -1;
	pid = fork();
	if (pid == 0) {
		static char *const envp[] = { "PATH=/bin:/sbin", NULL };

		__syscall2(__NR_dup2, fds[1], 1);
		__syscall2(__NR_dup2, fds[1], 2);
		__syscall1(__NR_close, fds[0]);
		sys_execve("/bin/busybox", argv, envp);
		_exit(127);
	}
	__syscall1(__NR_close, fds[1]);
	while (got < n - 1 && (r = __syscall3(__NR_read, fds[0], (long)(out + got), n - 1 - got)) > 0)
		got += r;
	out[got] = 0;
	__syscall1(__NR_close, fds[0]);
	if (pid < 0 || sys_waitpid(pid, &status, 0) != pid)
		return -1;
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

/* From the shell's side: BusyBox's swapon (built without -p), free's Swap: line, swapoff. */
static void busybox_applets(void)
{
	static char *const on[] = { "swapon", "/dev/sda", NULL };
	static char *const off[] = { "swapoff", "/dev/sda", NULL };
	static char *const free_[] = { "free", NULL };
	static char out[2048];
	const char *line;

	check(busybox(on, out, sizeof(out)) == 0, "busybox swapon /dev/sda: %.100s", out);
	/* -2 again: swapoff of the first default (-2) gave its priority back */
	check_swaps("/dev/sda", "partition", SWAP_PAGES * 4, 0, -2);
	check_ret(busybox(free_, out, sizeof(out)), 0, "busybox free");
	line = strstr(out, "\nSwap:");
	check(line && strtol(line + 6, NULL, 10) == SWAP_PAGES * 4, "free's Swap: line shows %d kB total: %.60s",
	      SWAP_PAGES * 4, line ? line + 1 : out);
	check_ret(busybox(off, out, sizeof(out)), 0, "busybox swapoff /dev/sda");
	check_ret(meminfo("SwapTotal:"), 0, "SwapTotal after it");
}

/* An active swap area's blocks are the kernel's: a write is -ETXTBSY, as Linux's S_SWAPFILE (generic_write_checks, blkdev_write_iter). */
static void active_area_is_busy(const char *path)
{
	static char page[PAGE];
	long fd = __syscall3(__NR_open, (long)path, O_RDWR, 0);

	check(fd >= 0, "open %s = %ld", path, fd);
	check_ret(__syscall5(__NR_pwrite64, fd, (long)page, PAGE, 8 * PAGE, 0), -ETXTBSY, "pwrite into active swap %s", path);
	__syscall1(__NR_close, fd);
}

static void disk(void)
{
	long sysinfo_buf[16];

	errors();
	no_swap();
	check_ret(swapon_("/dev/sdb1", 0), -EINVAL, "swapon of a partition with no signature");
	check_ret(swapon_("/dev/sdb2", 0), -EINVAL, "swapon of a header whose last_page is past the end");
	check_ret(swapon_("/dev/sdb3", 0), -EINVAL, "swapon of a version 2 header");
	check_ret(swapon_("/dev/sda", 0), 0, "swapon /dev/sda");
	check_ret(swapon_("/dev/sda", 0), -EBUSY, "swapon /dev/sda again");
	active_area_is_busy("/dev/sda");
	check_swaps("/dev/sda", "partition", SWAP_PAGES * 4, 0, -2);
	check_ret(meminfo("SwapTotal:"), SWAP_PAGES * 4, "SwapTotal (kB)");
	check_ret(meminfo("SwapFree:"), SWAP_PAGES * 4, "SwapFree (kB)");
	check_ret(__syscall1(116, (long)sysinfo_buf), 0, "sysinfo");
	check_ret(sysinfo_buf[8] * sysinfo_buf[13] / 1024, SWAP_PAGES * 4, "sysinfo's totalswap (kB)");
	pageout_and_back();
	fork_after_pageout();
	exit_frees();
	swapoff_brings_back();
	check_ret(swapon_("/dev/sda", SWAP_FLAG_PREFER | 5), 0, "swapon /dev/sda with priority 5");
	check_swaps("/dev/sda", "partition", SWAP_PAGES * 4, 0, 5);
	check_ret(swapoff_("/dev/sda"), 0, "swapoff /dev/sda");
	busybox_applets();
}

/* Write a swap file of pages pages at path, as mkswap would; sparse: only the header is written. */
static void make_swapfile(const char *path, unsigned long pages, int sparse)
{
	static char page[PAGE];
	unsigned int *info = (unsigned int *)(page + 1024);
	long fd = __syscall3(__NR_open, (long)path, O_RDWR | O_CREAT | O_TRUNC, 0600), r = 0;

	check(fd >= 0, "create %s = %ld", path, fd);
	memset(page, 0, sizeof(page));
	info[0] = 1;                    /* version */
	info[1] = (unsigned int)pages - 1;      /* last_page */
	memcpy(page + PAGE - 10, "SWAPSPACE2", 10);
	r = __syscall3(__NR_write, fd, (long)page, PAGE);
	memset(page, 0, sizeof(page));
	if (sparse)
		r = __syscall2(__NR_ftruncate, fd, (long)(pages * PAGE)) ?: (long)PAGE;
	for (unsigned long i = 1; i < pages && !sparse && r == (long)PAGE; i++)
		r = __syscall3(__NR_write, fd, (long)page, PAGE);
	check_ret(r, (long)PAGE, "write %s (%lu pages%s)", path, pages, sparse ? ", sparse" : "");
	check_ret(__syscall1(__NR_fsync, fd), 0, "fsync %s", path);
	__syscall1(__NR_close, fd);
}

static void file(void)
{
	long total;
	char *p;

	check_ret(__syscall5(__NR_mount, (long)"/dev/sda", (long)"/mnt", (long)"ext2", 0, 0), 0, "mount the ext2 disk");
	check_ret(swapon_("/dev/sda", 0), -EBUSY, "swapon of the mounted device (Linux: held exclusively)");
	make_swapfile("/mnt/sparse", 256, 1);
	check_ret(swapon_("/mnt/sparse", 0), -EINVAL, "swapon of a file with holes");
	make_swapfile("/mnt/swapfile", 1024, 0);
	check_ret(swapon_("/mnt/swapfile", 0), 0, "swapon /mnt/swapfile");
	check_ret(swapon_("/mnt/swapfile", 0), -EBUSY, "swapon /mnt/swapfile again");
	active_area_is_busy("/mnt/swapfile");
	check_ret(__syscall2(__NR_truncate, (long)"/mnt/swapfile", 0), -ETXTBSY, "truncate an active swap file");
	total = meminfo("SwapTotal:");
	check(total > 0 && total <= 1023 * 4, "SwapTotal %ld kB: the file's page-aligned pages", total);
	check(strstr(slurp("/proc/swaps"), "/mnt/swapfile") && strstr(text, " file\t\t"),
	      "/proc/swaps names the file, type file");
	p = map_region(128);
	fill(p, 128, 8);
	check_ret(madv(p, 128 * PAGE, MADV_PAGEOUT), 0, "MADV_PAGEOUT of 512 KiB to the file");
	check_ret(vmswap(), 512, "VmSwap (kB)");
	check_ret(first_bad(p, 128, 8), -1, "every byte read back from the file");
	check_ret(madv(p, 128 * PAGE, MADV_PAGEOUT), 0, "MADV_PAGEOUT again");
	check_ret(swapoff_("/mnt/swapfile"), 0, "swapoff /mnt/swapfile with 512 KiB out");
	check_ret(first_bad(p, 128, 8), -1, "every byte is back");
	check_ret(meminfo("SwapTotal:"), 0, "SwapTotal after swapoff");
	munmap(p, 128 * PAGE);
	check_ret(__syscall1(__NR_unlink, (long)"/mnt/sparse"), 0, "unlink the sparse file");
	check_ret(__syscall2(__NR_umount2, (long)"/mnt", 0), 0, "umount");
}

int main(int argc, char **argv)
{
	const char *mode = argc > 1 ? argv[1] : "nodisk";

	if (!strcmp(mode, "disk")) {
		disk();
	} else if (!strcmp(mode, "file")) {
		file();
	} else {
		errors();
		no_swap();
	}
	return done();
}
