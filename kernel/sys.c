/*
 * Who a process is and what it may use (Linux's kernel/sys.c): its parent,
 * its process group (the jobs a shell runs together, which a terminal's
 * Ctrl-C signals) and its session (the processes of one login); its user
 * and group ids; its resource limits; and what the system tells about
 * itself (sysinfo, uname).
 */
#include "linux/capability.h"
#include "linux/cred.h"
#include "linux/buffer_head.h"
#include "linux/errno.h"
#include "linux/vmstat.h"
#include "linux/mm.h"
#include "linux/mmzone.h"
#include "linux/page_alloc.h"
#include "linux/resource.h"
#include "linux/sched.h"
#include "linux/sched/loadavg.h"
#include "linux/string.h"
#include "linux/syscalls.h"
#include "linux/swap.h"
#include "linux/time.h"
#include "linux/uaccess.h"
#include "linux/utsname.h"

/* getppid: the parent's PID; 0 for a process the kernel started (its parent is PID 0). */
long sys_getppid(void)
{
	return current->real_parent ? current->real_parent->tgid : 0;
}

/* Is there a process group pgid in the session sid? */
static bool pgrp_in_session(int pgid, int sid)
{
	struct task_struct *p;

	for_each_process(p)
		if (p->pgid == pgid && p->sid == sid && !p->exit_state)
			return true;
	return false;
}

/*
 * setpgid(pid, pgid): move pid (0: the caller) into group pgid (0: its
 * own PID), Linux's rules and errnos: -EINVAL (pgid < 0), -ESRCH (not the
 * caller or a child of it), -EACCES (a child that has exec'd), -EPERM (a
 * session leader, a child in another session, or a group that is not in
 * the caller's session).
 */
long sys_setpgid(int pid, int pgid)
{
	struct task_struct *p;

	if (!pid)
		pid = current->pid;
	if (!pgid)
		pgid = pid;
	if (pgid < 0)
		return -EINVAL;
	p = find_task_by_vpid(pid);
	if (!p)
		return -ESRCH;
	if (p->real_parent == current) {
		if (p->sid != current->sid)
			return -EPERM;
		if (p->did_exec)
			return -EACCES;
	} else if (p != current) {
		return -ESRCH;
	}
	if (p->pid == p->sid)
		return -EPERM;  /* a session leader stays in its group */
	if (pgid != pid && !pgrp_in_session(pgid, current->sid))
		return -EPERM;
	p->pgid = pgid;
	return 0;
}

/* getpgid(pid): pid's (0: the caller's) process group, or -ESRCH. */
long sys_getpgid(int pid)
{
	struct task_struct *p = pid ? find_task_by_vpid(pid) : current;

	return p ? p->pgid : -ESRCH;
}

long sys_getpgrp(void)
{
	return current->pgid;
}

/* getsid(pid): pid's (0: the caller's) session, or -ESRCH. */
long sys_getsid(int pid)
{
	struct task_struct *p = pid ? find_task_by_vpid(pid) : current;

	return p ? p->sid : -ESRCH;
}

/*
 * setsid: a new session and process group, both named by the caller's
 * PID; returns it, or -EPERM if a process group of that number exists
 * (the caller leads one already). Linux's ksys_setsid.
 */
long sys_setsid(void)
{
	struct task_struct *p;

	for_each_process(p)
		if (p->pgid == current->pid)
			return -EPERM;
	current->pgid = current->sid = current->pid;
	return current->pid;
}

/* ---- identity: who a process is (Linux's struct cred, kept in task_struct) ---- */

/* Every capability while the effective user id is 0 (see linux/capability.h). */
bool capable(int cap)
{
	(void)cap;
	return current->euid == 0;
}

#define INVALID_UID ((unsigned int)-1)  /* -1: "leave it" in set*id, never a valid id */

long sys_getuid(void)  { return current->uid; }
long sys_geteuid(void) { return current->euid; }
long sys_getgid(void)  { return current->gid; }
long sys_getegid(void) { return current->egid; }

/*
 * setuid(uid): privileged, real, effective and saved ids all become uid;
 * otherwise only the effective one, to the real or saved id. 0, -EINVAL
 * (uid -1), -EPERM. Linux's __sys_setuid; setgid is the same for groups.
 */
static long set_id(int cap, unsigned int id, unsigned int *real, unsigned int *eff, unsigned int *saved,
		   unsigned int *fs)
{
	if (id == INVALID_UID)
		return -EINVAL;
	if (capable(cap))
		*real = *saved = id;
	else if (id != *real && id != *saved)
		return -EPERM;
	*eff = *fs = id;
	return 0;
}

