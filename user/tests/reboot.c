/*
 * reboot(2)'s argument checks, as Linux 6.1 answers them (kernel/reboot.c):
 * both magic words must match, else EINVAL, whatever the command; an unknown
 * command is EINVAL; CAD_ON and CAD_OFF (what Ctrl-Alt-Del does) return 0;
 * RESTART2 with a bad string pointer is EFAULT and restarts nothing. Every
 * process is root, so no EPERM. The calls that do end the machine (power off,
 * halt, restart) are tested through /sbin/init by tests/shell.py.
 */
#include <errno.h>
#include <syscall.h>
#include <sys/reboot.h>
#include "check.h"

static long sys_reboot(unsigned long magic1, unsigned long magic2, unsigned long cmd, const void *arg)
{
	return __syscall4(__NR_reboot, (long)magic1, (long)magic2, (long)cmd, (long)arg);
}

int main(void)
{
	static const unsigned long magic2[] = {
		LINUX_REBOOT_MAGIC2, LINUX_REBOOT_MAGIC2A, LINUX_REBOOT_MAGIC2B, LINUX_REBOOT_MAGIC2C,
	};

	/* Bad magic: EINVAL before the command is looked at, even one that powers off. */
	check_ret(sys_reboot(0, LINUX_REBOOT_MAGIC2, LINUX_REBOOT_CMD_POWER_OFF, 0), -EINVAL,
		  "reboot(0, MAGIC2, POWER_OFF): bad magic1");
	check_ret(sys_reboot(LINUX_REBOOT_MAGIC1, 0, LINUX_REBOOT_CMD_POWER_OFF, 0), -EINVAL,
		  "reboot(MAGIC1, 0, POWER_OFF): bad magic2");
	check_ret(sys_reboot(LINUX_REBOOT_MAGIC2, LINUX_REBOOT_MAGIC1, LINUX_REBOOT_CMD_HALT, 0), -EINVAL,
		  "reboot(MAGIC2, MAGIC1, HALT): the words swapped");
	check_ret(sys_reboot(LINUX_REBOOT_MAGIC1, LINUX_REBOOT_MAGIC2 + 1, LINUX_REBOOT_CMD_RESTART, 0), -EINVAL,
		  "reboot(MAGIC1, MAGIC2 + 1, RESTART)");
	/* Every MAGIC2 is accepted: an unknown command then gets EINVAL, CAD_ON 0. */
	for (unsigned int i = 0; i < sizeof(magic2) / sizeof(magic2[0]); i++) {
		check_ret(sys_reboot(LINUX_REBOOT_MAGIC1, magic2[i], 0x12345678, 0), -EINVAL,
			  "reboot(MAGIC1, %#lx, 0x12345678): no such command", magic2[i]);
		check_ret(sys_reboot(LINUX_REBOOT_MAGIC1, magic2[i], LINUX_REBOOT_CMD_CAD_ON, 0), 0,
			  "reboot(MAGIC1, %#lx, CAD_ON)", magic2[i]);
	}
	check_ret(sys_reboot(LINUX_REBOOT_MAGIC1, LINUX_REBOOT_MAGIC2, LINUX_REBOOT_CMD_CAD_OFF, 0), 0,
		  "reboot(CAD_OFF): Ctrl-Alt-Del signals init");
	check_ret(sys_reboot(LINUX_REBOOT_MAGIC1, LINUX_REBOOT_MAGIC2, LINUX_REBOOT_CMD_CAD_ON, 0), 0,
		  "reboot(CAD_ON): back as it was");
	check_ret(sys_reboot(LINUX_REBOOT_MAGIC1, LINUX_REBOOT_MAGIC2, LINUX_REBOOT_CMD_RESTART2, 0), -EFAULT,
		  "reboot(RESTART2, NULL): the command string cannot be read");
	check_ret(sys_reboot(LINUX_REBOOT_MAGIC1, LINUX_REBOOT_MAGIC2, LINUX_REBOOT_CMD_RESTART2,
			     (const void *)0xC0000000), -EFAULT, "reboot(RESTART2, a kernel address)");
	return done();
}
