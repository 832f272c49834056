/*
 * The task-file interface of an IDE channel (Linux's drivers/ata/libata-sff.c):
 * a command is its registers written one by one, then the command byte; the
 * data of a PIO command moves 512 bytes at a time through the data port, and
 * the device raises its interrupt line each time a sector is ready (reads) or
 * taken (writes).
 *
 * Interrupts, not polling: the caller sleeps on the port's wait queue while
 * the disk works, and the interrupt handler wakes it, so other tasks run in
 * the meantime. Only probing polls, with interrupts off at the device (nIEN):
 * an absent device never interrupts, so there is nothing to sleep on.
 */
#include "asm/io.h"
#include "linux/ata.h"
#include "linux/errno.h"
#include "linux/printk.h"
#include "linux/sched.h"
#include "linux/timer.h"
#include "linux/wait.h"

#define ATA_POLL_LOOPS 1000000  /* status reads before a probe gives up: a real disk spins up in seconds, QEMU's at once */

static uint8_t ata_read(struct ata_port *ap, int reg)
{
	return inb((uint16_t)(ap->cmd_addr + reg));
}

static void ata_write(struct ata_port *ap, int reg, uint8_t v)
{
	outb((uint16_t)(ap->cmd_addr + reg), v);
}

/* The alternate status: the status without acknowledging an interrupt (Linux's ata_sff_altstatus). */
static uint8_t ata_altstatus(struct ata_port *ap)
{
	return inb(ap->ctl_addr);
}

/* Select dev and let the 400 ns the standard asks for pass (four status reads; Linux's ata_sff_pause). */
static void ata_dev_select(struct ata_port *ap, unsigned int devno, uint8_t bits)
{
	ata_write(ap, ATA_REG_DEVICE, (uint8_t)(ATA_DEVICE_OBS | bits | (devno ? ATA_DEV1 : 0)));
	for (int i = 0; i < 4; i++)
		ata_altstatus(ap);
}

/* Spin until BSY clears: the status, or 0xff if it never does (Linux's ata_sff_busy_wait). */
static uint8_t ata_busy_wait(struct ata_port *ap)
{
	for (long i = 0; i < ATA_POLL_LOOPS; i++) {
		uint8_t status = ata_altstatus(ap);

		if (!(status & ATA_BUSY))
			return status;
		cpu_relax();
	}
	return 0xff;
}

/*
 * Is a device there (Linux's ata_devchk)? Write two patterns to the sector
 * count and LBA low registers and read them back: an empty position on
 * the cable keeps neither.
 */
static bool ata_devchk(struct ata_port *ap, unsigned int devno)
{
	ata_dev_select(ap, devno, 0);
	ata_write(ap, ATA_REG_NSECT, 0x55);
	ata_write(ap, ATA_REG_LBAL, 0xaa);
	ata_write(ap, ATA_REG_NSECT, 0xaa);
	ata_write(ap, ATA_REG_LBAL, 0x55);
	ata_write(ap, ATA_REG_NSECT, 0x55);
	ata_write(ap, ATA_REG_LBAL, 0xaa);
	return ata_read(ap, ATA_REG_NSECT) == 0x55 && ata_read(ap, ATA_REG_LBAL) == 0xaa;
}

/*
 * IDENTIFY DEVICE, polled (Linux's ata_dev_read_id): the device's class,
 * with id filled unless ATA_DEV_NONE. A packet (ATAPI) device aborts the
 * command and leaves its signature 0x14/0xeb in LBA mid/high; it answers
 * IDENTIFY PACKET DEVICE instead.
 */
