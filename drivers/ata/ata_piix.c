/*
 * The Intel PIIX IDE controller QEMU's "pc" machine has (Linux's
 * drivers/ata/ata_piix.c), in legacy mode: two channels at the ISA
 * addresses every IDE controller has answered at since the PC/AT, each
 * with up to two disks. Bus-master DMA is left unused: PIO only.
 */
#include "asm/irq.h"
#include "linux/ata.h"
#include "linux/printk.h"
#include "linux/slab.h"

#define ATA_PRIMARY_CMD   0x1f0
#define ATA_PRIMARY_CTL   0x3f6
#define ATA_PRIMARY_IRQ   14
#define ATA_SECONDARY_CMD 0x170
#define ATA_SECONDARY_CTL 0x376
#define ATA_SECONDARY_IRQ 15

static struct ata_port piix_ports[2] = {
	{ .print_id = 1, .cmd_addr = ATA_PRIMARY_CMD, .ctl_addr = ATA_PRIMARY_CTL, .irq = ATA_PRIMARY_IRQ },
	{ .print_id = 2, .cmd_addr = ATA_SECONDARY_CMD, .ctl_addr = ATA_SECONDARY_CTL, .irq = ATA_SECONDARY_IRQ },
};

static void piix_irq14(struct pt_regs *regs)
{
	(void)regs;
	ata_sff_interrupt_port(&piix_ports[0]);
}

static void piix_irq15(struct pt_regs *regs)
{
	(void)regs;
	ata_sff_interrupt_port(&piix_ports[1]);
}

void ata_piix_init(void)
{
	for (int i = 0; i < 2; i++) {
		struct ata_port *ap = &piix_ports[i];
		struct ata_device *dev = kzalloc(ATA_MAX_DEVICES * sizeof(*dev), GFP_KERNEL);

		if (!dev)
			panic("ata_piix: no memory for %u devices", ATA_MAX_DEVICES);
		init_waitqueue_head(&ap->wait);
		ata_port_probe(ap, dev);
		if (dev[0].class == ATA_DEV_NONE && dev[1].class == ATA_DEV_NONE) {
			kfree(dev);
			continue;
		}
		pr_info("ata%u: PATA max PIO4 cmd 0x%x ctl 0x%x irq %d\n", ap->print_id, ap->cmd_addr,
			ap->ctl_addr, ap->irq);
		request_irq(ap->irq, i == 0 ? piix_irq14 : piix_irq15);
		for (unsigned int devno = 0; devno < ATA_MAX_DEVICES; devno++) {
			dev[devno].link = ap;
			dev[devno].devno = devno;
			if (dev[devno].class != ATA_DEV_NONE)
				ata_dev_configure(&dev[devno]);
		}
	}
}
