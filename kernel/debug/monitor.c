/*
 * Pagoda's kdb: Linux keeps kdb in kernel/debug/kdb/ (kdb_main.c reads and runs the commands).
 *
 * The kernel monitor: read a line from the serial console (backspace,
 * ^U and the arrow keys' history edit it), split it into words, run the command. Commands live next to
 * the code they show (MONITOR_COMMAND); this file has only the basics.
 *
 * Two ways in: at boot when there is no init (monitor_main, the boot
 * thread's loop), and from a running system by the kdb key, Ctrl-] then
 * 'k' (kdb_enter, in the serial interrupt): nothing runs until 'go' (no
 * process, no timer), so what ps and maps show stands still. While
 * frozen, the commands that would run programs or allocate are refused.
 */
#include "asm/io.h"
#include "asm/multiboot.h"
#include "asm/page.h"
#include "asm/ptrace.h"
#include "kunit/test.h"
#include "linux/console.h"
#include "linux/kallsyms.h"
#include "linux/kstrtox.h"
#include "linux/monitor.h"
#include "linux/printk.h"
#include "linux/sched.h"
#include "linux/string.h"
#include "linux/tty.h"

extern const struct monitor_cmd __monitor_cmds_start[], __monitor_cmds_end[];

#define LINE_MAX 256
#define ARGV_MAX 16

/*
 * What the terminal had received and nobody read, when the monitor took
 * the line back (a program it ran had the receive interrupt on): typed
 * ahead for the monitor, so it reads it first.
 */
static char typeahead[N_TTY_BUF_SIZE];
static unsigned int typeahead_len, typeahead_pos;

static bool kdb_active;

static int monitor_getc(void)
{
	if (!kdb_active && typeahead_pos < typeahead_len)
		return (unsigned char)typeahead[typeahead_pos++];
	return console_getc();
}

/*
 * The last lines run, oldest first, for the arrow keys (a shell's
 * history, kept small: the monitor is for a few commands at a time).
 */
#define HISTORY_LINES 16
static char history[HISTORY_LINES][LINE_MAX];
static unsigned int history_count;      /* lines ever added; the newest is history_count - 1 */

static void add_history(const char *line)
{
	if (!*line || (history_count && strcmp(history[(history_count - 1) % HISTORY_LINES], line) == 0))
		return;         /* blank, or the same as the last one: as bash's ignoredups */
	strlcpy(history[history_count % HISTORY_LINES], line, LINE_MAX);
	history_count++;
}

/* Replace what is on the line (len characters echoed) with text: erase, then echo the new one. */
static int replace_line(char *buf, int len, const char *text, int size)
{
	while (len) {
		len--;
		kprintf("\b \b");
	}
	while (text[len] && len < size - 1) {
		buf[len] = text[len];
		kprintf("%c", text[len]);
		len++;
	}
	return len;
}

/*
 * The rest of an escape sequence after ESC: a terminal sends ESC [ A for
 * up-arrow, ESC [ B for down (ESC O A/B in application mode), ESC [ 3 ~
 * for delete. Returns 'A' or 'B' for the arrows, 0 for anything else
 * (which is dropped, not typed into the line).
 */
static int read_escape(void)
{
	int c = monitor_getc();

	if (c != '[' && c != 'O')
		return 0;
	do
		c = monitor_getc();
	while (c >= '0' && c <= '9');   /* parameters, as in ESC [ 3 ~ */
	return c == 'A' || c == 'B' ? c : 0;
}

/*
 * Read a line into buf (size bytes with the NUL): backspace, ^U and the
 * arrow keys edit it. Returns false if characters were dropped because
 * the line was full.
 */
static bool read_line(char *buf, int size)
{
	int len = 0;
	bool full = false;
	unsigned int back = 0;  /* how far up the history the line is: 0 = a new line */

	for (;;) {
		int c = monitor_getc();

		if (c == '\r' || c == '\n') {
			kprintf("\n");
			break;
		}
		if (c == 0x1b) {
			unsigned int oldest = history_count < HISTORY_LINES ? history_count : HISTORY_LINES;

			c = read_escape();
			if (c == 'A' && back < oldest)
				back++;
			else if (c == 'B' && back > 0)
				back--;
			else
				continue;
			len = replace_line(buf, len, back ? history[(history_count - back) % HISTORY_LINES] : "", size);
			full = false;
			continue;
		}
		if (c == '\b' || c == 0x7f) {
			if (len > 0) {
				len--;
				kprintf("\b \b");
			}
			continue;
		}
		if (c == 0x15) {        /* ^U: erase the line */
			len = replace_line(buf, len, "", size);
			continue;
		}
		if (c < ' ' || c > '~')
			continue;
		if (len == size - 1) {
			full = true;
			continue;
		}
		buf[len++] = (char)c;
		kprintf("%c", c);
	}
	buf[len] = '\0';
	if (!full)
		add_history(buf);
	return !full;
}

bool monitor_parse_ulong(const char *s, unsigned long *v)
{
	return kstrtoul(s, 0, v) == 0;
}

