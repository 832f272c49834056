/*
 * /proc/sys (Linux's fs/proc/proc_sysctl.c, with the vm table of
 * kernel/sysctl.c): each file is one int, read as the number and a
 * newline and written as Linux's proc_dointvec_minmax takes it. Only the
 * knobs Pagoda acts on are here: the dirty limits (mm/page-writeback.c),
 * drop_caches (fs/drop_caches.c) and min_free_kbytes (the watermarks).
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
#include "linux/uaccess.h"
#include "linux/watermark.h"
#include "linux/writeback.h"
#include "internal.h"

#define INT_MAX 0x7fffffff
#define INT_MIN (-INT_MAX - 1)

/*
 * Linux's proc_get_long for one value: spaces, an optional '-', a number
 * in base 0 (0x hex, 0 octal), then the end or a space/newline. The
 * value in [min, max] into *val: count; -EINVAL for anything else.
 */
static long sysctl_get_int(const char *ubuf, unsigned long count, int min, int max, int *val)
{
	char buf[24], *p = buf;
	unsigned long long v;
	const char *end;
	bool neg = false;

	if (count >= sizeof(buf))
		count = sizeof(buf) - 1;        /* Linux reads at most a number's worth too */
	if (copy_from_user(buf, ubuf, count))
		return -EFAULT;
	buf[count] = '\0';
	while (*p == ' ' || *p == '\t' || *p == '\n')
		p++;
	if (*p == '-') {
		neg = true;
		p++;
	}
	if (kstrtoull_prefix(p, 0, &v, &end) || v > (unsigned long long)INT_MAX + neg)
		return -EINVAL;
	if (*end && *end != ' ' && *end != '\t' && *end != '\n')
		return -EINVAL;
	if ((neg ? -(long long)v : (long long)v) < min || (neg ? -(long long)v : (long long)v) > max)
		return -EINVAL;
	*val = (int)(neg ? -(long long)v : (long long)v);
	return 0;
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
		long err = sysctl_get_int(ubuf, count, min, max, &val);         \
									\
		if (err)                                                        \
			return err;                                             \
		(var) = val;                                                    \
		after;                                                          \
		return (long)count;                                             \
	}

SYSCTL_INT(dirty_background_ratio, dirty_background_ratio, 0, 100, )
SYSCTL_INT(dirty_ratio, vm_dirty_ratio, 0, 100, )
/* Linux's dirty_writeback_centisecs_handler is plain proc_dointvec: any int (as unsigned, 0 is off) */
SYSCTL_INT(dirty_writeback_centisecs, dirty_writeback_interval, INT_MIN, INT_MAX, )
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
	KNOB(user_reserve_kbytes, 0644),
};

const struct proc_entry proc_sys_entries[NR_PROC_SYS_ENTRIES] = {
	{ "vm", S_IFDIR | 0555, NULL, NULL, NULL, vm_entries, (int)(sizeof(vm_entries) / sizeof(vm_entries[0])) },
};
