/*
 * The way back to user mode (arch/i386/entry/entry_32.asm's ret_from_trap) never
 * faults in the kernel on what a program left in its frame: a segment
 * register that cannot be reloaded comes back null, and an iret the CPU
 * refuses kills the program with SIGILL (Linux's iret_error). Each case
 * leaves through ret_from_trap with a frame on a stack of its own and a
 * stand-in task whose do_exit() comes back here.
 */
#include "asm/desc.h"
#include "asm/io.h"
#include "asm/segment.h"
#include "kunit/test.h"
#include "linux/sched.h"
#include "linux/string.h"


void enter_user_mode(struct pt_regs *regs) __attribute__((noreturn));

static unsigned long exit_stack[1024] __aligned(16);
static struct task_struct fake;

/* Selector of the second TLS slot, which no program holds during ktest: an all-zero descriptor. */
#define EMPTY_TLS_SEL ((GDT_ENTRY_TLS_MIN + 1) * 8 + 3)
/* Past the end of the GDT. */
#define BEYOND_GDT_SEL (GDT_ENTRIES * 8 + 3)

/* Leave through ret_from_trap with regs; the exit status the fake task got. */
static int return_to_user(struct pt_regs *regs)
{
	struct task_struct *saved = current;
	unsigned long irq = local_irq_save();
	int code = -1;

	jmp_buf exit_jmp;

	memset(&fake, 0, sizeof(fake));
	strlcpy(fake.comm, "ktest-iret", sizeof(fake.comm));
	fake.pid = 9999;
	current = &fake;
	fake.ktest_exit = &exit_jmp;
	if (setjmp(exit_jmp) == 0)
		enter_user_mode(regs);
	code = fake.exit_code;
	loadsegment(fs, 0);     /* as run_program() after a program */
	loadsegment(gs, 0);
	current = saved;
	local_irq_restore(irq);
	return code;
}

static struct pt_regs *frame(void)
{
	struct pt_regs *regs = (struct pt_regs *)&exit_stack[ARRAY_SIZE(exit_stack)] - 1;

	memset(regs, 0, sizeof(*regs));
	regs->ds = regs->es = regs->fs = regs->ss = __USER_DS;
	regs->gs = 0;
	regs->cs = BEYOND_GDT_SEL;      /* iret refuses it: the case ends with SIGILL */
	regs->eip = 0x08048000;
	regs->esp = 0xbffff000;
	regs->eflags = 0x2;             /* interrupts stay off until the trap */
	return regs;
}

static void iret_with_a_bad_cs_kills_with_sigill(struct ktest *t)
{
	struct pt_regs *regs = frame();

	KTEST_EXPECT_EQ(t, return_to_user(regs), SIGILL);
}

/* Each data segment register in turn holds the selector of an empty descriptor. */
static void unloadable_segment_registers_come_back_null(struct ktest *t)
{
	for (int i = 0; i < 4; i++) {
		struct pt_regs *regs = frame();
		uint32_t *slot = i == 0 ? &regs->ds : i == 1 ? &regs->es : i == 2 ? &regs->fs : &regs->gs;

		*slot = EMPTY_TLS_SEL;
		KTEST_EXPECT_EQ(t, return_to_user(regs), SIGILL);
		KTEST_EXPECT_EQ(t, *slot, 0);           /* the fixup nulled it and went on to the iret */
		KTEST_EXPECT_EQ(t, regs->ds, i == 0 ? 0 : __USER_DS);
	}
}

/* A live %gs whose descriptor was removed under it: the trap's own save and reload must not loop. */
static void stale_live_gs_does_not_fault_twice(struct ktest *t)
{
	struct pt_regs *regs = frame();
	unsigned int gs;

	set_gdt_entry(GDT_ENTRY_TLS_MIN + 1, 0, 0xfffff, 0xF2, 0xC);    /* flat user data */
	loadsegment(gs, EMPTY_TLS_SEL);
	set_gdt_entry(GDT_ENTRY_TLS_MIN + 1, 0, 0, 0, 0);               /* gone; %gs still caches it */
	regs->gs = EMPTY_TLS_SEL;
	KTEST_EXPECT_EQ(t, return_to_user(regs), SIGILL);
	KTEST_EXPECT_EQ(t, regs->gs, 0);
	savesegment(gs, gs);
	KTEST_EXPECT_EQ(t, gs, 0);
}

static struct ktest_case entry_cases[] = {
	KTEST_CASE(iret_with_a_bad_cs_kills_with_sigill),
	KTEST_CASE(unloadable_segment_registers_come_back_null),
	KTEST_CASE(stale_live_gs_does_not_fault_twice),
	{}
};
KTEST_SUITE(entry, entry_cases);
