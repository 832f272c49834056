/*
 * Linux writes to its consoles from kernel/printk/printk.c (call_console_drivers); apart here, beside printk.
 *
 * The console: every byte printk produces goes to COM1 (with \n turned
 * into \r\n for terminals) and, unless console=serial, to VGA text.
 */
#include "asm/io.h"
#include <stddef.h>
#include "linux/console.h"

bool console_vga_mirror = true;

/* console_capture(): a copy of what is written, for tests that read what the kernel printed. */
static char *capture_buf;
static unsigned int capture_size, capture_len;

void console_capture(char *buf, unsigned int size)
{
	capture_buf = buf;
	capture_size = size;
	capture_len = 0;
	if (buf && size)
		buf[0] = '\0';
}

unsigned int console_capture_end(void)
{
	unsigned int n = capture_len;

	capture_buf = NULL;
	return n;
}

void console_init(void)
{
	serial_init();
	vga_clear();
}

void console_write(const char *s, unsigned int len)
{
	for (unsigned int i = 0; i < len; i++) {
		if (s[i] == '\n')
			serial_putc('\r');
		serial_putc(s[i]);
		if (console_vga_mirror)
			vga_putc(s[i]);
		if (capture_buf && capture_len + 1 < capture_size) {
			capture_buf[capture_len++] = s[i];
			capture_buf[capture_len] = '\0';
		}
	}
}

int console_getc(void)
{
	int c;

	while ((c = serial_trygetc()) < 0)
		cpu_relax();
	return c;
}
