/*
 * What execve carries from the old program to the new one (Linux's
 * include/linux/binfmts.h): the argument and environment strings, copied
 * into the kernel before the old address space goes.
 */
#ifndef PAGODA_BINFMTS_H
#define PAGODA_BINFMTS_H

#include <stdbool.h>
#include <stddef.h>

/*
 * The strings a kernel caller (the first programs) may give: 32 pages,
 * what Linux allowed before 2.6.23 (MAX_ARG_PAGES). execve's own limit
 * follows RLIMIT_STACK (fs/exec.c: arg_limits).
 */
#define ARG_MAX_BYTES (32 * 4096)
#define ARG_MAX         131072UL        /* execve's strings may always take this much (Linux's ARG_MAX) */
#define MAX_ARG_STRLEN (32 * 4096)      /* one string with its NUL (Linux's MAX_ARG_STRLEN) */
#define MAX_ARG_STRINGS 0x7FFFFFFF
#define BINPRM_BUF_SIZE 256             /* the first bytes of the file exec looks at (Linux's bprm->buf) */

/*
 * The strings come from buf (a kernel caller's) or, when buf is NULL,
 * from the user arrays uargv and uenvp of the process calling execve,
 * copied straight to the new stack.
 */
struct linux_binprm {
	char *buf;              /* argv's strings, then envp's, each with its NUL */
	size_t len;             /* bytes of all the strings, with their NULs */
	int argc, envc;         /* argc counts the "" an empty argv gets */
	char *const *uargv, *const *uenvp;
	int uargc;              /* strings in uargv (0: argv[0] is "") */
	const char *filename;   /* the path, copied to the stack's top (AT_EXECFN) */
	bool point_of_no_return;        /* the new image is being built: failing is SIGSEGV */
	/* What "#!" scripts put before the strings above (fs/binfmt_script.c) */
	char *pre;              /* npre strings, each with its NUL: argv's first ones */
	size_t pre_len;         /* their bytes */
	int npre;
	int skip;               /* 1: the first string of buf or uargv is left out (remove_arg_zero) */
};

/* The most nested "#!" interpreters exec follows after the file itself (Linux's exec_binprm: -ELOOP past it) */
#define BINPRM_MAX_DEPTH 5

struct task_struct;

/* fs/exec.c: the program at path, with bprm's strings, becomes t's (see there). */
int exec_program(struct task_struct *t, const char *path, struct linux_binprm *bprm);
/* Add a kernel string to bprm: 0 or -E2BIG. */
int bprm_add_string(struct linux_binprm *bprm, const char *s);
struct linux_binprm *bprm_alloc(void);  /* NULL: no memory */
void bprm_free(struct linux_binprm *bprm);
/* fs/binfmt_script.c: parse buf's "#!" line: 0 or -ENOEXEC (see there). */
int script_parse(char *buf, char **name, char **arg);

#endif
