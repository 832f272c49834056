/*
 * MAP_POPULATE on file mappings across fork, the behaviour Linux's
 * selftests/vm/map_populate checks (our own program): a file mapped
 * MAP_SHARED | MAP_POPULATE is one set of pages for the parent, the child
 * that inherits it and read(), whoever writes; a MAP_PRIVATE | MAP_POPULATE
 * mapping the child makes with PROT_WRITE has its private copies made at
 * mmap time (Linux's populate faults for write: the COW is done up front),
 * so the parent's later writes through the shared mapping no longer reach
 * it and the file is unchanged; a read-only MAP_PRIVATE | MAP_POPULATE
 * mapping still maps the file's own pages and sees those writes. Parent
 * and child take turns over two pipes.
 */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <syscall.h>
#include <unistd.h>
#include <sys/mman.h>
#include "check.h"
#include "process.h"

#define __NR_unlink 10
#define __NR_pipe   42
#define __NR_msync 144
#define __NR_ftruncate 93
#define __NR_pread64 180
#define MS_SYNC 4
#define pread(fd, buf, n, off) __syscall5(__NR_pread64, fd, (long)(buf), n, off, 0)
#define ftruncate(fd, len) __syscall2(__NR_ftruncate, fd, len)
#define SZ (2 * 4096)
#define PATH "/tmp/map_populate"

static int to_child[2], to_parent[2];

static void send(int fd) { char c = 'x'; if (write(fd, &c, 1) != 1) child_exit(90); }
static void wait_for(int fd) { char c; if (read(fd, &c, 1) != 1) child_exit(91); }

/* The child's part: a status the parent checks (0: all as Linux). */
static int child(int fd, volatile unsigned int *shared)
{
	volatile unsigned int *priv, *ro;
	unsigned int word;

	priv = mmap(NULL, SZ, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_POPULATE, fd, 0);
	ro = mmap(NULL, SZ, PROT_READ, MAP_PRIVATE | MAP_POPULATE, fd, 0);
	if (priv == MAP_FAILED || ro == MAP_FAILED)
		return 1;
	if (priv[0] != 0xdeadbabe || ro[0] != 0xdeadbabe || shared[1024] != 0x1234)
		return 2;       /* the file as the parent wrote it */
	send(to_parent[1]);
	wait_for(to_child[0]);  /* the parent has written 0x22222bad through the shared mapping */
	if (shared[0] != 0x22222bad)
		return 3;       /* the inherited shared mapping sees it */
	if (priv[0] != 0xdeadbabe)
		return 4;       /* MAP_POPULATE did not COW the writable private page */
	if (ro[0] != 0x22222bad)
		return 5;       /* a read-only private mapping still maps the file's page */
	priv[1024] = 0x5555;    /* private: the file must not see it */
	shared[1] = 0xc0ffee;   /* shared: the parent and read() must */
	if (pread(fd, &word, 4, 4096) != 4 || word != 0x1234)
		return 6;
	send(to_parent[1]);
	return 0;
}

int main(void)
{
	volatile unsigned int *shared;
	unsigned int word = 0;
	int fd, status;
	long pid;

	fd = open(PATH, O_RDWR | O_CREAT | O_TRUNC, 0600);
	if (fd < 0 || ftruncate(fd, SZ) != 0)
		fail("make %s: %s", PATH, errname(errno));
	__syscall1(__NR_unlink, (long)PATH);
	shared = mmap(NULL, SZ, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_POPULATE, fd, 0);
	if (shared == MAP_FAILED)
		fail("mmap MAP_SHARED | MAP_POPULATE");
	shared[0] = 0xdeadbabe;
	shared[1024] = 0x1234;
	check_ret(__syscall3(__NR_msync, (long)shared, SZ, MS_SYNC), 0, "msync of the shared mapping");
	check(pread(fd, &word, 4, 0) == 4 && word == 0xdeadbabe, "read() sees the write through MAP_SHARED");
	if (__syscall1(__NR_pipe, (long)to_child) || __syscall1(__NR_pipe, (long)to_parent))
		fail("pipe");
	pid = sys_fork();
	if (pid == 0)
		child_exit(child(fd, shared));
	wait_for(to_parent[0]);
	shared[0] = 0x22222bad;
	__syscall3(__NR_msync, (long)shared, SZ, MS_SYNC);
	send(to_child[1]);
	wait_for(to_parent[0]);
	check(shared[1] == 0xc0ffee, "the child's write through the inherited shared mapping is the parent's");
	check(pread(fd, &word, 4, 4) == 4 && word == 0xc0ffee, "and read()'s");
	check(shared[1024] == 0x1234, "the child's write to its private mapping is not");
	check(sys_waitpid(pid, &status, 0) == pid, "the child is reaped");
	check(WIFEXITED(status) && WEXITSTATUS(status) == 0,
	      "child: its populated private pages were copied, its read-only ones are the file's (status %d: "
	      "1 mmap, 2 first read, 3 shared, 4 private COW, 5 read-only, 6 file)", WEXITSTATUS(status));
	munmap((void *)shared, SZ);
	close(fd);
	return done();
}
