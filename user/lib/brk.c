/*
 * brk and sbrk over the raw system call, which never returns -errno: it
 * returns the new break on success and the unchanged one on failure.
 */
#include <errno.h>
#include <stdint.h>
#include <syscall.h>
#include <unistd.h>

static unsigned long cur_brk;

int brk(void *addr)
{
	cur_brk = __syscall1(__NR_brk, (long)addr);
	if (cur_brk != (unsigned long)addr) {
		errno = ENOMEM;
		return -1;
	}
	return 0;
}

void *sbrk(intptr_t increment)
{
	unsigned long old, want;

	if (cur_brk == 0)
		cur_brk = __syscall1(__NR_brk, 0);
	old = cur_brk;
	want = old + increment;
	if ((increment > 0 && want < old) || (increment < 0 && want > old)) {
		errno = ENOMEM;
		return (void *)-1;
	}
	if (increment != 0 && brk((void *)want) < 0)
		return (void *)-1;
	return (void *)old;
}
