/*
 * struct pt_regs: the registers saved on the kernel stack by every trap
 * and interrupt stub (arch/i386/entry/entry_32.asm), lowest address first. The
 * field names are Linux's; the order is the order our stub pushes them.
 */
#ifndef PAGODA_ARCH_PTRACE_H
#define PAGODA_ARCH_PTRACE_H

#include <stdint.h>

struct pt_regs {
	uint32_t edi, esi, ebp, esp_at_pusha, ebx, edx, ecx, eax; /* pushal */
	uint32_t ds, es, fs, gs;
	uint32_t trapno;        /* vector number */
	uint32_t orig_eax;      /* CPU error code, or 0 (Linux: orig_eax) */
	uint32_t eip, cs, eflags;  /* pushed by the CPU */
	uint32_t esp, ss;       /* pushed by the CPU only when coming from ring 3 */
};

static inline int user_mode(const struct pt_regs *regs)
{
	return (regs->cs & 3) == 3;
}

void show_regs(const struct pt_regs *regs);

#endif
