/*
 * ext2 inodes (Linux's fs/ext2/inode.c): reading and writing them in the
 * inode tables, the inode cache, and the map from a file's blocks to the
 * disk's: twelve direct block numbers in the inode, then one indirect
 * block (a block of block numbers), one double and one triple indirect.
 *
 * Block-to-page mapping: Linux attaches buffer_heads to every page of a
 * file (one per block, each remembering its disk block). Pagoda asks the
 * block map again (ext2_get_block, a ->bmap) every time a page is read or
 * written: one function to read and explain, at the cost of walking the
 * indirect blocks (cached in the device's pages) for each page.
 */
#include "linux/errno.h"
#include "linux/highmem.h"
#include "linux/mm.h"
#include "linux/pagemap.h"
#include "linux/printk.h"
#include "linux/sched.h"
#include "linux/slab.h"
#include "linux/string.h"
#include "ext2.h"

/* --- the inode tables --------------------------------------------------- */

/* The inode table block holding ino, and the inode's offset in it: NULL if ino is out of range or unreadable. */
static struct ext2_inode *ext2_get_inode(struct super_block *sb, unsigned long ino, struct buffer_head **bhp)
{
	struct ext2_sb_info *sbi = EXT2_SB(sb);
	unsigned long group, offset, block;
	struct buffer_head *gbh;
	struct ext2_group_desc *gdp;

	*bhp = NULL;
	if ((ino != EXT2_ROOT_INO && ino < sbi->s_first_ino) || ino > sbi->s_es.s_inodes_count) {
		ext2_error(sb, __func__, "bad inode number:", ino);
		return NULL;
	}
	group = (ino - 1) / sbi->s_inodes_per_group;
	offset = ((ino - 1) % sbi->s_inodes_per_group) * sbi->s_inode_size;
	gdp = ext2_get_group_desc(sb, group, &gbh);
	if (!gdp)
		return NULL;
	block = gdp->bg_inode_table + (offset >> sbi->s_blocksize_bits);
	brelse(gbh);
	*bhp = sb_bread(sb, block);
	if (!*bhp)
		return NULL;
	return (struct ext2_inode *)((*bhp)->b_data + (offset & (sbi->s_blocksize - 1)));
}

int ext2_write_inode(struct inode *inode, bool sync)
{
	struct ext2_inode_info *ei = EXT2_I(inode);
	struct buffer_head *bh;
	struct ext2_inode *raw = ext2_get_inode(inode->i_sb, inode->i_ino, &bh);
	int err = 0;

	if (!raw)
		return -EIO;
	lock_buffer(bh);
	raw->i_mode = (uint16_t)inode->i_mode;
	raw->i_uid = (uint16_t)inode->i_uid;
	raw->l_i_uid_high = (uint16_t)(inode->i_uid >> 16);
	raw->i_gid = (uint16_t)inode->i_gid;
	raw->l_i_gid_high = (uint16_t)(inode->i_gid >> 16);
	raw->i_links_count = (uint16_t)inode->i_nlink;
	raw->i_size = (uint32_t)inode->i_size;
	raw->i_dir_acl = S_ISREG(inode->i_mode) ? (uint32_t)((unsigned long long)inode->i_size >> 32) : raw->i_dir_acl;
	raw->i_atime = (uint32_t)inode->i_atime_sec;
	raw->i_ctime = (uint32_t)inode->i_ctime_sec;
	raw->i_mtime = (uint32_t)inode->i_mtime_sec;
	raw->i_dtime = ei->i_dtime;
	raw->i_blocks = (uint32_t)inode->i_blocks;
	raw->i_flags = ei->i_flags;
	raw->i_generation = ei->i_generation;
	if (S_ISCHR(inode->i_mode) || S_ISBLK(inode->i_mode)) {
		/* the old 8:8 form where it fits, else the new one in the second slot (Linux's old_valid_dev) */
		unsigned int rdev = inode->i_rdev;
		bool old = (rdev & 0xfff00000) == 0 && ((rdev >> 8) & 0xfff) < 256;

		raw->i_block[0] = old ? rdev : 0;
		raw->i_block[1] = old ? 0 : rdev;
		raw->i_block[2] = 0;
	} else {
		memcpy(raw->i_block, ei->i_data, sizeof(raw->i_block));
	}
	mark_buffer_dirty(bh);
	unlock_buffer(bh);
	if (sync)
		err = sync_dirty_buffer(bh);
	brelse(bh);
	return err;
}

