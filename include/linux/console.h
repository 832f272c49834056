/* The console: COM1 always, VGA text as an optional mirror (console=serial turns it off). */
#ifndef PAGODA_CONSOLE_H
#define PAGODA_CONSOLE_H

#include <stdbool.h>

void serial_init(void);
void serial_putc(char c);
int serial_trygetc(void);
void vga_clear(void);
void vga_putc(char c);

void console_init(void);
void console_write(const char *s, unsigned int len);
int console_getc(void);         /* waits for a byte */
extern bool console_vga_mirror;

/*
 * console_capture(buf, size): from now on, also copy what the console
 * writes into buf (NUL-terminated, cut at size - 1 bytes) until
 * console_capture_end(), which returns how many bytes were kept. Tests use
 * it to check what show_slabinfo() and friends print.
 */
void console_capture(char *buf, unsigned int size);
unsigned int console_capture_end(void);

#endif
