/*
 * /proc/sys (Linux's fs/proc/proc_sysctl.c, with the vm table of
 * kernel/sysctl.c): each file is one int, read as the number and a
 * newline and written as Linux's proc_dointvec_minmax takes it. Only the
 * knobs Pagoda acts on are here: the dirty limits (mm/page-writeback.c),
 * drop_caches (fs/drop_caches.c) and min_free_kbytes (the watermarks).
 * As Linux's proc_sys_call_handler with sysctl_writes_strict (the default),
 * a write of no bytes is 0 and a write not at offset 0 takes its bytes
 * but changes nothing (proc_sys_write).
 */
#include "linux/errno.h"
#include "linux/fs.h"
#include "linux/kstrtox.h"
#include "linux/mm.h"
#include "linux/mman.h"
#include "linux/oom.h"
#include "linux/page_alloc.h"
#include "linux/pagemap.h"
#include "linux/printk.h"
#include "linux/slab.h"
#include "linux/string.h"
#include "linux/swap.h"
#include "linux/uaccess.h"
#include "linux/watermark.h"
#include "linux/writeback.h"
#include "internal.h"

#define INT_MAX 0x7fffffff
#define INT_MIN (-INT_MAX - 1)

static bool sysctl_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r';      /* isspace */
}

#define TMPBUFLEN 22    /* Linux's proc_get_long: a number longer than 20 characters is refused */

/*
 * A write of count bytes at ubuf (count > 0, at offset 0) to a one-int
 * file, as Linux's __do_proc_dointvec with proc_get_long parses it from a
 * copy of at most a page less one: blanks, an optional '-', a number in
 * base 0 (0x hex, 0 octal) of at most 20 characters followed by the end
 * or a space, tab or newline, then any blanks. The value in [min, max]
 * into *val; returns the bytes taken (what follows is left: a write of
 * "12 ab" takes 3), or -EINVAL (no number, a bad one, out of range),
 * -EFAULT, -ENOMEM.
 */
static long sysctl_get_int(const char *ubuf, unsigned long count, int min, int max, int *val)
{
	unsigned long left = min(count, PAGE_SIZE - 1), len;
	unsigned long long v;
	char tmp[TMPBUFLEN], *buf, *p;
	const char *end;
	long long sv;
	bool neg;
	long ret = -EINVAL;

	buf = kmalloc(left + 1, GFP_KERNEL);
	if (!buf)
		return -ENOMEM;
	if (copy_from_user(buf, ubuf, left)) {
		kfree(buf);
		return -EFAULT;
	}
	buf[left] = '\0';
	for (p = buf; left && sysctl_space(*p); p++)
		left--;
	if (!left)
		goto out;       /* nothing but blanks */
	len = min(left, (unsigned long)TMPBUFLEN - 1);
	memcpy(tmp, p, len);
	tmp[len] = '\0';
	neg = tmp[0] == '-' && left > 1;
	if (tmp[neg] < '0' || tmp[neg] > '9' || kstrtoull_prefix(tmp + neg, 0, &v, &end))
		goto out;
	len = (unsigned long)(end - tmp);
	if (len == TMPBUFLEN - 1)
		goto out;       /* it may go on past what was looked at */
	if (len < left && *end != ' ' && *end != '\t' && *end != '\n')
		goto out;
	p += len;
	left -= len;
	if (v > (unsigned long long)INT_MAX + neg)
		goto out;
	sv = neg ? -(long long)v : (long long)v;
	if (sv < min || sv > max)
		goto out;
	*val = (int)sv;
	while (left && sysctl_space(*p)) {
		p++;
		left--;
	}
	ret = (long)(count - left);
out:
	kfree(buf);
	return ret;
}

/* One knob's read and write, min and max as the ctl_table's extra1 and extra2. */
#define SYSCTL_INT(name, var, min, max, after)                                   \
	static int name##_show(struct seq_file *m, void *v)                     \
	{                                                                       \
		(void)v;                                                        \
		seq_printf(m, "%d\n", (int)(var));                              \
		return 0;                                                       \
	}                                                                       \
	static long name##_write(const char *ubuf, unsigned long count)         \
	{                                                                       \
		int val;                                                        \
		long n = sysctl_get_int(ubuf, count, min, max, &val);           \
									\
		if (n < 0)                                                      \
			return n;                                               \
		(var) = val;                                                    \
		after;                                                          \
		return n;                                                       \
	}

SYSCTL_INT(dirty_background_ratio, dirty_background_ratio, 0, 100, )
SYSCTL_INT(dirty_ratio, vm_dirty_ratio, 0, 100, )
/* Linux's dirty_writeback_centisecs_handler: any int (as unsigned, 0 is off); a new one wakes the flushers */
SYSCTL_INT(dirty_writeback_centisecs, dirty_writeback_interval, INT_MIN, INT_MAX, dirty_writeback_interval_written())
SYSCTL_INT(dirty_expire_centisecs, dirty_expire_interval, 0, INT_MAX, )
/* Linux's min_free_kbytes_sysctl_handler: the watermarks follow */
SYSCTL_INT(min_free_kbytes, min_free_kbytes, 0, INT_MAX,
	   setup_per_zone_wmarks(zones, MAX_NR_ZONES, (unsigned long)min_free_kbytes))
