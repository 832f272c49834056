/*
 * reboot(2), as Linux's kernel/reboot.c: both magic words must match (else
 * -EINVAL), then the command. Every process runs as root, so there is no
 * -EPERM (Linux's CAP_SYS_BOOT check). The machine is QEMU: power off, halt
 * and restart all leave it through the isa-debug-exit device, as the
 * monitor's `poweroff` does (tools/boot runs QEMU with -no-reboot, so a
 * restart could not come back anyway), after Linux's line for each.
 * Nothing is synced or shut down first: the initramfs is in memory.
 */
#include "kunit/test.h"
#include "linux/errno.h"
#include "linux/printk.h"
#include "linux/reboot.h"
#include "linux/syscalls.h"
#include "linux/uaccess.h"

/* Whether Ctrl-Alt-Del reboots at once (on) or signals init (off); no keyboard sends it here. */
static bool cad_enabled = true;

/*
 * magic1, magic2: LINUX_REBOOT_MAGIC1 and one of the four MAGIC2 words;
 * cmd: a LINUX_REBOOT_CMD_*; arg: RESTART2's command string (read, then
 * ignored). Returns 0 for CAD_ON/CAD_OFF, never returns for POWER_OFF, HALT,
 * RESTART and RESTART2; -EINVAL for bad magic or another command (Linux
 * built without kexec or hibernation answers KEXEC and SW_SUSPEND so too),
 * -EFAULT for RESTART2 with a bad string.
 */
long sys_reboot(int magic1, int magic2, unsigned int cmd, void *arg)
{
	char buffer[256];

	if ((unsigned int)magic1 != LINUX_REBOOT_MAGIC1 ||
	    (magic2 != LINUX_REBOOT_MAGIC2 && magic2 != LINUX_REBOOT_MAGIC2A &&
	     magic2 != LINUX_REBOOT_MAGIC2B && magic2 != LINUX_REBOOT_MAGIC2C))
		return -EINVAL;

	switch (cmd) {
	case LINUX_REBOOT_CMD_CAD_ON:
		cad_enabled = true;
		return 0;
	case LINUX_REBOOT_CMD_CAD_OFF:
		cad_enabled = false;
		return 0;
	case LINUX_REBOOT_CMD_RESTART2:
		if (strncpy_from_user(buffer, arg, sizeof(buffer) - 1) < 0)
			return -EFAULT;
		buffer[sizeof(buffer) - 1] = '\0';
		printk(KERN_EMERG "reboot: Restarting system with command '%s'\n", buffer);
		qemu_exit(EXIT_STATUS_PASS);
	case LINUX_REBOOT_CMD_RESTART:
		printk(KERN_EMERG "reboot: Restarting system\n");
		qemu_exit(EXIT_STATUS_PASS);
	case LINUX_REBOOT_CMD_HALT:
		printk(KERN_EMERG "reboot: System halted\n");
		qemu_exit(EXIT_STATUS_PASS);
	case LINUX_REBOOT_CMD_POWER_OFF:
		printk(KERN_EMERG "reboot: Power down\n");
		qemu_exit(EXIT_STATUS_PASS);
	default:
		return -EINVAL;
	}
}
