/*
 * Children that sleep and wake at the same tick all wake. Two children
 * each sleep 20 ms, started back to back, so one timer tick ends both
 * sleeps while the CPU idles in the second one's schedule(): a wake-up
 * of the task the CPU idles in must not be lost when another task is
 * woken by the same tick (a bug Pagoda had: the first woken ran, the
 * second stayed "running" off the run queue forever). The parent waits
 * for both; alarm() turns a hang into a failure. Repeated 50 times, with
 * 2 to 4 sleepers.
 */
#include <signal.h>
#include <syscall.h>
#include <unistd.h>
#include <sys/wait.h>
#include "check.h"

#define ROUNDS 50

static void on_alarm(int sig)
{
	(void)sig;
	fail("a sleeping child never woke: wait4 still waits after 10 s");
}

int main(void)
{
	struct sigaction sa = { 0 };
	int reaped = 0;

	sa.sa_handler = on_alarm;
	sigaction(SIGALRM, &sa, NULL);
	__syscall1(27, 10);     /* alarm */
	for (int round = 0; round < ROUNDS; round++) {
		int n = 2 + round % 3;

		for (int i = 0; i < n; i++) {
			pid_t pid = fork();

			if (pid == 0) {
				long ts[2] = { 0, 20 * 1000 * 1000 };   /* 20 ms */

				__syscall2(162, (long)ts, 0);           /* nanosleep */
				_exit(0);
			}
			if (pid < 0)
				fail("fork in round %d", round);
		}
		for (int i = 0; i < n; i++) {
			int status = -1;

			if (waitpid(-1, &status, 0) > 0 && status == 0)
				reaped++;
		}
	}
	__syscall1(27, 0);
	check(reaped == ROUNDS / 3 * 9 + (ROUNDS % 3 >= 1 ? 2 : 0) + (ROUNDS % 3 >= 2 ? 3 : 0),
	      "%d sleepers woke and were reaped, %d rounds of 2 to 4 at once", reaped, ROUNDS);
	return done();
}
