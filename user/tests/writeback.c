/*
 * The flusher threads (fs/fs-writeback.c), on the ext2 disk
 * tests/ext2_test.py makes, mounted on /root and never synced:
 *
 *   expire      dirty_expire_centisecs and dirty_writeback_centisecs set to
 *               100: a file written is still dirty half a second later,
 *               and within 5 s Dirty: in /proc/meminfo is 0 and nr_written
 *               in /proc/vmstat has grown by its pages -- no sync, no
 *               umount; bytes stored through a shared mapping, still
 *               mapped, go back too. Then the machine is powered off
 *               (reboot(2), which syncs nothing) and the host finds both
 *               files in the image.
 *   default     the defaults (30 s): a file written is still dirty 1 s
 *               later, nr_written unchanged; powered off the same way, the
 *               host finds no such file.
 *   background  dirty_background_ratio 1: 2 MiB written, far under
 *               dirty_ratio and far younger than 30 s, are written back by
 *               the flusher at once (nr_written grows, Dirty falls under
 *               1 MiB); then a clean umount.
 *   mapped      24 MiB stored through a shared mapping with periodic
 *               writeback off: the writer is throttled, Dirty stays near
 *               dirty_ratio (20 %), not the whole 37 % of the machine.
 *   ps          a flusher thread per disk, "flush-8:0", child of kthreadd
 *               (PID 2), with the /proc files of a kernel thread.
 *   nodisk      no disk: no flusher thread; the knobs' defaults, and
 *               dirty_writeback_centisecs takes 0 (periodic writeback off)
 *               and any int as Linux's proc_dointvec does.
 *
 * Pagoda only (linux=False): the Linux oracle loads no ext2 driver.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syscall.h>
#include <unistd.h>
#include <sys/mman.h>
#include "check.h"
#include "namespace.h"

#define MNT "/root"
#define __NR_nanosleep 162
#define __NR_reboot 88
#define __NR_readlink 85
#define __NR_clock_gettime 265
#define LINUX_REBOOT_MAGIC1 0xfee1dead
#define LINUX_REBOOT_MAGIC2 672274793
#define LINUX_REBOOT_CMD_POWER_OFF 0x4321fedc

static char buf[65536];

static long sys_open(const char *p, long flags, long mode)
{
	return __syscall3(__NR_open, (long)p, flags, mode);
}

static long slurp(const char *p)
{
	long fd = sys_open(p, O_RDONLY, 0), n, got = 0;

	if (fd < 0)
		return fd;
	while ((n = __syscall3(__NR_read, fd, (long)buf + got, (long)sizeof(buf) - 1 - got)) > 0)
		got += n;
	__syscall1(__NR_close, fd);
	buf[got] = '\0';
	return n < 0 ? n : got;
}

/* The number after name ("Dirty:", "\nnr_written ") in /proc file p; -1 if none. */
static long proc_number(const char *p, const char *name)
{
	char *at;

	if (slurp(p) <= 0 || !(at = strstr(buf, name)))
		return -1;
	return strtol(at + strlen(name), NULL, 10);
}

static long dirty_kb(void)
{
	return proc_number("/proc/meminfo", "\nDirty:");
}

static long written(void)
{
	return proc_number("/proc/vmstat", "\nnr_written ");
}

static long knob(const char *name, const char *value)
{
	char path[96];
	long fd, n;

	snprintf(path, sizeof(path), "/proc/sys/vm/%s", name);
	fd = sys_open(path, O_WRONLY, 0);
	if (fd < 0)
		return fd;
	n = __syscall3(__NR_write, fd, (long)value, (long)strlen(value));
	__syscall1(__NR_close, fd);
	return n;
}

static void nap_ms(long ms)
{
	struct { long sec, nsec; } ts = { ms / 1000, (ms % 1000) * 1000000 };

	__syscall2(__NR_nanosleep, (long)&ts, 0);
}

/* CLOCK_MONOTONIC in milliseconds. */
static long now_ms(void)
{
	struct { long sec, nsec; } ts;

	__syscall2(__NR_clock_gettime, 1 /* CLOCK_MONOTONIC */, (long)&ts);
	return ts.sec * 1000 + ts.nsec / 1000000;
}

