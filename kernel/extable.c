/*
 * The exception table: for each kernel instruction that may touch user
 * memory, where execution resumes if it faults (arch/i386/lib/usercopy_32.asm).
 */
#include "linux/errno.h"
#include "linux/uaccess.h"

struct exception_table_entry {
	unsigned long insn, fixup;
};

extern const struct exception_table_entry __ex_table_start[], __ex_table_end[];

unsigned long search_exception_tables(unsigned long eip)
{
	for (const struct exception_table_entry *e = __ex_table_start; e < __ex_table_end; e++)
		if (e->insn == eip)
			return e->fixup;
	return 0;
}

long strncpy_from_user(char *dst, const char *src, long count)
{
	long n;
	unsigned long limit = TASK_SIZE - (unsigned long)src;

	if ((unsigned long)src >= TASK_SIZE)
		return -EFAULT;
	if ((unsigned long)count > limit)
		count = (long)limit;    /* never read past the end of user space */
	n = __strncpy_from_user(dst, src, count);
	return n < 0 ? -EFAULT : n;
}
