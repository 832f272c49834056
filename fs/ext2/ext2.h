/*
 * The second extended file system (Linux's fs/ext2/ext2.h): the on-disk
 * structures (little-endian, as i386 is), and what a mounted one keeps in
 * memory. Blocks are 1024 << s_log_block_size bytes; block groups each
 * have a block bitmap, an inode bitmap and an inode table, found through
 * the group descriptors after the super block (which is at byte 1024).
 */
#ifndef PAGODA_FS_EXT2_H
#define PAGODA_FS_EXT2_H

#include <stdint.h>
#include "linux/buffer_head.h"
#include "linux/fs.h"
#include "linux/list.h"
#include "linux/mutex.h"

#define EXT2_SUPER_MAGIC 0xEF53
#define EXT2_ROOT_INO    2
#define EXT2_GOOD_OLD_FIRST_INO  11
#define EXT2_GOOD_OLD_INODE_SIZE 128
#define EXT2_GOOD_OLD_REV 0
#define EXT2_MAX_SUPP_REV 1          /* EXT2_DYNAMIC_REV: the newest revision this code knows */
#define EXT2_DYNAMIC_REV  1
#define EXT2_MIN_BLOCK_SIZE 1024
#define EXT2_MAX_BLOCK_SIZE 4096        /* Pagoda's: a block must fit in a page */
#define EXT2_NAME_LEN 255
#define EXT2_LINK_MAX 32000

#define EXT2_NDIR_BLOCKS 12
#define EXT2_IND_BLOCK   12
#define EXT2_DIND_BLOCK  13
#define EXT2_TIND_BLOCK  14
#define EXT2_N_BLOCKS    15

#define EXT2_VALID_FS 0x0001            /* s_state: unmounted cleanly */
#define EXT2_ERROR_FS 0x0002

/* features (Linux's EXT2_FEATURE_*) */
#define EXT2_FEATURE_COMPAT_DIR_INDEX       0x0020
#define EXT2_FEATURE_INCOMPAT_FILETYPE      0x0002
#define EXT2_FEATURE_INCOMPAT_META_BG       0x0010
#define EXT2_FEATURE_RO_COMPAT_SPARSE_SUPER 0x0001
#define EXT2_FEATURE_RO_COMPAT_LARGE_FILE   0x0002
/* Pagoda reads no meta_bg layout, so it is not among what it supports (Linux's ext2 does) */
#define EXT2_FEATURE_INCOMPAT_SUPP  EXT2_FEATURE_INCOMPAT_FILETYPE
#define EXT2_FEATURE_RO_COMPAT_SUPP (EXT2_FEATURE_RO_COMPAT_SPARSE_SUPER | EXT2_FEATURE_RO_COMPAT_LARGE_FILE)

/* The super block, at byte 1024 of the device (Linux's struct ext2_super_block). */
struct ext2_super_block {
	uint32_t s_inodes_count, s_blocks_count, s_r_blocks_count, s_free_blocks_count;
	uint32_t s_free_inodes_count, s_first_data_block, s_log_block_size, s_log_frag_size;
	uint32_t s_blocks_per_group, s_frags_per_group, s_inodes_per_group;
	uint32_t s_mtime, s_wtime;
	uint16_t s_mnt_count;
	int16_t s_max_mnt_count;
	uint16_t s_magic, s_state, s_errors, s_minor_rev_level;
	uint32_t s_lastcheck, s_checkinterval, s_creator_os, s_rev_level;
	uint16_t s_def_resuid, s_def_resgid;
	/* EXT2_DYNAMIC_REV */
	uint32_t s_first_ino;
	uint16_t s_inode_size, s_block_group_nr;
	uint32_t s_feature_compat, s_feature_incompat, s_feature_ro_compat;
	uint8_t s_uuid[16];
	char s_volume_name[16];
	char s_last_mounted[64];
	uint32_t s_algorithm_usage_bitmap;
	uint8_t s_prealloc_blocks, s_prealloc_dir_blocks;
	uint16_t s_padding1;
	uint8_t s_journal_uuid[16];
	uint32_t s_journal_inum, s_journal_dev, s_last_orphan, s_hash_seed[4];
	uint8_t s_def_hash_version, s_reserved_char_pad;
	uint16_t s_reserved_word_pad;
	uint32_t s_default_mount_opts, s_first_meta_bg;
	uint32_t s_reserved[190];
};

/* One block group's descriptor (Linux's struct ext2_group_desc): 32 bytes. */
struct ext2_group_desc {
	uint32_t bg_block_bitmap, bg_inode_bitmap, bg_inode_table;
	uint16_t bg_free_blocks_count, bg_free_inodes_count, bg_used_dirs_count, bg_pad;
	uint32_t bg_reserved[3];
};

