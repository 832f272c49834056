/*
 * User and group ids as Linux 6.1 answers them for root (what every
 * program starts as here) and for a child that drops root with setuid:
 * the 32-bit calls and the 16-bit ones (an id above 65535 reads as 65534),
 * getresuid, getgroups/setgroups (sorted, with their errnos), the set*id
 * rules for a privileged and an unprivileged caller, and what dropping
 * root takes away: kill's EPERM, raising a hard limit, RLIMIT_NPROC.
 */
#include <errno.h>
#include "process.h"

#define __NR_setuid16       23
#define __NR_getuid16       24
#define __NR_getgid16       47
#define __NR_geteuid16      49
#define __NR_getegid16      50
#define __NR_getgroups16    80
#define __NR_setgroups16    81
#define __NR_getresuid16   165
#define __NR_getuid32      199
#define __NR_getgid32      200
#define __NR_geteuid32     201
#define __NR_getegid32     202
#define __NR_setreuid32    203
#define __NR_getgroups32   205
#define __NR_setgroups32   206
#define __NR_setresuid32   208
#define __NR_getresuid32   209
#define __NR_setresgid32   210
#define __NR_getresgid32   211
#define __NR_setuid32      213
#define __NR_setgid32      214
#define __NR_setfsuid32    215

#define BAD_PTR ((long)0xc0000000)      /* a kernel address: -EFAULT */

static long sc0(long nr) { return __syscall0(nr); }
static long sc1(long nr, long a) { return __syscall1(nr, a); }
static long sc2(long nr, long a, long b) { return __syscall2(nr, a, b); }
static long sc3(long nr, long a, long b, long c) { return __syscall3(nr, a, b, c); }

static void root_ids(void)
{
	unsigned int r = 1, e = 1, s = 1;
	unsigned short r16 = 1, e16 = 1, s16 = 1;

	check_ret(sc0(__NR_getuid32), 0, "getuid32(): root");
	check_ret(sc0(__NR_geteuid32), 0, "geteuid32()");
	check_ret(sc0(__NR_getgid32), 0, "getgid32()");
	check_ret(sc0(__NR_getegid32), 0, "getegid32()");
	check_ret(sc0(__NR_getuid16), 0, "getuid() (16-bit)");
	check_ret(sc0(__NR_geteuid16), 0, "geteuid() (16-bit)");
	check_ret(sc0(__NR_getgid16), 0, "getgid() (16-bit)");
	check_ret(sc0(__NR_getegid16), 0, "getegid() (16-bit)");
	check_ret(sc3(__NR_getresuid32, (long)&r, (long)&e, (long)&s), 0, "getresuid32");
	check(r == 0 && e == 0 && s == 0, "getresuid32: 0 0 0 (got %u %u %u)", r, e, s);
	r = e = s = 1;
	check_ret(sc3(__NR_getresgid32, (long)&r, (long)&e, (long)&s), 0, "getresgid32");
	check(r == 0 && e == 0 && s == 0, "getresgid32: 0 0 0 (got %u %u %u)", r, e, s);
	check_ret(sc3(__NR_getresuid16, (long)&r16, (long)&e16, (long)&s16), 0, "getresuid (16-bit)");
	check(r16 == 0 && e16 == 0 && s16 == 0, "getresuid (16-bit): 0 0 0");
	check_ret(sc3(__NR_getresuid32, (long)&r, BAD_PTR, (long)&s), -EFAULT, "getresuid32 with a bad pointer");
	/* root setting itself to root: nothing changes, all succeed */
	check_ret(sc1(__NR_setuid32, 0), 0, "setuid32(0) as root");
	check_ret(sc1(__NR_setgid32, 0), 0, "setgid32(0) as root");
	check_ret(sc2(__NR_setreuid32, -1, -1), 0, "setreuid32(-1, -1)");
	check_ret(sc3(__NR_setresuid32, 0, 0, 0), 0, "setresuid32(0, 0, 0)");
	check_ret(sc3(__NR_setresgid32, -1, -1, -1), 0, "setresgid32(-1, -1, -1)");
	check_ret(sc1(__NR_setuid32, -1), -EINVAL, "setuid32(-1): not an id");
	check_ret(sc1(__NR_setgid32, -1), -EINVAL, "setgid32(-1)");
	check_ret(sc1(__NR_setuid16, 0), 0, "setuid(0) (16-bit)");
	check_ret(sc1(__NR_setfsuid32, -1), 0, "setfsuid32(-1): a query, the old fsuid 0");
	check_ret(sc0(__NR_getuid32), 0, "still root");
}

