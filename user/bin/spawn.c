/*
 * spawn N: start N children that sleep until a signal ends them, print
 * their PIDs, and exit without waiting: the children outlive their parent
 * and are adopted by init (PID 1), or, when spawn was started by the
 * monitor's run, killed and reaped by the kernel before the leak check.
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <syscall.h>

int main(int argc, char **argv)
{
	int n = argc > 1 ? atoi(argv[1]) : 1;

	for (int i = 0; i < n; i++) {
		long pid = __syscall0(2);       /* fork */

		if (pid == 0) {
			for (;;)
				pause();
		}
		if (pid < 0) {
			printf("spawn: fork: error %ld\n", pid);
			return 1;
		}
		printf("spawn: child %ld\n", pid);
	}
	return 0;
}
