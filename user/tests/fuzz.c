/*
 * fuzz: a trinity-style system-call fuzzer. It makes random system calls
 * (every number 0-450 but the ones fuzz_table.h excludes, with its reason
 * beside each) with arguments from typed generators: 0, 1, -1, addresses
 * inside and outside its mappings (page-aligned and not), kernel
 * addresses, NULL, lengths near 2^31 and 2^32 and lengths that wrap
 * addr+len, random flag bits, valid and bogus fds.
 *
 *   fuzz [-v] [-t] [-p] [-n CALLS] [-o NR[,NR...]] SEED
 *
 * The same SEED on the same kernel makes the same calls: a run replays.
 * -v prints each call (number, name, arguments) before making it and its
 * result after, so the last line before a crash names the call. -o NR,...
 * makes only those system calls. -t loads the TLS segments set_thread_area
 * makes into %fs and %gs (see load_tls_selector). At the end it prints its
 * tallies (calls made, per-errno counts) and exits 0, or 1 if a call
 * returned something no kernel may return (a result in -4095..-134, which
 * is not an errno, an mmap address that is not a user page, or another
 * error than the one Linux's first check gives: see linux_says).
 *
 * It waits without blocking, sends signals, sets signal actions and sleeps
 * briefly; with -p it also makes children (fork, vfork, clone; execve
 * only in a child). The rules are in fuzz_proc.h: every child ends and is
 * reaped, so a run ends with the fuzzer alone.
 *
 * It keeps itself alive: its image (text, data, bss), its stack and its
 * private scratch pages are never the target of a call that unmaps or
 * changes a mapping (munmap, mprotect, madvise, mremap, MAP_FIXED), nor of
 * a buffer the kernel writes; a wrapping range is let through, since the
 * kernel must refuse it. It uses no heap, and no TLS but what -t loads.
 * Every RESET_EVERY calls, and whenever free memory runs low, it unmaps
 * everything else and builds its arena again, so that no run is ended by
 * running out of memory.
 * What it leaves mapped and open at the end is for the kernel's exit path
 * to tear down, and the kernel's leak check after init to count.
 */
#include <fcntl.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <syscall.h>
#include <unistd.h>

#include "fuzz_errno.h"
#include "fuzz_names.h"
#include "fuzz_table.h"

#define PAGE            4096UL
#define TASK_TOP        0xC0000000UL
#define RESET_EVERY     256
#define ARENA_PAGES     16
#define MAX_POPULATE    (64 * PAGE)     /* the most one call may make the kernel fill */
#define STACK_KEEP      (2UL << 20)     /* below the stack pointer: never mapped over */
#define STACK_PREFAULT  (64 * 1024)     /* below the stack pointer: touched at the start */
#define NR_KNOWN        32
#define FD_POOL         6
#define TTY_FD          70              /* the fuzzer's own /dev/console: only ioctl, poll and select get it */
#define ENOSYS_RETRY    64              /* make a number that said ENOSYS once in 64 picks */

extern char __executable_start[], _etext[], _end[];

struct range {
	unsigned long start, end;
};

static struct range image, writable, priv, stack;      /* what no call may touch */
static struct range stack_mapped;                       /* the part of the stack surely mapped */
static struct range known[NR_KNOWN];                    /* mappings the fuzzer saw made */
static int nr_known;
static unsigned long initial_brk, low_water, text_sum;
static unsigned char enosys[FUZZ_NR_MAX + 1];
static unsigned long tally_ok, tally_errno[FUZZ_ERRNO_MAX + 1];
static unsigned int canary[16];
static uint64_t rng_state;

/* ---- random numbers: splitmix64, so that a seed replays ---- */