/* Linux's drop_caches_sysctl_handler: 1 the clean page cache, 2 unused dentries, 4 quiet */
SYSCTL_INT(drop_caches, sysctl_drop_caches, 1, 4, drop_caches_run())

/* --- overcommit and the OOM killer (mm/util.c, mm/oom_kill.c) --- */
/* Linux's overcommit_policy_handler: 0, 1 or 2 */
SYSCTL_INT(overcommit_memory, sysctl_overcommit_memory, 0, 2, )
/* Linux's overcommit_ratio_handler (proc_dointvec) and overcommit_kbytes_handler: setting one clears the other */
SYSCTL_INT(overcommit_ratio, sysctl_overcommit_ratio, INT_MIN, INT_MAX, sysctl_overcommit_kbytes = 0)
SYSCTL_INT(panic_on_oom, sysctl_panic_on_oom, 0, 2, )
SYSCTL_INT(oom_dump_tasks, sysctl_oom_dump_tasks, 0, 1, )
/* reclaim: anon against file (mm/vmscan.c), 0..200 as 6.1 */
SYSCTL_INT(swappiness, vm_swappiness, 0, 200, )

/*
 * An unsigned long knob, as Linux's proc_doulongvec_minmax: one number,
 * no sign; -EINVAL for a '-' or anything else. Returns 0 or -errno.
 */
static long sysctl_get_ulong(const char *ubuf, unsigned long count, unsigned long *val)
{
	char buf[24], *p = buf;
	unsigned long long v;
	const char *end;

	if (count >= sizeof(buf))
		count = sizeof(buf) - 1;
	if (copy_from_user(buf, ubuf, count))
		return -EFAULT;
	buf[count] = '\0';
	while (*p == ' ' || *p == '\t' || *p == '\n')
		p++;
	if (*p == '-' || kstrtoull_prefix(p, 0, &v, &end) || v > 0xffffffffULL)
		return -EINVAL;
	if (*end && *end != ' ' && *end != '\t' && *end != '\n')
		return -EINVAL;
	*val = (unsigned long)v;
	return 0;
}

#define SYSCTL_ULONG(name, var, after)                                          \
	static int name##_show(struct seq_file *m, void *v)                     \
	{                                                                       \
		(void)v;                                                        \
		seq_printf(m, "%lu\n", (unsigned long)(var));                   \
		return 0;                                                       \
	}                                                                       \
	static long name##_write(const char *ubuf, unsigned long count)         \
	{                                                                       \
		unsigned long val;                                              \
		long err = sysctl_get_ulong(ubuf, count, &val);                 \
									\
		if (err)                                                        \
			return err;                                             \
		(var) = val;                                                    \
		after;                                                          \
		return (long)count;                                             \
	}

SYSCTL_ULONG(overcommit_kbytes, sysctl_overcommit_kbytes, sysctl_overcommit_ratio = 0)
SYSCTL_ULONG(user_reserve_kbytes, sysctl_user_reserve_kbytes, )
SYSCTL_ULONG(admin_reserve_kbytes, sysctl_admin_reserve_kbytes, )

#define KNOB(file, mode) { #file, S_IFREG | (mode), file##_show, NULL, file##_write, NULL, 0 }

static const struct proc_entry vm_entries[] = {
	KNOB(admin_reserve_kbytes, 0644),
	KNOB(dirty_background_ratio, 0644),
	KNOB(dirty_expire_centisecs, 0644),
	KNOB(dirty_ratio, 0644),
	KNOB(dirty_writeback_centisecs, 0644),
	KNOB(drop_caches, 0200),
	KNOB(min_free_kbytes, 0644),
	KNOB(oom_dump_tasks, 0644),
	KNOB(overcommit_kbytes, 0644),
	KNOB(overcommit_memory, 0644),
	KNOB(overcommit_ratio, 0644),
	KNOB(panic_on_oom, 0644),
	KNOB(swappiness, 0644),
	KNOB(user_reserve_kbytes, 0644),
};

const struct proc_entry proc_sys_entries[NR_PROC_SYS_ENTRIES] = {
	{ "vm", S_IFDIR | 0555, NULL, NULL, NULL, vm_entries, (int)(sizeof(vm_entries) / sizeof(vm_entries[0])) },
};

/*
 * A write to a /proc/sys file e, at *pos: 0 for no bytes; at a non-zero
 * offset the bytes are taken and ignored (Linux's
 * proc_first_pos_non_zero_ignore: a number written in two pieces keeps its
 * first); else e's own parse. *pos moves on by what was taken. Returns
 * the bytes taken, or -errno.
 */
long proc_sys_write(const struct proc_entry *e, const char *ubuf, unsigned long count, long long *pos)
{
	long n;

	if (!count)
		return 0;
	n = *pos ? (long)count : e->write(ubuf, count);
	if (n > 0)
		*pos += n;
	return n;
}
