/*
 * Linux keeps the vmalloc range allocator in mm/vmalloc.c; apart here so the host tests build it alone.
 *
 * The vmalloc address-range allocator, as Linux 2.6.12 had it: areas in
 * one list sorted by address, a new area goes into the first gap that
 * fits (first fit). Simple and O(n); Linux later moved to an rbtree.
 * Pure algorithm: host-tested and fuzzed in tests/.
 */
#include "linux/printk.h"
#include "linux/vmalloc.h"

int vmlist_insert(struct vm_list *list, struct vm_struct *area, unsigned long size,
		  unsigned long align)
{
	struct vm_struct **p = &list->head;
	unsigned long addr = ALIGN_UP(list->start, align);

	if (!size || size > list->end - list->start)
		return -1;
	for (; *p; p = &(*p)->next) {
		if ((*p)->addr >= addr && (*p)->addr - addr >= size)
			break;          /* the gap before *p is big enough */
		if ((*p)->addr + (*p)->size > addr)
			addr = ALIGN_UP((*p)->addr + (*p)->size, align);
		if (addr < (*p)->addr + (*p)->size)     /* wrapped past 4 GiB */
			return -1;
	}
	if (addr > list->end || list->end - addr < size)
		return -1;
	area->addr = addr;
	area->size = size;
	area->next = *p;
	*p = area;
	return 0;
}

struct vm_struct *vmlist_remove(struct vm_list *list, unsigned long addr)
{
	for (struct vm_struct **p = &list->head; *p; p = &(*p)->next) {
		if ((*p)->addr == addr) {
			struct vm_struct *area = *p;

			*p = area->next;
			area->next = NULL;
			return area;
		}
	}
	return NULL;
}

struct vm_struct *vmlist_find(const struct vm_list *list, unsigned long addr)
{
	for (struct vm_struct *a = list->head; a; a = a->next)
		if (addr >= a->addr && addr - a->addr < a->size)
			return a;
	return NULL;
}

unsigned long vmlist_used(const struct vm_list *list)
{
	unsigned long used = 0;

	for (struct vm_struct *a = list->head; a; a = a->next)
		used += a->size;
	return used;
}

unsigned long vmlist_largest_gap(const struct vm_list *list)
{
	unsigned long prev_end = list->start, largest = 0;

	for (struct vm_struct *a = list->head; a; a = a->next) {
		if (a->addr - prev_end > largest)
			largest = a->addr - prev_end;
		prev_end = a->addr + a->size;
	}
	if (list->end - prev_end > largest)
		largest = list->end - prev_end;
	return largest;
}

int vmlist_check(const struct vm_list *list)
{
	unsigned long prev_end = list->start;
	int bad = 0;

	for (struct vm_struct *a = list->head; a; a = a->next) {
		if (a->addr < prev_end) {
			printk(KERN_ERR "vmlist: area %#lx+%#lx overlaps or is out of order\n",
			       a->addr, a->size);
			bad++;
		}
		if (a->size == 0 || a->addr + a->size > list->end || a->addr + a->size < a->addr) {
			printk(KERN_ERR "vmlist: area %#lx+%#lx outside [%#lx, %#lx)\n",
			       a->addr, a->size, list->start, list->end);
			bad++;
		}
		prev_end = a->addr + a->size;
	}
	return bad;
}
