/*
 * ext2 through the system calls (Linux's fs/ext2/), on the disk
 * tests/ext2_test.py makes: 16 MiB, 1 KiB blocks, /hello holding "hello
 * from the host\n". Mounted on /root: statfs, reads, a sparse file's
 * size and blocks, O_APPEND, pread of a hole, ftruncate freeing blocks,
 * fsync and fdatasync, names (mkdir, rmdir, rename over a file and a
 * directory, link counts, fast and slow symlinks, getdents64), an
 * unlinked file still open, a file through the double indirect block,
 * a full disk (ENOSPC), umount's EBUSY, then umount and a second mount
 * that finds it all again. The host checks the image afterwards.
 *
 * Buffers, pgpgin and pgpgout of /proc grow with the I/O.
 *
 * "ext2 nodisk" runs with no disk attached: there is no /dev/sda to mount.
 */
#include <errno.h>
#include <stdlib.h>
#include <fcntl.h>
#include <string.h>
#include <syscall.h>
#include <unistd.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include "check.h"
#include "namespace.h"

#define MNT "/root"
#define EXT2_SUPER_MAGIC 0xEF53
#define __NR_fsync 118
#define __NR_fdatasync 148
#define __NR_msync 144
#define LONG_TARGET "/a/target/longer/than/the/sixty/bytes/an/inode/holds/in/i_block/0123456789"

static char buf[65536];

static long sys_open(const char *p, long flags, long mode)
{
	return __syscall3(__NR_open, (long)p, flags, mode);
}

static long sys_close(long fd)
{
	return __syscall1(__NR_close, fd);
}

static long write_all(long fd, const void *p, long n)
{
	return __syscall3(__NR_write, fd, (long)p, n);
}

static long pread_(long fd, void *p, long n, long long off)
{
	return __syscall5(__NR_pread64, fd, (long)p, n, (long)(off & 0xffffffff), (long)(off >> 32));
}

static long pwrite_(long fd, const void *p, long n, long long off)
{
	return __syscall5(__NR_pwrite64, fd, (long)p, n, (long)(off & 0xffffffff), (long)(off >> 32));
}

static long stat_(const char *p, struct stat64 *st)
{
	return __syscall2(__NR_lstat64, (long)p, (long)st);
}

static long fstat_(long fd, struct stat64 *st)
{
	return __syscall2(__NR_fstat64, fd, (long)st);
}

static long mount_(void)
{
	return __syscall5(__NR_mount, (long)"/dev/sda", (long)MNT, (long)"ext2", 0, 0);
}

/* The whole file at p into buf (NUL-terminated): its length, or -errno. */
static long slurp(const char *p)
{
	long fd = sys_open(p, O_RDONLY, 0), n, got = 0;

	if (fd < 0)
		return fd;
	while ((n = __syscall3(__NR_read, fd, (long)buf + got, (long)sizeof(buf) - 1 - got)) > 0)
		got += n;
	sys_close(fd);
	buf[got] = '\0';
	return n < 0 ? n : got;
}

/* The number after name ("Buffers:", "\npgpgin ") in /proc file p; -1 if none. */
static long proc_number(const char *p, const char *name)
{
	char *at;

	if (slurp(p) <= 0 || !(at = strstr(buf, name)))
		return -1;
	return strtol(at + strlen(name), NULL, 10);
}

/* Does directory p list name with d_type type? */
static int lists(const char *p, const char *name, int type)
{
	static char d[8192];
	long fd = sys_open(p, O_RDONLY | O_DIRECTORY, 0), n;
	int found = 0;

	while ((n = __syscall3(__NR_getdents64, fd, (long)d, sizeof(d))) > 0)
		for (long pos = 0; pos < n; pos += *(unsigned short *)(d + pos + 16))
			if (strcmp(d + pos + 19, name) == 0 && d[pos + 18] == type)
				found = 1;
	sys_close(fd);
	return found;
}