/* Commands that run programs, sleep or allocate: not from inside an interrupt, with everything stopped. */
static bool kdb_refused(const char *name)
{
	static const char *const refused[] = { "run", "test", "alloc", "free", "vmalloc", "kmap" };

	for (unsigned int i = 0; i < sizeof(refused) / sizeof(refused[0]); i++)
		if (strcmp(name, refused[i]) == 0)
			return true;
	return false;
}

int monitor_run_line(char *line)
{
	char *argv[ARGV_MAX];
	int argc = 0;

	for (char *p = line; *p;) {
		while (*p == ' ')
			*p++ = '\0';
		if (!*p)
			break;
		if (argc == ARGV_MAX) {
			kprintf("Too many words: a command takes at most %d; nothing run\n", ARGV_MAX);
			return -1;
		}
		argv[argc++] = p;
		while (*p && *p != ' ')
			p++;
	}
	if (argc == 0)
		return 0;
	if (kdb_active && kdb_refused(argv[0])) {
		kprintf("'%s' cannot run while the system is stopped: 'go' resumes it\n", argv[0]);
		return -1;
	}
	for (const struct monitor_cmd *c = __monitor_cmds_start; c < __monitor_cmds_end; c++) {
		int err;

		if (strcmp(c->name, argv[0]) != 0)
			continue;
		printk_ignore_loglevel = true;
		err = c->fn(argc, argv);
		printk_ignore_loglevel = false;
		if (err != 0) {
			kprintf("usage: %s\n", c->usage);
			return -1;
		}
		return 0;
	}
	kprintf("Unknown command '%s'; 'help' lists the commands\n", argv[0]);
	return -1;
}

void monitor_main(void)
{
	char line[LINE_MAX];

	kprintf("Welcome to the Pagoda kernel monitor. Type 'help' for a list of commands.\n");
	for (;;) {
		/* The monitor owns the line: bytes a program left unread are the monitor's typeahead. */
		serial8250_rx_irq(false);
		if (typeahead_pos == typeahead_len) {
			typeahead_pos = 0;
			typeahead_len = tty_take_input(typeahead, sizeof(typeahead));
		}
		kprintf("pagoda> ");
		if (!read_line(line, sizeof(line)))
			kprintf("Line too long: at most %d characters; nothing run\n", LINE_MAX - 1);
		else
			monitor_run_line(line);
	}
}

/*
 * The kdb key (Ctrl-] k) arrived: called from the serial interrupt with
 * interrupts off, so nothing else runs until 'go' (Linux's kdb_main_loop
 * under kgdb_handle_exception). regs: where the interrupted code was.
 */
void kdb_enter(struct pt_regs *regs)
{
	char line[LINE_MAX];

	if (kdb_active)
		return;
	kdb_active = true;
	kprintf("\nEntering kdb: the system is stopped in %s[%d] (%s mode, eip %#010x); "
		"'go' resumes it\n", current->comm, current->pid, user_mode(regs) ? "user" : "kernel",
		regs->eip);
	for (;;) {
		kprintf("kdb> ");
		if (!read_line(line, sizeof(line))) {
			kprintf("Line too long: at most %d characters; nothing run\n", LINE_MAX - 1);
			continue;
		}
		if (strcmp(line, "go") == 0)
			break;
		monitor_run_line(line);
	}
	kprintf("Leaving kdb: the system runs again\n");
	kdb_active = false;
}

static int cmd_go(int argc, char **argv)
{
	(void)argv;
	if (argc != 1)
		return -1;
	kprintf("go: the system is not stopped (Ctrl-] then k stops it)\n");
	return 0;
}
MONITOR_COMMAND("go", "go", "leave kdb: the stopped system runs again", cmd_go);

/* help: every command with its usage; help CMD: that command's usage and what it does. */
static int cmd_help(int argc, char **argv)
{
	if (argc > 2)
		return -1;
	for (const struct monitor_cmd *c = __monitor_cmds_start; c < __monitor_cmds_end; c++) {
		if (argc == 1) {
			kprintf("  %-28s %s\n", c->usage, c->help);
		} else if (strcmp(c->name, argv[1]) == 0) {
			kprintf("usage: %s\n  %s\n", c->usage, c->help);
			if (c->detail)
				kprintf("%s\n", c->detail);
			return 0;
		}
	}
	if (argc == 2)
		kprintf("help: no command '%s'; 'help' lists them\n", argv[1]);
	return 0;
}
MONITOR_COMMAND("help", "help [CMD]", "list the commands, or explain one", cmd_help);

static int cmd_poweroff(int argc, char **argv)
{
	(void)argv;
	if (argc != 1)
		return -1;
	kprintf("Powering off.\n");
	qemu_exit(EXIT_STATUS_PASS);
}
MONITOR_COMMAND("poweroff", "poweroff", "power the machine off (leave QEMU)", cmd_poweroff);

MONITOR_NO_ARGS(cmd_cmdline, kprintf("%s\n", boot_params.cmdline))
MONITOR_COMMAND("cmdline", "cmdline", "show the kernel command line", cmd_cmdline);

MONITOR_NO_ARGS(cmd_backtrace, dump_stack())
MONITOR_COMMAND("backtrace", "backtrace", "show the monitor's own call stack", cmd_backtrace);
