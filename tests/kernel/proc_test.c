/*
 * /proc through the calls the VFS makes (proc_open, the file's f_op,
 * proc_getattr, proc_readlink): every file is opened, its text taken from
 * the open file, and its numbers checked against the kernel's own
 * counters -- free pages, zone watermarks, the buddy lists, slab caches,
 * vmalloc areas, event counters, and for a process (a task made here,
 * with an mm mapped and faulted through handle_mm_fault) its VMAs, RSS,
 * command line and environment. No page may be lost by an open/close.
 */
#include "asm/irq.h"
#include "kunit/test.h"
#include "linux/earlycpio.h"
#include "linux/errno.h"
#include "linux/fs.h"
#include "linux/highmem.h"
#include "linux/memory.h"
#include "linux/mman.h"
#include "linux/mm.h"
#include "linux/page_alloc.h"
#include "linux/printk.h"
#include "linux/proc_fs.h"
#include "linux/sched.h"
#include "linux/seq_file.h"
#include "linux/signal.h"
#include "linux/slab.h"
#include "linux/slab_def.h"
#include "linux/string.h"
#include "linux/time.h"
#include "linux/vma.h"
#include "linux/vmalloc.h"
#include "linux/vmstat.h"
#include "proc_test.h"

#define K(pages) ((pages) << (PAGE_SHIFT - 10))
#define TEST_PID PROC_TEST_PID  /* below PID_MAX_DEFAULT, far above what the tests fork */

char proc_text_buf[PROC_TEXT_MAX];

struct file *proc_open_text(struct ktest *t, const char *path)
{
	int err = 0;
	struct file *f = proc_open(path, 0, &err);
	struct seq_file *m;

	KTEST_ASSERT_TRUE(t, f != NULL);
	KTEST_ASSERT_TRUE(t, f->f_op && f->f_op->read && f->f_op->llseek && f->f_op->release);
	m = f->private_data;
	KTEST_ASSERT_TRUE(t, m->count < sizeof(proc_text_buf));
	/* a seq_file's size is not known: lseek(SEEK_END) is -EINVAL, as Linux's seq_lseek */
	KTEST_EXPECT_EQ(t, f->f_op->llseek(f, 0, 2), -EINVAL);
	memcpy(proc_text_buf, m->buf, m->count);
	proc_text_buf[m->count] = '\0';
	return f;
}

void proc_close(struct file *f)
{
	f->f_op->release(NULL, f);
	fput(f);
}

const char *proc_read_all(struct ktest *t, const char *path)
{
	proc_close(proc_open_text(t, path));
	return proc_text_buf;
}

static const char *skip_blanks(const char *p)
{
	while (*p == ' ' || *p == '\t' || *p == ':')
		p++;
	return p;
}

int count_fields(const char *s)
{
	int n = 0;

	while (*s && *s != '\n') {
		n++;
		if (*s == '(') {
			s = strchr(s, ')');
			if (!s)
				return n;
		}
		while (*s && *s != ' ' && *s != '\n')
			s++;
		while (*s == ' ')
			s++;
	}
	return n;
}

unsigned long nth_field(const char *s, int n)
{
	for (int i = 1; i < n && *s; i++) {
		if (*s == '(')
			s = strchr(s, ')');
		while (*s && *s != ' ')
			s++;
		while (*s == ' ')
			s++;
	}
	return simple_strtoul(s, NULL, 10);
}

const char *proc_field(const char *text, const char *name)
{
	size_t n = strlen(name);

	for (const char *line = text; line && *line; line = strchr(line, '\n') ? strchr(line, '\n') + 1 : NULL)
		if (strncmp(line, name, n) == 0)
			return line + n;
	return NULL;
}

unsigned long proc_value(struct ktest *t, const char *text, const char *name)
{
	const char *p = proc_field(text, name);

	KTEST_ASSERT_TRUE(t, p != NULL);
	return simple_strtoul(skip_blanks(p), NULL, 10);
}

static unsigned long free_before;

static void begin(void)
{
	kmem_cache_shrink_all();
	free_before = nr_free_pages_with_pcp();
}

static void end(struct ktest *t)
{
	kmem_cache_shrink_all();
	KTEST_EXPECT_EQ(t, nr_free_pages_with_pcp(), free_before);
}

