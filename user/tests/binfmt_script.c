/*
 * execve of "#!" scripts, as Linux 6.1's fs/binfmt_script.c runs them. This
 * program copies itself to /tmp/bs_interp and writes scripts in /tmp whose
 * interpreter is that copy (or another script); run as /tmp/bs_interp
 * (its argv[0]'s last part says so) it prints its argv, AT_EXECFN and its comm, and the
 * parent compares them with Linux's: the interpreter, the line's one
 * optional argument, the script's path, then the caller's argv without
 * argv[0]. Also: a line longer than BINPRM_BUF_SIZE (its argument cut, its
 * name never), blanks and tabs, CR, relative paths, an empty argv, nested
 * scripts up to -ELOOP, and -ENOEXEC, -ENOENT, -EACCES.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/auxv.h>
#include "check.h"
#include "process.h"

#define __NR_unlink 10
#define __NR_chdir  12
#define __NR_chmod  15
#define __NR_pipe   42
#define __NR_dup2   63
#define __NR_mkdir  39
#define __NR_rmdir  40
#ifndef AT_EXECFN
#define AT_EXECFN 31
#endif

#define INTERP "/tmp/bs_interp"

static char *image;
static size_t image_len;

static void read_self(void)
{
	int fd = open("/proc/self/exe", O_RDONLY);
	size_t cap = 1 << 20;
	ssize_t n;

	if (fd < 0)
		fail("open /proc/self/exe: %s", errname(errno));
	image = malloc(cap);
	while (image && (n = read(fd, image + image_len, cap - image_len)) > 0) {
		image_len += (size_t)n;
		if (image_len == cap)
			image = realloc(image, cap *= 2);
	}
	close(fd);
	if (!image || image_len < 64)
		fail("could not read my own image (%zu bytes)", image_len);
}

static void write_file(const char *path, const void *data, size_t len, long mode)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	long r;

	if (fd < 0 || write(fd, data, len) != (ssize_t)len || close(fd) != 0)
		fail("write %s (%zu bytes): %s", path, len, errname(errno));
	r = __syscall2(__NR_chmod, (long)path, mode);
	if (r != 0)
		fail("chmod %s: %s", path, errname(r));
}

static void script(const char *path, const char *text)
{
	write_file(path, text, strlen(text), 0755);
}

/* As the interpreter: "a0|a1|...|execfn=X|comm=Y" on stdout. */
static int interpreter(int argc, char **argv)
{
	char out[2048], comm[32] = "";
	size_t n = 0;
	int fd = open("/proc/self/comm", O_RDONLY);
	ssize_t len = fd >= 0 ? read(fd, comm, sizeof(comm) - 1) : -1;

	if (len > 0 && comm[len - 1] == '\n')
		comm[len - 1] = '\0';
	for (int i = 0; i < argc && n < sizeof(out) - 600; i++)
		n += (size_t)snprintf(out + n, sizeof(out) - n, "%s|", argv[i]);
	n += (size_t)snprintf(out + n, sizeof(out) - n, "execfn=%s|comm=%s",
			      (const char *)getauxval(AT_EXECFN), comm);
	write(1, out, n);
	return 0;
}

/* execve(path, argv) in a child: what it printed, or "errno=NAME" when execve failed. */
static const char *run(const char *path, char *const argv[])
{
	static char out[2048];
	char *envp[] = { "BS=1", NULL };
	int p[2], status;
	size_t n = 0;
	ssize_t r;
	long pid;

	if (__syscall1(__NR_pipe, (long)p) != 0)
		fail("pipe");
	pid = sys_fork();
	if (pid < 0)
		fail("fork: %s", errname(pid));
	if (pid == 0) {
		long e;

		__syscall2(__NR_dup2, p[1], 1);
		close(p[0]);
		e = sys_execve(path, argv, envp);
		n = (size_t)snprintf(out, sizeof(out), "errno=%s", errname(e));
		write(1, out, n);
		child_exit(0);
	}
	close(p[1]);
	while (n < sizeof(out) - 1 && (r = read(p[0], out + n, sizeof(out) - 1 - n)) > 0)
		n += (size_t)r;
	out[n] = '\0';
	close(p[0]);
	if (sys_waitpid(pid, &status, 0) != pid || status != 0)
		fail("child of %s: status %#x", path, status);
	return out;
}

