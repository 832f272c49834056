/*
 * libFuzzer target for fs/binfmt_elf.c: the input is the executable. Whatever
 * elf_parse() accepts must be safe to load: segments inside the file and
 * user space, none sharing a page, the entry point executable.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include "asm/page.h"
#include "linux/compiler.h"
#include "linux/elf.h"
#include "linux/errno.h"

static void check(const struct elf_image *e, size_t size)
{
	bool entry_ok = false;

	if (e->nr_segments < 1 || e->nr_segments > ELF_MAX_SEGMENTS || e->brk_start % 4096)
		abort();
	for (int i = 0; i < e->nr_segments; i++) {
		const struct elf_segment *s = &e->segments[i];

		if (s->vaddr < ELF_MIN_VADDR || s->vaddr + s->memsz > TASK_SIZE || s->filesz > s->memsz ||
		    s->offset + s->filesz > size || s->vaddr % 4096 != s->offset % 4096 ||
		    s->vaddr + s->memsz > e->brk_start)
			abort();
		for (int j = 0; j < i; j++) {
			const struct elf_segment *t = &e->segments[j];

			if (ALIGN_DOWN(s->vaddr, 4096) < ALIGN_UP(t->vaddr + t->memsz, 4096) &&
			    ALIGN_DOWN(t->vaddr, 4096) < ALIGN_UP(s->vaddr + s->memsz, 4096))
				abort();
		}
		if ((s->flags & PF_X) && e->entry >= s->vaddr && e->entry < s->vaddr + s->memsz)
			entry_ok = true;
	}
	if (!entry_ok)
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct elf_image e;
	int ret = elf_parse(data, size, &e);

	if (ret == 0)
		check(&e, size);
	else if (ret != -ENOEXEC)
		abort();
	return 0;
}
