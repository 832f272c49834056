/*
 * The system's names, as uname() reports them (Linux's
 * include/linux/utsname.h and include/uapi/linux/utsname.h).
 * sethostname and setdomainname change the nodename and domainname.
 */
#ifndef PAGODA_UTSNAME_H
#define PAGODA_UTSNAME_H

#define __NEW_UTS_LEN 64

struct new_utsname {
	char sysname[__NEW_UTS_LEN + 1];
	char nodename[__NEW_UTS_LEN + 1];
	char release[__NEW_UTS_LEN + 1];
	char version[__NEW_UTS_LEN + 1];
	char machine[__NEW_UTS_LEN + 1];
	char domainname[__NEW_UTS_LEN + 1];
};

/* kernel/sys.c: the names, for /proc/version and /proc/sys/kernel (Linux's utsname()). */
struct new_utsname *utsname(void);

#endif
