/*
 * The FPU across a handler, as Linux 6.1 i386 does it without XSAVE: the
 * handler starts with a clean FPU (control word 0x37f, MXCSR 0x1f80, XMM
 * registers zero, the x87 stack empty); the program's x87 and SSE state
 * sits in the frame (a 112-byte fsave header with magic 0x0000, then the
 * 64-byte aligned fxsave image carrying FP_XSTATE_MAGIC1) and comes back
 * whatever the handler did to the live registers. What the handler
 * writes into the frame is loaded: x87 registers from the header (not
 * the image's copy), XMM registers and MXCSR from the image, MXCSR's
 * reserved bits masked off; a NULL fpstate means a clean FPU.
 */
#include <signal.h>
#include <string.h>
#include <syscall.h>
#include <unistd.h>
#include "check.h"

#define FP_XSTATE_MAGIC1 0x46505853U

unsigned int fpu_pat[32] __attribute__((aligned(16)));  /* xmm0-7 before the signal */
unsigned int fpu_out[32] __attribute__((aligned(16)));  /* xmm0-7 after it */
unsigned int fpu_mxcsr_in = 0x3f80, fpu_mxcsr_out;      /* round down, all masked */
unsigned short fpu_cw_in = 0x27f, fpu_cw_out;           /* double precision */
double fpu_st0, fpu_st1;
int fpu_pid;

static unsigned int mxcsr_mask;
static int handled, mode;
static unsigned char frame_fp[624];     /* the frame's FPU state as the handler found it */
static unsigned short h_cw;
static unsigned int h_mxcsr, h_xmm[4], h_tag;

/* 1.5, 2.5 and 3.0 as the x87 holds them (80 bits) */
static const unsigned char x87_1_5[10] = { 0, 0, 0, 0, 0, 0, 0, 0xc0, 0xff, 0x3f };
static const unsigned char x87_3_0[10] = { 0, 0, 0, 0, 0, 0, 0, 0xc0, 0x00, 0x40 };

static void handler(int sig, siginfo_t *info, void *ucv)
{
	ucontext_t *uc = ucv;
	unsigned char *fp = uc->uc_mcontext.fpstate;
	unsigned int env[7];
	static const unsigned int junk[4] __attribute__((aligned(16))) = { 1, 2, 3, 4 };

	handled++;
	(void)sig, (void)info;
	__asm__ volatile("fnstcw %0\n\tstmxcsr %1\n\tmovups %%xmm0, %2\n\tfnstenv %3"
			 : "=m"(h_cw), "=m"(h_mxcsr), "=m"(h_xmm), "=m"(env));
	h_tag = env[2] & 0xffff;
	if (fp)
		memcpy(frame_fp, fp, sizeof(frame_fp));
	/* wreck the live state: it must not leak out */
	__asm__ volatile("movaps %0, %%xmm0\n\tmovaps %0, %%xmm1\n\tmovaps %0, %%xmm7\n\t"
			 "fldpi\n\tfldpi\n\tfld1" : : "m"(junk));
	if (mode == 1) {        /* edit the frame */
		memcpy(fp + 28, x87_3_0, 10);                   /* header st(0) := 3.0 */
		memset(fp + 112 + 32, 0, 10);                   /* the image's st(0): ignored */
		memcpy(fp + 112 + 160 + 16, junk, 16);          /* image xmm1 */
		*(unsigned int *)(fp + 112 + 24) = 0xffffffffU; /* MXCSR, reserved bits and all */
	}
	if (mode == 2)
		uc->uc_mcontext.fpstate = NULL;
}

