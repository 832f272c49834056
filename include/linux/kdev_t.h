/*
 * Device numbers (Linux's include/linux/kdev_t.h): inside the kernel a
 * dev_t is MAJOR << 20 | MINOR; st_dev, st_rdev and mknod's argument use
 * the "new" encoding, whose low byte is the minor's low byte so that the
 * old 8:8 numbers (8:0 is /dev/sda) read the same.
 */
#ifndef PAGODA_KDEV_T_H
#define PAGODA_KDEV_T_H

typedef unsigned int dev_t;

#define MINORBITS 20
#define MINORMASK ((1U << MINORBITS) - 1)
#define MAJOR(dev) ((unsigned int)((dev) >> MINORBITS))
#define MINOR(dev) ((unsigned int)((dev) & MINORMASK))
#define MKDEV(ma, mi) (((ma) << MINORBITS) | (mi))

static inline unsigned int new_encode_dev(dev_t dev)
{
	unsigned int major = MAJOR(dev), minor = MINOR(dev);

	return (minor & 0xff) | (major << 8) | ((minor & ~0xffU) << 12);
}

static inline dev_t new_decode_dev(unsigned int dev)
{
	unsigned int major = (dev & 0xfff00) >> 8;
	unsigned int minor = (dev & 0xff) | ((dev >> 12) & 0xfff00);

	return MKDEV(major, minor);
}

#endif
