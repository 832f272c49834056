/*
 * shmem's interface to the mm (Linux's include/linux/shmem_fs.h): shared
 * anonymous memory is a tmpfs file no directory names, made on the
 * kernel's own tmpfs mount (shm_mnt), so fork, mremap and madvise find
 * its pages in that file's page cache as for any other shared mapping.
 */
#ifndef PAGODA_SHMEM_FS_H
#define PAGODA_SHMEM_FS_H

#include <stdbool.h>

struct file;
struct vm_area_struct;

/* Mount the kernel's tmpfs for shared anonymous memory (Linux's shmem_init); at boot, before any mmap. */
void shmem_init(void);
/*
 * A new unlinked tmpfs file of size bytes named name on the kernel's
 * mount, opened read-write (Linux's shmem_kernel_file_setup): one
 * reference, or NULL with *err -EINVAL (a size past MAX_LFS_FILESIZE) or
 * -ENOMEM.
 */
struct file *shmem_kernel_file_setup(const char *name, long long size, unsigned long vm_flags, int *err);
/*
 * Give a shared anonymous VMA (MAP_SHARED|MAP_ANONYMOUS, or MAP_SHARED of
 * /dev/zero) a shmem file of its length, "dev/zero", in place of any
 * vm_file it had (Linux's shmem_zero_setup). 0, or -ENOMEM.
 */
int shmem_zero_setup(struct vm_area_struct *vma);
/* Is the file a tmpfs regular file, whose pages MADV_REMOVE may punch out (Linux's shmem_mapping)? */
bool shmem_file(const struct file *file);
/*
 * Free the pages of [start, end) (bytes) of a tmpfs file and unmap them
 * from every process, leaving a hole that reads back as zeroes (Linux's
 * shmem_fallocate with FALLOC_FL_PUNCH_HOLE). 0, or shmem_unshare_initrd's
 * -ENOMEM or -ENOSPC.
 */
int shmem_punch_hole(struct file *file, long long start, long long end);

#endif