/* bytes of the alphabet, over and over, into MNT/name, not synced: 0 or -errno. */
static long write_file(const char *name, long bytes)
{
	char path[64];
	long fd, n = 0;

	snprintf(path, sizeof(path), MNT "/%s", name);
	fd = sys_open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	if (fd < 0)
		return fd;
	for (long i = 0; i < (long)sizeof(buf); i++)
		buf[i] = (char)('a' + i % 26);
	while (n < bytes) {
		long chunk = bytes - n < (long)sizeof(buf) ? bytes - n : (long)sizeof(buf);
		long w = __syscall3(__NR_write, fd, (long)buf, chunk);

		if (w <= 0)
			return w < 0 ? w : -EIO;
		n += w;
	}
	return __syscall1(__NR_close, fd);
}

static long mount_(void)
{
	return __syscall5(__NR_mount, (long)"/dev/sda", (long)MNT, (long)"ext2", 0, 0);
}

/* The end of a run that leaves dirty pages: power off at once, nothing synced (the host looks). */
static void power_off(void)
{
	done();
	__syscall4(__NR_reboot, LINUX_REBOOT_MAGIC1, LINUX_REBOOT_MAGIC2, LINUX_REBOOT_CMD_POWER_OFF, 0);
	fail("reboot(POWER_OFF) returned");
}

/* MNT/mapped: 8 KiB, "mapped 0" and "mapped 1" stored through a shared mapping left in place. */
static void store_through_mapping(void)
{
	long fd = sys_open(MNT "/mapped", O_RDWR | O_CREAT | O_TRUNC, 0644);
	char *p;

	check(fd >= 0, "create " MNT "/mapped: %ld", fd);
	check_ret(__syscall2(__NR_ftruncate, fd, 8192), 0, "ftruncate it to 8 KiB");
	p = mmap(NULL, 8192, PROT_READ | PROT_WRITE, MAP_SHARED, (int)fd, 0);
	check(p != MAP_FAILED, "mmap it MAP_SHARED");
	memcpy(p, "mapped 0", 8);
	memcpy(p + 4096, "mapped 1", 8);
	__syscall1(__NR_close, fd);     /* the mapping stays: no munmap, no msync */
}

static void expire(void)
{
	long w0 = written(), d, t0;
	int ms = 0;

	check_ret(knob("dirty_expire_centisecs", "100\n"), 4, "dirty_expire_centisecs = 100");
	check_ret(knob("dirty_writeback_centisecs", "100\n"), 4, "dirty_writeback_centisecs = 100");
	/* A new interval wakes the flushers to write back everything dirty (Linux's handler does):
	 * let that pass run now, not after the file below is written. */
	nap_ms(100);
	check_ret(mount_(), 0, "mount -t ext2 /dev/sda " MNT);
	t0 = now_ms();
	check_ret(write_file("flushed", 40960), 0, "write 40 KiB to " MNT "/flushed");
	check(dirty_kb() >= 40, "Dirty: %ld kB just after the write", dirty_kb());
	store_through_mapping();
	nap_ms(500);
	/* a loaded host can stretch the write itself past the expiry: judge by its age */
	d = dirty_kb();
	check(d >= 40 || now_ms() - t0 >= 1000, "Dirty: %ld kB %ld ms after the write began: not yet expired", d,
	      now_ms() - t0);
	for (ms = 500; ms < 8000 && (d = dirty_kb()) != 0; ms += 100)
		nap_ms(100);
	check(dirty_kb() == 0, "Dirty: %ld kB after %d ms: the flusher wrote it, no sync", dirty_kb(), ms);
	check(written() - w0 >= 12, "nr_written grew by %ld pages (the files' 12 and metadata)", written() - w0);
	power_off();
}

