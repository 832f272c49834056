/*
 * Pipes (Linux's fs/pipe.c): a ring of PIPE_DEF_BUFFERS page buffers (64
 * KiB, as Linux's 16 pages), each taken when a write starts it and given
 * back when a read empties it. Readers sleep while it is empty and some writer remains (EOF
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
#include "linux/tty.h"
#include "linux/uaccess.h"
#include "linux/uio.h"

#define PIPE_DEF_BUFFERS 16
#define O_NOTIFICATION_PIPE O_EXCL

/* One page of the ring and the bytes in it (Linux's struct pipe_buffer). */
struct pipe_buffer {
	unsigned long page;             /* kernel address, 0 while the slot is free */
	unsigned int offset, len;
};

struct pipe_inode_info {
	unsigned int head, tail;        /* slots ever filled and emptied: head - tail are in use */
	int readers, writers;           /* open files of each end */
	wait_queue_head_t rd_wait, wr_wait;
	unsigned long ino;
	struct pipe_buffer bufs[PIPE_DEF_BUFFERS];
};

static const struct file_operations pipefifo_fops;
static unsigned long pipe_ino = 1000;

bool is_pipe(const struct file *f)
{
	return f->f_op == &pipefifo_fops;
}

static bool pipe_empty(const struct pipe_inode_info *pipe)
{
	return pipe->head == pipe->tail;
}

static bool pipe_full(const struct pipe_inode_info *pipe)
{
	return pipe->head - pipe->tail >= PIPE_DEF_BUFFERS;
}

static long pipe_read(struct file *f, char *ubuf, unsigned long count, long long *pos)
{
	struct pipe_inode_info *pipe = f->private_data;
	unsigned long done = 0;

	(void)pos;
	if (!count)
		return 0;
	while (pipe_empty(pipe)) {
		int err;

		if (!pipe->writers)
			return 0;
		if (f->f_flags & O_NONBLOCK)
			return -EAGAIN;
		err = wait_event_interruptible(pipe->rd_wait, !pipe_empty(pipe) || !pipe->writers);
		if (err)
			return err;
	}
	/* take what is there, buffer by buffer, up to count */
	while (done < count && !pipe_empty(pipe)) {
		struct pipe_buffer *buf = &pipe->bufs[pipe->tail % PIPE_DEF_BUFFERS];
		unsigned long chars = min(count - done, (unsigned long)buf->len);
		unsigned long left = copy_to_user(ubuf + done, (char *)buf->page + buf->offset, chars);

		done += chars - left;
		buf->offset += (unsigned int)(chars - left);
		buf->len -= (unsigned int)(chars - left);
		if (!buf->len) {
			free_pages(buf->page, 0);
			buf->page = 0;
			pipe->tail++;
		}
		if (left)
			break;
	}
	wake_up_interruptible(&pipe->wr_wait);
	return done ? (long)done : -EFAULT;
}

/*
 * As Linux's pipe_write: the part of the write that is not a whole page
 * first joins the last buffer if it fits there; the rest goes a page to
 * a free slot, waiting while there is none. A write of PIPE_BUF bytes or
 * less so lands in one buffer, never split. The bytes come through an
 * iov_iter, so writev is one write and sendfile can write kernel bytes.
 * splice (sendfile's splice_file_to_pipe): each page takes a slot of its
 * own, never joining the last, and once some went in a full pipe ends
 * the call rather than waiting.
 */
static long __pipe_write(struct file *f, struct iov_iter *from, bool splice)
{
	struct pipe_inode_info *pipe = f->private_data;
	unsigned long total = from->count, chars = total & (PAGE_SIZE - 1);
	long ret = 0;

	if (!pipe->readers) {
		send_sig_info(SIGPIPE, NULL, current);
		return -EPIPE;
	}
	if (chars && !splice && !pipe_empty(pipe)) {
		struct pipe_buffer *buf = &pipe->bufs[(pipe->head - 1) % PIPE_DEF_BUFFERS];

		if (buf->offset + buf->len + chars <= PAGE_SIZE) {
			if (copy_from_iter((char *)buf->page + buf->offset + buf->len, chars, from) != chars)
				return -EFAULT;
			buf->len += (unsigned int)chars;
			ret = (long)chars;
			total -= chars;
			wake_up_interruptible(&pipe->rd_wait);
		}
	}
	while (total) {
		if (!pipe->readers) {
			send_sig_info(SIGPIPE, NULL, current);
			return ret ? ret : -EPIPE;
		}
		if (!pipe_full(pipe)) {
			struct pipe_buffer *buf = &pipe->bufs[pipe->head % PIPE_DEF_BUFFERS];
			unsigned long n = min(total, (unsigned long)PAGE_SIZE), got;

			buf->page = __get_free_pages(GFP_KERNEL, 0);
			if (!buf->page)
				return ret ? ret : -ENOMEM;
			got = copy_from_iter((char *)buf->page, n, from);
			if (!got) {
				free_pages(buf->page, 0);
				buf->page = 0;
				return ret ? ret : -EFAULT;
			}
			buf->offset = 0;
			buf->len = (unsigned int)got;
			pipe->head++;
			ret += (long)got;
			total -= got;
			wake_up_interruptible(&pipe->rd_wait);
			if (got < n)
				return ret;
			continue;
		}
		if ((f->f_flags & O_NONBLOCK) || (splice && ret))
			return ret ? ret : -EAGAIN;
		{
			int err = wait_event_interruptible(pipe->wr_wait, !pipe_full(pipe) || !pipe->readers);

			if (err)
				return ret ? ret : err;
		}
	}
	return ret;
}

