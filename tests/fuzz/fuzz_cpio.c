/*
 * libFuzzer target for lib/earlycpio.c: the input is the archive. Every
 * member cpio_next() returns must lie inside the input, and a walk must
 * end (at the trailer or with -EINVAL), since each member moves forward.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include "linux/earlycpio.h"
#include "linux/errno.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *end = (const char *)data + size;
	size_t offset = 0, last = 0;
	struct cpio_entry e;
	int ret;

	while ((ret = cpio_next(data, size, &offset, &e)) == 1) {
		if (offset <= last || offset > size)
			abort();	/* no progress: a loop, or past the end */
		if ((const char *)e.data > end || e.size > (size_t)(end - (const char *)e.data))
			abort();
		last = offset;
	}
	if (ret != 0 && ret != -EINVAL)
		abort();
	ret = cpio_find(data, size, "/init", &e);
	if (ret != 0 && ret != -ENOENT && ret != -EINVAL)
		abort();
	return 0;
}
