/*
 * The disk driver and block devices, from inside.
 *
 * block (in test=*): with or without disks, the device number just past
 * the last disk belongs to no one: looked up it is NULL, opened -ENXIO.
 *
 * ata (only when named: test=ata): tests/disk_test.py boots it with two
 * disks it made just before. sda: 8 MiB, an MBR with sda1 (2048 sectors
 * at 2048) and sda2 (4096 at 4096), every other sector S holding "SECT",
 * S (32 bits, little-endian), then bytes (S * 7 + i) & 0xff. sdb: an ext2
 * file system from tools/mkdisk. The cases read known sectors (by LBA28
 * and LBA48 alike, across the 256-sector limit of one command), check the
 * partitions, and write: sda's sector 300 gets 'K's and sdb's sector 1
 * (ext2's unused boot block) 'E's, which the host then finds in the images,
 * sdb still clean to e2fsck -fn. Last, a command the device never answers
 * times out, and the channel works again after the reset.
 */
#include "asm/io.h"
#include "kunit/test.h"
#include "linux/ata.h"
#include "linux/blkdev.h"
#include "linux/errno.h"
#include "linux/fs.h"
#include "linux/slab.h"
#include "linux/string.h"

#define PATTERN_SECTORS 16384

static unsigned int nr_disks(void)
{
	unsigned int n = 0;

	while (disk_by_index(n))
		n++;
	return n;
}

/* The sector the harness wrote at S, in buf. */
static bool pattern_sector(const uint8_t *buf, unsigned long long s)
{
	if (memcmp(buf, "SECT", 4) || buf[4] != (uint8_t)s || buf[5] != (uint8_t)(s >> 8) ||
	    buf[6] != (uint8_t)(s >> 16) || buf[7] != (uint8_t)(s >> 24))
		return false;
	for (unsigned int i = 8; i < SECTOR_SIZE; i++)
		if (buf[i] != (uint8_t)((s * 7 + i) & 0xff))
			return false;
	return true;
}

static int open_devno(dev_t dev)
{
	struct inode inode = { .i_mode = S_IFBLK | 0600, .i_rdev = new_encode_dev(dev) };
	struct file f = { .f_op = &def_blk_fops };

	return def_blk_fops.open(&inode, &f);
}

static void block_no_device_is_enxio(struct ktest *t)
{
	dev_t past = MKDEV(SCSI_DISK0_MAJOR, nr_disks() * DISK_MAX_PARTS);

	KTEST_EXPECT_TRUE(t, bdev_lookup(past) == NULL);
	KTEST_EXPECT_EQ(t, open_devno(past), -ENXIO);
	KTEST_EXPECT_TRUE(t, bdev_lookup(MKDEV(1, 3)) == NULL);        /* /dev/null's number is no block device */
}

static struct ktest_case block_cases[] = {
	KTEST_CASE(block_no_device_is_enxio),
	{}
};
KTEST_SUITE(block, block_cases);

static struct gendisk *sda(struct ktest *t)
{
	struct gendisk *disk = disk_by_index(0);

	if (!disk || disk->capacity != PATTERN_SECTORS)
		KTEST_SKIP(t, "needs tests/disk_test.py's pattern disk as sda");
	return disk;
}

static void ata_disks_named_as_linux(struct ktest *t)
{
	struct gendisk *a = sda(t), *b = disk_by_index(1);

	KTEST_EXPECT_STREQ(t, a->disk_name, "sda");
	KTEST_EXPECT_EQ(t, a->part[0]->bd_dev, MKDEV(8, 0));
	KTEST_ASSERT_TRUE(t, b != NULL);
	KTEST_EXPECT_STREQ(t, b->disk_name, "sdb");
	KTEST_EXPECT_EQ(t, b->first_minor, 16);
	KTEST_EXPECT_TRUE(t, bdev_lookup(MKDEV(8, 16)) == b->part[0]);
}

static void ata_read_known_sectors(struct ktest *t)
{
	struct block_device *whole = bdev_lookup(MKDEV(8, 0));
	/* 300 sectors from 1: more than one LBA28 command moves (256), so two go to the disk */
	uint8_t *buf = kmalloc(300 * SECTOR_SIZE, GFP_KERNEL);
	unsigned int bad = 0;

	sda(t);
	KTEST_ASSERT_TRUE(t, whole && buf);
	KTEST_ASSERT_EQ(t, bdev_rw(whole, 1, 300, buf, false), 0);
	for (unsigned int i = 0; i < 300; i++)
		bad += !pattern_sector(buf + i * SECTOR_SIZE, 1 + i);
	KTEST_EXPECT_EQ(t, bad, 0);
	KTEST_EXPECT_EQ(t, bdev_rw(whole, PATTERN_SECTORS - 1, 1, buf, false), 0);
	KTEST_EXPECT_TRUE(t, pattern_sector(buf, PATTERN_SECTORS - 1));
	KTEST_EXPECT_EQ(t, bdev_rw(whole, PATTERN_SECTORS - 1, 2, buf, false), -EINVAL);
	KTEST_EXPECT_EQ(t, bdev_rw(whole, PATTERN_SECTORS, 1, buf, false), -EINVAL);
	kfree(buf);
}

