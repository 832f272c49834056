/*
 * Mounting ext2 (Linux's fs/ext2/super.c): the super block is read from
 * byte 1024 of the device, checked (magic, block size, features, the
 * group descriptors, the root inode) and kept in memory; the free counts
 * are worked out from the group descriptors whenever it is written back.
 * A read-write mount clears EXT2_VALID_FS on the disk until umount sets
 * it again, so e2fsck knows a file system that was not unmounted.
 */
#include "linux/errno.h"
#include "linux/kdev_t.h"
#include "linux/mount.h"
#include "linux/pagemap.h"
#include "linux/printk.h"
#include "linux/ratelimit.h"
#include "linux/slab.h"
#include "linux/string.h"
#include "ext2.h"

/* The devices ext2 has mounted: a second mount of one is -EBUSY (Linux would share the super block). */
static struct block_device *mounted[8];

/*
 * Linux 6.1's ext2_error prints every time; Pagoda limits it as ext4's
 * ext4_error_ratelimit does (10 in 5 s), because a corrupt directory read
 * in a loop by a shell otherwise floods the serial console.
 */
static DEFINE_RATELIMIT_STATE(ext2_error_rs, DEFAULT_RATELIMIT_INTERVAL, DEFAULT_RATELIMIT_BURST);

void ext2_error(struct super_block *sb, const char *function, const char *msg, unsigned long n)
{
	struct ext2_sb_info *sbi = EXT2_SB(sb);

	if (__ratelimit(&ext2_error_rs))
		printk(KERN_CRIT "EXT2-fs (%s): error: %s: %s %lu\n", sbi->s_bdev->bd_name, function, msg, n);
	sbi->s_es.s_state |= EXT2_ERROR_FS;
	sbi->s_mount_state |= EXT2_ERROR_FS;
}

static unsigned long ext2_count_free_inodes(struct super_block *sb)
{
	unsigned long group, count = 0;

	for (group = 0; group < EXT2_SB(sb)->s_groups_count; group++) {
		struct buffer_head *bh;
		struct ext2_group_desc *gdp = ext2_get_group_desc(sb, group, &bh);

		if (gdp)
			count += gdp->bg_free_inodes_count;
		brelse(bh);
	}
	return count;
}

void ext2_sync_super(struct super_block *sb, bool wait)
{
	struct ext2_sb_info *sbi = EXT2_SB(sb);
	struct buffer_head *bh = sb_bread(sb, sbi->s_sb_block);
	long long sec;
	long nsec;

	if (!bh)
		return;
	current_time(&sec, &nsec);
	mutex_lock(&sbi->s_lock);       /* totals of counts no allocation is half-way through */
	sbi->s_es.s_free_blocks_count = (uint32_t)ext2_count_free_blocks(sb);
	sbi->s_es.s_free_inodes_count = (uint32_t)ext2_count_free_inodes(sb);
	sbi->s_es.s_wtime = (uint32_t)sec;
	lock_buffer(bh);
	memcpy(bh->b_data + sbi->s_sb_offset, &sbi->s_es, sizeof(sbi->s_es));
	mark_buffer_dirty(bh);
	unlock_buffer(bh);
	mutex_unlock(&sbi->s_lock);
	if (wait)
		sync_dirty_buffer(bh);
	brelse(bh);
}

/* Write every dirty inode page, the metadata blocks and the super block, then flush the disk (Linux's ext2_sync_fs). */
static int ext2_sync_fs(struct super_block *sb)
{
	struct ext2_sb_info *sbi = EXT2_SB(sb);
	struct ext2_inode_info *ei;
	int err = 0, e;

	list_for_each_entry(ei, &sbi->s_inodes, i_list) {
		e = filemap_write_and_wait_range(ei->vfs_inode.i_mapping, 0, MAX_LFS_FILESIZE);
		if (e && !err)
			err = e;
	}
	if (!sb->s_rdonly)
		ext2_sync_super(sb, false);
	e = sync_blockdev(sbi->s_bdev);
	if (e && !err)
		err = e;
	e = blkdev_issue_flush(sbi->s_bdev);
	return err ? err : e;
}