/* An inode on disk (Linux's struct ext2_inode): the first 128 bytes of s_inode_size. */
struct ext2_inode {
	uint16_t i_mode, i_uid;
	uint32_t i_size, i_atime, i_ctime, i_mtime, i_dtime;
	uint16_t i_gid, i_links_count;
	uint32_t i_blocks;              /* 512-byte sectors, indirect blocks counted */
	uint32_t i_flags, i_osd1;
	uint32_t i_block[EXT2_N_BLOCKS];
	uint32_t i_generation, i_file_acl, i_dir_acl;   /* i_dir_acl: a regular file's size >> 32 */
	uint32_t i_faddr;
	uint8_t l_i_frag, l_i_fsize;
	uint16_t i_pad1, l_i_uid_high, l_i_gid_high;
	uint32_t l_i_reserved2;
};

/* A directory entry (Linux's struct ext2_dir_entry_2): rec_len spans to the next. */
struct ext2_dir_entry_2 {
	uint32_t inode;                 /* 0: an unused entry */
	uint16_t rec_len;
	uint8_t name_len, file_type;
	char name[];
};

#define EXT2_DIR_PAD 4
#define EXT2_DIR_REC_LEN(name_len) (((name_len) + 8 + EXT2_DIR_PAD - 1) & ~(EXT2_DIR_PAD - 1))

/* file_type values (Linux's EXT2_FT_*) */
enum { EXT2_FT_UNKNOWN, EXT2_FT_REG_FILE, EXT2_FT_DIR, EXT2_FT_CHRDEV, EXT2_FT_BLKDEV,
       EXT2_FT_FIFO, EXT2_FT_SOCK, EXT2_FT_SYMLINK };

/* What a mounted ext2 keeps (Linux's struct ext2_sb_info). */
struct ext2_sb_info {
	struct block_device *s_bdev;
	unsigned int s_blocksize;               /* bytes */
	unsigned int s_blocksize_bits;
	unsigned long s_inodes_per_group, s_blocks_per_group;
	unsigned long s_itb_per_group;          /* inode table blocks per group */
	unsigned long s_gdb_count;              /* group descriptor blocks */
	unsigned long s_desc_per_block;
	unsigned long s_groups_count;
	unsigned int s_inode_size, s_first_ino;
	unsigned long s_sb_block;               /* the block holding the super block (0 or 1) */
	unsigned int s_sb_offset;               /* its byte offset in that block */
	uint16_t s_mount_state;                 /* s_state as found: written back at umount */
	struct ext2_super_block s_es;           /* a copy, written to the disk with ext2_sync_super */
	struct list_head s_inodes;              /* every in-memory inode (the inode cache) */
	/*
	 * The allocation lock: held while a block or an inode is taken or
	 * given back (the group descriptors' counts and the bitmaps change
	 * together) and while the super block's totals are summed from them.
	 * Linux's s_lock is a spinlock over counters in memory, and it
	 * changes each bitmap bit atomically under a per-group spinlock once
	 * the bitmap's buffer is in memory. Here the search reads the bitmap
	 * (a disk read sleeps) between looking at a group's free count and
	 * taking a bit, and a spinlock may not be held across a sleep: one
	 * sleeping lock per file system covers the whole step instead.
	 */
	struct mutex s_lock;
};

/* What an inode keeps in memory besides the VFS's (Linux's struct ext2_inode_info). */
struct ext2_inode_info {
	struct inode vfs_inode;
	uint32_t i_data[EXT2_N_BLOCKS];
	uint32_t i_flags, i_dtime, i_generation;
	unsigned long i_block_group;
	bool i_cached;                          /* the inode cache holds a reference */
	struct list_head i_list;                /* on s_inodes */
	/*
	 * Linux's truncate_mutex: the block map (i_data, the indirect blocks
	 * and i_blocks) is walked, grown and cut under it, so a page read or
	 * written back (which asks ext2_get_block without i_rwsem) never
	 * races a truncate freeing the blocks it walks, and two writers of a
	 * file's pages never give one hole two blocks.
	 */
	struct mutex truncate_mutex;
};

static inline struct ext2_sb_info *EXT2_SB(struct super_block *sb)
{
	return sb->s_fs_info;
}

static inline struct ext2_inode_info *EXT2_I(struct inode *inode)
{
	return (struct ext2_inode_info *)((char *)inode - offsetof(struct ext2_inode_info, vfs_inode));
}

static inline struct buffer_head *sb_bread(struct super_block *sb, unsigned long block)
{
	return __bread(EXT2_SB(sb)->s_bdev, block, EXT2_SB(sb)->s_blocksize);
}

/* super.c */
/* Copy the in-memory super block into its block (dirty), and to the disk now if wait (Linux's ext2_sync_super). */
void ext2_sync_super(struct super_block *sb, bool wait);
/* Report a corrupt file system (Linux's ext2_error): printed, and the super block marked EXT2_ERROR_FS. */
void ext2_error(struct super_block *sb, const char *function, const char *msg, unsigned long n);