/* MemFree is what nr_free_pages() says right after the open (the text's buffer is taken first). */
static void meminfo_matches_the_allocator(struct ktest *t)
{
	const char *s;
	unsigned long free;

	begin();
	s = proc_read_all(t, "meminfo");
	free = nr_free_pages();
	KTEST_EXPECT_EQ(t, proc_value(t, s, "MemTotal:"), K(totalram_pages));
	KTEST_EXPECT_EQ(t, proc_value(t, s, "HighTotal:"), K(totalhigh_pages));
	KTEST_EXPECT_EQ(t, proc_value(t, s, "LowTotal:"), K(totalram_pages - totalhigh_pages));
	/* the buffer proc_read_all freed went back after MemFree was printed */
	KTEST_EXPECT_LE(t, proc_value(t, s, "MemFree:"), K(free));
	KTEST_EXPECT_EQ(t, proc_value(t, s, "HighFree:") + proc_value(t, s, "LowFree:"),
			proc_value(t, s, "MemFree:"));
	KTEST_EXPECT_LE(t, proc_value(t, s, "MemAvailable:"), proc_value(t, s, "MemFree:"));
	KTEST_EXPECT_EQ(t, proc_value(t, s, "Slab:"), K(slab_total_pages()));
	KTEST_EXPECT_EQ(t, proc_value(t, s, "VmallocTotal:"), (VMALLOC_END - VMALLOC_START) >> 10);
	end(t);
}

/* The exact free count: open, compare before anything else allocates, close. */
static void meminfo_memfree_is_exact(struct ktest *t)
{
	int err;
	struct file *f;
	struct seq_file *m;
	unsigned long free;
	char *p;

	begin();
	f = proc_open("meminfo", 0, &err);
	free = nr_free_pages();
	KTEST_ASSERT_TRUE(t, f != NULL);
	m = f->private_data;
	memcpy(proc_text_buf, m->buf, m->count);
	proc_text_buf[m->count] = '\0';
	f->f_op->release(NULL, f);
	fput(f);
	p = (char *)proc_field(proc_text_buf, "MemFree:");
	KTEST_ASSERT_TRUE(t, p != NULL);
	KTEST_EXPECT_EQ(t, simple_strtoul(skip_blanks(p), NULL, 10), K(free));
	end(t);
}

static void vmstat_matches_the_counters(struct ktest *t)
{
	unsigned long before = vm_events[PGALLOC_DMA] + vm_events[PGALLOC_NORMAL] + vm_events[PGALLOC_HIGH];
	unsigned long freed = vm_events[PGFREE];
	struct page *page;
	const char *s;

	begin();
	page = alloc_pages(GFP_KERNEL, 2);
	KTEST_ASSERT_TRUE(t, page != NULL);
	KTEST_EXPECT_EQ(t, vm_events[PGALLOC_DMA] + vm_events[PGALLOC_NORMAL] + vm_events[PGALLOC_HIGH],
			before + 4);
	__free_pages(page, 2);
	KTEST_EXPECT_EQ(t, vm_events[PGFREE], freed + 4);
	s = proc_read_all(t, "vmstat");
	/* the read's own buffer was allocated before the text: the counters then are the ones printed */
	KTEST_EXPECT_EQ(t, proc_value(t, s, "pgfault "), vm_events[PGFAULT]);
	KTEST_EXPECT_EQ(t, proc_value(t, s, "pgmajfault "), vm_events[PGMAJFAULT]);
	KTEST_EXPECT_EQ(t, proc_value(t, s, "pgalloc_dma "), vm_events[PGALLOC_DMA]);
	KTEST_EXPECT_EQ(t, proc_value(t, s, "pgalloc_normal "), vm_events[PGALLOC_NORMAL]);
	KTEST_EXPECT_EQ(t, proc_value(t, s, "pgalloc_high "), vm_events[PGALLOC_HIGH]);
	/* pgfree also counts the buffer freed after the text was made */
	KTEST_EXPECT_LE(t, proc_value(t, s, "pgfree "), vm_events[PGFREE]);
	KTEST_EXPECT_GE(t, proc_value(t, s, "pgfree "), freed + 4);
	KTEST_EXPECT_LE(t, proc_value(t, s, "nr_free_pages "), nr_free_pages());
	end(t);
}