static void files(void)
{
	struct stat64 st;
	long fd;

	check_ret(slurp(MNT "/hello"), 20, "read /hello");
	check(strcmp(buf, "hello from the host\n") == 0, "/hello holds %s", buf);
	fd = sys_open(MNT "/sparse", O_CREAT | O_EXCL | O_RDWR, 0644);
	check(fd >= 0, "create /sparse: %s", errname(fd));
	check_ret(sys_open(MNT "/sparse", O_CREAT | O_EXCL | O_RDWR, 0644), -EEXIST, "O_EXCL on it again");
	memset(buf, 'a', 3000);
	check_ret(write_all(fd, buf, 3000), 3000, "write 3000 bytes");
	check_ret(pwrite_(fd, "X", 1, 10000), 1, "pwrite at 10000");
	check_ret(fstat_(fd, &st), 0, "fstat");
	/* blocks 0-2 and 9 of 1 KiB: 8 sectors, the hole between takes none */
	check(st.st_size == 10001 && st.st_blocks == 8, "size %lld blocks %lld (want 10001, 8)",
	      (long long)st.st_size, (long long)st.st_blocks);
	memset(buf, 1, 100);
	check_ret(pread_(fd, buf, 100, 5000), 100, "pread the hole");
	check(buf[0] == 0 && buf[99] == 0, "a hole reads zeroes");
	check_ret(__syscall1(__NR_fsync, fd), 0, "fsync");
	check_ret(__syscall1(__NR_fdatasync, fd), 0, "fdatasync");
	check_ret(__syscall2(__NR_ftruncate, fd, 100), 0, "ftruncate to 100");
	check_ret(fstat_(fd, &st), 0, "fstat");
	check(st.st_size == 100 && st.st_blocks == 2, "size %lld blocks %lld (want 100, 2)",
	      (long long)st.st_size, (long long)st.st_blocks);
	check_ret(__syscall2(__NR_ftruncate, fd, 20000), 0, "ftruncate up to 20000");
	check_ret(pread_(fd, buf, 200, 0), 200, "pread across the end truncate made");
	check(buf[99] == 'a' && buf[100] == 0 && buf[199] == 0, "the old bytes past 100 are gone");
	sys_close(fd);
	fd = sys_open(MNT "/sparse", O_WRONLY | O_APPEND, 0);
	check_ret(write_all(fd, "END", 3), 3, "O_APPEND write");
	sys_close(fd);
	check_ret(stat_(MNT "/sparse", &st), 0, "stat");
	check(st.st_size == 20003, "size %lld after the append", (long long)st.st_size);

	/* past 12 + 256 blocks: the double indirect block */
	fd = sys_open(MNT "/big", O_CREAT | O_TRUNC | O_WRONLY, 0644);
	for (int i = 0; i < 10; i++) {
		for (int j = 0; j < 65536; j++)
			buf[j] = (char)(i * 31 + j * 7);
		check_ret(write_all(fd, buf, 65536), 65536, "write 64 KiB #%d", i);
	}
	sys_close(fd);
	fd = sys_open(MNT "/big", O_RDONLY, 0);
	for (int i = 0; i < 10; i++) {
		int bad = 0;

		check_ret(__syscall3(__NR_read, fd, (long)buf, 65536), 65536, "read 64 KiB #%d", i);
		for (int j = 0; j < 65536; j++)
			bad |= buf[j] != (char)(i * 31 + j * 7);
		check(!bad, "64 KiB #%d reads back", i);
	}
	sys_close(fd);
}

