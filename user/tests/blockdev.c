/*
 * Block special files (Linux's block/fops.c, block/ioctl.c, block/genhd.c)
 * on a disk tests/disk_test.py makes: 8 MiB, an MBR with sda1 (1 MiB at
 * sector 2048) and sda2 (2 MiB at 4096), and every other sector S holding
 * "SECT", S (32 bits, little-endian), then bytes (S * 7 + i) & 0xff. Reads
 * at known offsets, writes read back (the host then checks the image),
 * the size by lseek(SEEK_END), BLKGETSIZE64 and BLKGETSIZE, a partition's
 * bytes at its offset on the disk, /proc/partitions, /dev's entries, and
 * the errors: reads past the end, bad offsets, a bad buffer; and the
 * counters the I/O moves (Buffers, pgpgin, pgpgout, drop_caches).
 *
 * "blockdev nodisk" runs with no disk attached: /proc/partitions is
 * empty and /dev has no sda. (That a node for 8:0 opens as ENXIO then is
 * tests/kernel/ata_test.c's: Pagoda has no mknod to make one yet.)
 */
#include <errno.h>
#include <stdlib.h>
#include <fcntl.h>
#include <string.h>
#include <syscall.h>
#include <unistd.h>
#include <sys/stat.h>
#include "check.h"
#include "process.h"

#define S_IFBLK 0060000
#define DT_BLK 6
#define SEEK_DATA 3
#define __NR_fsync   118      /* not in our syscall.h */
#define BLKRRPART    0x125f
#define BLKGETSIZE   0x1260
#define BLKSSZGET    0x1268
#define BLKGETSIZE64 0x80041272

#define DISK_SECTORS 16384
#define DISK_BYTES (DISK_SECTORS * 512L)
#define SDA1_START 2048
#define SDA1_SECTORS 2048
#define SDA2_START 4096
#define SDA2_SECTORS 4096

/* What byte off of the disk holds as the harness made it (sector 0 is the MBR: not used here). */
static unsigned char expected(long off)
{
	long s = off / 512, i = off % 512;

	if (i < 4)
		return "SECT"[i];
	if (i < 8)
		return (unsigned char)(s >> (8 * (i - 4)));
	return (unsigned char)((s * 7 + i) & 0xff);
}

static int matches(const unsigned char *buf, long off, long n)
{
	for (long i = 0; i < n; i++)
		if (buf[i] != expected(off + i))
			return 0;
	return 1;
}

static long open_(const char *p, long flags)
{
	return __syscall3(__NR_open, (long)p, flags, 0);
}

static long pread_(long fd, void *buf, long n, long long off)
{
	return __syscall5(__NR_pread64, fd, (long)buf, n, (long)(off & 0xffffffff), (long)(off >> 32));
}

static long pwrite_(long fd, const void *buf, long n, long long off)
{
	return __syscall5(__NR_pwrite64, fd, (long)buf, n, (long)(off & 0xffffffff), (long)(off >> 32));
}

static long read_file(const char *path, char *buf, long size)
{
	long fd = open_(path, O_RDONLY), n, got = 0;

	if (fd < 0)
		return fd;
	while ((n = __syscall3(__NR_read, fd, (long)buf + got, size - 1 - got)) > 0)
		got += n;
	__syscall1(__NR_close, fd);
	buf[got] = '\0';
	return got;
}

static void proc_partitions(const char *want)
{
	static char buf[4096];

	check_ret(read_file("/proc/partitions", buf, sizeof(buf)), (long)strlen(want), "read /proc/partitions");
	check(strcmp(buf, want) == 0, "/proc/partitions is\n%s", buf);
}

