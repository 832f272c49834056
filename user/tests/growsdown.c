/*
 * MAP_GROWSDOWN mappings grow as Linux 6.1's stacks do (expand_downwards, acct_stack_growth):
 * a fault anywhere below one grows it, however far %esp is (the 64 KiB rule went in Linux 4.20);
 * up to RLIMIT_STACK (8 MiB) in all, exactly 8 MiB included; never to within stack_guard_gap
 * (256 pages) of an accessible mapping below, though a PROT_NONE one or another stack does not
 * count; and mmap does not place anything in the gap below a stack. The kernel's own accesses
 * (copy_to_user) follow the same rules. Only a private anonymous mapping may grow down.
 * die_stack_rlimit and die_stack_gap check the faults that must kill.
 */
#include <errno.h>
#include <stdio.h>
#include <syscall.h>
#include <unistd.h>
#include <sys/mman.h>
#include "check.h"

#define P    PAGE_SIZE
#define RW   (PROT_READ | PROT_WRITE)
#define ANON (MAP_PRIVATE | MAP_ANONYMOUS)
#define GAP  (256 * P)

static long map(unsigned long addr, unsigned long len, int prot, int flags)
{
	return __syscall6(__NR_mmap2, addr, len, prot, flags, -1, 0);
}

/* A one-page MAP_GROWSDOWN mapping at addr, nothing near it. */
static long growsdown_at(unsigned long addr)
{
	long g = map(addr, P, RW, ANON | MAP_GROWSDOWN | MAP_FIXED_NOREPLACE);

	check_ret(g, addr, "a MAP_GROWSDOWN page at %#lx", addr);
	return g;
}

/* Is the page at addr part of a mapping? MAP_FIXED_NOREPLACE over it says EEXIST. */
static int mapped(unsigned long addr)
{
	long r = map(addr, P, RW, ANON | MAP_FIXED_NOREPLACE);

	if (r == -EEXIST)
		return 1;
	if (!IS_ERR(r))
		__syscall2(__NR_munmap, r, P);
	return 0;
}

static void grows_far_from_esp(void)
{
	long g = growsdown_at(0x30000000);
	unsigned long sp = stack_pointer();

	check(!mapped(g - P), "the page below it is not mapped yet");
	poke(g - 4, 0x5eed);
	check(peek(g - 4) == 0x5eed, "a store just below it, %lu MiB from %%esp, grows it", (sp - g) / MiB);
	check(mapped(g - P), "the page below is now part of it");
	check(peek(g - 3 * P) == 0, "a load further down grows it too, and reads zero");
	check(mapped(g - 3 * P) && mapped(g - 2 * P), "it grew over every page in between");
	check_ret(__syscall1(__NR_uname, g - 5 * P + 100), 0, "uname into a buffer 5 pages below it");
	check(mapped(g - 5 * P), "the kernel's write grew it too");
	poke(g + P - 8 * MiB, 1);
	check(peek(g + P - 8 * MiB) == 1, "it grows to exactly 8 MiB (RLIMIT_STACK) in one step");
	check(!mapped(g + P - 8 * MiB - P), "and no further");
	check_ret(__syscall2(__NR_munmap, g + P - 8 * MiB, 8 * MiB), 0, "munmap all 8 MiB of it");
}

static void guard_gap(void)
{
	long g = growsdown_at(0x20000000), below, placed;

	below = map(g - 2 * MiB, P, RW, ANON | MAP_FIXED_NOREPLACE);
	check_ret(below, g - 2 * MiB, "a page 2 MiB below it");
	poke(below + P + GAP, 1);
	check(peek(below + P + GAP) == 1, "it grows down to exactly stack_guard_gap above that page");
	/* one page further is the fault that kills: die_stack_gap */
	check_ret(__syscall1(__NR_uname, below + P + GAP - 100), -EFAULT,
		  "uname into a buffer that starts in the gap: the kernel's write does not grow it");
	placed = map(g - GAP - P, P, RW, ANON);
	check(placed != g - GAP - P, "mmap does not take a hint in the gap below a stack (got %#lx)", placed);
	if (!IS_ERR(placed))
		__syscall2(__NR_munmap, placed, P);
	__syscall2(__NR_munmap, below, P);
	__syscall2(__NR_munmap, below + P + GAP, g + P - (below + P + GAP));

	g = growsdown_at(0x24000000);
	placed = map(g - GAP - P, P, RW, ANON);
	check_ret(placed, g - GAP - P, "a hint just below the gap is taken");
	__syscall2(__NR_munmap, placed, P);
	__syscall2(__NR_munmap, g, P);

	g = growsdown_at(0x28000000);
	below = map(g - 2 * P, P, PROT_NONE, ANON | MAP_FIXED_NOREPLACE);
	check_ret(below, g - 2 * P, "a PROT_NONE page one page below another one");
	poke(g - 4, 1);
	check(peek(g - 4) == 1, "it grows right up to a PROT_NONE mapping: the gap is only for accessible ones");
	__syscall2(__NR_munmap, g - 2 * P, 3 * P);

	g = growsdown_at(0x2c000000);
	below = map(g - 2 * P, P, RW, ANON | MAP_GROWSDOWN | MAP_FIXED_NOREPLACE);
	check_ret(below, g - 2 * P, "a MAP_GROWSDOWN page one page below another one");
	poke(g - 4, 1);
	check(peek(g - 4) == 1, "it grows right up to another stack");
	__syscall2(__NR_munmap, g - 2 * P, 3 * P);
}

int main(void)
{
	check_ret(map(0, P, RW, MAP_SHARED | MAP_ANONYMOUS | MAP_GROWSDOWN), -EINVAL,
		  "MAP_GROWSDOWN on a shared mapping");
	grows_far_from_esp();
	guard_gap();
	return done();
}
