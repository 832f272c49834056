/*
 * ext2 directories (Linux's fs/ext2/dir.c): a directory's blocks, read
 * through its own page cache, hold variable-length entries (inode, rec_len,
 * name_len, file_type, name) chained by rec_len, never across a block. A
 * removed entry is merged into the one before it in its block (or, first
 * in its block, gets inode 0); a new one takes the slack of an entry
 * longer than it needs, else a new block at the end.
 */
#include "linux/errno.h"
#include "linux/highmem.h"
#include "linux/mm.h"
#include "linux/pagemap.h"
#include "linux/slab.h"
#include "linux/string.h"
#include "ext2.h"

static unsigned int type_of(unsigned int mode)
{
	switch (mode & S_IFMT) {
	case S_IFREG: return EXT2_FT_REG_FILE;
	case S_IFDIR: return EXT2_FT_DIR;
	case S_IFCHR: return EXT2_FT_CHRDEV;
	case S_IFBLK: return EXT2_FT_BLKDEV;
	case S_IFIFO: return EXT2_FT_FIFO;
	case S_IFSOCK: return EXT2_FT_SOCK;
	case S_IFLNK: return EXT2_FT_SYMLINK;
	}
	return EXT2_FT_UNKNOWN;
}

static void set_de_type(struct inode *dir, struct ext2_dir_entry_2 *de, unsigned int mode)
{
	de->file_type = (EXT2_SB(dir->i_sb)->s_es.s_feature_incompat & EXT2_FEATURE_INCOMPAT_FILETYPE)
			? (uint8_t)type_of(mode) : 0;
}

/* A place in a directory: a page (referenced, kmapped) and an entry in it. */
struct dir_pos {
	struct page *page;
	char *kaddr;
	struct ext2_dir_entry_2 *de, *prev;     /* prev: the entry before de in its block, or NULL */
};

static void dir_put(struct dir_pos *p)
{
	if (p->page) {
		kunmap(p->page);
		put_page(p->page);
		p->page = NULL;
	}
}

/* Bytes of page n that belong to the directory. */
static unsigned int page_limit(struct inode *dir, unsigned long n)
{
	long long left = dir->i_size - ((long long)n << PAGE_SHIFT);

	return left >= (long long)PAGE_SIZE ? PAGE_SIZE : (unsigned int)left;
}

/* Is the entry at off (in a block ending at end) sane? Checked again while walking a checked page. */
static bool entry_ok(struct inode *dir, const struct ext2_dir_entry_2 *de, unsigned int off, unsigned int end)
{
	return de->rec_len >= EXT2_DIR_REC_LEN(1) && !(de->rec_len & 3) &&
	       de->rec_len >= EXT2_DIR_REC_LEN(de->name_len) && off + de->rec_len <= end &&
	       de->inode <= EXT2_SB(dir->i_sb)->s_es.s_inodes_count;
}

/*
 * Linux's ext2_check_page: every entry of the first limit bytes of a
 * directory page chained block by block to each block's end. A page past
 * the directory's blocks (a hole: its i_size is bigger than its blocks)
 * reads as zeroes and fails here too.
 */
static bool check_page(struct inode *dir, const char *kaddr, unsigned int limit)
{
	unsigned int bs = EXT2_SB(dir->i_sb)->s_blocksize, off = 0;

	if (limit & (bs - 1))
		goto bad;
	while (off < limit) {
		const struct ext2_dir_entry_2 *de = (const struct ext2_dir_entry_2 *)(kaddr + off);

		if (!entry_ok(dir, de, off % bs, bs))
			goto bad;
		off += de->rec_len;
	}
	return true;
bad:
	ext2_error(dir->i_sb, "ext2_check_page", "bad entry in directory #", dir->i_ino);
	return false;
}

/* Page n of dir into p, referenced, kmapped and checked: 0 or -errno (-EIO: a corrupt page). */
static int dir_get(struct inode *dir, unsigned long n, struct dir_pos *p)
{
	int err;

	p->page = read_mapping_page(dir->i_mapping, n, NULL, &err);
	if (!p->page)
		return err;
	p->kaddr = kmap(p->page);
	if (!p->kaddr) {
		put_page(p->page);
		p->page = NULL;
		return -ENOMEM;
	}
	if (!check_page(dir, p->kaddr, page_limit(dir, n))) {
		dir_put(p);
		return -EIO;
	}
	return 0;
}

/*
 * Walk dir's entries, calling fn on each (with the one before it in its
 * block) until it returns nonzero: that value, with *p left on the entry
 * (the caller dir_puts it); 0 at the end; -EIO for a corrupt directory.
 */