void ext2_touch(struct inode *inode)
{
	current_time(&inode->i_mtime_sec, &inode->i_mtime_nsec);
	inode->i_ctime_sec = inode->i_mtime_sec;
	inode->i_ctime_nsec = inode->i_mtime_nsec;
	ext2_write_inode(inode, false);
}

/* --- the inode cache ---------------------------------------------------- */

static struct inode *ilookup(struct super_block *sb, unsigned long ino)
{
	struct ext2_inode_info *ei;

	list_for_each_entry(ei, &EXT2_SB(sb)->s_inodes, i_list)
		if (ei->vfs_inode.i_ino == ino)
			return igrab(&ei->vfs_inode);
	return NULL;
}

/* A new in-memory inode in the cache: counted twice, once for the caller and once for the cache. */
static struct ext2_inode_info *alloc_ext2_inode(struct super_block *sb, unsigned long ino)
{
	struct ext2_inode_info *ei = kzalloc(sizeof(*ei), GFP_KERNEL);
	struct inode *inode;

	if (!ei)
		return NULL;
	inode = &ei->vfs_inode;
	inode->i_path = kzalloc(1, GFP_KERNEL);        /* no canonical path: the dentries name it */
	if (!inode->i_path) {
		kfree(ei);
		return NULL;
	}
	inode->i_sb = sb;
	inode->i_ino = ino;
	inode->i_count = 2;
	init_rwsem(&inode->i_rwsem);
	mutex_init(&ei->truncate_mutex);
	inode->i_mapping = &inode->i_data;
	mapping_init(&inode->i_data, inode, &ext2_aops);
	ei->i_cached = true;
	ei->i_block_group = (ino - 1) / EXT2_SB(sb)->s_inodes_per_group;
	list_add(&ei->i_list, &EXT2_SB(sb)->s_inodes);
	return ei;
}

void ext2_uncache(struct inode *inode)
{
	struct ext2_inode_info *ei = EXT2_I(inode);

	if (ei->i_cached) {
		ei->i_cached = false;
		iput(inode);
	}
}

void ext2_set_inode_ops(struct inode *inode)
{
	if (S_ISREG(inode->i_mode)) {
		inode->i_op = &ext2_file_inode_operations;
		inode->i_fop = &ext2_file_operations;
	} else if (S_ISDIR(inode->i_mode)) {
		inode->i_op = &ext2_dir_inode_operations;
		inode->i_fop = &ext2_dir_operations;
	} else if (S_ISLNK(inode->i_mode)) {
		inode->i_op = &ext2_symlink_inode_operations;
	} else {
		inode->i_op = &ext2_special_inode_operations;
		init_special_inode(inode, inode->i_mode, inode->i_rdev);
	}
}

struct inode *ext2_iget(struct super_block *sb, unsigned long ino, int *err)
{
	struct inode *inode = ilookup(sb, ino);
	struct ext2_inode_info *ei;
	struct ext2_inode *raw;
	struct buffer_head *bh;

