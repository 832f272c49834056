/*
 * ext2 regular files and symbolic links (Linux's fs/ext2/file.c and
 * symlink.c): reads and writes go through the page cache (mm/filemap.c).
 * A write gets its blocks before it copies (as Linux's ->write_begin
 * does), so a full disk is -ENOSPC from write(), not a lost page later.
 */
#include "linux/errno.h"
#include "linux/highmem.h"
#include "linux/mm.h"
#include "linux/pagemap.h"
#include "linux/string.h"
#include "linux/uio.h"
#include "linux/writeback.h"
#include "ext2.h"

/*
 * Read the pages a write covers only in part, while their holes are
 * still holes (zeroes): once the write has allocated blocks for them,
 * ->readpage would read whatever the new blocks held before.
 */
static int prepare_partial(struct inode *inode, long long pos)
{
	struct page *page;
	int err;

	if (!(pos & ~PAGE_MASK) || (pos & PAGE_MASK) >= inode->i_size)
		return 0;       /* the write starts the page, or the page holds none of the file: zeroes anyway */
	page = read_mapping_page(inode->i_mapping, (unsigned long)(pos >> PAGE_SHIFT), NULL, &err);
	if (!page)
		return err;
	put_page(page);
	return 0;
}

/* ext2_file_write_iter with i_rwsem held: the size, the blocks and the pages change together. */
static long write_locked(struct file *file, struct iov_iter *iter, long long *pos)
{
	struct inode *inode = file->f_mapping->host;
	unsigned int bs = EXT2_SB(inode->i_sb)->s_blocksize;
	long long start = (file->f_flags & O_APPEND) ? inode->i_size : *pos, end, max = ext2_file_max_size(inode->i_sb);
	size_t count = iter->count, cut = 0;
	unsigned long b;
	long ret;
	int err = 0;

	if (!count)
		return 0;
	if (start < 0)
		return -EINVAL;
	if (start >= max)
		return -EFBIG;
	if ((long long)count > max - start) {
		cut = count - (size_t)(max - start);
		count -= cut;
	}
	end = start + (long long)count;
	err = prepare_partial(inode, start);
	if (!err && ((end ^ start) & PAGE_MASK))
		err = prepare_partial(inode, end);
	if (err)
		return err;
	for (b = (unsigned long)(start / bs); (long long)b * bs < end; b++) {
		if (!ext2_get_block(inode, b, true, &err)) {
			if (!err)
				err = -EIO;
			break;
		}
	}
	if (err) {
		/* as much as got blocks; none: the error (-ENOSPC) */
		long long room = (long long)b * bs - start;

		if (room <= 0) {
			ext2_truncate_blocks(inode, inode->i_size);
			return err;
		}
		cut += count - (size_t)room;
		count = (size_t)room;
	}
	iter->count -= cut;
	ret = generic_file_write_iter(file, iter, pos);
	iter->count += cut;
	if (ret > 0)
		ext2_touch(inode);
	if (ret < (long)count)
		ext2_truncate_blocks(inode, inode->i_size);     /* blocks got for bytes never written */
	if (ret > 0)
		balance_dirty_pages_ratelimited(file->f_mapping);
	return ret;
}

/*
 * Linux's generic_file_write_iter for ext2: one writer at a time per file
 * (inode_lock), since a write sleeps (block allocation reads bitmaps, a
 * partial page is read from the disk) and two interleaved would both
 * extend i_size from the same old end, or O_APPEND twice at one offset.
 */
static long ext2_file_write_iter(struct file *file, struct iov_iter *iter, long long *pos)
{
	struct inode *inode = file->f_mapping->host;
	long ret;

	inode_lock(inode);
	ret = write_locked(file, iter, pos);
	inode_unlock(inode);
	return ret;
}

static long ext2_file_write(struct file *file, const char *ubuf, unsigned long count, long long *pos)
{
	struct iovec iov;
	struct iov_iter iter;

	iov_iter_single(&iter, &iov, (char *)ubuf, count);
	return ext2_file_write_iter(file, &iter, pos);
}

/* Linux's ext2_fsync (generic_file_fsync): the file's pages, its inode, then the disk's cache. */
static int ext2_fsync(struct file *file, long long start, long long end, int datasync)
{
	struct inode *inode = file->f_mapping->host;
	struct ext2_sb_info *sbi = EXT2_SB(inode->i_sb);
	int err = filemap_write_and_wait_range(inode->i_mapping, start, end), err2;

	(void)datasync;         /* the inode is written either way: its size and blocks may have changed */
	err2 = ext2_write_inode(inode, true);
	if (!err)
		err = err2;
	err2 = sync_blockdev(sbi->s_bdev);      /* the indirect blocks and bitmaps the pages needed */
	if (!err)
		err = err2;
	err2 = blkdev_issue_flush(sbi->s_bdev);
	return err ? err : err2;
}

/*
 * mmap (Linux's generic_file_mmap): the mm faults the file's pages in from
 * its page cache (filemap_fault); a shared mapping's dirty pages reach the
 * disk through ext2_writepage, which gives their hole blocks blocks.
 */
static int ext2_file_mmap(struct file *file, struct vm_area_struct *vma)
{
	(void)file, (void)vma;
	return 0;
}

/* Reads and writes go through the inode's page cache (Linux's do_dentry_open sets f_mapping for every file). */
static int ext2_file_open(struct inode *inode, struct file *file)
{
	file->f_mapping = inode->i_mapping;
	return 0;
}

const struct file_operations ext2_file_operations = {
	.open = ext2_file_open,
	.llseek = generic_file_llseek,
	.read = generic_file_read,
	.read_iter = generic_file_read_iter,
	.write = ext2_file_write,
	.write_iter = ext2_file_write_iter,
	.fsync = ext2_fsync,
	.mmap = ext2_file_mmap,
};

static int ext2_setattr_file(struct inode *inode, struct iattr *attr)
{
	return ext2_setattr(inode, attr);
}

const struct inode_operations ext2_file_inode_operations = {
	.setattr = ext2_setattr_file,
};

/* A symlink's target: in i_data for a fast one, else in its block (Linux's ext2_get_link / page_get_link). */
static int ext2_readlink(struct inode *inode, char *buf, int size)
{
	int len = inode->i_size < size ? (int)inode->i_size : size, err;
	struct page *page;
	char *kaddr;

	if (inode->i_blocks == 0) {
		memcpy(buf, EXT2_I(inode)->i_data, (size_t)len);
		return len;
	}
	if (len > (int)PAGE_SIZE)
		len = PAGE_SIZE;
	page = read_mapping_page(inode->i_mapping, 0, NULL, &err);
	if (!page)
		return err;
	kaddr = kmap(page);
	if (kaddr)
		memcpy(buf, kaddr, (size_t)len);
	else
		len = -ENOMEM;
	if (kaddr)
		kunmap(page);
	put_page(page);
	return len;
}

const struct inode_operations ext2_symlink_inode_operations = {
	.readlink = ext2_readlink,
	.setattr = ext2_setattr_file,
};
