/*
 * Reading and loading segment registers (Linux's <asm/segment.h>). A
 * load can fault: the selector's descriptor may have changed or gone
 * since the register got it (set_thread_area). loadsegment() then loads
 * the null selector instead, through its exception-table entry, as
 * Linux's does; the next user-mode use of the register faults in the
 * program, not in the kernel.
 */
#ifndef PAGODA_ARCH_SEGMENT_H
#define PAGODA_ARCH_SEGMENT_H

#define savesegment(seg, value) \
	__asm__ volatile("movl %%" #seg ", %k0" : "=r"(value) : : "memory")

#define loadsegment(seg, value)						\
	__asm__ volatile("1:\tmovl %k0, %%" #seg "\n\t"			\
			 "jmp 3f\n"						\
			 "2:\tmovl %k1, %%" #seg "\n"				\
			 "3:\n\t"						\
			 ".pushsection __ex_table, \"a\"\n\t"			\
			 ".long 1b, 2b\n\t"					\
			 ".popsection"						\
			 : : "r"(value), "r"(0) : "memory")

#endif
