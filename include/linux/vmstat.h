/*
 * Event counters of /proc/vmstat (Linux's include/linux/vm_event_item.h
 * and vmstat.h): how many times something happened since boot. Only the
 * events Pagoda has are counted; vmstat prints Linux's others as 0.
 */
#ifndef PAGODA_VMSTAT_H
#define PAGODA_VMSTAT_H

enum vm_event_item {
	PGALLOC_DMA,            /* pages allocated from each zone (alloc_pages, 2^order each) */
	PGALLOC_NORMAL,
	PGALLOC_HIGH,
	PGFREE,                 /* pages freed (__free_pages) */
	PGFAULT,                /* page faults handled (handle_mm_fault), failed ones too */
	PGMAJFAULT,             /* faults that read a file */
	NR_VM_EVENT_ITEMS
};

extern unsigned long vm_events[NR_VM_EVENT_ITEMS];      /* mm/vmstat.c */

static inline void count_vm_events(enum vm_event_item item, unsigned long delta)
{
	vm_events[item] += delta;
}

static inline void count_vm_event(enum vm_event_item item)
{
	vm_events[item]++;
}

#endif