/* balloc.c */
/* Group group's descriptor, its block in *bh (brelse it): NULL if out of range or unreadable. */
struct ext2_group_desc *ext2_get_group_desc(struct super_block *sb, unsigned long group, struct buffer_head **bh);
/* A free block, near goal, marked used: its number, or 0 with *err -ENOSPC or -EIO (Linux's ext2_new_blocks, one block). */
unsigned long ext2_new_block(struct inode *inode, unsigned long goal, int *err);
/* Give count blocks from block back (Linux's ext2_free_blocks). */
void ext2_free_blocks(struct inode *inode, unsigned long block, unsigned long count);
/* Does group hold a copy of the super block (Linux's ext2_bg_has_super)? */
bool ext2_bg_has_super(struct super_block *sb, unsigned long group);
/* The sum of the groups' free block counts; the caller holds s_lock for a true total. */
unsigned long ext2_count_free_blocks(struct super_block *sb);
/* Set (or clear) bit of a bitmap block, with the buffer locked against a write-back in flight; dirtied. */
void ext2_change_bit(struct buffer_head *bh, unsigned long bit, bool set);

/* ialloc.c */
/* A new inode of mode in dir's file system, on disk and in the cache: NULL with *err (-ENOSPC, -EIO, -ENOMEM). */
struct inode *ext2_new_inode(struct inode *dir, unsigned int mode, int *err);
/* Give inode's number back (Linux's ext2_free_inode): its blocks are already freed. */
void ext2_free_inode(struct inode *inode);

/* inode.c */
/* The inode numbered ino, from the cache or the disk: a reference, or NULL with *err (-EIO, -EUCLEAN, -ENOMEM). */
struct inode *ext2_iget(struct super_block *sb, unsigned long ino, int *err);
/* A new in-memory inode ino of mode, made by ext2_new_inode for dir: in the cache, written to its table. */
struct inode *ext2_iget_new(struct super_block *sb, unsigned long ino, unsigned int mode, struct inode *dir, int *err);
/* Copy the inode into its inode table block (dirty; to the disk now if sync): 0 or -EIO (Linux's ext2_write_inode). */
int ext2_write_inode(struct inode *inode, bool sync);
/*
 * The disk block holding block iblock of the file (Linux's ext2_get_block):
 * its number, or 0 for a hole (create false) or with *err set; with create,
 * a hole is filled with a new block (zeroed through the device cache if
 * zero is set).
 */
unsigned long ext2_get_block(struct inode *inode, unsigned long iblock, bool create, int *err);
/* The largest file size (bytes) the block map holds (Linux's ext2_max_size). */
long long ext2_file_max_size(struct super_block *sb);
/* Free the blocks past size bytes (Linux's ext2_truncate_blocks). */
void ext2_truncate_blocks(struct inode *inode, long long size);
int ext2_setattr(struct inode *inode, struct iattr *attr);
/* Set the type's operations on a new or read inode (Linux's ext2_set_file_ops and friends). */
void ext2_set_inode_ops(struct inode *inode);
/* The inode's last reference went: write it back or, unlinked, free it and its blocks. */
void ext2_free_vfs_inode(struct inode *inode);
/* Drop the inode cache's reference (an inode that was unlinked, or at umount). */
void ext2_uncache(struct inode *inode);
/* Times: mtime and ctime to now (write, directory changes), written back. */
void ext2_touch(struct inode *inode);
/* Copy len bytes into the file at pos through its page cache, allocating blocks (a directory's new block, a symlink's). */
int ext2_write_kernel(struct inode *inode, long long pos, const void *buf, unsigned int len);
extern const struct address_space_operations ext2_aops;

/* dir.c */
extern const struct file_operations ext2_dir_operations;
/* The inode number of name in dir, or 0 (Linux's ext2_inode_by_name): *err -EIO on a bad directory. */
unsigned long ext2_inode_by_name(struct inode *dir, const char *name, int len, int *err);
/* A new entry name -> inode in dir (Linux's ext2_add_link): 0, -ENOSPC, -EIO, -EFBIG. */
int ext2_add_link(struct inode *dir, const char *name, int len, struct inode *inode);
/* Remove name's entry from dir (Linux's ext2_delete_entry): 0 or -ENOENT/-EIO. */
int ext2_delete_entry(struct inode *dir, const char *name, int len);
/* Point name's entry in dir at inode (rename over a name, a moved directory's ".."): 0 or -errno. */
int ext2_set_link(struct inode *dir, const char *name, int len, struct inode *inode);
/* "." and ".." in a new directory (Linux's ext2_make_empty): 0 or -errno. */
int ext2_make_empty(struct inode *inode, struct inode *parent);
/* Does the directory hold only "." and ".." (Linux's ext2_empty_dir)? */
bool ext2_empty_dir(struct inode *inode);

/* namei.c */
extern const struct inode_operations ext2_dir_inode_operations;
extern const struct inode_operations ext2_special_inode_operations;

/* file.c */
extern const struct file_operations ext2_file_operations;
extern const struct inode_operations ext2_file_inode_operations;
extern const struct inode_operations ext2_symlink_inode_operations;

#endif
