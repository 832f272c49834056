/*
 * File descriptors and the file system calls: the console on 0, 1 and 2,
 * read-only initrd files from open(). Every user buffer goes through
 * copy_to_user/copy_from_user, so a bad pointer gets -EFAULT.
 */
#include "console.h"
#include "errno.h"
#include "fs.h"
#include "mm/slab.h"
#include "printk.h"
#include "sched.h"
#include "string.h"
#include "syscalls.h"
#include "uaccess.h"

#define O_ACCMODE 3
#define SEEK_SET 0
#define SEEK_CUR 1
#define SEEK_END 2
#define SEEK_DATA 3
#define SEEK_HOLE 4
#define S_IFCHR 0020000

static struct file console_file = { .name = "console", .count = 1, .console = true,
				    .mode = S_IFCHR | 0620 };

void files_init(struct task_struct *t)
{
	for (int fd = 0; fd < 3; fd++)
		t->files[fd] = get_file(&console_file);
}

void files_close_all(struct task_struct *t)
{
	for (int fd = 0; fd < NR_OPEN; fd++) {
		if (t->files[fd]) {
			fput(t->files[fd]);
			t->files[fd] = NULL;
		}
	}
}

static struct file *fget(int fd)
{
	if (fd < 0 || fd >= NR_OPEN)
		return NULL;
	return current->files[fd];
}

long sys_open(const char *upath, int flags, int mode)
{
	char path[256];
	long n = strncpy_from_user(path, upath, sizeof(path));
	struct file *f;
	int err;

	(void)mode;
	if (n < 0)
		return n;
	if (n == sizeof(path))
		return -ENAMETOOLONG;
	if ((flags & O_ACCMODE) != 0)
		return -EACCES;         /* the initrd is read-only */
	f = initrd_open(path, &err);
	if (!f)
		return err;
	for (int fd = 0; fd < NR_OPEN; fd++) {
		if (!current->files[fd]) {
			current->files[fd] = f;
			return fd;
		}
	}
	fput(f);
	return -EMFILE;
}

long sys_close(int fd)
{
	struct file *f = fget(fd);

	if (!f)
		return -EBADF;
	current->files[fd] = NULL;
	fput(f);
	return 0;
}

/* Console input: wait for one byte, then take what else has arrived, up to a newline. */
static long console_read_user(char *ubuf, unsigned long count)
{
	char buf[128];
	unsigned long n = 0;

	if (count > sizeof(buf))
		count = sizeof(buf);
	while (n < count) {
		int c = n == 0 ? console_getc() : serial_trygetc();

		if (c < 0)
			break;
		buf[n++] = c == '\r' ? '\n' : (char)c;
		if (buf[n - 1] == '\n')
			break;
	}
	return copy_to_user(ubuf, buf, n) ? -EFAULT : (long)n;
}

long sys_read(int fd, char *ubuf, unsigned long count)
{
	struct file *f = fget(fd);
	unsigned long n;

	if (!f)
		return -EBADF;
	if (!access_ok(ubuf, count))
		return -EFAULT;
	if (f->console)
		return count ? console_read_user(ubuf, count) : 0;
	if (f->pos >= f->size)
		return 0;
	n = min(count, (unsigned long)(f->size - f->pos));
	if (copy_to_user(ubuf, f->data + f->pos, n))
		return -EFAULT;
	f->pos += n;
	return (long)n;
}

/* Console output goes through a kernel buffer, a chunk at a time. */
static long console_write_user(const char *ubuf, unsigned long count)
{
	char buf[256];
	unsigned long done = 0;

	while (done < count) {
		unsigned long n = min(count - done, (unsigned long)sizeof(buf));

		if (copy_from_user(buf, ubuf + done, n))
			return done ? (long)done : -EFAULT;
		console_write(buf, (unsigned int)n);
		done += n;
	}
	return (long)done;
}

long sys_write(int fd, const char *ubuf, unsigned long count)
{
	struct file *f = fget(fd);

	if (!f)
		return -EBADF;
	if (!f->console)
		return -EBADF;          /* initrd files are opened read-only */
	if (!access_ok(ubuf, count))
		return -EFAULT;
	return console_write_user(ubuf, count);
}

struct iovec {
	void *iov_base;
	unsigned long iov_len;
};

/*
 * Linux's order (do_writev, import_iovec): a bad fd is -EBADF whatever
 * the rest; then the whole iovec array is read and every buffer checked
 * (-EINVAL, -EFAULT) before a byte is written; nothing to write is 0.
 */