static int dir_walk(struct inode *dir, struct dir_pos *p,
		    int (*fn)(struct ext2_dir_entry_2 *de, void *arg), void *arg)
{
	unsigned int bs = EXT2_SB(dir->i_sb)->s_blocksize;
	unsigned long n, npages = (unsigned long)((dir->i_size + PAGE_SIZE - 1) >> PAGE_SHIFT);

	for (n = 0; n < npages; n++) {
		unsigned int limit = page_limit(dir, n), off = 0;
		int err = dir_get(dir, n, p);

		if (err)
			return err;
		while (off < limit) {
			unsigned int end = (off / bs + 1) * bs;

			p->prev = NULL;
			while (off < end) {
				int r;

				p->de = (struct ext2_dir_entry_2 *)(p->kaddr + off);
				if (!entry_ok(dir, p->de, off % bs, bs)) {
					dir_put(p);
					return -EIO;
				}
				r = fn(p->de, arg);
				if (r)
					return r;
				p->prev = p->de;
				off += p->de->rec_len;
			}
		}
		dir_put(p);
	}
	return 0;
}

struct name_arg {
	const char *name;
	int len;
};

static int match_name(struct ext2_dir_entry_2 *de, void *arg)
{
	struct name_arg *a = arg;

	return de->inode && de->name_len == a->len && !memcmp(de->name, a->name, (size_t)a->len);
}

/* The entry of name in dir into *p: 1 found, 0 not there, -EIO. */
static int find_entry(struct inode *dir, const char *name, int len, struct dir_pos *p)
{
	struct name_arg a = { name, len };

	return dir_walk(dir, p, match_name, &a);
}

unsigned long ext2_inode_by_name(struct inode *dir, const char *name, int len, int *err)
{
	struct dir_pos p = { 0 };
	int r = find_entry(dir, name, len, &p);
	unsigned long ino = 0;

	*err = r < 0 ? r : 0;
	if (r > 0) {
		ino = p.de->inode;
		dir_put(&p);
	}
	return ino;
}

/*
 * Before an entry changes: the page's lock, which a write-back of the page
 * holds while the disk copies it, so the disk never gets half a change
 * (Linux's ext2_prepare_chunk). The caller holds the directory's i_rwsem:
 * no other change to it runs meanwhile.
 */
static void dir_prepare(struct dir_pos *p)
{
	lock_page(p->page);
}

/* The entry changed: its page goes to the disk later; the directory's times change. */
static void dir_commit(struct inode *dir, struct dir_pos *p)
{
	set_page_dirty(p->page);
	unlock_page(p->page);
	dir_put(p);
	ext2_touch(dir);
}

static int has_room(struct ext2_dir_entry_2 *de, void *arg)
{
	unsigned int need = EXT2_DIR_REC_LEN(*(int *)arg);

	if (!de->inode)
		return de->rec_len >= need;
	return de->rec_len >= EXT2_DIR_REC_LEN(de->name_len) + need;
}

int ext2_add_link(struct inode *dir, const char *name, int len, struct inode *inode)
{
	unsigned int bs = EXT2_SB(dir->i_sb)->s_blocksize;
	struct dir_pos p = { 0 };
	struct ext2_dir_entry_2 *de;
	int r = dir_walk(dir, &p, has_room, &len), err;
	char *block;

	if (r < 0)
		return r;
	if (r > 0) {
		dir_prepare(&p);
		de = p.de;
		if (de->inode) {        /* split: the new entry takes the slack after the old one */
			unsigned int used = EXT2_DIR_REC_LEN(de->name_len);
			struct ext2_dir_entry_2 *de1 = (struct ext2_dir_entry_2 *)((char *)de + used);

			de1->rec_len = (uint16_t)(de->rec_len - used);
			de->rec_len = (uint16_t)used;
			de = de1;
		}
		de->inode = (uint32_t)inode->i_ino;
		de->name_len = (uint8_t)len;
		memcpy(de->name, name, (size_t)len);
		set_de_type(dir, de, inode->i_mode);
		dir_commit(dir, &p);
		return 0;
	}
	/* no room: a new block at the end, holding just this entry */
	block = kzalloc(bs, GFP_KERNEL);
	if (!block)
		return -ENOMEM;
	de = (struct ext2_dir_entry_2 *)block;
	de->inode = (uint32_t)inode->i_ino;
	de->rec_len = (uint16_t)bs;
	de->name_len = (uint8_t)len;
	memcpy(de->name, name, (size_t)len);
	set_de_type(dir, de, inode->i_mode);
	err = ext2_write_kernel(dir, dir->i_size, block, bs);
	kfree(block);
	if (!err)
		ext2_touch(dir);
	return err;
}

