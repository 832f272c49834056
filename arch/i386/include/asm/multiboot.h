/*
 * Linux's boot protocol is in <asm/bootparam.h>; Pagoda boots by Multiboot, so its structures sit beside it.
 *
 * What the boot loader hands us (Multiboot specification 0.6.96), and the
 * copy of it the kernel keeps: the loader's own structures live in memory
 * the page allocator will later give away.
 */
#ifndef PAGODA_MULTIBOOT_H
#define PAGODA_MULTIBOOT_H

#include <stdint.h>

#define MULTIBOOT_BOOTLOADER_MAGIC 0x2BADB002

#define MULTIBOOT_INFO_MEMORY   (1 << 0)
#define MULTIBOOT_INFO_CMDLINE  (1 << 2)
#define MULTIBOOT_INFO_MODS     (1 << 3)
#define MULTIBOOT_INFO_MEM_MAP  (1 << 6)
#define MULTIBOOT_INFO_LOADER   (1 << 9)

struct multiboot_info {
	uint32_t flags;
	uint32_t mem_lower, mem_upper;  /* KiB below 1 MiB, KiB above 1 MiB */
	uint32_t boot_device;
	uint32_t cmdline;
	uint32_t mods_count, mods_addr;
	uint32_t syms[4];
	uint32_t mmap_length, mmap_addr;
	uint32_t drives_length, drives_addr;
	uint32_t config_table;
	uint32_t boot_loader_name;
} __attribute__((packed));

/* 'size' does not count itself: the next entry is at +size+4. */
struct multiboot_mmap_entry {
	uint32_t size;
	uint64_t addr, len;
	uint32_t type;
} __attribute__((packed));

#define MULTIBOOT_MEMORY_AVAILABLE 1

struct multiboot_module {
	uint32_t mod_start, mod_end, string, reserved;
} __attribute__((packed));

/* The kernel's saved copy. */
#define BOOT_CMDLINE_MAX  2048      /* Linux's COMMAND_LINE_SIZE on x86 */
#define BOOT_MMAP_MAX     64
#define BOOT_MODS_MAX     8

struct boot_mmap_entry {
	uint64_t addr, len;
	uint32_t type;
};

struct boot_module {
	uint32_t start, end;    /* physical, end exclusive */
	char name[64];
};

/* Where the loader's own structures were: reserved until boot is over. */
struct boot_range {
	uint32_t start, size;
	const char *name;
};

#define BOOT_RANGES_MAX 8

struct boot_params {
	uint32_t flags;
	uint32_t mem_lower_kb, mem_upper_kb;
	int nr_ranges;
	struct boot_range ranges[BOOT_RANGES_MAX];
	char cmdline[BOOT_CMDLINE_MAX];
	uint32_t cmdline_len;           /* the loader's length: more than we kept if it was cut */
	char loader[64];
	int nr_mmap, nr_mmap_dropped;   /* dropped: entries past BOOT_MMAP_MAX */
	struct boot_mmap_entry mmap[BOOT_MMAP_MAX];
	int nr_mods, nr_mods_dropped;
	struct boot_module mods[BOOT_MODS_MAX];
};

extern struct boot_params boot_params;

void save_multiboot_info(uint32_t magic, uint32_t info_phys);

#endif
