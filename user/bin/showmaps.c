/*
 * showmaps: a process with one of every kind of user memory, which then
 * asks the kernel to print its maps and the physical memory map
 * (tools/memmap draws them). It has:
 *   heap pages     small malloc()s, from brk;
 *   an mmap area   a large malloc() (above the 128 KiB threshold), half
 *                  written, a few pages only read (the zero page);
 *   file pages     its own program file, mapped and read;
 *   stack pages    a 32 KiB buffer on the stack.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <syscall.h>
#include <unistd.h>

/* Pagoda's own system calls (arch/i386/entry/syscall_32.c). */
#define NR_PAGODA_SHOW_MAPS 401         /* this process's /proc/self/maps */
#define NR_PAGODA_MEMMAP    402         /* that, and every page frame: kernel/debug/memmap_dump.c */

#define PAGE 4096
#define SMALL_BLOCKS 40
#define LARGE_BYTES (512 * 1024)

static volatile unsigned long sink;     /* keeps the reads */

static int map_own_file(const char *path)
{
	int fd = open(path, O_RDONLY);
	off_t size;
	const unsigned char *p;

	if (fd < 0) {
		printf("showmaps: %s: %s\n", path, strerror(errno));
		return -1;
	}
	size = lseek(fd, 0, SEEK_END);
	p = mmap(NULL, (size_t)size, PROT_READ, MAP_PRIVATE, fd, 0);
	close(fd);
	if (p == MAP_FAILED) {
		printf("showmaps: mmap %s: %s\n", path, strerror(errno));
		return -1;
	}
	for (off_t off = 0; off < size; off += PAGE)
		sink += p[off];
	return 0;
}

static void touch_stack(void)
{
	volatile char buf[32 * 1024];

	for (size_t i = 0; i < sizeof(buf); i += PAGE)
		buf[i] = 1;
	sink += buf[0];
}

int main(int argc, char **argv)
{
	unsigned char *large;
	long ret;

	(void)argc;
	for (int i = 0; i < SMALL_BLOCKS; i++) {
		char *p = malloc(1000);

		if (!p)
			return 1;
		memset(p, i, 1000);
	}
	large = malloc(LARGE_BYTES);
	if (!large)
		return 1;
	for (size_t off = 0; off < LARGE_BYTES / 2; off += PAGE)
		large[off] = 1;
	for (size_t off = LARGE_BYTES / 2; off < LARGE_BYTES / 2 + 8 * PAGE; off += PAGE)
		sink += large[off];
	if (map_own_file(argv[0]) != 0)
		return 1;
	touch_stack();
	/* Dummy arguments: elsewhere (Linux) 402 is another call, which they make fail. */
	ret = __syscall3(NR_PAGODA_MEMMAP, -1, -1, 0);
	if (ret == -ENOSYS)
		__syscall0(NR_PAGODA_SHOW_MAPS);
	printf("showmaps: done\n");
	return 0;
}
