/*
 * The ATA command set as a driver sees it (Linux's include/linux/ata.h and
 * include/linux/libata.h, the part a PIO driver uses): the task-file
 * registers, their bits, the commands, the IDENTIFY DEVICE words, and
 * libata's port and device.
 */
#ifndef PAGODA_ATA_H
#define PAGODA_ATA_H

#include <stdbool.h>
#include <stdint.h>
#include "linux/blkdev.h"
#include "linux/timer.h"
#include "linux/wait.h"

#define ATA_SECT_SIZE   512
#define ATA_ID_WORDS    256     /* IDENTIFY DEVICE answers one sector of 16-bit words */
#define ATA_MAX_DEVICES 2       /* master and slave on one cable */

/* task-file registers, offsets from the command block (0x1f0 on the first channel) */
#define ATA_REG_DATA    0
#define ATA_REG_ERR     1       /* read; FEATURE when written */
#define ATA_REG_NSECT   2
#define ATA_REG_LBAL    3
#define ATA_REG_LBAM    4
#define ATA_REG_LBAH    5
#define ATA_REG_DEVICE  6
#define ATA_REG_STATUS  7       /* read; CMD when written */
#define ATA_REG_CMD     7

/* status */
#define ATA_BUSY  0x80
#define ATA_DRDY  0x40
#define ATA_DF    0x20
#define ATA_DRQ   0x08
#define ATA_ERR   0x01
/* device register */
#define ATA_DEVICE_OBS 0xa0     /* bits 7 and 5: obsolete, set by tradition */
#define ATA_LBA   0x40
#define ATA_DEV1  0x10          /* the slave */
/* device control (the control block: 0x3f6) */
#define ATA_NIEN  0x02          /* no interrupts */
#define ATA_SRST  0x04
#define ATA_HOB   0x80          /* read the high-order bytes of an LBA48 task file */

/* commands */
#define ATA_CMD_PIO_READ      0x20
#define ATA_CMD_PIO_READ_EXT  0x24
#define ATA_CMD_PIO_WRITE     0x30
#define ATA_CMD_PIO_WRITE_EXT 0x34
#define ATA_CMD_FLUSH         0xe7
#define ATA_CMD_FLUSH_EXT     0xea
#define ATA_CMD_ID_ATA        0xec
#define ATA_CMD_ID_ATAPI      0xa1      /* IDENTIFY PACKET DEVICE: what a CD-ROM answers instead */

/* what is at a position on the cable (Linux's ATA_DEV_* classes) */
#define ATA_DEV_ATA   1
#define ATA_DEV_ATAPI 3
#define ATA_DEV_NONE  11

/* IDENTIFY DEVICE words */
#define ATA_ID_FW_REV        23 /* 8 characters, two to a word, high byte first */
#define ATA_ID_PROD          27 /* 40 characters */
#define ATA_ID_MAX_MULTSECT  47
#define ATA_ID_CAPABILITY    49 /* bit 9: LBA */
#define ATA_ID_FIELD_VALID   53
#define ATA_ID_LBA_CAPACITY  60 /* two words: sectors reachable by LBA28 */
#define ATA_ID_UDMA_MODES    88
#define ATA_ID_MAJOR_VER     80
#define ATA_ID_COMMAND_SET_2 83 /* bit 10: LBA48 */
#define ATA_ID_LBA_CAPACITY_2 100       /* four words: sectors reachable by LBA48 */

#define ATA_MAX_SECTORS      256        /* one LBA28 command (a count of 0 means 256) */
#define ATA_MAX_SECTORS_LBA48 65536
#define ATA_TMOUT_CMD (30 * HZ) /* how long a command may take before it is failed (sd's SD_TIMEOUT, 30 s) */

struct ata_port;

/* One device on a cable (Linux's struct ata_device). */
struct ata_device {
	struct ata_port *link;          /* Linux's dev->link->ap */
	unsigned int devno;             /* 0 master, 1 slave */
	unsigned int class;             /* ATA_DEV_ATA, ATA_DEV_ATAPI or ATA_DEV_NONE */
	bool lba48;                     /* takes READ/WRITE SECTORS EXT */
	unsigned long long n_sectors;
	uint16_t id[ATA_ID_WORDS];      /* IDENTIFY DEVICE's answer */
	struct gendisk disk;            /* what sd makes of it: sda */
};

/* One channel: a command block, a control block, an IRQ (Linux's struct ata_port). */
struct ata_port {
	unsigned int print_id;          /* ata1, ata2: numbered from 1 as Linux does */
	uint16_t cmd_addr, ctl_addr;
	int irq;
	wait_queue_head_t wait;         /* the task waiting for the interrupt, or for the port */
	bool busy;                      /* a command is under way (one at a time per channel) */
	volatile bool irq_seen;         /* the device interrupted since the driver last looked */
	volatile uint8_t irq_status;    /* the status register as the interrupt handler read it */
	struct timer_list timer;        /* fails a command the device never answers */
	volatile bool timed_out;
};

/*
 * Move count sectors at lba of dev to or from buf (a kernel address) by
 * PIO, sleeping while the device works; lba48 picks READ/WRITE SECTORS EXT
 * (needed past sector 2^28 - 1 or for more than 256 sectors). 0 or -EIO.
 * Linux's ata_sff_pio_task and friends, in one function.
 */
int ata_pio_rw(struct ata_device *dev, unsigned long long lba, unsigned int count, void *buf,
	       bool write, bool lba48);
/* Jiffies a command may go unanswered (ATA_TMOUT_CMD; a test shortens it). */
extern unsigned long ata_cmd_timeout;
/* Flush the device's write cache (FLUSH CACHE [EXT]): 0 or -EIO. */
int ata_flush_cache(struct ata_device *dev);
/* Find and IDENTIFY the devices on ap (polled, interrupts off): dev[n].class, and dev[n].id for what is there. */
void ata_port_probe(struct ata_port *ap, struct ata_device dev[ATA_MAX_DEVICES]);
/* libata-core: IDENTIFY's words to what the boot log says; register dev's disk (an ATA one): 0 or -ENODEV. */
int ata_dev_configure(struct ata_device *dev);
/* The IRQ handler for the port that owns irq. */
void ata_sff_interrupt_port(struct ata_port *ap);
/* drivers/ata/ata_piix.c: the PIIX's two legacy channels; called once at boot. */
void ata_piix_init(void);

#endif
