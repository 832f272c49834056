/*
 * libFuzzer target for mm/vmlist.c: the input bytes are a program of
 * inserts (size, alignment) and removes over a small range; the list's
 * invariants are checked after every operation.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include "linux/vmalloc.h"

#define SLOTS 64

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct vm_struct pool[SLOTS];
	bool used[SLOTS] = { false };
	struct vm_list list = { NULL, 0xf8800000UL, 0xf8800000UL + 512 * 4096UL };

	for (size_t i = 0; i + 1 < size; i += 2) {
		int slot = data[i] % SLOTS;

		if (!used[slot]) {
			unsigned long pages = 1 + (data[i + 1] & 0x3f);
			unsigned long align = 4096UL << ((data[i + 1] >> 6) & 3);

			if (vmlist_insert(&list, &pool[slot], pages * 4096UL, align) == 0) {
				used[slot] = true;
				if (pool[slot].addr % align)
					abort();
			}
		} else {
			if (vmlist_remove(&list, pool[slot].addr) != &pool[slot])
				abort();
			used[slot] = false;
		}
		if (vmlist_check(&list))
			abort();
	}
	return 0;
}
