/*
 * fs/binfmt_elf.c against real binaries compiled at test time with the i386
 * cross compiler: a -nostdlib program, a static glibc program (if
 * libc6-dev-i386-cross is installed), and the kinds we must refuse:
 * static-pie, dynamic, the host's own x86_64 /bin/true. What elf_parse()
 * reports is checked against i686-linux-gnu-readelf. Then headers are
 * broken one field at a time (each must be refused with the right reason)
 * and byte by byte (refused, or accepted and still sane; ASan watches
 * for reads outside the exact-size buffer).
 */
#include <stdlib.h>
#include <string.h>
#include "asm/page.h"
#include "capture.h"
#include "linux/elf.h"
#include "linux/errno.h"
#include "tap.h"

static char dir[] = "/tmp/pagoda-elf-XXXXXX";

static const char tiny_c[] =
	"void _start(void)\n"
	"{\n"
	"	__asm__ volatile(\"movl $1, %eax; xorl %ebx, %ebx; int $0x80\");\n"
	"}\n";

/* .data, .bss and a TLS variable: glibc's static layout in full. */
static const char hello_c[] =
	"#include <stdio.h>\n"
	"int counter = 5;\n"
	"char buffer[100000];\n"
	"__thread int per_thread = 1;\n"
	"int main(void) { printf(\"hello %d %d\\n\", counter, per_thread); return buffer[0]; }\n";

/* Compile source into dir/name with the i386 cross compiler; flags as given. */
static bool build(const char *name, const char *source, const char *flags)
{
	char path[256], cmd[768];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s.c", dir, name);
	f = fopen(path, "w");
	if (!f)
		return false;
	fputs(source, f);
	fclose(f);
	snprintf(cmd, sizeof(cmd), "i686-linux-gnu-gcc %s -O2 -o %s/%s %s", flags, dir, name, path);
	return system(cmd) == 0;
}

/* The whole file in a buffer of exactly its size. */
static unsigned char *slurp(const char *path, size_t *size)
{
	unsigned char *buf;
	FILE *f = fopen(path, "rb");
	long n;

	if (!f)
		return NULL;
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	rewind(f);
	buf = malloc(n);
	if (fread(buf, 1, n, f) != (size_t)n) {
		free(buf);
		buf = NULL;
	}
	fclose(f);
	*size = n;
	return buf;
}

static unsigned char *load(const char *name, size_t *size)
{
	char path[256];

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	return slurp(path, size);
}

/* --- what readelf says ------------------------------------------------- */

struct readelf {
	unsigned long entry, phoff, phdr_vaddr;
	int phnum, nload;
	struct elf_segment load[ELF_MAX_SEGMENTS];
};

static bool readelf(const char *name, struct readelf *r)
{
	char cmd[300], line[512];
	bool have_phdr = false;
	FILE *p;

	memset(r, 0, sizeof(*r));
	snprintf(cmd, sizeof(cmd), "i686-linux-gnu-readelf -lhW %s/%s", dir, name);
	p = popen(cmd, "r");
	if (!p)
		return false;
	while (fgets(line, sizeof(line), p)) {
		unsigned long off, va, pa, fs, ms;
		char type[32], *s;
		int n;

		if ((s = __builtin_strstr(line, "Entry point address:")))
			r->entry = strtoul(s + 20, NULL, 0);
		else if ((s = __builtin_strstr(line, "Start of program headers:")))
			r->phoff = strtoul(s + 25, NULL, 0);
		else if ((s = __builtin_strstr(line, "Number of program headers:")))
			r->phnum = strtol(s + 26, NULL, 0);
		else if (sscanf(line, " %31s %lx %lx %lx %lx %lx%n", type, &off, &va, &pa, &fs, &ms, &n) == 6) {
			char *align = __builtin_strstr(line + n, "0x");

			if (strcmp(type, "PHDR") == 0) {
				r->phdr_vaddr = va;
				have_phdr = true;
			}
			if (strcmp(type, "LOAD") != 0 || r->nload == ELF_MAX_SEGMENTS || !align)
				continue;
			*align = '\0';	/* what is left between memsz and align are the flags */
			r->load[r->nload++] = (struct elf_segment){
				.vaddr = va, .memsz = ms, .offset = off, .filesz = fs,
				.flags = (strchr(line + n, 'R') ? PF_R : 0) | (strchr(line + n, 'W') ? PF_W : 0) |
					 (strchr(line + n, 'E') ? PF_X : 0),
			};
		}
	}
	/* no PHDR line: the headers are where the LOAD holding e_phoff puts them */
	for (int i = 0; !have_phdr && i < r->nload; i++) {
		if (r->load[i].offset <= r->phoff &&
		    r->phoff + 32UL * r->phnum <= r->load[i].offset + r->load[i].filesz) {
			r->phdr_vaddr = r->load[i].vaddr + r->phoff - r->load[i].offset;
			have_phdr = true;
		}
	}
	return pclose(p) == 0 && r->nload > 0;
}

