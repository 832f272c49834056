/*
 * tmpfs (Linux's mm/shmem.c) mounted on /tmp with size=64k,nr_inodes=8:
 * directories and their link counts and sizes, files whose bytes and
 * holes read back, truncate, hard and symbolic links, a device node,
 * rename, getdents, the limits (-ENOSPC for the ninth inode and past 16
 * pages), statfs's numbers, getcwd inside the mount and of a removed
 * directory, -EBUSY for a mount in use, a read-only remount, bad options,
 * and on Pagoda every page of the removed files back.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <syscall.h>
#include <unistd.h>
#include <sys/stat.h>
#include "check.h"
#include "namespace.h"

#define __NR_umask 60
#define __NR_getcwd 183
#define S_IFCHR 0020000

static struct statfs sf;

static long sys_stat(const char *path, struct stat *st)
{
	return __syscall2(__NR_stat, (long)path, (long)st);
}

static long tmp_statfs(void)
{
	return __syscall2(__NR_statfs, (long)"/tmp", (long)&sf);
}

/* The names in dir, "a,b,", in the order getdents64 gives them, "." and ".." left out. */
static void names(const char *dir, char *out, size_t size)
{
	static char buf[1024];
	long fd = __syscall3(__NR_open, (long)dir, O_RDONLY | O_DIRECTORY, 0), n;

	out[0] = '\0';
	while (fd >= 0 && (n = __syscall3(__NR_getdents64, fd, (long)buf, sizeof(buf))) > 0) {
		for (long off = 0; off < n;) {
			const char *name = buf + off + 19;
			unsigned short reclen = *(unsigned short *)(buf + off + 16);

			size_t len = strlen(out);

			if (strcmp(name, ".") && strcmp(name, "..") && len + strlen(name) + 2 < size)
				snprintf(out + len, size - len, "%s,", name);
			off += reclen;
		}
	}
	__syscall1(__NR_close, fd);
}

