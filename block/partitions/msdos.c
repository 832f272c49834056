/*
 * The PC partition table (Linux's block/partitions/msdos.c): the master
 * boot record's last 66 bytes hold four 16-byte entries and the signature
 * 0x55 0xaa. An entry of an extended type starts a chain of extended boot
 * records, each holding one logical partition (sda5, sda6, ...) and a link
 * to the next; the extended partition itself is kept 2 sectors long, as
 * Linux does, so that nothing makes a file system on it.
 */
#include <stdint.h>
#include "linux/blkdev.h"
#include "linux/errno.h"
#include "linux/slab.h"
#include "linux/string.h"

#define MSDOS_LABEL_MAGIC 0xaa55
#define MBR_PART_OFFSET   0x1be
#define DOS_EXTENDED_PARTITION       0x05
#define WIN98_EXTENDED_PARTITION     0x0f
#define LINUX_EXTENDED_PARTITION     0x85
#define EFI_PMBR_OSTYPE_EFI_GPT      0xee
#define MAX_LOGICAL 100         /* links followed in a chain before it is taken for a loop */

struct msdos_partition {        /* one entry, little-endian, not aligned */
	uint8_t boot_ind, head, sector, cyl, sys_ind, end_head, end_sector, end_cyl;
	uint8_t start_sect[4], nr_sects[4];
};

static uint32_t get_le32(const uint8_t *p)
{
	return p[0] | p[1] << 8 | p[2] << 16 | (uint32_t)p[3] << 24;
}

static bool is_extended_partition(const struct msdos_partition *p)
{
	return p->sys_ind == DOS_EXTENDED_PARTITION || p->sys_ind == WIN98_EXTENDED_PARTITION ||
	       p->sys_ind == LINUX_EXTENDED_PARTITION;
}

/* Read one sector into buf and check the signature: true if it is a partition table. */
static bool read_table(struct gendisk *disk, sector_t sector, uint8_t *buf, int *err)
{
	if (sector >= disk->capacity)
		return false;
	*err = disk->fops->rw_sectors(disk, sector, 1, buf, false);
	return !*err && (buf[510] | buf[511] << 8) == MSDOS_LABEL_MAGIC;
}

/* Follow the chain of extended boot records from ext_start: logical partitions from slot 5 on. */
static void parse_extended(struct gendisk *disk, uint8_t *buf, sector_t ext_start, sector_t ext_size,
			   struct parsed_partitions *state)
{
	sector_t this_sector = ext_start;
	int slot = 5, err = 0;

	for (int loops = 0; loops < MAX_LOGICAL && slot < DISK_MAX_PARTS; loops++) {
		const struct msdos_partition *p;
		sector_t next = 0;

		if (!read_table(disk, this_sector, buf, &err))
			return;
		p = (const struct msdos_partition *)(buf + MBR_PART_OFFSET);
		/* the first entry that is not extended is the logical partition; the first extended one the link */
		for (int i = 0; i < 4; i++, p++) {
			uint32_t s = get_le32(p->start_sect), n = get_le32(p->nr_sects);

			if (!n || !p->sys_ind)
				continue;
			if (is_extended_partition(p)) {
				if (!next)
					next = ext_start + s;
			} else if (slot < DISK_MAX_PARTS && i < 2) {
				state->from[slot] = this_sector + s;
				state->size[slot] = n;
				slot++;
			}
		}
		if (!next || next >= ext_start + ext_size)
			return;
		this_sector = next;
	}
}

int msdos_partition(struct gendisk *disk, struct parsed_partitions *state)
{
	uint8_t *buf = kmalloc(SECTOR_SIZE, GFP_KERNEL);
	const struct msdos_partition *p;
	int err = 0;

	if (!buf)
		return -ENOMEM;
	if (!read_table(disk, 0, buf, &err)) {
		kfree(buf);
		return err ? -EIO : 0;  /* no table: the whole disk is the only device */
	}
	p = (const struct msdos_partition *)(buf + MBR_PART_OFFSET);
	/* A boot indicator other than 0 or 0x80 means this is no partition table (a FAT boot sector, say). */
	for (int i = 0; i < 4; i++)
		if (p[i].boot_ind != 0 && p[i].boot_ind != 0x80) {
			kfree(buf);
			return 0;
		}
	for (int i = 0; i < 4; i++)
		if (p[i].sys_ind == EFI_PMBR_OSTYPE_EFI_GPT) {
			kfree(buf);     /* a GPT disk's protective MBR: Pagoda reads no GPT */
			return 0;
		}
	struct msdos_partition table[4];

	memcpy(table, p, sizeof(table));
	for (int i = 0; i < 4; i++) {
		sector_t s = get_le32(table[i].start_sect), n = get_le32(table[i].nr_sects);

		if (!n)
			continue;
		state->from[i + 1] = s;
		state->size[i + 1] = n;
		if (is_extended_partition(&table[i]) && !state->extended) {
			state->size[i + 1] = n < 2 ? n : 2;
			state->extended = i + 1;
			parse_extended(disk, buf, s, n, state);
		}
	}
	kfree(buf);
	return 0;
}