static uint32_t rnd(void)
{
	uint64_t z = (rng_state += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return (uint32_t)((z ^ (z >> 31)) >> 32);
}

static uint32_t below(uint32_t n)
{
	return n ? rnd() % n : 0;
}

static unsigned long page_up(unsigned long a)
{
	return (a + PAGE - 1) & ~(PAGE - 1);
}

static unsigned long page_down(unsigned long a)
{
	return a & ~(PAGE - 1);
}

/* ---- the generators ---- */

static unsigned long pick_from(const unsigned long *v, int n)
{
	return v[below(n)];
}

static unsigned long gen_kernel_addr(void)
{
	static const unsigned long v[] = { TASK_TOP, TASK_TOP + 1, 0xc0100000, 0xc0400000, 0xf8000000,
					   0xfffff000, 0xffffe000, 0xffffffff, 0xfffffffc };

	return below(4) ? pick_from(v, sizeof(v) / sizeof(v[0])) : TASK_TOP + below(0x40000000);
}

static unsigned long gen_addr(void)
{
	const struct range *m = nr_known ? &known[below(nr_known)] : &priv;
	unsigned long len = m->end - m->start;

	switch (below(16)) {
	case 0: return 0;
	case 1: return below(PAGE);                                     /* in page zero */
	case 2: case 3: return m->start + PAGE * below(len / PAGE + 1);  /* a mapping's pages, or its end */
	case 4: return m->start + below(len);                           /* unaligned, inside */
	case 5: return below(2) ? m->end - 1 - below(64) :              /* so that a length crosses the end */
			m->start - 1 - below(2 * PAGE);                 /* just below: a stack would grow */
	case 6: return gen_kernel_addr();
	case 7: return image.start + below(image.end - image.start);   /* the fuzzer's own image */
	case 8: return rnd() & ~(PAGE - 1);
	case 9: return rnd();
	case 10: return page_up(initial_brk) + PAGE * below(64) - PAGE * 8;     /* around the heap */
	case 11: return TASK_TOP - PAGE * (1 + below(16)) + (below(4) ? 0 : below(PAGE));
	case 12: return priv.end - PAGE + below(PAGE);                 /* the guard page (PROT_NONE) */
	case 13: return 0x40000000 + PAGE * below(4096);               /* where mmap puts things */
	case 14: return stack.start - PAGE * below(64);                /* below the kept stack */
	default: return priv.start + PAGE - 1 - below(16);             /* runs into the guard page */
	}
}

static unsigned long gen_len(unsigned long addr)
{
	static const unsigned long edges[] = { 0x7fffffff, 0x80000000, 0x80000001, 0xfffff000, 0xfffff001,
					       0xffffffff, 0xfffffffe, TASK_TOP, 0x40000000 };

	switch (below(16)) {
	case 0: return 0;
	case 1: return 1;
	case 2: return PAGE;
	case 3: case 4: return PAGE * (1 + below(16));
	case 5: return 1 + below(4 * PAGE);
	case 6: return PAGE + 1 - 2 * below(2);                         /* 4095 or 4097 */
	case 7: return pick_from(edges, sizeof(edges) / sizeof(edges[0]));
	case 8: return 0xffffffff - below(2 * PAGE);                    /* near 2^32 */
	case 9: return -addr;                                           /* addr + len is exactly 2^32 */
	case 10: return -addr + 1 + below(2 * PAGE);                    /* addr + len wraps past 0 */
	case 11: return TASK_TOP - addr + (below(2) ? PAGE : 0);        /* up to the top, or a page past */
	case 12: return rnd();
	case 13: return nr_known ? known[below(nr_known)].end - known[below(nr_known)].start : PAGE;
	case 14: return PAGE * below(1 << 16);                          /* up to 256 MiB */
	default: return (1UL << 16) * (1 + below(32));
	}
}

/*
 * An fd, never 0, 1 or 2: they are the console. Reading it waits for a
 * key that never comes (a hang, not a kernel bug), writing random
 * buffers floods the log the test reads, and closing or dup2-ing over
 * them would take the fuzzer's own output.
 */
static unsigned long gen_fd(void)
{
	static const unsigned long bogus[] = { (unsigned long)-1, 15, 16, 63, 64, 1024, 4096, 0x7fffffff,
					       0x80000000, (unsigned long)-100 /* AT_FDCWD */ };

	if (below(3))
		return 3 + below(FD_POOL + 2);                          /* mostly open ones */
	return below(2) ? 3 + below(16) : pick_from(bogus, sizeof(bogus) / sizeof(bogus[0]));
}

static unsigned long gen_bits(const unsigned long *known_bits, int n)
{
	unsigned long v = 0;

	switch (below(8)) {
	case 0: return 0;
	case 1: return rnd();
	case 2: return 1UL << below(32);
	default:
		for (int i = below(4); i >= 0; i--)
			v |= known_bits[below(n)];
		return below(4) ? v : v | 1UL << below(32);
	}
}

#define BITS(...) ({ static const unsigned long b_[] = { __VA_ARGS__ }; gen_bits(b_, sizeof(b_) / sizeof(b_[0])); })

static unsigned long gen_small(void)
{
	return below(8) ? below(64) : rnd();
}

static unsigned long gen_any(unsigned long prev)
{
	switch (below(8)) {
	case 0: return 0;
	case 1: return 1;
	case 2: return (unsigned long)-1;
	case 3: case 4: return gen_addr();
	case 5: return gen_len(prev);
	case 6: return gen_small();
	default: return rnd();
	}
}

/* The private scratch page: structured arguments are built here, right before the call. */
#define SCRATCH_IOV   0         /* 8 iovecs */
#define SCRATCH_DESC  512       /* a user_desc, or old mmap's six longs */
#define SCRATCH_PATH  1024      /* a path, up to the page's end */

static char *scratch(unsigned long off)
{
	return (char *)(priv.start + off);
}

static unsigned long gen_path(void)
{
	static const char *const paths[] = { "/etc/motd", "/bin/cat", "/tests/fuzz", "/", "/etc", "/etc/",
					     "/etc/motd/x", "/nothing", "", ".", "..", "/bin/../etc/motd",
					     "//etc//motd", "/glibc/hello", "etc/motd", "/tests",
					     "/proc/self/maps", "/proc/meminfo", "/proc/self/status", "/proc/self",
					     "/proc", "/proc/1/stat", "/proc/vmstat", "/proc/self/smaps", "/proc/slabinfo" };
	char *p = scratch(SCRATCH_PATH);
	unsigned long room = PAGE - SCRATCH_PATH;

	switch (below(8)) {
	case 0:         /* longer than any path may be */
		memset(p, 'a', 300);
		p[0] = '/';
		p[300] = 0;
		return (unsigned long)p;
	case 1:         /* no terminating NUL before the guard page */
		memset(p, 'b', room);
		p[0] = '/';
		return (unsigned long)(p + below(room));
	case 2:
		return gen_addr();
	default:
		strcpy(p, paths[below(sizeof(paths) / sizeof(paths[0]))]);
		return (unsigned long)p;
	}
}

/* A pointer to a small structure in scratch, or sometimes a bad pointer. */
static unsigned long struct_ptr(unsigned long off, unsigned long size)
{
	switch (below(8)) {
	case 0: return gen_addr();
	case 1: return priv.start + PAGE - size / 2;                    /* half of it in the guard page */
	default: return (unsigned long)scratch(off);
	}
}

static unsigned long gen_udesc(void)
{
	unsigned int *d = (unsigned int *)scratch(SCRATCH_DESC);
	static const unsigned long entries[] = { (unsigned long)-1, 6, 7, 8, 0, 5, 9, 12, 0x80000006 };

	d[0] = pick_from(entries, sizeof(entries) / sizeof(entries[0]));
	d[1] = below(2) ? gen_addr() : 0;
	d[2] = below(2) ? 0xfffff : gen_len(d[1]);
	d[3] = below(4) ? BITS(1, 2, 4, 8, 0x10, 0x20, 0x40) & 0x7f : rnd();
	return struct_ptr(SCRATCH_DESC, 16);
}

static unsigned long gen_pgoff(void)
{
	static const unsigned long v[] = { 0, 1, 0xfffff, 0x100000, 0x100001, 0x7ffff, 0x80000, 0xffffffff };

	return below(2) ? pick_from(v, sizeof(v) / sizeof(v[0])) : below(4) ? below(64) : rnd();
}

static unsigned long gen_prot(void)
{
	return BITS(PROT_READ, PROT_WRITE, PROT_EXEC, 0x8 /* PROT_SEM */, 0x01000000 /* GROWSDOWN */,
		    0x02000000 /* GROWSUP */);
}

static unsigned long gen_mflags(void)
{
	unsigned long f = BITS(MAP_SHARED, MAP_PRIVATE, MAP_FIXED, MAP_ANONYMOUS, MAP_GROWSDOWN,
			       0x800 /* DENYWRITE */, 0x2000 /* LOCKED */, MAP_NORESERVE, MAP_POPULATE,
			       0x10000 /* NONBLOCK */, 0x20000 /* STACK */, 0x40000 /* HUGETLB */,
			       0x80000 /* SYNC */, MAP_FIXED_NOREPLACE);

	/* Mostly a valid type, so that the calls get past the first check. */
	if (below(4))
		f = (f & ~3UL) | (below(8) ? MAP_PRIVATE : MAP_SHARED);
	return f;
}

static unsigned long gen_mmapargs(void)
{
	unsigned long *a = (unsigned long *)scratch(SCRATCH_DESC);

	a[0] = gen_addr();
	a[1] = gen_len(a[0]);
	a[2] = gen_prot();
	a[3] = gen_mflags();
	a[4] = gen_fd();
	a[5] = below(2) ? 0 : below(2) ? PAGE * below(16) : rnd();   /* a byte offset here */
	return struct_ptr(SCRATCH_DESC, 24);
}

static unsigned long gen_iov(void)
{
	unsigned long *iov = (unsigned long *)scratch(SCRATCH_IOV);

	for (int i = 0; i < 8; i++) {
		iov[2 * i] = gen_addr();
		iov[2 * i + 1] = below(2) ? below(PAGE) : gen_len(iov[2 * i]);
	}
	return struct_ptr(SCRATCH_IOV, 64);
}

static bool certainly_bad(unsigned long addr);
static bool hits_writable(unsigned long addr, unsigned long len);
#include "fuzz_proc.h"

#define SCRATCH_TV      736             /* select's timeval */
#define SCRATCH_POLL    768             /* 8 pollfds */

/* A time-out that ends at once or is refused (EINVAL, EFAULT): never NULL, which would wait for ever. */
static unsigned long gen_timeout(void)
{
	long *tv = (long *)scratch(SCRATCH_TV);

	switch (below(8)) {
	case 0: tv[0] = -1; tv[1] = 0; break;
	case 1: tv[0] = 0; tv[1] = below(2) ? 1000000000 : -1; break;
	default: tv[0] = 0; tv[1] = below(1000); break;     /* up to 1 ms (select's microseconds), 1 us (ppoll's ns) */
	}
	switch (below(16)) {
	case 0: return 1 + below(PAGE - 1);                     /* page zero: EFAULT */
	case 1: return gen_kernel_addr();
	default: return (unsigned long)tv;
	}
}

static unsigned long gen_pollfds(void)
{
	int *p = (int *)scratch(SCRATCH_POLL);
	static const int bogus[] = { -1, 0, 1, 2, TTY_FD, 1023, 1024, 0x7fffffff };

	for (int i = 0; i < 8; i++) {
		p[2 * i] = below(2) ? (int)(3 + below(FD_POOL + 4)) : bogus[below(sizeof(bogus) / sizeof(bogus[0]))];
		p[2 * i + 1] = (int)(below(4) ? BITS(1, 2, 4, 8, 0x10, 0x20, 0x40, 0x100, 0x200) : rnd());
	}
	return below(4) ? (unsigned long)p : gen_addr();
}

static unsigned long gen_ioctl(void)
{
	static const unsigned long cmds[] = {
		0x5401, 0x5402, 0x5403, 0x5404,         /* TCGETS, TCSETS, TCSETSW, TCSETSF */
		0x5405, 0x5406, 0x5407, 0x5408,         /* TCGETA, TCSETA, TCSETAW, TCSETAF */
		0x5409, 0x540A, 0x540B,                 /* TCSBRK, TCXONC, TCFLSH */
		0x540E, 0x540F, 0x5410, 0x5411,         /* TIOCSCTTY, TIOCGPGRP, TIOCSPGRP, TIOCOUTQ */
		0x5413, 0x5414, 0x541B, 0x5421,         /* TIOCGWINSZ, TIOCSWINSZ, FIONREAD, FIONBIO */
		0x5422, 0x5424, 0x5429, 0x5450, 0x5451, /* TIOCNOTTY, TIOCGETD, TIOCGSID, FIONCLEX, FIOCLEX */
		0x5427, 0x5428, 0x802c542a,             /* TIOCSBRK, TIOCCBRK, TCGETS2 */
	};

	return below(8) ? pick_from(cmds, sizeof(cmds) / sizeof(cmds[0])) : below(2) ? 0x5400 + below(0x60) : rnd();
}

static unsigned long gen_fcntl(void)
{
	static const unsigned long cmds[] = { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 1024, 1025, 1026, 1030,
					      1031, 1032, 1033, 1034, 36, 37, 38 };

	return below(8) ? pick_from(cmds, sizeof(cmds) / sizeof(cmds[0])) : below(2) ? below(64) : rnd();
}

static unsigned long gen_arg(enum arg_kind k, unsigned long prev)
{
	switch (k) {
	case K_FD: return gen_fd();
	case K_ADDR: case K_BUF: return gen_addr();
	case K_LEN: return gen_len(prev);
	case K_PROT: return gen_prot();
	case K_MFLAGS: return gen_mflags();
	case K_MADV: return below(8) ? below(26) : below(2) ? 100 + below(2) : rnd();
	case K_RFLAGS: return below(8) ? below(8) : rnd();
	case K_OFLAGS: return BITS(O_WRONLY, O_RDWR, O_CREAT, O_EXCL, O_TRUNC, O_APPEND, 04000 /* NONBLOCK */,
				   O_DIRECTORY, 0400000 /* NOFOLLOW */, 02000000 /* CLOEXEC */,
				   010000000 /* PATH */, 020200000 /* TMPFILE */);
	case K_FLAGS: return BITS(1, 2, 4, 8, 0x10, 0x100, 0x1000, 0x80000000);
	case K_PATH: return gen_path();
	case K_IOV: return gen_iov();
	case K_IOVCNT: return below(8) ? below(9) : below(2) ? 1024 + below(2) : rnd();
	case K_OFF: return below(4) ? below(2 * PAGE) : below(2) ? (unsigned long)-1 - below(PAGE) : rnd();
	case K_PGOFF: return gen_pgoff();
	case K_WHENCE: return below(8) ? below(5) : rnd();
	case K_PID: return gen_pid();
	case K_SIG: return gen_sig();
	case K_CFLAGS: return gen_cflags();
	case K_WOPTS: return gen_wopts();
	case K_SIGACT: return gen_sigact();
	case K_HANDLER: return below(2);        /* SIG_DFL, SIG_IGN */
	case K_SIGSET: return gen_sigset();
	case K_SIGSIZE: return below(8) ? 8 : gen_small();
	case K_TIMESPEC: return gen_timespec();
	case K_SLEEPCLK: return gen_sleep_clock();
	case K_UDESC: return gen_udesc();
	case K_MMAPARGS: return gen_mmapargs();
	case K_SMALL: return gen_small();
	case K_TIMEOUT: return gen_timeout();
	case K_MSEC: return below(2);
	case K_NFDS: return below(8) ? below(9) : below(2) ? 1024 + below(2) : rnd();
	case K_SELN: return below(8) ? below(73) : below(2) ? 1024 + below(2) : rnd();
	case K_POLLFDS: return gen_pollfds();
	case K_TTYFD: return below(2) ? TTY_FD : gen_fd();
	case K_IOCTL: return gen_ioctl();
	case K_FCNTL: return gen_fcntl();
	default: return gen_any(prev);
	}
}

/* ---- keeping the fuzzer alive ---- */

static bool overlaps(const struct range *r, unsigned long start, unsigned long end)
{
	return start < r->end && end > r->start;
}

/* Would changing the mappings of [addr, addr+len) hit what the fuzzer runs on? */
static bool hits_kept(unsigned long addr, unsigned long len)
{
	unsigned long long end = (unsigned long long)page_down(addr) + page_up(len);

	if (page_up(len) == 0 && len)
		return false;                   /* the length wraps: the kernel must refuse it */
	if (end > 0xffffffffULL)
		return false;                   /* so does the range */
	if (end == page_down(addr))
		end += PAGE;                    /* a zero length still names its page */
	return overlaps(&image, page_down(addr), end) || overlaps(&priv, page_down(addr), end) ||
	       overlaps(&stack, page_down(addr), end);
}

/* Does [addr, addr+len) overlap what the fuzzer has mapped and never gives up? */
static bool hits_in_use(unsigned long addr, unsigned long len)
{
	unsigned long long end = (unsigned long long)addr + page_up(len);

	if (end > TASK_TOP)
		return true;
	return overlaps(&image, addr, end) || overlaps(&priv, addr, end) || overlaps(&stack_mapped, addr, end);
}

/* Would the kernel's writing len bytes at addr (up to where memory stops) hit the fuzzer's data? */
static bool hits_writable(unsigned long addr, unsigned long len)
{
	unsigned long long end = (unsigned long long)addr + (len ? len : 1);

	if (end > 0xffffffffULL)
		return false;
	return overlaps(&writable, addr, end) || overlaps(&priv, addr, end) || overlaps(&stack, addr, end);
}

/* A range the kernel would fill in (populate, lock) is kept small: an OOM kill would end the run. */
static void limit_populate(long nr, unsigned long *a)
{
	if (nr == 192 && (a[3] & MAP_POPULATE) && page_up(a[1]) > MAX_POPULATE && a[1] <= TASK_TOP)
		a[3] &= ~(unsigned long)MAP_POPULATE;
	if (nr == 219 && (a[2] == 3 || a[2] == 22 || a[2] == 23) && a[1] > MAX_POPULATE && a[1] <= TASK_TOP)
		a[1] = MAX_POPULATE;            /* WILLNEED, POPULATE_READ, POPULATE_WRITE */
	if (nr == 150 && a[1] > MAX_POPULATE && a[1] <= TASK_TOP)
		a[1] = MAX_POPULATE;            /* mlock */
}

/* An address no kernel can read through: page zero, the kernel, the guard page. */
static bool certainly_bad(unsigned long addr)
{
	return addr < PAGE || addr >= TASK_TOP || (addr >= priv.start + PAGE && addr < priv.end);
}

/* May this call be made with these arguments? */
static bool safe(long nr, const struct syscall_type *t, unsigned long *a)
{
	if (!safe_proc(nr, t, a))
		return false;
	/*
	 * Old mmap's arguments and readv's iovecs are read from memory: from
	 * anywhere but the scratch page they could be anything (file bytes
	 * read into the arena hold addresses of the fuzzer's own data), so
	 * only pointers the kernel cannot read through are let by.
	 */
	if ((nr == 90 && a[0] != (unsigned long)scratch(SCRATCH_DESC) && !certainly_bad(a[0])) ||
	    ((nr == 145 || nr == 333) && a[1] != (unsigned long)scratch(SCRATCH_IOV) && !certainly_bad(a[1])))
		return false;
	limit_populate(nr, a);
	if (nr == 90) {
		unsigned long *m = (unsigned long *)scratch(SCRATCH_DESC);

		if (a[0] == (unsigned long)m && (m[3] & MAP_FIXED) && hits_kept(m[0], m[1]))
			return false;
		if (a[0] == (unsigned long)m && (m[3] & MAP_POPULATE) && page_up(m[1]) > MAX_POPULATE)
			m[3] &= ~(unsigned long)MAP_POPULATE;
	}
	if ((t->flags & F_RANGE) && hits_kept(a[0], a[1]))
		return false;
	if ((t->flags & F_MMAP) && (a[3] & MAP_FIXED) && hits_kept(a[0], a[1]))
		return false;
	if ((t->flags & F_MREMAP) && (hits_kept(a[0], a[1]) || ((a[3] & 2) && hits_kept(a[4], a[2]))))
		return false;
	/* Linux's shrinking mremap unmaps [addr + new_len, addr + old_len) worked out
	 * in 32 bits, without checking that the old range does not wrap: the tail it
	 * unmaps can then lie anywhere below, the fuzzer's own memory included. */
	if ((t->flags & F_MREMAP) && page_up(a[1]) > page_up(a[2]) && page_up(a[2]) &&
	    hits_kept(page_down(a[0]) + page_up(a[2]), page_up(a[1]) - page_up(a[2])))
		return false;
	/* The console's stay: no faked input (the kdb key among it), no hang-up, no new console or line discipline. */
	if (nr == 54 && (a[1] == 0x5412 || a[1] == 0x541D || a[1] == 0x5437 || a[1] == 0x5423))
		return false;
	if (nr == 54 && a[1] == 0x540A && a[2] == 0)
		return false;                   /* TCXONC TCOOFF: the fuzzer's own output (-v) would wait for ever */
	if (nr == 54 && hits_writable(a[2], 64))
		return false;                   /* TCGETS2 and the rest write up to 44 bytes there */
	/* SIGPIPE stays ignored: a write to a pipe whose reader the fuzzer closed says EPIPE */
	if ((nr == 48 || nr == 67 || nr == 174) && a[0] == 13)
		return false;
	if ((nr == 168 || nr == 309) && a[0] != (unsigned long)scratch(SCRATCH_POLL) &&
	    hits_writable(a[0], (a[1] > 1024 ? 0 : a[1]) * 8))
		return false;
	for (int i = 0; i < t->nargs; i++)      /* no K_ANY may point at the fuzzer's data */
		if (t->kind[i] == K_ANY && hits_writable(a[i], 1))
			return false;
	for (int i = 0; i < t->nargs; i++) {
		if (t->kind[i] == K_BUF) {
			unsigned long len = i + 1 < t->nargs && t->kind[i + 1] == K_LEN ? a[i + 1] :
					    t->outsize ? t->outsize : PAGE;

			if (nr == 218)
				len = page_up(a[1]) / PAGE;     /* mincore's vector: a byte per page */
			/* getcwd and readlink write only the path, however large (or wrapping) the size */
			if ((nr == 183 || nr == 85 || nr == 305) && (len > PAGE || len + a[i] < a[i]))
				len = PAGE;
			if (nr == 355 && len > 0x7ffff000)
				len = 0x7ffff000;       /* getrandom cuts a length to MAX_RW_COUNT, not refusing it */
			if (hits_writable(a[i], len))
				return false;
		}
		if (t->kind[i] == K_IOV && a[i] == (unsigned long)scratch(SCRATCH_IOV)) {
			unsigned long *iov = (unsigned long *)a[i];

			for (int v = 0; v < 8; v++)
				if (hits_writable(iov[2 * v], iov[2 * v + 1]))
					return false;
		}
	}
	return true;
}

/* ---- the arena, and starting over ---- */

static void remember(unsigned long start, unsigned long len)
{
	static int next;

	if (!len || start >= TASK_TOP || len > TASK_TOP - start)
		return;
	known[next % NR_KNOWN] = (struct range){ start, start + page_up(len) };
	next++;
	if (nr_known < NR_KNOWN)
		nr_known++;
}

static long mmap_raw(unsigned long addr, unsigned long len, int prot, int flags, int fd)
{
	return __syscall6(__NR_mmap2, addr, len, prot, flags, fd, 0);
}

static bool mapped(long ret)
{
	return (unsigned long)ret < TASK_TOP;
}

static unsigned long free_pages(void)
{
	return (unsigned long)__syscall1(__NR_pagoda_nr_free_pages, -1);  /* -1: msgsnd fails at once on Linux */
}

/* Unmap everything but the image, the scratch pages and the stack; close every fd but 0-2. */
static void clear_all(void)
{
	const struct range *keep[3] = { &image, &priv, &stack };
	unsigned long at = 0;

	for (int i = 0; i < 3; i++)
		for (int j = i + 1; j < 3; j++)
			if (keep[j]->start < keep[i]->start) {
				const struct range *t = keep[i];

				keep[i] = keep[j];
				keep[j] = t;
			}
	for (int i = 0; i < 3; i++) {
		if (keep[i]->start > at)
			__syscall2(__NR_munmap, at, keep[i]->start - at);
		at = keep[i]->end;
	}
	__syscall1(__NR_brk, initial_brk);
	for (int fd = 3; fd < 64; fd++)
		__syscall1(__NR_close, fd);
	__syscall1(__NR_close, TTY_FD);
}

/* Files to read and map: fds 3.. after a reset. */
static void open_pool(void)
{
	static const char *const files[FD_POOL] = { "/etc/motd", "/tests/fuzz", "/bin/cat", "/glibc/hello",
						    "/proc/self/maps", "/proc" };
	long tty;

	for (int i = 0; i < FD_POOL; i++)
		__syscall3(__NR_open, (long)files[i], O_RDONLY, 0);
	/* Non-blocking, a file of its own (FIONBIO on it leaves the fuzzer's stdout alone), no controlling tty. */
	tty = __syscall3(__NR_open, (long)"/dev/console", O_RDWR | 04000 /* O_NONBLOCK */ | 0400 /* O_NOCTTY */, 0);
	if (tty >= 0 && tty != TTY_FD) {
		__syscall2(__NR_dup2, tty, TTY_FD);
		__syscall1(__NR_close, tty);
	}
}

/*
 * The console as it was at the start: the tty ioctls may have changed its
 * settings, stopped its output (TCXONC) or given its foreground to
 * another process group; the fuzzer's own output needs it back.
 */
static unsigned char tty_saved[60];
static int tty_saved_ok, tty_pgrp = -1;

static void save_tty(void)
{
	tty_saved_ok = __syscall3(__NR_ioctl, 1, 0x5401 /* TCGETS */, (long)tty_saved) == 0;
	if (__syscall3(__NR_ioctl, 1, 0x540F /* TIOCGPGRP */, (long)&tty_pgrp) != 0)
		tty_pgrp = -1;
}

static void restore_tty(void)
{
	if (tty_saved_ok)
		__syscall3(__NR_ioctl, 1, 0x5402 /* TCSETS */, (long)tty_saved);
	__syscall3(__NR_ioctl, 1, 0x540A /* TCXONC */, 1 /* TCOON */);
	if (tty_pgrp > 0)
		__syscall3(__NR_ioctl, 1, 0x5410 /* TIOCSPGRP */, (long)&tty_pgrp);
}

static void build_arena(void)
{
	long a;

	nr_known = 0;
	a = mmap_raw(0, ARENA_PAGES * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1);
	if (mapped(a)) {
		memset((void *)a, 0x5a, 2 * PAGE);
		remember(a, ARENA_PAGES * PAGE);
	}
	a = mmap_raw(0, 2 * PAGE, PROT_READ, MAP_PRIVATE, 3);           /* /etc/motd, past its end too */
	if (mapped(a))
		remember(a, 2 * PAGE);
	a = mmap_raw(0, 4 * PAGE, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1);
	if (mapped(a))
		remember(a, 4 * PAGE);
	remember(initial_brk, PAGE);
}

static unsigned long reset_free_first, reset_free_last, reset_free_min = (unsigned long)-1;

static void reset(void)
{
	reap_kids();
	clear_all();
	restore_tty();
	reset_free_last = free_pages();
	if (!reset_free_first)
		reset_free_first = reset_free_last;
	if (reset_free_last < reset_free_min)
		reset_free_min = reset_free_last;
	open_pool();
	build_arena();
}

/*
 * Before exiting: pages of every kind for the kernel's exit path to give
 * back (anonymous, copied from a file, the heap, a moved mapping, page
 * tables far apart), on top of what the last calls left, so that the
 * kernel's leak check after init has something to count.
 */
static void leave_pages_behind(void)
{
	long a = mmap_raw(0, 8 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1);
	long f = mmap_raw(0, PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE, 3);
	long far = mmap_raw(0x90000000, PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1);
	long heap = __syscall1(__NR_brk, 0);

	if (mapped(a)) {
		memset((void *)a, 1, 8 * PAGE);
		__syscall5(__NR_mremap, a, 8 * PAGE, 16 * PAGE, MREMAP_MAYMOVE, 0);
	}
	if (mapped(f))
		*(volatile char *)f = 2;                /* a private copy of a file page */
	if (mapped(far))
		*(volatile char *)far = 3;
	if (mapped(heap) && __syscall1(__NR_brk, heap + 4 * PAGE) == heap + 4 * (long)PAGE)
		memset((void *)heap, 4, 4 * PAGE);
}

static unsigned long sum_text(void)
{
	unsigned long s = 0;

	for (const unsigned long *p = (const unsigned long *)image.start; p < (const unsigned long *)_etext; p++)
		s = s * 31 + *p;
	return s;
}

/* Touch the stack well below where it will ever reach, so that it never has to grow. */
static void __attribute__((noinline)) prefault_stack(void)
{
	volatile char deep[STACK_PREFAULT];

	for (unsigned long i = 0; i < sizeof(deep); i += PAGE)
		deep[i] = 0;
}

static void setup(void)
{
	unsigned long sp = (unsigned long)__builtin_frame_address(0);
	long p;

	prefault_stack();
	image = (struct range){ page_down((unsigned long)__executable_start), page_up((unsigned long)_end) };
	writable = (struct range){ page_down((unsigned long)_etext), image.end };
	stack = (struct range){ page_down(sp) - STACK_KEEP, TASK_TOP };
	stack_mapped = (struct range){ page_down(sp) - STACK_PREFAULT, TASK_TOP };
	p = mmap_raw(0, 2 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE, -1);
	if (!mapped(p)) {
		printf("fuzz: cannot map the scratch pages: %ld\n", p);
		exit(2);
	}
	priv = (struct range){ p, p + 2 * PAGE };
	__syscall3(__NR_mprotect, p + PAGE, PAGE, PROT_NONE);             /* the guard page */
	initial_brk = __syscall1(__NR_brk, 0);
	for (int i = 0; i < 16; i++)
		canary[i] = 0xc0ffee00 + i;
	text_sum = sum_text();
}

/* ---- one call ---- */

static const char *name_of(long nr)
{
	static char buf[16];

	if (nr >= 0 && nr <= FUZZ_NR_MAX && syscall_names[nr])
		return syscall_names[nr];
	snprintf(buf, sizeof(buf), "syscall_%ld", nr);
	return buf;
}

static bool is_excluded(long nr)
{
	for (unsigned i = 0; i < sizeof(excluded) / sizeof(excluded[0]); i++)
		if (excluded[i] == nr)
			return true;
	return false;
}

static long only[16];           /* -o: the calls to make (none: all) */
static int nr_only;

static long pick_nr(void)
{
	long nr;

	if (nr_only)
		return only[below(nr_only)];
	do
		nr = below(FUZZ_NR_MAX + 1);
	while (is_excluded(nr) || (enosys[nr] && below(ENOSYS_RETRY)));
	return nr;
}

static const struct syscall_type untyped = { 6, 0, 0, { K_ANY, K_ANY, K_ANY, K_ANY, K_ANY, K_ANY } };

/*
 * Is a successful result believable? mmap-like calls return a user page
 * whose range was free (it may not cover the fuzzer's own image, scratch
 * or stack: those were never unmapped); read and write move no more than
 * they were asked to; lseek(SEEK_SET) lands where it was told; init's
 * pid is 1; what uname wrote reads back.
 */
/* Is fd an open directory? fstat's st_mode is the 16 bits at byte 8 of i386's struct stat. */
static bool is_dir(unsigned long fd)
{
	unsigned int st[16];

	return __syscall2(__NR_fstat, (long)fd, (long)st) == 0 && ((st[2] & 0xffff) & 0170000) == 0040000;
}

/* The device of /proc's files (0: none): Linux's seq_lseek says EINVAL to SEEK_END, SEEK_DATA and SEEK_HOLE. */
static unsigned long proc_dev;

static bool is_proc(unsigned long fd)
{
	unsigned int st[16];

	return proc_dev && __syscall2(__NR_fstat, (long)fd, (long)st) == 0 && st[0] == proc_dev;
}

static bool result_ok(long nr, const unsigned long *a, long ret)
{
	unsigned long r = (unsigned long)ret, len = 0;

	/* Linux's lseek never says EINVAL to SEEK_DATA/SEEK_HOLE, nor to SEEK_END forward,
	 * but for a directory (dcache_dir_lseek: SEEK_SET and SEEK_CUR only) or a /proc file */
	if (nr == 19 && ret == -22 && (a[2] == 3 || a[2] == 4 || (a[2] == 2 && (long)a[1] >= 0)) &&
	    !is_dir(a[0]) && !is_proc(a[0]))
		return false;
	/* a user or group id, or a personality, is any 32 bits a call set before: -4095..-1 too */
	if (nr == 136 || (nr >= 199 && nr <= 202) || nr == 138 || nr == 139 || nr == 215 || nr == 216)
		return true;
	if (r >= (unsigned long)-4095)
		return -ret <= FUZZ_ERRNO_MAX;
	if (nr == 90 && a[0] == (unsigned long)scratch(SCRATCH_DESC))
		len = ((unsigned long *)a[0])[1];
	if (nr == 192 || nr == 163)
		len = nr == 192 ? a[1] : a[2];
	if (nr == 163 && r == a[0] && page_up(a[1]) >= page_up(a[2]))
		return true;            /* a shrink (or same size) returns its address, as Linux's does */
	if (nr == 90 || nr == 192 || nr == 163)
		return !(r & (PAGE - 1)) && r < TASK_TOP && (!len || !hits_in_use(r, len));
	if (nr == 3 || nr == 4 || nr == 180 || nr == 181)
		return r <= a[2];
	if (nr == 19 && a[2] == 0)
		return r == a[1];
	if (nr == 20)           /* init's pid, and its parent's */
		return in_child || r == 1;
	if (nr == 64)
		return in_child || r == 0;
	if (nr == 2 || nr == 190 || nr == 120 || nr == 11 || nr == 358)
		return r > 1;           /* a child's pid (execve's is the child's it ran in) */
	if (nr == 122)          /* the bytes landed where the program reads them */
		return !memcmp((const char *)a[0], "Linux", 6);
	return true;
}

static void learn(long nr, const unsigned long *a, long ret)
{
	if (ret == -38)
		enosys[nr] = 1;
	if (ret < 0 && ret >= -4095)
		return;
	if (nr == 42 || nr == 331)      /* a pipe: keep one end, so that nothing can wait on it */
		__syscall1(__NR_close, ((const int *)a[0])[below(2)]);
	if (nr == 192)
		remember(ret, a[1]);
	if (nr == 163)
		remember(ret, a[2]);
	if (nr == 90 && a[0] == (unsigned long)scratch(SCRATCH_DESC))
		remember(ret, ((unsigned long *)a[0])[1]);
}

/* Linux's tls_desc_okay, on the struct user_desc at desc (flags are the bit fields' word). */
static bool tls_desc_okay(unsigned long desc)
{
	const unsigned int *d = (const unsigned int *)desc;
	unsigned int flags = d[3] & 0x7f;

	if (d[1] == 0 && d[2] == 0 && (flags == 0x28 || flags == 0))
		return true;                    /* empty or all zero: frees the slot */
	return (flags & 1) && ((flags >> 1) & 3) <= 1 && !(flags & 0x20);
}

/*
 * Where Linux's first check settles the answer whatever the rest of the
 * arguments, the -errno every kernel must give (0: no opinion): an fd
 * that cannot be open (negative, or past RLIMIT_NOFILE's 1024) is -EBADF
 * for the calls that look the fd up first (mmap2 of a file too); an address that is not page
 * aligned is -EINVAL for the calls that change mappings.
 */
static long linux_says(long nr, const unsigned long *a)
{
	bool bad_fd = (long)a[0] < 0 || a[0] >= 1024;

	switch (nr) {
	case 3: case 4: case 6: case 19: case 54: case 108: case 145: case 146: case 197:
		return bad_fd ? -9 : 0;                         /* EBADF */
	case 91: case 125: case 163: case 219:
		return a[0] & (PAGE - 1) ? -22 : 0;             /* EINVAL */
	case 243:       /* set_thread_area: only present 32-bit data segments, or a cleared slot */
		return a[0] == (unsigned long)scratch(SCRATCH_DESC) && !tls_desc_okay(a[0]) ? -22 : 0;
	case 192:       /* a file mapping looks its fd up before anything else */
		return !(a[3] & MAP_ANONYMOUS) && ((long)a[4] < 0 || a[4] >= 1024) ? -9 : 0;
	default:
		return 0;
	}
}

static void tally(long nr, const unsigned long *a, long ret, unsigned long n)
{
	long want = linux_says(nr, a);

	if ((unsigned long)ret < (unsigned long)-4095)
		tally_ok++;
	else if (-ret <= FUZZ_ERRNO_MAX)
		tally_errno[-ret]++;
	if (!result_ok(nr, a, ret)) {
		tally_bad++;
		printf("fuzz: call %lu: %s returned %#lx, which no kernel may return\n", n, name_of(nr), ret);
	} else if (want && ret != want && ret != -38) {
		tally_bad++;
		printf("fuzz: call %lu: %s(%#lx, ...) returned %ld, Linux says %s\n", n, name_of(nr), a[0], ret,
		       errno_names[-want]);
	}
}

static void check_self(unsigned long n, long nr)
{
	for (int i = 0; i < 16; i++) {
		if (canary[i] != 0xc0ffee00 + (unsigned)i) {
			printf("fuzz: call %lu (%s) overwrote the fuzzer's data\n", n, name_of(nr));
			exit(3);
		}
	}
}

/*
 * -t: after set_thread_area made a plain data segment, load it into %gs
 * (or %fs), as a libc does for its TLS; later calls may then change or
 * clear that slot under the loaded selector, and the kernel's way back to
 * user mode must cope (Linux reloads the register with 0; Pagoda must at
 * worst kill the fuzzer, never oops).
 */
static void load_tls_selector(unsigned long desc, unsigned long n, bool verbose)
{
	const unsigned int *d = (const unsigned int *)desc;
	unsigned int sel;

	if (desc != (unsigned long)scratch(SCRATCH_DESC) || d[0] < 6 || d[0] > 8)
		return;
	if (d[3] & (6 | 8 | 0x20))      /* contents 0 (data), writable, present */
		return;
	if (d[1] == 0 && d[2] == 0 && (d[3] & 0x7f) == 0)
		return;                 /* all zero: that freed the slot */
	sel = d[0] * 8 + 3;
	if (verbose)
		printf("fuzz: %lu: loading %s with %#x\n", n, n & 1 ? "%fs" : "%gs", sel);
	if (n & 1)
		__asm__ volatile("mov %0, %%fs" : : "r"(sel));
	else
		__asm__ volatile("mov %0, %%gs" : : "r"(sel));
}

static void one_call(unsigned long n, bool verbose, bool tls)
{
	unsigned long a[6];
	const struct syscall_type *t;
	long nr, ret;
	int tries = 0;

	do {
		nr = pick_nr();
		t = nr < (long)(sizeof(syscall_types) / sizeof(syscall_types[0])) &&
		    (syscall_types[nr].nargs || syscall_types[nr].flags || nr == 20 || nr == 224 ||
		     nr == 400) ? &syscall_types[nr] : &untyped;
		for (int i = 0; i < 6; i++)
			a[i] = i < t->nargs ? gen_arg(t->kind[i], i ? a[i - 1] : 0) : below(4) ? 0 : rnd();
	} while (!safe(nr, t, a) && ++tries < 1000);
	if (tries == 1000)
		return;
	if (verbose)
		printf("fuzz: %lu: %s(%ld) %#lx %#lx %#lx %#lx %#lx %#lx\n", n, name_of(nr), nr,
		       a[0], a[1], a[2], a[3], a[4], a[5]);
	ret = (t->flags & F_CHILD) ? make_child(nr, a, n) : __syscall6(nr, a[0], a[1], a[2], a[3], a[4], a[5]);
	if (verbose)
		printf("fuzz: %lu = %ld%s%s\n", n, ret, ret < 0 && -ret <= FUZZ_ERRNO_MAX ? " " : "",
		       ret < 0 && -ret <= FUZZ_ERRNO_MAX ? errno_names[-ret] : "");
	tally(nr, a, ret, n);
	learn(nr, a, ret);
	if (tls && nr == 243 && ret == 0)
		load_tls_selector(a[0], n, verbose);
	check_self(n, nr);
}

static void summary(unsigned long seed, unsigned long calls)
{
	char line[2048];
	int len;

	printf("fuzz: seed %lu: %lu calls made\n", seed, calls);
	len = snprintf(line, sizeof(line), "fuzz: results: %lu succeeded", tally_ok);
	for (int e = 1; e <= FUZZ_ERRNO_MAX; e++)
		if (tally_errno[e] && len < (int)sizeof(line) - 32)
			len += snprintf(line + len, sizeof(line) - len, ", %s %lu", errno_names[e], tally_errno[e]);
	printf("%s\n", line);
	printf("fuzz: free pages with everything unmapped: %lu at the first reset, %lu at the last, %lu the fewest\n",
	       reset_free_first, reset_free_last, reset_free_min);
	printf("fuzz: %lu children made, %lu reaped at resets and at the end\n", kids_made, kids_reaped);
	printf("fuzz: %lu wrong results\n", tally_bad);
}

static void usage(void)
{
	printf("usage: fuzz [-v] [-t] [-p] [-n CALLS] [-o NR[,NR...]] SEED\n");
	exit(2);
}

/* -o 90,91,192: only these calls, none of them excluded. */
static void parse_only(const char *list)
{
	char *end;

	while (*list && nr_only < (int)(sizeof(only) / sizeof(only[0]))) {
		long nr = strtol(list, &end, 0);

		if (end == list || nr < 0 || nr > FUZZ_NR_MAX || is_excluded(nr))
			usage();
		only[nr_only++] = nr;
		list = *end == ',' ? end + 1 : end;
	}
}

int main(int argc, char **argv)
{
	unsigned long calls = 10000, seed = 0;
	long left;
	bool verbose = false, have_seed = false, tls = false;

	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "-v"))
			verbose = true;
		else if (!strcmp(argv[i], "-t"))
			tls = true;
		else if (!strcmp(argv[i], "-p"))
			with_children = true;
		else if (!strcmp(argv[i], "-n") && i + 1 < argc)
			calls = strtoul(argv[++i], NULL, 0);
		else if (!strcmp(argv[i], "-o") && i + 1 < argc)
			parse_only(argv[++i]);
		else if (argv[i][0] != '-' && !have_seed)
			seed = strtoul(argv[i], NULL, 0), have_seed = true;
		else
			usage();
	}
	if (!have_seed)
		usage();
	if ((long)free_pages() < 0) {
		/* Linux's 400 is msgsnd: this is a real kernel, maybe a real machine. */
		printf("fuzz: system call 400 is not Pagoda's free page count: not fuzzing this kernel\n");
		return 2;
	}
	/*
	 * The root is a tmpfs: what the calls would write there (a file made,
	 * the fuzzer's own image truncated) would outlive the run. Read-only,
	 * they say EROFS, and the page count at the end means what it did.
	 */
	if (__syscall5(21 /* mount */, 0, (long)"/", 0, 1 /* MS_RDONLY */ | 32 /* MS_REMOUNT */, 0) != 0) {
		printf("fuzz: cannot remount / read-only\n");
		return 2;
	}
	rng_state = seed;
	setup();
	__syscall2(48 /* signal */, 13 /* SIGPIPE */, 1 /* SIG_IGN */);
	save_tty();
	{
		unsigned int st[16];

		if (__syscall2(106 /* stat */, (long)"/proc/self/maps", (long)st) == 0)
			proc_dev = st[0];
	}
	reset();
	low_water = free_pages() / 2;
	printf("fuzz: seed %lu, %lu calls%s\n", seed, calls, verbose ? ", verbose" : "");
	for (unsigned long n = 1; n <= calls; n++) {
		if (n % RESET_EVERY == 0 || free_pages() < low_water) {
			reset();
			if (sum_text() != text_sum) {
				printf("fuzz: the fuzzer's text changed before call %lu\n", n);
				return 3;
			}
		}
		one_call(n, verbose, tls);
	}
	restore_tty();
	/* the calls may have left random bytes on the console without a newline: end that line first */
	printf("\n");
	reap_kids();
	left = __syscall4(114 /* wait4 */, -1, 0, WNOHANG_BIT | WALL_BIT, 0);
	if (left == -10 || (left == -38 && !kids_made)) {       /* ECHILD; ENOSYS: no processes at all */
		printf("fuzz: no child left\n");
	} else {
		printf("fuzz: a child is left after the end: wait4 = %ld\n", left);
		tally_bad++;
	}
	summary(seed, calls);
	leave_pages_behind();
	return tally_bad ? 1 : 0;
}