	if (inode)
		return inode;
	raw = ext2_get_inode(sb, ino, &bh);
	if (!raw) {
		*err = -EIO;
		return NULL;
	}
	if (raw->i_links_count == 0 && (raw->i_mode == 0 || raw->i_dtime)) {
		brelse(bh);     /* a deleted inode (Linux: -ESTALE, "bad inode") */
		*err = -ESTALE;
		return NULL;
	}
	ei = alloc_ext2_inode(sb, ino);
	if (!ei) {
		brelse(bh);
		*err = -ENOMEM;
		return NULL;
	}
	inode = &ei->vfs_inode;
	inode->i_mode = raw->i_mode;
	inode->i_uid = raw->i_uid | (unsigned int)raw->l_i_uid_high << 16;
	inode->i_gid = raw->i_gid | (unsigned int)raw->l_i_gid_high << 16;
	inode->i_nlink = raw->i_links_count;
	inode->i_size = raw->i_size;
	if (S_ISREG(inode->i_mode))
		inode->i_size |= (long long)raw->i_dir_acl << 32;
	inode->i_atime_sec = raw->i_atime;
	inode->i_ctime_sec = raw->i_ctime;
	inode->i_mtime_sec = raw->i_mtime;
	inode->i_blocks = raw->i_blocks;
	ei->i_dtime = raw->i_dtime;
	ei->i_flags = raw->i_flags;
	ei->i_generation = raw->i_generation;
	memcpy(ei->i_data, raw->i_block, sizeof(ei->i_data));
	if (S_ISCHR(inode->i_mode) || S_ISBLK(inode->i_mode))
		inode->i_rdev = raw->i_block[0] ? raw->i_block[0] : raw->i_block[1];
	brelse(bh);
	ext2_set_inode_ops(inode);
	return inode;
}

struct inode *ext2_iget_new(struct super_block *sb, unsigned long ino, unsigned int mode, struct inode *dir, int *err)
{
	struct ext2_inode_info *ei = alloc_ext2_inode(sb, ino);
	struct inode *inode;
	struct buffer_head *bh;
	struct ext2_inode *raw;
	static uint32_t generation;

	if (!ei) {
		*err = -ENOMEM;
		return NULL;
	}
	inode = &ei->vfs_inode;
	inode->i_mode = mode;
	inode->i_uid = current->fsuid;
	inode->i_gid = (dir->i_mode & S_ISGID) ? dir->i_gid : current->fsgid;
	if (S_ISDIR(mode) && (dir->i_mode & S_ISGID))
		inode->i_mode |= S_ISGID;
	inode->i_nlink = 1;
	inode_init_times(inode);
	ei->i_generation = ++generation;
	/* a new inode starts from zeroes: whatever a deleted one left in the table goes */
	raw = ext2_get_inode(sb, ino, &bh);
	if (raw) {
		lock_buffer(bh);
		memset(raw, 0, EXT2_SB(sb)->s_inode_size);
		unlock_buffer(bh);
		brelse(bh);
	}
	ext2_set_inode_ops(inode);
	*err = ext2_write_inode(inode, false);
	if (*err) {
		inode->i_nlink = 0;
		iput(inode);
		ext2_uncache(inode);
		return NULL;
	}
	return inode;
}

/* --- the block map ----------------------------------------------------- */

/* Where block iblock sits (Linux's ext2_block_to_path): the slots at each level, and how many levels. */
static int block_to_path(struct inode *inode, unsigned long iblock, unsigned int offsets[4])
{
	unsigned long apb = EXT2_SB(inode->i_sb)->s_blocksize / 4;

	if (iblock < EXT2_NDIR_BLOCKS) {
		offsets[0] = (unsigned int)iblock;
		return 1;
	}
	iblock -= EXT2_NDIR_BLOCKS;
	if (iblock < apb) {
		offsets[0] = EXT2_IND_BLOCK;
		offsets[1] = (unsigned int)iblock;
		return 2;
	}
	iblock -= apb;
	if (iblock < apb * apb) {
		offsets[0] = EXT2_DIND_BLOCK;
		offsets[1] = (unsigned int)(iblock / apb);
		offsets[2] = (unsigned int)(iblock % apb);
		return 3;
	}
	iblock -= apb * apb;
	if (iblock / apb / apb < apb) {
		offsets[0] = EXT2_TIND_BLOCK;
		offsets[1] = (unsigned int)(iblock / apb / apb);
		offsets[2] = (unsigned int)(iblock / apb % apb);
		offsets[3] = (unsigned int)(iblock % apb);
		return 4;
	}
	return 0;
}

