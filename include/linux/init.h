/*
 * Kernel command-line parameters. early_param("mem", parse_mem) registers
 * a handler in the .init.setup section; parse_cmdline() calls it with the
 * text after "mem=" (or NULL for a bare "mem"). A handler checks the whole
 * value before it changes anything, and returns 0 if it applied it,
 * -ERANGE if it refused it and printed why, or any other non-zero value
 * (-EINVAL) to have the word reported as malformed. A refused value is
 * never half-applied.
 */
#ifndef PAGODA_INIT_H
#define PAGODA_INIT_H

#include "linux/compiler.h"

struct kernel_param {
	const char *name;
	int (*setup)(char *value);
};

#define early_param(str, fn)						\
	static const struct kernel_param __setup_##fn __used		\
		__section(".init.setup") __aligned(4) = { str, fn }

void parse_cmdline(char *cmdline);
extern const char *boot_image_name;

#define MAX_INIT_ARGS 32
extern char *init_argv[MAX_INIT_ARGS + 1];     /* the words after "--" */
extern int init_argc;
/* The first init argument past MAX_INIT_ARGS (start_kernel panics, as Linux), or NULL. */
extern const char *init_args_overflow;

#endif