static void groups(void)
{
	unsigned int g[4] = { 7, 3, 5 }, out[4] = { 0 };
	unsigned short g16[2] = { 9, 2 }, out16[2] = { 0 };

	check_ret(sc2(__NR_getgroups32, 0, 0), 0, "getgroups32(0, NULL): no supplementary groups");
	check_ret(sc2(__NR_getgroups16, 0, 0), 0, "getgroups (16-bit): none either");
	check_ret(sc2(__NR_getgroups32, -1, (long)out), -EINVAL, "getgroups32(-1)");
	check_ret(sc2(__NR_setgroups32, 3, (long)g), 0, "setgroups32(3, {7, 3, 5}) as root");
	check_ret(sc2(__NR_getgroups32, 0, 0), 3, "getgroups32(0): 3");
	check_ret(sc2(__NR_getgroups32, 2, (long)out), -EINVAL, "getgroups32(2): too small");
	check_ret(sc2(__NR_getgroups32, 4, (long)out), 3, "getgroups32(4, buf)");
	check(out[0] == 3 && out[1] == 5 && out[2] == 7, "sorted: 3 5 7 (got %u %u %u)", out[0], out[1], out[2]);
	check_ret(sc2(__NR_getgroups32, 4, BAD_PTR), -EFAULT, "getgroups32 into a bad pointer");
	check_ret(sc2(__NR_setgroups32, 1, BAD_PTR), -EFAULT, "setgroups32 from a bad pointer");
	check_ret(sc2(__NR_setgroups32, 65537, (long)g), -EINVAL, "setgroups32(65537): above NGROUPS_MAX");
	check_ret(sc2(__NR_setgroups32, -1, (long)g), -EINVAL, "setgroups32(-1)");
	g[0] = -1;
	check_ret(sc2(__NR_setgroups32, 1, (long)g), -EINVAL, "setgroups32({-1}): not a group");
	check_ret(sc2(__NR_getgroups32, 0, 0), 3, "the groups are unchanged by the failures");
	check_ret(sc2(__NR_setgroups16, 2, (long)g16), 0, "setgroups (16-bit) {9, 2}");
	check_ret(sc2(__NR_getgroups16, 2, (long)out16), 2, "getgroups (16-bit)");
	check(out16[0] == 2 && out16[1] == 9, "16-bit groups sorted: 2 9 (got %u %u)", out16[0], out16[1]);
	check_ret(sc2(__NR_setgroups32, 0, 0), 0, "setgroups32(0, NULL): none again");
	check_ret(sc2(__NR_getgroups32, 0, 0), 0, "getgroups32: 0");
}

/* A child that becomes user 1000, group 100 for good. */
static void drop_root(void)
{
	long parent = sys_getpid(), pid = sys_fork();

	if (pid == 0) {
		struct rlimit rl;
		unsigned int r, e, s;

		child_expect(sc1(__NR_setgid32, 100), 0, 2, "setgid32(100) as root");
		child_expect(sc1(__NR_setuid32, 1000), 0, 3, "setuid32(1000) as root");
		child_expect(sc0(__NR_getuid32), 1000, 4, "getuid32 after setuid(1000)");
		child_expect(sc0(__NR_geteuid32), 1000, 5, "geteuid32");
		child_expect(sc0(__NR_getgid32), 100, 6, "getgid32");
		sc3(__NR_getresuid32, (long)&r, (long)&e, (long)&s);
		child_expect(s, 1000, 7, "the saved uid follows a privileged setuid");
		child_expect(sc0(__NR_getuid16), 1000, 8, "getuid (16-bit)");
		child_expect(sc1(__NR_setuid32, 0), -EPERM, 9, "setuid32(0) without privilege");
		child_expect(sc1(__NR_setuid32, 1000), 0, 10, "setuid32(1000) to itself");
		child_expect(sc1(__NR_setgid32, 0), -EPERM, 11, "setgid32(0) without privilege");
		child_expect(sc3(__NR_setresuid32, -1, 0, -1), -EPERM, 12, "setresuid32(-1, 0, -1)");
		child_expect(sc2(__NR_setreuid32, 1000, 1000), 0, 13, "setreuid32(1000, 1000)");
		child_expect(sc2(__NR_setgroups32, 0, 0), -EPERM, 14, "setgroups32 without privilege");
		child_expect(sc1(__NR_setfsuid32, 0), 1000, 15, "setfsuid32(0): the old fsuid, unchanged");
		child_expect(sc1(__NR_setfsuid32, -1), 1000, 16, "still 1000");
		child_expect(sys_kill(parent, 0), -EPERM, 17, "kill(root's process, 0) as user 1000");
		child_expect(sys_kill(sys_getpid(), 0), 0, 18, "kill(self, 0)");
		child_expect(__syscall2(__NR_ugetrlimit, RLIMIT_NPROC, (long)&rl), 0, 19, "ugetrlimit(RLIMIT_NPROC)");
		rl.rlim_max = rl.rlim_max + 1;
		child_expect(__syscall2(__NR_setrlimit, RLIMIT_NPROC, (long)&rl), -EPERM, 20,
			     "raising a hard limit without privilege");
		/* one process of user 1000 exists: this one; a limit of 1 stops the next */
		rl.rlim_cur = rl.rlim_max = 1;
		child_expect(__syscall2(__NR_setrlimit, RLIMIT_NPROC, (long)&rl), 0, 21, "RLIMIT_NPROC = 1");
		child_expect(sys_fork(), -EAGAIN, 22, "fork past RLIMIT_NPROC as user 1000");
		rl.rlim_cur = rl.rlim_max = 2;
		child_expect(__syscall2(__NR_setrlimit, RLIMIT_NPROC, (long)&rl), -EPERM, 23,
			     "raising it back without privilege");
		child_exit(0);
	}
	check(pid > 0, "fork() = %ld", pid);
	reap_ok(pid, "a child that dropped root: setuid sticks, EPERM after");
	check_ret(sc0(__NR_getuid32), 0, "the parent is still root");
}

