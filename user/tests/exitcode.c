/*
 * `exitcode N [exit|group|return]`: end with status N through the exit
 * system call, exit_group, or a return from main. The kernel reports the low
 * eight bits, as Linux's wait status does: 256 shows as 0.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syscall.h>

int main(int argc, char **argv)
{
	int status = argc > 1 ? atoi(argv[1]) : 0;
	const char *how = argc > 2 ? argv[2] : "group";

	printf("exitcode: exiting with %d via %s\n", status, how);
	if (strcmp(how, "exit") == 0)
		__syscall1(__NR_exit, status);
	else if (strcmp(how, "group") == 0)
		__syscall1(__NR_exit_group, status);
	else if (strcmp(how, "return") == 0)
		return status;
	printf("FAIL: still running after %s\n", how);
	return 1;
}