long sys_setuid(unsigned int uid)
{
	struct task_struct *t = current;

	return set_id(CAP_SETUID, uid, &t->uid, &t->euid, &t->suid, &t->fsuid);
}

long sys_setgid(unsigned int gid)
{
	struct task_struct *t = current;

	return set_id(CAP_SETGID, gid, &t->gid, &t->egid, &t->sgid, &t->fsgid);
}

/*
 * setreuid(ruid, euid), -1 leaving one as it is: unprivileged, the real id
 * may become the effective one and the effective id the real or saved one.
 * The saved id follows the effective one when the real id is set or the
 * effective one moves away from the real one. Linux's __sys_setreuid.
 */
static long set_re_id(int cap, unsigned int r, unsigned int e, unsigned int *real, unsigned int *eff,
		      unsigned int *saved, unsigned int *fs)
{
	unsigned int old_r = *real, old_e = *eff, old_s = *saved;

	if (r != INVALID_UID && !capable(cap) && r != old_r && r != old_e)
		return -EPERM;
	if (e != INVALID_UID && !capable(cap) && e != old_r && e != old_e && e != old_s)
		return -EPERM;
	if (r != INVALID_UID)
		*real = r;
	if (e != INVALID_UID)
		*eff = e;
	if (r != INVALID_UID || (e != INVALID_UID && e != old_r))
		*saved = *eff;
	*fs = *eff;
	return 0;
}

long sys_setreuid(unsigned int ruid, unsigned int euid)
{
	struct task_struct *t = current;

	return set_re_id(CAP_SETUID, ruid, euid, &t->uid, &t->euid, &t->suid, &t->fsuid);
}

long sys_setregid(unsigned int rgid, unsigned int egid)
{
	struct task_struct *t = current;

	return set_re_id(CAP_SETGID, rgid, egid, &t->gid, &t->egid, &t->sgid, &t->fsgid);
}

/* Is id one a task without privilege may take: -1 (unchanged) or one of its three? */
static bool id_allowed(unsigned int id, unsigned int r, unsigned int e, unsigned int s)
{
	return id == INVALID_UID || id == r || id == e || id == s;
}

/* setresuid(ruid, euid, suid), -1 leaving one as it is: Linux's __sys_setresuid. */
static long set_res_id(int cap, unsigned int r, unsigned int e, unsigned int s, unsigned int *real,
		       unsigned int *eff, unsigned int *saved, unsigned int *fs)
{
	if (!capable(cap) && !(id_allowed(r, *real, *eff, *saved) && id_allowed(e, *real, *eff, *saved) &&
			    id_allowed(s, *real, *eff, *saved)))
		return -EPERM;
	if (r != INVALID_UID)
		*real = r;
	if (e != INVALID_UID)
		*eff = e;
	if (s != INVALID_UID)
		*saved = s;
	*fs = *eff;
	return 0;
}

long sys_setresuid(unsigned int ruid, unsigned int euid, unsigned int suid)
{
	struct task_struct *t = current;

	return set_res_id(CAP_SETUID, ruid, euid, suid, &t->uid, &t->euid, &t->suid, &t->fsuid);
}

long sys_setresgid(unsigned int rgid, unsigned int egid, unsigned int sgid)
{
	struct task_struct *t = current;

	return set_res_id(CAP_SETGID, rgid, egid, sgid, &t->gid, &t->egid, &t->sgid, &t->fsgid);
}

/* getresuid(ruid, euid, suid): 0 or -EFAULT (the ids written before the bad pointer stay written). */
long sys_getresuid(unsigned int *ruid, unsigned int *euid, unsigned int *suid)
{
	if (put_user(current->uid, ruid) || put_user(current->euid, euid) || put_user(current->suid, suid))
		return -EFAULT;
	return 0;
}

long sys_getresgid(unsigned int *rgid, unsigned int *egid, unsigned int *sgid)
{
	if (put_user(current->gid, rgid) || put_user(current->egid, egid) || put_user(current->sgid, sgid))
		return -EFAULT;
	return 0;
}

/*
 * setfsuid(uid): the id file access is checked with. Returns the old one
 * whatever happens; changes it only to one of the task's ids unless
 * privileged. Linux's __sys_setfsuid.
 */
