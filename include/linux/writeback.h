/*
 * Writing dirty page-cache pages back (Linux's include/linux/writeback.h
 * and mm/page-writeback.c): the knobs of /proc/sys/vm/dirty_*, and the
 * throttle a writer passes after dirtying pages.
 */
#ifndef PAGODA_WRITEBACK_H
#define PAGODA_WRITEBACK_H

struct address_space;

/* Linux's defaults: percent of dirtyable memory, and centiseconds */
extern int dirty_background_ratio;              /* 10: background writeback starts */
extern int vm_dirty_ratio;                      /* 20: a writer is made to write back */
extern unsigned int dirty_writeback_interval;   /* 500: how often the flusher looks */
extern unsigned int dirty_expire_interval;      /* 3000: how old a dirty page must be to be written */

/*
 * After a write dirtied pages of mapping: if the dirty and writeback
 * pages pass vm_dirty_ratio of dirtyable memory, the writer writes back
 * until they are under dirty_background_ratio (Linux's
 * balance_dirty_pages_ratelimited; Linux makes the writer sleep while its
 * flusher thread writes, Pagoda has no such thread and the writer does
 * the writing itself, as Linux 2.6's did).
 */
void balance_dirty_pages_ratelimited(struct address_space *mapping);
/* The thresholds now, in pages (Linux's global_dirty_limits). */
void global_dirty_limits(unsigned long *background, unsigned long *dirty);

#endif
