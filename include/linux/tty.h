/*
 * The console as a terminal (drivers/tty/): a line discipline (Linux's
 * n_tty) between the serial port and the processes reading it. The VFS
 * gives descriptors 0-2, /dev/console and /dev/tty files whose f_op is
 * tty_fops.
 */
#ifndef PAGODA_TTY_H
#define PAGODA_TTY_H

struct file_operations;

extern const struct file_operations tty_fops;
void tty_init(void);

#endif
