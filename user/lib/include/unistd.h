#ifndef _UNISTD_H
#define _UNISTD_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#define STDIN_FILENO  0
#define STDOUT_FILENO 1
#define STDERR_FILENO 2

#define SEEK_SET 0
#define SEEK_CUR 1
#define SEEK_END 2
#define SEEK_DATA 3
#define SEEK_HOLE 4

ssize_t read(int fd, void *buf, size_t count);
ssize_t write(int fd, const void *buf, size_t count);
int close(int fd);
off_t lseek(int fd, off_t offset, int whence);
pid_t getpid(void);
pid_t getppid(void);
pid_t fork(void);
int brk(void *addr);
void *sbrk(intptr_t increment);
void _exit(int status) __attribute__((noreturn));
long sysconf(int name);

#define _SC_PAGESIZE 30
#define PAGE_SIZE 4096

#endif
