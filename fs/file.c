/*
 * The file-descriptor table (Linux's fs/file.c): the console on 0, 1 and
 * 2 for a new task, a descriptor's file, and closing them all at exit.
 */
#include "linux/fs.h"
#include "linux/sched.h"

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
	t->close_on_exec = 0;
}

/* execve: close the descriptors opened with O_CLOEXEC (Linux's do_close_on_exec). */
void do_close_on_exec(struct task_struct *t)
{
	for (int fd = 0; fd < NR_OPEN; fd++) {
		if ((t->close_on_exec & (1u << fd)) && t->files[fd]) {
			fput(t->files[fd]);
			t->files[fd] = NULL;
		}
	}
	t->close_on_exec = 0;
}

struct file *fget(int fd)
{
	if (fd < 0 || fd >= NR_OPEN)
		return NULL;
	return current->files[fd];
}