/* A new block near goal for inode, counted in i_blocks; an indirect one is zeroed. 0 with *err. */
static unsigned long alloc_block(struct inode *inode, unsigned long goal, bool indirect, int *err)
{
	unsigned long block = ext2_new_block(inode, goal, err);
	struct buffer_head *bh;

	if (!block)
		return 0;
	inode->i_blocks += EXT2_SB(inode->i_sb)->s_blocksize >> 9;
	if (indirect) {
		bh = sb_bread(inode->i_sb, block);
		if (!bh) {
			ext2_free_blocks(inode, block, 1);
			inode->i_blocks -= EXT2_SB(inode->i_sb)->s_blocksize >> 9;
			*err = -EIO;
			return 0;
		}
		lock_buffer(bh);
		memset(bh->b_data, 0, bh->b_size);
		mark_buffer_dirty(bh);
		unlock_buffer(bh);
		brelse(bh);
	}
	return block;
}

/* Store block number v in the slot p of an indirect block held in bh, or of i_data (bh NULL). */
static void set_slot(struct buffer_head *bh, uint32_t *p, uint32_t v)
{
	if (!bh) {
		*p = v;
		return;
	}
	lock_buffer(bh);
	*p = v;
	mark_buffer_dirty(bh);
	unlock_buffer(bh);
}

/* ext2_get_block with truncate_mutex held. */
static unsigned long get_block_locked(struct inode *inode, unsigned long iblock, bool create, int *err)
{
	struct ext2_inode_info *ei = EXT2_I(inode);
	unsigned int offsets[4];
	int depth = block_to_path(inode, iblock, offsets), level;
	unsigned long block, goal;
	bool changed = false;

	*err = 0;
	if (!depth) {
		*err = -EFBIG;
		return 0;
	}
	block = ei->i_data[offsets[0]];
	/* the goal: right after the block before this one, else the start of the inode's group */
	goal = EXT2_SB(inode->i_sb)->s_es.s_first_data_block + ei->i_block_group * EXT2_SB(inode->i_sb)->s_blocks_per_group;
	if (offsets[0] > 0 && offsets[0] < EXT2_NDIR_BLOCKS && ei->i_data[offsets[0] - 1])
		goal = ei->i_data[offsets[0] - 1] + 1;
	if (!block) {
		if (!create)
			return 0;
		block = alloc_block(inode, goal, depth > 1, err);
		if (!block)
			return 0;
		ei->i_data[offsets[0]] = (uint32_t)block;
		changed = true;
	}
	for (level = 1; level < depth; level++) {
		struct buffer_head *bh = sb_bread(inode->i_sb, block);
		uint32_t *slot;

		if (!bh) {
			*err = -EIO;
			block = 0;
			break;
		}
		slot = (uint32_t *)bh->b_data + offsets[level];
		goal = block + 1;
		if (offsets[level] > 0 && slot[-1])
			goal = slot[-1] + 1;
		block = *slot;
		if (!block && create) {
			block = alloc_block(inode, goal, level < depth - 1, err);
			if (block) {
				set_slot(bh, slot, (uint32_t)block);
				changed = true;
			}
		}
		brelse(bh);
		if (!block)
			break;
	}
	if (changed)
		ext2_write_inode(inode, false);
	return block;
}

unsigned long ext2_get_block(struct inode *inode, unsigned long iblock, bool create, int *err)
{
	struct ext2_inode_info *ei = EXT2_I(inode);
	unsigned long block;

	mutex_lock(&ei->truncate_mutex);
	block = get_block_locked(inode, iblock, create, err);
	mutex_unlock(&ei->truncate_mutex);
	return block;
}

/* --- truncate ------------------------------------------------------------ */

/*
 * Free the tree under the block number at *p (depth levels of indirect
 * blocks below it), and clear *p, a slot of the indirect block in pbh
 * (NULL: of i_data).
 */
