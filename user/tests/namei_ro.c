/*
 * The namespace calls on a read-only mount (Linux's fs/namei.c,
 * fs/open.c, fs/utimes.c, fs/statfs.c, fs/namespace.c): what the path
 * says (ENOENT, ENOTDIR, ELOOP, ENAMETOOLONG, EEXIST) comes before EROFS
 * when a name is made (filename_create), EROFS comes before whether the
 * name exists when one is removed or renamed (do_rmdir, do_unlinkat,
 * do_renameat2), and the flag and argument checks come first of all.
 * The root is remounted read-only first (it may be already) and put back
 * as it was at the end, by the parent, whatever the checks did.
 */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <syscall.h>
#include <unistd.h>
#include <sys/stat.h>
#include "check.h"
#include "process.h"
#include "namespace.h"

#define BAD_PTR ((long)0xc0000000UL)

static char long_name[300];

static void make_checks(void)
{
	struct statfs sf;
	struct statfs64 sf64;
	long motd, etc;
	long ts[4];
	int tv[4];

	/* mkdir: filename_create's order */
	check_ret(__syscall2(__NR_mkdir, (long)"/etc", 0755), -EEXIST, "mkdir /etc");
	check_ret(__syscall2(__NR_mkdir, (long)"/etc/motd", 0755), -EEXIST, "mkdir /etc/motd");
	check_ret(__syscall2(__NR_mkdir, (long)"/links/dangling", 0755), -EEXIST, "mkdir of a dangling link");
	check_ret(__syscall2(__NR_mkdir, (long)"/", 0755), -EEXIST, "mkdir /");
	check_ret(__syscall2(__NR_mkdir, (long)"/etc/.", 0755), -EEXIST, "mkdir /etc/.");
	check_ret(__syscall2(__NR_mkdir, (long)"/etc/..", 0755), -EEXIST, "mkdir /etc/..");
	check_ret(__syscall2(__NR_mkdir, (long)"/nonexistent/x", 0755), -ENOENT, "mkdir /nonexistent/x");
	check_ret(__syscall2(__NR_mkdir, (long)"/etc/motd/x", 0755), -ENOTDIR, "mkdir /etc/motd/x");
	check_ret(__syscall2(__NR_mkdir, (long)"/links/loop-a/x", 0755), -ELOOP, "mkdir through a loop");
	check_ret(__syscall2(__NR_mkdir, (long)long_name, 0755), -ENAMETOOLONG, "mkdir of a 299-byte name");
	check_ret(__syscall2(__NR_mkdir, (long)"", 0755), -ENOENT, "mkdir \"\"");
	check_ret(__syscall2(__NR_mkdir, BAD_PTR, 0755), -EFAULT, "mkdir of a kernel pointer");
	check_ret(__syscall2(__NR_mkdir, (long)"/newdir", 0755), -EROFS, "mkdir /newdir");
	check_ret(__syscall2(__NR_mkdir, (long)"/newdir/", 0755), -EROFS, "mkdir /newdir/ (a directory may end in /)");
	check_ret(__syscall2(__NR_mkdir, (long)"/links/etc/newdir", 0755), -EROFS, "mkdir through a link");
	motd = __syscall3(__NR_open, (long)"/etc/motd", O_RDONLY, 0);
	etc = __syscall3(__NR_open, (long)"/etc", O_RDONLY | O_DIRECTORY, 0);
	check(motd >= 0 && etc >= 0, "open /etc/motd and /etc");
	check_ret(__syscall3(__NR_mkdirat, 99, (long)"x", 0755), -EBADF, "mkdirat on a closed descriptor");
	check_ret(__syscall3(__NR_mkdirat, motd, (long)"x", 0755), -ENOTDIR, "mkdirat from a file");
	check_ret(__syscall3(__NR_mkdirat, motd, (long)"/newdir", 0755), -EROFS, "mkdirat ignores the fd for /path");
	check_ret(__syscall3(__NR_mkdirat, etc, (long)"motd", 0755), -EEXIST, "mkdirat etc motd");
	check_ret(__syscall3(__NR_mkdirat, etc, (long)"new", 0755), -EROFS, "mkdirat etc new");

	/* rmdir: EROFS before the last component is looked up */
	check_ret(__syscall1(__NR_rmdir, (long)"/etc/."), -EINVAL, "rmdir /etc/.");
	check_ret(__syscall1(__NR_rmdir, (long)"/etc/.."), -ENOTEMPTY, "rmdir /etc/..");
	check_ret(__syscall1(__NR_rmdir, (long)"/"), -EBUSY, "rmdir /");
	check_ret(__syscall1(__NR_rmdir, (long)"/nonexistent/x"), -ENOENT, "rmdir /nonexistent/x");
	check_ret(__syscall1(__NR_rmdir, (long)"/etc/motd/x"), -ENOTDIR, "rmdir /etc/motd/x");
	check_ret(__syscall1(__NR_rmdir, (long)"/nonexistent"), -EROFS, "rmdir /nonexistent");
	check_ret(__syscall1(__NR_rmdir, (long)"/etc"), -EROFS, "rmdir /etc");
	check_ret(__syscall1(__NR_rmdir, (long)"/etc/motd"), -EROFS, "rmdir /etc/motd");
	check_ret(__syscall1(__NR_rmdir, (long)long_name), -EROFS, "rmdir of a 299-byte name");
	check_ret(__syscall3(__NR_unlinkat, AT_FDCWD, (long)"/etc/.", AT_REMOVEDIR), -EINVAL,
		  "unlinkat(AT_REMOVEDIR) /etc/.");

	/* unlink */
	check_ret(__syscall1(__NR_unlink, (long)"/etc/."), -EISDIR, "unlink /etc/.");
	check_ret(__syscall1(__NR_unlink, (long)"/"), -EISDIR, "unlink /");
	check_ret(__syscall1(__NR_unlink, (long)"/nonexistent/x"), -ENOENT, "unlink /nonexistent/x");
	check_ret(__syscall1(__NR_unlink, (long)"/etc/motd/x"), -ENOTDIR, "unlink /etc/motd/x");
	check_ret(__syscall1(__NR_unlink, (long)"/nonexistent"), -EROFS, "unlink /nonexistent");
	check_ret(__syscall1(__NR_unlink, (long)"/etc/motd"), -EROFS, "unlink /etc/motd");
	check_ret(__syscall1(__NR_unlink, (long)"/etc"), -EROFS, "unlink /etc");
	check_ret(__syscall3(__NR_unlinkat, AT_FDCWD, (long)"/etc/motd", 1), -EINVAL, "unlinkat with flag 1");
	check_ret(__syscall3(__NR_unlinkat, 99, (long)"x", 0), -EBADF, "unlinkat on a closed descriptor");

	/* symlink */
	check_ret(__syscall2(__NR_symlink, (long)"x", (long)"/etc"), -EEXIST, "symlink x /etc");
	check_ret(__syscall2(__NR_symlink, (long)"", (long)"/new"), -ENOENT, "symlink with an empty target");
	check_ret(__syscall2(__NR_symlink, (long)"x", (long)"/new/"), -ENOENT, "symlink x /new/");
	check_ret(__syscall2(__NR_symlink, (long)"x", (long)"/nonexistent/y"), -ENOENT, "symlink x /nonexistent/y");
	check_ret(__syscall2(__NR_symlink, (long)"x", (long)"/new"), -EROFS, "symlink x /new");
	check_ret(__syscall3(__NR_symlinkat, (long)"x", 99, (long)"new"), -EBADF, "symlinkat on a closed descriptor");

	/* link */
	check_ret(__syscall2(__NR_link, (long)"/nonexistent", (long)"/new"), -ENOENT, "link /nonexistent /new");
	check_ret(__syscall2(__NR_link, (long)"/etc/motd", (long)"/etc/passwd"), -EEXIST, "link over /etc/passwd");
	check_ret(__syscall2(__NR_link, (long)"/etc/motd", (long)"/new/"), -ENOENT, "link /etc/motd /new/");
	check_ret(__syscall2(__NR_link, (long)"/etc/motd", (long)"/new"), -EROFS, "link /etc/motd /new");
	check_ret(__syscall2(__NR_link, (long)"/etc", (long)"/new"), -EROFS, "link of a directory: EROFS first");
	check_ret(__syscall2(__NR_link, (long)"/etc/motd", (long)"/dev/new"), -EXDEV, "link into /dev");
	check_ret(__syscall5(__NR_linkat, AT_FDCWD, (long)"/etc/motd", AT_FDCWD, (long)"/new", 1), -EINVAL,
		  "linkat with flag 1");

	/* rename */
	check_ret(__syscall2(__NR_rename, (long)"/etc/.", (long)"/x"), -EBUSY, "rename /etc/.");
	check_ret(__syscall2(__NR_rename, (long)"/etc/motd", (long)"/"), -EBUSY, "rename to /");
	check_ret(__syscall5(__NR_renameat2, AT_FDCWD, (long)"/etc/motd", AT_FDCWD, (long)"/etc/..",
			     RENAME_NOREPLACE), -EEXIST, "renameat2(NOREPLACE) to /etc/..");
	check_ret(__syscall5(__NR_renameat2, AT_FDCWD, (long)"/etc/motd", AT_FDCWD, (long)"/x",
			     RENAME_NOREPLACE | RENAME_EXCHANGE), -EINVAL, "renameat2(NOREPLACE|EXCHANGE)");
	check_ret(__syscall5(__NR_renameat2, AT_FDCWD, (long)"/etc/motd", AT_FDCWD, (long)"/x", 8), -EINVAL,
		  "renameat2 with flag 8");
	check_ret(__syscall2(__NR_rename, (long)"/nonexistent/x", (long)"/y"), -ENOENT, "rename /nonexistent/x");
	check_ret(__syscall2(__NR_rename, (long)"/etc/motd", (long)"/nonexistent/y"), -ENOENT,
		  "rename to /nonexistent/y");
	check_ret(__syscall2(__NR_rename, (long)"/etc/motd", (long)"/proc/x"), -EXDEV, "rename into /proc");
	check_ret(__syscall2(__NR_rename, (long)"/nonexistent", (long)"/y"), -EROFS, "rename /nonexistent");
	check_ret(__syscall2(__NR_rename, (long)"/etc/motd", (long)"/etc/motd2"), -EROFS, "rename /etc/motd");

	/* mknod */
	check_ret(__syscall3(__NR_mknod, (long)"/new", S_IFDIR | 0755, 0), -EPERM, "mknod S_IFDIR");
	check_ret(__syscall3(__NR_mknod, (long)"/new", 0170000 | 0644, 0), -EINVAL, "mknod of type 017");
	check_ret(__syscall3(__NR_mknod, (long)"/etc", S_IFIFO | 0644, 0), -EEXIST, "mknod /etc");
	check_ret(__syscall3(__NR_mknod, (long)"/nonexistent/x", S_IFIFO | 0644, 0), -ENOENT, "mknod /nonexistent/x");
	check_ret(__syscall3(__NR_mknod, (long)"/newfifo", S_IFIFO | 0644, 0), -EROFS, "mknod /newfifo");
	check_ret(__syscall4(__NR_mknodat, 99, (long)"x", S_IFIFO | 0644, 0), -EBADF, "mknodat on a closed descriptor");

	/* chmod, chown */
	check_ret(__syscall2(__NR_chmod, (long)"/etc/motd", 0600), -EROFS, "chmod /etc/motd");
	check_ret(__syscall2(__NR_chmod, (long)"/nonexistent", 0600), -ENOENT, "chmod /nonexistent");
	check_ret(__syscall2(__NR_chmod, (long)"/links/dangling", 0600), -ENOENT, "chmod a dangling link");
	check_ret(__syscall3(__NR_fchmodat, AT_FDCWD, (long)"/etc", 0700), -EROFS, "fchmodat /etc");
	check_ret(__syscall2(__NR_fchmod, motd, 0600), -EROFS, "fchmod /etc/motd");
	check_ret(__syscall2(__NR_fchmod, 99, 0600), -EBADF, "fchmod of a closed descriptor");
	check_ret(__syscall3(__NR_chown32, (long)"/etc/motd", 0, 0), -EROFS, "chown /etc/motd");
	check_ret(__syscall3(__NR_chown32, (long)"/links/dangling", 0, 0), -ENOENT, "chown a dangling link");
	check_ret(__syscall3(__NR_lchown32, (long)"/links/dangling", 0, 0), -EROFS, "lchown a dangling link");
	check_ret(__syscall3(__NR_lchown16, (long)"/links/dangling", 0xffff, 0xffff), -EROFS, "lchown16 -1 -1");
	check_ret(__syscall3(__NR_fchown32, motd, 0, 0), -EROFS, "fchown /etc/motd");
	check_ret(__syscall3(__NR_fchown32, 99, 0, 0), -EBADF, "fchown of a closed descriptor");
	check_ret(__syscall5(__NR_fchownat, AT_FDCWD, (long)"/nonexistent", 0, 0, 1), -EINVAL, "fchownat with flag 1");

	/* utimes: times are checked after the walk, before EROFS; both UTIME_OMIT is not even a walk */
	check_ret(__syscall4(__NR_utimensat, AT_FDCWD, (long)"/etc/motd", 0, 0), -EROFS, "utimensat /etc/motd now");
	ts[0] = 0, ts[1] = UTIME_OMIT, ts[2] = 0, ts[3] = UTIME_OMIT;
	check_ret(__syscall4(__NR_utimensat, AT_FDCWD, (long)"/nonexistent", (long)ts, 0), 0,
		  "utimensat of both UTIME_OMIT does nothing");
	ts[1] = 1000000000, ts[3] = 0;
	check_ret(__syscall4(__NR_utimensat, AT_FDCWD, (long)"/nonexistent", (long)ts, 0), -ENOENT,
		  "utimensat /nonexistent with a bad nsec");
	check_ret(__syscall4(__NR_utimensat, AT_FDCWD, (long)"/etc/motd", (long)ts, 0), -EINVAL,
		  "utimensat /etc/motd with a bad nsec");
	check_ret(__syscall4(__NR_utimensat, AT_FDCWD, (long)"/etc/motd", 0, 1), -EINVAL, "utimensat with flag 1");
	check_ret(__syscall4(__NR_utimensat, motd, 0, 0, 0), -EROFS, "utimensat of a descriptor");
	check_ret(__syscall4(__NR_utimensat, 99, 0, 0, 0), -EBADF, "utimensat of a closed descriptor");
	tv[0] = 0, tv[1] = 1000000, tv[2] = 0, tv[3] = 0;
	check_ret(__syscall2(__NR_utimes, (long)"/nonexistent", (long)tv), -EINVAL, "utimes with 1000000 us");
	check_ret(__syscall2(__NR_utime, (long)"/etc/motd", 0), -EROFS, "utime /etc/motd");
	{
		long long t64[4] = { 0, UTIME_OMIT, 0, 0 };

		check_ret(__syscall4(__NR_utimensat_time64, AT_FDCWD, (long)"/etc/motd", (long)t64, 0), -EROFS,
			  "utimensat_time64 /etc/motd");
	}

	/* truncate */
	check_ret(__syscall2(__NR_truncate, (long)"/etc/motd", 0), -EROFS, "truncate /etc/motd");
	check_ret(__syscall2(__NR_truncate, (long)"/etc", 0), -EISDIR, "truncate /etc");
	check_ret(__syscall2(__NR_truncate, (long)"/etc/motd", -1), -EINVAL, "truncate to -1");
	check_ret(__syscall2(__NR_truncate, (long)"/dev/null", 0), -EINVAL, "truncate /dev/null");
	check_ret(__syscall2(__NR_truncate, (long)"/nonexistent", 0), -ENOENT, "truncate /nonexistent");
	check_ret(__syscall3(__NR_truncate64, (long)"/etc/motd", 0, 1), -EROFS, "truncate64 to 4 GiB");
	check_ret(__syscall2(__NR_ftruncate, motd, 0), -EINVAL, "ftruncate of a read-only descriptor");
	check_ret(__syscall2(__NR_ftruncate, 99, 0), -EBADF, "ftruncate of a closed descriptor");
	check_ret(__syscall2(__NR_ftruncate, 99, -1), -EINVAL, "ftruncate to -1: the length is checked first");

	/* statfs */
	check_ret(__syscall2(__NR_statfs, (long)"/", (long)&sf), 0, "statfs /");
	check(sf.f_type == TMPFS_MAGIC && (sf.f_flags & ST_RDONLY) && sf.f_namelen == 255 && sf.f_bsize == 4096,
	      "statfs /: tmpfs, read-only, names of 255 bytes, blocks of 4096 (%#x %#x %u %u)",
	      sf.f_type, sf.f_flags, sf.f_namelen, sf.f_bsize);
	check_ret(__syscall2(__NR_statfs, (long)"/proc/self", (long)&sf), 0, "statfs /proc/self");
	check(sf.f_type == PROC_SUPER_MAGIC && !(sf.f_flags & ST_RDONLY), "statfs /proc: proc, writable (%#x %#x)",
	      sf.f_type, sf.f_flags);
	check_ret(__syscall3(__NR_statfs64, (long)"/etc", sizeof(sf64), (long)&sf64), 0, "statfs64 /etc");
	check(sf64.f_type == TMPFS_MAGIC && (sf64.f_flags & ST_RDONLY), "statfs64 /etc: tmpfs, read-only");
	check_ret(__syscall3(__NR_statfs64, (long)"/etc", 88, (long)&sf64), -EINVAL, "statfs64 with size 88");
	check_ret(__syscall3(__NR_fstatfs64, motd, sizeof(sf64), (long)&sf64), 0, "fstatfs64 /etc/motd");
	check_ret(__syscall2(__NR_fstatfs, 99, (long)&sf), -EBADF, "fstatfs of a closed descriptor");
	check_ret(__syscall2(__NR_statfs, (long)"/nonexistent", (long)&sf), -ENOENT, "statfs /nonexistent");
	check_ret(__syscall2(__NR_statfs, (long)"/", BAD_PTR), -EFAULT, "statfs into a kernel pointer");

	/* mount, umount2 */
	check_ret(__syscall5(__NR_mount, 0, (long)"/etc", 0, MS_REMOUNT | MS_RDONLY, 0), -EINVAL,
		  "remount of a directory that is no mount's root");
	check_ret(__syscall5(__NR_mount, (long)"none", (long)"/etc", (long)"nosuchfs", 0, 0), -ENODEV,
		  "mount of an unknown type");
	check_ret(__syscall5(__NR_mount, (long)"none", (long)"/nonexistent", (long)"tmpfs", 0, 0), -ENOENT,
		  "mount on /nonexistent");
	check_ret(__syscall2(__NR_umount2, (long)"/etc", 0), -EINVAL, "umount2 /etc");
	check_ret(__syscall2(__NR_umount2, (long)"/", 0x100), -EINVAL, "umount2 with flag 0x100");
	check_ret(__syscall2(__NR_umount2, (long)"/nonexistent", 0), -ENOENT, "umount2 /nonexistent");

	__syscall1(__NR_close, motd);
	__syscall1(__NR_close, etc);
}

int main(void)
{
	struct statfs sf;
	long pid, status = 0, r;
	int was_rdonly;

	memset(long_name, 'a', sizeof(long_name) - 1);
	long_name[0] = '/';
	if (__syscall2(__NR_statfs, (long)"/", (long)&sf) != 0) {
		printf("not ok 1 statfs /\n");
		return 1;
	}
	was_rdonly = sf.f_flags & ST_RDONLY;
	pid = __syscall0(__NR_fork);
	if (pid == 0) {
		check_ret(__syscall5(__NR_mount, 0, (long)"/", 0, MS_REMOUNT | MS_RDONLY, 0), 0,
			  "remount / read-only");
		make_checks();
		return done();
	}
	r = __syscall4(__NR_wait4, pid, (long)&status, 0, 0);
	if (!was_rdonly)
		__syscall5(__NR_mount, 0, (long)"/", 0, MS_REMOUNT, 0);       /* as it was */
	return r == pid && (status & 0x7f) == 0 ? (status >> 8) & 0xff : 1;
}
