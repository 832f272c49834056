/*
 * sysinfo as Linux 6.1 fills it, checked against what a program can see
 * for itself: the uptime is CLOCK_BOOTTIME rounded up to a second; the
 * memory fields are consistent (free within total, no swap) in units of
 * mem_unit; freeram drops by what the program touches and comes back when
 * it unmaps (less what Linux keeps on its per-CPU lists); procs counts a
 * forked child; the load averages are sane. On Pagoda freeram is also the
 * kernel's own free page count.
 *
 * With "load" it checks only that the 1-minute load rises while two
 * processes spin across a 5-second sample: 6 s, longer than the Linux
 * oracle gives one program.
 */
#include <errno.h>
#include <string.h>
#include <sys/mman.h>
#include "process.h"

#define __NR_pause               29
#define __NR_sysinfo            116
#define __NR_clock_gettime32    265
#define CLOCK_BOOTTIME            7
#define SI_LOAD_SHIFT            16

struct sysinfo {
	long uptime;
	unsigned long loads[3];
	unsigned long totalram, freeram, sharedram, bufferram;
	unsigned long totalswap, freeswap;
	unsigned short procs, pad;
	unsigned long totalhigh, freehigh;
	unsigned int mem_unit;
	char _f[8];
};

static void get(struct sysinfo *si)
{
	memset(si, 0xa5, sizeof(*si));
	check_ret(__syscall1(__NR_sysinfo, (long)si), 0, "sysinfo");
}

static unsigned long long bytes(const struct sysinfo *si, unsigned long v)
{
	return (unsigned long long)v * si->mem_unit;
}

static void fields(void)
{
	struct sysinfo si;
	long ts[2];

	get(&si);
	check_ret(__syscall2(__NR_clock_gettime32, CLOCK_BOOTTIME, (long)ts), 0, "clock_gettime(CLOCK_BOOTTIME)");
	check(si.uptime >= ts[0] && si.uptime <= ts[0] + 1, "uptime %ld s: CLOCK_BOOTTIME's %ld s, rounded up",
	      si.uptime, ts[0]);
	check(si.mem_unit == 1 || si.mem_unit == PAGE_SIZE, "mem_unit %u: bytes, or pages past 4 GiB", si.mem_unit);
	check(bytes(&si, si.totalram) >= 8 * MiB, "totalram %llu bytes", bytes(&si, si.totalram));
	check(si.freeram > 0 && si.freeram <= si.totalram, "0 < freeram <= totalram (%lu of %lu)",
	      si.freeram, si.totalram);
	check(si.sharedram <= si.totalram && si.bufferram <= si.totalram, "sharedram, bufferram within totalram");
	check(si.totalswap == 0 && si.freeswap == 0, "no swap");
	check(si.totalhigh <= si.totalram && si.freehigh <= si.totalhigh, "freehigh <= totalhigh <= totalram");
	check(si.procs >= 1, "procs %u: at least this process", si.procs);
	for (int i = 0; i < 3; i++)
		check(si.loads[i] < (64UL << SI_LOAD_SHIFT), "loads[%d] = %lu.%02lu: a sane load", i,
		      si.loads[i] >> SI_LOAD_SHIFT, (si.loads[i] & 0xffff) * 100 >> SI_LOAD_SHIFT);
	check(si.pad == 0 && !memcmp(si._f, "\0\0\0\0\0\0\0\0", 8), "the padding is zeroed");
	check_ret(__syscall1(__NR_sysinfo, 0xc0000000), -EFAULT, "sysinfo into a kernel address");
	check_ret(__syscall1(__NR_sysinfo, 0), -EFAULT, "sysinfo(NULL)");
	if (on_pagoda()) {
		long pages = free_pages();

		get(&si);
		check(bytes(&si, si.freeram) / PAGE_SIZE + 64 >= (unsigned long long)pages &&
		      bytes(&si, si.freeram) / PAGE_SIZE <= (unsigned long long)pages + 64,
		      "freeram %llu pages is the kernel's free page count %ld", bytes(&si, si.freeram) / PAGE_SIZE, pages);
	} else {
		skip("the kernel's own free page count is Pagoda's");
	}
}

/* Touching 16 MiB takes 16 MiB from freeram; unmapping gives it back. */
static void freeram_follows(void)
{
	struct sysinfo a, b, c;
	unsigned long len = 16 * MiB;
	char *m;

	get(&a);
	m = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	check(m != MAP_FAILED, "mmap 16 MiB");
	for (unsigned long off = 0; off < len; off += PAGE_SIZE)
		m[off] = 1;
	get(&b);
	/* Linux takes some of them from its per-CPU lists, which freeram does not count */
	check(bytes(&a, a.freeram) >= bytes(&b, b.freeram) + 12 * MiB,
	      "freeram dropped by at least 12 MiB after touching 16 MiB (%llu -> %llu)",
	      bytes(&a, a.freeram), bytes(&b, b.freeram));
	munmap(m, len);
	get(&c);
	check(bytes(&c, c.freeram) >= bytes(&b, b.freeram) + 10 * MiB,
	      "and rose by at least 10 MiB after munmap (%llu -> %llu)", bytes(&b, b.freeram), bytes(&c, c.freeram));
}