/* --- what must hold of any image elf_parse() accepts -------------------- */

static const char *insane(const struct elf_image *e, size_t size)
{
	unsigned long top = 0;
	bool entry_ok = false;

	if (e->nr_segments < 1 || e->nr_segments > ELF_MAX_SEGMENTS || e->phentsize != 32 || e->phnum < 1)
		return "counts";
	for (int i = 0; i < e->nr_segments; i++) {
		const struct elf_segment *s = &e->segments[i];

		if (s->vaddr < 0x1000 || s->vaddr + s->memsz > TASK_SIZE || s->filesz > s->memsz ||
		    s->offset + s->filesz > size || s->vaddr % 4096 != s->offset % 4096)
			return "a segment outside the file or user space";
		for (int j = 0; j < i; j++) {
			const struct elf_segment *t = &e->segments[j];

			if (ALIGN_DOWN(s->vaddr, 4096) < ALIGN_UP(t->vaddr + t->memsz, 4096) &&
			    ALIGN_DOWN(t->vaddr, 4096) < ALIGN_UP(s->vaddr + s->memsz, 4096))
				return "two segments share a page";
		}
		if ((s->flags & PF_X) && e->entry >= s->vaddr && e->entry < s->vaddr + s->memsz)
			entry_ok = true;
		top = max(top, s->vaddr + s->memsz);
	}
	if (!entry_ok)
		return "entry outside an executable segment";
	if (e->brk_start % 4096 || e->brk_start < top || e->brk_start - top >= 4096)
		return "brk_start is not the page above the highest segment";
	if (e->end_code > e->end_data || e->end_data > e->brk_start)
		return "end_code <= end_data <= brk_start";
	return NULL;
}

static int parse_quietly(const void *image, size_t size, struct elf_image *e, char *msg, size_t len)
{
	int ret;

	capture_begin();
	ret = elf_parse(image, size, e);
	capture_end(msg, len);
	return ret;
}

/* --- real binaries ----------------------------------------------------- */

static void check_accepted(const char *name)
{
	struct elf_image e;
	struct readelf r;
	unsigned char *img;
	unsigned long top = 0, end_code = 0;
	const char *why;
	bool same = true;
	char msg[512];
	size_t size;
	int ret;

	img = load(name, &size);
	if (!ok(img && readelf(name, &r), "%s: built, and readelf lists its LOADs", name))
		return;
	ret = parse_quietly(img, size, &e, msg, sizeof(msg));
	if (!ok(ret == 0, "%s: elf_parse accepts it", name)) {
		printf("# ret %d: %s", ret, msg);
		free(img);
		return;
	}
	ok(e.entry == r.entry && e.phnum == (unsigned int)r.phnum && e.phentsize == 32,
	   "%s: entry %#lx and phnum %u as readelf says", name, e.entry, e.phnum);
	same = e.nr_segments == r.nload;
	for (int i = 0; same && i < r.nload; i++) {
		const struct elf_segment *a = &e.segments[i], *b = &r.load[i];

		same = a->vaddr == b->vaddr && a->memsz == b->memsz && a->offset == b->offset &&
		       a->filesz == b->filesz && a->flags == b->flags;
		top = max(top, b->vaddr + b->memsz);
		if (b->flags & PF_X)
			end_code = max(end_code, b->vaddr + b->filesz);
	}
	ok(same, "%s: the %d PT_LOADs match readelf's (vaddr, memsz, offset, filesz, flags)", name, r.nload);
	ok(e.phdr_vaddr == r.phdr_vaddr && e.phdr_vaddr != 0, "%s: phdr_vaddr %#lx (AT_PHDR)", name, e.phdr_vaddr);
	ok(e.brk_start == ALIGN_UP(top, 4096) && e.end_code == end_code,
	   "%s: brk_start %#lx, end_code %#lx", name, e.brk_start, e.end_code);
	why = insane(&e, size);
	ok(!why, "%s: the result is sane%s%s", name, why ? ": " : "", why ? why : "");

	/* the same image one byte off alignment, as it might sit in an archive */
	{
		unsigned char *odd = malloc(size + 1);
		struct elf_image e2;

		memcpy(odd + 1, img, size);
		ret = parse_quietly(odd + 1, size, &e2, msg, sizeof(msg));
		ok(ret == 0 && memcmp(&e, &e2, sizeof(e)) == 0, "%s: parses the same at an odd address", name);
		free(odd);
	}
	free(img);
}

