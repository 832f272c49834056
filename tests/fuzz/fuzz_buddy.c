/*
 * libFuzzer target for mm/buddy.c. The first bytes shape a zone (an
 * unaligned span, reserved holes); the rest are operations: allocate,
 * free whole or in pieces, bad frees, hand more frames over (as
 * free_initmem would). After every operation the zone must pass
 * buddy_check_zone() and agree with the model in tests/host/buddy_harness.c;
 * any disagreement aborts, which libFuzzer reports as a crash.
 *
 *	build/fuzz/buddy -max_total_time=60 corpus/
 */
#include <stdint.h>
#include <stdlib.h>
#include "../host/buddy_harness.h"

#define MAX_OPS 1000

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

static void must(int problems)
{
	if (problems)
		abort();
}

/* Holes are reserved frames: firmware, the kernel image, memblock. */
static void shape_zone(struct hzone *h, struct input *in)
{
	unsigned long start = word(in) % 1500;
	unsigned long end = start + 1 + word(in) % 4500;
	unsigned long span = end - start, pfn;
	unsigned int holes = byte(in) % 8, i;
	unsigned int cut = 1 + byte(in);	/* add ranges in pieces this long */
	unsigned char *hole = calloc(span, 1);

	memmap_init(end);	/* mem_map ends with the zone, maybe mid-block */
	h_init(h, "Normal", ZONE_NORMAL, start, end);
	for (i = 0; i < holes; i++) {
		unsigned long at = word(in) % span, len = 1 + byte(in);

		for (pfn = at; pfn < at + len && pfn < span; pfn++)
			hole[pfn] = 1;
	}
	for (pfn = 0; pfn < span;) {
		unsigned long stop = pfn + 1;

		if (hole[pfn]) {
			pfn++;
			continue;
		}
		while (stop < span && !hole[stop] && (stop - pfn) % (cut * 8))
			stop++;
		must(h_add_range(h, start + pfn, start + stop));
		pfn = stop;
	}
	free(hole);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct input in = { data, size };
	struct hzone h;
	int ops;

	shape_zone(&h, &in);
	must(h_check(&h));
	for (ops = 0; ops < MAX_OPS && in.size; ops++) {
		unsigned int op = byte(&in), arg = byte(&in);
		unsigned long r = (unsigned long)(op << 8 | arg) * 2654435761UL;

		switch (op % 16) {
		case 0 ... 5:
			must(h_alloc(&h, arg % MAX_ORDER));
			break;
		case 6 ... 9:
			must(h_free(&h, arg, r));
			break;
		case 10 ... 11:
			must(h_bad_free(&h, arg, r));
			break;
		case 12: {
			/* More frames to the allocator; some may be in use already. */
			unsigned long span = h.end - h.start;
			unsigned long s = h.start + arg * span / 256;
			unsigned long e = s + 1 + (op >> 4) * 8;

			capture_begin();	/* reports are expected */
			must(h_add_range(&h, s, e < h.end ? e : h.end));
			capture_end();
			break;
		}
		case 13:
			must(h_free_all(&h));
			break;
		default:
			must(h_alloc(&h, arg % 3));
			break;
		}
		must(h_check(&h));
	}
	must(h_free_all(&h));
	must(h_check(&h));
	h_exit(&h);
	memmap_exit();
	return 0;
}
