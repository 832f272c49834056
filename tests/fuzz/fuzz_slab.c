/*
 * libFuzzer target for the slab allocator: the input picks the caches'
 * shapes and a sequence of operations (tests/host/slab_harness.c), with
 * every invariant checked after each; at the end every page must be back.
 * Any disagreement aborts, so the fuzzer keeps the input.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "../host/slab_harness.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct harness h;
	static bool ready;
	uint32_t seed = 0, r[2];
	int bad = 0;

	if (!ready) {
		kmem_cache_init();
		ready = true;
	}
	if (size >= 4) {
		memcpy(&seed, data, 4);
		data += 4, size -= 4;
	}
	h_init(&h, seed);
	for (; size >= sizeof(r) && !bad; data += sizeof(r), size -= sizeof(r)) {
		memcpy(r, data, sizeof(r));
		bad += h_step(&h, r[0], r[1]);
	}
	bad += h_finish(&h);
	if (bad)
		abort();
	return 0;
}