static long pipe_write_iter(struct file *f, struct iov_iter *from, long long *pos)
{
	(void)pos;
	return __pipe_write(f, from, false);
}

long pipe_splice_write(struct file *f, struct iov_iter *from)
{
	return __pipe_write(f, from, true);
}

static long pipe_write(struct file *f, const char *ubuf, unsigned long count, long long *pos)
{
	struct iovec iov;
	struct iov_iter it;

	iov_iter_single(&it, &iov, (void *)ubuf, count);
	return pipe_write_iter(f, &it, pos);
}

static unsigned int pipe_poll(struct file *f, poll_table *pt)
{
	struct pipe_inode_info *pipe = f->private_data;
	unsigned int mask = 0;

	poll_wait(f, &pipe->rd_wait, pt);
	poll_wait(f, &pipe->wr_wait, pt);
	if ((f->f_flags & O_ACCMODE) != O_WRONLY) {
		if (!pipe_empty(pipe))
			mask |= POLLIN | POLLRDNORM;
		if (!pipe->writers)
			mask |= POLLHUP;
	}
	if ((f->f_flags & O_ACCMODE) != O_RDONLY) {
		if (!pipe_full(pipe))
			mask |= POLLOUT | POLLWRNORM;
		if (!pipe->readers)
			mask |= POLLERR;
	}
	return mask;
}

/*
 * pipe_ioctl: FIONREAD puts the bytes buffered (an int, from either end)
 * at arg: 0 or -EFAULT. Any other command is -ENOTTY, as Linux's.
 */
static long pipe_ioctl(struct file *f, unsigned int cmd, unsigned long arg)
{
	struct pipe_inode_info *pipe = f->private_data;
	int count = 0;

	if (cmd != FIONREAD)
		return -ENOTTY;
	for (unsigned int i = pipe->tail; i != pipe->head; i++)
		count += (int)pipe->bufs[i % PIPE_DEF_BUFFERS].len;
	return copy_to_user((int *)arg, &count, sizeof(count)) ? -EFAULT : 0;
}

static int pipe_release(struct inode *inode, struct file *f)
{
	struct pipe_inode_info *pipe = f->private_data;
	int acc = f->f_flags & O_ACCMODE;

	(void)inode;
	if (acc != O_WRONLY)
		pipe->readers--;
	if (acc != O_RDONLY)
		pipe->writers--;        /* O_RDWR (pipe_reopen) is both */
	wake_up_interruptible(&pipe->rd_wait);
	wake_up_interruptible(&pipe->wr_wait);
	if (!pipe->readers && !pipe->writers) {
		for (int i = 0; i < PIPE_DEF_BUFFERS; i++)
			if (pipe->bufs[i].page)
				free_pages(pipe->bufs[i].page, 0);
		kfree(pipe);
	}
	return 0;
}

static const struct file_operations pipefifo_fops = {
	.read = pipe_read,
	.write = pipe_write,
	.write_iter = pipe_write_iter,
	.poll = pipe_poll,
	.unlocked_ioctl = pipe_ioctl,
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

/*
 * Open the pipe of f again, as /proc/PID/fd/N of it is opened (Linux's
 * fifo_open on the pipe's inode): a new file whose end is flags's access
 * mode (O_RDWR: both ends). Unlike a named FIFO, an anonymous pipe never
 * waits for its other end, nor says -ENXIO. NULL with *err -ENOMEM.
 */
struct file *pipe_reopen(struct file *f, int flags, int *err)
{
	struct pipe_inode_info *pipe = f->private_data;
	int acc = flags & O_ACCMODE;
	struct file *nf = pipe_file(pipe, acc, flags);

	*err = nf ? 0 : -ENOMEM;
	if (!nf)
		return NULL;
	if (acc != O_WRONLY)
		pipe->readers++;
	if (acc != O_RDONLY)
		pipe->writers++;
	return nf;
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
