/*
 * errname: the symbolic name of an error code, as Linux's lib/errname.c,
 * so a refusal prints "error -8 (ENOEXEC)" and not a bare number.
 */
#include "linux/errno.h"

#define E(name) [name] = #name

static const char *const names[] = {
	E(EPERM), E(ENOENT), E(ESRCH), E(EINTR), E(EIO), E(ENXIO), E(E2BIG), E(ENOEXEC),
	E(EBADF), E(ECHILD), E(EAGAIN), E(ENOMEM), E(EACCES), E(EFAULT), E(EBUSY), E(EXDEV), E(EEXIST),
	E(ENODEV), E(ENOTDIR), E(EISDIR), E(EINVAL), E(ENFILE), E(EMFILE), E(ENOTTY), E(EFBIG),
	E(ENOSPC), E(ESPIPE), E(EROFS), E(EPIPE), E(ERANGE), E(ENAMETOOLONG), E(ENOSYS), E(ENOTEMPTY), E(ELOOP), E(EOVERFLOW), E(EOPNOTSUPP),
};

const char *errname(int err)
{
	unsigned int e = err < 0 ? (unsigned int)-err : (unsigned int)err;

	return e < sizeof(names) / sizeof(names[0]) && names[e] ? names[e] : "E?";
}
