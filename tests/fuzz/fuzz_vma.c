/*
 * libFuzzer target for mm/vma.c (and lib/rbtree.c under it). The first
 * byte picks mmap_base; the rest is a program of VMA operations run by
 * tests/host/vma_harness.c, which checks vma_check() and the model after
 * each one. Any disagreement aborts, which libFuzzer reports as a crash.
 *
 *	build/fuzz/fuzz_vma -max_total_time=60 corpus/
 */
#include <stdint.h>
#include <stdlib.h>
#include "../host/vma_harness.h"

#define MAX_OPS 2000

struct input {
	const uint8_t *data;
	size_t size;
};

static unsigned int byte(struct input *in)
{
	unsigned int b = in->size ? in->data[0] : 0;

	if (in->size) {
		in->data++;
		in->size--;
	}
	return b;
}

static unsigned int word(struct input *in)
{
	unsigned int lo = byte(in);

	return lo | byte(in) << 8;
}

static struct vh h;	/* big: off the stack */

static int step(struct input *in)
{
	unsigned int op = byte(in), a = word(in), b = word(in);
	unsigned int attr = op & 0x80 ? byte(in) : 0;	/* mostly alike VMAs, which merge */

	switch (op % 8) {
	case 0:
	case 1:
		return vh_insert(&h, vh_addr(&h, a, b, (a >> 12) == 0xf),
				 (1 + (b >> 8) % 32) * PAGE_SIZE, attr);
	case 2:
		return vh_remove(&h, a);
	case 3:
		return vh_split(&h, a, b, op & 0x10, op & 0x20);
	case 4:
		return vh_merge(&h, a);
	case 5:
		return vh_find(&h, vh_addr(&h, a, b, op & 0x10), 1 + (b >> 4) * 64);
	default:
		/* Huge lengths too, so that the search runs out of room. */
		return vh_unmapped(&h, op & 0x10 ? vh_addr(&h, a, b, op & 0x20) : 0,
				   op & 0x40 ? (unsigned long)a << 16 : 1 + (b % 64) * PAGE_SIZE,
				   op & 0x08 ? -1 : (int)attr);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const unsigned long bases[] = {
		TASK_UNMAPPED_BASE, TASK_SIZE - (100UL << PAGE_SHIFT), 0x08048000UL, PAGE_SIZE,
	};
	struct input in = { data, size };
	int ops = 0;

	vh_init(&h, bases[byte(&in) % 4]);
	while (in.size && ops++ < MAX_OPS)
		if (step(&in))
			abort();
	if (vh_exit(&h) || vh_live)
		abort();
	return 0;
}
