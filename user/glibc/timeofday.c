/*
 * The time as a real glibc program asks for it: glibc 2.36 on i386 calls
 * the y2038 system calls first (clock_gettime64, clock_nanosleep_time64),
 * as `date` and `sleep` do. Each line says ok or FAIL; the year is
 * compared with 2023, the earliest of the clocks it runs under (the
 * Linux oracle's RTC starts on 2023-01-01).
 */
#include <stdio.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/times.h>
#include <time.h>
#include <unistd.h>

static double since(const struct timespec *a)
{
	struct timespec b;

	clock_gettime(CLOCK_MONOTONIC, &b);
	return (double)(b.tv_sec - a->tv_sec) + (double)(b.tv_nsec - a->tv_nsec) / 1e9;
}

static const char *verdict(int ok)
{
	return ok ? "ok" : "FAIL";
}

int main(void)
{
	time_t now = time(NULL);
	struct tm tm;
	struct timespec start, real;
	struct timeval tv;
	struct rusage ru;
	volatile unsigned long spin = 0;
	double slept;

	gmtime_r(&now, &tm);
	printf("time() is in %s: %s\n", tm.tm_year + 1900 >= 2023 ? "2023 or later" : "the past",
	       verdict(tm.tm_year + 1900 >= 2023));
	clock_gettime(CLOCK_REALTIME, &real);
	gettimeofday(&tv, NULL);
	printf("clock_gettime, gettimeofday and time agree: %s\n",
	       verdict(real.tv_sec - now <= 1 && tv.tv_sec - real.tv_sec <= 1 && tv.tv_sec >= now));
	clock_gettime(CLOCK_MONOTONIC, &start);
	sleep(1);
	slept = since(&start);
	printf("sleep(1) slept at least a second: %s\n", verdict(slept >= 1.0 && slept < 1.5));
	clock_gettime(CLOCK_MONOTONIC, &start);
	usleep(20000);
	slept = since(&start);
	printf("usleep(20000) slept at least 20 ms: %s\n", verdict(slept >= 0.02 && slept < 0.5));
	clock_gettime(CLOCK_MONOTONIC, &start);
	while (since(&start) < 0.2)
		for (int i = 0; i < 100000; i++)
			spin += (unsigned long)i;
	getrusage(RUSAGE_SELF, &ru);
	printf("getrusage counts the user time spent: %s\n",
	       verdict(ru.ru_utime.tv_sec * 1000000L + ru.ru_utime.tv_usec >= 100000));
	printf("clock() counts it too: %s\n", verdict(clock() >= CLOCKS_PER_SEC / 10));
	return 0;
}
