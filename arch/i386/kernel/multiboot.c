/*
 * Copy what the boot loader left in memory into boot_params, first thing
 * in start_kernel, before any allocator can reuse those pages. Only the
 * first BOOT_MAPPED_BYTES are mapped this early; the loaders we support
 * put their structures in low memory, and we check rather than assume.
 */
#include "asm/multiboot.h"
#include "asm/page.h"
#include "linux/bug.h"
#include "linux/string.h"

struct boot_params boot_params;

static const void *early_phys(uint32_t phys, uint32_t len)
{
	if ((uint64_t)phys + len > BOOT_MAPPED_BYTES)
		panic("multiboot: structure at %#x+%#x lies outside the boot mapping",
		      phys, len);
	return __va(phys);
}

static void note_range(uint32_t start, uint32_t size, const char *name)
{
	if (boot_params.nr_ranges < BOOT_RANGES_MAX)
		boot_params.ranges[boot_params.nr_ranges++] = (struct boot_range){ start, size, name };
}

/* Returns the string's full length (more than size - 1: it was cut). */
static uint32_t copy_string(char *dst, size_t size, uint32_t phys, const char *what)
{
	const char *s = early_phys(phys, 1);
	uint32_t len = (uint32_t)strlen(s);

	strlcpy(dst, s, size);
	note_range(phys, len + 1, what);
	return len;
}

static void save_mmap(const struct multiboot_info *mbi)
{
	uint32_t off = 0;

	note_range(mbi->mmap_addr, mbi->mmap_length, "multiboot memory map");
	while (off + sizeof(struct multiboot_mmap_entry) <= mbi->mmap_length) {
		const struct multiboot_mmap_entry *e =
			early_phys(mbi->mmap_addr + off, sizeof(*e));
		struct boot_mmap_entry *out;

		if (boot_params.nr_mmap == BOOT_MMAP_MAX) {
			boot_params.nr_mmap_dropped++;
			off += e->size + 4;
			continue;
		}
		out = &boot_params.mmap[boot_params.nr_mmap++];

		out->addr = e->addr;
		out->len = e->len;
		out->type = e->type;
		off += e->size + 4;
	}
}

static void save_modules(const struct multiboot_info *mbi)
{
	const struct multiboot_module *m =
		early_phys(mbi->mods_addr, mbi->mods_count * sizeof(*m));

	note_range(mbi->mods_addr, mbi->mods_count * sizeof(*m), "multiboot module list");
	if (mbi->mods_count > BOOT_MODS_MAX)
		boot_params.nr_mods_dropped = (int)(mbi->mods_count - BOOT_MODS_MAX);
	for (uint32_t i = 0; i < mbi->mods_count && i < BOOT_MODS_MAX; i++) {
		struct boot_module *out = &boot_params.mods[boot_params.nr_mods++];

		out->start = m[i].mod_start;
		out->end = m[i].mod_end;
		if (m[i].string)
			copy_string(out->name, sizeof(out->name), m[i].string, "multiboot module name");
	}
}

void save_multiboot_info(uint32_t magic, uint32_t info_phys)
{
	const struct multiboot_info *mbi;

	if (magic != MULTIBOOT_BOOTLOADER_MAGIC)
		panic("not booted by a Multiboot loader (eax=%#x)", magic);
	mbi = early_phys(info_phys, sizeof(*mbi));
	boot_params.flags = mbi->flags;
	note_range(info_phys, sizeof(*mbi), "multiboot info");
	if (mbi->flags & MULTIBOOT_INFO_MEMORY) {
		boot_params.mem_lower_kb = mbi->mem_lower;
		boot_params.mem_upper_kb = mbi->mem_upper;
	}
	if (mbi->flags & MULTIBOOT_INFO_CMDLINE)
		boot_params.cmdline_len = copy_string(boot_params.cmdline, sizeof(boot_params.cmdline),
						      mbi->cmdline, "multiboot command line");
	if (mbi->flags & MULTIBOOT_INFO_LOADER)
		copy_string(boot_params.loader, sizeof(boot_params.loader), mbi->boot_loader_name,
			    "boot loader name");
	if (mbi->flags & MULTIBOOT_INFO_MEM_MAP)
		save_mmap(mbi);
	if (mbi->flags & MULTIBOOT_INFO_MODS)
		save_modules(mbi);
}