static long set_fs_id(int cap, unsigned int id, unsigned int r, unsigned int e, unsigned int s, unsigned int *fs)
{
	unsigned int old = *fs;

	if (id != INVALID_UID && (capable(cap) || id == r || id == e || id == s || id == old))
		*fs = id;
	return old;
}

long sys_setfsuid(unsigned int uid)
{
	struct task_struct *t = current;

	return set_fs_id(CAP_SETUID, uid, t->uid, t->euid, t->suid, &t->fsuid);
}

long sys_setfsgid(unsigned int gid)
{
	struct task_struct *t = current;

	return set_fs_id(CAP_SETGID, gid, t->gid, t->egid, t->sgid, &t->fsgid);
}

/*
 * getgroups(size, list): the number of supplementary groups; with size > 0
 * they are written to list too. -EINVAL (size < 0, or too small), -EFAULT.
 */
long sys_getgroups(int size, unsigned int *list)
{
	int n = current->ngroups;

	if (size < 0)
		return -EINVAL;
	if (size) {
		if (n > size)
			return -EINVAL;
		if (copy_to_user(list, current->groups, n * sizeof(*list)))
			return -EFAULT;
	}
	return n;
}

int may_setgroups(int size)
{
	if (!capable(CAP_SETGID))
		return -EPERM;
	if ((unsigned int)size > NGROUPS_MAX)
		return -EINVAL;
	if (size > NGROUPS_SMALL)
		return -ENOMEM;
	return 0;
}

int set_current_groups(int n, unsigned int *groups)
{
	for (int i = 0; i < n; i++) {
		unsigned int v = groups[i];
		int j = i;

		if (v == INVALID_UID)
			return -EINVAL;
		for (; j > 0 && groups[j - 1] > v; j--)        /* insertion sort: a few groups */
			groups[j] = groups[j - 1];
		groups[j] = v;
	}
	memcpy(current->groups, groups, n * sizeof(*groups));
	current->ngroups = n;
	return 0;
}

/*
 * setgroups(size, list): replace the supplementary groups. 0, or -EPERM,
 * -EINVAL, -ENOMEM (may_setgroups), -EFAULT, -EINVAL (a group -1).
 */
long sys_setgroups(int size, const unsigned int *list)
{
	unsigned int g[NGROUPS_SMALL];
	int err = may_setgroups(size);

	if (err)
		return err;
	if (copy_from_user(g, list, size * sizeof(*list)))
		return -EFAULT;
	return set_current_groups(size, g);
}

/* ---- resource limits ---- */

unsigned long rlimit(unsigned int resource)
{
	return current->rlim[resource].rlim_cur;
}

unsigned long rlimit_max(unsigned int resource)
{
	return current->rlim[resource].rlim_max;
}

int do_prlimit(struct task_struct *p, unsigned int resource, const struct rlimit *new_rlim,
	       struct rlimit *old_rlim)
{
	struct rlimit *rlim;

	if (resource >= RLIM_NLIMITS)
		return -EINVAL;
	rlim = &p->rlim[resource];
	if (new_rlim) {
		if (new_rlim->rlim_cur > new_rlim->rlim_max)
			return -EINVAL;
		if (resource == RLIMIT_NOFILE && new_rlim->rlim_max > NR_OPEN_MAX)
			return -EPERM;
		if (new_rlim->rlim_max > rlim->rlim_max && !capable(CAP_SYS_RESOURCE))
			return -EPERM;
	}
	if (old_rlim)
		*old_rlim = *rlim;
	if (new_rlim)
		*rlim = *new_rlim;
	return 0;
}

/* ugetrlimit (191; glibc's getrlimit): the limits as unsigned longs, RLIM_INFINITY ~0. 0, -EINVAL, -EFAULT. */
long sys_getrlimit(unsigned int resource, struct rlimit *urlim)
{
	struct rlimit r;
	int err = do_prlimit(current, resource, NULL, &r);

	if (err)
		return err;
	return copy_to_user(urlim, &r, sizeof(r)) ? -EFAULT : 0;
}

/*
 * getrlimit (76), from before limits were unsigned: anything above
 * 0x7fffffff reads as 0x7fffffff, the infinity of then (Linux's
 * sys_old_getrlimit). 0, -EINVAL, -EFAULT.
 */
long sys_old_getrlimit(unsigned int resource, struct rlimit *urlim)
{
	struct rlimit r;

	if (resource >= RLIM_NLIMITS)
		return -EINVAL;
	r = current->rlim[resource];
	if (r.rlim_cur > 0x7fffffff)
		r.rlim_cur = 0x7fffffff;
	if (r.rlim_max > 0x7fffffff)
		r.rlim_max = 0x7fffffff;
	return copy_to_user(urlim, &r, sizeof(r)) ? -EFAULT : 0;
}