static unsigned int ata_dev_read_id(struct ata_port *ap, unsigned int devno, uint16_t *id)
{
	unsigned int class = ATA_DEV_ATA;
	uint8_t status;

	ata_dev_select(ap, devno, 0);
	ata_write(ap, ATA_REG_CMD, ATA_CMD_ID_ATA);
	if (ata_altstatus(ap) == 0)
		return ATA_DEV_NONE;
	status = ata_busy_wait(ap);
	if (status != 0xff && (status & ATA_ERR) &&
	    ata_read(ap, ATA_REG_LBAM) == 0x14 && ata_read(ap, ATA_REG_LBAH) == 0xeb) {
		class = ATA_DEV_ATAPI;
		ata_write(ap, ATA_REG_CMD, ATA_CMD_ID_ATAPI);
		status = ata_busy_wait(ap);
	}
	if (status == 0xff || (status & ATA_ERR) || !(status & ATA_DRQ))
		return ATA_DEV_NONE;
	insw((uint16_t)(ap->cmd_addr + ATA_REG_DATA), id, ATA_ID_WORDS);
	ata_read(ap, ATA_REG_STATUS);
	return class;
}

void ata_port_probe(struct ata_port *ap, struct ata_device dev[ATA_MAX_DEVICES])
{
	outb(ap->ctl_addr, ATA_NIEN);
	for (unsigned int devno = 0; devno < ATA_MAX_DEVICES; devno++)
		dev[devno].class = ata_devchk(ap, devno) ? ata_dev_read_id(ap, devno, dev[devno].id) : ATA_DEV_NONE;
	ata_dev_select(ap, 0, 0);
	outb(ap->ctl_addr, 0);  /* interrupts on */
	ata_read(ap, ATA_REG_STATUS);
}

void ata_sff_interrupt_port(struct ata_port *ap)
{
	ap->irq_status = ata_read(ap, ATA_REG_STATUS);  /* reading it acknowledges the interrupt */
	ap->irq_seen = true;
	wake_up(&ap->wait);
}

unsigned long ata_cmd_timeout = ATA_TMOUT_CMD;

/*
 * Reset both devices on the channel (SRST in the device control register,
 * Linux's ata_bus_softreset): what error handling does after a timeout, so
 * that a device stuck in the middle of a command takes the next one.
 */
static void ata_bus_softreset(struct ata_port *ap)
{
	outb(ap->ctl_addr, ATA_NIEN | ATA_SRST);
	for (int i = 0; i < 10; i++)
		io_delay();     /* SRST must stay up at least 5 us */
	outb(ap->ctl_addr, ATA_NIEN);
	ata_busy_wait(ap);
	outb(ap->ctl_addr, 0);
	ata_read(ap, ATA_REG_STATUS);
}

/* The device said nothing for ATA_TMOUT_CMD: wake the waiter to fail the command (Linux's ata_qc_timeout). */
static void ata_timeout(struct timer_list *timer)
{
	struct ata_port *ap = (struct ata_port *)timer->data;

	ap->timed_out = true;
	wake_up(&ap->wait);
}

/* Sleep until the device interrupts: the status it had then, or ATA_ERR after ATA_TMOUT_CMD of silence. */
static uint8_t ata_wait_irq(struct ata_port *ap)
{
	timer_setup(&ap->timer, ata_timeout, (unsigned long)ap);
	ap->timed_out = false;
	mod_timer(&ap->timer, jiffies + ata_cmd_timeout);
	wait_event(ap->wait, ap->irq_seen || ap->timed_out);
	del_timer(&ap->timer);
	if (!ap->irq_seen) {
		pr_err("ata%u: command timed out after %lu ms: status 0x%x; resetting the channel\n", ap->print_id,
		       ata_cmd_timeout * 1000 / HZ, ata_altstatus(ap));
		ata_bus_softreset(ap);
		return ATA_ERR;
	}
	ap->irq_seen = false;
	return ap->irq_status;
}

/* One command at a time per channel: the others sleep (Linux queues them instead). */
static void ata_port_claim(struct ata_port *ap)
{
	wait_event(ap->wait, !ap->busy);
	ap->busy = true;
}

static void ata_port_release(struct ata_port *ap)
{
	ap->busy = false;
	wake_up(&ap->wait);
}

