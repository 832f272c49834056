/*
 * Checking a static i386 ELF executable before exec trusts it. The file
 * comes from user space, so every offset and size is checked against the
 * buffer (in 64-bit arithmetic: 32-bit sums can wrap) and every segment
 * against user space. Nothing outside the ELF and program headers is read.
 * Pure parsing: host-tested and fuzzed in tests/.
 */
#include <stdbool.h>
#include "asm/page.h"
#include "linux/compiler.h"
#include "linux/elf.h"
#include "linux/errno.h"
#include "linux/printk.h"
#include "linux/string.h"

static int reject(const char *why)
{
	printk(KERN_ERR "elf: cannot execute: %s\n", why);
	return -ENOEXEC;
}

static int reject_phdr(int i, const char *why)
{
	printk(KERN_ERR "elf: cannot execute: program header %d: %s\n", i, why);
	return -ENOEXEC;
}

/* Headers are copied out: inside an archive the image need not be aligned. */
static void read_phdr(const unsigned char *phdrs, int i, Elf32_Phdr *ph)
{
	memcpy(ph, phdrs + (size_t)i * sizeof(*ph), sizeof(*ph));
}

static int check_ehdr(const Elf32_Ehdr *eh, size_t size)
{
	if (memcmp(eh->e_ident, ELFMAG, SELFMAG) != 0)
		return reject("bad magic: not an ELF file");
	if (eh->e_ident[EI_CLASS] == ELFCLASS64)
		return reject("a 64-bit ELF: only 32-bit i386 programs run here");
	if (eh->e_ident[EI_CLASS] != ELFCLASS32)
		return reject("not a 32-bit ELF (bad EI_CLASS)");
	if (eh->e_ident[EI_DATA] != ELFDATA2LSB)
		return reject("not little-endian (EI_DATA is not ELFDATA2LSB)");
	if (eh->e_ident[EI_VERSION] != EV_CURRENT || eh->e_version != EV_CURRENT)
		return reject("unknown ELF version");
	if (eh->e_machine != EM_386) {
		printk(KERN_ERR "elf: cannot execute: machine %u is not i386 (EM_386)\n", eh->e_machine);
		return -ENOEXEC;
	}
	if (eh->e_phentsize != sizeof(Elf32_Phdr))
		return reject("e_phentsize is not 32, the size of an Elf32_Phdr");
	if (eh->e_phnum == 0)
		return reject("no program headers");
	if (eh->e_phnum > ELF_MAX_PHNUM)
		return reject("more than 64 program headers");
	if (eh->e_phoff > size || eh->e_phnum * sizeof(Elf32_Phdr) > size - eh->e_phoff)
		return reject("program headers lie outside the file");
	return 0;
}

/* A dynamic program names its interpreter (ld.so); we have none to run. */
static int check_type(const unsigned char *phdrs, const Elf32_Ehdr *eh)
{
	Elf32_Phdr ph;

	for (int i = 0; i < eh->e_phnum; i++) {
		read_phdr(phdrs, i, &ph);
		if (ph.p_type == PT_INTERP)
			return reject("dynamically linked (PT_INTERP): only static binaries run here");
	}
	if (eh->e_type == ET_DYN)
		return reject("ET_DYN (a PIE or static-pie): build with -static, not -static-pie");
	if (eh->e_type != ET_EXEC)
		return reject("not an executable (e_type is not ET_EXEC)");
	return 0;
}

static int check_load(const Elf32_Phdr *ph, int i, size_t size)
{
	if (ph->p_filesz > ph->p_memsz)
		return reject_phdr(i, "PT_LOAD with filesz > memsz");
	if ((unsigned long long)ph->p_offset + ph->p_filesz > size)
		return reject_phdr(i, "PT_LOAD data lies outside the file");
	/* mmap maps whole pages: file and memory must agree below the page boundary */
	if (ph->p_vaddr % ELF_EXEC_PAGESIZE != ph->p_offset % ELF_EXEC_PAGESIZE)
		return reject_phdr(i, "PT_LOAD vaddr and offset differ modulo the page size");
	if (ph->p_vaddr < ELF_MIN_VADDR)
		return reject_phdr(i, "PT_LOAD below 0x1000: page 0 stays unmapped so NULL faults");
	if ((unsigned long long)ph->p_vaddr + ph->p_memsz > TASK_SIZE)
		return reject_phdr(i, "PT_LOAD reaches kernel space (TASK_SIZE, 0xc0000000)");
	return 0;
}

/* Whole pages, as they will be mapped: two segments may not share one. */
static bool segments_overlap(const struct elf_segment *a, const struct elf_segment *b)
{
	unsigned long a_start = ALIGN_DOWN(a->vaddr, ELF_EXEC_PAGESIZE);
	unsigned long a_end = ALIGN_UP(a->vaddr + a->memsz, ELF_EXEC_PAGESIZE);
	unsigned long b_start = ALIGN_DOWN(b->vaddr, ELF_EXEC_PAGESIZE);
	unsigned long b_end = ALIGN_UP(b->vaddr + b->memsz, ELF_EXEC_PAGESIZE);

	return a_start < b_end && b_start < a_end;
}