static void free_branch(struct inode *inode, struct buffer_head *pbh, uint32_t *p, int depth)
{
	unsigned int apb = EXT2_SB(inode->i_sb)->s_blocksize / 4, i;

	if (!*p)
		return;
	if (depth > 0) {
		struct buffer_head *bh = sb_bread(inode->i_sb, *p);

		if (bh) {
			for (i = 0; i < apb; i++)
				free_branch(inode, bh, (uint32_t *)bh->b_data + i, depth - 1);
			brelse(bh);
		}
	}
	ext2_free_blocks(inode, *p, 1);
	inode->i_blocks -= EXT2_SB(inode->i_sb)->s_blocksize >> 9;
	set_slot(pbh, p, 0);
}

/*
 * Free the blocks of the tree at *p from its block from on (file blocks
 * counted from the tree's first). Each slot of a depth-d indirect block
 * covers apb^(d-1) blocks; the indirect block itself goes only when
 * nothing before from stays.
 */
static void truncate_tree(struct inode *inode, struct buffer_head *pbh, uint32_t *p, int depth, unsigned long from)
{
	unsigned long apb = EXT2_SB(inode->i_sb)->s_blocksize / 4, per = 1, i;
	struct buffer_head *bh;
	int d;

	if (!*p)
		return;
	if (from == 0) {
		free_branch(inode, pbh, p, depth);
		return;
	}
	for (d = 1; d < depth; d++)
		per *= apb;
	bh = sb_bread(inode->i_sb, *p);
	if (!bh)
		return;
	for (i = from / per; i < apb; i++)
		truncate_tree(inode, bh, (uint32_t *)bh->b_data + i, depth - 1, i == from / per ? from % per : 0);
	brelse(bh);
}

/* ext2_truncate_blocks with truncate_mutex held. */
static void truncate_blocks_locked(struct inode *inode, long long size)
{
	struct ext2_inode_info *ei = EXT2_I(inode);
	unsigned int bs = EXT2_SB(inode->i_sb)->s_blocksize;
	unsigned long apb = bs / 4, from = (unsigned long)((size + bs - 1) / bs), base = EXT2_NDIR_BLOCKS, span = apb;
	unsigned long i;
	int depth;

	if (!(S_ISREG(inode->i_mode) || S_ISDIR(inode->i_mode) || S_ISLNK(inode->i_mode)))
		return;
	if (S_ISLNK(inode->i_mode) && inode->i_blocks == 0)
		return;         /* a fast symlink: i_data holds the target, not blocks */
	for (i = from; i < EXT2_NDIR_BLOCKS; i++)
		free_branch(inode, NULL, &ei->i_data[i], 0);
	for (depth = 1; depth <= 3; depth++) {
		uint32_t *p = &ei->i_data[EXT2_IND_BLOCK + depth - 1];

		if (from <= base)
			truncate_tree(inode, NULL, p, depth, 0);
		else if (from - base < span)
			truncate_tree(inode, NULL, p, depth, from - base);
		base += span;
		span *= apb;
	}
	ext2_write_inode(inode, false);
}

void ext2_truncate_blocks(struct inode *inode, long long size)
{
	struct ext2_inode_info *ei = EXT2_I(inode);

	mutex_lock(&ei->truncate_mutex);
	truncate_blocks_locked(inode, size);
	mutex_unlock(&ei->truncate_mutex);
}

/* Zero the rest of the block size falls in, on the disk too (Linux's block_truncate_page). */
static int truncate_tail(struct inode *inode, long long size)
{
	unsigned int bs = EXT2_SB(inode->i_sb)->s_blocksize, off = (unsigned int)(size & (bs - 1));
	struct page *page;
	char *kaddr;
	int err;

	if (!off || !ext2_get_block(inode, (unsigned long)(size / bs), false, &err))
		return 0;
	page = read_mapping_page(inode->i_mapping, (unsigned long)(size >> PAGE_SHIFT), NULL, &err);
	if (!page)
		return err;
	lock_page(page);
	kaddr = kmap(page);
	if (kaddr) {
		memset(kaddr + (size & ~PAGE_MASK), 0, bs - off);
		kunmap(page);
		set_page_dirty(page);
	}
	unlock_page(page);
	put_page(page);
	return kaddr ? 0 : -ENOMEM;
}