static void defaults(void)
{
	long w0 = written();

	check_ret(slurp("/proc/sys/vm/dirty_expire_centisecs"), 5, "dirty_expire_centisecs read");
	check(strcmp(buf, "3000\n") == 0, "dirty_expire_centisecs is 3000 by default: %s", buf);
	check_ret(slurp("/proc/sys/vm/dirty_writeback_centisecs"), 4, "dirty_writeback_centisecs read");
	check(strcmp(buf, "500\n") == 0, "dirty_writeback_centisecs is 500 by default: %s", buf);
	check_ret(mount_(), 0, "mount -t ext2 /dev/sda " MNT);
	w0 = written();
	check_ret(write_file("kept", 40960), 0, "write 40 KiB to " MNT "/kept");
	nap_ms(1000);
	check(dirty_kb() >= 40, "Dirty: %ld kB 1 s later: younger than 30 s, not written", dirty_kb());
	check(written() == w0, "nr_written unchanged (%ld more)", written() - w0);
	power_off();
}

static void background(void)
{
	long w0, d;
	int ms;

	check_ret(knob("dirty_background_ratio", "1\n"), 2, "dirty_background_ratio = 1");
	check_ret(mount_(), 0, "mount -t ext2 /dev/sda " MNT);
	w0 = written();
	check_ret(write_file("background", 2 * MiB), 0, "write 2 MiB to " MNT "/background");
	for (ms = 0; ms < 3000 && (d = dirty_kb()) >= 1024; ms += 100)
		nap_ms(100);
	check(dirty_kb() < 1024, "Dirty: %ld kB after %d ms: background writeback, 30 s before expiry",
	      dirty_kb(), ms);
	check(written() - w0 >= 256, "nr_written grew by %ld pages", written() - w0);
	check_ret(knob("dirty_background_ratio", "10\n"), 3, "dirty_background_ratio = 10 again");
	check_ret(__syscall2(__NR_umount2, (long)MNT, 0), 0, "umount");
	check(dirty_kb() == 0, "Dirty: %ld kB after umount", dirty_kb());
}

/*
 * mapped: 24 MiB stored through a shared mapping (37 % of a 64 MiB
 * machine, periodic writeback off): the writer is throttled as write()
 * is (Linux's fault_dirty_shared_page -> balance_dirty_pages), so Dirty
 * never passes dirty_ratio's 20 % by much; then msync and umount.
 */
static void mapped(void)
{
	long fd, total = proc_number("/proc/meminfo", "MemTotal:"), most = 0;
	char *p;

	check_ret(knob("dirty_writeback_centisecs", "0\n"), 2, "dirty_writeback_centisecs = 0");
	check_ret(mount_(), 0, "mount -t ext2 /dev/sda " MNT);
	fd = sys_open(MNT "/big", O_RDWR | O_CREAT | O_TRUNC, 0644);
	check(fd >= 0, "create " MNT "/big: %ld", fd);
	check_ret(__syscall2(__NR_ftruncate, fd, 24 * MiB), 0, "ftruncate it to 24 MiB");
	p = mmap(NULL, 24 * MiB, PROT_READ | PROT_WRITE, MAP_SHARED, (int)fd, 0);
	check(p != MAP_FAILED, "mmap it MAP_SHARED");
	for (long off = 0; p != MAP_FAILED && off < (long)(24 * MiB); off += 4096) {
		p[off] = (char)(off >> 12);
		if (dirty_kb() > most)
			most = dirty_kb();
	}
	check(most * 100 <= total * 25, "Dirty at most %ld kB of MemTotal %ld kB while storing 24 MiB (dirty_ratio 20)",
	      most, total);
	check_ret(__syscall3(144 /* msync */, (long)p, 24 * MiB, 4 /* MS_SYNC */), 0, "msync");
	munmap(p, 24 * MiB);
	__syscall1(__NR_close, fd);
	check_ret(__syscall2(__NR_umount2, (long)MNT, 0), 0, "umount");
	check_ret(knob("dirty_writeback_centisecs", "500\n"), 4, "dirty_writeback_centisecs = 500 again");
}

/* /proc/PID/what of pid into buf: its length or -errno. */
static long proc_file(long pid, const char *what)
{
	char path[64];

	snprintf(path, sizeof(path), "/proc/%ld/%s", pid, what);
	return slurp(path);
}

