/* Mappings. mmap goes through mmap2, whose offset counts pages, as glibc's does on i386. */
#include <errno.h>
#include <stdarg.h>
#include <syscall.h>
#include <unistd.h>
#include <sys/mman.h>

void *mmap(void *addr, size_t length, int prot, int flags, int fd, off_t offset)
{
	if (offset & (PAGE_SIZE - 1)) {
		errno = EINVAL;
		return MAP_FAILED;
	}
	return (void *)__syscall_ret(__syscall6(__NR_mmap2, (long)addr, length, prot, flags, fd,
						 offset / PAGE_SIZE));
}

int munmap(void *addr, size_t length)
{
	return __syscall_ret(__syscall2(__NR_munmap, (long)addr, length));
}

int mprotect(void *addr, size_t length, int prot)
{
	return __syscall_ret(__syscall3(__NR_mprotect, (long)addr, length, prot));
}

void *mremap(void *old_address, size_t old_size, size_t new_size, int flags, ...)
{
	va_list ap;
	void *new_address = NULL;

	if (flags & MREMAP_FIXED) {
		va_start(ap, flags);
		new_address = va_arg(ap, void *);
		va_end(ap);
	}
	return (void *)__syscall_ret(__syscall5(__NR_mremap, (long)old_address, old_size, new_size,
						 flags, (long)new_address));
}

int madvise(void *addr, size_t length, int advice)
{
	return __syscall_ret(__syscall3(__NR_madvise, (long)addr, length, advice));
}
