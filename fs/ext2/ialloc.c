/*
 * Inode allocation (Linux's fs/ext2/ialloc.c): one bit per inode in each
 * group's inode bitmap. A new directory goes to the group with the most
 * free inodes among those with at least the average of free blocks
 * (spreading directories, as Linux's find_group_dir); a new file to its
 * directory's group, or the next one with room (find_group_other).
 */
#include "linux/errno.h"
#include "linux/pagemap.h"
#include "linux/slab.h"
#include "linux/string.h"
#include "ext2.h"

static bool test_bit_le(unsigned long nr, const char *map)
{
	return (map[nr >> 3] >> (nr & 7)) & 1;
}

/* The group a new inode goes to, or -1 if none has a free inode. */
static long find_group(struct super_block *sb, struct inode *dir, bool isdir)
{
	struct ext2_sb_info *sbi = EXT2_SB(sb);
	unsigned long ngroups = sbi->s_groups_count, i, avefree = ext2_count_free_blocks(sb) / ngroups;
	long best = -1;
	unsigned int best_free = 0;

	for (i = 0; i < ngroups; i++) {
		unsigned long group = isdir ? i : (EXT2_I(dir)->i_block_group + i) % ngroups;
		struct buffer_head *bh;
		struct ext2_group_desc *gdp = ext2_get_group_desc(sb, group, &bh);
		unsigned int ifree = gdp ? gdp->bg_free_inodes_count : 0, bfree = gdp ? gdp->bg_free_blocks_count : 0;

		brelse(bh);
		if (!ifree)
			continue;
		if (!isdir)
			return (long)group;
		if ((bfree >= avefree || best < 0) && ifree > best_free) {
			best = (long)group;
			best_free = ifree;
		}
	}
	return best;
}

/* A free inode number, taken in its bitmap and counted (s_lock held): 0 with *err if none. */
static unsigned long new_ino_locked(struct inode *dir, unsigned int mode, int *err)
{
	struct super_block *sb = dir->i_sb;
	struct ext2_sb_info *sbi = EXT2_SB(sb);
	long group = find_group(sb, dir, S_ISDIR(mode));
	unsigned long tries, ino = 0;

	*err = -ENOSPC;
	if (group < 0)
		return 0;
	for (tries = 0; tries < sbi->s_groups_count && !ino; tries++, group = (group + 1) % (long)sbi->s_groups_count) {
		struct buffer_head *gbh, *bh;
		struct ext2_group_desc *gdp = ext2_get_group_desc(sb, (unsigned long)group, &gbh);
		unsigned long bit = 0;

		if (!gdp) {
			*err = -EIO;
			return 0;
		}
		if (!gdp->bg_free_inodes_count || !(bh = sb_bread(sb, gdp->bg_inode_bitmap))) {
			brelse(gbh);
			continue;
		}
		if (group == 0)
			bit = sbi->s_first_ino - 1;     /* the reserved inodes are never handed out */
		for (; bit < sbi->s_inodes_per_group && test_bit_le(bit, bh->b_data); bit++)
			;
		if (bit < sbi->s_inodes_per_group) {
			ext2_change_bit(bh, bit, true);
			lock_buffer(gbh);
			gdp->bg_free_inodes_count--;
			if (S_ISDIR(mode))
				gdp->bg_used_dirs_count++;
			mark_buffer_dirty(gbh);
			unlock_buffer(gbh);
			ino = (unsigned long)group * sbi->s_inodes_per_group + bit + 1;
		} else {
			ext2_error(sb, __func__, "Free inodes count corrupted in group", (unsigned long)group);
		}
		brelse(bh);
		brelse(gbh);
	}
	return ino;
}

struct inode *ext2_new_inode(struct inode *dir, unsigned int mode, int *err)
{
	struct ext2_sb_info *sbi = EXT2_SB(dir->i_sb);
	unsigned long ino;

	mutex_lock(&sbi->s_lock);
	ino = new_ino_locked(dir, mode, err);
	mutex_unlock(&sbi->s_lock);
	if (!ino)
		return NULL;
	return ext2_iget_new(dir->i_sb, ino, mode, dir, err);
}

void ext2_free_inode(struct inode *inode)
{
	struct super_block *sb = inode->i_sb;
	struct ext2_sb_info *sbi = EXT2_SB(sb);
	unsigned long ino = inode->i_ino, group = (ino - 1) / sbi->s_inodes_per_group;
	unsigned long bit = (ino - 1) % sbi->s_inodes_per_group;
	struct buffer_head *gbh, *bh;
	struct ext2_group_desc *gdp;

	if (ino < sbi->s_first_ino || ino > sbi->s_es.s_inodes_count) {
		ext2_error(sb, __func__, "reserved or nonexistent inode", ino);
		return;
	}
	mutex_lock(&sbi->s_lock);
	gdp = ext2_get_group_desc(sb, group, &gbh);
	bh = gdp ? sb_bread(sb, gdp->bg_inode_bitmap) : NULL;
	if (bh) {
		if (!test_bit_le(bit, bh->b_data)) {
			ext2_error(sb, __func__, "bit already cleared for inode", ino);
		} else {
			ext2_change_bit(bh, bit, false);
			lock_buffer(gbh);
			gdp->bg_free_inodes_count++;
			if (S_ISDIR(inode->i_mode))
				gdp->bg_used_dirs_count--;
			mark_buffer_dirty(gbh);
			unlock_buffer(gbh);
		}
		brelse(bh);
	}
	brelse(gbh);
	mutex_unlock(&sbi->s_lock);
}
