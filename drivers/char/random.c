/*
 * Random numbers (Linux's drivers/char/random.c, much reduced): a
 * xorshift64* generator seeded from the time-stamp counter and the CMOS
 * clock at its first use, and stirred with the counter at each call. It
 * is NOT cryptographic: good enough for hash seeds, temporary names and
 * stack canaries in a teaching kernel, not for keys.
 */
#include "asm/io.h"
#include "linux/errno.h"
#include "linux/fs.h"
#include "linux/string.h"
#include "linux/syscalls.h"
#include "linux/time.h"
#include "linux/uaccess.h"
#include "linux/uio.h"

#define GRND_NONBLOCK 0x0001
#define GRND_RANDOM   0x0002
#define GRND_INSECURE 0x0004

static uint64_t state;

static uint64_t next_random(void)
{
	if (!state)
		state = (rdtsc() ^ ((uint64_t)mach_get_cmos_time() << 32)) | 1;
	state ^= rdtsc() & 0xff;
	state ^= state >> 12;
	state ^= state << 25;
	state ^= state >> 27;
	return state * 0x2545F4914F6CDD1DULL;
}

void get_random_bytes(void *buf, unsigned long count)
{
	unsigned char *p = buf;

	while (count) {
		uint64_t r = next_random();
		unsigned long n = count < sizeof(r) ? count : sizeof(r);

		memcpy(p, &r, n);
		p += n;
		count -= n;
	}
}

/* Fill count user bytes: the bytes done (a short count at a fault), or -EFAULT if none. */
long get_random_bytes_user(char *ubuf, unsigned long count)
{
	unsigned long done = 0;

	if (count > MAX_RW_COUNT)
		count = MAX_RW_COUNT;
	/* the whole (clamped) range must be user memory before a byte is written: Linux's import_single_range */
	if (!access_ok(ubuf, count))
		return -EFAULT;
	while (done < count) {
		char chunk[64];
		unsigned long n = count - done < sizeof(chunk) ? count - done : sizeof(chunk), left;

		get_random_bytes(chunk, n);
		left = copy_to_user(ubuf + done, chunk, n);
		done += n - left;
		if (left)
			break;
	}
	return done || !count ? (long)done : -EFAULT;
}

/* getrandom(2): flags checked as Linux's (GRND_INSECURE and GRND_RANDOM together are -EINVAL); never blocks. */
long sys_getrandom(char *ubuf, unsigned long count, unsigned int flags)
{
	if (flags & ~(GRND_NONBLOCK | GRND_RANDOM | GRND_INSECURE))
		return -EINVAL;
	if ((flags & (GRND_INSECURE | GRND_RANDOM)) == (GRND_INSECURE | GRND_RANDOM))
		return -EINVAL;
	return get_random_bytes_user(ubuf, count);
}