static void ata_lba48_reads_what_lba28_reads(struct ktest *t)
{
	struct gendisk *disk = sda(t);
	struct ata_device *dev = disk->private_data;
	uint8_t *a = kmalloc(2 * 8 * SECTOR_SIZE, GFP_KERNEL), *b = a + 8 * SECTOR_SIZE;

	KTEST_ASSERT_TRUE(t, a != NULL);
	KTEST_ASSERT_TRUE(t, dev->lba48);       /* QEMU's disks say they take the EXT commands */
	KTEST_ASSERT_EQ(t, ata_pio_rw(dev, 1000, 8, a, false, false), 0);
	KTEST_ASSERT_EQ(t, ata_pio_rw(dev, 1000, 8, b, false, true), 0);
	KTEST_EXPECT_EQ(t, memcmp(a, b, 8 * SECTOR_SIZE), 0);
	KTEST_EXPECT_TRUE(t, pattern_sector(b, 1000) && pattern_sector(b + 7 * SECTOR_SIZE, 1007));
	/* what a command cannot carry is refused before the disk sees it */
	KTEST_EXPECT_EQ(t, ata_pio_rw(dev, (1ULL << 28) - 1, 2, a, false, false), -EIO);
	KTEST_EXPECT_EQ(t, ata_pio_rw(dev, 0, 0, a, false, false), -EIO);
	kfree(a);
}

static void ata_partitions_from_the_mbr(struct ktest *t)
{
	struct block_device *p1 = bdev_lookup(MKDEV(8, 1)), *p2 = bdev_lookup(MKDEV(8, 2));
	uint8_t *buf = kmalloc(SECTOR_SIZE, GFP_KERNEL);

	sda(t);
	KTEST_ASSERT_TRUE(t, p1 && p2 && buf);
	KTEST_EXPECT_STREQ(t, p1->bd_name, "sda1");
	KTEST_EXPECT_EQ(t, p1->bd_start_sect, 2048);
	KTEST_EXPECT_EQ(t, p1->bd_nr_sectors, 2048);
	KTEST_EXPECT_EQ(t, p2->bd_start_sect, 4096);
	KTEST_EXPECT_EQ(t, p2->bd_nr_sectors, 4096);
	KTEST_EXPECT_TRUE(t, bdev_lookup(MKDEV(8, 3)) == NULL);
	KTEST_EXPECT_EQ(t, open_devno(MKDEV(8, 3)), -ENXIO);
	KTEST_EXPECT_EQ(t, bdev_rw(p2, 5, 1, buf, false), 0);  /* partition-relative */
	KTEST_EXPECT_TRUE(t, pattern_sector(buf, 4096 + 5));
	KTEST_EXPECT_EQ(t, bdev_rw(p1, 2048, 1, buf, false), -EINVAL);
	kfree(buf);
}

static void ata_write_reads_back(struct ktest *t)
{
	struct block_device *whole = bdev_lookup(MKDEV(8, 0));
	uint8_t *buf = kmalloc(2 * SECTOR_SIZE, GFP_KERNEL), *back = buf + SECTOR_SIZE;

	sda(t);
	KTEST_ASSERT_TRUE(t, buf != NULL);
	memset(buf, 'K', SECTOR_SIZE);
	KTEST_ASSERT_EQ(t, bdev_rw(whole, 300, 1, buf, true), 0);
	KTEST_EXPECT_EQ(t, blkdev_issue_flush(whole), 0);
	KTEST_ASSERT_EQ(t, bdev_rw(whole, 300, 1, back, false), 0);
	KTEST_EXPECT_EQ(t, memcmp(buf, back, SECTOR_SIZE), 0);
	KTEST_ASSERT_EQ(t, bdev_rw(whole, 301, 1, back, false), 0);
	KTEST_EXPECT_TRUE(t, pattern_sector(back, 301));
	kfree(buf);
}

static void ata_ext2_superblock_on_sdb(struct ktest *t)
{
	struct block_device *b = bdev_lookup(MKDEV(8, 16));
	uint8_t *buf = kmalloc(SECTOR_SIZE, GFP_KERNEL);

	sda(t);
	KTEST_ASSERT_TRUE(t, b && buf);
	/* the superblock is at byte 1024; s_magic (0xef53, little-endian) at 56 into it */
	KTEST_ASSERT_EQ(t, bdev_rw(b, 2, 1, buf, false), 0);
	KTEST_EXPECT_EQ(t, buf[56] | buf[57] << 8, 0xef53);
	memset(buf, 'E', SECTOR_SIZE);
	KTEST_EXPECT_EQ(t, bdev_rw(b, 1, 1, buf, true), 0);
	kfree(buf);
}

/*
 * A device that never interrupts (its interrupt turned off behind the
 * driver's back: nIEN) fails the command with -EIO after ata_cmd_timeout,
 * and the channel reset lets the next command work.
 */
static void ata_timeout_then_reset(struct ktest *t)
{
	struct gendisk *disk = sda(t);
	struct ata_device *dev = disk->private_data;
	unsigned long saved = ata_cmd_timeout;
	uint8_t *buf = kmalloc(SECTOR_SIZE, GFP_KERNEL);

	KTEST_ASSERT_TRUE(t, buf != NULL);
	ata_cmd_timeout = HZ / 10;
	outb(dev->link->ctl_addr, ATA_NIEN);
	KTEST_EXPECT_EQ(t, ata_pio_rw(dev, 7, 1, buf, false, false), -EIO);
	ata_cmd_timeout = saved;
	KTEST_ASSERT_EQ(t, ata_pio_rw(dev, 7, 1, buf, false, false), 0);
	KTEST_EXPECT_TRUE(t, pattern_sector(buf, 7));
	kfree(buf);
}

static struct ktest_case ata_cases[] = {
	KTEST_CASE(ata_disks_named_as_linux),
	KTEST_CASE(ata_read_known_sectors),
	KTEST_CASE(ata_lba48_reads_what_lba28_reads),
	KTEST_CASE(ata_partitions_from_the_mbr),
	KTEST_CASE(ata_write_reads_back),
	KTEST_CASE(ata_ext2_superblock_on_sdb),
	KTEST_CASE(ata_timeout_then_reset),
	{}
};
KTEST_SUITE_EXPLICIT(ata, ata_cases);
