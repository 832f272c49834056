/*
 * set_thread_area and the segment registers that hold its selectors, as
 * Linux 6.1 treats them: which descriptors a TLS slot may hold (only
 * present 32-bit data segments, or nothing), which slots exist, and what
 * a live %ds, %es, %fs or %gs sees when its descriptor changes under it:
 * a new base at once, and the null selector when the slot is freed.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <syscall.h>
#include <asm/ldt.h>
#include "check.h"

/* The three TLS slots: GDT entries 6-8 on i386 (Pagoda and Linux), 12-14 under a 64-bit kernel. */
static unsigned int tls_first, tls_last;

static long set_area(struct user_desc *d)
{
	return __syscall1(__NR_set_thread_area, (long)d);
}

/* A present, writable, 32-bit data segment over block, 4 GiB long. */
static struct user_desc data_desc(unsigned int entry, const void *block)
{
	struct user_desc d = {
		.entry_number = entry, .base_addr = (unsigned long)block, .limit = 0xfffff,
		.seg_32bit = 1, .limit_in_pages = 1,
	};
	return d;
}

/* What a program passes to free a slot (Linux's LDT_empty): the issue's {base 0, limit 0, flags 0x28}. */
static struct user_desc empty_desc(unsigned int entry)
{
	struct user_desc d = { .entry_number = entry, .read_exec_only = 1, .seg_not_present = 1 };
	return d;
}

static unsigned short selector(unsigned int entry)
{
	return (unsigned short)(entry * 8 + 3);
}

/* A fresh program holds no TLS slot: the kernel's first pick is the first slot. */
static void find_tls_slots(void)
{
	static unsigned int block[1];
	struct user_desc d = data_desc(-1, block);

	check_ret(set_area(&d), 0, "set_thread_area(entry -1) in a fresh program");
	check(d.entry_number == 6 || d.entry_number == 12, "the first TLS slot is GDT entry %u (6 on i386)",
	      d.entry_number);
	tls_first = d.entry_number;
	tls_last = tls_first + 2;
	d = empty_desc(tls_first);
	check_ret(set_area(&d), 0, "freeing it");
}

static void refused_descriptors(void)
{
	static unsigned int block[4];
	struct user_desc d;

	d = data_desc(tls_first, block);
	d.contents = 2;
	check_ret(set_area(&d), -EINVAL, "a code segment (contents 2)");
	d.contents = 3;
	check_ret(set_area(&d), -EINVAL, "a conforming code segment (contents 3)");
	d = data_desc(tls_first, block);
	d.seg_32bit = 0;
	check_ret(set_area(&d), -EINVAL, "a 16-bit data segment");
	d = data_desc(tls_first, block);
	d.seg_not_present = 1;
	check_ret(set_area(&d), -EINVAL, "a not-present data segment with a base");
	d = empty_desc(tls_first);
	d.limit = 1;
	check_ret(set_area(&d), -EINVAL, "a not-present segment that is not all clear (limit 1)");
	d = data_desc(-1, block);
	d.contents = 2;
	check_ret(set_area(&d), -EINVAL, "a code segment in a slot the kernel picks");
	check(d.entry_number == (unsigned int)-1, "a refused request leaves entry_number alone");
	for (int e = 0; e < 6; e++) {
		const unsigned int entries[6] = { 0, tls_first - 1, tls_last + 1,
						  tls_last + 4, 100, (unsigned int)-2 };

		d = data_desc(entries[e], block);
		check_ret(set_area(&d), -EINVAL, "entry %d, not a TLS slot", (int)entries[e]);
	}
	d = data_desc(tls_first, block);
	d.contents = 1;         /* expand-down data is data */
	check_ret(set_area(&d), 0, "an expand-down data segment");
	d.contents = 0;
	d.read_exec_only = 1;   /* read-only data too */
	check_ret(set_area(&d), 0, "a read-only data segment");
	d = empty_desc(tls_first);
	check_ret(set_area(&d), 0, "freeing entry %d", tls_first);
	check_ret(set_area((struct user_desc *)16), -EFAULT, "a descriptor at address 16");
}

static void every_slot_taken(void)
{
	static unsigned int block[4];
	struct user_desc d;
	unsigned int got[3];

	for (int i = 0; i < 3; i++) {
		d = data_desc(-1, block);
		check_ret(set_area(&d), 0, "entry -1, slot %d", i + 1);
		got[i] = d.entry_number;
		check(got[i] >= tls_first && got[i] <= tls_last &&
		      (i == 0 || got[i] != got[i - 1]), "a new TLS slot: %u", got[i]);
	}
	d = data_desc(-1, block);
	check_ret(set_area(&d), -ESRCH, "entry -1 with all three slots taken");
	/* Two ways to free one: Linux's LDT_empty, and all zero but the entry number. */
	d = empty_desc(got[1]);
	check_ret(set_area(&d), 0, "freeing entry %u with LDT_empty", got[1]);
	memset(&d, 0, sizeof(d));
	d.entry_number = got[2];
	check_ret(set_area(&d), 0, "freeing entry %u with an all-zero descriptor", got[2]);
	d = data_desc(-1, block);
	check_ret(set_area(&d), 0, "entry -1 again");
	check(d.entry_number == got[1], "the first free slot comes back: %u, want %u", d.entry_number, got[1]);
	for (int i = 0; i < 3; i++) {
		d = empty_desc(got[i]);
		check_ret(set_area(&d), 0, "freeing entry %u", got[i]);
	}
}

