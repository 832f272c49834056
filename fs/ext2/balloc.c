/*
 * Block allocation (Linux's fs/ext2/balloc.c, without reservation
 * windows): each group's block bitmap has one bit per block of the group;
 * a new block is the first free one at or after the goal (the block
 * before it in the file, so a file's blocks stay together), searching the
 * goal's group, then the groups after it. Every change goes to the
 * bitmap and the group descriptor's count; the super block's count is
 * worked out from the descriptors when it is written.
 */
#include "linux/errno.h"
#include "linux/string.h"
#include "ext2.h"

struct ext2_group_desc *ext2_get_group_desc(struct super_block *sb, unsigned long group, struct buffer_head **bh)
{
	struct ext2_sb_info *sbi = EXT2_SB(sb);
	unsigned long block = group / sbi->s_desc_per_block, offset = group % sbi->s_desc_per_block;

	*bh = NULL;
	if (group >= sbi->s_groups_count) {
		ext2_error(sb, __func__, "block_group >= groups_count - block_group =", group);
		return NULL;
	}
	*bh = sb_bread(sb, sbi->s_es.s_first_data_block + 1 + block);
	if (!*bh)
		return NULL;
	return (struct ext2_group_desc *)(*bh)->b_data + offset;
}

static bool test_power(unsigned long a, unsigned long b)
{
	while (a > 1) {
		if (a % b)
			return false;
		a /= b;
	}
	return true;
}

bool ext2_bg_has_super(struct super_block *sb, unsigned long group)
{
	if (!(EXT2_SB(sb)->s_es.s_feature_ro_compat & EXT2_FEATURE_RO_COMPAT_SPARSE_SUPER))
		return true;
	return group <= 1 || test_power(group, 3) || test_power(group, 5) || test_power(group, 7);
}

unsigned long ext2_count_free_blocks(struct super_block *sb)
{
	unsigned long group, count = 0;

	for (group = 0; group < EXT2_SB(sb)->s_groups_count; group++) {
		struct buffer_head *bh;
		struct ext2_group_desc *gdp = ext2_get_group_desc(sb, group, &bh);

		if (gdp)
			count += gdp->bg_free_blocks_count;
		brelse(bh);
	}
	return count;
}

/* Blocks in group (the last one may be short). */
static unsigned long group_blocks(struct ext2_sb_info *sbi, unsigned long group)
{
	if (group == sbi->s_groups_count - 1)
		return sbi->s_es.s_blocks_count - sbi->s_es.s_first_data_block - group * sbi->s_blocks_per_group;
	return sbi->s_blocks_per_group;
}

static bool test_bit_le(unsigned long nr, const char *map)
{
	return (map[nr >> 3] >> (nr & 7)) & 1;
}

void ext2_change_bit(struct buffer_head *bh, unsigned long bit, bool set)
{
	lock_buffer(bh);
	if (set)
		bh->b_data[bit >> 3] |= (char)(1 << (bit & 7));
	else
		bh->b_data[bit >> 3] &= (char)~(1 << (bit & 7));
	mark_buffer_dirty(bh);
	unlock_buffer(bh);
}

/* Add delta to a group's free block count (its descriptor's buffer locked, as the bitmap's). */
static void add_free_blocks(struct buffer_head *gbh, struct ext2_group_desc *gdp, int delta)
{
	lock_buffer(gbh);
	gdp->bg_free_blocks_count = (uint16_t)(gdp->bg_free_blocks_count + delta);
	mark_buffer_dirty(gbh);
	unlock_buffer(gbh);
}

/* ext2_new_block with s_lock held. */
static unsigned long new_block_locked(struct inode *inode, unsigned long goal, int *err)
{
	struct super_block *sb = inode->i_sb;
	struct ext2_sb_info *sbi = EXT2_SB(sb);
	unsigned long first = sbi->s_es.s_first_data_block, group, start = 0, i;

	if (goal >= first && goal < sbi->s_es.s_blocks_count) {
		group = (goal - first) / sbi->s_blocks_per_group;
		start = (goal - first) % sbi->s_blocks_per_group;
	} else {
		group = EXT2_I(inode)->i_block_group;
	}
	for (i = 0; i <= sbi->s_groups_count; i++, group = (group + 1) % sbi->s_groups_count, start = 0) {
		struct buffer_head *gbh, *bh;
		struct ext2_group_desc *gdp = ext2_get_group_desc(sb, group, &gbh);
		unsigned long n = group_blocks(sbi, group), bit;

		if (!gdp) {
			*err = -EIO;
			return 0;
		}
		if (!gdp->bg_free_blocks_count) {
			brelse(gbh);
			continue;
		}
		bh = sb_bread(sb, gdp->bg_block_bitmap);
		if (!bh) {
			brelse(gbh);
			*err = -EIO;
			return 0;
		}
		for (bit = start; bit < n && test_bit_le(bit, bh->b_data); bit++)
			;
		if (bit == n)   /* nothing after the goal: the group's start, next time round */
			for (bit = 0; bit < start && test_bit_le(bit, bh->b_data); bit++)
				;
		if (bit < n && !test_bit_le(bit, bh->b_data)) {
			ext2_change_bit(bh, bit, true);
			add_free_blocks(gbh, gdp, -1);
			brelse(bh);
			brelse(gbh);
			return first + group * sbi->s_blocks_per_group + bit;
		}
		/* the count said there was one: the bitmap disagrees */
		ext2_error(sb, __func__, "Free blocks count corrupted for block group", group);
		brelse(bh);
		brelse(gbh);
	}
	*err = -ENOSPC;
	return 0;
}

unsigned long ext2_new_block(struct inode *inode, unsigned long goal, int *err)
{
	struct ext2_sb_info *sbi = EXT2_SB(inode->i_sb);
	unsigned long block;

	mutex_lock(&sbi->s_lock);
	block = new_block_locked(inode, goal, err);
	mutex_unlock(&sbi->s_lock);
	return block;
}

void ext2_free_blocks(struct inode *inode, unsigned long block, unsigned long count)
{
	struct super_block *sb = inode->i_sb;
	struct ext2_sb_info *sbi = EXT2_SB(sb);
	unsigned long first = sbi->s_es.s_first_data_block;

	if (block < first || block + count < block || block + count > sbi->s_es.s_blocks_count) {
		ext2_error(sb, __func__, "Freeing blocks not in datazone - block =", block);
		return;
	}
	mutex_lock(&sbi->s_lock);
	while (count) {
		unsigned long group = (block - first) / sbi->s_blocks_per_group;
		unsigned long bit = (block - first) % sbi->s_blocks_per_group;
		struct buffer_head *gbh, *bh;
		struct ext2_group_desc *gdp = ext2_get_group_desc(sb, group, &gbh);
		int freed = 0;

		if (!gdp)
			break;
		bh = sb_bread(sb, gdp->bg_block_bitmap);
		if (!bh) {
			brelse(gbh);
			break;
		}
		lock_buffer(bh);
		for (; count && bit < sbi->s_blocks_per_group; count--, bit++, block++) {
			if (!test_bit_le(bit, bh->b_data)) {
				ext2_error(sb, __func__, "bit already cleared for block", block);
				continue;
			}
			bh->b_data[bit >> 3] &= (char)~(1 << (bit & 7));
			freed++;
		}
		mark_buffer_dirty(bh);
		unlock_buffer(bh);
		add_free_blocks(gbh, gdp, freed);
		brelse(bh);
		brelse(gbh);
	}
	mutex_unlock(&sbi->s_lock);
}
