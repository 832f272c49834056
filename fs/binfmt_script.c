/*
 * binfmt_script: a file that starts "#!" is run by the interpreter its
 * first line names (Linux's fs/binfmt_script.c). The line is read from the
 * file's first BINPRM_BUF_SIZE bytes; the interpreter gets its own name as
 * argv[0], then the line's one optional argument, then the script's path,
 * then the caller's argv without its argv[0]. The interpreter may itself be
 * a script, up to exec_program's depth limit (-ELOOP past it).
 *
 * Also built for the host (tests/host/test_script.c): script_parse touches
 * nothing but its buffer.
 */
#include "linux/binfmts.h"
#include "linux/errno.h"

static bool spacetab(char c)
{
	return c == ' ' || c == '\t';
}

/* The first of first..last (inclusive) that is not a space or a tab, or NULL. */
static char *next_non_spacetab(char *first, char *last)
{
	for (; first <= last; first++)
		if (!spacetab(*first))
			return first;
	return NULL;
}

/* The first of first..last (inclusive) that ends a word: a space, a tab or a NUL; or NULL. */
static char *next_terminator(char *first, char *last)
{
	for (; first <= last; first++)
		if (spacetab(*first) || !*first)
			return first;
	return NULL;
}

/*
 * Parse the "#!" line in buf, the file's first BINPRM_BUF_SIZE bytes (NUL
 * padded past a shorter file's end), in place. Returns 0 with *name the
 * interpreter and *arg its optional argument (NULL: none), both NUL
 * terminated inside buf; or -ENOEXEC: not "#!", no interpreter name, or a
 * line with no newline in buf whose name may have been cut (Linux 6.1's
 * rule: an argument may be cut, the name may not). Linux's load_script,
 * its parsing half.
 */
int script_parse(char *buf, char **name, char **arg)
{
	char *buf_end = buf + BINPRM_BUF_SIZE - 1, *end = NULL, *sep;

	if (buf[0] != '#' || buf[1] != '!')
		return -ENOEXEC;
	for (char *p = buf; p <= buf_end; p++) {
		if (*p == '\n') {
			end = p;
			break;
		}
	}
	if (!end) {
		/* No newline: the name must end (space, tab, NUL) inside buf. */
		end = next_non_spacetab(buf + 2, buf_end);
		if (!end || !next_terminator(end, buf_end))
			return -ENOEXEC;
		end = buf_end;  /* its last byte is lost, as on Linux */
	}
	while (spacetab(end[-1]))
		end--;
	*name = next_non_spacetab(buf + 2, end);
	if (!*name || *name == end)
		return -ENOEXEC;
	*arg = NULL;
	sep = next_terminator(*name, end);
	if (sep && *sep)
		*arg = next_non_spacetab(sep, end);
	*end = '\0';
	if (*arg)
		*sep = '\0';
	return 0;
}
