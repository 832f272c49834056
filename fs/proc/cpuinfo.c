/*
 * /proc/cpuinfo (Linux's arch/x86/kernel/cpu/proc.c show_cpuinfo, for
 * one CPU): read from CPUID now, Linux's rows in its order; the clock as
 * tsc_init measured it at boot. What Pagoda does not measure (caches,
 * bugs) prints as Linux does when it does not know.
 */
#include <stdint.h>
#include "asm/irq.h"
#include "asm/tsc.h"
#include "linux/printk.h"
#include "linux/string.h"
#include "internal.h"

static void cpuid(uint32_t leaf, uint32_t r[4])
{
	__asm__ volatile("cpuid" : "=a"(r[0]), "=b"(r[1]), "=c"(r[2]), "=d"(r[3]) : "a"(leaf), "c"(0));
}

/* CPUID.1:EDX bit names, as Linux's x86_cap_flags spells them ("" = not printed). */
static const char *const edx_flags[32] = {
	"fpu", "vme", "de", "pse", "tsc", "msr", "pae", "mce", "cx8", "apic", "", "sep", "mtrr", "pge",
	"mca", "cmov", "pat", "pse36", "pn", "clflush", "", "dts", "acpi", "mmx", "fxsr", "sse", "sse2",
	"ss", "ht", "tm", "ia64", "pbe",
};
/* CPUID.1:ECX, the first few (Linux names bit 0 "pni"). */
static const char *const ecx_flags[32] = {
	"pni", "pclmulqdq", "dtes64", "monitor", "ds_cpl", "vmx", "smx", "est", "tm2", "ssse3", "cid", "sdbg",
	"fma", "cx16", "xtpr", "pdcm", "", "pcid", "dca", "sse4_1", "sse4_2", "x2apic", "movbe", "popcnt",
	"tsc_deadline_timer", "aes", "xsave", "", "avx", "f16c", "rdrand", "hypervisor",
};

int cpuinfo_show(struct seq_file *m, void *v)
{
	uint32_t r[4], max, vendor[4] = { 0 }, brand[13] = { 0 };
	unsigned int family, model, stepping;

	(void)v;
	cpuid(0, r);
	max = r[0];
	vendor[0] = r[1];
	vendor[1] = r[3];
	vendor[2] = r[2];
	cpuid(1, r);
	family = (r[0] >> 8) & 0xf;
	model = (r[0] >> 4) & 0xf;
	stepping = r[0] & 0xf;
	if (family == 0xf)
		family += (r[0] >> 20) & 0xff;
	if (family >= 6)
		model += ((r[0] >> 16) & 0xf) << 4;
	cpuid(0x80000000, brand);
	if (brand[0] >= 0x80000004) {
		cpuid(0x80000002, brand);
		cpuid(0x80000003, brand + 4);
		cpuid(0x80000004, brand + 8);
	} else {
		brand[0] = 0;
	}
	seq_printf(m, "processor\t: 0\nvendor_id\t: %s\ncpu family\t: %u\nmodel\t\t: %u\n", (char *)vendor,
		   family, model);
	seq_printf(m, "model name\t: %s\nstepping\t: %u\n", brand[0] ? (char *)brand : "unknown", stepping);
	/* not measured here: the microcode revision, the caches; one core, one thread */
	seq_printf(m, "microcode\t: 0x0\ncpu MHz\t\t: %u.%03u\ncache size\t: 0 KB\n", cpu_khz / 1000, cpu_khz % 1000);
	seq_puts(m, "physical id\t: 0\nsiblings\t: 1\ncore id\t\t: 0\ncpu cores\t: 1\napicid\t\t: 0\n"
		 "initial apicid\t: 0\n");
	seq_puts(m, "fdiv_bug\t: no\nf00f_bug\t: no\ncoma_bug\t: no\n");
	seq_printf(m, "fpu\t\t: yes\nfpu_exception\t: yes\ncpuid level\t: %u\nwp\t\t: yes\nflags\t\t:", max);
	for (int i = 0; i < 32; i++)
		if ((r[3] >> i) & 1 && edx_flags[i][0])
			seq_printf(m, " %s", edx_flags[i]);
	for (int i = 0; i < 32; i++)
		if ((r[2] >> i) & 1 && ecx_flags[i][0])
			seq_printf(m, " %s", ecx_flags[i]);
	seq_printf(m, "\nbugs\t\t:\nbogomips\t: %lu.%02lu\nclflush size\t: %u\ncache_alignment\t: %u\n",
		   loops_per_jiffy / (500000 / HZ), loops_per_jiffy / (5000 / HZ) % 100,
		   ((r[1] >> 8) & 0xff) * 8, ((r[1] >> 8) & 0xff) * 8);
	seq_puts(m, "address sizes\t: 32 bits physical, 32 bits virtual\npower management:\n\n");
	return 0;
}
