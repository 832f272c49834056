/*
 * What the ELF loader and exec set up: argv from the kernel command line
 * (run as `loader one two three`), envp, the auxiliary vector, the initial
 * stack's alignment, and the program's own segments: headers, text, data and
 * a zeroed bss, including the tail of the page the data segment ends in.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/auxv.h>
#include "check.h"

struct elf32_phdr {
	uint32_t p_type, p_offset, p_vaddr, p_paddr, p_filesz, p_memsz, p_flags, p_align;
};
#define PT_LOAD 1
#define PF_W    2

void _start(void);
extern char etext[], edata[], end[];

static const char greeting[] = "rodata is readable";
static int data_word = 0x12345678;
static char data_bytes[] = "initialised data";
/* One object, so that its small part comes first in bss, right after data in the same page. */
static struct {
	char small[100];
	unsigned int big[64 * 1024];
} bss;

static void check_argv(int argc, char **argv)
{
	static const char *const want[] = { "one", "two", "three" };

	printf("argc = %d\n", argc);
	for (int i = 0; i < argc; i++)
		printf("argv[%d] = \"%s\"\n", i, argv[i]);
	check(argc == 4, "argc is 4 (the program and three arguments)");
	check(argv[argc] == NULL, "argv[argc] is NULL");
	check(strrchr(argv[0], '/') ? strcmp(strrchr(argv[0], '/'), "/loader") == 0
				     : strcmp(argv[0], "loader") == 0,
	      "argv[0] names the program: \"%s\"", argv[0]);
	for (int i = 1; i < argc && i < 4; i++)
		check(strcmp(argv[i], want[i - 1]) == 0, "argv[%d] is \"%s\"", i, want[i - 1]);
}

static void check_stack(int argc, char **argv, char **envp)
{
	uintptr_t sp = (uintptr_t)(argv - 1);   /* where _start found argc */
	int envc = 0;

	for (char **e = envp; *e; e++, envc++)
		printf("envp[%d] = \"%s\"\n", envc, *e);
	check(envp == argv + argc + 1 && *(long *)sp == argc, "envp starts right after argv's NULL");
	check(sp % 16 == 0, "the initial stack pointer %#lx is 16-byte aligned", (unsigned long)sp);
	check((uintptr_t)argv[0] > sp, "argument strings lie above the pointer arrays");
}

static void check_auxv(void)
{
	struct elf32_phdr *ph = (struct elf32_phdr *)getauxval(AT_PHDR);
	unsigned long phnum = getauxval(AT_PHNUM);
	unsigned char *random = (unsigned char *)getauxval(AT_RANDOM);
	int loads = 0;

	check(getauxval(AT_PAGESZ) == 4096, "AT_PAGESZ is 4096");
	check(getauxval(AT_ENTRY) == (unsigned long)_start, "AT_ENTRY %#lx is _start",
	      getauxval(AT_ENTRY));
	check(getauxval(AT_PHENT) == sizeof(*ph), "AT_PHENT is %u", (unsigned)sizeof(*ph));
	check(ph != NULL && phnum >= 2, "AT_PHDR %p and AT_PHNUM %lu are given", (void *)ph, phnum);
	for (unsigned long i = 0; i < phnum; i++)
		if (ph[i].p_type == PT_LOAD) {
			printf("PT_LOAD vaddr %#x memsz %#x flags %x\n", ph[i].p_vaddr, ph[i].p_memsz,
			       ph[i].p_flags);
			loads++;
		}
	check(loads >= 2, "the program headers at AT_PHDR are readable and list %d PT_LOADs", loads);
	check(random != NULL, "AT_RANDOM points at 16 bytes");
	printf("AT_RANDOM bytes: %02x %02x %02x ... %02x\n", random[0], random[1], random[2], random[15]);
}

static void check_segments(void)
{
	const unsigned char *header = (const unsigned char *)0x08048000;
	int zero = 1;

	check(memcmp(header, "\177ELF", 4) == 0, "the ELF header is mapped at 0x08048000");
	check((unsigned long)_start >= 0x08048000 && (char *)_start < etext,
	      "_start %p lies in the text segment", (void *)_start);
	check(strcmp(greeting, "rodata is readable") == 0, "%s", greeting);
	check(data_word == 0x12345678 && strcmp(data_bytes, "initialised data") == 0,
	      "initialised data has its values from the file");
	data_word++;
	data_bytes[0] = 'I';
	check(data_word == 0x12345679 && data_bytes[0] == 'I', "data is writable");
	for (unsigned char *p = (unsigned char *)edata; p < (unsigned char *)(&bss + 1); p++)
		zero &= *p == 0;
	check(zero, "bss is zero from the end of data %p%s to %p", (void *)edata,
	      ((unsigned long)edata ^ (unsigned long)bss.small) < 4096 ? " (in the same page)" : "",
	      (void *)(&bss + 1));
	bss.big[0] = bss.big[sizeof(bss.big) / sizeof(bss.big[0]) - 1] = 7;
	check(bss.big[0] == 7, "bss is writable up to the end of the image %p", (void *)end);
}

int main(int argc, char **argv, char **envp)
{
	check_argv(argc, argv);
	check_stack(argc, argv, envp);
	check_auxv();
	check_segments();
	return done();
}
