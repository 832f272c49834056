/*
 * What the namespace tests share (namei_ro, tmpfs): Linux i386's numbers
 * for the calls that make, remove and change names and mounts, their
 * flags, and the statfs layouts.
 */
#ifndef NAMESPACE_H
#define NAMESPACE_H

#define __NR_link          9
#define __NR_unlink       10
#define __NR_mknod        14
#define __NR_chmod        15
#define __NR_lchown16     16
#define __NR_mount        21
#define __NR_utime        30
#define __NR_rename       38
#define __NR_mkdir        39
#define __NR_rmdir        40
#define __NR_umount2      52
#define __NR_symlink      83
#define __NR_truncate     92
#define __NR_ftruncate    93
#define __NR_fchmod       94
#define __NR_statfs       99
#define __NR_fstatfs     100
#define __NR_truncate64  193
#define __NR_lchown32    198
#define __NR_fchown32    207
#define __NR_chown32     212
#define __NR_statfs64    268
#define __NR_fstatfs64   269
#define __NR_utimes      271
#define __NR_mkdirat     296
#define __NR_mknodat     297
#define __NR_fchownat    298
#define __NR_unlinkat    301
#define __NR_linkat      303
#define __NR_symlinkat   304
#define __NR_fchmodat    306
#define __NR_utimensat   320
#define __NR_renameat2   353
#define __NR_utimensat_time64 412

#define AT_FDCWD        -100
#define S_IFIFO         0010000
#define AT_REMOVEDIR    0x200
#define MS_RDONLY       1
#define MS_REMOUNT      32
#define ST_RDONLY       1
#define TMPFS_MAGIC     0x01021994
#define PROC_SUPER_MAGIC 0x9fa0
#define RENAME_NOREPLACE 1
#define RENAME_EXCHANGE  2
#define UTIME_OMIT      ((1L << 30) - 2L)

struct statfs {
	unsigned int f_type, f_bsize, f_blocks, f_bfree, f_bavail, f_files, f_ffree;
	int f_fsid[2];
	unsigned int f_namelen, f_frsize, f_flags, f_spare[4];
};

struct statfs64 {
	unsigned int f_type, f_bsize;
	unsigned long long f_blocks, f_bfree, f_bavail, f_files, f_ffree;
	int f_fsid[2];
	unsigned int f_namelen, f_frsize, f_flags, f_spare[4];
} __attribute__((packed, aligned(4)));

#endif
