/*
 * set_robust_list and get_robust_list (Linux's kernel/futex/syscalls.c):
 * each task keeps the address of its list of held robust futexes, which
 * glibc registers at start. Linux walks the list at exit (exit_robust_list),
 * marking each futex the task still holds FUTEX_OWNER_DIED and waking one
 * waiter; Pagoda has no futexes yet, so nothing can wait on one and the
 * list is only kept. It is not inherited by fork and goes at exec, as on
 * Linux.
 */
#include "linux/errno.h"
#include "linux/sched.h"
#include "linux/syscalls.h"
#include "linux/uaccess.h"

/* struct robust_list_head on i386: the list's first entry, futex_offset, list_op_pending */
#define ROBUST_LIST_HEAD_SIZE 12

/* set_robust_list(head, len): 0, or -EINVAL unless len is the head's size. head is not checked. */
long sys_set_robust_list(unsigned long head, unsigned long len)
{
	if (len != ROBUST_LIST_HEAD_SIZE)
		return -EINVAL;
	current->robust_list = head;
	return 0;
}

/*
 * get_robust_list(pid, head_ptr, len_ptr): the head of pid's list (0: the
 * caller) into *head_ptr and its size into *len_ptr. 0, or -ESRCH (no such
 * task), -EFAULT. Only root runs here, so ptrace_may_access always allows.
 */
long sys_get_robust_list(int pid, unsigned long *head_ptr, unsigned long *len_ptr)
{
	struct task_struct *p = pid ? find_task_by_vpid(pid) : current;

	if (!p)
		return -ESRCH;
	if (put_user((unsigned long)ROBUST_LIST_HEAD_SIZE, len_ptr))
		return -EFAULT;
	return put_user(p->robust_list, head_ptr) ? -EFAULT : 0;
}
