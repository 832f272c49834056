/*
 * fs/binfmt_script.c's parse of a "#!" line against cases worked out by
 * hand from Linux 6.1's load_script: the interpreter's name, its one
 * optional argument, and the lines refused with -ENOEXEC (no name, a name
 * the 256-byte buffer may have cut).
 */
#include <string.h>
#include "linux/binfmts.h"
#include "linux/errno.h"
#include "tap.h"

/* text's first 40 bytes for a TAP line: newlines, tabs and CRs as \\n, \\t, \\r (three calls' worth of room) */
static const char *shown(const char *text)
{
	static char outs[3][2 * 40 + 1];
	static int next;
	char *out = outs[next++ % 3];
	size_t n = 0;

	for (size_t i = 0; text[i] && i < 40; i++) {
		char c = text[i];

		if (c == '\n' || c == '\t' || c == '\r') {
			out[n++] = '\\';
			out[n++] = c == '\n' ? 'n' : c == '\t' ? 't' : 'r';
		} else {
			out[n++] = c;
		}
	}
	out[n] = '\0';
	return out;
}

/* Parse text (NUL padded to BINPRM_BUF_SIZE, cut there): want_name/want_arg, or err. */
static void line(const char *text, int err, const char *want_name, const char *want_arg)
{
	char buf[BINPRM_BUF_SIZE + 1] = "";
	char *name = NULL, *arg = NULL;
	int got;

	strncpy(buf, text, BINPRM_BUF_SIZE);
	got = script_parse(buf, &name, &arg);
	if (err) {
		ok(got == err, "\"%s\": %d (want %d)", shown(text), got, err);
		return;
	}
	ok(got == 0 && name && strcmp(name, want_name) == 0 &&
	   (want_arg ? arg && strcmp(arg, want_arg) == 0 : !arg),
	   "\"%s\": %d, name \"%s\", arg \"%s\"", shown(text), got,
	   shown(name ? name : "(null)"), shown(arg ? arg : "(null)"));
}

int main(void)
{
	char long_arg[400], long_name[400], want[300];

	line("#!/bin/sh\n", 0, "/bin/sh", NULL);
	line("#!/bin/sh", 0, "/bin/sh", NULL);                  /* short file: the padding ends the name */
	line("#! \t/bin/sh -e\n", 0, "/bin/sh", "-e");
	line("#!/bin/sh  -e  -x \t\nmore", 0, "/bin/sh", "-e  -x");
	line("#!/bin/sh \n", 0, "/bin/sh", NULL);
	line("#!/bin/sh\r\n", 0, "/bin/sh\r", NULL);
	line("#!a\tb c\n", 0, "a", "b c");
	line("#!\n", -ENOEXEC, NULL, NULL);
	line("#!   \n/bin/sh\n", -ENOEXEC, NULL, NULL);
	line("#!", 0, "", NULL);        /* a file of just "#!": the padding's NUL is a name, exec opens the cwd: -EACCES */
	line("#/bin/sh\n", -ENOEXEC, NULL, NULL);
	line("!#/bin/sh\n", -ENOEXEC, NULL, NULL);
	line("\x7f" "ELF", -ENOEXEC, NULL, NULL);

	/* No newline in 256 bytes: the argument is cut before the last byte... */
	strcpy(long_arg, "#!/bin/sh ");
	memset(long_arg + 10, 'a', 300);
	long_arg[310] = '\0';
	memset(want, 'a', 255 - 10);
	want[255 - 10] = '\0';
	line(long_arg, 0, "/bin/sh", want);
	/* ...a name is never cut... */
	strcpy(long_name, "#!/");
	memset(long_name + 3, 'n', 300);
	long_name[303] = '\0';
	line(long_name, -ENOEXEC, NULL, NULL);
	/* ...nor is a line of blanks taken for one */
	memset(long_name + 2, ' ', 300);
	line(long_name, -ENOEXEC, NULL, NULL);
	/* a name that ends at byte 254, the argument's one byte is lost */
	memset(long_name + 2, 'n', 252);
	long_name[254] = ' ';
	long_name[255] = 'z';
	long_name[256] = '\0';
	memcpy(want, long_name + 2, 252);
	want[252] = '\0';
	line(long_name, 0, want, NULL);
	return tap_done();
}