/* Is NAME in /dev, a block special file (d_type DT_BLK)? */
static int dev_lists(const char *name)
{
	static char buf[8192];
	long fd = open_("/dev", O_RDONLY | O_DIRECTORY), n;
	int found = 0;

	while ((n = __syscall3(__NR_getdents64, fd, (long)buf, sizeof(buf))) > 0)
		for (long pos = 0; pos < n;) {
			unsigned short reclen = *(unsigned short *)(buf + pos + 16);
			unsigned char type = (unsigned char)buf[pos + 18];

			if (strcmp(buf + pos + 19, name) == 0 && type == DT_BLK)
				found = 1;
			pos += reclen;
		}
	__syscall1(__NR_close, fd);
	return found;
}

static void whole_disk(void)
{
	static unsigned char buf[16384], w[600];
	struct stat64 st;
	unsigned long long size64 = 0;
	unsigned long sectors = 0;
	int ssz = 0;
	long fd = open_("/dev/sda", O_RDWR);

	check(fd >= 0, "open /dev/sda O_RDWR = %ld", fd);
	check_ret(__syscall2(__NR_fstat64, fd, (long)&st), 0, "fstat64");
	check((st.st_mode & S_IFMT) == S_IFBLK && st.st_rdev == 0x800, "a block device, 8:0 (mode %o, rdev %#llx)",
	      st.st_mode, st.st_rdev);
	check(dev_lists("sda") && dev_lists("sda1") && dev_lists("sda2"), "/dev lists sda, sda1, sda2 as DT_BLK");

	check_ret(__syscall3(__NR_lseek, fd, 0, SEEK_END), DISK_BYTES, "lseek(0, SEEK_END): the disk's size");
	check_ret(__syscall3(__NR_ioctl, fd, BLKGETSIZE64, (long)&size64), 0, "BLKGETSIZE64");
	check(size64 == DISK_BYTES, "BLKGETSIZE64 = %llu bytes", size64);
	check_ret(__syscall3(__NR_ioctl, fd, BLKGETSIZE, (long)&sectors), 0, "BLKGETSIZE");
	check(sectors == DISK_SECTORS, "BLKGETSIZE = %lu sectors", sectors);
	check_ret(__syscall3(__NR_ioctl, fd, BLKSSZGET, (long)&ssz), 0, "BLKSSZGET");
	check(ssz == 512, "BLKSSZGET = %d", ssz);
	check_ret(__syscall3(__NR_ioctl, fd, BLKGETSIZE64, 16), -EFAULT, "BLKGETSIZE64 to a bad pointer: EFAULT");

	check_ret(pread_(fd, buf, 1000, 512 * 5 + 100), 1000, "pread 1000 bytes across sectors 5-7");
	check(matches(buf, 512 * 5 + 100, 1000), "they are the disk's bytes");
	check_ret(pread_(fd, buf, sizeof(buf), 4096 * 3), sizeof(buf), "pread 16 KiB at 12 KiB");
	check(matches(buf, 4096 * 3, sizeof(buf)), "they are the disk's bytes");
	check_ret(__syscall3(__NR_lseek, fd, DISK_BYTES - 512, SEEK_SET), DISK_BYTES - 512, "lseek to the last sector");
	check_ret(__syscall3(__NR_read, fd, (long)buf, 4096), 512, "read there: the last 512 bytes only");
	check(matches(buf, DISK_BYTES - 512, 512), "the last sector's bytes");
	check_ret(__syscall3(__NR_read, fd, (long)buf, 4096), 0, "read at the end: 0");
	check_ret(pread_(fd, buf, 100, DISK_BYTES + 4096), 0, "pread past the end: 0");
	check_ret(pread_(fd, buf, 100, -512), -EINVAL, "pread at a negative offset: EINVAL");
	check_ret(__syscall3(__NR_lseek, fd, DISK_BYTES + 1, SEEK_SET), -EINVAL, "lseek past the end: EINVAL");
	check_ret(__syscall3(__NR_lseek, fd, -1, SEEK_SET), -EINVAL, "lseek to -1: EINVAL");
	check_ret(__syscall3(__NR_lseek, fd, 1, SEEK_END), -EINVAL, "lseek(1, SEEK_END): EINVAL");
	check_ret(__syscall3(__NR_lseek, fd, 0, SEEK_DATA), -EINVAL, "SEEK_DATA: EINVAL (a block device has no holes to find)");
	check_ret(pread_(fd, (void *)16, 100, 0), -EFAULT, "pread into a bad pointer: EFAULT");

	/* writes: unaligned, then read back; the neighbours keep their bytes */
	for (int i = 0; i < (int)sizeof(w); i++)
		w[i] = (unsigned char)('W' + i % 7);
	check_ret(pwrite_(fd, w, sizeof(w), 512 * 100 + 10), sizeof(w), "pwrite 600 bytes at sector 100 + 10");
	check_ret(pread_(fd, buf, 620, 512 * 100), 620, "pread them back");
	check(matches(buf, 512 * 100, 10) && memcmp(buf + 10, w, sizeof(w)) == 0 &&
	      matches(buf + 610, 512 * 100 + 610, 10), "the bytes written, the neighbours unchanged");
	check_ret(pwrite_(fd, w, 100, DISK_BYTES), -ENOSPC, "pwrite at the end: ENOSPC");
	check_ret(pwrite_(fd, w, 100, DISK_BYTES - 10), 10, "pwrite across the end: cut to 10 bytes");
	check_ret(pwrite_(fd, w, 0, DISK_BYTES), 0, "pwrite of 0 bytes at the end: 0");
	check_ret(pwrite_(fd, (void *)16, 512, 512 * 200), -EFAULT, "pwrite from a bad pointer: EFAULT");
	check_ret(pread_(fd, buf, 512, 512 * 200), 512, "that sector");
	check(matches(buf, 512 * 200, 512), "is unchanged");
	__syscall1(__NR_close, fd);
}

