#ifndef _SYS_IOCTL_H
#define _SYS_IOCTL_H

#define TCGETS 0x5401

int ioctl(int fd, unsigned long request, ...);

#endif
