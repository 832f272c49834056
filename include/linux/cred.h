/*
 * A task's supplementary groups (Linux's include/linux/cred.h keeps them
 * in struct group_info; Pagoda keeps up to NGROUPS_SMALL in task_struct).
 * The user and group ids themselves are task_struct's uid, euid, ...
 */
#ifndef PAGODA_CRED_H
#define PAGODA_CRED_H

/*
 * kernel/sys.c: may the caller set size groups? 0, -EPERM (not privileged),
 * -EINVAL (above NGROUPS_MAX), -ENOMEM (above NGROUPS_SMALL).
 */
int may_setgroups(int size);
/* Sort groups[0..n) and make them the caller's: 0, or -EINVAL for a group -1. Linux's set_current_groups. */
int set_current_groups(int n, unsigned int *groups);

#endif