/* buddyinfo and zoneinfo: one row per populated zone, the free_area counts and watermarks. */
static void buddyinfo_and_zoneinfo_match_the_zones(struct ktest *t)
{
	const char *s;
	char head[40];

	struct file *f;

	begin();
	f = proc_open_text(t, "buddyinfo");
	s = proc_text_buf;
	for (int z = 0; z < MAX_NR_ZONES; z++) {
		const char *p;

		snprintf(head, sizeof(head), "Node 0, zone %8s ", zones[z].name);
		p = proc_field(s, head);
		KTEST_EXPECT_EQ(t, p != NULL, populated_zone(&zones[z]));
		for (int o = 0; p && o < MAX_ORDER; o++) {
			char *e;

			/* the file is still open: its buffer was taken before the text was made */
			KTEST_EXPECT_EQ(t, simple_strtoul(skip_blanks(p), &e, 10), zones[z].free_area[o].nr_free);
			p = e;
		}
	}
	proc_close(f);
	s = proc_read_all(t, "zoneinfo");
	for (int z = 0; z < MAX_NR_ZONES; z++) {
		const char *p;

		snprintf(head, sizeof(head), "Node 0, zone %8s\n", zones[z].name);
		p = proc_field(s, head);
		KTEST_ASSERT_TRUE(t, p != NULL);
		KTEST_EXPECT_EQ(t, proc_value(t, p, "        min"), min_wmark_pages(&zones[z]));
		KTEST_EXPECT_EQ(t, proc_value(t, p, "        low"), low_wmark_pages(&zones[z]));
		KTEST_EXPECT_EQ(t, proc_value(t, p, "        high"), high_wmark_pages(&zones[z]));
		KTEST_EXPECT_EQ(t, proc_value(t, p, "        spanned"), zones[z].spanned_pages);
		KTEST_EXPECT_EQ(t, proc_value(t, p, "        present"), zones[z].present_pages);
		KTEST_EXPECT_EQ(t, proc_value(t, p, "        managed"), zones[z].managed_pages);
	}
	end(t);
}

static void slabinfo_lists_every_cache(struct ktest *t)
{
	const struct kmem_cache *c;
	const char *s;
	int rows = 0, caches = 0;

	begin();
	s = proc_read_all(t, "slabinfo");
	KTEST_EXPECT_TRUE(t, strncmp(s, "slabinfo - version: 2.1\n", 24) == 0);
	for (const char *p = s; (p = strchr(p, '\n')) != NULL && p[1]; p++)
		rows++;
	list_for_each_entry(c, &cache_chain, next)
		caches++;
	KTEST_EXPECT_EQ(t, rows - 1, caches);   /* less the "# name" line */
	KTEST_EXPECT_TRUE(t, proc_field(s, "kmem_cache ") != NULL);
	end(t);
}

/* One line per vmalloc area, each "0xSTART-0xEND SIZE ..." with SIZE = END - START. */
static void vmallocinfo_lists_every_area(struct ktest *t)
{
	void *p;
	const char *s;
	char want[24];

	begin();
	p = vmalloc(3 * PAGE_SIZE);
	KTEST_ASSERT_TRUE(t, p != NULL);
	s = proc_read_all(t, "vmallocinfo");
	snprintf(want, sizeof(want), "0x%p-", p);
	KTEST_EXPECT_TRUE(t, proc_field(s, want) != NULL);
	/* "0xEND" then the size in 8 columns: three pages and the guard page */
	KTEST_EXPECT_TRUE(t, strncmp(proc_field(s, want) + 10, "   16384 ", 9) == 0);
	vfree(p);
	s = proc_read_all(t, "vmallocinfo");
	/* gone (the next read's buffer may take the same address, with its own size) */
	KTEST_EXPECT_TRUE(t, !proc_field(s, want) || strncmp(proc_field(s, want) + 10, "   16384 ", 9) != 0);
	end(t);
}

