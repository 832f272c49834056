/*
 * The file-descriptor table (Linux's fs/file.c): one per process, copied
 * at fork (no CLONE_FILES), NR_OPEN slots as Linux's default RLIMIT_NOFILE;
 * the console on 0, 1 and 2 of the first program; dup, dup2, dup3 and
 * close; and the cwd's fs_struct, which travels with it.
 */
#include "linux/errno.h"
#include "linux/fs.h"
#include "linux/resource.h"
#include "linux/sched.h"
#include "linux/slab.h"
#include "linux/string.h"
#include "linux/syscalls.h"
#include "linux/tty.h"

static struct file console_file = { .name = "console", .count = 1, .console = true,
				    .mode = S_IFCHR | 0620, .f_flags = O_RDWR, .f_op = &tty_fops };

#define NR_OPEN_DEFAULT 32      /* BITS_PER_LONG: the fdtable every process starts with */

/*
 * The fdtable size Linux's alloc_fdtable picks to hold descriptor nr: a
 * power of two times 128 (as select() measures it on Linux 6.1 i386: 128,
 * 256, 512, 1024), at most NR_OPEN here.
 */
static unsigned int fdtable_size(int nr)
{
	unsigned int n = (unsigned int)nr / 128 + 1, size = 1;

	while (size < n)
		size <<= 1;
	return size * 128 < NR_OPEN ? size * 128 : NR_OPEN;
}

/* Linux's expand_files: the table grows to hold descriptor nr. */
static void expand_files(struct files_struct *files, int nr)
{
	if ((unsigned int)nr >= files->max_fds)
		files->max_fds = fdtable_size(nr);
}

static struct files_struct *alloc_files(void)
{
	struct files_struct *files = kzalloc(sizeof(*files), GFP_KERNEL);

	if (!files)
		return NULL;
	files->fd = kzalloc(NR_OPEN * sizeof(struct file *), GFP_KERNEL);
	if (!files->fd) {
		kfree(files);
		return NULL;
	}
	files->max_fds = NR_OPEN_DEFAULT;
	return files;
}

static void free_files(struct files_struct *files)
{
	kfree(files->fd);
	kfree(files);
}

/* A new fs_struct with pwd (a reference is taken) and umask: NULL if no memory. */
static struct fs_struct *alloc_fs(const struct path *pwd, unsigned int umask)
{
	struct fs_struct *fs = kzalloc(sizeof(*fs), GFP_KERNEL);

	if (!fs)
		return NULL;
	fs->pwd = *pwd;
	path_get(pwd);
	fs->umask = umask;
	return fs;
}

int files_init(struct task_struct *t)
{
	struct path root;

	get_fs_root_path(&root);
	t->files = alloc_files();
	t->fs = alloc_fs(&root, 0022);
	if (!t->files || !t->fs) {
		files_close_all(t);
		return -ENOMEM;
	}
	for (int fd = 0; fd < 3; fd++)
		t->files->fd[fd] = get_file(&console_file);
	return 0;
}

int copy_files(struct task_struct *p)
{
	struct files_struct *old = current->files;
	struct fs_struct *oldfs = current->fs;

	p->files = alloc_files();
	p->fs = oldfs ? alloc_fs(&oldfs->pwd, oldfs->umask) : NULL;
	if (!p->files || (oldfs && !p->fs)) {
		files_close_all(p);
		return -ENOMEM;
	}
	if (old) {
		/* Linux's dup_fd sizes the copy for the open descriptors, not for the old table */
		for (int fd = 0; fd < NR_OPEN; fd++)
			if (old->fd[fd]) {
				p->files->fd[fd] = get_file(old->fd[fd]);
				expand_files(p->files, fd | (NR_OPEN_DEFAULT - 1));
			}
		memcpy(p->files->close_on_exec, old->close_on_exec, sizeof(old->close_on_exec));
	}
	return 0;
}

