/*
 * Scatter-gather user buffers for read, write, readv and writev (Linux's
 * <linux/uio.h>): an iov_iter walks an array of iovecs, and a copy through
 * it stops at the first byte that faults, reporting what it did copy, so a
 * call can return a short count as Linux does.
 */
#ifndef PAGODA_UIO_H
#define PAGODA_UIO_H

#include <stdbool.h>
#include <stddef.h>
#include "linux/page.h"

struct iovec {
	void *iov_base;
	unsigned long iov_len;
};

#define UIO_MAXIOV 1024                         /* iovecs in one readv/writev */
#define MAX_RW_COUNT (0x7fffffffUL & PAGE_MASK) /* INT_MAX & PAGE_MASK: one call's bytes at most */

struct iov_iter {
	const struct iovec *iov;        /* the current segment */
	unsigned long nr_segs;          /* segments left, the current one included */
	size_t iov_offset;              /* bytes of the current segment already used */
	size_t count;                   /* bytes left in all */
	bool kvec;                      /* kernel buffers, copied with memcpy (Linux's ITER_KVEC) */
};

/* One user buffer as an iterator; iov is the caller's storage for the one segment. */
void iov_iter_single(struct iov_iter *i, struct iovec *iov, void *buf, size_t len);
/* One kernel buffer as an iterator, for the kernel's own reads and writes through a file (sendfile, tests). */
void iov_iter_kvec(struct iov_iter *i, struct iovec *iov, void *buf, size_t len);
/*
 * Copy the user's iovec array in and check it as Linux's import_iovec does.
 * Returns the total byte count (clamped to MAX_RW_COUNT) with *iovp a
 * kmalloc'd array for the caller to kfree (NULL for nr_segs 0), or -EINVAL
 * (more than UIO_MAXIOV segments, a length negative as ssize_t), -EFAULT
 * (the array or a buffer outside user space), -ENOMEM.
 */
long import_iovec(const struct iovec *uvec, unsigned long nr_segs, struct iovec **iovp, struct iov_iter *i);
/* Bytes copied, fewer than n if a user page faulted (Linux's copy_to_iter/copy_from_iter). */
size_t copy_to_iter(const void *from, size_t n, struct iov_iter *i);
size_t copy_from_iter(void *to, size_t n, struct iov_iter *i);

#endif
