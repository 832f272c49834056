/*
 * Linux runs the first program from init/main.c (kernel_init); a file of its own here.
 *
 * init=PATH: the first program. The kernel runs it from the initrd with
 * the command line's words after "--" as its arguments, waits for it to
 * exit, checks that every page it took came back, reports its exit
 * status on the console, and powers off (tools/run-user reads the line).
 */
#include "kunit/test.h"
#include "linux/errno.h"
#include "linux/dcache.h"
#include "linux/fs.h"
#include "linux/init.h"
#include "linux/monitor.h"
#include "linux/mount.h"
#include "linux/page_alloc.h"
#include "linux/pagemap.h"
#include "linux/printk.h"
#include "linux/sched.h"
#include "linux/slab.h"
#include "linux/string.h"
#include "linux/swap.h"

static char *init_path;

/* An absolute path in the initrd; anything else is refused and the monitor runs instead. */
static int parse_init(char *v)
{
	if (!v || v[0] != '/')
		return -EINVAL;
	init_path = v;
	return 0;
}
early_param("init", parse_init);

bool init_requested(void)
{
	return init_path != NULL;
}

/*
 * Every free page, after giving back what caches hold. The page cache
 * keeps the pages of live files after a program ends; the clean ones are
 * dropped here (drop_caches), so they count as free and a page still
 * missing is a leak. Pages of files that went away must have come back.
 */
static unsigned long free_pages_settled(void)
{
	shrink_dcache();        /* unused dentries, and the inodes they hold */
	drop_pagecache();
	kmem_cache_shrink_all();
	drain_local_pages();
	return nr_free_pages();
}

/* Why a program is not found when nothing is: the boot brought no initrd. */
static const char *no_initrd(int err)
{
	return err == -ENOENT && !initrd_present() ? ": there is no initrd" : "";
}

void run_init(void)
{
	char *argv[MAX_INIT_ARGS + 2];
	unsigned long before, after;
	int status = 0, err;

	argv[0] = init_path;
	for (int i = 0; i < init_argc; i++)
		argv[i + 1] = init_argv[i];
	argv[init_argc + 1] = NULL;
	before = free_pages_settled();
	err = run_program(init_path, init_argc + 1, argv, &status);
	if (err) {
		printk(KERN_ERR "pagoda: cannot run %s: error %d (%s)%s\n", init_path, err, errname(err),
		       no_initrd(err));
		status = 127;   /* as a shell says "command not found" */
	}
	after = free_pages_settled();
	if (after != before)
		printk(KERN_ERR "pagoda: LEAK: %ld pages not given back by %s (free %lu before, %lu after)\n",
		       (long)before - (long)after, init_path, before, after);
	kprintf("pagoda: init exited with status %d\n", status);
	qemu_exit(status == 0 && after == before ? EXIT_STATUS_PASS : EXIT_STATUS_FAIL);
}

/*
 * What a program may deliberately leave behind for the next one, with
 * memory that stays in use: mounted file systems and swap areas. A run
 * that changed these is not judged for leaks.
 */
static unsigned long lasting_state(void)
{
	unsigned long n = (unsigned long)total_swap_pages;
	struct list_head *pos;

	list_for_each(pos, &mount_list)
		n += 1UL << 24;
	return n;
}

/* The monitor's "run PROG [ARGS]": one program, then back to the prompt. */
static int cmd_run(int argc, char **argv)
{
	unsigned long state = lasting_state(), before = free_pages_settled(), after;
	int status = 0, err;

	if (argc < 2 || argv[1][0] != '/')
		return -1;
	err = run_program(argv[1], argc - 1, argv + 1, &status);
	after = free_pages_settled();
	if (err)
		kprintf("run: cannot run %s: error %d (%s)%s\n", argv[1], err, errname(err), no_initrd(err));
	else
		kprintf("run: %s exited with status %d\n", argv[1], status);
	if (lasting_state() != state) {
		if (after < before)
			kprintf("run: %ld pages still in use: the program left a file system mounted or swap on "
				"(umount or swapoff gives them back)\n", (long)before - (long)after);
	} else if (after != before) {
		kprintf("run: LEAK: %ld pages not given back\n", (long)before - (long)after);
	}
	return 0;
}
MONITOR_COMMAND("run", "run /PATH [ARGS]", "run a program from the initrd, then come back", cmd_run);
