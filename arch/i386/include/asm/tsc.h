/*
 * The time-stamp counter's rate, measured at boot against the PIT (Linux's
 * arch/x86/include/asm/tsc.h).
 */
#ifndef PAGODA_ASM_TSC_H
#define PAGODA_ASM_TSC_H

/* The TSC's rate in kHz, and the CPU's (the same here, as on Linux without cpufreq); 0 before tsc_init. */
extern unsigned int tsc_khz, cpu_khz;
/* The delay loop's count per jiffy, from tsc_khz (Linux's lpj_fine): bogomips is this / (500000 / HZ). */
extern unsigned long loops_per_jiffy;

void tsc_init(void);

#endif
