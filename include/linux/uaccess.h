/*
 * Every pointer a program hands the kernel goes through these. access_ok
 * keeps the range below TASK_SIZE (a program may not make the kernel
 * read or write kernel memory for it); a fault on an unmapped or
 * protected user page is caught through the exception table, and the
 * call returns -EFAULT instead of oopsing.
 */
#ifndef PAGODA_UACCESS_H
#define PAGODA_UACCESS_H

#include <stdbool.h>
#include <stddef.h>
#include "asm/page.h"

unsigned long __copy_user(void *to, const void *from, unsigned long n);
unsigned long __clear_user(void *to, unsigned long n);
long __strncpy_from_user(char *dst, const char *src, long count);

static inline bool access_ok(const void *addr, unsigned long size)
{
	unsigned long a = (unsigned long)addr;

	return a <= TASK_SIZE && size <= TASK_SIZE - a;
}

/* Bytes not copied: 0 on success. */
static inline unsigned long copy_from_user(void *to, const void *from, unsigned long n)
{
	return access_ok(from, n) ? __copy_user(to, from, n) : n;
}

static inline unsigned long copy_to_user(void *to, const void *from, unsigned long n)
{
	return access_ok(to, n) ? __copy_user(to, from, n) : n;
}

static inline unsigned long clear_user(void *to, unsigned long n)
{
	return access_ok(to, n) ? __clear_user(to, n) : n;
}

/* Length of the string (< count), count if unterminated, or -EFAULT. */
long strncpy_from_user(char *dst, const char *src, long count);

#define get_user(x, ptr) \
	(copy_from_user(&(x), (ptr), sizeof(*(ptr))) ? -14 : 0)
#define put_user(x, ptr) ({						\
	__typeof__(*(ptr)) __v = (x);					\
	copy_to_user((ptr), &__v, sizeof(__v)) ? -14 : 0;		\
})

/* kernel/extable.c: the fixup address for a faulting kernel eip, or 0. */
unsigned long search_exception_tables(unsigned long eip);

#endif
