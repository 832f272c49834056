/*
 * start_kernel: the first C code, entered from boot/entry.asm with paging
 * on, the kernel at PAGE_OFFSET and the identity mapping gone. The order
 * matters: the console first (so anything can be reported), then a copy
 * of the boot loader's data (before anything can overwrite it), then the
 * command line, then the CPU tables and interrupts.
 */
#include <stdint.h>
#include "arch/desc.h"
#include "arch/fpu.h"
#include "arch/io.h"
#include "arch/irq.h"
#include "arch/page.h"
#include "console.h"
#include "fs.h"
#include "mm/memory.h"
#include "mm/vma.h"
#include "init.h"
#include "kernel.h"
#include "ktest.h"
#include "monitor.h"
#include "multiboot.h"
#include "printk.h"
#include "string.h"

void *high_memory = (void *)(PAGE_OFFSET + BOOT_MAPPED_BYTES);

static char command_line[BOOT_CMDLINE_MAX];     /* parse_cmdline() cuts it up */

void start_kernel(uint32_t magic, uint32_t info_phys)
{
	console_init();
	save_multiboot_info(magic, info_phys);
	printk(KERN_NOTICE "%s\n", pagoda_banner);
	printk(KERN_INFO "Boot loader: %s\n", boot_params.loader[0] ? boot_params.loader : "(unnamed)");
	printk(KERN_NOTICE "Kernel command line: %s\n", boot_params.cmdline);
	strlcpy(command_line, boot_params.cmdline, sizeof(command_line));
	parse_cmdline(command_line);

	gdt_init();
	idt_init();
	pic_init();
	time_init();
	local_irq_enable();

	setup_arch_memory();
	fpu_init();
	zero_page_init();
	vma_cache_init();
	initrd_init();
	syscall_init();
	crash_if_requested();

	if (ktest_requested())
		ktest_run_all();        /* does not return: powers off */
	if (init_requested())
		run_init();             /* does not return: powers off */
	monitor_main();
}
