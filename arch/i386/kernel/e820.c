/*
 * The physical memory map: sanitising what the boot loader said, and the
 * small edits mem= needs. Pure algorithm: host-tested in tests/host.
 */
#include <stdbool.h>
#include "asm/e820.h"
#include "linux/printk.h"

struct e820_map e820;

const char *e820_type_name(uint32_t type)
{
	switch (type) {
	case E820_RAM:      return "usable";
	case E820_RESERVED: return "reserved";
	case E820_ACPI:     return "ACPI data";
	case E820_NVS:      return "ACPI NVS";
	case E820_UNUSABLE: return "unusable";
	default:            return "type?";
	}
}

void e820_add_region(struct e820_map *m, unsigned long long addr, unsigned long long size, uint32_t type)
{
	if (m->nr == E820_MAX) {
		printk(KERN_ERR "e820: too many entries; ignoring [mem %#llx-%#llx]\n",
		       addr, addr + size - 1);
		return;
	}
	m->map[m->nr].addr = addr;
	m->map[m->nr].size = size;
	m->map[m->nr].type = type;
	m->nr++;
}

/* A change point: where a range starts or ends. */
struct change_point {
	unsigned long long addr;
	int entry;
	bool start;
};

static void sort_points(struct change_point *p, int n)
{
	/* insertion sort: the map has at most E820_MAX entries */
	for (int i = 1; i < n; i++) {
		struct change_point key = p[i];
		int j = i - 1;

		/* at the same address, ends before starts: no zero-length pieces */
		while (j >= 0 && (p[j].addr > key.addr ||
				  (p[j].addr == key.addr && p[j].start && !key.start))) {
			p[j + 1] = p[j];
			j--;
		}
		p[j + 1] = key;
	}
}

void e820_sanitize(struct e820_map *m)
{
	static struct change_point points[2 * E820_MAX];
	static struct e820_entry in[E820_MAX];
	static int active[E820_MAX];
	int n = 0, nin = 0, nactive = 0;
	unsigned long long last_addr = 0;
	uint32_t last_type = 0;

	for (int i = 0; i < m->nr; i++) {
		struct e820_entry e = m->map[i];

		if (e.addr >= MAX_PHYS_ADDR || e.size == 0)
			continue;
		if (e.size > MAX_PHYS_ADDR - e.addr)       /* also catches wrap-around */
			e.size = MAX_PHYS_ADDR - e.addr;
		in[nin] = e;
		points[n++] = (struct change_point){ e.addr, nin, true };
		points[n++] = (struct change_point){ e.addr + e.size, nin, false };
		nin++;
	}
	sort_points(points, n);

	m->nr = 0;
	for (int i = 0; i < n; i++) {
		uint32_t type = 0;

		if (points[i].start) {
			active[nactive++] = points[i].entry;
		} else {
			for (int j = 0; j < nactive; j++)
				if (active[j] == points[i].entry) {
					active[j] = active[--nactive];
					break;
				}
		}
		if (i + 1 < n && points[i + 1].addr == points[i].addr)
			continue;       /* settle every change at this address first */
		for (int j = 0; j < nactive; j++)
			if (in[active[j]].type > type)
				type = in[active[j]].type;
		if (type == last_type)
			continue;
		if (last_type && points[i].addr > last_addr)
			e820_add_region(m, last_addr, points[i].addr - last_addr, last_type);
		last_addr = points[i].addr;
		last_type = type;
	}
}

void e820_remove_range(struct e820_map *m, unsigned long long addr, unsigned long long size, uint32_t old_type)
{
	unsigned long long end = addr + size;

	for (int i = 0; i < m->nr; i++) {
		struct e820_entry *e = &m->map[i];
		unsigned long long e_end = e->addr + e->size;

		if (e->type != old_type || e_end <= addr || e->addr >= end)
			continue;
		if (e->addr < addr && e_end > end) {    /* split in two */
			e->size = addr - e->addr;
			e820_add_region(m, end, e_end - end, old_type);
		} else if (e->addr < addr) {
			e->size = addr - e->addr;
		} else if (e_end > end) {
			e->size = e_end - end;
			e->addr = end;
		} else {
			e->size = 0;
		}
	}
	e820_sanitize(m);       /* drops the emptied entries, keeps the order */
}

unsigned long e820_end_of_ram_pfn(const struct e820_map *m)
{
	unsigned long long end = 0;

	for (int i = 0; i < m->nr; i++)
		if (m->map[i].type == E820_RAM && m->map[i].addr + m->map[i].size > end)
			end = m->map[i].addr + m->map[i].size;
	return (unsigned long)(end >> 12);
}

void e820_print_map(const struct e820_map *m, const char *who)
{
	for (int i = 0; i < m->nr; i++)
		printk(KERN_INFO "%s: [mem %#018llx-%#018llx] %s\n", who, m->map[i].addr,
		       m->map[i].addr + m->map[i].size - 1, e820_type_name(m->map[i].type));
}