static void expect(const char *path, char *const argv[], const char *want, const char *what)
{
	const char *got = run(path, argv);

	if (strcmp(got, want) != 0)
		printf("# got  \"%s\"\n# want \"%s\"\n", got, want);
	check(strcmp(got, want) == 0, "%s", what);
}

int main(int argc, char **argv)
{
	char line[400], want[800];
	char *args[] = { "/tmp/bs_s1", "x", "y z", NULL };

	if (argc > 0 && strcmp(strrchr(argv[0], '/') ? strrchr(argv[0], '/') + 1 : argv[0], "bs_interp") == 0)
		return interpreter(argc, argv);
	read_self();
	write_file(INTERP, image, image_len, 0755);

	script("/tmp/bs_s1", "#!/tmp/bs_interp\necho not run\n");
	expect("/tmp/bs_s1", args, INTERP "|/tmp/bs_s1|x|y z|execfn=/tmp/bs_s1|comm=bs_s1",
	       "interpreter, the script's path, argv[1..]; AT_EXECFN and comm are the script's");
	{
		char *other[] = { "zero", "one", NULL };

		expect("/tmp/bs_s1", other, INTERP "|/tmp/bs_s1|one|execfn=/tmp/bs_s1|comm=bs_s1",
		       "the path replaces argv[0]");
	}
	{
		char *none[] = { NULL };

		expect("/tmp/bs_s1", none, INTERP "|/tmp/bs_s1|execfn=/tmp/bs_s1|comm=bs_s1", "an empty argv");
	}
	script("/tmp/bs_arg", "#!  /tmp/bs_interp   -a  -b \t \n");
	expect("/tmp/bs_arg", args, INTERP "|-a  -b|/tmp/bs_arg|x|y z|execfn=/tmp/bs_arg|comm=bs_arg",
	       "blanks before the name; one argument with its inner blanks, trailing ones trimmed");
	script("/tmp/bs_tab", "#!\t/tmp/bs_interp\targ");
	expect("/tmp/bs_tab", args, INTERP "|arg|/tmp/bs_tab|x|y z|execfn=/tmp/bs_tab|comm=bs_tab",
	       "tabs, and a line with no newline at the end of a short file");

	/* A line longer than BINPRM_BUF_SIZE (256): the argument is cut at byte 255 */
	strcpy(line, "#!/tmp/bs_interp ");
	memset(line + strlen(line), 'a', 300);
	line[17 + 300] = '\0';
	script("/tmp/bs_long", line);
	strcpy(want, INTERP "|");
	memset(want + strlen(want), 'a', 255 - 17);
	want[strlen(INTERP) + 1 + 255 - 17] = '\0';
	strcpy(want + strlen(want), "|/tmp/bs_long|x|y z|execfn=/tmp/bs_long|comm=bs_long");
	expect("/tmp/bs_long", args, want, "a line past 256 bytes: the argument is cut to bytes 17..254");
	/* ... but a name that does not end inside the 256 bytes is refused */
	strcpy(line, "#! /tmp/");
	memset(line + 8, 'n', 300);
	line[308] = '\0';
	script("/tmp/bs_longname", line);
	expect("/tmp/bs_longname", args, "errno=ENOEXEC", "a name cut by the 256 bytes");
	/* a newline as the 256th byte: nothing is cut */
	strcpy(line, "#!/tmp/bs_interp ");
	memset(line + 17, 'b', 255 - 17);
	strcpy(line + 255, "\n");
	script("/tmp/bs_255", line);
	strcpy(want, INTERP "|");
	memset(want + strlen(want), 'b', 255 - 17);
	want[strlen(INTERP) + 1 + 255 - 17] = '\0';
	strcpy(want + strlen(want), "|/tmp/bs_255|x|y z|execfn=/tmp/bs_255|comm=bs_255");
	expect("/tmp/bs_255", args, want, "a newline at byte 255 keeps the whole argument");

	/* Relative paths: the script's and the interpreter's, from the cwd */
	script("/tmp/bs_rel", "#!bs_interp\n");
	if (__syscall1(__NR_chdir, (long)"/tmp") != 0)
		fail("chdir /tmp");
	expect("bs_rel", args, "bs_interp|bs_rel|x|y z|execfn=bs_rel|comm=bs_rel", "relative paths");
	__syscall1(__NR_chdir, (long)"/");

	/* Nested: the interpreter is a script */
	script("/tmp/bs_s2", "#!/tmp/bs_s1 two\n");
	expect("/tmp/bs_s2", args, INTERP "|/tmp/bs_s1|two|/tmp/bs_s2|x|y z|execfn=/tmp/bs_s2|comm=bs_s2",
	       "a script as interpreter");
	/* Linux follows 5 levels of scripts (exec_binprm's depth > 5): the 6th is -ELOOP */
	script("/tmp/bs_n1", "#!/tmp/bs_interp\n");
	script("/tmp/bs_n2", "#!/tmp/bs_n1\n");
	script("/tmp/bs_n3", "#!/tmp/bs_n2\n");
	script("/tmp/bs_n4", "#!/tmp/bs_n3\n");
	script("/tmp/bs_n5", "#!/tmp/bs_n4\n");
	script("/tmp/bs_n6", "#!/tmp/bs_n5\n");
	expect("/tmp/bs_n5", args,
	       INTERP "|/tmp/bs_n1|/tmp/bs_n2|/tmp/bs_n3|/tmp/bs_n4|/tmp/bs_n5|x|y z|execfn=/tmp/bs_n5|comm=bs_n5",
	       "5 nested scripts run");
	expect("/tmp/bs_n6", args, "errno=ELOOP", "6 nested scripts");
	script("/tmp/bs_self", "#!/tmp/bs_self\n");
	expect("/tmp/bs_self", args, "errno=ELOOP", "a script that is its own interpreter");

	/* Errors */
	script("/tmp/bs_e1", "#!\n");
	expect("/tmp/bs_e1", args, "errno=ENOEXEC", "no interpreter name");
	script("/tmp/bs_e2", "#!  \t \n/tmp/bs_interp\n");
	expect("/tmp/bs_e2", args, "errno=ENOEXEC", "only blanks on the line");
	script("/tmp/bs_e3", "#!/tmp/bs_missing\n");
	expect("/tmp/bs_e3", args, "errno=ENOENT", "a missing interpreter");
	script("/tmp/bs_e4", "#!/tmp/bs_interp\r\n");
	expect("/tmp/bs_e4", args, "errno=ENOENT", "CR LF: the CR is part of the name");
	script("/tmp/bs_e5", "#!/tmp\n");
	expect("/tmp/bs_e5", args, "errno=EACCES", "a directory as interpreter");
	write_file("/tmp/bs_noexec", "#!/tmp/bs_interp\n", 17, 0644);
	script("/tmp/bs_e6", "#!/tmp/bs_noexec\n");
	expect("/tmp/bs_e6", args, "errno=EACCES", "an interpreter without execute permission");
	expect("/tmp/bs_noexec", args, "errno=EACCES", "a script without execute permission");
	script("/tmp/bs_text", "echo hello\n");
	expect("/tmp/bs_text", args, "errno=ENOEXEC", "a text file without #!");
	script("/tmp/bs_e7", "#!/tmp/bs_text\n");
	expect("/tmp/bs_e7", args, "errno=ENOEXEC", "a text file as interpreter");
	script("/tmp/bs_e8", "#");
	expect("/tmp/bs_e8", args, "errno=ENOEXEC", "a file of one byte '#'");
	script("/tmp/bs_e9", "#!");
	expect("/tmp/bs_e9", args, "errno=EACCES", "a file of just \"#!\": an empty name, the cwd");

	{
		static const char *const made[] = { "bs_interp", "bs_s1", "bs_arg", "bs_tab", "bs_long",
			"bs_longname", "bs_255", "bs_rel", "bs_s2", "bs_n1", "bs_n2", "bs_n3", "bs_n4", "bs_n5",
			"bs_n6", "bs_self", "bs_e1", "bs_e2", "bs_e3", "bs_e4", "bs_e5", "bs_noexec", "bs_e6",
			"bs_text", "bs_e7", "bs_e8", "bs_e9" };

		for (size_t i = 0; i < sizeof(made) / sizeof(made[0]); i++) {
			char p[64];

			snprintf(p, sizeof(p), "/tmp/%s", made[i]);
			__syscall1(__NR_unlink, (long)p);
		}
	}
	return done();
}