int main(void)
{
	struct stat st;
	char buf[64], list[256], big[4096];
	long fd, r, before = free_pages(), made;

	__syscall1(__NR_umask, 022);
	check_ret(__syscall5(__NR_mount, (long)"tmpfs", (long)"/tmp", (long)"tmpfs", 0, (long)"size=64k,nr_inodes=8"),
		  0, "mount tmpfs on /tmp, size=64k,nr_inodes=8");
	check_ret(tmp_statfs(), 0, "statfs /tmp");
	check(sf.f_type == TMPFS_MAGIC && sf.f_bsize == 4096 && sf.f_blocks == 16 && sf.f_bfree == 16 &&
	      sf.f_files == 8 && sf.f_ffree == 7 && sf.f_namelen == 255 && !(sf.f_flags & ST_RDONLY),
	      "statfs: tmpfs, 16 blocks of 4096 all free, 8 inodes, 7 free (%#x %u %u %u %u %u)",
	      sf.f_type, sf.f_bsize, sf.f_blocks, sf.f_bfree, sf.f_files, sf.f_ffree);
	check_ret(sys_stat("/tmp", &st), 0, "stat /tmp");
	check(st.st_mode == (S_IFDIR | 01777) && st.st_nlink == 2 && st.st_size == 40,
	      "the root: mode 1777, 2 links, size 40 (%o %u %lu)", st.st_mode, st.st_nlink, st.st_size);

	/* directories */
	check_ret(__syscall2(__NR_mkdir, (long)"/tmp/d", 0777), 0, "mkdir /tmp/d");
	check_ret(__syscall2(__NR_mkdir, (long)"/tmp/d", 0777), -EEXIST, "mkdir /tmp/d again");
	check_ret(sys_stat("/tmp/d", &st), 0, "stat /tmp/d");
	check(st.st_mode == (S_IFDIR | 0755) && st.st_nlink == 2, "/tmp/d: 0777 less the umask, 2 links (%o %u)",
	      st.st_mode, st.st_nlink);
	check_ret(sys_stat("/tmp", &st), 0, "stat /tmp");
	check(st.st_nlink == 3 && st.st_size == 60, "/tmp: 3 links and 60 bytes with a directory in it (%u %lu)",
	      st.st_nlink, st.st_size);

	/* a file: bytes, a hole, truncate */
	fd = __syscall3(__NR_open, (long)"/tmp/d/f", O_CREAT | O_RDWR | O_EXCL, 0666);
	check(fd >= 0, "open(O_CREAT | O_EXCL) /tmp/d/f = %ld", fd);
	check_ret(__syscall3(__NR_open, (long)"/tmp/d/f", O_CREAT | O_RDWR | O_EXCL, 0666), -EEXIST,
		  "open(O_CREAT | O_EXCL) again");
	check_ret(__syscall3(__NR_write, fd, (long)"hello", 5), 5, "write 5 bytes");
	check_ret(__syscall5(__NR_pwrite64, fd, (long)"world", 5, 10000, 0), 5, "pwrite 5 bytes at 10000");
	check_ret(__syscall2(__NR_fstat, fd, (long)&st), 0, "fstat");
	check(st.st_size == 10005 && st.st_blocks == 16 && st.st_mode == (S_IFREG | 0644) && st.st_nlink == 1,
	      "size 10005, 16 blocks (two pages), mode 0644, 1 link (%lu %lu %o)", st.st_size, st.st_blocks, st.st_mode);
	memset(buf, 'x', sizeof(buf));
	check_ret(__syscall5(__NR_pread64, fd, (long)buf, 8, 4996, 0), 8, "pread 8 bytes of the hole");
	check(!memcmp(buf, "\0\0\0\0\0\0\0\0", 8), "the hole reads as zeros");
	check_ret(__syscall5(__NR_pread64, fd, (long)buf, 20, 9998, 0), 7, "pread across the end: 7 bytes");
	check(!memcmp(buf, "\0\0world", 7), "they are the bytes written");
	check_ret(tmp_statfs(), 0, "statfs /tmp");
	check(sf.f_bfree == 14 && sf.f_ffree == 5, "2 pages and 3 inodes used (%u %u)", sf.f_bfree, sf.f_ffree);
	check_ret(__syscall2(__NR_ftruncate, fd, 3), 0, "ftruncate to 3");
	check_ret(__syscall5(__NR_pread64, fd, (long)buf, 20, 0, 0), 3, "read what is left");
	check(!memcmp(buf, "hel", 3), "hel");
	check_ret(__syscall2(__NR_ftruncate, fd, 5000), 0, "ftruncate up to 5000");
	check_ret(__syscall5(__NR_pread64, fd, (long)buf, 4, 2, 0), 4, "read across the old end");
	check(!memcmp(buf, "l\0\0\0", 4), "what was cut off reads as zeros");
	check_ret(__syscall1(__NR_close, fd), 0, "close");

	/* links, a device, rename */
	check_ret(__syscall2(__NR_link, (long)"/tmp/d/f", (long)"/tmp/d/g"), 0, "link f g");
	check_ret(sys_stat("/tmp/d/f", &st), 0, "stat f");
	check(st.st_nlink == 2, "f has 2 links (%u)", st.st_nlink);
	check_ret(__syscall2(__NR_symlink, (long)"f", (long)"/tmp/d/s"), 0, "symlink f s");
	r = __syscall3(__NR_readlink, (long)"/tmp/d/s", (long)buf, sizeof(buf));
	check(r == 1 && buf[0] == 'f', "readlink s = f (%ld)", r);
	check_ret(sys_stat("/tmp/d/s", &st), 0, "stat through s");
	check(st.st_size == 5000, "s leads to f (%lu)", st.st_size);
	check_ret(__syscall3(__NR_mknod, (long)"/tmp/d/null", S_IFCHR | 0666, (1 << 8) | 3), 0, "mknod null 1:3");
	fd = __syscall3(__NR_open, (long)"/tmp/d/null", O_RDWR, 0);
	check(fd >= 0, "open the device");
	check_ret(__syscall3(__NR_write, fd, (long)"abc", 3), 3, "write to it: /dev/null's write");
	check_ret(__syscall3(__NR_read, fd, (long)buf, 3), 0, "read from it: end of file");
	__syscall1(__NR_close, fd);
	check_ret(__syscall2(__NR_rename, (long)"/tmp/d/g", (long)"/tmp/d/h"), 0, "rename g h");
	check_ret(sys_stat("/tmp/d/g", &st), -ENOENT, "g is gone");
	check_ret(sys_stat("/tmp/d/h", &st), 0, "h is there");
	check_ret(__syscall2(__NR_rename, (long)"/tmp/d", (long)"/tmp/d/x"), -EINVAL, "rename d into itself");
	names("/tmp/d", list, sizeof(list));
	check(!strcmp(list, "h,null,s,f,"), "getdents: newest first, h,null,s,f (%s)", list);
	check_ret(__syscall1(__NR_rmdir, (long)"/tmp/d"), -ENOTEMPTY, "rmdir a directory with names in it");
	check_ret(__syscall1(__NR_unlink, (long)"/tmp/d"), -EISDIR, "unlink a directory");
	check_ret(__syscall1(__NR_rmdir, (long)"/tmp/d/f"), -ENOTDIR, "rmdir a file");

	/* the limits */
	check_ret(tmp_statfs(), 0, "statfs /tmp");
	check(sf.f_ffree == 2, "6 inodes used: a link counts as one (%u)", sf.f_ffree);
	check_ret(__syscall2(__NR_mkdir, (long)"/tmp/e", 0755), 0, "the seventh inode");
	check_ret(__syscall2(__NR_mkdir, (long)"/tmp/e/e", 0755), 0, "the eighth");
	check_ret(__syscall2(__NR_mkdir, (long)"/tmp/e/e/e", 0755), -ENOSPC, "the ninth: ENOSPC");
	check_ret(__syscall3(__NR_open, (long)"/tmp/n", O_CREAT | O_WRONLY, 0644), -ENOSPC, "creat: ENOSPC too");
	check_ret(__syscall1(__NR_rmdir, (long)"/tmp/e/e"), 0, "rmdir e/e");
	fd = __syscall3(__NR_open, (long)"/tmp/big", O_CREAT | O_WRONLY, 0644);
	check(fd >= 0, "creat /tmp/big with the inode given back");
	memset(big, 'b', sizeof(big));
	made = 0;
	while ((r = __syscall3(__NR_write, fd, (long)big, sizeof(big))) == sizeof(big))
		made += r;
	check(made == 15 * 4096 && r == -ENOSPC, "15 pages written (f holds the 16th), then ENOSPC (%ld, %ld)", made, r);
	__syscall1(__NR_close, fd);
	check_ret(__syscall1(__NR_unlink, (long)"/tmp/big"), 0, "unlink /tmp/big");
	check_ret(tmp_statfs(), 0, "statfs /tmp");
	check(sf.f_bfree == 15, "its pages are free again (%u)", sf.f_bfree);

	/* getcwd, and a mount in use */
	check_ret(__syscall1(__NR_chdir, (long)"/tmp/e"), 0, "chdir /tmp/e");
	r = __syscall2(__NR_getcwd, (long)buf, sizeof(buf));
	check(r == 7 && !strcmp(buf, "/tmp/e"), "getcwd = /tmp/e (%ld %s)", r, buf);
	check_ret(__syscall2(__NR_umount2, (long)"/tmp", 0), -EBUSY, "umount /tmp with a cwd in it");
	check_ret(__syscall1(__NR_rmdir, (long)"/tmp/e"), 0, "rmdir the cwd");
	check_ret(__syscall2(__NR_getcwd, (long)buf, sizeof(buf)), -ENOENT, "getcwd of a removed directory");
	check_ret(__syscall3(__NR_open, (long)"x", O_CREAT | O_WRONLY, 0644), -ENOENT, "creat in it");
	check_ret(__syscall1(__NR_chdir, (long)"/"), 0, "chdir /");
	fd = __syscall3(__NR_open, (long)"/tmp/d/h", O_RDONLY, 0);
	check_ret(__syscall2(__NR_umount2, (long)"/tmp", 0), -EBUSY, "umount /tmp with a file open in it");
	__syscall1(__NR_close, fd);

	/* read-only */
	check_ret(__syscall5(__NR_mount, 0, (long)"/tmp", 0, MS_REMOUNT | MS_RDONLY, 0), 0, "remount /tmp read-only");
	check_ret(__syscall3(__NR_open, (long)"/tmp/d/n", O_CREAT | O_WRONLY, 0644), -EROFS, "creat: EROFS");
	check_ret(__syscall3(__NR_open, (long)"/tmp/d/h", O_WRONLY, 0), -EROFS, "open for writing: EROFS");
	check_ret(__syscall1(__NR_unlink, (long)"/tmp/d/nonexistent"), -EROFS, "unlink: EROFS first");
	check_ret(__syscall5(__NR_mount, 0, (long)"/tmp", 0, MS_REMOUNT, 0), 0, "remount /tmp read-write");
	check_ret(__syscall1(__NR_unlink, (long)"/tmp/d/h"), 0, "unlink h");

	check_ret(__syscall2(__NR_umount2, (long)"/tmp", 0), 0, "umount /tmp");
	check_ret(sys_stat("/tmp/d", &st), -ENOENT, "what it held is gone");
	check_ret(__syscall5(__NR_mount, (long)"tmpfs", (long)"/tmp", (long)"tmpfs", 0, (long)"size=abc"), -EINVAL,
		  "size=abc: EINVAL");
	check_ret(__syscall5(__NR_mount, (long)"tmpfs", (long)"/tmp", (long)"tmpfs", 0, (long)"nosuchoption=1"),
		  -EINVAL, "an unknown option: EINVAL");
	check_ret(__syscall5(__NR_mount, (long)"tmpfs", (long)"/etc/motd", (long)"tmpfs", 0, 0), -ENOTDIR,
		  "mount on a file: ENOTDIR");
	check_ret(__syscall5(__NR_mount, (long)"tmpfs", (long)"/tmp", (long)"tmpfs", MS_RDONLY, 0), 0,
		  "mount a read-only tmpfs");
	check_ret(__syscall2(__NR_mkdir, (long)"/tmp/x", 0755), -EROFS, "mkdir in it: EROFS");
	check_ret(__syscall2(__NR_statfs, (long)"/tmp", (long)&sf), 0, "statfs it");
	check(sf.f_flags & ST_RDONLY, "ST_RDONLY");
	check_ret(__syscall2(__NR_umount2, (long)"/tmp", 0), 0, "umount it");
	/* the 16 pages of data are back; the slab caches may keep a page or two (the kernel's LEAK check shrinks them) */
	if (on_pagoda())
		check(free_pages() >= before - 4, "the files' pages back (%ld free, %ld before)", free_pages(), before);
	else
		skip("the free page count is Pagoda's");
	return done();
}
