/*
 * poll and select (Linux's include/linux/poll.h): a file's poll method
 * says which events are ready and registers the caller on the wait
 * queues that will change that, so poll() can sleep until one does.
 */
#ifndef PAGODA_POLL_H
#define PAGODA_POLL_H

#include "linux/wait.h"

#define POLLIN     0x0001
#define POLLPRI    0x0002
#define POLLOUT    0x0004
#define POLLERR    0x0008
#define POLLHUP    0x0010
#define POLLNVAL   0x0020
#define POLLRDNORM 0x0040
#define POLLRDBAND 0x0080
#define POLLWRNORM 0x0100
#define POLLWRBAND 0x0200
#define POLLRDHUP  0x2000
/* What a file without a poll method reports: always ready (Linux's DEFAULT_POLLMASK). */
#define DEFAULT_POLLMASK (POLLIN | POLLOUT | POLLRDNORM | POLLWRNORM)

struct file;
struct poll_table_struct;
typedef struct poll_table_struct poll_table;

/* Register the polling task on wq (fs/select.c; pt may be NULL: then nothing is registered). */
void poll_wait(struct file *f, wait_queue_head_t *wq, poll_table *pt);

#endif
