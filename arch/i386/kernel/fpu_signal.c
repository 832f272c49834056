/*
 * The FPU state in a signal frame, as Linux 6.1 i386 writes it on a CPU
 * without XSAVE (Linux's arch/x86/kernel/fpu/signal.c and regset.c).
 *
 * With fxsave the state takes 624 bytes: a 112-byte fsave-format header
 * (the x87 environment and registers, then the status word and a magic
 * 0x0000 that says "fxsave data follows"), then fxsave's 512-byte image,
 * 64-byte aligned, whose last 48 bytes (unused by the CPU) carry
 * FP_XSTATE_MAGIC1 and the sizes. Without fxsave it is fnsave's 108
 * bytes, the status word again and magic 0xffff. sigreturn takes the x87
 * part from the header, not from the image (Linux's convert_to_fxsr),
 * and MXCSR from the image with the bits this CPU lacks masked off, as
 * 32-bit Linux does: an fxrstor that faults never runs in the kernel.
 */
#include "asm/fpu.h"
#include "linux/string.h"
#include "linux/uaccess.h"

#define FP_XSTATE_MAGIC1      0x46505853U
#define FP_XSTATE_MAGIC2_SIZE 4
#define X86_FXSR_MAGIC        0x0000
#define MXCSR_DEFAULT         0x1f80

/* fxsave's image (Linux's struct fxregs_state) */
struct fxregs_state {
	uint16_t cwd, swd, twd, fop;
	uint32_t fip, fcs, foo, fos;
	uint32_t mxcsr, mxcsr_mask;
	uint32_t st_space[32];          /* 8 registers, 16 bytes each */
	uint32_t xmm_space[64];
	uint32_t padding[12];
	uint32_t sw_reserved[12];       /* struct _fpx_sw_bytes */
} __attribute__((aligned(16)));

/* The fsave header (Linux's struct user_i387_ia32_struct, then status and magic) */
struct fsave_header {
	uint32_t cwd, swd, twd, fip, fcs, foo, fos;
	uint8_t st_space[80];           /* 8 registers, 10 bytes each */
	uint16_t status, magic;
} __attribute__((packed));

_Static_assert(sizeof(struct fxregs_state) == 512, "fxsave image");
_Static_assert(sizeof(struct fsave_header) == 112, "fsave header");

static uint32_t mxcsr_feature_mask;

static void fxsave(struct fxregs_state *fx)
{
	__asm__ volatile("fxsave %0" : "=m"(*fx));
}

static void fxrstor(const struct fxregs_state *fx)
{
	__asm__ volatile("fxrstor %0" : : "m"(*fx));
}

/* The MXCSR bits this CPU implements (Linux's mxcsr_feature_mask_init). */
static uint32_t mxcsr_mask(void)
{
	struct fxregs_state fx;

	if (!mxcsr_feature_mask) {
		memset(&fx, 0, sizeof(fx));
		fxsave(&fx);
		mxcsr_feature_mask = fx.mxcsr_mask ? fx.mxcsr_mask : 0xffbf;
	}
	return mxcsr_feature_mask;
}

unsigned long fpu_alloc_mathframe(unsigned long sp, unsigned long *buf_fx)
{
	if (!cpu_has_fxsr) {
		*buf_fx = sp = (sp - sizeof(struct fsave_header)) & ~63UL;
		return sp;
	}
	*buf_fx = sp = (sp - sizeof(struct fxregs_state)) & ~63UL;
	return sp - sizeof(struct fsave_header);
}

/* fxsave's abridged tag word as fsave's full one: empty, or what the register holds (twd_fxsr_to_i387). */
static uint32_t twd_fxsr_to_i387(const struct fxregs_state *fx)
{
	unsigned int tos = (fx->swd >> 11) & 7;
	uint32_t ret = 0xffff0000U;

	for (int i = 0; i < 8; i++) {
		const uint16_t *st = (const uint16_t *)&fx->st_space[4 * ((i - tos) & 7)];
		uint32_t tag = 3;                       /* empty */

		if (fx->twd & (1 << i)) {
			uint16_t exp = st[4] & 0x7fff;

			if (exp == 0x7fff)
				tag = 2;                        /* special: NaN, infinity */
			else if (exp == 0)
				tag = st[0] | st[1] | st[2] | st[3] ? 2 : 1;  /* denormal, or zero */
			else
				tag = st[3] & 0x8000 ? 0 : 2;   /* valid, or unnormal */
		}
		ret |= tag << (2 * i);
	}
	return ret;
}

/* fsave's tag word as fxsave's: a bit per register, set unless empty (twd_i387_to_fxsr). */
static uint16_t twd_i387_to_fxsr(uint16_t twd)
{
	unsigned int tmp = ~twd;

	tmp = (tmp | (tmp >> 1)) & 0x5555;
	tmp = (tmp | (tmp >> 1)) & 0x3333;
	tmp = (tmp | (tmp >> 2)) & 0x0f0f;
	tmp = (tmp | (tmp >> 4)) & 0x00ff;
	return (uint16_t)tmp;
}

