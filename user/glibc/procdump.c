/*
 * procdump: print /proc files as they are, each after a "==> PATH <==" line
 * (as tail does). Run on real Linux (tools/run-user --linux procdump FILES)
 * it gives the formats /proc must match; tests/proc_format.py keeps them.
 * Touches a few pages first so the process has RSS to show.
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void dump(const char *path)
{
	char buf[4096];
	ssize_t n;
	int fd = open(path, O_RDONLY);

	printf("==> %s <==\n", path);
	fflush(stdout);
	if (fd < 0) {
		perror(path);
		return;
	}
	while ((n = read(fd, buf, sizeof(buf))) > 0)
		fwrite(buf, 1, (size_t)n, stdout);
	fflush(stdout);
	close(fd);
}

int main(int argc, char **argv)
{
	char *p = malloc(64 * 1024);

	memset(p, 1, 64 * 1024);
	for (int i = 1; i < argc; i++)
		dump(argv[i]);
	printf("==> end <==\n");
	free(p);
	return 0;
}