/* The largest file the block map can hold (Linux's ext2_max_size, with 32-bit i_blocks in sectors). */
static long long ext2_max_size(struct super_block *sb)
{
	unsigned long long bs = EXT2_SB(sb)->s_blocksize, apb = bs / 4;
	unsigned long long blocks = EXT2_NDIR_BLOCKS + apb + apb * apb + apb * apb * apb;
	unsigned long long limit = blocks * bs, sectors_limit = (0xffffffffULL * 512) - bs * (1 + apb + 1);

	if (limit > sectors_limit)
		limit = sectors_limit;
	if (limit > (unsigned long long)MAX_LFS_FILESIZE)
		limit = MAX_LFS_FILESIZE;
	return (long long)limit;
}

int ext2_setattr(struct inode *inode, struct iattr *attr)
{
	if ((attr->ia_valid & ATTR_SIZE) && attr->ia_size != inode->i_size) {
		long long size = attr->ia_size;

		if (!S_ISREG(inode->i_mode))
			return -EINVAL;
		if (size > ext2_max_size(inode->i_sb))
			return -EFBIG;
		if (size < inode->i_size) {
			int err;

			truncate_inode_pages(inode->i_mapping, size);
			err = truncate_tail(inode, size);
			if (err)
				return err;
			ext2_truncate_blocks(inode, size);
		}
		inode->i_size = size;
	}
	setattr_copy(inode, attr);
	return ext2_write_inode(inode, false);
}

long long ext2_file_max_size(struct super_block *sb)
{
	return ext2_max_size(sb);
}

/* --- pages ---------------------------------------------------------------- */

/* Linux's ext2_readpage (mpage_readpage): each block of the page from the disk; holes and past the end zeroed. */
static int ext2_readpage(struct file *file, struct page *page)
{
	struct inode *inode = page->mapping->host;
	struct ext2_sb_info *sbi = EXT2_SB(inode->i_sb);
	unsigned int bs = sbi->s_blocksize, per = PAGE_SIZE / bs, i;
	char *kaddr = kmap(page);
	int err = 0;

	(void)file;
	if (!kaddr) {
		unlock_page(page);
		return -ENOMEM;
	}
	for (i = 0; i < per && !err; i++) {
		unsigned long iblock = page->index * per + i, block = 0;

		if ((long long)iblock * bs < inode->i_size)
			block = ext2_get_block(inode, iblock, false, &err);
		if (!block)
			memset(kaddr + i * bs, 0, bs);
		else if (bdev_rw(sbi->s_bdev, (sector_t)block * (bs >> 9), bs >> 9, kaddr + i * bs, false))
			err = -EIO;     /* a block number past the disk (a corrupt map) too: Linux's bio fails with EIO */
	}
	kunmap(page);
	if (err)
		SetPageError(page);
	else
		SetPageUptodate(page);
	unlock_page(page);
	return err;
}

/*
 * Linux's ext2_writepage (block_write_full_page): each block of the page
 * inside the file to the disk; the part past the end is zeroed first, so
 * a file that grows later reads zeroes there. A hole stays a hole: every
 * byte written got its block before it was copied (file.c), and a block
 * the page holds only as zeroes read from a hole needs none. A page
 * dirtied through a shared mmap may hold bytes over a hole: such a block
 * gets its block here (Linux remembers which blocks of a page are dirty in
 * their buffer_heads and allocates those; Pagoda has none, so a block of
 * zeroes stays a hole).
 */
/* Does the block of bs bytes at p hold anything but zeroes? */
static bool block_written(const char *p, unsigned int bs)
{
	for (unsigned int i = 0; i < bs; i++)
		if (p[i])
			return true;
	return false;
}