static void uptime_loadavg_and_stat(struct ktest *t)
{
	const char *s;
	unsigned long saved[3], secs;
	char *e;

	begin();
	s = proc_read_all(t, "uptime");
	secs = simple_strtoul(s, &e, 10);
	KTEST_EXPECT_LE(t, secs, (unsigned long)(ktime_get_ns() / NSEC_PER_SEC));
	KTEST_EXPECT_GE(t, secs + 1, (unsigned long)(ktime_get_ns() / NSEC_PER_SEC));
	KTEST_EXPECT_TRUE(t, e[0] == '.' && e[3] == ' ');
	/* loadavg prints avenrun to the hundredth, rounded */
	memcpy(saved, avenrun, sizeof(saved));
	avenrun[0] = FIXED_1 * 3 / 2;
	avenrun[1] = FIXED_1 / 4;
	avenrun[2] = 2 * FIXED_1;
	s = proc_read_all(t, "loadavg");
	memcpy(avenrun, saved, sizeof(saved));
	snprintf(proc_text_buf + 2048, 64, "1.50 0.25 2.00 %u/", nr_running());
	KTEST_EXPECT_TRUE(t, strncmp(s, proc_text_buf + 2048, strlen(proc_text_buf + 2048)) == 0);
	s = proc_read_all(t, "stat");
	KTEST_EXPECT_TRUE(t, strncmp(s, "cpu  ", 5) == 0);
	KTEST_EXPECT_EQ(t, proc_value(t, s, "ctxt"), nr_context_switches);
	KTEST_EXPECT_EQ(t, proc_value(t, s, "processes"), total_forks);
	KTEST_EXPECT_EQ(t, proc_value(t, s, "procs_running"), nr_running());
	secs = (unsigned long)((ktime_get_real_ns() - ktime_get_ns()) / NSEC_PER_SEC);
	KTEST_EXPECT_LE(t, proc_value(t, s, "btime"), secs + 1);
	KTEST_EXPECT_GE(t, proc_value(t, s, "btime") + 1, secs);
	end(t);
}

/* ---- a process of our own: a task on the task list with an mm ---- */

static const char test_args[] = "/bin/prog\0-v\0arg two";        /* three strings, NULs between */
static const char test_env[] = "HOME=/\0TERM=linux";

struct task_struct *proc_make_task(struct ktest *t, unsigned long *anon, unsigned long *file_addr)
{
	struct task_struct *p = kzalloc(sizeof(*p), GFP_KERNEL);
	struct mm_struct *mm;
	unsigned long stack;
	char *k;

	KTEST_ASSERT_TRUE(t, p != NULL);
	mm = mm_alloc();
	KTEST_ASSERT_TRUE(t, mm != NULL);
	p->mm = mm;
	p->pid = p->tgid = TEST_PID;
	p->pgid = p->sid = TEST_PID;
	p->state = TASK_INTERRUPTIBLE;
	p->real_parent = p->parent = &init_task;
	strlcpy(p->comm, "proctest", sizeof(p->comm));
	strlcpy(p->exe_path, "/tests/proctest", sizeof(p->exe_path));
	INIT_LIST_HEAD(&p->children);
	INIT_LIST_HEAD(&p->run_list);
	*anon = do_mmap(mm, NULL, 0, 8 * PAGE_SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, 0);
	KTEST_ASSERT_TRUE(t, !IS_ERR_VALUE(*anon));
	*file_addr = do_mmap(mm, NULL, 0, PAGE_SIZE, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, 0);
	KTEST_ASSERT_TRUE(t, !IS_ERR_VALUE(*file_addr));
	/* three pages written, one read (the zero page: not resident) */
	for (int i = 0; i < 3; i++)
		KTEST_ASSERT_EQ(t, handle_mm_fault(mm, find_vma(mm, *anon + i * PAGE_SIZE), *anon + i * PAGE_SIZE,
						   FAULT_FLAG_WRITE) & VM_FAULT_ERROR, 0);
	KTEST_ASSERT_EQ(t, handle_mm_fault(mm, find_vma(mm, *anon + 5 * PAGE_SIZE), *anon + 5 * PAGE_SIZE, 0) &
			   VM_FAULT_ERROR, 0);
	/* the arguments and environment, at the start of the first page as execve would leave them */
	stack = *anon;
	k = kmap_atomic(pfn_to_page(pte_pfn(*user_pte_lookup(mm, stack))));
	memcpy(k, test_args, sizeof(test_args));
	memcpy(k + 256, test_env, sizeof(test_env));
	kunmap_atomic(k);
	mm->arg_start = stack;
	mm->arg_end = stack + sizeof(test_args);
	mm->env_start = stack + 256;
	mm->env_end = stack + 256 + sizeof(test_env);
	list_add_tail(&p->tasks, &init_task.tasks);
	return p;
}