/* Load the state, raise SIGUSR1 with tgkill, save the state: nothing in C between. */
static void signal_with_state(void)
{
	__asm__ volatile(
		"fninit\n\t"
		"fldcw fpu_cw_in\n\t"
		"ldmxcsr fpu_mxcsr_in\n\t"
		"movaps fpu_pat, %%xmm0\n\t"
		"movaps fpu_pat+16, %%xmm1\n\t"
		"movaps fpu_pat+32, %%xmm2\n\t"
		"movaps fpu_pat+48, %%xmm3\n\t"
		"movaps fpu_pat+64, %%xmm4\n\t"
		"movaps fpu_pat+80, %%xmm5\n\t"
		"movaps fpu_pat+96, %%xmm6\n\t"
		"movaps fpu_pat+112, %%xmm7\n\t"
		"pushl $0x40040000\n\t"      /* 2.5 */
		"pushl $0\n\t"
		"fldl (%%esp)\n\t"
		"movl $0x3ff80000, 4(%%esp)\n\t" /* 1.5 */
		"fldl (%%esp)\n\t"
		"addl $8, %%esp\n\t"
		"movl $270, %%eax\n\t"
		"movl fpu_pid, %%ebx\n\t"
		"movl %%ebx, %%ecx\n\t"
		"movl $10, %%edx\n\t"
		"int $0x80\n\t"
		"movaps %%xmm0, fpu_out\n\t"
		"movaps %%xmm1, fpu_out+16\n\t"
		"movaps %%xmm2, fpu_out+32\n\t"
		"movaps %%xmm3, fpu_out+48\n\t"
		"movaps %%xmm4, fpu_out+64\n\t"
		"movaps %%xmm5, fpu_out+80\n\t"
		"movaps %%xmm6, fpu_out+96\n\t"
		"movaps %%xmm7, fpu_out+112\n\t"
		"stmxcsr fpu_mxcsr_out\n\t"
		"fnstcw fpu_cw_out\n\t"
		"fstpl fpu_st0\n\t"
		"fstpl fpu_st1\n\t"
		"movl $0x1f80, %%eax\n\t"
		"pushl %%eax\n\t"
		"ldmxcsr (%%esp)\n\t"
		"addl $4, %%esp\n\t"
		"fninit"
		: : : "eax", "ebx", "ecx", "edx", "memory");
}

int main(void)
{
	struct sigaction sa;
	unsigned char fx[512] __attribute__((aligned(16)));
	const unsigned char *img = frame_fp + 112;

	__asm__ volatile("fxsave %0" : "=m"(fx));
	mxcsr_mask = *(unsigned int *)(fx + 28) ? *(unsigned int *)(fx + 28) : 0xffbf;
	fpu_pid = getpid();
	for (int i = 0; i < 32; i++)
		fpu_pat[i] = 0x01010101U * (unsigned)(i + 1);
	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = handler;
	sa.sa_flags = SA_SIGINFO;
	sigaction(SIGUSR1, &sa, NULL);

	signal_with_state();
	check(handled == 1, "the handler ran");
	check(h_cw == 0x37f && h_mxcsr == 0x1f80 && !h_xmm[0] && !h_xmm[3] && h_tag == 0xffff,
	      "the handler starts with a clean FPU (cw %#x, mxcsr %#x, tags %#x)", h_cw, h_mxcsr, h_tag);
	check(*(unsigned short *)(frame_fp + 110) == 0 && (*(unsigned int *)frame_fp & 0xffff) == 0x27f,
	      "the frame: an fsave header with magic 0 (fxsave follows) and the program's control word");
	check(!memcmp(frame_fp + 28, x87_1_5, 10), "the header holds st(0) = 1.5");
	check(*(unsigned int *)(img + 24) == 0x3f80 && !memcmp(img + 160, fpu_pat, 128),
	      "the fxsave image holds MXCSR and xmm0-7");
	check(*(unsigned int *)(img + 464) == FP_XSTATE_MAGIC1 && *(unsigned int *)(img + 472) == 0 &&
	      *(unsigned int *)(img + 480) == 512, "its software bytes: FP_XSTATE_MAGIC1, xfeatures 0 (no XSAVE), 512 bytes");
	check(*(unsigned int *)(img + 468) == 512 + 4 + 112, "extended_size: image, MAGIC2 and the fsave header");
	check(fpu_cw_out == 0x27f && fpu_mxcsr_out == 0x3f80 && !memcmp(fpu_out, fpu_pat, 128) &&
	      fpu_st0 == 1.5 && fpu_st1 == 2.5, "after the handler: control word, MXCSR, xmm0-7, st(0) and st(1) back");

	mode = 1;
	signal_with_state();
	check(fpu_st0 == 3.0 && fpu_st1 == 2.5, "st(0) written in the fsave header is loaded, not the image's");
	check(fpu_out[4] == 1 && fpu_out[7] == 4 && !memcmp(fpu_out, fpu_pat, 16) &&
	      !memcmp(fpu_out + 8, fpu_pat + 8, 96), "xmm1 written in the fxsave image is loaded");
	check(fpu_mxcsr_out == (0xffffffffU & mxcsr_mask), "MXCSR 0xffffffff loads as %#x (mask %#x)",
	      fpu_mxcsr_out, mxcsr_mask);

	mode = 2;
	signal_with_state();
	check(fpu_cw_out == 0x37f && fpu_mxcsr_out == 0x1f80 && !fpu_out[0] && !fpu_out[31],
	      "fpstate NULL: a clean FPU after the handler");
	return done();
}
