/*
 * What execve carries from the old program to the new one (Linux's
 * include/linux/binfmts.h): the argument and environment strings, copied
 * into the kernel before the old address space goes.
 */
#ifndef PAGODA_BINFMTS_H
#define PAGODA_BINFMTS_H

#include <stddef.h>

/*
 * At most this many bytes of strings (argv and envp together). Linux
 * allows a quarter of RLIMIT_STACK (2 MiB); Pagoda keeps the 32 pages
 * Linux had before 2.6.23 (MAX_ARG_PAGES): enough for any shell.
 */
#define ARG_MAX_BYTES (32 * 4096)
#define MAX_ARG_STRLEN (32 * 4096)      /* one string (Linux's MAX_ARG_STRLEN) */

struct linux_binprm {
	char *buf;              /* argv's strings, then envp's, each with its NUL */
	size_t len;             /* bytes used in buf */
	int argc, envc;
};

struct task_struct;

/* fs/exec.c: the program at path, with bprm's strings, becomes t's (see there). */
int exec_program(struct task_struct *t, const char *path, const struct linux_binprm *bprm);
/* Add a kernel string to bprm: 0 or -E2BIG. */
int bprm_add_string(struct linux_binprm *bprm, const char *s);
struct linux_binprm *bprm_alloc(void);  /* NULL: no memory */
void bprm_free(struct linux_binprm *bprm);

#endif