void proc_drop_task(struct task_struct *p)
{
	list_del(&p->tasks);
	mmput(p->mm);
	kfree(p);
}

static void pid_files_match_the_mm(struct ktest *t)
{
	unsigned long anon, other, lines = 0, rss_kb = 0;
	struct task_struct *p;
	const char *s;
	char want[64];

	begin();
	p = proc_make_task(t, &anon, &other);
	KTEST_EXPECT_EQ(t, get_mm_rss(p->mm), 3UL);
	/* maps: one line per VMA, in order */
	s = proc_read_all(t, "31999/maps");
	for (const struct vm_area_struct *v = p->mm->mmap; v; v = v->vm_next) {
		snprintf(want, sizeof(want), "%08lx-%08lx %c%c", v->vm_start, v->vm_end,
			 v->vm_flags & VM_READ ? 'r' : '-', v->vm_flags & VM_WRITE ? 'w' : '-');
		KTEST_EXPECT_TRUE(t, strncmp(s, want, strlen(want)) == 0);
		s = strchr(s, '\n');
		KTEST_ASSERT_TRUE(t, s != NULL);
		s++;
		lines++;
	}
	KTEST_EXPECT_EQ(t, *s, '\0');
	KTEST_EXPECT_EQ(t, lines, (unsigned long)p->mm->map_count);
	/* smaps: the Rss rows add up to the mm's rss; the anonymous VMA has 12 kB, all private dirty */
	s = proc_read_all(t, "31999/smaps");
	for (const char *q = s; (q = proc_field(q, "Rss:")) != NULL;)
		rss_kb += simple_strtoul(skip_blanks(q), NULL, 10);
	KTEST_EXPECT_EQ(t, rss_kb, K(get_mm_rss(p->mm)));
	snprintf(want, sizeof(want), "%08lx-", anon);
	KTEST_ASSERT_TRUE(t, proc_field(s, want) != NULL);
	KTEST_EXPECT_EQ(t, proc_value(t, proc_field(s, want), "Rss:"), 12UL);
	KTEST_EXPECT_EQ(t, proc_value(t, proc_field(s, want), "Pss:"), 12UL);
	KTEST_EXPECT_EQ(t, proc_value(t, proc_field(s, want), "Anonymous:"), 12UL);
	KTEST_EXPECT_EQ(t, proc_value(t, proc_field(s, want), "Size:"), 32UL);
	/* one handler, one ignored signal: SigCgt and SigIgn in status, sigcatch and sigignore in stat */
	p->action[SIGUSR1 - 1].sa.sa_handler = (__sighandler_t)0x8048000;
	p->action[SIGPIPE - 1].sa.sa_handler = SIG_IGN;
	/* status */
	s = proc_read_all(t, "31999/status");
	KTEST_EXPECT_TRUE(t, proc_field(s, "SigCgt:\t0000000000000200\n") != NULL);
	KTEST_EXPECT_TRUE(t, proc_field(s, "SigIgn:\t0000000000001000\n") != NULL);
	KTEST_EXPECT_TRUE(t, strncmp(s, "Name:\tproctest\n", 15) == 0);
	KTEST_EXPECT_EQ(t, proc_value(t, s, "Pid:"), (unsigned long)TEST_PID);
	KTEST_EXPECT_EQ(t, proc_value(t, s, "PPid:"), 0UL);
	KTEST_EXPECT_EQ(t, proc_value(t, s, "VmRSS:"), K(get_mm_rss(p->mm)));
	KTEST_EXPECT_EQ(t, proc_value(t, s, "RssAnon:"), K(get_mm_rss(p->mm)));
	KTEST_EXPECT_EQ(t, proc_value(t, s, "VmSize:"), K(p->mm->total_vm));
	KTEST_EXPECT_EQ(t, proc_value(t, s, "VmData:"), 32UL);
	KTEST_EXPECT_TRUE(t, proc_field(s, "State:\tS (sleeping)\n") != NULL);
	/* statm: size resident shared text lib data dt, in pages */
	s = proc_read_all(t, "31999/statm");
	snprintf(want, sizeof(want), "%lu %lu 0 0 0 8 0\n", p->mm->total_vm, get_mm_rss(p->mm));
	KTEST_EXPECT_STREQ(t, s, want);
	/* stat: the 52 fields; 24th is the RSS in pages */
	s = proc_read_all(t, "31999/stat");
	snprintf(want, sizeof(want), "%d (proctest) S 0 %d %d 0 -1 0 ", TEST_PID, TEST_PID, TEST_PID);
	KTEST_EXPECT_TRUE(t, strncmp(s, want, strlen(want)) == 0);
	KTEST_EXPECT_EQ(t, count_fields(s), 52);
	KTEST_EXPECT_EQ(t, nth_field(s, 24), get_mm_rss(p->mm));
	KTEST_EXPECT_EQ(t, nth_field(s, 23), p->mm->total_vm * PAGE_SIZE);
	KTEST_EXPECT_EQ(t, nth_field(s, 33), 1UL << (SIGPIPE - 1));      /* sigignore */
	KTEST_EXPECT_EQ(t, nth_field(s, 34), 1UL << (SIGUSR1 - 1));      /* sigcatch */
	proc_drop_task(p);
	end(t);
}

