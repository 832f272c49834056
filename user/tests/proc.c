/*
 * /proc as a program sees it (in the style of Linux's
 * tools/testing/selftests/proc/): open /proc/self/status, maps, smaps,
 * stat, statm, cmdline, comm and /proc/meminfo, parse them, and compare
 * with what the program knows -- its PID and parent, its own mappings
 * after an mmap and a munmap, VmRSS and the mapping's Rss growing by the
 * pages it touched, its arguments.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syscall.h>
#include <unistd.h>
#include <sys/mman.h>
#include "check.h"

#define __NR_getppid_ 64        /* Linux i386's numbers */
#define __NR_readlink_ 85
#define TOUCHED 64              /* pages written between two VmRSS readings */

static char text[64 * 1024];

/* The whole file into text, NUL-terminated, read in small pieces; its length. */
static long slurp(const char *path)
{
	long fd = __syscall3(__NR_open, (long)path, O_RDONLY, 0), n, len = 0;

	check(fd >= 0, "open(%s) = %ld", path, fd);
	while ((n = __syscall3(__NR_read, fd, (long)text + len, 1000)) > 0 && len + n < (long)sizeof(text) - 1000)
		len += n;
	check(n >= 0, "read(%s) ends without error (%ld)", path, n);
	__syscall1(__NR_close, fd);
	text[len] = '\0';
	return len;
}

/* The number after "name" at the start of a line of text (spaces, tabs skipped); -1 if none. */
static long field(const char *name)
{
	size_t n = strlen(name);

	for (const char *line = text; line; line = strchr(line, '\n') ? strchr(line, '\n') + 1 : NULL)
		if (strncmp(line, name, n) == 0)
			return strtol(line + n, NULL, 10);
	return -1;
}

static void status_knows_who_we_are(void)
{
	char want[64];

	slurp("/proc/self/status");
	check(strncmp(text, "Name:\tproc\n", 11) == 0, "status starts with Name:\\tproc");
	check(field("Pid:") == getpid(), "status Pid: %ld = getpid() %d", field("Pid:"), getpid());
	check(field("Tgid:") == getpid(), "status Tgid: = getpid()");
	check(field("PPid:") == __syscall0(__NR_getppid_), "status PPid: %ld = getppid()", field("PPid:"));
	check(strstr(text, "\nState:\tR (running)\n") != NULL, "status State: R (running): we are reading it");
	check(field("Threads:") == 1, "status Threads: 1");
	snprintf(want, sizeof(want), "%d", getpid());
	check(__syscall3(__NR_readlink_, (long)"/proc/self", (long)text, 64) == (long)strlen(want) &&
	      memcmp(text, want, strlen(want)) == 0, "readlink /proc/self = %s", want);
}

static int maps_has(unsigned long start, unsigned long end, const char *perms)
{
	char line[40];

	snprintf(line, sizeof(line), "%08lx-%08lx %s ", start, end, perms);
	slurp("/proc/self/maps");
	return strstr(text, line) != NULL;
}