/* Write the task file of an LBA command (Linux's ata_tf_load): the high bytes first for LBA48. */
static void ata_tf_load(struct ata_port *ap, unsigned int devno, unsigned long long lba, unsigned int count,
			bool lba48)
{
	ata_dev_select(ap, devno, (uint8_t)(ATA_LBA | (lba48 ? 0 : (lba >> 24) & 0xf)));
	if (lba48) {
		ata_write(ap, ATA_REG_NSECT, (uint8_t)(count >> 8));
		ata_write(ap, ATA_REG_LBAL, (uint8_t)(lba >> 24));
		ata_write(ap, ATA_REG_LBAM, (uint8_t)(lba >> 32));
		ata_write(ap, ATA_REG_LBAH, (uint8_t)(lba >> 40));
	}
	ata_write(ap, ATA_REG_NSECT, (uint8_t)count);   /* 256 (or 65536) is written as 0 */
	ata_write(ap, ATA_REG_LBAL, (uint8_t)lba);
	ata_write(ap, ATA_REG_LBAM, (uint8_t)(lba >> 8));
	ata_write(ap, ATA_REG_LBAH, (uint8_t)(lba >> 16));
}

static bool ata_status_bad(uint8_t status)
{
	return status & (ATA_BUSY | ATA_DF | ATA_ERR);
}

static int ata_pio_read(struct ata_port *ap, unsigned int count, uint8_t *buf)
{
	for (unsigned int i = 0; i < count; i++) {
		uint8_t status = ata_wait_irq(ap);

		if (ata_status_bad(status) || !(status & ATA_DRQ))
			return -EIO;
		insw((uint16_t)(ap->cmd_addr + ATA_REG_DATA), buf + i * ATA_SECT_SIZE, ATA_SECT_SIZE / 2);
	}
	return 0;
}

/* The first sector goes when DRQ comes up (no interrupt for it); each later one after an interrupt. */
static int ata_pio_write(struct ata_port *ap, unsigned int count, const uint8_t *buf)
{
	uint8_t status = ata_busy_wait(ap);

	for (unsigned int i = 0; i < count; i++) {
		if (ata_status_bad(status) || !(status & ATA_DRQ))
			return -EIO;
		outsw((uint16_t)(ap->cmd_addr + ATA_REG_DATA), buf + i * ATA_SECT_SIZE, ATA_SECT_SIZE / 2);
		status = ata_wait_irq(ap);
	}
	return ata_status_bad(status) ? -EIO : 0;
}

int ata_pio_rw(struct ata_device *dev, unsigned long long lba, unsigned int count, void *buf,
	       bool write, bool lba48)
{
	struct ata_port *ap = dev->link;
	int err;

	if (count == 0 || count > (lba48 ? ATA_MAX_SECTORS_LBA48 : ATA_MAX_SECTORS) ||
	    lba + count > (lba48 ? 1ULL << 48 : 1ULL << 28) || (lba48 && !dev->lba48))
		return -EIO;
	ata_port_claim(ap);
	ata_tf_load(ap, dev->devno, lba, count & (lba48 ? 0xffff : 0xff), lba48);
	ap->irq_seen = false;
	ata_write(ap, ATA_REG_CMD, write ? (lba48 ? ATA_CMD_PIO_WRITE_EXT : ATA_CMD_PIO_WRITE)
					 : (lba48 ? ATA_CMD_PIO_READ_EXT : ATA_CMD_PIO_READ));
	err = write ? ata_pio_write(ap, count, buf) : ata_pio_read(ap, count, buf);
	if (err)
		pr_err("ata%u.%02u: failed command: %s SECTOR%s at %llu, %u sectors\n", ap->print_id, dev->devno,
		       write ? "WRITE" : "READ", lba48 ? "S EXT" : "S", lba, count);
	ata_port_release(ap);
	return err;
}

int ata_flush_cache(struct ata_device *dev)
{
	struct ata_port *ap = dev->link;
	uint8_t status;

	ata_port_claim(ap);
	ata_dev_select(ap, dev->devno, 0);
	ap->irq_seen = false;
	ata_write(ap, ATA_REG_CMD, dev->lba48 ? ATA_CMD_FLUSH_EXT : ATA_CMD_FLUSH);
	status = ata_wait_irq(ap);
	ata_port_release(ap);
	return ata_status_bad(status) ? -EIO : 0;
}
