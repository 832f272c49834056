/*
 * A real glibc program: static, i386, built by Debian's cross compiler.
 * Before main, glibc's start-up code needs set_thread_area (TLS through %gs),
 * brk or mmap2, and mprotect; stdout to a non-terminal is fully buffered and
 * reaches the kernel as one write at exit, through exit_group.
 */
#include <stdio.h>

int main(int argc, char **argv)
{
	printf("Hello from glibc: printf(\"%%d %%s %%5.2f\") = \"%d %s %5.2f\"\n", 42, "pagoda", 3.14159);
	for (int i = 0; i < argc; i++)
		printf("argv[%d] = %s\n", i, argv[i]);
	printf("exiting with status 42\n");
	return 42;
}
