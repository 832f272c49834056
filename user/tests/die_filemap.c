/*
 * Must be killed by SIGBUS (status 135): a file mapping touched wholly
 * past the end of its file, as Linux's filemap_fault() refuses it. The
 * argument picks the case:
 *   read-page-2   a 203-byte file mapped over two pages, its second page read
 *   write-page-2  the same, written through a private writable mapping
 *   read-4g       the file mapped at page offset 0x100000 (4 GiB), read
 */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <syscall.h>
#include <unistd.h>
#include <sys/mman.h>
#include "check.h"

int main(int argc, char **argv)
{
	const char *what = argc > 1 ? argv[1] : "";
	long fd = __syscall2(__NR_open, (long)"/etc/203-bytes", O_RDONLY), r;
	unsigned long addr;

	if (fd < 0)
		fail("open /etc/203-bytes: %ld", fd);
	if (!strcmp(what, "read-4g"))
		r = __syscall6(__NR_mmap2, 0, PAGE_SIZE, PROT_READ, MAP_PRIVATE, fd, 0x100000);
	else
		r = __syscall6(__NR_mmap2, 0, 2 * PAGE_SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
	if (IS_ERR(r))
		fail("mmap: %ld", r);
	addr = !strcmp(what, "read-4g") ? (unsigned long)r : (unsigned long)r + PAGE_SIZE;
	if (!strcmp(what, "read-page-2") || !strcmp(what, "read-4g")) {
		printf("die_filemap: reading %#lx, past the end of the file\n", addr);
		peek(addr);
	} else if (!strcmp(what, "write-page-2")) {
		printf("die_filemap: writing %#lx, past the end of the file\n", addr);
		poke(addr, 1);
	} else {
		fail("usage: die_filemap read-page-2|write-page-2|read-4g");
	}
	fail("touching %#lx did not kill the program", addr);
}