static void pid_cmdline_environ_comm_exe(struct ktest *t)
{
	unsigned long anon, other;
	struct task_struct *p;
	int err;
	struct file *f;
	struct seq_file *m;
	char link[64];

	begin();
	p = proc_make_task(t, &anon, &other);
	f = proc_open("31999/cmdline", 0, &err);
	KTEST_ASSERT_TRUE(t, f != NULL);
	m = f->private_data;
	KTEST_EXPECT_EQ(t, m->count, sizeof(test_args));
	KTEST_EXPECT_TRUE(t, memcmp(m->buf, test_args, sizeof(test_args)) == 0);
	f->f_op->release(NULL, f);
	fput(f);
	f = proc_open("31999/environ", 0, &err);
	KTEST_ASSERT_TRUE(t, f != NULL);
	m = f->private_data;
	KTEST_EXPECT_EQ(t, m->count, sizeof(test_env));
	KTEST_EXPECT_TRUE(t, memcmp(m->buf, test_env, sizeof(test_env)) == 0);
	f->f_op->release(NULL, f);
	fput(f);
	KTEST_EXPECT_STREQ(t, proc_read_all(t, "31999/comm"), "proctest\n");
	KTEST_EXPECT_EQ(t, proc_readlink("31999/exe", link, sizeof(link)), 15);
	KTEST_EXPECT_TRUE(t, memcmp(link, "/tests/proctest", 15) == 0);
	KTEST_EXPECT_EQ(t, proc_readlink("31999/exe", link, 4), 4);       /* cut, as readlink(2) */
	KTEST_EXPECT_EQ(t, proc_readlink("31999/maps", link, sizeof(link)), -EINVAL);
	proc_drop_task(p);
	KTEST_EXPECT_EQ(t, proc_readlink("31999/exe", link, sizeof(link)), -ENOENT);
	end(t);
}

/* getdents: collect names through iterate_shared, a few at a time (the actor says when it is full). */
struct listing {
	struct dir_context ctx;
	char names[2048];
	int len, room;
};

static bool collect(struct dir_context *ctx, const char *name, int namelen, long long off, unsigned long ino,
		    unsigned int type)
{
	struct listing *l = (struct listing *)ctx;

	(void)off;
	(void)ino;
	(void)type;
	if (l->room-- == 0 || l->len + namelen + 2 > (int)sizeof(l->names))
		return false;
	memcpy(l->names + l->len, name, (size_t)namelen);
	l->len += namelen;
	l->names[l->len++] = ' ';
	l->names[l->len] = '\0';
	return true;
}