static void new_base_under_live_gs(void)
{
	static unsigned int block_a[1] = { 0xaaaa0001 }, block_b[1] = { 0xbbbb0001 };
	struct user_desc d = data_desc(tls_first + 1, block_a);
	unsigned short sel = selector(tls_first + 1), gs_after;
	unsigned int v_a, v_b;
	long r;

	check_ret(set_area(&d), 0, "entry %u over block A", d.entry_number);
	d.base_addr = (unsigned long)block_b;
	/* gs holds the selector across the call that moves its base: no reload by the program */
	__asm__ volatile("movw %w4, %%gs\n\t"
			 "movl %%gs:0, %1\n\t"
			 "int $0x80\n\t"
			 "movl %%gs:0, %2\n\t"
			 "movw %%gs, %w3"
			 : "=a"(r), "=&r"(v_a), "=&r"(v_b), "=&r"(gs_after)
			 : "r"(sel), "0"(__NR_set_thread_area), "b"(&d) : "memory");
	check_ret(r, 0, "set_thread_area moves the base of the live %%gs");
	check(v_a == block_a[0], "%%gs:0 read block A before: %#x", v_a);
	check(v_b == block_b[0], "%%gs:0 reads block B right after the call: %#x", v_b);
	check(gs_after == sel, "%%gs still holds %#x", gs_after);
	d = empty_desc(d.entry_number);
	check_ret(set_area(&d), 0, "freeing entry %u (%%gs still holds it)", d.entry_number);
}

/*
 * The case: the slot a segment register holds is freed
 * ({entry, base 0, limit 0, flags 0x28}). The call succeeds and the
 * register comes back holding the null selector; its next use would
 * fault (die_tls_freed). One asm block per register, so that nothing
 * runs with the null selector in %ds or %es.
 */
#define FREE_UNDER(reg)								\
static long free_under_##reg(struct user_desc *d, unsigned short sel, unsigned short *after) \
{										\
	long r;									\
	unsigned int v;								\
										\
	__asm__ volatile("pushl %%" #reg "\n\t"					\
			 "movw %w3, %%" #reg "\n\t"				\
			 "int $0x80\n\t"					\
			 "movl %%" #reg ", %1\n\t"				\
			 "popl %%" #reg						\
			 : "=a"(r), "=&r"(v)					\
			 : "0"(__NR_set_thread_area), "r"(sel), "b"(d) : "memory"); \
	*after = (unsigned short)v;						\
	return r;								\
}
FREE_UNDER(ds)
FREE_UNDER(es)
FREE_UNDER(fs)
FREE_UNDER(gs)

static void freed_under_live_register(void)
{
	static const char *const names[4] = { "ds", "es", "fs", "gs" };
	long (*const fns[4])(struct user_desc *, unsigned short, unsigned short *) = {
		free_under_ds, free_under_es, free_under_fs, free_under_gs,
	};

	for (int i = 0; i < 4; i++) {
		/* base 0: a flat segment, so that %ds and %es work while they hold it */
		struct user_desc d = data_desc(tls_first, NULL);
		unsigned short after = 0xffff;

		check_ret(set_area(&d), 0, "entry %d, flat, for %%%s", tls_first, names[i]);
		d = empty_desc(tls_first);
		check_ret(fns[i](&d, selector(tls_first), &after), 0,
			  "freeing the entry %%%s holds ({base 0, limit 0, flags 0x28})", names[i]);
		check(after == 0, "%%%s comes back as the null selector: %#x", names[i], after);
	}
}

static long get_area(struct user_desc *d)
{
	return __syscall1(__NR_get_thread_area, (long)d);
}

/* The same bytes as two user_descs compare equal field by field. */
static int same_desc(const struct user_desc *a, const struct user_desc *b)
{
	return memcmp(a, b, sizeof(*a)) == 0;
}

/* get_thread_area gives back what set_thread_area put in a slot, and a free slot as LDT_empty. */
static void read_back(void)
{
	static unsigned int block[1];
	struct user_desc set = data_desc(tls_first + 1, block), got;

	set.useable = 1;
	check_ret(set_area(&set), 0, "set_thread_area(entry %u) with base %p, useable", tls_first + 1, (void *)block);
	memset(&got, 0xff, sizeof(got));
	got.entry_number = tls_first + 1;
	check_ret(get_area(&got), 0, "get_thread_area(entry %u)", tls_first + 1);
	check(same_desc(&got, &set), "reads back base %#x limit %#x 32bit %u pages %u useable %u, as set",
	      got.base_addr, got.limit, got.seg_32bit, got.limit_in_pages, got.useable);
	set = empty_desc(tls_first + 1);
	check_ret(set_area(&set), 0, "free the slot");
	memset(&got, 0xff, sizeof(got));
	got.entry_number = tls_first + 1;
	check_ret(get_area(&got), 0, "get_thread_area of the free slot");
	check(same_desc(&got, &set), "reads back as the empty descriptor (not present, read/exec only)");
	got.entry_number = tls_last + 1;
	check_ret(get_area(&got), -EINVAL, "get_thread_area(entry %u), past the last slot", tls_last + 1);
	got.entry_number = -1;
	check_ret(get_area(&got), -EINVAL, "get_thread_area(entry -1)");
	check_ret(get_area((struct user_desc *)16), -EFAULT, "get_thread_area of a descriptor at address 16");
}

int main(void)
{
	find_tls_slots();
	refused_descriptors();
	every_slot_taken();
	new_base_under_live_gs();
	freed_under_live_register();
	read_back();
	return done();
}