static void partitions(void)
{
	static unsigned char buf[1024], p[512];
	unsigned long long size64 = 0;
	struct stat64 st;
	long fd = open_("/dev/sda1", O_RDWR), disk;

	check(fd >= 0, "open /dev/sda1 = %ld", fd);
	check_ret(__syscall2(__NR_fstat64, fd, (long)&st), 0, "fstat64");
	check(st.st_rdev == 0x801, "sda1 is 8:1 (%#llx)", st.st_rdev);
	check_ret(__syscall3(__NR_ioctl, fd, BLKGETSIZE64, (long)&size64), 0, "BLKGETSIZE64");
	check(size64 == SDA1_SECTORS * 512L, "sda1: %llu bytes", size64);
	check_ret(__syscall3(__NR_lseek, fd, 0, SEEK_END), SDA1_SECTORS * 512L, "lseek(0, SEEK_END): sda1's size");
	check_ret(pread_(fd, buf, sizeof(buf), 0), sizeof(buf), "pread sda1's first 1 KiB");
	check(matches(buf, SDA1_START * 512L, sizeof(buf)), "it is the disk's sector 2048 on");
	check_ret(pread_(fd, buf, sizeof(buf), SDA1_SECTORS * 512L - 512), 512, "a read across sda1's end stops there");
	check_ret(__syscall3(__NR_ioctl, fd, BLKRRPART, 0), -EINVAL, "BLKRRPART on a partition: EINVAL");
	memset(p, 'P', sizeof(p));
	check_ret(pwrite_(fd, p, sizeof(p), 512), sizeof(p), "pwrite sda1's second sector");
	__syscall1(__NR_close, fd);
	disk = open_("/dev/sda", O_RDONLY);
	check_ret(pread_(disk, buf, 512, (SDA1_START + 1) * 512L), 512, "read the disk's sector 2049");
	check(memcmp(buf, p, 512) == 0, "it holds what went to sda1's sector 1");
	__syscall1(__NR_close, disk);

	fd = open_("/dev/sda2", O_RDONLY);
	check(fd >= 0, "open /dev/sda2 = %ld", fd);
	check_ret(__syscall3(__NR_lseek, fd, 0, SEEK_END), SDA2_SECTORS * 512L, "sda2's size");
	check_ret(pread_(fd, buf, 512, 0), 512, "pread sda2's first sector");
	check(matches(buf, SDA2_START * 512L, 512), "it is the disk's sector 4096");
	__syscall1(__NR_close, fd);
	check_ret(open_("/dev/sda3", O_RDONLY), -ENOENT, "no /dev/sda3: ENOENT");
}