static void ps(void)
{
	char path[64];
	long pid;

	check(proc_file(2, "stat") > 0, "read /proc/2/stat");
	check(strncmp(buf, "2 (kthreadd) S 0 0 0 ", 21) == 0, "/proc/2/stat: %.40s", buf);
	check(strstr(buf, " -1 2097152 ") != NULL, "its flags hold PF_KTHREAD (0x200000): %.60s", buf);
	for (pid = 3; pid < 40; pid++)
		if (proc_file(pid, "status") > 0 && strstr(buf, "Name:\tflush-8:0\n"))
			break;
	check(pid < 40, "a task named flush-8:0: /proc/%ld/status", pid);
	check(strstr(buf, "\nState:\tS (sleeping)\n") != NULL, "it sleeps");
	check(strstr(buf, "\nPPid:\t2\n") != NULL, "its parent is kthreadd");
	check(strstr(buf, "\nVmRSS:") == NULL, "no memory lines: it has no mm");
	check(strstr(buf, "\nSigIgn:\tffffffffffffffff\n") != NULL, "every signal ignored");
	check_ret(proc_file(pid, "cmdline"), 0, "/proc/%ld/cmdline is empty: ps shows [flush-8:0]", pid);
	check_ret(proc_file(pid, "maps"), 0, "/proc/%ld/maps is empty", pid);
	snprintf(path, sizeof(path), "/proc/%ld/exe", pid);
	check_ret(__syscall3(__NR_readlink, (long)path, (long)buf, 64), -ENOENT, "readlink %s", path);
	check_ret(__syscall2(__NR_kill, pid, SIGKILL), 0, "kill -9 a kernel thread: allowed");
	nap_ms(100);
	check(proc_file(pid, "status") > 0 && strstr(buf, "Name:\tflush-8:0\n"), "and it lives on");
}

static void nodisk(void)
{
	long flusher = 0;

	check_ret(mount_(), -ENOENT, "mount -t ext2 /dev/sda with no disk");
	check(slurp("/proc/sys/vm/dirty_background_ratio") > 0 && strcmp(buf, "10\n") == 0,
	      "dirty_background_ratio is 10: %s", buf);
	check(slurp("/proc/sys/vm/dirty_expire_centisecs") > 0 && strcmp(buf, "3000\n") == 0,
	      "dirty_expire_centisecs is 3000: %s", buf);
	check(slurp("/proc/sys/vm/dirty_writeback_centisecs") > 0 && strcmp(buf, "500\n") == 0,
	      "dirty_writeback_centisecs is 500: %s", buf);
	check_ret(knob("dirty_writeback_centisecs", "0\n"), 2, "dirty_writeback_centisecs = 0: periodic writeback off");
	check(slurp("/proc/sys/vm/dirty_writeback_centisecs") > 0 && strcmp(buf, "0\n") == 0, "reads 0: %s", buf);
	check_ret(knob("dirty_writeback_centisecs", "-5\n"), 3, "-5 taken, as Linux's proc_dointvec does");
	check_ret(knob("dirty_writeback_centisecs", "500\n"), 4, "500 again");
	check(proc_number("/proc/vmstat", "\nnr_dirtied ") >= 0 && proc_number("/proc/vmstat", "\nnr_written ") >= 0,
	      "/proc/vmstat has nr_dirtied and nr_written");
	for (long pid = 2; pid < 40 && !flusher; pid++)
		if (proc_file(pid, "stat") > 0 && strstr(buf, "(flush-"))
			flusher = pid;
	check(proc_file(2, "stat") > 0 && !flusher, "kthreadd, and no flusher without a disk (%ld)", flusher);
}

int main(int argc, char **argv)
{
	const char *mode = argc > 1 ? argv[1] : "";

	if (strcmp(mode, "expire") == 0)
		expire();
	else if (strcmp(mode, "default") == 0)
		defaults();
	else if (strcmp(mode, "background") == 0)
		background();
	else if (strcmp(mode, "ps") == 0)
		ps();
	else if (strcmp(mode, "mapped") == 0)
		mapped();
	else if (strcmp(mode, "nodisk") == 0)
		nodisk();
	else
		fail("usage: writeback expire|default|background|ps|mapped|nodisk");
	return done();
}
