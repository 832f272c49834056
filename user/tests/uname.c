/*
 * What the system says of itself, as Linux 6.1 does: uname's six fields,
 * sethostname and setdomainname (length limits, -EFAULT, the name
 * NUL-padded), personality (PER_LINUX, 0xffffffff only asks) and prctl's
 * PR_SET_NAME/PR_GET_NAME (the name cut to 15 bytes and a NUL).
 */
#include <errno.h>
#include <string.h>
#include <syscall.h>
#include <sys/utsname.h>
#include "check.h"

#define __NR_sethostname    74
#define __NR_setdomainname 121
#define __NR_personality   136
#define __NR_prctl         172
#define PR_SET_NAME 15
#define PR_GET_NAME 16
#define BAD_PTR 0xc0000000L

static void fields(void)
{
	struct utsname u;

	memset(&u, 0xa5, sizeof(u));
	check_ret(__syscall1(__NR_uname, (long)&u), 0, "uname");
	check(!strcmp(u.sysname, "Linux"), "sysname \"%s\"", u.sysname);
	check(!strncmp(u.release, "6.1", 3), "release \"%s\" is 6.1", u.release);
	check(!strcmp(u.machine, "i686") || (!on_pagoda() && on_x86_64()), "machine \"%s\"", u.machine);
	check(u.nodename[0] && strlen(u.nodename) <= 64, "nodename \"%s\"", u.nodename);
	check(u.version[0] == '#', "version \"%s\" starts with #", u.version);
	check(!strcmp(u.domainname, "(none)"), "domainname \"%s\": Linux's default", u.domainname);
	check_ret(__syscall1(__NR_uname, BAD_PTR), -EFAULT, "uname into a kernel address");
}

static void names(void)
{
	struct utsname u, saved;
	char long_name[80];

	__syscall1(__NR_uname, (long)&saved);
	check_ret(__syscall2(__NR_sethostname, (long)"testhostXYZ", 8), 0, "sethostname(\"testhost\", 8)");
	__syscall1(__NR_uname, (long)&u);
	check(!strcmp(u.nodename, "testhost"), "nodename \"%s\": 8 bytes and a NUL", u.nodename);
	memset(long_name, 'x', sizeof(long_name));
	check_ret(__syscall2(__NR_sethostname, (long)long_name, 64), 0, "sethostname of 64 bytes");
	__syscall1(__NR_uname, (long)&u);
	check(strlen(u.nodename) == 64, "a 64-byte nodename (%zu)", strlen(u.nodename));
	check_ret(__syscall2(__NR_sethostname, (long)long_name, 65), -EINVAL, "sethostname of 65 bytes");
	check_ret(__syscall2(__NR_sethostname, (long)long_name, -1), -EINVAL, "sethostname of -1 bytes");
	check_ret(__syscall2(__NR_sethostname, BAD_PTR, 4), -EFAULT, "sethostname from a kernel address");
	check_ret(__syscall2(__NR_sethostname, (long)"", 0), 0, "sethostname of 0 bytes");
	__syscall1(__NR_uname, (long)&u);
	check(u.nodename[0] == 0, "an empty nodename");
	check_ret(__syscall2(__NR_setdomainname, (long)"example.org", 11), 0, "setdomainname(\"example.org\")");
	__syscall1(__NR_uname, (long)&u);
	check(!strcmp(u.domainname, "example.org"), "domainname \"%s\"", u.domainname);
	check_ret(__syscall2(__NR_setdomainname, (long)long_name, 65), -EINVAL, "setdomainname of 65 bytes");
	check_ret(__syscall2(__NR_sethostname, (long)saved.nodename, strlen(saved.nodename)), 0,
		  "the host name back to \"%s\"", saved.nodename);
	check_ret(__syscall2(__NR_setdomainname, (long)saved.domainname, strlen(saved.domainname)), 0,
		  "the domain name back");
}

static void persona(void)
{
	check_ret(__syscall1(__NR_personality, 0xffffffff), 0, "personality(0xffffffff): PER_LINUX, nothing set");
	check_ret(__syscall1(__NR_personality, 0), 0, "personality(PER_LINUX): the old one, 0");
	check_ret(__syscall1(__NR_personality, 0xffffffff), 0, "still PER_LINUX");
}

static void comm(void)
{
	char name[32];

	memset(name, 0x55, sizeof(name));
	check_ret(__syscall2(__NR_prctl, PR_GET_NAME, (long)name), 0, "prctl(PR_GET_NAME)");
	check(!strcmp(name, "uname"), "the name is the program's: \"%s\"", name);
	check_ret(__syscall2(__NR_prctl, PR_SET_NAME, (long)"worker"), 0, "prctl(PR_SET_NAME, \"worker\")");
	__syscall2(__NR_prctl, PR_GET_NAME, (long)name);
	check(!strcmp(name, "worker"), "PR_GET_NAME: \"%s\"", name);
	check_ret(__syscall2(__NR_prctl, PR_SET_NAME, (long)"abcdefghijklmnopqrstuvwxyz"), 0, "a 26-byte name");
	memset(name, 0x55, sizeof(name));
	__syscall2(__NR_prctl, PR_GET_NAME, (long)name);
	check(!strcmp(name, "abcdefghijklmno"), "cut to 15 bytes: \"%s\"", name);
	check((unsigned char)name[16] == 0x55, "PR_GET_NAME writes 16 bytes, no more");
	check_ret(__syscall2(__NR_prctl, PR_SET_NAME, BAD_PTR), -EFAULT, "PR_SET_NAME from a kernel address");
	check_ret(__syscall2(__NR_prctl, PR_GET_NAME, BAD_PTR), -EFAULT, "PR_GET_NAME into a kernel address");
	check_ret(__syscall2(__NR_prctl, 0x7fffffff, 0), -EINVAL, "prctl of no such option");
	check_ret(__syscall2(__NR_prctl, PR_SET_NAME, (long)"uname"), 0, "the name back");
}

int main(void)
{
	fields();
	names();
	persona();
	comm();
	return done();
}
