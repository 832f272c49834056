/*
 * Pipes (Linux's fs/pipe.c): a ring of PIPE_DEF_BUFFERS pages (64 KiB, as
 * Linux's 16 pages), taken when first written and given back when the
 * pipe goes. Readers sleep while it is empty and some writer remains (EOF
 * when none does); writers sleep while it is full. A write of PIPE_BUF
 * bytes or less goes in whole or not at all; a write with no reader left
 * is -EPIPE and SIGPIPE. O_NONBLOCK turns each sleep into -EAGAIN.
 */
#include "linux/errno.h"
#include "linux/fs.h"
#include "linux/page_alloc.h"
#include "linux/poll.h"
#include "linux/sched.h"
#include "linux/signal.h"
#include "linux/slab.h"
#include "linux/string.h"
#include "linux/syscalls.h"
#include "linux/uaccess.h"

#define PIPE_DEF_BUFFERS 16
#define PIPE_SIZE (PIPE_DEF_BUFFERS * PAGE_SIZE)
#define PIPE_BUF 4096           /* writes this small are atomic (Linux's limits.h) */
#define O_NOTIFICATION_PIPE O_EXCL

struct pipe_inode_info {
	unsigned long head, tail;       /* bytes ever written and read: head - tail are in the ring */
	int readers, writers;           /* open files of each end */
	wait_queue_head_t rd_wait, wr_wait;
	unsigned long ino;
	unsigned long pages[PIPE_DEF_BUFFERS];  /* the ring's pages (0: not yet taken) */
};

static const struct file_operations pipefifo_fops;
static unsigned long pipe_ino = 1000;

bool is_pipe(const struct file *f)
{
	return f->f_op == &pipefifo_fops;
}

/* Copy between the ring at byte index idx and user memory; the bytes done (fewer if the user page faulted). */
static unsigned long ring_copy(struct pipe_inode_info *pipe, unsigned long idx, char *ubuf,
			       unsigned long n, bool to_user)
{
	unsigned long done = 0;

	while (done < n) {
		unsigned long slot = (idx / PAGE_SIZE) % PIPE_DEF_BUFFERS, off = idx % PAGE_SIZE;
		unsigned long chunk = min(n - done, PAGE_SIZE - off), left;

		if (!pipe->pages[slot]) {
			pipe->pages[slot] = __get_free_pages(GFP_KERNEL, 0);
			if (!pipe->pages[slot])
				break;
		}
		left = to_user ? copy_to_user(ubuf + done, (char *)pipe->pages[slot] + off, chunk)
			       : copy_from_user((char *)pipe->pages[slot] + off, ubuf + done, chunk);
		done += chunk - left;
		idx += chunk - left;
		if (left)
			break;
	}
	return done;
}

static long pipe_read(struct file *f, char *ubuf, unsigned long count, long long *pos)
{
	struct pipe_inode_info *pipe = f->private_data;
	unsigned long n, done;

	(void)pos;
	if (!count)
		return 0;
	while (pipe->head == pipe->tail) {
		int err;

		if (!pipe->writers)
			return 0;
		if (f->f_flags & O_NONBLOCK)
			return -EAGAIN;
		err = wait_event_interruptible(pipe->rd_wait, pipe->head != pipe->tail || !pipe->writers);
		if (err)
			return err;
	}
	n = min(count, pipe->head - pipe->tail);
	done = ring_copy(pipe, pipe->tail, ubuf, n, true);
	pipe->tail += done;
	wake_up_interruptible(&pipe->wr_wait);
	return done ? (long)done : -EFAULT;
}

static long pipe_write(struct file *f, const char *ubuf, unsigned long count, long long *pos)
{
	struct pipe_inode_info *pipe = f->private_data;
	unsigned long written = 0;

	(void)pos;
	while (written < count) {
		unsigned long space = PIPE_SIZE - (pipe->head - pipe->tail), want = count - written, done;

		if (!pipe->readers) {
			send_sig_info(SIGPIPE, NULL, current);
			return written ? (long)written : -EPIPE;
		}
		/* a small write waits for room for all of it */
		if (space == 0 || (count <= PIPE_BUF && space < count)) {
			int err;

			if (f->f_flags & O_NONBLOCK)
				return written ? (long)written : -EAGAIN;
			err = wait_event_interruptible(pipe->wr_wait, !pipe->readers ||
						       PIPE_SIZE - (pipe->head - pipe->tail) >= min(count, PIPE_BUF));
			if (err)
				return written ? (long)written : err;
			continue;
		}
		done = ring_copy(pipe, pipe->head, (char *)ubuf + written, min(want, space), false);
		pipe->head += done;
		written += done;
		wake_up_interruptible(&pipe->rd_wait);
		if (done < min(want, space))
			return written ? (long)written : -EFAULT;
	}
	return (long)written;
}

