/*
 * The 16550 UART on COM1, 115200 baud, 8N1: the kernel's console. Output
 * polls for an empty transmit register. Input comes by interrupt (IRQ 4)
 * and goes to the terminal's line discipline (drivers/tty/n_tty.c), except
 * while the monitor owns the line: then it polls, with the interrupt off.
 *
 * The kdb key: Ctrl-] then 'k' on the serial line stops the system in the
 * monitor (Linux's SysRq-g, which a serial line sends as BREAK then 'g').
 * Ctrl-] followed by anything else passes both bytes on.
 */
#include <stdbool.h>
#include "asm/io.h"
#include "asm/irq.h"
#include "linux/console.h"
#include "linux/monitor.h"
#include "linux/tty.h"

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
#define UART_IER_RDI 0x01  /* interrupt when a byte arrives */
#define UART_MCR_OUT2 0x08 /* on a PC, gates the UART's interrupt line to the PIC */
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
	outb(COM1 + UART_MCR, 0x03 | UART_MCR_OUT2);    /* DTR, RTS */
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

static bool rx_irq_on;

void serial8250_rx_irq(bool on)
{
	unsigned long flags = local_irq_save();

	if (on != rx_irq_on) {
		rx_irq_on = on;
		outb(COM1 + UART_IER, on ? UART_IER_RDI : 0);
	}
	local_irq_restore(flags);
}

#define KDB_ESCAPE 0x1d         /* Ctrl-] */
#define KDB_KEY    'k'

/* Every byte that has arrived, to the line discipline; the kdb key to the monitor (serial8250_rx_chars). */
static void serial8250_interrupt(struct pt_regs *regs)
{
	static bool escape;
	int c;

	if (!rx_irq_on)
		return;         /* raised before the monitor took the line: the bytes are its now */
	while ((c = serial_trygetc()) >= 0) {
		if (escape) {
			escape = false;
			if (c == KDB_KEY) {
				kdb_enter(regs);
				continue;
			}
			n_tty_receive_char(&console_tty, KDB_ESCAPE);
		} else if (c == KDB_ESCAPE) {
			escape = true;
			continue;
		}
		n_tty_receive_char(&console_tty, (unsigned char)c);
	}
}

/*
 * Wire the receive interrupt, still off: until a program reads the
 * terminal (or takes it as its own, or init starts), what is typed waits in
 * the UART, where the monitor polls for it; QEMU holds back what the FIFO
 * cannot take, so nothing is lost.
 */
void serial8250_startup(void)
{
	request_irq(IRQ_COM1, serial8250_interrupt);
}
