/* The malloc tuning knobs, with glibc's names and values. */
#ifndef _MALLOC_H
#define _MALLOC_H

#include <stddef.h>

#define M_TRIM_THRESHOLD  (-1)  /* give the top of the heap back once this much is free */
#define M_MMAP_THRESHOLD  (-3)  /* requests of this size or more get their own mapping */

int mallopt(int param, int value);
size_t malloc_usable_size(void *ptr);

#endif
