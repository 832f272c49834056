/*
 * What IDENTIFY DEVICE says about a disk, and the disk it becomes (Linux's
 * drivers/ata/libata-core.c ata_dev_configure, libata-scsi.c and
 * drivers/scsi/sd.c, folded together: Pagoda has no SCSI layer, but names
 * and numbers disks as Linux's libata + sd do, and prints their lines).
 * The first ATA disk found is sda (8:0), the next sdb (8:16), in the order
 * ata1.00, ata1.01, ata2.00, ata2.01.
 */
#include "linux/ata.h"
#include "linux/blkdev.h"
#include "linux/errno.h"
#include "linux/printk.h"
#include "linux/string.h"

static unsigned int sd_index;   /* disks attached so far: the next is sd('a' + sd_index) */

/* IDENTIFY's strings are big-endian character pairs, padded with spaces (Linux's ata_id_c_string). */
static void ata_id_c_string(const uint16_t *id, char *s, unsigned int ofs, unsigned int len)
{
	unsigned int i;

	for (i = 0; i < len; i += 2) {
		s[i] = (char)(id[ofs + i / 2] >> 8);
		s[i + 1] = (char)(id[ofs + i / 2] & 0xff);
	}
	s[len] = '\0';
	while (len > 0 && s[len - 1] == ' ')
		s[--len] = '\0';
}

/* The highest ATA/ATAPI major version the device claims (word 80), as "ATA-7". */
static unsigned int ata_id_major_version(const uint16_t *id)
{
	unsigned int v = 0;

	if (id[ATA_ID_MAJOR_VER] == 0xffff)
		return 0;
	for (unsigned int bit = 1; bit < 15; bit++)
		if (id[ATA_ID_MAJOR_VER] & (1U << bit))
			v = bit;
	return v;
}

/* The fastest transfer mode the device supports, in Linux's ata_mode_string() words. */
static const char *ata_max_mode(const uint16_t *id)
{
	static const char *const udma[] = { "UDMA/16", "UDMA/25", "UDMA/33", "UDMA/44", "UDMA/66",
					    "UDMA/100", "UDMA/133", "UDMA7" };

	if (id[ATA_ID_FIELD_VALID] & (1U << 2))
		for (int m = 7; m >= 0; m--)
			if (id[ATA_ID_UDMA_MODES] & (1U << m))
				return udma[m];
	return "PIO4";
}

/* Linux's string_get_size(): 3 significant figures, rounded, in units of 1000 or 1024. */
static void string_get_size(unsigned long long bytes, unsigned int base, char *buf, size_t len)
{
	static const char *const units_10[] = { "B", "kB", "MB", "GB", "TB", "PB" };
	static const char *const units_2[] = { "B", "KiB", "MiB", "GiB", "TiB", "PiB" };
	unsigned long long whole = bytes, frac = 0, div = 1;   /* value = whole + frac / div */
	unsigned int u = 0;

	while (whole >= base && u < 5) {
		frac = (whole % base) * 1000 / base;    /* thousandths of the next unit */
		whole /= base;
		u++;
		div = 1000;
	}
	if (u == 0) {
		snprintf(buf, len, "%llu %s", whole, units_10[0]);
		return;
	}
	/* keep 3 digits: whole has 1 to 3 of them */
	unsigned long long scale = whole >= 100 ? 1000 : whole >= 10 ? 100 : 10;
	unsigned long long v = (whole * div + frac + scale / 2) / scale;  /* in units of scale/1000 */
	const char *unit = base == 1000 ? units_10[u] : units_2[u];

	if (scale == 1000)
		snprintf(buf, len, "%llu %s", v, unit);
	else if (scale == 100)
		snprintf(buf, len, "%llu.%llu %s", v / 10, v % 10, unit);
	else
		snprintf(buf, len, "%llu.%02llu %s", v / 100, v % 100, unit);
}

static int sd_rw_sectors(struct gendisk *disk, sector_t sector, unsigned int count, void *buf, bool write)
{
	struct ata_device *dev = disk->private_data;
	bool lba48 = sector + count > (1ULL << 28) || count > ATA_MAX_SECTORS;

	return ata_pio_rw(dev, sector, count, buf, write, lba48);
}

