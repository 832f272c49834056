/*
 * Faults reach a handler, as user-space garbage collectors and JOS-style
 * user fault handlers use them: the handler sees si_code, si_addr and
 * the sigcontext's trapno, err and cr2 as Linux 6.1 gives them for each
 * trap, may repair the cause (mprotect, mmap) and return so that the
 * access is retried and succeeds, or move eip past the instruction. An
 * x87 exception is cleared by editing the FPU state in the frame.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <syscall.h>
#include <unistd.h>
#include <sys/mman.h>
#include "check.h"

enum fix { SKIP, MPROTECT, MMAP, NOTHING, CLEAR_X87 };

unsigned long sig_resume_at, sig_fault_ip;     /* set by the asm below: where to go on, what faulted */
static enum fix fix;
static int faults, fault_sig;
static siginfo_t finfo;
static struct sigcontext fsc;

static void on_fault(int sig, siginfo_t *info, void *ucv)
{
	ucontext_t *uc = ucv;
	unsigned long page = (unsigned long)info->si_addr & ~4095UL;
	unsigned char *fp = uc->uc_mcontext.fpstate;

	faults++;
	fault_sig = sig;
	finfo = *info;
	fsc = uc->uc_mcontext;
	switch (fix) {
	case SKIP:
		uc->uc_mcontext.eip = sig_resume_at;
		break;
	case MPROTECT:
		if (__syscall3(__NR_mprotect, page, 4096, PROT_READ | PROT_WRITE))
			uc->uc_mcontext.eip = sig_resume_at;
		break;
	case MMAP:
		if (IS_ERR(__syscall6(__NR_mmap2, page, 4096, PROT_READ | PROT_WRITE,
				      MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0)))
			uc->uc_mcontext.eip = sig_resume_at;
		break;
	case NOTHING:
		break;
	case CLEAR_X87:         /* the x87 status word of the fsave header: no exception pending */
		((unsigned int *)fp)[1] &= ~0x80ffU;
		break;
	}
}

/* Read addr once; 1 if it faulted (the handler then resumed after it). */
static int faulting_read(unsigned long addr)
{
	int faulted;

	__asm__ volatile("movl $1f, sig_resume_at\n\t"
			 "movl $0f, sig_fault_ip\n\t"
			 "xorl %0, %0\n"
			 "0:\tmovl (%1), %%eax\n\t"
			 "jmp 2f\n"
			 "1:\tmovl $1, %0\n"
			 "2:"
			 : "=&r"(faulted) : "r"(addr) : "eax", "memory");
	return faulted;
}

static void reset(enum fix f)
{
	fix = f;
	faults = fault_sig = 0;
	memset(&finfo, 0, sizeof(finfo));
	memset(&fsc, 0, sizeof(fsc));
}

