/*
 * The 16-bit identity calls (Linux's kernel/uid16.c): i386's first
 * getuid, setuid, getgroups... passed ids as 16-bit numbers. They are
 * the 32-bit calls with the ids narrowed on the way out (an id above
 * 65535 reads as the overflow id 65534) and -1 widened on the way in.
 */
#include "linux/cred.h"
#include "linux/errno.h"
#include "linux/sched.h"
#include "linux/syscalls.h"
#include "linux/uaccess.h"

typedef unsigned short old_uid_t;
typedef unsigned short old_gid_t;

#define OVERFLOW_ID 65534       /* Linux's overflowuid and overflowgid (/proc/sys/kernel/overflowuid) */

/* A 32-bit id as a 16-bit one (Linux's high2lowuid). */
static old_uid_t high2lowuid(unsigned int id)
{
	return id > 0xffff ? OVERFLOW_ID : (old_uid_t)id;
}

/* A 16-bit id as a 32-bit one: -1 stays -1, "leave it as it is" (Linux's low2highuid). */
static unsigned int low2highuid(old_uid_t id)
{
	return id == (old_uid_t)-1 ? (unsigned int)-1 : id;
}

long sys_getuid16(void)  { return high2lowuid(current->uid); }
long sys_geteuid16(void) { return high2lowuid(current->euid); }
long sys_getgid16(void)  { return high2lowuid(current->gid); }
long sys_getegid16(void) { return high2lowuid(current->egid); }

long sys_setuid16(old_uid_t uid) { return sys_setuid(low2highuid(uid)); }
long sys_setgid16(old_gid_t gid) { return sys_setgid(low2highuid(gid)); }

long sys_setreuid16(old_uid_t ruid, old_uid_t euid)
{
	return sys_setreuid(low2highuid(ruid), low2highuid(euid));
}

long sys_setregid16(old_gid_t rgid, old_gid_t egid)
{
	return sys_setregid(low2highuid(rgid), low2highuid(egid));
}

long sys_setresuid16(old_uid_t ruid, old_uid_t euid, old_uid_t suid)
{
	return sys_setresuid(low2highuid(ruid), low2highuid(euid), low2highuid(suid));
}

long sys_setresgid16(old_gid_t rgid, old_gid_t egid, old_gid_t sgid)
{
	return sys_setresgid(low2highuid(rgid), low2highuid(egid), low2highuid(sgid));
}

/* The three ids as 16-bit numbers: 0 or -EFAULT. */
static long put_res16(unsigned int r, unsigned int e, unsigned int s, old_uid_t *ur, old_uid_t *ue,
		      old_uid_t *us)
{
	if (put_user(high2lowuid(r), ur) || put_user(high2lowuid(e), ue) || put_user(high2lowuid(s), us))
		return -EFAULT;
	return 0;
}

long sys_getresuid16(old_uid_t *ruid, old_uid_t *euid, old_uid_t *suid)
{
	return put_res16(current->uid, current->euid, current->suid, ruid, euid, suid);
}

long sys_getresgid16(old_gid_t *rgid, old_gid_t *egid, old_gid_t *sgid)
{
	return put_res16(current->gid, current->egid, current->sgid, rgid, egid, sgid);
}

long sys_setfsuid16(old_uid_t uid) { return sys_setfsuid(low2highuid(uid)); }
long sys_setfsgid16(old_gid_t gid) { return sys_setfsgid(low2highuid(gid)); }

/* getgroups with a 16-bit array: the count; -EINVAL (size < 0 or too small), -EFAULT. */
long sys_getgroups16(int size, old_gid_t *list)
{
	int n = current->ngroups;

	if (size < 0)
		return -EINVAL;
	if (size) {
		if (n > size)
			return -EINVAL;
		for (int i = 0; i < n; i++)
			if (put_user(high2lowuid(current->groups[i]), &list[i]))
				return -EFAULT;
	}
	return n;
}

/* setgroups with a 16-bit array: sys_setgroups' errors. */
long sys_setgroups16(int size, const old_gid_t *list)
{
	unsigned int g[NGROUPS_SMALL];
	int err = may_setgroups(size);

	if (err)
		return err;
	for (int i = 0; i < size; i++) {
		old_gid_t v;

		if (get_user(v, &list[i]))
			return -EFAULT;
		g[i] = low2highuid(v);
	}
	return set_current_groups(size, g);
}
