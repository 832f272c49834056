/*
 * Must be killed: a MAP_POPULATE mapping is touched the way its
 * protection forbids, and the page fault says why (tests/user.py checks
 * the error code): PROT_NONE pages were not mapped in (error 4 or 6),
 * PROT_READ ones were, read-only (error 7). The argument picks the case:
 *   none-read none-write read-write file-none-read file-read-write
 */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <syscall.h>
#include <unistd.h>
#include <sys/mman.h>
#include "check.h"

int main(int argc, char **argv)
{
	const char *what = argc > 1 ? argv[1] : "";
	int file = !strncmp(what, "file-", 5);
	const char *how = what + (file ? 5 : 0);
	int prot = !strncmp(how, "none", 4) ? PROT_NONE : PROT_READ;
	int write = !strcmp(how + strlen(how) - 5, "write");
	long fd = -1, r;

	if (strcmp(how, "none-read") && strcmp(how, "none-write") && strcmp(how, "read-write"))
		fail("usage: die_populate [file-]none-read|none-write|read-write");
	if (file)
		fd = __syscall2(__NR_open, (long)"/etc/203-bytes", O_RDONLY);
	r = __syscall6(__NR_mmap2, 0, PAGE_SIZE, prot, MAP_PRIVATE | MAP_POPULATE | (file ? 0 : MAP_ANONYMOUS),
		       fd, 0);
	if (IS_ERR(r))
		fail("mmap: %ld", r);
	printf("die_populate: %s address %#lx\n", write ? "writing" : "reading", r);
	if (write)
		poke(r, 1);
	else
		peek(r);
	fail("%s a %s page did not fault", write ? "writing" : "reading", prot ? "PROT_READ" : "PROT_NONE");
}