static int ext2_writepage(struct page *page, struct writeback_control *wbc)
{
	struct address_space *mapping = page->mapping;
	struct inode *inode = mapping->host;
	struct ext2_sb_info *sbi = EXT2_SB(inode->i_sb);
	unsigned int bs = sbi->s_blocksize, per = PAGE_SIZE / bs, i;
	long long start = (long long)page->index << PAGE_SHIFT;
	char *kaddr;
	int err = 0;

	(void)wbc;
	set_page_writeback(page);
	kaddr = kmap(page);
	if (!kaddr) {
		err = -ENOMEM;
	} else {
		if (inode->i_size < start + (long long)PAGE_SIZE && inode->i_size > start)
			memset(kaddr + (inode->i_size - start), 0, (size_t)(start + PAGE_SIZE - inode->i_size));
		for (i = 0; i < per && !err; i++) {
			unsigned long iblock = page->index * per + i, block;

			if (start + (long long)i * bs >= inode->i_size)
				break;
			block = ext2_get_block(inode, iblock, false, &err);
			if (!block && !err && block_written(kaddr + i * bs, bs))
				block = ext2_get_block(inode, iblock, true, &err);      /* written through a mapping */
			if (!block)
				continue;       /* a hole (or err set: the loop ends) */
			if (bdev_rw(sbi->s_bdev, (sector_t)block * (bs >> 9), bs >> 9, kaddr + i * bs, true))
				err = -EIO;     /* as when reading: past the disk is EIO, not bdev_rw's EINVAL */
			if (!err)
				bdev_update_alias(sbi->s_bdev, block, bs, kaddr + i * bs);
		}
		kunmap(page);
	}
	if (err) {
		SetPageError(page);
		mapping->flags |= 1UL << (err == -ENOSPC ? AS_ENOSPC : AS_EIO);
	}
	end_page_writeback(page);
	unlock_page(page);
	return err;
}

static unsigned long ext2_bmap(struct address_space *mapping, unsigned long block)
{
	int err;

	return ext2_get_block(mapping->host, block, false, &err);
}

const struct address_space_operations ext2_aops = {
	.readpage = ext2_readpage,
	.writepage = ext2_writepage,
	.bmap = ext2_bmap,
};

int ext2_write_kernel(struct inode *inode, long long pos, const void *buf, unsigned int len)
{
	unsigned int bs = EXT2_SB(inode->i_sb)->s_blocksize;
	unsigned long b;
	int err = 0;

	/* the blocks first, so the page is read with what is on the disk, and holes stay zeroes */
	for (b = (unsigned long)(pos / bs); (long long)b * bs < pos + len; b++)
		if (!ext2_get_block(inode, b, true, &err))
			return err ? err : -EIO;
	while (len) {
		unsigned long index = (unsigned long)(pos >> PAGE_SHIFT);
		unsigned int off = (unsigned int)(pos & ~PAGE_MASK), n = PAGE_SIZE - off;
		struct page *page;
		char *kaddr;

		if (n > len)
			n = len;
		if (pos + n > inode->i_size)
			inode->i_size = pos + n;        /* before the read: the page's blocks are inside the file */
		page = read_mapping_page(inode->i_mapping, index, NULL, &err);
		if (!page)
			return err;
		lock_page(page);
		kaddr = kmap(page);
		if (!kaddr) {
			unlock_page(page);
			put_page(page);
			return -ENOMEM;
		}
		memcpy(kaddr + off, buf, n);
		kunmap(page);
		set_page_dirty(page);
		unlock_page(page);
		put_page(page);
		buf = (const char *)buf + n;
		pos += n;
		len -= n;
	}
	return ext2_write_inode(inode, false);
}

void ext2_free_vfs_inode(struct inode *inode)
{
	struct ext2_inode_info *ei = EXT2_I(inode);

	if (inode->i_nlink == 0) {
		long long sec;
		long nsec;

		truncate_inode_pages(inode->i_mapping, 0);
		ext2_truncate_blocks(inode, 0);
		inode->i_size = 0;
		current_time(&sec, &nsec);
		ei->i_dtime = (uint32_t)sec;
		ext2_write_inode(inode, false);
		ext2_free_inode(inode);
	} else {
		filemap_write_and_wait_range(inode->i_mapping, 0, MAX_LFS_FILESIZE);
		truncate_inode_pages(inode->i_mapping, 0);
		ext2_write_inode(inode, false);
	}
	list_del(&ei->i_list);
	kfree(ei);
}