static void test_segv(void)
{
	unsigned long p = (unsigned long)__syscall6(__NR_mmap2, 0, 4096, PROT_READ,
						      MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	peek(p);                /* present (the zero page): the write is a protection fault */
	reset(MPROTECT);
	poke(p + 8, 42);
	check(faults == 1 && fault_sig == SIGSEGV, "a write to a read-only page: one SIGSEGV");
	check(peek(p + 8) == 42, "the handler's mprotect let the retried write through");
	check(finfo.si_code == SEGV_ACCERR && finfo.si_addr == (void *)(p + 8),
	      "si_code SEGV_ACCERR, si_addr the address (%d %p)", finfo.si_code, finfo.si_addr);
	check(fsc.trapno == 14 && fsc.err == 7 && fsc.cr2 == p + 8,
	      "sigcontext: trapno 14, err 7 (present, write, user), cr2 (%lu %#lx %#lx)", fsc.trapno, fsc.err,
	      fsc.cr2);

	__syscall2(__NR_munmap, p, 4096);
	reset(MMAP);
	check(peek(p + 16) == 0, "a read of an unmapped page: the handler mapped it, the retry reads 0");
	check(faults == 1 && finfo.si_code == SEGV_MAPERR && finfo.si_addr == (void *)(p + 16) &&
	      fsc.err == 4, "si_code SEGV_MAPERR, err 4 (not present, read, user)");

	reset(SKIP);
	check(faulting_read(PAGE_OFFSET + 0x1000) && faults == 1, "a read of a kernel address: SIGSEGV");
	check(finfo.si_code == SEGV_MAPERR && finfo.si_addr == (void *)(PAGE_OFFSET + 0x1000) && fsc.err == 5 &&
	      fsc.eip == sig_fault_ip, "SEGV_MAPERR, err 5 (reads as a protection fault), eip at the load");
	reset(SKIP);
	check(faulting_read(0) && finfo.si_code == SEGV_MAPERR && finfo.si_addr == NULL && fsc.cr2 == 0,
	      "a NULL read: SEGV_MAPERR at 0");
	__syscall2(__NR_munmap, p, 4096);
}

static void test_bus(void)
{
	long fd = __syscall2(__NR_open, (long)"/etc/203-bytes", O_RDONLY);
	unsigned long p;

	p = (unsigned long)__syscall6(__NR_mmap2, 0, 2 * 4096, PROT_READ, MAP_PRIVATE, fd, 0);
	reset(MMAP);
	check(peek(p + 4096) == 0 && faults == 1 && fault_sig == SIGBUS,
	      "a file page past the end of the file: SIGBUS; mapped over, the retry reads 0");
	check(finfo.si_code == BUS_ADRERR && finfo.si_addr == (void *)(p + 4096), "si_code BUS_ADRERR, si_addr");
	__syscall2(__NR_munmap, p, 2 * 4096);
	__syscall1(__NR_close, fd);
}

static void test_traps(void)
{
	unsigned long after_int3;

	reset(SKIP);
	__asm__ volatile("movl $1f, sig_resume_at\n\t"
			 "movl $0f, sig_fault_ip\n\t"
			 "xorl %%ecx, %%ecx\n\t"
			 "movl $1, %%eax\n\t"
			 "cltd\n"
			 "0:\tidivl %%ecx\n"
			 "1:" : : : "eax", "ecx", "edx", "memory");
	check(faults == 1 && fault_sig == SIGFPE && finfo.si_code == FPE_INTDIV &&
	      finfo.si_addr == (void *)sig_fault_ip && fsc.trapno == 0,
	      "a division by zero: SIGFPE, FPE_INTDIV at the idiv, trapno 0");

	reset(NOTHING);
	__asm__ volatile("int3\n0:\tmovl $0b, %0" : "=r"(after_int3));
	check(faults == 1 && fault_sig == SIGTRAP && finfo.si_code == SI_KERNEL && fsc.eip == after_int3 &&
	      fsc.trapno == 3, "int3: SIGTRAP, SI_KERNEL, eip after the int3, trapno 3 (code %#x)", finfo.si_code);

	/* x87: 1/0 with divide-by-zero unmasked raises #MF at the next fwait */
	reset(CLEAR_X87);
	__asm__ volatile("fninit\n\t"
			 "pushl $0x37b\n\t"
			 "fldcw (%%esp)\n\t"
			 "addl $4, %%esp\n\t"
			 "pushl $0\n\t"
			 "fld1\n\t"
			 "fdivs (%%esp)\n\t"        /* 1 / 0.0f */
			 "addl $4, %%esp\n\t"
			 "movl $0f, sig_fault_ip\n"
			 "0:\tfwait\n\t"
			 "fninit" : : : "memory");
	check(faults == 1 && fault_sig == SIGFPE && finfo.si_code == FPE_FLTDIV && fsc.trapno == 16 &&
	      finfo.si_addr == (void *)sig_fault_ip,
	      "x87 1/0 unmasked: SIGFPE, FPE_FLTDIV, trapno 16; clearing the saved status word ends it");
	/* (no SSE #XM case: QEMU 7.2 never raises it, under Linux or Pagoda) */
}

int main(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = on_fault;
	sa.sa_flags = SA_SIGINFO;
	sigaction(SIGSEGV, &sa, NULL);
	sigaction(SIGBUS, &sa, NULL);
	sigaction(SIGFPE, &sa, NULL);
	sigaction(SIGTRAP, &sa, NULL);
	test_segv();
	test_bus();
	test_traps();
	return done();
}
