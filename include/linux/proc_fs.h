/*
 * /proc (fs/proc/): what the VFS asks of it. Paths are relative to /proc,
 * without a leading slash ("meminfo", "self/maps", "42/status"; "" is
 * /proc itself). Every file's text is made when it is opened (Linux's
 * single_open), by a show function that prints into a seq_file; the
 * monitor's commands call the same show functions.
 */
#ifndef PAGODA_PROC_FS_H
#define PAGODA_PROC_FS_H

struct file;
struct kstat;

/* Does path exist? Fill *st (mode, ino, nlink; size 0 as Linux's). 0, -ENOENT or -ENOTDIR. */
int proc_getattr(const char *path, struct kstat *st);
/*
 * Open path (flags: open's O_*): a new file (kzalloc'd, count 1: fput
 * frees it after f_op->release) whose f_op reads and seeks the text
 * (write is -EIO but for comm: root may open the 0444 files for writing, as on Linux),
 * or for a directory lists it (iterate_shared). NULL with *err: -ENOENT,
 * -ENOTDIR, -EISDIR (a directory for writing), -ELOOP (a link: follow it
 * with proc_readlink), -ENOMEM.
 */
struct file *proc_open(const char *path, int flags, int *err);
/* The target of a link ("self" -> "42", "42/exe" -> "/bin/busybox"): its length, -EINVAL (not a link), -ENOENT. */
int proc_readlink(const char *path, char *buf, int size);
/*
 * The open file a magic link stands for (PID/fd/N), referenced: the walk
 * goes on from it, not from its name (Linux's proc_fd_link). NULL with
 * *err 0 for any other path, or -ENOENT (the descriptor is closed).
 */
struct file *proc_get_link(const char *path, int *err);

#endif