/* Linux's ext2_statfs: the blocks the metadata takes are not counted (the "bsddf" default). */
static int ext2_statfs(struct super_block *sb, struct kstatfs *buf)
{
	struct ext2_sb_info *sbi = EXT2_SB(sb);
	struct ext2_super_block *es = &sbi->s_es;
	unsigned long long overhead = es->s_first_data_block, bfree;
	unsigned long group;

	for (group = 0; group < sbi->s_groups_count; group++)
		if (ext2_bg_has_super(sb, group))
			overhead += 1 + sbi->s_gdb_count;
	overhead += sbi->s_groups_count * (2 + sbi->s_itb_per_group);
	mutex_lock(&sbi->s_lock);
	bfree = ext2_count_free_blocks(sb);
	buf->f_ffree = ext2_count_free_inodes(sb);
	mutex_unlock(&sbi->s_lock);
	buf->f_type = EXT2_SUPER_MAGIC;
	buf->f_bsize = sbi->s_blocksize;
	buf->f_blocks = es->s_blocks_count - overhead;
	buf->f_bfree = bfree;
	buf->f_bavail = bfree >= es->s_r_blocks_count ? bfree - es->s_r_blocks_count : 0;
	buf->f_files = es->s_inodes_count;
	buf->f_namelen = EXT2_NAME_LEN;
	memcpy(&buf->f_fsid[0], &es->s_uuid[0], 4);     /* Linux xors the uuid's halves; close enough to be unique */
	memcpy(&buf->f_fsid[1], &es->s_uuid[8], 4);
	return 0;
}

/*
 * mount -o remount (Linux's ext2_remount): read-only to read-write is
 * refused with -EROFS for a file system with read-only-compatible features
 * this code does not know, and for a revision newer than it knows. For the
 * latter Linux 6.1 prints the same line but only keeps SB_RDONLY inside
 * ext2_remount (ext2_setup_super fails) and returns 0, and its VFS then
 * copies the requested flags over it (reconfigure_super): the file system
 * goes read-write after all. Pagoda refuses, as the message says.
 */
static int ext2_remount(struct super_block *sb, bool rdonly)
{
	struct ext2_sb_info *sbi = EXT2_SB(sb);

	if (rdonly == sb->s_rdonly)
		return 0;
	if (!rdonly && (sbi->s_es.s_feature_ro_compat & ~EXT2_FEATURE_RO_COMPAT_SUPP)) {
		printk(KERN_WARNING "EXT2-fs (%s): warning: couldn't remount RDWR because of unsupported optional features (%x).\n",
		       sbi->s_bdev->bd_name, sbi->s_es.s_feature_ro_compat & ~EXT2_FEATURE_RO_COMPAT_SUPP);
		return -EROFS;
	}
	if (!rdonly && sbi->s_es.s_rev_level > EXT2_MAX_SUPP_REV) {
		printk(KERN_ERR "EXT2-fs (%s): error: revision level too high, forcing read-only mode\n",
		       sbi->s_bdev->bd_name);
		return -EROFS;
	}
	if (rdonly) {
		ext2_sync_fs(sb);
		sbi->s_es.s_state = sbi->s_mount_state;
	} else {
		sbi->s_mount_state = sbi->s_es.s_state;
		sbi->s_es.s_state &= (uint16_t)~EXT2_VALID_FS;
	}
	sb->s_rdonly = rdonly;
	ext2_sync_super(sb, true);
	return 0;
}

static void forget_mounted(struct block_device *bdev)
{
	unsigned int i;

	for (i = 0; i < sizeof(mounted) / sizeof(mounted[0]); i++)
		if (mounted[i] == bdev)
			mounted[i] = NULL;
	bdev->bd_holder = NULL;
}

/* umount: everything written back, EXT2_VALID_FS set again, the caches dropped (Linux's ext2_put_super). */
static void ext2_kill_sb(struct super_block *sb)
{
	struct ext2_sb_info *sbi = EXT2_SB(sb);
	struct ext2_inode_info *ei, *n;

	dput(sb->s_root);
	if (!sb->s_rdonly)
		sbi->s_es.s_state = sbi->s_mount_state;
	ext2_sync_fs(sb);
	/* every inode is unused now: the cache's references go, each writing itself back */
	list_for_each_entry_safe(ei, n, &sbi->s_inodes, i_list)
		ext2_uncache(&ei->vfs_inode);
	list_for_each_entry(ei, &sbi->s_inodes, i_list)
		printk(KERN_ERR "EXT2-fs (%s): inode %lu still in use at umount (count %d)\n", sbi->s_bdev->bd_name,
		       ei->vfs_inode.i_ino, ei->vfs_inode.i_count);
	ext2_sync_fs(sb);
	sbi->s_bdev->bd_openers--;
	invalidate_bdev(sbi->s_bdev);
	forget_mounted(sbi->s_bdev);
	kfree(sbi);
	kfree(sb);
}

