/*
 * start_kernel: the first C code, entered from boot/entry.asm with paging
 * on, the kernel at PAGE_OFFSET and the identity mapping gone. The order
 * matters: the console first (so anything can be reported), then a copy
 * of the boot loader's data (before anything can overwrite it), then the
 * command line, then the CPU tables and interrupts.
 */
#include <stdint.h>
#include "asm/desc.h"
#include "asm/fpu.h"
#include "asm/io.h"
#include "asm/irq.h"
#include "asm/multiboot.h"
#include "asm/page.h"
#include "asm/tsc.h"
#include "kunit/test.h"
#include "linux/ata.h"
#include "linux/console.h"
#include "linux/fs.h"
#include "linux/init.h"
#include "linux/kernel.h"
#include "linux/kthread.h"
#include "linux/memory.h"
#include "linux/mman.h"
#include "linux/monitor.h"
#include "linux/tty.h"
#include "linux/sched.h"
#include "linux/printk.h"
#include "linux/string.h"
#include "linux/vma.h"
#include "linux/xarray.h"

void *high_memory = (void *)(PAGE_OFFSET + BOOT_MAPPED_BYTES);

static char command_line[BOOT_CMDLINE_MAX];     /* parse_cmdline() cuts it up */

/* What did not fit in boot_params: said once, so nothing is lost without a word. */
static void report_cut_boot_data(void)
{
	if (boot_params.cmdline_len >= sizeof(boot_params.cmdline))
		pr_err("Kernel command line is %u bytes; only the first %u are used (COMMAND_LINE_SIZE %u)\n",
		       boot_params.cmdline_len, (unsigned int)sizeof(boot_params.cmdline) - 1,
		       (unsigned int)sizeof(boot_params.cmdline));
	if (boot_params.nr_mmap_dropped)
		pr_err("multiboot: %d memory map entries past the first %d ignored\n",
		       boot_params.nr_mmap_dropped, BOOT_MMAP_MAX);
	if (boot_params.nr_mods_dropped)
		pr_err("multiboot: %d modules past the first %d ignored\n",
		       boot_params.nr_mods_dropped, BOOT_MODS_MAX);
}

void start_kernel(uint32_t magic, uint32_t info_phys)
{
	console_init();
	save_multiboot_info(magic, info_phys);
	printk(KERN_NOTICE "%s\n", pagoda_banner);
	printk(KERN_INFO "Boot loader: %s\n", boot_params.loader[0] ? boot_params.loader : "(unnamed)");
	printk(KERN_NOTICE "Kernel command line: %s\n", boot_params.cmdline);
	report_cut_boot_data();
	strlcpy(command_line, boot_params.cmdline, sizeof(command_line));
	parse_cmdline(command_line);
	if (init_args_overflow)         /* init would run with arguments missing */
		panic("Too many boot init vars at `%s' (at most %d)", init_args_overflow, MAX_INIT_ARGS);

	gdt_init();
	idt_init();
	pic_init();
	time_init();
	tsc_init();
	local_irq_enable();

	setup_arch_memory();
	fpu_init();
	sched_init();
	fork_init();
	init_overcommit_reserves();     /* mm/util.c: the admin and user reserves of overcommit 2 */
	zero_page_init();
	vma_cache_init();
	radix_tree_init();       /* the page cache's tree nodes */
	initrd_init();
	mnt_init();
	syscall_init();
	kthreadd_init();        /* PID 2; before the disks, whose flusher threads it makes */
	tty_init();             /* the console's receive interrupt, off until a program uses the terminal */
	ata_piix_init();        /* the IDE disks: sda, sdb ... and their partitions */
	kswapd_init();          /* kswapd0, after the disks' flusher threads */
	crash_if_requested();

	if (ktest_requested())
		ktest_run_all();        /* does not return: powers off */
	if (init_requested()) {
		serial8250_rx_irq(true);        /* a running system: ^C and the kdb key from the start */
		run_init();             /* does not return: powers off */
	}
	monitor_main();
}