static void list_dir(struct ktest *t, const char *path, struct listing *l)
{
	int err;
	struct file *f = proc_open(path, 0, &err);

	KTEST_ASSERT_TRUE(t, f != NULL);
	KTEST_ASSERT_TRUE(t, f->f_op->iterate_shared != NULL);
	memset(l, 0, sizeof(*l));
	l->ctx.actor = collect;
	for (int rounds = 0; rounds < 100; rounds++) {
		long long before = l->ctx.pos;

		l->room = 3;    /* three entries per getdents call */
		KTEST_EXPECT_EQ(t, f->f_op->iterate_shared(f, &l->ctx), 0);
		if (l->ctx.pos == before)
			break;
	}
	f->f_op->release(NULL, f);
	fput(f);
}

static void directories_list_entries_and_pids(struct ktest *t)
{
	static struct listing l;
	unsigned long anon, other;
	struct task_struct *p;

	begin();
	p = proc_make_task(t, &anon, &other);
	list_dir(t, "", &l);
	{
		static const char fixed[] = ". .. buddyinfo cpuinfo filesystems loadavg meminfo mounts partitions self slabinfo stat swaps "
					    "sys uptime vmallocinfo vmstat zoneinfo ";
		const char *pids = l.names + sizeof(fixed) - 1;

		KTEST_EXPECT_TRUE(t, strncmp(l.names, fixed, sizeof(fixed) - 1) == 0);
		/* then the PIDs of the live tasks, ascending: ours is the largest */
		KTEST_EXPECT_TRUE(t, strlen(pids) >= 6 && strcmp(pids + strlen(pids) - 6, "31999 ") == 0);
	}
	list_dir(t, "sys", &l);
	KTEST_EXPECT_STREQ(t, l.names, ". .. vm ");
	list_dir(t, "sys/vm", &l);
	KTEST_EXPECT_STREQ(t, l.names, ". .. admin_reserve_kbytes dirty_background_ratio dirty_expire_centisecs dirty_ratio "
			   "dirty_writeback_centisecs drop_caches min_free_kbytes oom_dump_tasks overcommit_kbytes "
			   "overcommit_memory overcommit_ratio panic_on_oom swappiness user_reserve_kbytes ");
	list_dir(t, "31999", &l);
	KTEST_EXPECT_STREQ(t, l.names, ". .. task fd fdinfo environ status limits comm cmdline stat statm maps cwd root exe mounts mountinfo smaps "
			   "oom_score oom_adj oom_score_adj ");
	proc_drop_task(p);
	end(t);
}

static void getattr_and_errors(struct ktest *t)
{
	struct kstat st;
	int err = 0;
	unsigned long anon, other;
	struct task_struct *p;
	struct file *f;

	begin();
	KTEST_EXPECT_EQ(t, proc_getattr("", &st), 0);
	KTEST_EXPECT_EQ(t, st.mode, S_IFDIR | 0555);
	KTEST_EXPECT_EQ(t, proc_getattr("meminfo", &st), 0);
	KTEST_EXPECT_EQ(t, st.mode, S_IFREG | 0444);
	KTEST_EXPECT_EQ(t, st.size, 0);
	KTEST_EXPECT_EQ(t, proc_getattr("self", &st), 0);
	KTEST_EXPECT_EQ(t, st.mode, S_IFLNK | 0777);
	KTEST_EXPECT_EQ(t, proc_getattr("nothing", &st), -ENOENT);
	KTEST_EXPECT_EQ(t, proc_getattr("meminfo/x", &st), -ENOTDIR);
	KTEST_EXPECT_EQ(t, proc_getattr("31999", &st), -ENOENT);
	p = proc_make_task(t, &anon, &other);
	KTEST_EXPECT_EQ(t, proc_getattr("31999", &st), 0);
	KTEST_EXPECT_EQ(t, st.mode, S_IFDIR | 0555);
	KTEST_EXPECT_EQ(t, proc_getattr("31999/maps", &st), 0);
	KTEST_EXPECT_EQ(t, proc_getattr("//31999//maps/", &st), 0);
	KTEST_EXPECT_EQ(t, proc_getattr("31999/nothing", &st), -ENOENT);
	KTEST_EXPECT_EQ(t, proc_getattr("31999/maps/x", &st), -ENOTDIR);
	KTEST_EXPECT_EQ(t, proc_getattr("031999", &st), -ENOENT);
	/* the boot thread runs the tests: PID 0 has no directory, so self leads nowhere */
	KTEST_EXPECT_EQ(t, proc_readlink("self", (char *)&st, 8), -ENOENT);
	KTEST_EXPECT_EQ(t, proc_getattr("self/maps", &st), -ENOENT);
	f = proc_open("meminfo", 1, &err);     /* O_WRONLY: root may; the write is -EIO, as on Linux */
	KTEST_ASSERT_TRUE(t, f != NULL);
	KTEST_EXPECT_EQ(t, f->f_op->write(f, "x", 1, &f->pos), -EIO);
	proc_close(f);
	KTEST_EXPECT_TRUE(t, proc_open("", 2, &err) == NULL);              /* O_RDWR on a directory */
	KTEST_EXPECT_EQ(t, err, -EISDIR);
	KTEST_EXPECT_TRUE(t, proc_open("nothing", 0, &err) == NULL);
	KTEST_EXPECT_EQ(t, err, -ENOENT);
	proc_drop_task(p);
	KTEST_EXPECT_EQ(t, proc_getattr("31999/maps", &st), -ENOENT);
	end(t);
}

