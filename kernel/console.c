/*
 * The console: every byte printk produces goes to COM1 (with \n turned
 * into \r\n for terminals) and, unless console=serial, to VGA text.
 */
#include "arch/io.h"
#include "console.h"

bool console_vga_mirror = true;

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
	}
}

int console_getc(void)
{
	int c;

	while ((c = serial_trygetc()) < 0)
		cpu_relax();
	return c;
}