static void maps_follow_mmap_and_munmap(void)
{
	char *p = mmap(NULL, 5 * PAGE_SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	unsigned long a = (unsigned long)p;

	check(p != MAP_FAILED, "mmap 5 pages");
	check(maps_has(a, a + 5 * PAGE_SIZE, "rw-p"), "maps has %08lx-%08lx rw-p", a, a + 5 * PAGE_SIZE);
	check(mprotect(p + PAGE_SIZE, PAGE_SIZE, PROT_READ) == 0, "mprotect the second page read-only");
	check(maps_has(a + PAGE_SIZE, a + 2 * PAGE_SIZE, "r--p"), "maps splits it: the r--p page");
	check(munmap(p, 5 * PAGE_SIZE) == 0, "munmap");
	check(!maps_has(a, a + PAGE_SIZE, "rw-p") && !maps_has(a + PAGE_SIZE, a + 2 * PAGE_SIZE, "r--p"),
	      "maps no longer shows it");
	slurp("/proc/self/maps");
	check(strstr(text, "[stack]\n") != NULL, "maps names the [stack]");
}

/* Rss: of the VMA at addr in smaps, in kB; -1 if not found. */
static long smaps_rss(unsigned long addr)
{
	char head[16];
	char *vma;

	snprintf(head, sizeof(head), "%08lx-", addr);
	slurp("/proc/self/smaps");
	vma = strstr(text, head);
	if (!vma || !(vma = strstr(vma, "\nRss:")))
		return -1;
	return strtol(vma + 5, NULL, 10);
}

static void rss_grows_with_touched_pages(void)
{
	char *p = mmap(NULL, TOUCHED * PAGE_SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	long before, after, statm_rss;

	check(p != MAP_FAILED, "mmap %d pages", TOUCHED);
	check(smaps_rss((unsigned long)p) == 0, "smaps: an untouched mapping has Rss 0 (got %ld)",
	      smaps_rss((unsigned long)p));
	slurp("/proc/self/status");
	before = field("VmRSS:");
	for (int i = 0; i < TOUCHED; i++)
		p[i * PAGE_SIZE] = 1;
	slurp("/proc/self/status");
	after = field("VmRSS:");
	check(after - before >= TOUCHED * 4, "VmRSS grew by %ld kB after writing %d pages (>= %d)", after - before,
	      TOUCHED, TOUCHED * 4);
	check(field("RssAnon:") + field("RssFile:") + field("RssShmem:") == after,
	      "VmRSS = RssAnon + RssFile + RssShmem");
	check(field("VmHWM:") >= after, "VmHWM %ld >= VmRSS %ld", field("VmHWM:"), after);
	check(field("VmSize:") >= field("VmRSS:"), "VmSize >= VmRSS");
	check(smaps_rss((unsigned long)p) == TOUCHED * 4, "smaps: Rss of the mapping is %d kB (got %ld)",
	      TOUCHED * 4, smaps_rss((unsigned long)p));
	slurp("/proc/self/statm");
	statm_rss = strtol(strchr(text, ' ') + 1, NULL, 10);
	slurp("/proc/self/status");
	check(statm_rss * 4 == field("VmRSS:"), "statm's resident (%ld pages) = VmRSS", statm_rss);
	munmap(p, TOUCHED * PAGE_SIZE);
}

static void stat_cmdline_comm(int argc, char **argv)
{
	char want[32];
	long len, n = 0;
	char *s;

	slurp("/proc/self/stat");
	snprintf(want, sizeof(want), "%d (proc) R ", getpid());
	check(strncmp(text, want, strlen(want)) == 0, "stat starts with '%s'", want);
	for (s = strchr(text, ')'); s && *s && *s != '\n'; n++) {
		while (*s && *s != ' ' && *s != '\n')
			s++;
		while (*s == ' ')
			s++;
	}
	check(n + 1 == 52, "stat has 52 fields (got %ld)", n + 1);
	len = slurp("/proc/self/cmdline");
	s = text;
	for (int i = 0; i < argc; i++) {
		check(strcmp(s, argv[i]) == 0, "cmdline's argument %d is '%s'", i, argv[i]);
		s += strlen(s) + 1;
	}
	check(s == text + len, "cmdline ends after the last argument's NUL (%ld bytes)", len);
	slurp("/proc/self/comm");
	check(strcmp(text, "proc\n") == 0, "comm is 'proc\\n'");
}

static void system_files(void)
{
	long total, free, avail, fd;

	slurp("/proc/meminfo");
	check(strncmp(text, "MemTotal:", 9) == 0 && strstr(text, "\nMemFree:") && strstr(text, "\nMemAvailable:"),
	      "meminfo starts MemTotal, MemFree, MemAvailable");
	total = field("MemTotal:");
	free = field("MemFree:");
	avail = field("MemAvailable:");
	check(total > 0 && free > 0 && free <= total, "0 < MemFree %ld <= MemTotal %ld kB", free, total);
	check(avail <= total, "MemAvailable %ld <= MemTotal", avail);
	check(field("HighFree:") + field("LowFree:") == free, "HighFree + LowFree = MemFree");
	slurp("/proc/vmstat");
	check(field("nr_free_pages ") > 0 && field("pgfault ") > 0, "vmstat: nr_free_pages and pgfault counted");
	slurp("/proc/uptime");
	check(strtol(text, NULL, 10) >= 0 && strchr(text, '.') && strchr(text, ' '), "uptime: two seconds counts");
	slurp("/proc/loadavg");
	check(strchr(text, '/') != NULL, "loadavg: running/total");
	slurp("/proc/stat");
	check(strncmp(text, "cpu  ", 5) == 0 && field("procs_running ") >= 1, "stat: cpu line, procs_running >= 1");
	/* root passes the mode bits (0444): the open works, the write does not */
	fd = __syscall3(__NR_open, (long)"/proc/meminfo", O_WRONLY, 0);
	check(fd >= 0, "open /proc/meminfo for writing, as root = %ld", fd);
	check_ret(__syscall3(__NR_write, fd, (long)"x", 1), -EIO, "write to /proc/meminfo");
	__syscall1(__NR_close, fd);
	check_ret(__syscall3(__NR_open, (long)"/proc", O_WRONLY, 0), -EISDIR, "open /proc for writing");
	check_ret(__syscall3(__NR_open, (long)"/proc/nothing", O_RDONLY, 0), -ENOENT, "open /proc/nothing");
}

int main(int argc, char **argv)
{
	status_knows_who_we_are();
	maps_follow_mmap_and_munmap();
	rss_grows_with_touched_pages();
	stat_cmdline_comm(argc, argv);
	system_files();
	return done();
}