/* procs: a paused child counts until it is reaped. Linux's own threads come and go: retry a few times. */
static void procs_count(void)
{
	struct sysinfo a, b;
	int status, tries;
	long pid;

	for (tries = 0; tries < 10; tries++) {
		get(&a);
		pid = sys_fork();
		if (pid == 0) {
			for (;;)
				__syscall0(__NR_pause);
		}
		check(pid > 0, "fork() = %ld", pid);
		get(&b);
		sys_kill(pid, SIGKILL);
		check_ret(sys_wait4(pid, &status, 0, NULL), pid, "wait4 for the paused child");
		if (b.procs == a.procs + 1)
			break;
	}
	check(b.procs == a.procs + 1, "procs %u -> %u with a child alive", a.procs, b.procs);
	for (tries = 0; tries < 10; tries++) {
		get(&b);
		if (b.procs == a.procs)
			break;
		sys_sched_yield();
	}
	check(b.procs == a.procs, "and back to %u once it is reaped (%u)", a.procs, b.procs);
}

static long boottime_ms(void)
{
	long ts[2];

	__syscall2(__NR_clock_gettime32, CLOCK_BOOTTIME, (long)ts);
	return ts[0] * 1000 + ts[1] / 1000000;
}

/* Two processes busy for 6 s: at least one 5-second sample sees them, and the 1-minute load is above 0. */
static void load_rises(void)
{
	struct sysinfo si;
	long pid, end = boottime_ms() + 6000;
	int status;

	pid = sys_fork();
	if (pid == 0) {
		while (boottime_ms() < end)
			;
		child_exit(0);
	}
	check(pid > 0, "fork() = %ld", pid);
	while (boottime_ms() < end)
		;
	check_ret(sys_wait4(pid, &status, 0, NULL), pid, "wait4 for the spinning child");
	get(&si);
	check(si.loads[0] > 0 && si.loads[0] < (64UL << SI_LOAD_SHIFT),
	      "the 1-minute load after 6 s of two busy processes: %lu.%02lu", si.loads[0] >> SI_LOAD_SHIFT,
	      (si.loads[0] & 0xffff) * 100 >> SI_LOAD_SHIFT);
	check(si.loads[1] <= si.loads[0] + (1UL << SI_LOAD_SHIFT) && si.loads[2] <= si.loads[1] + (1UL << SI_LOAD_SHIFT),
	      "the 5- and 15-minute loads lag behind");
}

#define __NR_mount_ 21           /* i386 numbers the libc's syscall.h lacks */
#define __NR_umount2_ 52
#define __NR_unlink_ 10

/* sharedram is the tmpfs/shmem pages (free's "shared"): 1 MiB written to a tmpfs file shows there, and goes. */
static void sharedram_follows_tmpfs(void)
{
	static char buf[4096];
	struct sysinfo a, b, c;
	long fd, wrote = 0;

	memset(buf, 'x', sizeof(buf));
	check_ret(__syscall5(__NR_mount_, (long)"none", (long)"/tmp", (long)"tmpfs", 0, 0), 0, "mount a tmpfs on /tmp");
	check_ret(__syscall1(__NR_sysinfo, (long)&a), 0, "sysinfo before");
	fd = __syscall3(__NR_open, (long)"/tmp/shared", 0101, 0644);   /* O_CREAT | O_WRONLY */
	for (int i = 0; i < 256 && fd >= 0; i++)
		wrote += __syscall3(__NR_write, fd, (long)buf, sizeof(buf));
	check(wrote == 1 << 20, "1 MiB written to a tmpfs file (%ld)", wrote);
	check_ret(__syscall1(__NR_sysinfo, (long)&b), 0, "sysinfo after");
	/* most of the MiB: other shmem pages (Linux's own) may come and go meanwhile */
	check((unsigned long long)(b.sharedram - a.sharedram) * b.mem_unit >= 3 << 18,
	      "sharedram grew by most of the file's MiB: %lu -> %lu (unit %u)", a.sharedram, b.sharedram, b.mem_unit);
	__syscall1(__NR_close, fd);
	check_ret(__syscall1(__NR_unlink_, (long)"/tmp/shared"), 0, "unlink it");
	check_ret(__syscall1(__NR_sysinfo, (long)&c), 0, "sysinfo after unlink");
	check((unsigned long long)(b.sharedram - c.sharedram) * c.mem_unit >= 3 << 18,
	      "and fell back by as much: %lu -> %lu", b.sharedram, c.sharedram);
	check_ret(__syscall2(__NR_umount2_, (long)"/tmp", 0), 0, "umount /tmp");
}

int main(int argc, char **argv)
{
	if (argc > 1 && !strcmp(argv[1], "load")) {
		load_rises();
		return done();
	}
	fields();
	freeram_follows();
	procs_count();
	sharedram_follows_tmpfs();
	return done();
}
