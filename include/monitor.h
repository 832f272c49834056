/*
 * The kernel monitor on the serial console. A command is registered with
 * MONITOR_COMMAND(name, usage, help, fn) from any file; fn gets argc/argv
 * and returns 0, or -1 to have its usage line printed.
 */
#ifndef PAGODA_MONITOR_H
#define PAGODA_MONITOR_H

#include "compiler.h"

struct monitor_cmd {
	const char *name, *usage, *help;
	int (*fn)(int argc, char **argv);
};

#define MONITOR_COMMAND(cname, cusage, chelp, cfn)			\
	static const struct monitor_cmd __monitor_cmd_##cfn __used	\
		__section(".monitor_cmds") __aligned(4) = { cname, cusage, chelp, cfn }

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

__noreturn void monitor_main(void);
int monitor_run_line(char *line);

#endif