/* A uid above 65535 reads as 65534 through the 16-bit calls. */
static void overflow_id(void)
{
	long pid = sys_fork();

	if (pid == 0) {
		child_expect(sc3(__NR_setresuid32, 70000, 70000, 70000), 0, 2, "setresuid32(70000 x3) as root");
		child_expect(sc0(__NR_getuid32), 70000, 3, "getuid32");
		child_expect(sc0(__NR_getuid16), 65534, 4, "getuid (16-bit): the overflow id");
		child_expect(sc0(__NR_geteuid16), 65534, 5, "geteuid (16-bit)");
		child_exit(0);
	}
	check(pid > 0, "fork() = %ld", pid);
	reap_ok(pid, "a child with uid 70000");
}

/* setreuid as root, then the unprivileged swaps it allows. */
static void setreuid_rules(void)
{
	long pid = sys_fork();

	if (pid == 0) {
		unsigned int r, e, s;

		child_expect(sc2(__NR_setreuid32, 1000, 2000), 0, 2, "setreuid32(1000, 2000) as root");
		sc3(__NR_getresuid32, (long)&r, (long)&e, (long)&s);
		child_expect(r, 1000, 3, "real 1000");
		child_expect(e, 2000, 4, "effective 2000");
		child_expect(s, 2000, 5, "saved: the new effective id");
		child_expect(sc2(__NR_setreuid32, 2000, 1000), 0, 6, "setreuid32(2000, 1000): a swap");
		sc3(__NR_getresuid32, (long)&r, (long)&e, (long)&s);
		child_expect(r, 2000, 7, "real 2000");
		child_expect(e, 1000, 8, "effective 1000");
		child_expect(s, 1000, 9, "saved 1000");
		child_expect(sc2(__NR_setreuid32, 3000, -1), -EPERM, 10, "setreuid32(3000, -1): not one of ours");
		child_expect(sc3(__NR_setresuid32, 1000, 2000, 1000), 0, 11, "setresuid32 among our own ids");
		child_expect(sc1(__NR_setuid32, 2000), -EPERM, 12, "setuid32(2000): the real id is 1000 now");
		child_expect(sc1(__NR_setuid32, 1000), 0, 13, "setuid32(1000): the real id");
		sc3(__NR_getresuid32, (long)&r, (long)&e, (long)&s);
		child_expect(e, 1000, 14, "effective 1000");
		child_expect(s, 1000, 15, "unprivileged setuid leaves the saved id");
		child_exit(0);
	}
	check(pid > 0, "fork() = %ld", pid);
	reap_ok(pid, "a child walking setreuid's rules");
}

int main(void)
{
	root_ids();
	groups();
	drop_root();
	overflow_id();
	setreuid_rules();
	return done();
}
