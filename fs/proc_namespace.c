/*
 * /proc/PID/mounts and /proc/PID/mountinfo (Linux's fs/proc_namespace.c):
 * one line for each mount, oldest first, in Linux's formats. Every
 * process sees the one mount tree (Pagoda has no mount namespaces).
 */
#include "linux/errno.h"
#include "linux/fs.h"
#include "linux/kdev_t.h"
#include "linux/mount.h"
#include "linux/seq_file.h"
#include "linux/slab.h"
#include "linux/string.h"
#include "proc/internal.h"

/* s with space, tab, newline and backslash as octal escapes (Linux's mangle and seq_escape). */
static void seq_escape(struct seq_file *m, const char *s)
{
	for (; *s; s++) {
		if (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\\')
			seq_printf(m, "\\%03o", (unsigned char)*s);
		else
			seq_putc(m, *s);
	}
}

/* The mount point as the reader's root sees it. */
static void show_mountpoint(struct seq_file *m, struct vfsmount *mnt, char *buf)
{
	struct path mp = { mnt->mnt_parent, mnt->mnt_mountpoint };
	const char *p = d_path(&mp, buf, PATH_MAX);

	seq_escape(m, p ? p : "?");
}

/* "rw,relatime": the mount's flags (Linux's show_mnt_opts after the ro or rw of both). */
static void show_mnt_opts(struct seq_file *m, struct vfsmount *mnt)
{
	seq_puts(m, mnt_is_readonly(mnt) ? "ro" : "rw");
	if (mnt->mnt_flags & MNT_RELATIME)
		seq_puts(m, ",relatime");
}

static void show_fs_opts(struct seq_file *m, struct super_block *sb)
{
	char opts[128];

	if (sb->s_show_options && sb->s_show_options(sb, opts, sizeof(opts)) > 0)
		seq_puts(m, opts);
}

/* Linux's show_vfsmnt: "proc /proc proc rw,relatime 0 0". */
int proc_mounts_show(struct seq_file *m, void *task)
{
	struct vfsmount *mnt;
	char *buf = kmalloc(PATH_MAX, GFP_KERNEL);

	(void)task;
	if (!buf)
		return -ENOMEM;
	list_for_each_entry(mnt, &mount_list, mnt_list) {
		seq_escape(m, mnt->mnt_devname);
		seq_putc(m, ' ');
		show_mountpoint(m, mnt, buf);
		seq_printf(m, " %s ", mnt->mnt_sb->s_type);
		show_mnt_opts(m, mnt);
		show_fs_opts(m, mnt->mnt_sb);
		seq_puts(m, " 0 0\n");
	}
	kfree(buf);
	return 0;
}

/* Linux's show_mountinfo: "22 21 0:4 / /proc rw,relatime - proc proc rw". */
int proc_mountinfo_show(struct seq_file *m, void *task)
{
	struct vfsmount *mnt;
	char *buf = kmalloc(PATH_MAX, GFP_KERNEL);

	(void)task;
	if (!buf)
		return -ENOMEM;
	list_for_each_entry(mnt, &mount_list, mnt_list) {
		dev_t dev = new_decode_dev(mnt->mnt_sb->s_dev);

		seq_printf(m, "%d %d %u:%u / ", mnt->mnt_id, mnt->mnt_parent->mnt_id, MAJOR(dev), MINOR(dev));
		show_mountpoint(m, mnt, buf);
		seq_putc(m, ' ');
		show_mnt_opts(m, mnt);
		seq_printf(m, " - %s ", mnt->mnt_sb->s_type);
		seq_escape(m, mnt->mnt_devname);
		seq_puts(m, mnt->mnt_sb->s_rdonly ? " ro" : " rw");
		show_fs_opts(m, mnt->mnt_sb);
		seq_putc(m, '\n');
	}
	kfree(buf);
	return 0;
}

/* /proc/mounts: a link to self/mounts, as Linux's. */
int proc_mounts_readlink(struct task_struct *task, char *buf, int size)
{
	static const char target[] = "self/mounts";

	(void)task;
	if (size > (int)sizeof(target) - 1)
		size = (int)sizeof(target) - 1;
	memcpy(buf, target, (size_t)size);
	return size;
}