static void check_refused(const char *name, const char *path, const char *needle)
{
	struct elf_image e;
	unsigned char *img;
	char msg[512];
	size_t size;
	int ret;

	img = path ? slurp(path, &size) : load(name, &size);
	if (!ok(img != NULL, "%s: built", name))
		return;
	ret = parse_quietly(img, size, &e, msg, sizeof(msg));
	ok(ret == -ENOEXEC && __builtin_strstr(msg, needle), "%s: refused, saying \"%s\"", name, needle);
	if (ret != -ENOEXEC || !__builtin_strstr(msg, needle))
		printf("# ret %d: %s\n", ret, msg);
	free(img);
}

/* --- one broken field at a time --------------------------------------- */

static unsigned char *base;	/* the -nostdlib program */
static size_t base_size;

static Elf32_Ehdr *ehdr(unsigned char *img)
{
	return (Elf32_Ehdr *)img;	/* malloc's alignment suffices */
}

static Elf32_Phdr *phdr(unsigned char *img, int i)
{
	return (Elf32_Phdr *)(img + ehdr(img)->e_phoff) + i;
}

/* Index of the first program header of that type (and with those flags set). */
static int find_phdr(unsigned char *img, unsigned int type, unsigned int flags)
{
	for (int i = 0; i < ehdr(img)->e_phnum; i++)
		if (phdr(img, i)->p_type == type && (phdr(img, i)->p_flags & flags) == flags)
			return i;
	return 0;
}

typedef void (*breaker)(unsigned char *img);

/* Parse an exact-size copy of the first size bytes of img; it must be refused with needle in the message. */
static void expect_refused_image(const unsigned char *img, size_t size, const char *needle, const char *what)
{
	unsigned char *copy = malloc(size ? size : 1);
	struct elf_image e;
	char msg[512];
	int ret;

	memcpy(copy, img, size);
	ret = parse_quietly(copy, size, &e, msg, sizeof(msg));
	ok(ret == -ENOEXEC && __builtin_strstr(msg, needle), "refused: %s", what);
	if (ret != -ENOEXEC || !__builtin_strstr(msg, needle))
		printf("# ret %d, want \"%s\", got: %s\n", ret, needle, msg);
	free(copy);
}

static void expect_refused(breaker fn, const char *needle, const char *what)
{
	unsigned char *img = malloc(base_size);

	memcpy(img, base, base_size);
	fn(img);
	expect_refused_image(img, base_size, needle, what);
	free(img);
}

#define TEXT(img) phdr(img, find_phdr(img, PT_LOAD, PF_X))
#define FIRST_LOAD(img) phdr(img, find_phdr(img, PT_LOAD, 0))

