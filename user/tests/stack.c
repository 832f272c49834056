/*
 * The user stack grows on demand: deep recursion, a 1 MiB local array touched
 * from its top down and from its bottom up, and alloca. An access below %esp
 * grows the stack however far below it is (Linux 4.20 dropped the rule that
 * it be within 65536 + 32 * 4 bytes): a store 65664 bytes below, and one
 * 3 MiB below (past all the stack used so far), must work. die_stack_gap,
 * die_stack_limit and die_stack_far check the accesses that kill.
 */
#include <stdio.h>
#include <string.h>
#include "check.h"

static unsigned long deepest;

static unsigned long recurse(int depth)
{
	volatile char frame[1024];
	unsigned long sum;

	frame[0] = (char)depth;
	frame[sizeof(frame) - 1] = (char)depth;
	if ((unsigned long)frame < deepest || !deepest)
		deepest = (unsigned long)frame;
	sum = depth ? recurse(depth - 1) : 0;
	return sum + frame[0] + frame[sizeof(frame) - 1];
}

static int touch_down(void)
{
	volatile char big[MiB];

	for (long i = sizeof(big) - 1; i >= 0; i -= 4096)
		big[i] = (char)(i >> 12);
	for (long i = sizeof(big) - 1; i >= 0; i -= 4096)
		if (big[i] != (char)(i >> 12))
			return 0;
	return 1;
}

static int touch_up(void)
{
	volatile char big[MiB];

	for (unsigned long i = 0; i < sizeof(big); i += 4096)
		big[i] = (char)(i >> 12);
	for (unsigned long i = 0; i < sizeof(big); i += 4096)
		if (big[i] != (char)(i >> 12))
			return 0;
	return 1;
}

static int touch_alloca(unsigned long n)
{
	volatile char *p = __builtin_alloca(n);

	for (unsigned long i = 0; i < n; i += 4096)
		p[i] = 1;
	return p[0] == 1 && p[n - 4096] == 1;
}

/* Store and load 65536 + 32 * 4 bytes below %esp: the furthest Linux lets a stack grow to. */
static unsigned int below_esp(void)
{
	unsigned int v;

	__asm__ volatile("movl $0x5eed, -65664(%%esp)\n\t"
			 "movl -65664(%%esp), %0" : "=r"(v) : : "memory");
	return v;
}

/* Store and load 3 MiB below %esp, without moving it: Linux 4.20 and later grow the stack. */
static unsigned int mibs_below_esp(void)
{
	unsigned int v;

	__asm__ volatile("movl $0xfa5, -3145728(%%esp)\n\t"
			 "movl -3145728(%%esp), %0" : "=r"(v) : : "memory");
	return v;
}

static int far_below(void)
{
	volatile char pad[512 * KiB];   /* first move well below the stack's starting size */

	for (long i = sizeof(pad) - 1; i >= 0; i -= 4096)
		pad[i] = 0;
	return below_esp() == 0x5eed;
}

int main(void)
{
	unsigned long sp = stack_pointer();
	unsigned long sum = recurse(1000);
	unsigned long want = 0;

	for (int d = 0; d <= 1000; d++)
		want += 2 * (long)(signed char)d;
	check(sum == want, "1000 nested calls with 1 KiB frames, %lu KiB deep", (sp - deepest) / 1024);
	check(touch_down(), "a 1 MiB local array touched from its top down");
	check(touch_up(), "a 1 MiB local array touched from its bottom up");
	check(touch_alloca(3 * MiB / 2), "alloca(1.5 MiB) touched from the bottom up");
	check(far_below(), "a store 65664 bytes below %%esp, 512 KiB down the stack, grows it");
	check(mibs_below_esp() == 0xfa5, "a store 3 MiB below %%esp, past what the stack used so far, grows it too");
	printf("stack pointer at start %#lx\n", sp);
	return done();
}
