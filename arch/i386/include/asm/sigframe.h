/*
 * What a signal handler finds on its stack (Linux's
 * arch/x86/include/asm/sigframe.h and uapi/asm/sigcontext.h, i386):
 * struct sigframe for a handler installed without SA_SIGINFO, struct
 * rt_sigframe (with a siginfo and a ucontext) with it. The FPU state
 * follows each frame, 64-byte aligned (arch/i386/kernel/fpu_signal.c).
 * libcs read these offsets directly: they must not change.
 */
#ifndef PAGODA_ARCH_SIGFRAME_H
#define PAGODA_ARCH_SIGFRAME_H

#include <stdint.h>
#include "linux/signal_types.h"

/* The registers at the signal (Linux's struct sigcontext_32; glibc's gregs[] in this order). */
struct sigcontext {
	uint16_t gs, __gsh, fs, __fsh, es, __esh, ds, __dsh;
	uint32_t di, si, bp, sp, bx, dx, cx, ax;
	uint32_t trapno, err, ip;
	uint16_t cs, __csh;
	uint32_t flags, sp_at_signal;
	uint16_t ss, __ssh;
	uint32_t fpstate;       /* user address of the FPU state; 0: none */
	uint32_t oldmask;       /* the first word of the mask to restore */
	uint32_t cr2;
};

struct ucontext {
	uint32_t uc_flags;
	uint32_t uc_link;
	stack_t uc_stack;
	struct sigcontext uc_mcontext;
	sigset_t uc_sigmask;
};

struct sigframe {
	uint32_t pretcode;      /* the handler returns here: the restorer */
	int sig;
	struct sigcontext sc;
	uint8_t fpstate_unused[624];    /* kept so that extramask stays where old programs look */
	uint32_t extramask[_NSIG_WORDS - 1];
	uint8_t retcode[8];
};

struct rt_sigframe {
	uint32_t pretcode;
	int sig;
	uint32_t pinfo;         /* &info and &uc: the handler's second and third arguments */
	uint32_t puc;
	uint8_t info[SI_MAX_SIZE];
	struct ucontext uc;
	uint8_t retcode[8];
};

_Static_assert(sizeof(struct sigcontext) == 88, "Linux's sigcontext_32");
_Static_assert(sizeof(struct ucontext) == 116, "Linux's i386 ucontext");
_Static_assert(sizeof(struct sigframe) == 732, "Linux's i386 sigframe");
_Static_assert(sizeof(struct rt_sigframe) == 268, "Linux's i386 rt_sigframe");

#endif
