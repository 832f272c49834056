/*
 * The 16550 UART on COM1, 115200 baud, 8N1: the kernel's console. Output
 * polls for an empty transmit register; input is polled too (the monitor
 * waits for a line, and nothing else competes for the port).
 */
#include <stdbool.h>
#include "asm/io.h"
#include "linux/console.h"

#define COM1       0x3F8
#define UART_RBR   0       /* receive buffer (read) */
#define UART_THR   0       /* transmit holding (write) */
#define UART_IER   1
#define UART_FCR   2
#define UART_LCR   3
#define UART_MCR   4
#define UART_LSR   5
#define UART_DLL   0       /* divisor latch, when LCR.DLAB is set */
#define UART_DLM   1
#define LCR_DLAB   0x80
#define LCR_8N1    0x03
#define LSR_DR     0x01    /* data ready */
#define LSR_THRE   0x20    /* transmit holding register empty */
#define BAUD_BASE  115200

void serial_init(void)
{
	unsigned int divisor = BAUD_BASE / 115200;

	outb(COM1 + UART_IER, 0);               /* no UART interrupts */
	outb(COM1 + UART_LCR, LCR_DLAB);
	outb(COM1 + UART_DLL, divisor & 0xFF);
	outb(COM1 + UART_DLM, divisor >> 8);
	outb(COM1 + UART_LCR, LCR_8N1);
	outb(COM1 + UART_FCR, 0xC7);            /* enable and clear FIFOs */
	outb(COM1 + UART_MCR, 0x03);            /* DTR, RTS */
}

void serial_putc(char c)
{
	while (!(inb(COM1 + UART_LSR) & LSR_THRE))
		cpu_relax();
	outb(COM1 + UART_THR, (uint8_t)c);
}

int serial_trygetc(void)
{
	if (!(inb(COM1 + UART_LSR) & LSR_DR))
		return -1;
	return inb(COM1 + UART_RBR);
}
