/* Linux has no kernel setjmp (only UML's, arch/x86/um/); ktest's ASSERT needs one, and it is per-architecture. */
/* setjmp/longjmp for the kernel (arch/i386/lib/setjmp.asm): ktest's ASSERT. */
#ifndef PAGODA_SETJMP_H
#define PAGODA_SETJMP_H

typedef unsigned long jmp_buf[6];      /* ebx, esi, edi, ebp, esp, eip */

int setjmp(jmp_buf env) __attribute__((returns_twice));
__attribute__((noreturn)) void longjmp(jmp_buf env, int val);

#endif
