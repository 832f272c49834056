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

#endif