/* read() copies to a user buffer: a kernel address is -EFAULT; past the end is 0; llseek moves within. */
static void read_and_llseek(struct ktest *t)
{
	int err;
	struct file *f;
	long long pos = 0;
	char kbuf[8];

	begin();
	f = proc_open("uptime", 0, &err);
	KTEST_ASSERT_TRUE(t, f != NULL);
	KTEST_EXPECT_EQ(t, f->f_op->read(f, kbuf, sizeof(kbuf), &pos), -EFAULT);
	KTEST_EXPECT_EQ(t, pos, 0);
	pos = 1 << 20;
	KTEST_EXPECT_EQ(t, f->f_op->read(f, kbuf, sizeof(kbuf), &pos), 0);
	KTEST_EXPECT_EQ(t, f->f_op->llseek(f, 3, 0), 3);
	KTEST_EXPECT_EQ(t, f->f_op->llseek(f, 2, 1), 5);
	KTEST_EXPECT_EQ(t, f->f_op->llseek(f, -1, 0), -EINVAL);
	KTEST_EXPECT_EQ(t, f->f_op->llseek(f, 0, 7), -EINVAL);
	f->f_op->release(NULL, f);
	fput(f);
	end(t);
}

/* A text larger than the first buffer (smaps of many VMAs) comes whole: the open retried. */
static void a_long_file_is_whole(struct ktest *t)
{
	unsigned long anon, other, vmas = 0;
	struct task_struct *p;
	const char *s;

	begin();
	p = proc_make_task(t, &anon, &other);
	for (int i = 0; i < 40; i++) {
		unsigned long a = do_mmap(p->mm, NULL, 0, PAGE_SIZE, i & 1 ? PROT_READ : PROT_READ | PROT_WRITE,
					  MAP_PRIVATE | MAP_ANONYMOUS, 0);

		KTEST_ASSERT_TRUE(t, !IS_ERR_VALUE(a));
	}
	s = proc_read_all(t, "31999/smaps");
	KTEST_EXPECT_GT(t, strlen(s), 4096UL * 4);
	for (const char *q = s; (q = proc_field(q, "VmFlags:")) != NULL;)
		vmas++;
	KTEST_EXPECT_EQ(t, vmas, (unsigned long)p->mm->map_count);
	proc_drop_task(p);
	end(t);
}

static struct ktest_case proc_cases[] = {
	KTEST_CASE(meminfo_matches_the_allocator),
	KTEST_CASE(meminfo_memfree_is_exact),
	KTEST_CASE(vmstat_matches_the_counters),
	KTEST_CASE(buddyinfo_and_zoneinfo_match_the_zones),
	KTEST_CASE(slabinfo_lists_every_cache),
	KTEST_CASE(vmallocinfo_lists_every_area),
	KTEST_CASE(uptime_loadavg_and_stat),
	KTEST_CASE(pid_files_match_the_mm),
	KTEST_CASE(pid_cmdline_environ_comm_exe),
	KTEST_CASE(directories_list_entries_and_pids),
	KTEST_CASE(getattr_and_errors),
	KTEST_CASE(read_and_llseek),
	KTEST_CASE(a_long_file_is_whole),
	{}
};
KTEST_SUITE(proc, proc_cases);