static int ext2_show_options(struct super_block *sb, char *buf, int size)
{
	(void)sb, (void)buf, (void)size;
	return 0;
}

/* The block device the mount's source names (Linux's lookup_bdev): 0 or -ENOENT, -ENOTBLK, -ENXIO. */
static int lookup_bdev(const char *name, struct block_device **res)
{
	struct path p;
	unsigned int mode, rdev;
	int err;

	if (!name || !*name)
		return -EINVAL;
	err = filename_lookup(AT_FDCWD, name, LOOKUP_FOLLOW, &p, NULL);
	if (err)
		return err;
	mode = p.dentry->d_inode->i_mode;
	rdev = p.dentry->d_inode->i_rdev;
	path_put(&p);
	if (!S_ISBLK(mode))
		return -ENOTBLK;
	*res = bdev_lookup(new_decode_dev(rdev));
	return *res ? 0 : -ENXIO;
}

/* Linux's ext2_check_descriptors: every group's bitmaps and inode table inside the group. */
static bool ext2_check_descriptors(struct super_block *sb)
{
	struct ext2_sb_info *sbi = EXT2_SB(sb);
	unsigned long group;

	for (group = 0; group < sbi->s_groups_count; group++) {
		unsigned long first = sbi->s_es.s_first_data_block + group * sbi->s_blocks_per_group;
		unsigned long last = group == sbi->s_groups_count - 1 ? sbi->s_es.s_blocks_count - 1
								       : first + sbi->s_blocks_per_group - 1;
		struct buffer_head *bh;
		struct ext2_group_desc *gdp = ext2_get_group_desc(sb, group, &bh);
		const char *what = NULL;
		unsigned long block = 0;

		if (!gdp)
			return false;
		/* 64-bit sums: a table near 2^32 must not wrap back into the group */
		if (gdp->bg_block_bitmap < first || gdp->bg_block_bitmap > last)
			what = "Block bitmap", block = gdp->bg_block_bitmap;
		else if (gdp->bg_inode_bitmap < first || gdp->bg_inode_bitmap > last)
			what = "Inode bitmap", block = gdp->bg_inode_bitmap;
		else if (gdp->bg_inode_table < first ||
			 (unsigned long long)gdp->bg_inode_table + sbi->s_itb_per_group - 1 > last)
			what = "Inode table", block = gdp->bg_inode_table;
		brelse(bh);
		if (what) {
			printk(KERN_ERR "EXT2-fs (%s): error: ext2_check_descriptors: %s for group %lu not in group (block %lu)!\n",
			       sbi->s_bdev->bd_name, what, group, block);
			return false;
		}
	}
	return true;
}