static void names(void)
{
	struct stat64 st, root;
	long fd;

	check_ret(stat_(MNT, &root), 0, "stat the root");
	check_ret(__syscall2(__NR_mkdir, (long)MNT "/d", 0755), 0, "mkdir d");
	check_ret(__syscall2(__NR_mkdir, (long)MNT "/d", 0755), -EEXIST, "mkdir d again");
	check_ret(stat_(MNT, &st), 0, "stat the root");
	check(st.st_nlink == root.st_nlink + 1, "root nlink %u, was %u", (unsigned)st.st_nlink, (unsigned)root.st_nlink);
	fd = sys_open(MNT "/d/f", O_CREAT | O_WRONLY, 0644);
	check_ret(write_all(fd, "file\n", 5), 5, "write d/f");
	sys_close(fd);
	check_ret(__syscall1(__NR_rmdir, (long)MNT "/d"), -ENOTEMPTY, "rmdir d with a file");
	check_ret(__syscall2(__NR_link, (long)MNT "/d/f", (long)MNT "/h"), 0, "link d/f h");
	check_ret(stat_(MNT "/h", &st), 0, "stat h");
	check(st.st_nlink == 2, "nlink %u after link", (unsigned)st.st_nlink);
	check_ret(__syscall2(__NR_symlink, (long)"d/f", (long)MNT "/fast"), 0, "fast symlink");
	check_ret(__syscall2(__NR_symlink, (long)LONG_TARGET, (long)MNT "/slow"), 0, "slow symlink");
	check_ret(__syscall3(__NR_readlink, (long)MNT "/slow", (long)buf, sizeof(buf)), (long)strlen(LONG_TARGET),
		  "readlink slow");
	check(memcmp(buf, LONG_TARGET, strlen(LONG_TARGET)) == 0, "slow target");
	check_ret(slurp(MNT "/fast"), 5, "read through the fast symlink");
	check_ret(stat_(MNT "/slow", &st), 0, "lstat slow");
	check(st.st_blocks == 2 && st.st_size == (long long)strlen(LONG_TARGET), "slow: a block (%lld)",
	      (long long)st.st_blocks);
	check_ret(stat_(MNT "/fast", &st), 0, "lstat fast");
	check(st.st_blocks == 0, "fast: no block (%lld)", (long long)st.st_blocks);
	check_ret(__syscall2(__NR_mkdir, (long)MNT "/e", 0755), 0, "mkdir e");
	check_ret(__syscall2(__NR_rename, (long)MNT "/d", (long)MNT "/e"), 0, "rename d over empty e");
	check_ret(slurp(MNT "/e/f"), 5, "e/f after the rename");
	check_ret(stat_(MNT, &st), 0, "stat the root");
	check(st.st_nlink == root.st_nlink + 1, "root nlink %u after replacing a directory", (unsigned)st.st_nlink);
	check_ret(__syscall2(__NR_mkdir, (long)MNT "/e/up", 0755), 0, "mkdir e/up");
	check_ret(__syscall2(__NR_rename, (long)MNT "/e/up", (long)MNT "/up"), 0, "move e/up to /up");
	check_ret(slurp(MNT "/up/../hello"), 20, "up/.. is the root now");
	check_ret(__syscall2(__NR_rename, (long)MNT "/h", (long)MNT "/e/f"), 0, "rename h over its own other name");
	check_ret(__syscall2(__NR_rename, (long)MNT "/up", (long)MNT "/e"), -ENOTEMPTY, "rename over non-empty");
	check(lists(MNT, "e", 4) && lists(MNT, "slow", 10) && lists(MNT, "hello", 8) && lists(MNT "/e", "f", 8),
	      "getdents64 lists e, slow, hello and e/f with their types");
	check(!lists(MNT, "d", 4), "d is gone");
	check_ret(__syscall1(__NR_rmdir, (long)MNT "/up"), 0, "rmdir up");
	check_ret(stat_(MNT, &st), 0, "stat the root");
	check(st.st_nlink == root.st_nlink + 1, "root nlink %u", (unsigned)st.st_nlink);

	/* an unlinked file lives while it is open */
	fd = sys_open(MNT "/tmpfile", O_CREAT | O_RDWR, 0644);
	check_ret(write_all(fd, "still here", 10), 10, "write tmpfile");
	check_ret(__syscall1(__NR_unlink, (long)MNT "/tmpfile"), 0, "unlink it open");
	check_ret(pread_(fd, buf, 10, 0), 10, "read it unlinked");
	check(memcmp(buf, "still here", 10) == 0, "its bytes");
	check_ret(__syscall2(__NR_umount2, (long)MNT, 0), -EBUSY, "umount with a file open");
	sys_close(fd);
}

/* The kB value of /proc/meminfo's line name ("Dirty:"), or -1. */
static long meminfo(const char *name)
{
	static char m[4096];
	const char *at;

	if (slurp("/proc/meminfo") < 0)
		return -1;
	memcpy(m, buf, sizeof(m) - 1);
	at = strstr(m, name);
	return at ? strtol(at + strlen(name), NULL, 10) : -1;
}

/*
 * After writing more than a fifth of memory: the writer was made to write
 * back (balance_dirty_pages), so what is dirty stays under dirty_ratio
 * (20%) of free and cached memory, with a little slack for the last write.
 */
static void dirty_below_limit(void)
{
	long dirty = meminfo("Dirty:"), free_kb = meminfo("MemFree:"), cached = meminfo("Cached:");

	check(dirty >= 0 && free_kb >= 0 && cached >= 0, "/proc/meminfo has Dirty, MemFree, Cached");
	check(dirty <= (free_kb + cached) / 5 + 256, "Dirty %ld kB, under 20%% of free %ld + cached %ld kB",
	      dirty, free_kb, cached);
}

/*
 * A shared mapping of a file that is all hole: its bytes reach the disk
 * at msync(MS_SYNC) (the host reads /mapped: "mapped\n", zeroes, "end").
 */
