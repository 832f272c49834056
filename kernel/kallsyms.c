/*
 * Symbol lookup and backtraces. The build links the kernel, lists its
 * functions with nm, and links again with that list in .ksyms
 * (tools/ksyms.py), so a crash can name the functions on the stack.
 * Backtraces follow the frame-pointer chain: each frame starts with the
 * caller's ebp, then the return address (-fno-omit-frame-pointer).
 */
#include <stdbool.h>
#include "asm/page.h"
#include "linux/kallsyms.h"
#include "linux/printk.h"
#include "linux/string.h"

extern const unsigned long ksyms_num;
extern const unsigned long ksyms_addr[];
extern const char *const ksyms_name[];

#define MAX_FRAMES 32

const char *kallsyms_lookup(unsigned long addr, unsigned long *offset, unsigned long *size)
{
	unsigned long lo = 0, hi = ksyms_num;

	if (!ksyms_num || addr < ksyms_addr[0] || addr >= (unsigned long)_etext)
		return NULL;
	while (hi - lo > 1) {   /* last symbol with ksyms_addr <= addr */
		unsigned long mid = (lo + hi) / 2;

		if (ksyms_addr[mid] <= addr)
			lo = mid;
		else
			hi = mid;
	}
	if (offset)
		*offset = addr - ksyms_addr[lo];
	if (size)
		*size = (lo + 1 < ksyms_num ? ksyms_addr[lo + 1] : (unsigned long)_etext) - ksyms_addr[lo];
	return ksyms_name[lo];
}

unsigned long kallsyms_lookup_name(const char *name)
{
	for (unsigned long i = 0; i < ksyms_num; i++)
		if (strcmp(ksyms_name[i], name) == 0)
			return ksyms_addr[i];
	return 0;
}

/* Print addr, named after the function that holds lookup. */
static void print_frame(unsigned long addr, unsigned long lookup)
{
	unsigned long off, size;
	const char *name = kallsyms_lookup(lookup, &off, &size);

	off += addr - lookup;

	if (name)
		printk(" [<%08lx>] %s+%#lx/%#lx\n", addr, name, off, size);
	else
		printk(" [<%08lx>] ?\n", addr);
}

void print_symbol(unsigned long addr)
{
	print_frame(addr, addr);
}

int sprint_symbol(char *buf, size_t size, unsigned long addr)
{
	unsigned long off, sz;
	const char *name = kallsyms_lookup(addr, &off, &sz);

	if (!name)
		return snprintf(buf, size, "%#lx", addr);
	return snprintf(buf, size, "%s+%#lx/%#lx", name, off, sz);
}

static bool frame_ok(unsigned long ebp)
{
	return ebp >= PAGE_OFFSET && ebp < (unsigned long)high_memory - 8 && !(ebp & 3);
}

void show_trace(unsigned long eip, unsigned long ebp)
{
	printk("Call Trace:\n");
	print_symbol(eip);
	for (int i = 0; i < MAX_FRAMES && frame_ok(ebp); i++) {
		unsigned long *frame = (unsigned long *)ebp;
		unsigned long ret = frame[1];

		if (!ret)
			break;
		/* ret points after the call: look up ret-1, which is still
		 * inside the caller even when the call was its last instruction */
		print_frame(ret, ret - 1);
		if (frame[0] <= ebp)    /* stacks grow down: callers' frames lie above */
			break;
		ebp = frame[0];
	}
}

void dump_stack(void)
{
	unsigned long ebp;

	__asm__ volatile("mov %%ebp, %0" : "=r"(ebp));
	show_trace((unsigned long)__builtin_return_address(0), ((unsigned long *)ebp)[0]);
}
