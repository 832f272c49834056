/*
 * Privilege (Linux's include/linux/capability.h). Pagoda has no capability
 * sets: every capability is held exactly while the effective user id is 0,
 * which is what Linux's rules give root and a process that gave up root
 * with setuid (commoncap's cap_emulate_setxuid).
 */
#ifndef PAGODA_CAPABILITY_H
#define PAGODA_CAPABILITY_H

#include <stdbool.h>

#define CAP_KILL         5      /* signal any process */
#define CAP_SETGID       6
#define CAP_SETUID       7
#define CAP_IPC_LOCK     14     /* mlock beyond RLIMIT_MEMLOCK */
#define CAP_SYS_ADMIN    21     /* sethostname, ... */
#define CAP_SYS_RESOURCE 24     /* raise hard limits, pass RLIMIT_NPROC */

/* kernel/sys.c: does the calling task hold cap? */
bool capable(int cap);

#endif