/* The number after name ("Buffers:", "\npgpgin ") in /proc file path; -1 if none. */
static long proc_number(const char *path, const char *name)
{
	static char buf[8192];
	char *p;

	if (read_file(path, buf, sizeof(buf)) <= 0 || !(p = strstr(buf, name)))
		return -1;
	return strtol(p + strlen(name), NULL, 10);
}

/*
 * The counters block I/O moves (Linux's submit_bio and si_meminfo):
 * reading 256 KiB of the disk not read before puts them in its page cache
 * (Buffers of /proc/meminfo) and raises pgpgin by at least 256 (KiB);
 * writing 4 KiB (the bytes already there: the image is unchanged) and
 * fsync raise pgpgout by at least 4; drop_caches gives the clean pages back.
 */
static void counters(void)
{
	static unsigned char buf[256 * 1024];
	long fd = open_("/dev/sda", O_RDWR), drop = open_("/proc/sys/vm/drop_caches", O_WRONLY);
	long bufs0, bufs1, in0, in1, out0, out1;

	check(fd >= 0 && drop >= 0, "open /dev/sda and /proc/sys/vm/drop_caches");
	bufs0 = proc_number("/proc/meminfo", "Buffers:");
	in0 = proc_number("/proc/vmstat", "\npgpgin ");
	check_ret(pread_(fd, buf, sizeof(buf), 6 * 1024 * 1024), sizeof(buf), "pread 256 KiB at 6 MiB");
	check(matches(buf, 6 * 1024 * 1024, sizeof(buf)), "they are the disk's bytes");
	bufs1 = proc_number("/proc/meminfo", "Buffers:");
	in1 = proc_number("/proc/vmstat", "\npgpgin ");
	check(bufs0 >= 0 && bufs1 >= bufs0 + 256, "Buffers grew by 256 kB at least (%ld -> %ld kB)", bufs0, bufs1);
	check(in0 >= 0 && in1 >= in0 + 256, "pgpgin grew by 256 at least (%ld -> %ld)", in0, in1);

	out0 = proc_number("/proc/vmstat", "\npgpgout ");
	check_ret(pwrite_(fd, buf, 4096, 6 * 1024 * 1024), 4096, "pwrite 4 KiB back where they were");
	check_ret(__syscall1(__NR_fsync, fd), 0, "fsync /dev/sda");
	out1 = proc_number("/proc/vmstat", "\npgpgout ");
	check(out0 >= 0 && out1 >= out0 + 4, "pgpgout grew by 4 at least (%ld -> %ld)", out0, out1);

	check_ret(__syscall3(__NR_write, drop, (long)"1\n", 2), 2, "drop_caches 1");
	bufs0 = proc_number("/proc/meminfo", "Buffers:");
	check(bufs0 >= 0 && bufs0 + 256 <= bufs1, "Buffers fell by 256 kB at least (%ld -> %ld kB)", bufs1, bufs0);
	__syscall1(__NR_close, drop);
	__syscall1(__NR_close, fd);
}

static void no_disk(void)
{
	proc_partitions("");    /* not even the heading: Linux prints it with the first disk */
	check_ret(open_("/dev/sda", O_RDONLY), -ENOENT, "no disk: no /dev/sda");
	check(!dev_lists("sda"), "/dev lists no sda");
}

int main(int argc, char **argv)
{
	if (argc > 1 && strcmp(argv[1], "nodisk") == 0) {
		no_disk();
		return done();
	}
	proc_partitions("major minor  #blocks  name\n\n"
			"   8        0       8192 sda\n"
			"   8        1       1024 sda1\n"
			"   8        2       2048 sda2\n");
	whole_disk();
	partitions();
	counters();
	return done();
}