static unsigned int pipe_poll(struct file *f, poll_table *pt)
{
	struct pipe_inode_info *pipe = f->private_data;
	unsigned int mask = 0;

	poll_wait(f, &pipe->rd_wait, pt);
	poll_wait(f, &pipe->wr_wait, pt);
	if ((f->f_flags & O_ACCMODE) != O_WRONLY) {
		if (pipe->head != pipe->tail)
			mask |= POLLIN | POLLRDNORM;
		if (!pipe->writers)
			mask |= POLLHUP;
	}
	if ((f->f_flags & O_ACCMODE) != O_RDONLY) {
		if (PIPE_SIZE - (pipe->head - pipe->tail) >= PIPE_BUF)
			mask |= POLLOUT | POLLWRNORM;
		if (!pipe->readers)
			mask |= POLLERR;
	}
	return mask;
}

static int pipe_release(struct inode *inode, struct file *f)
{
	struct pipe_inode_info *pipe = f->private_data;

	(void)inode;
	if ((f->f_flags & O_ACCMODE) == O_RDONLY)
		pipe->readers--;
	else
		pipe->writers--;
	wake_up_interruptible(&pipe->rd_wait);
	wake_up_interruptible(&pipe->wr_wait);
	if (!pipe->readers && !pipe->writers) {
		for (int i = 0; i < PIPE_DEF_BUFFERS; i++)
			if (pipe->pages[i])
				free_pages(pipe->pages[i], 0);
		kfree(pipe);
	}
	return 0;
}

static const struct file_operations pipefifo_fops = {
	.read = pipe_read,
	.write = pipe_write,
	.poll = pipe_poll,
	.release = pipe_release,
};

static struct file *pipe_file(struct pipe_inode_info *pipe, int acc, int flags)
{
	struct file *f = alloc_file(NULL, acc | (flags & O_NONBLOCK), &pipefifo_fops);

	if (f) {
		f->private_data = pipe;
		f->mode = S_IFIFO | 0600;
		f->ino = (unsigned int)pipe->ino;
		f->name = "pipe";
	}
	return f;
}

/* pipe2 (Linux's do_pipe2): flags first (-EINVAL), then two descriptors (-EMFILE), then the copy out (-EFAULT). */
long sys_pipe2(int *ufds, int flags)
{
	struct pipe_inode_info *pipe;
	struct file *rf, *wf;
	int fds[2];

	if (flags & ~(O_CLOEXEC | O_NONBLOCK | O_DIRECT | O_NOTIFICATION_PIPE))
		return -EINVAL;
	pipe = kzalloc(sizeof(*pipe), GFP_KERNEL);
	if (!pipe)
		return -ENOMEM;
	init_waitqueue_head(&pipe->rd_wait);
	init_waitqueue_head(&pipe->wr_wait);
	pipe->ino = pipe_ino++;
	rf = pipe_file(pipe, O_RDONLY, flags);
	wf = rf ? pipe_file(pipe, O_WRONLY, flags) : NULL;
	if (!wf) {
		if (rf)
			kfree(rf);
		kfree(pipe);
		return -ENOMEM;
	}
	pipe->readers = pipe->writers = 1;
	fds[0] = fd_install_lowest(rf, flags & O_CLOEXEC);
	fds[1] = fds[0] < 0 ? -EMFILE : fd_install_lowest(wf, flags & O_CLOEXEC);
	if (fds[1] < 0) {
		if (fds[0] >= 0)
			current->files->fd[fds[0]] = NULL;
		fput(rf);
		fput(wf);
		return -EMFILE;
	}
	if (copy_to_user(ufds, fds, sizeof(fds))) {
		sys_close(fds[0]);
		sys_close(fds[1]);
		return -EFAULT;
	}
	return 0;
}

long sys_pipe(int *ufds)
{
	return sys_pipe2(ufds, 0);
}
