/*
 * The x87 FPU and SSE, for user programs (glibc picks SSE2 code through
 * cpuid). CR0.EM off and CR0.MP on say "there is an FPU, trap WAIT only
 * when TS is set"; CR0.NE reports FPU errors as exception 16;
 * CR4.OSFXSR and CR4.OSXMMEXCPT tell the CPU the kernel saves SSE state
 * with fxsave and handles SIMD exceptions. The kernel itself is built
 * without FPU or SSE code (-mno-sse -mno-80387), so it never disturbs a
 * program's registers.
 */
#include "asm/fpu.h"
#include "asm/io.h"
#include "linux/printk.h"

#define CR0_MP  (1u << 1)
#define CR0_EM  (1u << 2)
#define CR0_NE  (1u << 5)
#define CR4_OSFXSR     (1u << 9)
#define CR4_OSXMMEXCPT (1u << 10)
#define CPUID_FXSR (1u << 24)
#define CPUID_SSE  (1u << 25)

bool cpu_has_fxsr;

void fpu_init(void)
{
	uint32_t edx;

	__asm__ volatile("cpuid" : "=d"(edx) : "a"(1) : "ebx", "ecx");
	write_cr0((read_cr0() & ~CR0_EM) | CR0_MP | CR0_NE);
	if ((edx & CPUID_FXSR) && (edx & CPUID_SSE)) {
		cpu_has_fxsr = true;
		write_cr4(read_cr4() | CR4_OSFXSR | CR4_OSXMMEXCPT);
	}
	__asm__ volatile("fninit");
	printk(KERN_INFO "FPU: x87%s enabled\n", cpu_has_fxsr ? " and SSE (fxsave)" : "");
}

/* A task's FPU state starts as fninit leaves it; save and restore it across switches. */
void fpu_init_state(struct fpu_state *fpu)
{
	__asm__ volatile("fninit");
	fpu_save(fpu);
}

void fpu_save(struct fpu_state *fpu)
{
	if (cpu_has_fxsr)
		__asm__ volatile("fxsave %0" : "=m"(*fpu));
	else
		__asm__ volatile("fnsave %0; frstor %0" : "=m"(*fpu));
}

void fpu_restore(const struct fpu_state *fpu)
{
	if (cpu_has_fxsr)
		__asm__ volatile("fxrstor %0" : : "m"(*fpu));
	else
		__asm__ volatile("frstor %0" : : "m"(*fpu));
}
