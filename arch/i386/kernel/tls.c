/*
 * set_thread_area and get_thread_area: a program's thread-local storage. The libc asks for a
 * data segment with a given base; the kernel puts it in one of the GDT
 * slots 6-8 (as Linux does) and the program loads %gs with it.
 */
#include "asm/desc.h"
#include "linux/errno.h"
#include "linux/sched.h"
#include "linux/string.h"
#include "linux/syscalls.h"
#include "linux/uaccess.h"

struct user_desc {
	unsigned int entry_number;
	unsigned int base_addr;
	unsigned int limit;
	unsigned int seg_32bit:1;
	unsigned int contents:2;
	unsigned int read_exec_only:1;
	unsigned int limit_in_pages:1;
	unsigned int seg_not_present:1;
	unsigned int useable:1;
};

/* An all-clear descriptor (Linux's LDT_empty): the program frees the slot. */
static bool desc_empty(const struct user_desc *u)
{
	return u->base_addr == 0 && u->limit == 0 && u->contents == 0 && u->read_exec_only == 1 &&
	       u->seg_32bit == 0 && u->limit_in_pages == 0 && u->seg_not_present == 1 && u->useable == 0;
}

/* All zero but the entry number (Linux's LDT_zero): programs mean "free it" by this too. */
static bool desc_zero(const struct user_desc *u)
{
	return u->base_addr == 0 && u->limit == 0 && u->contents == 0 && u->read_exec_only == 0 &&
	       u->seg_32bit == 0 && u->limit_in_pages == 0 && u->seg_not_present == 0 && u->useable == 0;
}

/*
 * What a TLS slot may hold (Linux's tls_desc_okay): nothing, or a present
 * 32-bit data segment. No code segments, no 16-bit ones, and no
 * not-present ones: a program loads these into %gs, and each kind is an
 * odd case for every later segment load.
 */
static bool tls_desc_okay(const struct user_desc *u)
{
	if (desc_empty(u) || desc_zero(u))
		return true;
	return u->seg_32bit && u->contents <= 1 && !u->seg_not_present;
}

/*
 * set_thread_area(u_info), for task p: put the descriptor *u_info asks
 * for in TLS slot u_info->entry_number (GDT entries 6-8), or, when that is
 * -1 and can_allocate (set_thread_area; not clone's CLONE_SETTLS), in a
 * free one (and write the slot's number back). Returns 0, -EFAULT, -EINVAL (a
 * descriptor tls_desc_okay refuses, or a slot out of range) or -ESRCH (no
 * free slot). Linux's do_set_thread_area(), same order of checks. A
 * segment register holding the slot's selector is reloaded on the way
 * back to user mode (arch/i386/entry/entry_32.asm); if the slot was just freed it
 * becomes the null selector there, as Linux's load_gs_index() leaves it.
 */
int do_set_thread_area(struct task_struct *p, void *uptr, bool can_allocate)
{
	struct user_desc u;
	struct tls_desc *d;
	int idx;

	if (copy_from_user(&u, uptr, sizeof(u)))
		return -EFAULT;
	if (!tls_desc_okay(&u))
		return -EINVAL;
	idx = (int)u.entry_number;
	if (idx == -1 && can_allocate) {        /* pick a free slot and tell the program which */
		for (idx = GDT_ENTRY_TLS_MIN; idx < GDT_ENTRY_TLS_MIN + GDT_TLS_ENTRIES; idx++)
			if (!p->tls[idx - GDT_ENTRY_TLS_MIN].present)
				break;
		if (idx == GDT_ENTRY_TLS_MIN + GDT_TLS_ENTRIES)
			return -ESRCH;
		if (put_user((unsigned int)idx, (unsigned int *)uptr))
			return -EFAULT;
	}
	if (idx < GDT_ENTRY_TLS_MIN || idx >= GDT_ENTRY_TLS_MIN + GDT_TLS_ENTRIES)
		return -EINVAL;
	d = &p->tls[idx - GDT_ENTRY_TLS_MIN];
	memset(d, 0, sizeof(*d));
	if (!desc_empty(&u) && !desc_zero(&u)) {
		/* present, DPL 3, code/data, a data type: contents (expand-down), writable,
		 * and accessed already (Linux's fill_ldt) */
		d->base = u.base_addr;
		d->limit = u.limit;
		d->access = (uint8_t)(0x80 | 0x60 | 0x10 | (u.contents << 2) | (u.read_exec_only ? 0 : 2) | 1);
		d->flags = (uint8_t)((u.limit_in_pages ? 0x8 : 0) | 0x4 | (u.useable ? 0x1 : 0));
		d->present = true;
	}
	if (p == current)
		load_tls(p);
	return 0;
}

long sys_set_thread_area(void *uptr)
{
	return do_set_thread_area(current, uptr, true);
}

/*
 * get_thread_area(u_info): describe TLS slot u_info->entry_number (GDT
 * entries 6-8) in *u_info, as set_thread_area takes it; a free slot reads
 * as the empty descriptor. Returns 0, -EFAULT or -EINVAL (a slot out of
 * range). Linux's do_get_thread_area() and fill_user_desc().
 */
long sys_get_thread_area(void *uptr)
{
	struct user_desc u;
	const struct tls_desc *d;
	unsigned int idx;

	if (get_user(idx, (unsigned int *)uptr))
		return -EFAULT;
	if (idx < GDT_ENTRY_TLS_MIN || idx >= GDT_ENTRY_TLS_MIN + GDT_TLS_ENTRIES)
		return -EINVAL;
	d = &current->tls[idx - GDT_ENTRY_TLS_MIN];
	memset(&u, 0, sizeof(u));
	u.entry_number = idx;
	u.base_addr = d->present ? d->base : 0;
	u.limit = d->present ? d->limit : 0;
	u.seg_32bit = d->present && (d->flags & 0x4);
	u.contents = d->present ? (d->access >> 2) & 3 : 0;
	u.read_exec_only = !(d->present && (d->access & 2));
	u.limit_in_pages = d->present && (d->flags & 0x8);
	u.seg_not_present = !d->present;
	u.useable = d->present && (d->flags & 0x1);
	return copy_to_user(uptr, &u, sizeof(u)) ? -EFAULT : 0;
}