int ext2_delete_entry(struct inode *dir, const char *name, int len)
{
	struct dir_pos p = { 0 };
	int r = find_entry(dir, name, len, &p);

	if (r <= 0)
		return r ? r : -ENOENT;
	dir_prepare(&p);
	if (p.prev)
		p.prev->rec_len = (uint16_t)(p.prev->rec_len + p.de->rec_len);
	else
		p.de->inode = 0;
	dir_commit(dir, &p);
	return 0;
}

int ext2_set_link(struct inode *dir, const char *name, int len, struct inode *inode)
{
	struct dir_pos p = { 0 };
	int r = find_entry(dir, name, len, &p);

	if (r <= 0)
		return r ? r : -ENOENT;
	dir_prepare(&p);
	p.de->inode = (uint32_t)inode->i_ino;
	set_de_type(dir, p.de, inode->i_mode);
	dir_commit(dir, &p);
	return 0;
}

int ext2_make_empty(struct inode *inode, struct inode *parent)
{
	unsigned int bs = EXT2_SB(inode->i_sb)->s_blocksize;
	char *block = kzalloc(bs, GFP_KERNEL);
	struct ext2_dir_entry_2 *de = (struct ext2_dir_entry_2 *)block;
	int err;

	if (!block)
		return -ENOMEM;
	de->inode = (uint32_t)inode->i_ino;
	de->rec_len = EXT2_DIR_REC_LEN(1);
	de->name_len = 1;
	de->name[0] = '.';
	set_de_type(inode, de, S_IFDIR);
	de = (struct ext2_dir_entry_2 *)(block + EXT2_DIR_REC_LEN(1));
	de->inode = (uint32_t)parent->i_ino;
	de->rec_len = (uint16_t)(bs - EXT2_DIR_REC_LEN(1));
	de->name_len = 2;
	de->name[0] = de->name[1] = '.';
	set_de_type(inode, de, S_IFDIR);
	err = ext2_write_kernel(inode, 0, block, bs);
	kfree(block);
	return err;
}

static int not_dot(struct ext2_dir_entry_2 *de, void *arg)
{
	(void)arg;
	if (!de->inode)
		return 0;
	if (de->name_len == 1 && de->name[0] == '.')
		return 0;
	if (de->name_len == 2 && de->name[0] == '.' && de->name[1] == '.')
		return 0;
	return 1;
}

bool ext2_empty_dir(struct inode *inode)
{
	struct dir_pos p = { 0 };
	int r = dir_walk(inode, &p, not_dot, NULL);

	if (r > 0)
		dir_put(&p);
	return r == 0;
}

/* getdents (Linux's ext2_readdir): ctx->pos is the byte offset of the next entry in the directory. */
static int ext2_readdir(struct file *f, struct dir_context *ctx)
{
	struct inode *dir = f->f_inode;
	unsigned int bs = EXT2_SB(dir->i_sb)->s_blocksize;
	struct dir_pos p = { 0 };

	while (ctx->pos < dir->i_size) {
		unsigned long n = (unsigned long)(ctx->pos >> PAGE_SHIFT);
		unsigned int limit = page_limit(dir, n);
		unsigned int want = (unsigned int)(ctx->pos & ~PAGE_MASK), off = want / bs * bs;
		int err = dir_get(dir, n, &p);

		if (err) {
			/* past the bad page, so the next getdents goes on instead of failing here for ever */
			ctx->pos = ((long long)n + 1) << PAGE_SHIFT;
			return err;
		}
		/* from the start of the block to the first entry at or after the position asked for */
		while (off < limit) {
			struct ext2_dir_entry_2 *de = (struct ext2_dir_entry_2 *)(p.kaddr + off);

			if (!entry_ok(dir, de, off % bs, bs)) {
				dir_put(&p);
				return -EIO;
			}
			if (off >= want && de->inode) {
				unsigned int type = de->file_type < 8 ? de->file_type : 0;
				static const unsigned char dt[8] = { DT_UNKNOWN, DT_REG, DT_DIR, DT_CHR, DT_BLK,
								     DT_FIFO, DT_SOCK, DT_LNK };

				ctx->pos = ((long long)n << PAGE_SHIFT) + off;
				if (!dir_emit(ctx, de->name, de->name_len, de->inode, dt[type])) {
					dir_put(&p);
					return 0;
				}
			}
			off += de->rec_len;
		}
		dir_put(&p);
		ctx->pos = ((long long)n << PAGE_SHIFT) + limit;
	}
	return 0;
}

/* fsync of a directory: its pages and inode to the disk. */
static int ext2_dir_fsync(struct file *f, long long start, long long end, int datasync)
{
	struct super_block *sb = f->f_inode->i_sb;

	(void)start, (void)end, (void)datasync;
	return sb->s_sync_fs(sb);
}

const struct file_operations ext2_dir_operations = {
	.llseek = generic_file_llseek,
	.iterate_shared = ext2_readdir,
	.fsync = ext2_dir_fsync,
};