long sys_writev(int fd, const struct iovec *uiov, int iovcnt)
{
	unsigned long want = 0;
	long total = 0;

	if (!fget(fd))
		return -EBADF;
	if (iovcnt < 0 || iovcnt > 1024)
		return -EINVAL;
	for (int i = 0; i < iovcnt; i++) {
		struct iovec v;

		if (copy_from_user(&v, &uiov[i], sizeof(v)) || !access_ok(v.iov_base, v.iov_len))
			return -EFAULT;
		want |= v.iov_len;
	}
	if (!want)
		return 0;
	for (int i = 0; i < iovcnt; i++) {
		struct iovec v;
		long n;

		if (copy_from_user(&v, &uiov[i], sizeof(v)))
			return total ? total : -EFAULT;
		n = sys_write(fd, v.iov_base, v.iov_len);
		if (n < 0)
			return total ? total : n;
		total += n;
	}
	return total;
}

/*
 * Linux's ksys_lseek over generic_file_llseek_size: positions are worked
 * out in 64 bits; SEEK_DATA is the offset and SEEK_HOLE the end (a file
 * here has no holes), both -ENXIO at or past the end; a position that
 * does not fit the 32-bit result is still taken, and the call says
 * -EOVERFLOW (use _llseek for large offsets).
 */
long sys_lseek(int fd, long offset, int whence)
{
	struct file *f = fget(fd);
	long long pos = offset;

	if (!f)
		return -EBADF;
	if (whence < SEEK_SET || whence > SEEK_HOLE)
		return -EINVAL;
	if (f->console)
		return -ESPIPE;
	if (whence == SEEK_CUR)
		pos += (long long)f->pos;
	else if (whence == SEEK_END)
		pos += (long long)f->size;
	else if (whence == SEEK_DATA || whence == SEEK_HOLE) {
		if ((unsigned long long)pos >= f->size)
			return -ENXIO;
		if (whence == SEEK_HOLE)
			pos = (long long)f->size;
	}
	if (pos < 0)
		return -EINVAL;
	if (pos > 0xffffffffLL)
		return -EINVAL;         /* beyond what f->pos holds (Linux: past s_maxbytes) */
	f->pos = (size_t)pos;
	return pos > 0x7fffffffLL ? -EOVERFLOW : (long)pos;
}

/* struct stat of Linux i386 (asm/stat.h), 64 bytes. */
struct stat {
	unsigned long st_dev, st_ino;
	unsigned short st_mode, st_nlink, st_uid, st_gid;
	unsigned long st_rdev, st_size, st_blksize, st_blocks;
	unsigned long st_atime, st_atime_nsec, st_mtime, st_mtime_nsec, st_ctime, st_ctime_nsec;
	unsigned long __unused4, __unused5;
};

/* struct stat64 of Linux i386, 96 bytes. */
struct stat64 {
	unsigned long long st_dev;
	unsigned char __pad0[4];
	unsigned long __st_ino;
	unsigned int st_mode, st_nlink;
	unsigned long st_uid, st_gid;
	unsigned long long st_rdev;
	unsigned char __pad3[4];
	long long st_size;
	unsigned long st_blksize;
	unsigned long long st_blocks;
	unsigned long st_atime, st_atime_nsec, st_mtime, st_mtime_nsec, st_ctime, st_ctime_nsec;
	unsigned long long st_ino;
} __attribute__((packed));

long sys_fstat(int fd, void *ubuf)
{
	struct file *f = fget(fd);
	struct stat st;

	BUILD_BUG_ON(sizeof(struct stat) != 64);
	if (!f)
		return -EBADF;
	memset(&st, 0, sizeof(st));
	st.st_ino = f->ino;
	st.st_mode = (unsigned short)f->mode;
	st.st_nlink = 1;
	st.st_size = f->size;
	st.st_blksize = 4096;
	st.st_blocks = (f->size + 511) / 512;
	st.st_rdev = f->console ? (4 << 8) | 64 : 0;    /* ttyS0 is char 4:64 */
	return copy_to_user(ubuf, &st, sizeof(st)) ? -EFAULT : 0;
}

long sys_fstat64(int fd, void *ubuf)
{
	struct file *f = fget(fd);
	struct stat64 st;

	BUILD_BUG_ON(sizeof(struct stat64) != 96);
	if (!f)
		return -EBADF;
	memset(&st, 0, sizeof(st));
	st.__st_ino = f->ino;
	st.st_ino = f->ino;
	st.st_mode = f->mode;
	st.st_nlink = 1;
	st.st_size = (long long)f->size;
	st.st_blksize = 4096;
	st.st_blocks = (f->size + 511) / 512;
	st.st_rdev = f->console ? (4 << 8) | 64 : 0;
	return copy_to_user(ubuf, &st, sizeof(st)) ? -EFAULT : 0;
}
