/*
 * A real static glibc program that works with files: fopen and fgets
 * (openat, fstat64, read, close), stat, opendir/readdir (getdents64),
 * getcwd and chdir, readlink, access, dup2, fcntl, and a pipe to a forked
 * child. Before openat, no glibc program could open a file.
 */
#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

static int failures;

static void say(int ok, const char *what)
{
	printf("%s: %s\n", what, ok ? "ok" : "FAILED");
	failures += !ok;
}

int main(void)
{
	char line[128], buf[256];
	struct stat st;
	FILE *f = fopen("/etc/motd", "r");
	DIR *d;
	struct dirent *e;
	int n = 0, p[2], status, fd;
	ssize_t len;

	say(f && fgets(line, sizeof(line), f) && !strcmp(line, "Welcome to Pagoda.\n"),
	    "fopen and fgets read /etc/motd");
	if (f)
		fclose(f);
	say(stat("/etc/motd", &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 100, "stat sees a regular file");
	d = opendir("/etc");
	while (d && (e = readdir(d)) != NULL)
		n += !strcmp(e->d_name, "motd") || !strcmp(e->d_name, "not-elf");
	if (d)
		closedir(d);
	say(n == 2, "readdir lists /etc");
	say(chdir("/links") == 0 && getcwd(buf, sizeof(buf)) && !strcmp(buf, "/links"), "chdir and getcwd");
	len = readlink("motd", buf, sizeof(buf));
	say(len == 11 && !memcmp(buf, "../etc/motd", 11), "readlink of a relative link");
	say(access("motd", R_OK) == 0 && access("/etc/motd", W_OK) == 0, "access follows it; the root is writable");
	fd = open("/tmp/glibc-files", O_RDWR | O_CREAT | O_EXCL, 0644);
	say(fd >= 0 && write(fd, "kept", 4) == 4 && pread(fd, buf, 4, 0) == 4 && !memcmp(buf, "kept", 4) &&
	    close(fd) == 0 && unlink("/tmp/glibc-files") == 0, "a file made, written, read back and removed in /tmp");
	say(dup2(1, 9) == 9 && fcntl(9, F_GETFD) == 0 && close(9) == 0, "dup2, fcntl, close");
	if (pipe(p) == 0 && fork() == 0) {
		close(p[0]);
		(void)!write(p[1], "through a pipe", 14);
		_exit(0);
	}
	close(p[1]);
	len = read(p[0], buf, sizeof(buf));
	wait(&status);
	say(len == 14 && !memcmp(buf, "through a pipe", 14) && status == 0, "a pipe to a forked child");
	printf("glibc-files: %s\n", failures ? "FAILED" : "all ok");
	return failures ? 1 : 0;
}