static void b_magic(unsigned char *img)     { img[1] = 'e'; }
static void b_class64(unsigned char *img)   { img[EI_CLASS] = ELFCLASS64; }
static void b_class0(unsigned char *img)    { img[EI_CLASS] = 0; }
static void b_bigend(unsigned char *img)    { img[EI_DATA] = 2; }
static void b_version(unsigned char *img)   { ehdr(img)->e_version = 2; }
static void b_machine(unsigned char *img)   { ehdr(img)->e_machine = 62; }
static void b_dyn(unsigned char *img)       { ehdr(img)->e_type = ET_DYN; }
static void b_rel(unsigned char *img)       { ehdr(img)->e_type = 1; }
static void b_phentsize(unsigned char *img) { ehdr(img)->e_phentsize = 56; }
static void b_phnum0(unsigned char *img)    { ehdr(img)->e_phnum = 0; }
static void b_phnum65(unsigned char *img)   { ehdr(img)->e_phnum = 65; }
static void b_phoff_end(unsigned char *img) { ehdr(img)->e_phoff = base_size - 16; }
static void b_phoff_huge(unsigned char *img) { ehdr(img)->e_phoff = 0xffffffe0; }
static void b_interp(unsigned char *img)    { phdr(img, find_phdr(img, PT_GNU_STACK, 0))->p_type = PT_INTERP; }
static void b_filesz(unsigned char *img)    { TEXT(img)->p_filesz = TEXT(img)->p_memsz + 1; }
static void b_offset(unsigned char *img)    { TEXT(img)->p_offset = 0xfffff000; }
static void b_misalign(unsigned char *img)  { TEXT(img)->p_vaddr += 1; }
static void b_null(unsigned char *img)      { FIRST_LOAD(img)->p_vaddr = 0; }
static void b_kernel(unsigned char *img)
{
	TEXT(img)->p_vaddr = 0xbffff000 + TEXT(img)->p_offset % 4096;
	TEXT(img)->p_memsz = 0x2000;
	ehdr(img)->e_entry = TEXT(img)->p_vaddr;
}
static void b_wrap(unsigned char *img)
{
	TEXT(img)->p_vaddr = 0xfffff000 + TEXT(img)->p_offset % 4096;
	TEXT(img)->p_memsz = 0x2000;
}
static void b_overlap(unsigned char *img)
{
	Elf32_Phdr *first = FIRST_LOAD(img), *text = TEXT(img);

	text->p_vaddr = first->p_vaddr + text->p_offset % 4096;
}
static void b_entry_ro(unsigned char *img)  { ehdr(img)->e_entry = FIRST_LOAD(img)->p_vaddr; }
static void b_entry_0(unsigned char *img)   { ehdr(img)->e_entry = 0; }
static void b_entry_end(unsigned char *img) { ehdr(img)->e_entry = TEXT(img)->p_vaddr + TEXT(img)->p_memsz; }
static void b_no_load(unsigned char *img)
{
	for (int i = 0; i < ehdr(img)->e_phnum; i++)
		if (phdr(img, i)->p_type == PT_LOAD)
			phdr(img, i)->p_type = PT_NOTE;
}

static void check_broken_fields(void)
{
	expect_refused(b_magic, "bad magic", "bad magic");
	expect_refused(b_class64, "64-bit", "ELFCLASS64");
	expect_refused(b_class0, "not a 32-bit", "EI_CLASS 0");
	expect_refused(b_bigend, "little-endian", "big-endian");
	expect_refused(b_version, "version", "e_version 2");
	expect_refused(b_machine, "not i386", "e_machine EM_X86_64");
	expect_refused(b_dyn, "static-pie", "e_type ET_DYN");
	expect_refused(b_rel, "not an executable", "e_type ET_REL");
	expect_refused(b_phentsize, "e_phentsize", "e_phentsize 56");
	expect_refused(b_phnum0, "no program headers", "e_phnum 0");
	expect_refused(b_phnum65, "more than 64", "e_phnum 65");
	expect_refused(b_phoff_end, "outside the file", "program headers running off the end");
	expect_refused(b_phoff_huge, "outside the file", "e_phoff 0xffffffe0");
	expect_refused_image(base, sizeof(Elf32_Ehdr) - 1, "shorter than an ELF header", "51 bytes");
	expect_refused_image(base, ehdr(base)->e_phoff + 40, "outside the file",
			     "the file cut inside the program headers");
	expect_refused(b_interp, "PT_INTERP", "a PT_INTERP");
	expect_refused(b_filesz, "filesz > memsz", "filesz > memsz");
	expect_refused(b_offset, "outside the file", "p_offset 0xfffff000 (wraps in 32 bits)");
	expect_refused_image(base, TEXT(base)->p_offset + TEXT(base)->p_filesz - 1, "outside the file",
			     "the file cut inside the text");
	expect_refused(b_misalign, "modulo the page size", "vaddr 1 byte off the offset's page position");
	expect_refused(b_null, "below 0x1000", "a segment at address 0");
	expect_refused(b_kernel, "TASK_SIZE", "a segment crossing 0xc0000000");
	expect_refused(b_wrap, "TASK_SIZE", "a segment wrapping past 4 GiB");
	expect_refused(b_overlap, "overlaps", "two segments on one page");
	expect_refused(b_entry_ro, "entry point", "entry in a read-only segment");
	expect_refused(b_entry_0, "entry point", "entry 0");
	expect_refused(b_entry_end, "entry point", "entry just past the text");
	expect_refused(b_no_load, "no PT_LOAD", "no PT_LOAD at all");
}

