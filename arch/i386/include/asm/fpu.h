/* FPU/SSE setup and per-task state (arch/i386/kernel/fpu.c). */
#ifndef PAGODA_ARCH_FPU_H
#define PAGODA_ARCH_FPU_H

#include <stdbool.h>
#include <stdint.h>

struct fpu_state {
	uint8_t fxsave[512];    /* the fxsave image; fnsave uses the first 108 bytes */
} __attribute__((aligned(16)));

extern bool cpu_has_fxsr;
void fpu_init(void);
void fpu_init_state(struct fpu_state *fpu);
void fpu_save(struct fpu_state *fpu);
void fpu_restore(const struct fpu_state *fpu);

/* The FPU image in a signal frame (arch/i386/kernel/fpu_signal.c; Linux's fpu/signal.c) */
/* Room for it below sp: the new sp (the image's start); *buf_fx: where fxsave's part goes. */
unsigned long fpu_alloc_mathframe(unsigned long sp, unsigned long *buf_fx);
/* Write the program's FPU state at fp (the fsave header) and buf_fx: false if it cannot be written. */
bool copy_fpstate_to_sigframe(void *fp, void *buf_fx);
/* Load the state sigreturn found at fp (NULL: a clean FPU): false if it cannot be read. */
bool fpu_restore_sig(const void *fp);
/* A handler starts with a clean FPU: fninit's x87, MXCSR 0x1f80, zero XMM registers. */
void fpu_reset_user_state(void);
/* The FPE_* code of an x87 (16) or SIMD (19) exception, from the live status words. */
int fpu_exception_code(unsigned int trapnr);

#endif