/* setrlimit(resource, rlim): -EFAULT before anything else, then do_prlimit's errors. */
long sys_setrlimit(unsigned int resource, const struct rlimit *urlim)
{
	struct rlimit r;

	if (copy_from_user(&r, urlim, sizeof(r)))
		return -EFAULT;
	return do_prlimit(current, resource, &r, NULL);
}

/* 64-bit limits to unsigned longs: anything too large is RLIM_INFINITY (Linux's rlim64_to_rlim). */
static unsigned long rlim64_to_ulong(uint64_t v)
{
	return v >= RLIM_INFINITY ? RLIM_INFINITY : (unsigned long)v;
}

static uint64_t ulong_to_rlim64(unsigned long v)
{
	return v == RLIM_INFINITY ? RLIM64_INFINITY : v;
}

/*
 * May the caller read and set p's limits? Itself always; another process
 * if its real, effective and saved ids are all the caller's real id (and
 * the same for groups), or with privilege. Linux's check_prlimit_permission.
 */
static bool prlimit_permitted(const struct task_struct *p)
{
	const struct task_struct *c = current;

	if (p == c || capable(CAP_SYS_RESOURCE))
		return true;
	return c->uid == p->euid && c->uid == p->suid && c->uid == p->uid &&
	       c->gid == p->egid && c->gid == p->sgid && c->gid == p->gid;
}

/*
 * prlimit64(pid, resource, new, old): pid's (0: the caller's) limit,
 * read into old and/or replaced by new, as 64-bit values. 0, -EFAULT (new
 * unreadable: first of all; old unwritable: after the change), -ESRCH,
 * -EPERM, and do_prlimit's errors.
 */
long sys_prlimit64(int pid, unsigned int resource, const struct rlimit64 *unew, struct rlimit64 *uold)
{
	struct rlimit64 n64, o64;
	struct rlimit n, o;
	struct task_struct *p;
	int err;

	if (unew) {
		if (copy_from_user(&n64, unew, sizeof(n64)))
			return -EFAULT;
		n.rlim_cur = rlim64_to_ulong(n64.rlim_cur);
		n.rlim_max = rlim64_to_ulong(n64.rlim_max);
	}
	p = pid ? find_task_by_vpid(pid) : current;
	if (!p)
		return -ESRCH;
	if (!prlimit_permitted(p))
		return -EPERM;
	err = do_prlimit(p, resource, unew ? &n : NULL, uold ? &o : NULL);
	if (err || !uold)
		return err;
	o64.rlim_cur = ulong_to_rlim64(o.rlim_cur);
	o64.rlim_max = ulong_to_rlim64(o.rlim_max);
	return copy_to_user(uold, &o64, sizeof(o64)) ? -EFAULT : 0;
}

/* ---- system information ---- */

/* struct sysinfo as i386 programs see it: 64 bytes. */
struct sysinfo {
	long uptime;                    /* seconds since boot */
	unsigned long loads[3];         /* 1, 5, 15 minute load averages, << SI_LOAD_SHIFT */
	unsigned long totalram, freeram, sharedram, bufferram;
	unsigned long totalswap, freeswap;
	unsigned short procs, pad;
	unsigned long totalhigh, freehigh;
	unsigned int mem_unit;          /* the unit of the memory fields, bytes */
	char _f[8];
};

#define SI_LOAD_SHIFT 16

/* Free pages in ZONE_HIGHMEM (Linux's nr_free_highpages). */
static unsigned long nr_free_highpages(void)
{
	return zones[ZONE_HIGHMEM].free_pages;
}

/*
 * sysinfo(info): uptime, load averages, memory (in units of mem_unit
 * bytes: 1 while every total fits in 32 bits, else the page size) and the
 * number of tasks. 0 or -EFAULT. Linux's do_sysinfo: sharedram is the
 * shmem/tmpfs pages (what free's "shared" column shows), bufferram the
 * block devices' cached pages; totalswap and freeswap the swap slots.
 */
