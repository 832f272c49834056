/*
 * Strict number parsing, as Linux's kstrto*() (lib/kstrtox.c): base 0
 * means 0x for hex, a leading 0 for octal, else decimal. Each returns 0
 * and stores the value, -EINVAL if the string is empty or has anything
 * after the number (Linux allows one newline there: a command line has
 * none), or -ERANGE if the value does not fit the type; *res is untouched on error.
 */
#ifndef PAGODA_KSTRTOX_H
#define PAGODA_KSTRTOX_H

int kstrtoull(const char *s, unsigned int base, unsigned long long *res);
int kstrtoul(const char *s, unsigned int base, unsigned long *res);
int kstrtouint(const char *s, unsigned int base, unsigned int *res);
int kstrtoint(const char *s, unsigned int base, int *res);

/* The digits at the start of s: 0 with *end after them, -EINVAL if none, -ERANGE on overflow. */
int kstrtoull_prefix(const char *s, unsigned int base, unsigned long long *res, const char **end);

/*
 * A size in bytes with an optional K, M or G suffix (memparse's syntax,
 * but strict): "64M" -> 67108864. -EINVAL for junk, -ERANGE if it does
 * not fit in 64 bits.
 */
int parse_size(const char *s, unsigned long long *res);

#endif
