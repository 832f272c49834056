/* The kernel's own symbol table (built by tools/ksyms.py), for backtraces. */
#ifndef PAGODA_KALLSYMS_H
#define PAGODA_KALLSYMS_H

/* Name of the function holding addr; *offset and *size describe where. NULL if none. */
const char *kallsyms_lookup(unsigned long addr, unsigned long *offset, unsigned long *size);
unsigned long kallsyms_lookup_name(const char *name);
#include <stddef.h>

void print_symbol(unsigned long addr);   /* " [<c0101234>] func+0x14/0x60\n" */
int sprint_symbol(char *buf, size_t size, unsigned long addr);  /* "func+0x14/0x60" */
void show_trace(unsigned long eip, unsigned long ebp);
void dump_stack(void);

#endif