static void convert_from_fxsr(struct fsave_header *env, const struct fxregs_state *fx)
{
	env->cwd = fx->cwd | 0xffff0000U;
	env->swd = fx->swd | 0xffff0000U;
	env->twd = twd_fxsr_to_i387(fx);
	env->fip = fx->fip;
	env->fcs = (fx->fcs & 0xffff) | ((uint32_t)fx->fop << 16);
	env->foo = fx->foo;
	env->fos = fx->fos;
	for (int i = 0; i < 8; i++)
		memcpy(&env->st_space[10 * i], &fx->st_space[4 * i], 10);
}

static void convert_to_fxsr(struct fxregs_state *fx, const struct fsave_header *env)
{
	fx->cwd = (uint16_t)env->cwd;
	fx->swd = (uint16_t)env->swd;
	fx->twd = twd_i387_to_fxsr((uint16_t)env->twd);
	fx->fop = (uint16_t)(env->fcs >> 16);
	fx->fip = env->fip;
	fx->fcs = env->fcs & 0xffff;
	fx->foo = env->foo;
	fx->fos = env->fos;
	for (int i = 0; i < 8; i++)
		memcpy(&fx->st_space[4 * i], &env->st_space[10 * i], 10);
}

bool copy_fpstate_to_sigframe(void *fp, void *buf_fx)
{
	struct fxregs_state fx;
	struct fsave_header env;

	if (!cpu_has_fxsr) {
		/* fnsave also reinitialises the FPU: frstor puts the program's state back */
		__asm__ volatile("fnsave %0; frstor %0" : "=m"(env));
		env.status = (uint16_t)env.swd;
		env.magic = (uint16_t)(env.swd >> 16);  /* Linux copies the 32-bit swd over both */
		return !copy_to_user(fp, &env, sizeof(env));
	}
	fxsave(&fx);
	memset(fx.sw_reserved, 0, sizeof(fx.sw_reserved));
	fx.sw_reserved[0] = FP_XSTATE_MAGIC1;
	/* extended_size: what follows the fsave header of a 32-bit frame, and the MAGIC2 word
	 * an XSAVE frame would end with (Linux's save_sw_bytes with ia32_frame) */
	fx.sw_reserved[1] = sizeof(fx) + FP_XSTATE_MAGIC2_SIZE + sizeof(env);
	fx.sw_reserved[2] = 0;          /* xfeatures (64 bits): Linux reports none without XSAVE */
	fx.sw_reserved[4] = sizeof(fx);                 /* xstate_size */
	convert_from_fxsr(&env, &fx);
	env.status = fx.swd;
	env.magic = X86_FXSR_MAGIC;
	return !copy_to_user(buf_fx, &fx, sizeof(fx)) && !copy_to_user(fp, &env, sizeof(env));
}

static const struct fxregs_state init_fxstate = { .cwd = 0x37f, .mxcsr = MXCSR_DEFAULT };

void fpu_reset_user_state(void)
{
	if (cpu_has_fxsr)
		fxrstor(&init_fxstate);
	else
		__asm__ volatile("fninit");
}

bool fpu_restore_sig(const void *fp)
{
	struct fxregs_state fx;
	struct fsave_header env;

	if (!fp) {
		fpu_reset_user_state();
		return true;
	}
	if (copy_from_user(&env, fp, sizeof(env))) {
		fpu_reset_user_state();
		return false;
	}
	if (!cpu_has_fxsr) {
		__asm__ volatile("frstor %0" : : "m"(env));
		return true;
	}
	if (copy_from_user(&fx, (const char *)fp + sizeof(env), sizeof(fx))) {
		fpu_reset_user_state();
		return false;
	}
	fx.mxcsr &= mxcsr_mask();       /* reserved bits would make fxrstor #GP */
	convert_to_fxsr(&fx, &env);
	fxrstor(&fx);
	return true;
}

int fpu_exception_code(unsigned int trapnr)
{
	struct fxregs_state fx;
	unsigned int err;

	if (!cpu_has_fxsr) {
		uint32_t env[27];

		__asm__ volatile("fnsave %0; frstor %0" : "=m"(env));
		err = env[1] & ~env[0] & 0xffff;
	} else {
		fxsave(&fx);
		if (trapnr == 16)
			err = fx.swd & ~fx.cwd;
		else
			err = ~(fx.mxcsr >> 7) & fx.mxcsr;
	}
	if (err & 0x001)
		return 7;               /* FPE_FLTINV: invalid operation */
	if (err & 0x004)
		return 3;               /* FPE_FLTDIV */
	if (err & 0x008)
		return 4;               /* FPE_FLTOVF */
	if (err & 0x012)
		return 5;               /* FPE_FLTUND: denormal, underflow */
	if (err & 0x020)
		return 6;               /* FPE_FLTRES: precision */
	return 0;
}
