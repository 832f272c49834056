/* cat [FILE...]: copy files to standard output; no FILE, or "-", is standard input (a shell's pipes need it). */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static int cat(const char *path)
{
	char buf[4096];
	ssize_t n;
	int fd = strcmp(path, "-") == 0 ? STDIN_FILENO : open(path, O_RDONLY);

	if (fd < 0) {
		printf("cat: %s: %s\n", path, strerror(errno));
		return 1;
	}
	while ((n = read(fd, buf, sizeof(buf))) > 0)
		if (write(STDOUT_FILENO, buf, n) != n)
			break;
	if (n < 0)
		printf("cat: %s: %s\n", path, strerror(errno));
	if (fd != STDIN_FILENO)
		close(fd);
	return n < 0;
}

int main(int argc, char **argv)
{
	int status = 0;

	if (argc < 2)
		return cat("-");
	for (int i = 1; i < argc; i++)
		status |= cat(argv[i]);
	return status;
}