static int add_segment(struct elf_image *img, const Elf32_Phdr *ph, int i)
{
	struct elf_segment *seg;

	if (ph->p_memsz == 0)
		return 0;	/* maps nothing */
	if (img->nr_segments == ELF_MAX_SEGMENTS)
		return reject_phdr(i, "more than 16 PT_LOAD segments");
	seg = &img->segments[img->nr_segments];
	seg->vaddr = ph->p_vaddr;
	seg->memsz = ph->p_memsz;
	seg->offset = ph->p_offset;
	seg->filesz = ph->p_filesz;
	seg->flags = ph->p_flags & (PF_R | PF_W | PF_X);
	for (int j = 0; j < img->nr_segments; j++)
		if (segments_overlap(&img->segments[j], seg))
			return reject_phdr(i, "PT_LOAD overlaps (shares a page with) an earlier PT_LOAD");
	img->nr_segments++;
	return 0;
}

/* Without PT_PHDR, the headers are wherever the segment holding e_phoff puts them. */
static unsigned long find_phdr_vaddr(const struct elf_image *img, const Elf32_Ehdr *eh)
{
	unsigned long start = eh->e_phoff;
	unsigned long end = start + eh->e_phnum * sizeof(Elf32_Phdr);

	for (int i = 0; i < img->nr_segments; i++) {
		const struct elf_segment *seg = &img->segments[i];

		if (seg->offset <= start && end <= seg->offset + seg->filesz)
			return seg->vaddr + (start - seg->offset);
	}
	return 0;
}

/* The same sums as Linux's load_elf_binary(), for mm_struct. */
static void compute_layout(struct elf_image *img)
{
	unsigned long brk = 0;

	img->start_code = ~0UL;
	for (int i = 0; i < img->nr_segments; i++) {
		const struct elf_segment *seg = &img->segments[i];
		unsigned long file_end = seg->vaddr + seg->filesz;

		if (seg->flags & PF_X) {
			img->start_code = min(img->start_code, seg->vaddr);
			img->end_code = max(img->end_code, file_end);
		}
		img->start_data = max(img->start_data, seg->vaddr);
		img->end_data = max(img->end_data, file_end);
		brk = max(brk, seg->vaddr + seg->memsz);
	}
	img->brk_start = ALIGN_UP(brk, ELF_EXEC_PAGESIZE);
}

static bool entry_is_executable(const struct elf_image *img)
{
	for (int i = 0; i < img->nr_segments; i++) {
		const struct elf_segment *seg = &img->segments[i];

		if ((seg->flags & PF_X) && img->entry >= seg->vaddr &&
		    img->entry - seg->vaddr < seg->memsz)
			return true;
	}
	return false;
}

int elf_parse(const void *image, size_t size, struct elf_image *out)
{
	Elf32_Ehdr eh;
	int err;

	memset(out, 0, sizeof(*out));
	if (size < sizeof(eh))
		return reject("shorter than an ELF header");
	memcpy(&eh, image, sizeof(eh));
	err = check_ehdr(&eh, size);
	if (err)
		return err;
	return elf_parse_headers(&eh, (const unsigned char *)image + eh.e_phoff, size, out);
}

int elf_check_ehdr(const Elf32_Ehdr *eh, size_t size)
{
	if (size < sizeof(*eh))
		return reject("shorter than an ELF header");
	return check_ehdr(eh, size);
}

int elf_parse_headers(const Elf32_Ehdr *ehdr, const void *phdrs, size_t size, struct elf_image *out)
{
	Elf32_Ehdr eh = *ehdr;
	Elf32_Phdr ph;
	bool have_pt_phdr = false;
	int err;

	memset(out, 0, sizeof(*out));
	err = elf_check_ehdr(&eh, size);
	if (!err)
		err = check_type(phdrs, &eh);
	if (err)
		return err;

	for (int i = 0; i < eh.e_phnum; i++) {
		read_phdr(phdrs, i, &ph);
		if (ph.p_type == PT_PHDR) {
			out->phdr_vaddr = ph.p_vaddr;
			have_pt_phdr = true;
		}
		/* PT_TLS and PT_GNU_STACK are for libc and the stack's flags: nothing to map */
		if (ph.p_type != PT_LOAD)
			continue;
		err = check_load(&ph, i, size);
		if (!err)
			err = add_segment(out, &ph, i);
		if (err)
			return err;
	}
	if (out->nr_segments == 0)
		return reject("no PT_LOAD segments");

	out->entry = eh.e_entry;
	if (!entry_is_executable(out))
		return reject("the entry point is not inside an executable (PF_X) segment");
	out->phnum = eh.e_phnum;
	out->phentsize = eh.e_phentsize;
	if (!have_pt_phdr)
		out->phdr_vaddr = find_phdr_vaddr(out, &eh);
	compute_layout(out);
	return 0;
}