/* Read and check the super block into sbi: 0 or -EINVAL (with Linux's message), -EIO. */
static int ext2_read_super(struct ext2_sb_info *sbi, bool rdonly)
{
	struct ext2_super_block *es = &sbi->s_es;
	const char *name = sbi->s_bdev->bd_name;
	struct buffer_head *bh = __bread(sbi->s_bdev, 1, EXT2_MIN_BLOCK_SIZE);
	unsigned long features;

	if (!bh) {
		printk(KERN_ERR "EXT2-fs (%s): error: unable to read superblock\n", name);
		return -EIO;
	}
	memcpy(es, bh->b_data, sizeof(*es));
	brelse(bh);
	if (es->s_magic != EXT2_SUPER_MAGIC) {
		printk(KERN_ERR "VFS: Can't find an ext2 filesystem on dev %s.\n", name);
		return -EINVAL;
	}
	if (es->s_rev_level == EXT2_GOOD_OLD_REV) {
		sbi->s_first_ino = EXT2_GOOD_OLD_FIRST_INO;
		sbi->s_inode_size = EXT2_GOOD_OLD_INODE_SIZE;
	} else {
		sbi->s_first_ino = es->s_first_ino;
		sbi->s_inode_size = es->s_inode_size;
	}
	features = es->s_feature_incompat & ~EXT2_FEATURE_INCOMPAT_SUPP;
	if (features) {
		printk(KERN_ERR "EXT2-fs (%s): error: couldn't mount because of unsupported optional features (%lx)\n",
		       name, features);
		return -EINVAL;
	}
	features = es->s_feature_ro_compat & ~EXT2_FEATURE_RO_COMPAT_SUPP;
	if (!rdonly && features) {
		printk(KERN_ERR "EXT2-fs (%s): error: couldn't mount RDWR because of unsupported optional features (%lx)\n",
		       name, features);
		return -EINVAL;
	}
	if (es->s_log_block_size > 2) {
		printk(KERN_ERR "EXT2-fs (%s): error: unsupported blocksize\n", name);
		return -EINVAL;
	}
	sbi->s_blocksize_bits = 10 + es->s_log_block_size;
	sbi->s_blocksize = 1U << sbi->s_blocksize_bits;
	if (sbi->s_inode_size < EXT2_GOOD_OLD_INODE_SIZE || sbi->s_inode_size > sbi->s_blocksize ||
	    (sbi->s_inode_size & (sbi->s_inode_size - 1))) {
		printk(KERN_ERR "EXT2-fs (%s): error: unsupported inode size: %u\n", name, sbi->s_inode_size);
		return -EINVAL;
	}
	sbi->s_blocks_per_group = es->s_blocks_per_group;
	sbi->s_inodes_per_group = es->s_inodes_per_group;
	if (!sbi->s_blocks_per_group || sbi->s_blocks_per_group > sbi->s_blocksize * 8) {
		printk(KERN_ERR "EXT2-fs (%s): error: #blocks per group too big: %lu\n", name, sbi->s_blocks_per_group);
		return -EINVAL;
	}
	if (!sbi->s_inodes_per_group || sbi->s_inodes_per_group > sbi->s_blocksize * 8) {
		printk(KERN_ERR "EXT2-fs (%s): error: #inodes per group too big: %lu\n", name, sbi->s_inodes_per_group);
		return -EINVAL;
	}
	if (es->s_first_data_block >= es->s_blocks_count ||
	    (unsigned long long)es->s_blocks_count << sbi->s_blocksize_bits > (unsigned long long)bdev_nr_bytes(sbi->s_bdev)) {
		printk(KERN_ERR "EXT2-fs (%s): error: bad geometry: block count %u exceeds size of device\n",
		       name, es->s_blocks_count);
		return -EINVAL;
	}
	sbi->s_itb_per_group = (sbi->s_inodes_per_group * sbi->s_inode_size + sbi->s_blocksize - 1) / sbi->s_blocksize;
	sbi->s_groups_count = (es->s_blocks_count - es->s_first_data_block - 1) / sbi->s_blocks_per_group + 1;
	sbi->s_desc_per_block = sbi->s_blocksize / sizeof(struct ext2_group_desc);
	sbi->s_gdb_count = (sbi->s_groups_count + sbi->s_desc_per_block - 1) / sbi->s_desc_per_block;
	if ((unsigned long long)sbi->s_groups_count * sbi->s_inodes_per_group != es->s_inodes_count) {
		printk(KERN_ERR "EXT2-fs (%s): error: inodes count not valid: %u vs %llu\n", name, es->s_inodes_count,
		       (unsigned long long)sbi->s_groups_count * sbi->s_inodes_per_group);
		return -EINVAL;
	}
	sbi->s_sb_block = sbi->s_blocksize == 1024 ? 1 : 0;
	sbi->s_sb_offset = sbi->s_blocksize == 1024 ? 0 : 1024;
	return 0;
}