/* --- hand-made images: segment counts and page sharing ----------------- */

struct synth {
	Elf32_Ehdr eh;
	Elf32_Phdr ph[20];
};

/* n one-page text segments, one page apart, starting at 0x10000; no file data. */
static void synth(struct synth *s, int n)
{
	memset(s, 0, sizeof(*s));
	memcpy(s->eh.e_ident, ELFMAG, SELFMAG);
	s->eh.e_ident[EI_CLASS] = ELFCLASS32;
	s->eh.e_ident[EI_DATA] = ELFDATA2LSB;
	s->eh.e_ident[EI_VERSION] = EV_CURRENT;
	s->eh.e_type = ET_EXEC;
	s->eh.e_machine = EM_386;
	s->eh.e_version = EV_CURRENT;
	s->eh.e_entry = 0x10000;
	s->eh.e_phoff = sizeof(Elf32_Ehdr);
	s->eh.e_phentsize = sizeof(Elf32_Phdr);
	s->eh.e_phnum = n;
	for (int i = 0; i < n; i++)
		s->ph[i] = (Elf32_Phdr){ .p_type = PT_LOAD, .p_vaddr = 0x10000 + 0x2000 * i,
					 .p_memsz = 0x1000, .p_flags = PF_R | PF_X, .p_align = 0x1000 };
}

static int parse_synth(struct synth *s, char *msg, size_t len, struct elf_image *e)
{
	size_t size = sizeof(s->eh) + s->eh.e_phnum * sizeof(Elf32_Phdr);
	unsigned char *img = malloc(size);
	int ret;

	memcpy(img, s, size);
	ret = parse_quietly(img, size, e, msg, len);
	free(img);
	return ret;
}

static void check_synthetic(void)
{
	struct synth s;
	struct elf_image e;
	char msg[512];
	int ret;

	synth(&s, 16);
	ret = parse_synth(&s, msg, sizeof(msg), &e);
	ok(ret == 0 && e.nr_segments == 16 && e.brk_start == 0x10000 + 0x2000 * 15 + 0x1000,
	   "16 PT_LOADs are accepted (brk_start %#lx)", e.brk_start);
	ok(ret == 0 && e.phdr_vaddr == 0, "headers in no segment: phdr_vaddr 0");

	synth(&s, 17);
	ret = parse_synth(&s, msg, sizeof(msg), &e);
	ok(ret == -ENOEXEC && __builtin_strstr(msg, "more than 16"), "17 PT_LOADs are refused");

	synth(&s, 17);
	s.ph[5].p_memsz = 0;
	ret = parse_synth(&s, msg, sizeof(msg), &e);
	ok(ret == 0 && e.nr_segments == 16, "an empty PT_LOAD maps nothing and is not counted");

	synth(&s, 2);
	s.ph[0].p_memsz = 0x40;
	s.ph[1].p_vaddr = 0x10040;
	s.ph[1].p_offset = 0x40;
	ret = parse_synth(&s, msg, sizeof(msg), &e);
	ok(ret == -ENOEXEC && __builtin_strstr(msg, "shares a page"),
	   "two segments sharing a page (but not a byte) are refused");

	synth(&s, 2);
	s.ph[1].p_type = PT_PHDR;
	s.ph[1].p_vaddr = 0x10034;
	ret = parse_synth(&s, msg, sizeof(msg), &e);
	ok(ret == 0 && e.phdr_vaddr == 0x10034 && e.nr_segments == 1, "PT_PHDR gives phdr_vaddr");
}

