/*
 * No Linux twin: the monitor is Pagoda's small kdb, so its header sits where <linux/kdb.h> does.
 *
 * The kernel monitor on the serial console. A command is registered with
 * MONITOR_COMMAND(name, usage, help, fn) from any file; fn gets argc/argv
 * and returns 0, or -1 to have its usage line printed. help is one line
 * for the list; MONITOR_COMMAND_EXPLAINED adds a paragraph that
 * 'help NAME' prints (what the output means, what to try).
 */
#ifndef PAGODA_MONITOR_H
#define PAGODA_MONITOR_H

#include "linux/compiler.h"

struct monitor_cmd {
	const char *name, *usage, *help;
	int (*fn)(int argc, char **argv);
	const char *detail;             /* NULL, or what 'help NAME' adds */
};

#define MONITOR_COMMAND_EXPLAINED(cname, cusage, chelp, cdetail, cfn)	\
	static const struct monitor_cmd __monitor_cmd_##cfn __used	\
		__section(".monitor_cmds") __aligned(4) = { cname, cusage, chelp, cfn, cdetail }
#define MONITOR_COMMAND(cname, cusage, chelp, cfn) MONITOR_COMMAND_EXPLAINED(cname, cusage, chelp, NULL, cfn)

/* A command that takes no arguments and just runs one statement. */
#define MONITOR_NO_ARGS(fn, call)			\
static int fn(int argc, char **argv)			\
{							\
	(void)argv;					\
	if (argc != 1)					\
		return -1;				\
	call;						\
	return 0;					\
}

#include <stdbool.h>

__noreturn void monitor_main(void);
/*
 * The one number parser of the monitor's commands: decimal, 0x hex or 0
 * octal, the whole word, and it must fit in an unsigned long (no silent
 * wrap: "4294967296" is refused). False if not; the command then returns
 * -1 and its usage line is printed.
 */
bool monitor_parse_ulong(const char *s, unsigned long *v);
int monitor_run_line(char *line);
struct pt_regs;
/* The kdb key came in on the serial line: stop everything in the monitor until 'go'. */
void kdb_enter(struct pt_regs *regs);

#endif