static int ext2_fill_super(struct super_block *sb, bool rdonly)
{
	struct ext2_sb_info *sbi = EXT2_SB(sb);
	struct inode *root;
	int err = ext2_read_super(sbi, rdonly);

	if (err)
		return err;
	if (!ext2_check_descriptors(sb)) {
		printk(KERN_ERR "EXT2-fs (%s): error: group descriptors corrupted\n", sbi->s_bdev->bd_name);
		return -EINVAL;
	}
	/* Linux's ext2_setup_super: a revision newer than this code knows is mounted read-only */
	if (sbi->s_es.s_rev_level > EXT2_MAX_SUPP_REV) {
		printk(KERN_ERR "EXT2-fs (%s): error: revision level too high, forcing read-only mode\n",
		       sbi->s_bdev->bd_name);
		rdonly = true;
		sb->s_rdonly = true;
	}
	root = ext2_iget(sb, EXT2_ROOT_INO, &err);
	if (!root)
		return err;
	if (!S_ISDIR(root->i_mode) || !root->i_blocks || !root->i_size) {
		printk(KERN_ERR "EXT2-fs (%s): error: corrupt root inode, run e2fsck\n", sbi->s_bdev->bd_name);
		iput(root);
		ext2_uncache(root);
		return -EINVAL;
	}
	sb->s_root = d_make_root(root);
	if (!sb->s_root) {
		ext2_uncache(root);
		return -ENOMEM;
	}
	sbi->s_mount_state = sbi->s_es.s_state;
	if (!rdonly) {
		long long sec;
		long nsec;

		if (!(sbi->s_mount_state & EXT2_VALID_FS))
			printk(KERN_WARNING "EXT2-fs (%s): warning: mounting unchecked fs, running e2fsck is recommended\n",
			       sbi->s_bdev->bd_name);
		else if (sbi->s_mount_state & EXT2_ERROR_FS)
			printk(KERN_WARNING "EXT2-fs (%s): warning: mounting fs with errors, running e2fsck is recommended\n",
			       sbi->s_bdev->bd_name);
		current_time(&sec, &nsec);
		sbi->s_es.s_state &= (uint16_t)~EXT2_VALID_FS;
		sbi->s_es.s_mnt_count++;
		sbi->s_es.s_mtime = (uint32_t)sec;
		ext2_sync_super(sb, true);
	}
	return 0;
}

/* mount -t ext2 DEVICE DIR (Linux's ext2_mount): the root dentry, or NULL with *err. */
struct dentry *ext2_mount(const struct mount_args *args, int *err)
{
	struct super_block *sb;
	struct ext2_sb_info *sbi;
	struct block_device *bdev;
	unsigned int i, slot = ~0U;

	*err = lookup_bdev(args->dev, &bdev);
	if (*err)
		return NULL;
	for (i = 0; i < sizeof(mounted) / sizeof(mounted[0]); i++) {
		if (mounted[i] == bdev || bdev->bd_holder) {    /* mounted, or a swap area (Linux: claimed) */
			*err = -EBUSY;
			return NULL;
		}
		if (!mounted[i] && slot == ~0U)
			slot = i;
	}
	if (slot == ~0U) {
		*err = -EBUSY;
		return NULL;
	}
	sb = kzalloc(sizeof(*sb), GFP_KERNEL);
	sbi = kzalloc(sizeof(*sbi), GFP_KERNEL);
	if (!sb || !sbi) {
		kfree(sb);
		kfree(sbi);
		*err = -ENOMEM;
		return NULL;
	}
	sbi->s_bdev = bdev;
	INIT_LIST_HEAD(&sbi->s_inodes);
	mutex_init(&sbi->s_lock);
	sb->s_type = "ext2";
	sb->s_dev = new_encode_dev(bdev->bd_dev);
	sb->s_rdonly = args->rdonly;
	sb->s_magic = EXT2_SUPER_MAGIC;
	sb->s_open = generic_file_open;
	sb->s_statfs = ext2_statfs;
	sb->s_remount = ext2_remount;
	sb->s_kill = ext2_kill_sb;
	sb->s_free_inode = ext2_free_vfs_inode;
	sb->s_show_options = ext2_show_options;
	sb->s_sync_fs = ext2_sync_fs;
	sb->s_bdi = sbi->s_bdev->bd_disk->bdi;  /* its inodes' writeback: the disk's flusher (setup_bdev_super) */
	sb->s_counts_blocks = true;
	sb->s_d_delete = true;  /* the inode cache (s_inodes) keeps what the dentries would */
	sb->s_fs_info = sbi;
	*err = ext2_fill_super(sb, args->rdonly);
	if (*err) {
		struct ext2_inode_info *ei, *n;

		list_for_each_entry_safe(ei, n, &sbi->s_inodes, i_list)
			ext2_uncache(&ei->vfs_inode);
		invalidate_bdev(bdev);
		kfree(sbi);
		kfree(sb);
		return NULL;
	}
	mounted[slot] = bdev;
	bdev->bd_holder = sb;   /* swapon of it is -EBUSY while mounted (Linux's exclusive claim) */
	bdev->bd_openers++;     /* the mount holds the device open (Linux's blkdev_get_by_dev at mount) */
	sb->s_bdev = sbi->s_bdev;       /* for swapon's block map of a swap file */
	sb->s_blocksize_bits = sbi->s_blocksize_bits;
	return dget(sb->s_root);
}
