/*
 * sigreturn trusts nothing in the frame, and what it loads is what Linux
 * 6.1 loads: eflags takes only the flags a program may change (the
 * arithmetic ones, DF, TF, AC, RF: never IOPL, IF, NT or VM), cs and ss
 * get RPL 3 whatever the frame says, a data selector that cannot be
 * loaded comes back null (the program's next use of it faults, on a real
 * CPU: QEMU does not check), and eax is what the interrupted system call
 * returns. (Selectors that kill are die_signal's.)
 */
#include <signal.h>
#include <string.h>
#include <syscall.h>
#include <unistd.h>
#include "check.h"

#define X86_EFLAGS_CF   0x00000001UL
#define X86_EFLAGS_IF   0x00000200UL
#define X86_EFLAGS_IOPL 0x00003000UL
#define X86_EFLAGS_NT   0x00004000UL
#define X86_EFLAGS_VM   0x00020000UL
#define X86_EFLAGS_ID   0x00200000UL

static int mode;
static unsigned long user_cs, user_ss;

static void handler(int sig, siginfo_t *info, void *ucv)
{
	struct sigcontext *sc = &((ucontext_t *)ucv)->uc_mcontext;

	(void)sig, (void)info;
	switch (mode) {
	case 0:
		sc->eflags |= X86_EFLAGS_IOPL | X86_EFLAGS_NT | X86_EFLAGS_VM | X86_EFLAGS_CF;
		sc->eflags &= ~X86_EFLAGS_IF;
		break;
	case 1:
		sc->cs &= ~3;   /* RPL 0 */
		sc->ss &= ~3;
		break;
	case 2:
		sc->fs = 0xfff8 | 3;    /* GDT entry 8191: past the table's end */
		sc->gs = 0x0004 | 3;    /* LDT entry 0: there is no LDT */
		break;
	case 3:
		sc->eax = 0x13572468;
		break;
	case 4:
		sc->ds = 0xfff8 | 3;
		sc->es = 0x0004 | 3;
		break;
	}
}

struct after {
	unsigned long eax, eflags, cs, ss, fs, gs, ds, es;
};
struct after sig_after;         /* the registers right after the call */

/* tgkill(self, SIGUSR1) as a bare int $0x80, and the registers right after it. */
static struct after raise_and_look(void)
{
	int me = getpid();

	__asm__ volatile("int $0x80\n\t"
			 "movl %%ds, %%esi\n\t"     /* read them, then make them usable again */
			 "movl %%es, %%edi\n\t"
			 "pushl %%ss\n\t"
			 "popl %%ds\n\t"
			 "pushl %%ss\n\t"
			 "popl %%es\n\t"
			 "movl %%esi, sig_after+24\n\t"
			 "movl %%edi, sig_after+28\n\t"
			 "movl %%eax, sig_after\n\t"
			 "pushfl\n\t"
			 "popl sig_after+4\n\t"
			 "movw %%cs, sig_after+8\n\t"
			 "movw %%ss, sig_after+12\n\t"
			 "movw %%fs, sig_after+16\n\t"
			 "movw %%gs, sig_after+20\n\t"
			 "cld"
			 : : "a"(__NR_tgkill), "b"(me), "c"(me), "d"(SIGUSR1) : "esi", "edi", "memory", "cc");
	/* a segment register stores only 16 bits to memory */
	sig_after.cs &= 0xffff, sig_after.ss &= 0xffff, sig_after.fs &= 0xffff, sig_after.gs &= 0xffff;
	sig_after.ds &= 0xffff, sig_after.es &= 0xffff;
	return sig_after;
}

int main(void)
{
	struct sigaction sa;
	struct after a;

	__asm__ volatile("movl %%cs, %0\n\tmovl %%ss, %1" : "=r"(user_cs), "=r"(user_ss));
	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = handler;
	sa.sa_flags = SA_SIGINFO;
	sigaction(SIGUSR1, &sa, NULL);

	mode = 0;
	a = raise_and_look();
	check(a.eax == 0, "tgkill returned 0");
	check(a.eflags & X86_EFLAGS_CF, "CF set in the frame: set after sigreturn");
	check(!(a.eflags & (X86_EFLAGS_IOPL | X86_EFLAGS_NT | X86_EFLAGS_VM)) && (a.eflags & X86_EFLAGS_IF),
	      "IOPL, NT and VM set, IF cleared in the frame: ignored (eflags %#lx)", a.eflags);

	mode = 1;
	a = raise_and_look();
	check(a.cs == user_cs && a.ss == user_ss, "cs and ss with RPL 0 in the frame: back with RPL 3 (%#lx %#lx)",
	      a.cs, a.ss);

	mode = 2;
	a = raise_and_look();
	check(a.fs == 0 && a.gs == 0, "fs and gs that cannot be loaded: null (%#lx %#lx)", a.fs, a.gs);

	mode = 4;
	a = raise_and_look();
	check(a.ds == 0 && a.es == 0, "ds and es that cannot be loaded: null (%#lx %#lx)", a.ds, a.es);

	mode = 3;
	a = raise_and_look();
	check(a.eax == 0x13572468, "eax from the frame is what the interrupted call returns (%#lx)", a.eax);
	return done();
}