static void mapped(void)
{
	long fd = sys_open(MNT "/mapped", O_CREAT | O_RDWR, 0644), p;

	check(fd >= 0, "create /mapped: %s", errname(fd));
	check_ret(__syscall2(__NR_ftruncate, fd, 8192), 0, "ftruncate /mapped to 8 KiB");
	p = __syscall6(__NR_mmap2, 0, 8192, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	check(!IS_ERR(p), "mmap /mapped MAP_SHARED: %s", errname(p));
	memcpy((char *)p, "mapped\n", 7);
	memcpy((char *)p + 8189, "end", 3);
	check_ret(__syscall3(__NR_msync, p, 8192, 4 /* MS_SYNC */), 0, "msync MS_SYNC");
	check_ret(__syscall2(__NR_munmap, p, 8192), 0, "munmap");
	check_ret(sys_close(fd), 0, "close");
	check_ret(slurp(MNT "/mapped"), 8192, "read /mapped");
	check(memcmp(buf, "mapped\n", 7) == 0 && memcmp(buf + 8189, "end", 3) == 0, "read() sees the mapping's bytes");
}

static void full(void)
{
	struct statfs sf;
	long fd = sys_open(MNT "/fill", O_CREAT | O_WRONLY, 0644), n, total = 0, err = 0;
	unsigned long long before;

	check_ret(__syscall2(__NR_statfs, (long)MNT, (long)&sf), 0, "statfs");
	check(sf.f_type == EXT2_SUPER_MAGIC && sf.f_bsize == 1024 && sf.f_namelen == 255 && sf.f_files == 4096,
	      "statfs: type %#lx bsize %ld namelen %ld files %ld", (long)sf.f_type, (long)sf.f_bsize,
	      (long)sf.f_namelen, (long)sf.f_files);
	before = sf.f_bfree;
	memset(buf, 'z', sizeof(buf));
	while ((n = write_all(fd, buf, sizeof(buf))) > 0)
		total += n;
	err = n;
	check_ret(err, -ENOSPC, "writing until the disk is full (%ld bytes)", total);
	dirty_below_limit();
	check(total > 10 * 1024 * 1024, "most of the 16 MiB taken (%ld bytes)", total);
	check_ret(write_all(fd, buf, 1), -ENOSPC, "one byte more");
	sys_close(fd);
	check_ret(__syscall1(__NR_unlink, (long)MNT "/fill"), 0, "unlink the filler");
	check_ret(__syscall2(__NR_statfs, (long)MNT, (long)&sf), 0, "statfs");
	check(sf.f_bfree == before, "free blocks %llu again (were %llu)", (unsigned long long)sf.f_bfree, before);
}

int main(int argc, char **argv)
{
	struct stat64 st;
	long bufs0, in0, out0, n;

	if (argc > 1 && strcmp(argv[1], "nodisk") == 0) {
		/* no disk attached: no /dev/sda to mount (with disks: tests/ext2_test.py) */
		check_ret(mount_(), -ENOENT, "mount -t ext2 /dev/sda with no disk");
		return done();
	}

	bufs0 = proc_number("/proc/meminfo", "Buffers:");
	in0 = proc_number("/proc/vmstat", "\npgpgin ");
	out0 = proc_number("/proc/vmstat", "\npgpgout ");
	check_ret(mount_(), 0, "mount -t ext2 /dev/sda " MNT);
	files();
	names();
	mapped();
	full();
	/* the superblock, bitmaps, inode tables and directories came through the disk's page cache */
	n = proc_number("/proc/meminfo", "Buffers:");
	check(bufs0 >= 0 && n > bufs0, "Buffers grew with the metadata read (%ld -> %ld kB)", bufs0, n);
	n = proc_number("/proc/vmstat", "\npgpgin ");
	check(in0 >= 0 && n > in0, "pgpgin grew with the blocks read (%ld -> %ld)", in0, n);
	__syscall0(__NR_sync);
	n = proc_number("/proc/vmstat", "\npgpgout ");
	check(out0 >= 0 && n > out0, "pgpgout grew once sync wrote the files (%ld -> %ld)", out0, n);
	check_ret(__syscall2(__NR_umount2, (long)MNT, 0), 0, "umount");
	check_ret(stat_(MNT "/hello", &st), -ENOENT, "the disk's names gone with the mount");
	check_ret(mount_(), 0, "mount again");
	check_ret(slurp(MNT "/e/f"), 5, "e/f again");
	check(strcmp(buf, "file\n") == 0, "e/f holds %s", buf);
	/* blocks 0 and 19, and the indirect block 19 needs (past the 12 direct ones) */
	check_ret(stat_(MNT "/sparse", &st), 0, "stat sparse again");
	check(st.st_size == 20003 && st.st_blocks == 6, "sparse: %lld bytes, %lld sectors", (long long)st.st_size,
	      (long long)st.st_blocks);
	check_ret(stat_(MNT "/big", &st), 0, "stat big again");
	check(st.st_size == 655360, "big: %lld bytes", (long long)st.st_size);
	check_ret(__syscall2(__NR_umount2, (long)MNT, 0), 0, "umount again");
	return done();
}
