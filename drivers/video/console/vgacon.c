/*
 * VGA text mode (80x25 at physical 0xB8000), a mirror of the serial
 * console for whoever watches the QEMU window. Scrolls; no cursor moves.
 */
#include <stdint.h>
#include "linux/console.h"

#define VGA_COLS  80
#define VGA_ROWS  25
#define VGA_PHYS  0xB8000
#define VGA_ATTR  0x0700        /* light grey on black */
#define PAGE_OFFSET_VGA 0xC0000000

static volatile uint16_t *const vga = (volatile uint16_t *)(PAGE_OFFSET_VGA + VGA_PHYS);
static int row, col;

static void vga_scroll(void)
{
	for (int i = 0; i < (VGA_ROWS - 1) * VGA_COLS; i++)
		vga[i] = vga[i + VGA_COLS];
	for (int i = 0; i < VGA_COLS; i++)
		vga[(VGA_ROWS - 1) * VGA_COLS + i] = VGA_ATTR | ' ';
	row = VGA_ROWS - 1;
}

void vga_clear(void)
{
	for (int i = 0; i < VGA_ROWS * VGA_COLS; i++)
		vga[i] = VGA_ATTR | ' ';
	row = col = 0;
}

void vga_putc(char c)
{
	if (c == '\n') {
		col = 0;
		if (++row == VGA_ROWS)
			vga_scroll();
		return;
	}
	if (c == '\r')
		return;
	if (c == '\b') {
		if (col > 0)
			col--;
		return;
	}
	vga[row * VGA_COLS + col] = VGA_ATTR | (uint8_t)c;
	if (++col == VGA_COLS) {
		col = 0;
		if (++row == VGA_ROWS)
			vga_scroll();
	}
}