long sys_sysinfo(struct sysinfo *uinfo)
{
	struct sysinfo info;
	int64_t ns = ktime_get_ns();
	unsigned long total, shift = 0;

	memset(&info, 0, sizeof(info));
	info.uptime = (long)(ns / NSEC_PER_SEC) + (ns % NSEC_PER_SEC ? 1 : 0);
	for (int i = 0; i < 3; i++)
		info.loads[i] = avenrun[i] << (SI_LOAD_SHIFT - FSHIFT);
	info.procs = (unsigned short)nr_threads;
	info.totalram = totalram_pages;
	info.freeram = nr_free_pages();
	info.sharedram = global_node_page_state(NR_SHMEM);
	info.bufferram = nr_blockdev_pages();
	info.totalswap = (unsigned long)total_swap_pages;
	info.freeswap = (unsigned long)nr_swap_pages;
	info.totalhigh = totalhigh_pages;
	info.freehigh = nr_free_highpages();
	info.mem_unit = PAGE_SIZE;
	/* bytes if the total fits in an unsigned long, as Linux decides */
	total = info.totalram + info.totalswap;  /* Linux's do_sysinfo: memory and swap together */
	while (shift < PAGE_SHIFT && !(total & (1UL << (8 * sizeof(long) - 1)))) {
		total <<= 1;
		shift++;
	}
	if (shift == PAGE_SHIFT) {
		info.mem_unit = 1;
		info.totalram <<= shift;
		info.freeram <<= shift;
		info.sharedram <<= shift;
		info.bufferram <<= shift;
		info.totalswap <<= shift;
		info.freeswap <<= shift;
		info.totalhigh <<= shift;
		info.freehigh <<= shift;
	}
	return copy_to_user(uinfo, &info, sizeof(info)) ? -EFAULT : 0;
}

/* ---- names, personality, prctl ---- */

/* Linux's defaults are "(none)" for both names; Pagoda boots with a host name of its own. */
static struct new_utsname uts = {
	.sysname = "Linux",             /* what libcs and scripts expect */
	.nodename = "pagoda",
	.release = "6.1.0-pagoda",
	.version = "#1 Pagoda teaching kernel",
	.machine = "i686",
	.domainname = "(none)",
};

struct new_utsname *utsname(void)
{
	return &uts;
}

/* uname (122, Linux's newuname): 0 or -EFAULT. */
long sys_uname(void *ubuf)
{
	return copy_to_user(ubuf, &uts, sizeof(uts)) ? -EFAULT : 0;
}

/* Set one name from len bytes at uname (not NUL-terminated): 0, -EPERM, -EINVAL (len < 0 or > 64), -EFAULT. */
static long set_uts_name(char *field, const char *uname, int len)
{
	char tmp[__NEW_UTS_LEN];

	if (!capable(CAP_SYS_ADMIN))
		return -EPERM;
	if (len < 0 || len > __NEW_UTS_LEN)
		return -EINVAL;
	if (copy_from_user(tmp, uname, (unsigned long)len))
		return -EFAULT;
	memset(field, 0, __NEW_UTS_LEN + 1);
	memcpy(field, tmp, (size_t)len);
	return 0;
}

long sys_sethostname(const char *name, int len)
{
	return set_uts_name(uts.nodename, name, len);
}

long sys_setdomainname(const char *name, int len)
{
	return set_uts_name(uts.domainname, name, len);
}

/*
 * personality(persona): the old execution domain, and the new one unless
 * persona is 0xffffffff (a query). Any other value is kept as given, as
 * Linux does; Pagoda only runs PER_LINUX (0) programs and acts on no flag.
 */
long sys_personality(unsigned int persona)
{
	unsigned int old = current->personality;

	if (persona != 0xffffffff)
		current->personality = persona;
	return old;
}

#define PR_SET_NAME 15
#define PR_GET_NAME 16

/*
 * prctl(option, arg2, ...): PR_SET_NAME and PR_GET_NAME (the task's comm,
 * 16 bytes with the NUL) only; 0, -EFAULT, or -EINVAL for any other option.
 */
long sys_prctl(int option, unsigned long arg2)
{
	char comm[TASK_COMM_LEN];

	switch (option) {
	case PR_SET_NAME:
		comm[TASK_COMM_LEN - 1] = 0;
		if (strncpy_from_user(comm, (const char *)arg2, TASK_COMM_LEN - 1) < 0)
			return -EFAULT;
		strlcpy(current->comm, comm, sizeof(current->comm));
		return 0;
	case PR_GET_NAME:
		strlcpy(comm, current->comm, sizeof(comm));
		return copy_to_user((char *)arg2, comm, sizeof(comm)) ? -EFAULT : 0;
	default:
		return -EINVAL;
	}
}
