/*
 * Copies through an iov_iter (Linux's lib/iov_iter.c: user buffers, or kernel ones for a kvec):
 * segment by segment with copy_to_user/copy_from_user, stopping at the
 * first fault so the caller can return what was done. Pagoda's copy stops
 * at the exact byte; Linux i386's (__copy_user_intel) copies 64-byte
 * blocks when the two buffers are not equally aligned and loses the block
 * it faulted in, so its short count can be up to 63 bytes less. Both are
 * correct short reads; the tests use aligned buffers, where they agree.
 */
#include "linux/errno.h"
#include "linux/slab.h"
#include "linux/string.h"
#include "linux/uaccess.h"
#include "linux/uio.h"

void iov_iter_single(struct iov_iter *i, struct iovec *iov, void *buf, size_t len)
{
	iov->iov_base = buf;
	iov->iov_len = len;
	*i = (struct iov_iter){ .iov = iov, .nr_segs = 1, .iov_offset = 0, .count = len };
}

void iov_iter_kvec(struct iov_iter *i, struct iovec *iov, void *buf, size_t len)
{
	iov_iter_single(i, iov, buf, len);
	i->kvec = true;
}

long import_iovec(const struct iovec *uvec, unsigned long nr_segs, struct iovec **iovp, struct iov_iter *i)
{
	struct iovec *iov = NULL;
	size_t total = 0;

	*iovp = NULL;
	if (nr_segs > UIO_MAXIOV)
		return -EINVAL;
	if (nr_segs) {
		iov = kmalloc(nr_segs * sizeof(*iov), GFP_KERNEL);
		if (!iov)
			return -ENOMEM;
	}
	/* the whole array first, then the lengths, as Linux 6.1's copy_iovec_from_user:
	 * an array that runs into a hole is -EFAULT even after a negative length */
	if (copy_from_user(iov, uvec, nr_segs * sizeof(*iov))) {
		kfree(iov);
		return -EFAULT;
	}
	for (unsigned long seg = 0; seg < nr_segs; seg++) {
		if ((long)iov[seg].iov_len < 0) {
			kfree(iov);
			return -EINVAL;
		}
	}
	for (unsigned long seg = 0; seg < nr_segs; seg++) {
		if (!access_ok(iov[seg].iov_base, iov[seg].iov_len)) {
			kfree(iov);
			return -EFAULT;
		}
		if (iov[seg].iov_len > MAX_RW_COUNT - total)
			iov[seg].iov_len = MAX_RW_COUNT - total;
		total += iov[seg].iov_len;
	}
	*iovp = iov;
	*i = (struct iov_iter){ .iov = iov, .nr_segs = nr_segs, .iov_offset = 0, .count = total };
	return (long)total;
}

/* Copy up to n bytes between kbuf and the iterator's user buffers. */
static size_t iterate(char *kbuf, size_t n, struct iov_iter *i, bool to_user)
{
	size_t done = 0;

	if (n > i->count)
		n = i->count;
	while (done < n && i->nr_segs) {
		char *ubuf = (char *)i->iov->iov_base + i->iov_offset;
		size_t chunk = i->iov->iov_len - i->iov_offset, left;

		if (chunk > n - done)
			chunk = n - done;
		if (i->kvec) {          /* kernel memory cannot fault */
			memcpy(to_user ? ubuf : kbuf + done, to_user ? kbuf + done : ubuf, chunk);
			left = 0;
		} else {
			left = to_user ? copy_to_user(ubuf, kbuf + done, chunk) :
					 copy_from_user(kbuf + done, ubuf, chunk);
		}
		done += chunk - left;
		i->iov_offset += chunk - left;
		i->count -= chunk - left;
		if (left)
			break;
		if (i->iov_offset == i->iov->iov_len) {
			i->iov++;
			i->nr_segs--;
			i->iov_offset = 0;
		}
	}
	return done;
}

size_t copy_to_iter(const void *from, size_t n, struct iov_iter *i)
{
	return iterate((char *)from, n, i, true);
}

size_t copy_from_iter(void *to, size_t n, struct iov_iter *i)
{
	return iterate(to, n, i, false);
}