static int sd_flush(struct gendisk *disk)
{
	return ata_flush_cache(disk->private_data);
}

static const struct block_device_operations sd_fops = { .rw_sectors = sd_rw_sectors, .flush = sd_flush };

int ata_dev_configure(struct ata_device *dev)
{
	const uint16_t *id = dev->id;
	struct ata_port *ap = dev->link;
	char model[41], fw[9], mb[16], mib[16];
	unsigned int host = ap->print_id - 1;
	struct gendisk *disk = &dev->disk;

	if (dev->class == ATA_DEV_ATAPI) {
		ata_id_c_string(id, model, ATA_ID_PROD, 40);
		ata_id_c_string(id, fw, ATA_ID_FW_REV, 8);
		pr_info("ata%u.%02u: ATAPI: %s, %s, max %s\n", ap->print_id, dev->devno, model, fw, ata_max_mode(id));
		pr_info("ata%u.%02u: no driver for a packet device (Linux's sr would make it sr0)\n", ap->print_id,
			dev->devno);
		return -ENODEV;
	}
	if (!(id[ATA_ID_CAPABILITY] & (1U << 9))) {
		pr_err("ata%u.%02u: no LBA: CHS-only disks are not supported\n", ap->print_id, dev->devno);
		return -ENODEV;
	}
	if (sd_index >= 26) {
		pr_err("ata%u.%02u: more than 26 disks\n", ap->print_id, dev->devno);
		return -ENODEV;
	}
	ata_id_c_string(id, model, ATA_ID_PROD, 40);
	ata_id_c_string(id, fw, ATA_ID_FW_REV, 8);
	dev->lba48 = id[ATA_ID_COMMAND_SET_2] & (1U << 10);
	dev->n_sectors = id[ATA_ID_LBA_CAPACITY] | (unsigned long long)id[ATA_ID_LBA_CAPACITY + 1] << 16;
	if (dev->lba48)
		dev->n_sectors = id[ATA_ID_LBA_CAPACITY_2] |
				 (unsigned long long)id[ATA_ID_LBA_CAPACITY_2 + 1] << 16 |
				 (unsigned long long)id[ATA_ID_LBA_CAPACITY_2 + 2] << 32;

	pr_info("ata%u.%02u: ATA-%u: %s, %s, max %s\n", ap->print_id, dev->devno, ata_id_major_version(id),
		model, fw, ata_max_mode(id));
	pr_info("ata%u.%02u: %llu sectors, multi %u: %s \n", ap->print_id, dev->devno, dev->n_sectors,
		id[ATA_ID_MAX_MULTSECT] & 0xff, dev->lba48 ? "LBA48" : "LBA");
	pr_info("ata%u.%02u: configured for PIO4\n", ap->print_id, dev->devno);
	pr_info("scsi %u:0:%u:0: Direct-Access     ATA      %-16.16s %-4.4s PQ: 0 ANSI: 5\n", host, dev->devno,
		model, fw);

	snprintf(disk->disk_name, sizeof(disk->disk_name), "sd%c", 'a' + sd_index);
	disk->major = SCSI_DISK0_MAJOR;
	disk->first_minor = sd_index * 16;
	disk->capacity = dev->n_sectors;
	disk->fops = &sd_fops;
	disk->private_data = dev;
	sd_index++;
	string_get_size(dev->n_sectors * ATA_SECT_SIZE, 1000, mb, sizeof(mb));
	string_get_size(dev->n_sectors * ATA_SECT_SIZE, 1024, mib, sizeof(mib));
	pr_info("sd %u:0:%u:0: [%s] %llu 512-byte logical blocks: (%s/%s)\n", host, dev->devno, disk->disk_name,
		dev->n_sectors, mb, mib);
	add_disk(disk);
	pr_info("sd %u:0:%u:0: [%s] Attached SCSI disk\n", host, dev->devno, disk->disk_name);
	return 0;
}
