/*
 * /proc/sys/vm/drop_caches (Linux's fs/drop_caches.c): writing 1 drops
 * the clean, unmapped pages of the page cache, 2 the unused dentries (and
 * the inodes they hold, and the slabs that frees), 3 both; 4 stops the
 * kernel-log line each drop prints.
 */
#include "linux/dcache.h"
#include "linux/fs.h"
#include "linux/pagemap.h"
#include "linux/printk.h"
#include "linux/sched.h"
#include "linux/slab.h"
#include "linux/vmstat.h"

int sysctl_drop_caches;         /* the last value written (reads of the file show it) */
static int stfu;                /* 4 was written: no more log lines */

void drop_caches_run(void)
{
	if (sysctl_drop_caches & 1) {
		drop_pagecache();
		count_vm_event(DROP_PAGECACHE);
	}
	if (sysctl_drop_caches & 2) {
		shrink_dcache();
		kmem_cache_shrink_all();
		count_vm_event(DROP_SLAB);
	}
	if (!stfu)
		pr_info("%s (%d): drop_caches: %d\n", current->comm, current->pid, sysctl_drop_caches);
	stfu |= sysctl_drop_caches & 4;
}
