/* Odds and ends of kernel/ that start_kernel and friends share. */
#ifndef PAGODA_KERNEL_H
#define PAGODA_KERNEL_H

#include <stdbool.h>

extern const char pagoda_banner[];

void setup_arch_memory(void);   /* mm: memory map, zones, allocators */
void crash_if_requested(void);
void print_kernel_layout(void); /* arch/i386/mm/init_32.c */
void syscall_init(void);        /* arch/i386/entry/syscall_32.c */
bool init_requested(void);      /* init/kernel_init.c: init= was given */
__attribute__((noreturn)) void run_init(void);  /* crash= test switch (kernel/debug/crash.c) */

#endif