void files_close_all(struct task_struct *t)
{
	if (t->files) {
		for (int fd = 0; fd < NR_OPEN; fd++)
			if (t->files->fd[fd])
				fput(t->files->fd[fd]);
		free_files(t->files);
		t->files = NULL;
	}
	if (t->fs) {
		path_put(&t->fs->pwd);
		kfree(t->fs);
		t->fs = NULL;
	}
}

/* execve: close the descriptors marked close-on-exec (Linux's do_close_on_exec). */
void do_close_on_exec(struct task_struct *t)
{
	for (int fd = 0; t->files && fd < NR_OPEN; fd++) {
		if (get_close_on_exec(fd) && t->files->fd[fd]) {
			fput(t->files->fd[fd]);
			t->files->fd[fd] = NULL;
		}
	}
	if (t->files)
		memset(t->files->close_on_exec, 0, sizeof(t->files->close_on_exec));
}

struct file *fget(int fd)
{
	if (fd < 0 || fd >= NR_OPEN || !current->files)
		return NULL;
	return current->files->fd[fd];
}

int get_close_on_exec(int fd)
{
	return (current->files->close_on_exec[fd / 32] >> (fd % 32)) & 1;
}

void set_close_on_exec(int fd, bool on)
{
	if (on)
		current->files->close_on_exec[fd / 32] |= 1u << (fd % 32);
	else
		current->files->close_on_exec[fd / 32] &= ~(1u << (fd % 32));
}

/* How many descriptors the caller may have: RLIMIT_NOFILE, at most the table's NR_OPEN. */
static int nofile_limit(void)
{
	return rlimit(RLIMIT_NOFILE) < NR_OPEN ? (int)rlimit(RLIMIT_NOFILE) : NR_OPEN;
}

/* The lowest free descriptor at or above from, below RLIMIT_NOFILE, gets f (the caller's reference): the fd, or -EMFILE. */
int fd_install_from(struct file *f, int from, bool cloexec)
{
	for (int fd = from; fd < nofile_limit(); fd++) {
		if (!current->files->fd[fd]) {
			expand_files(current->files, fd);
			current->files->fd[fd] = f;
			set_close_on_exec(fd, cloexec);
			return fd;
		}
	}
	return -EMFILE;
}

int fd_install_lowest(struct file *f, bool cloexec)
{
	return fd_install_from(f, 0, cloexec);
}

long sys_close(int fd)
{
	struct file *f = fget(fd);

	if (!f)
		return -EBADF;
	current->files->fd[fd] = NULL;
	set_close_on_exec(fd, false);
	fput(f);
	return 0;
}

long sys_dup(int oldfd)
{
	struct file *f = fget(oldfd);
	int fd;

	if (!f)
		return -EBADF;
	fd = fd_install_lowest(get_file(f), false);
	if (fd < 0)
		fput(f);
	return fd;
}

/* Linux's do_dup2: newfd gets oldfd's file, closing what it had; -EBADF for a newfd past the table. */
static long do_dup2(int oldfd, int newfd, unsigned int flags)
{
	struct file *f = fget(oldfd), *old;

	if (!f)
		return -EBADF;
	if (newfd < 0 || newfd >= nofile_limit())
		return -EBADF;
	expand_files(current->files, newfd);
	old = current->files->fd[newfd];
	current->files->fd[newfd] = get_file(f);
	set_close_on_exec(newfd, flags & O_CLOEXEC);
	if (old)
		fput(old);
	return newfd;
}

long sys_dup3(int oldfd, int newfd, int flags)
{
	if (flags & ~O_CLOEXEC)
		return -EINVAL;
	if (oldfd == newfd)
		return -EINVAL;
	return do_dup2(oldfd, newfd, (unsigned int)flags);
}

long sys_dup2(int oldfd, int newfd)
{
	if (oldfd == newfd)
		return fget(oldfd) ? newfd : -EBADF;
	return do_dup2(oldfd, newfd, 0);
}
