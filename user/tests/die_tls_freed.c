/*
 * Must be killed: %gs holds a TLS selector whose slot the program frees
 * with set_thread_area({entry, base 0, limit 0, flags 0x28}) (this once
 * panicked the kernel on its way back to user mode). As on Linux 6.1 the
 * call succeeds and leaves the null selector in %gs; the next %gs access
 * is a general protection fault in user mode: SIGSEGV, status 139.
 */
#include <stdio.h>
#include <syscall.h>
#include <asm/ldt.h>
#include "check.h"

int main(void)
{
	static unsigned int block[1] = { 0x600d };
	struct user_desc d = {
		.entry_number = -1, .base_addr = (unsigned long)block, .limit = 0xfffff,
		.seg_32bit = 1, .limit_in_pages = 1,
	};
	unsigned short sel;
	unsigned int v;
	long r;

	if (__syscall1(__NR_set_thread_area, (long)&d))
		fail("set_thread_area(entry -1) failed");
	sel = (unsigned short)(d.entry_number * 8 + 3);
	__asm__ volatile("movw %w0, %%gs" : : "r"(sel));
	d.base_addr = 0;
	d.limit = 0;
	d.seg_32bit = d.limit_in_pages = 0;
	d.read_exec_only = d.seg_not_present = 1;      /* flags 0x28 */
	r = __syscall1(__NR_set_thread_area, (long)&d);
	printf("die_tls_freed: set_thread_area freed entry %u under %%gs = %#x: %ld; reading %%gs:0\n",
	       d.entry_number, sel, r);
	__asm__ volatile("movl %%gs:0, %0" : "=r"(v));
	fail("reading %%gs:0 after freeing its slot gave %#x", v);
}
