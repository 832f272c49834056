/*
 * /proc's formats against Linux 6.1's: for each file, the names of its
 * fields in order (the text before the colon, or the first word of each
 * line), and the number of fields of the one-line files, compared with
 * what Debian's Linux 6.1 i386 printed (proc_linux61.h). Values differ
 * between the machines and are not compared here (proc_test.c checks
 * them against Pagoda's own counters).
 */
#include "kunit/test.h"
#include "linux/printk.h"
#include "linux/string.h"
#include "proc_linux61.h"
#include "proc_test.h"

enum name_kind {
	UPTO_COLON,     /* "MemTotal:   1 kB" -> "MemTotal:" */
	FIRST_WORD,     /* "nr_free_pages 3" -> "nr_free_pages" */
};

/* The name of the line at *p, into name; *p moves to the next line. */
static void line_name(const char **p, enum name_kind kind, char *name, size_t size)
{
	const char *s = *p, *e;
	size_t n;

	if (kind == FIRST_WORD)
		while (*s == ' ')
			s++;
	e = s;
	if (kind == UPTO_COLON) {
		while (*e && *e != '\n' && *e != ':')
			e++;
		if (*e == ':')
			e++;
	} else {
		while (*e && *e != '\n' && *e != ' ')
			e++;
	}
	n = (size_t)(e - s) < size - 1 ? (size_t)(e - s) : size - 1;
	memcpy(name, s, n);
	name[n] = '\0';
	e = strchr(*p, '\n');
	*p = e ? e + 1 : *p + strlen(*p);
}

/* Every line's name in order, Pagoda's text against Linux's; the first difference fails the case. */
static void compare_names(struct ktest *t, const char *file, const char *ours, const char *linux61,
			  enum name_kind kind)
{
	char a[64], b[64];
	int line = 1;

	while (*ours && *linux61) {
		line_name(&ours, kind, a, sizeof(a));
		line_name(&linux61, kind, b, sizeof(b));
		if (strcmp(a, b) != 0) {
			KTEST_EXPECT_MSG(t, 0, "%s line %d: Pagoda's field is '%s', Linux 6.1's '%s'", file, line, a, b);
			return;
		}
		line++;
	}
	KTEST_EXPECT_MSG(t, !*ours && !*linux61, "%s: %s has more lines after line %d", file,
			 *ours ? "Pagoda" : "Linux 6.1", line - 1);
}

static void meminfo_fields(struct ktest *t)
{
	compare_names(t, "meminfo", proc_read_all(t, "meminfo"), linux61_meminfo, UPTO_COLON);
}

static void vmstat_fields(struct ktest *t)
{
	compare_names(t, "vmstat", proc_read_all(t, "vmstat"), linux61_vmstat, FIRST_WORD);
}

/* The first zone (DMA on both: populated, so with the per-node stats) up to its start_pfn line. */
static void zoneinfo_fields(struct ktest *t)
{
	char *s = (char *)proc_read_all(t, "zoneinfo"), *end = strchr(strchr(s, '\n') + 1, 'N');

	while (end && end[-1] != '\n')
		end = strchr(end + 1, 'N');     /* the next "Node 0, zone" line */
	KTEST_ASSERT_TRUE(t, end != NULL);
	*end = '\0';
	compare_names(t, "zoneinfo", s, linux61_zoneinfo, FIRST_WORD);
}

static void stat_fields(struct ktest *t)
{
	const char *s = proc_read_all(t, "stat");

	compare_names(t, "stat", s, linux61_stat, FIRST_WORD);
	/* cpu lines: the name and ten times; intr: the sum and one count per IRQ Linux has; softirq: 1 + 10 */
	KTEST_EXPECT_EQ(t, count_fields(s), count_fields(linux61_stat));
	KTEST_EXPECT_EQ(t, count_fields(proc_field(s, "intr")), count_fields(proc_field(linux61_stat, "intr")));
	KTEST_EXPECT_EQ(t, count_fields(proc_field(s, "softirq")),
			count_fields(proc_field(linux61_stat, "softirq")));
}

static void cpuinfo_fields(struct ktest *t)
{
	compare_names(t, "cpuinfo", proc_read_all(t, "cpuinfo"), linux61_cpuinfo, UPTO_COLON);
}

/* Linux 6.1's first two lines of /proc/slabinfo, as it printed them. */
static const char slabinfo_head[] = "slabinfo - version: 2.1\n# name            <active_objs> <num_objs> "
	"<objsize> <objperslab> <pagesperslab> : tunables <limit> <batchcount> <sharedfactor> : slabdata "
	"<active_slabs> <num_slabs> <sharedavail>\n";

static void one_line_files(struct ktest *t)
{
	KTEST_EXPECT_EQ(t, count_fields(proc_read_all(t, "loadavg")), count_fields(linux61_loadavg));
	KTEST_EXPECT_EQ(t, count_fields(proc_read_all(t, "uptime")), count_fields(linux61_uptime));
	/* buddyinfo: "Node 0, zone NAME" and one count per order (MAX_ORDER 11 on both) */
	KTEST_EXPECT_EQ(t, count_fields(proc_read_all(t, "buddyinfo")), count_fields(linux61_buddyinfo));
	KTEST_EXPECT_EQ(t, strncmp(proc_read_all(t, "slabinfo"), slabinfo_head, sizeof(slabinfo_head) - 1), 0);
}

static void pid_files_fields(struct ktest *t)
{
	unsigned long anon, other;
	struct task_struct *p = proc_make_task(t, &anon, &other);
	char *s, *next;

	compare_names(t, "PID/status", proc_read_all(t, "31999/status"), linux61_pid_status, UPTO_COLON);
	KTEST_EXPECT_EQ(t, count_fields(proc_read_all(t, "31999/stat")), count_fields(linux61_pid_stat));
	KTEST_EXPECT_EQ(t, count_fields(proc_read_all(t, "31999/statm")), count_fields(linux61_pid_statm));
	/* smaps: one VMA's rows after its maps line */
	s = (char *)proc_read_all(t, "31999/smaps");
	s = strchr(s, '\n') + 1;
	next = (char *)proc_field(s, "VmFlags:");
	KTEST_ASSERT_TRUE(t, next != NULL);
	*strchr(next, '\n') = '\0';
	compare_names(t, "PID/smaps", s, strchr(linux61_smaps_vma, '\n') + 1, UPTO_COLON);
	proc_drop_task(p);
}

static struct ktest_case proc_format_cases[] = {
	KTEST_CASE(meminfo_fields),
	KTEST_CASE(vmstat_fields),
	KTEST_CASE(zoneinfo_fields),
	KTEST_CASE(stat_fields),
	KTEST_CASE(cpuinfo_fields),
	KTEST_CASE(one_line_files),
	KTEST_CASE(pid_files_fields),
	{}
};
KTEST_SUITE(proc_format, proc_format_cases);