/* --- every byte of the headers, every length --------------------------- */

static void check_mutations(const char *name, unsigned char *img, size_t size)
{
	size_t headers = sizeof(Elf32_Ehdr) + ehdr(img)->e_phnum * sizeof(Elf32_Phdr);
	int accepted = 0, bad = 0, tries = 0;
	struct elf_image e;
	char msg[256];

	capture_begin();
	for (size_t i = 0; i < headers; i++) {
		const unsigned char orig = img[i];
		const unsigned char values[] = { 0, 0xff, orig ^ 1, orig ^ 0x10, orig ^ 0x80 };

		for (size_t v = 0; v < sizeof(values); v++) {
			int ret;

			img[i] = values[v];
			ret = elf_parse(img, size, &e);
			tries++;
			if (ret == 0 && !insane(&e, size))
				accepted++;
			else if (ret != -ENOEXEC)
				bad++;
		}
		img[i] = orig;
	}
	capture_end(msg, sizeof(msg));
	ok(bad == 0, "%s: %d header byte mutations: each refused, or accepted and sane (%d accepted)",
	   name, tries, accepted);
}

static void check_truncations(void)
{
	unsigned long need = 0;
	int bad = 0;
	struct elf_image e;
	char msg[256];

	for (int i = 0; i < ehdr(base)->e_phnum; i++)
		if (phdr(base, i)->p_type == PT_LOAD)
			need = max(need, (unsigned long)phdr(base, i)->p_offset + phdr(base, i)->p_filesz);
	capture_begin();
	for (size_t n = 0; n <= base_size; n++) {
		unsigned char *cut = malloc(n ? n : 1);
		int ret;

		memcpy(cut, base, n);
		ret = elf_parse(cut, n, &e);
		if (ret != (n >= need ? 0 : -ENOEXEC))
			bad++;
		free(cut);
	}
	capture_end(msg, sizeof(msg));
	ok(bad == 0, "tiny: each of its %zu prefixes is refused until the last segment's data is in (%d wrong)",
	   base_size + 1, bad);
}

int main(void)
{
	bool have_glibc = system("dpkg -s libc6-dev-i386-cross >/dev/null 2>&1") == 0;
	unsigned char *hello;
	size_t hello_size;
	char cmd[300];

	if (!ok(mkdtemp(dir) != NULL, "made %s", dir))
		return tap_done();
	ok(build("tiny", tiny_c, "-static -nostdlib"), "tiny: i686-linux-gnu-gcc -static -nostdlib");
	check_accepted("tiny");
	check_refused("x86_64 /bin/true", "/bin/true", "64-bit");
	base = load("tiny", &base_size);
	if (base) {
		check_broken_fields();
		check_mutations("tiny", base, base_size);
		check_truncations();
	}
	check_synthetic();

	if (have_glibc) {
		ok(build("hello", hello_c, "-static"), "hello: i686-linux-gnu-gcc -static (glibc)");
		check_accepted("hello");
		hello = load("hello", &hello_size);
		if (hello)
			check_mutations("hello", hello, hello_size);
		free(hello);
		ok(build("spie", hello_c, "-static-pie"), "spie: -static-pie");
		check_refused("spie", NULL, "static-pie");
		ok(build("dyn", hello_c, ""), "dyn: dynamic PIE (the default)");
		check_refused("dyn", NULL, "PT_INTERP");
		ok(build("dyn_nopie", hello_c, "-no-pie"), "dyn_nopie: dynamic ET_EXEC");
		check_refused("dyn_nopie", NULL, "PT_INTERP");
	} else {
		ok(false, "glibc programs: libc6-dev-i386-cross is not installed (make deps installs it)");
	}

	free(base);
	snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
	if (system(cmd) != 0)
		printf("# could not remove %s\n", dir);
	return tap_done();
}
