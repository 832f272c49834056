/*
 * ELF32 for i386: the file and program headers (names and values as in
 * the System V ABI and Linux's include/uapi/linux/elf.h), and elf_parse(),
 * which checks a static executable in memory and says where its segments go.
 * Loading them (VMAs, page faults) is exec's job, not this file's.
 */
#ifndef PAGODA_ELF_H
#define PAGODA_ELF_H

#include <stddef.h>
#include <stdint.h>

typedef uint32_t Elf32_Addr;
typedef uint16_t Elf32_Half;
typedef uint32_t Elf32_Off;
typedef uint32_t Elf32_Word;

#define EI_NIDENT 16

typedef struct {
	unsigned char e_ident[EI_NIDENT];
	Elf32_Half e_type;
	Elf32_Half e_machine;
	Elf32_Word e_version;
	Elf32_Addr e_entry;
	Elf32_Off  e_phoff;		/* program header table's file offset */
	Elf32_Off  e_shoff;
	Elf32_Word e_flags;
	Elf32_Half e_ehsize;
	Elf32_Half e_phentsize;
	Elf32_Half e_phnum;
	Elf32_Half e_shentsize;
	Elf32_Half e_shnum;
	Elf32_Half e_shstrndx;
} Elf32_Ehdr;

typedef struct {
	Elf32_Word p_type;
	Elf32_Off  p_offset;
	Elf32_Addr p_vaddr;
	Elf32_Addr p_paddr;
	Elf32_Word p_filesz;		/* bytes from the file ... */
	Elf32_Word p_memsz;		/* ... the rest up to memsz is zero (.bss) */
	Elf32_Word p_flags;
	Elf32_Word p_align;
} Elf32_Phdr;

/* e_ident[] */
#define EI_MAG0     0
#define EI_CLASS    4
#define EI_DATA     5
#define EI_VERSION  6
#define ELFMAG      "\177ELF"
#define SELFMAG     4
#define ELFCLASS32  1
#define ELFCLASS64  2
#define ELFDATA2LSB 1
#define EV_CURRENT  1

/* e_type, e_machine */
#define ET_EXEC     2
#define ET_DYN      3
#define EM_386      3

/* p_type */
#define PT_NULL      0
#define PT_LOAD      1
#define PT_DYNAMIC   2
#define PT_INTERP    3
#define PT_NOTE      4
#define PT_PHDR      6
#define PT_TLS       7
#define PT_GNU_STACK 0x6474e551

/* p_flags */
#define PF_X 1
#define PF_W 2
#define PF_R 4

/* Linux's ELF_EXEC_PAGESIZE on i386: segments are mapped in these units. */
#define ELF_EXEC_PAGESIZE 4096

/* Lowest address a segment may use: Linux's default mmap_min_addr keeps page 0 unmapped so NULL faults. */
#define ELF_MIN_VADDR 0x1000UL

#define ELF_MAX_SEGMENTS 16	/* PT_LOADs; real static binaries have 4 */
#define ELF_MAX_PHNUM    64	/* program headers of all types; they have about 10 */

struct elf_segment {
	unsigned long vaddr, memsz;
	unsigned long offset, filesz;
	unsigned int flags;		/* PF_R | PF_W | PF_X */
};

/* What exec needs to know about a checked executable. */
struct elf_image {
	unsigned long entry;
	unsigned long phdr_vaddr;	/* program headers in memory (AT_PHDR); 0 if not loaded */
	unsigned int phnum, phentsize;	/* AT_PHNUM, AT_PHENT */
	int nr_segments;
	struct elf_segment segments[ELF_MAX_SEGMENTS];	/* the PT_LOADs, in file order */
	unsigned long start_code, end_code;	/* for mm_struct, computed as Linux does */
	unsigned long start_data, end_data;
	unsigned long brk_start;	/* page-aligned end of the highest segment */
};

/*
 * Check that image[0..size) is a static i386 ET_EXEC whose segments all fit
 * in user space without overlapping, and describe it in *out. Returns 0, or
 * -ENOEXEC after a printk giving the reason.
 */
int elf_parse(const void *image, size_t size, struct elf_image *out);
/*
 * The ELF header's checks alone, for a file of size bytes (its program
 * headers must lie inside it): 0 or -ENOEXEC. exec reads the header
 * first, then the e_phnum program headers at e_phoff.
 */
int elf_check_ehdr(const Elf32_Ehdr *eh, size_t size);
/*
 * elf_parse for a file of size bytes not in memory: eh is its ELF header,
 * phdrs its e_phnum program headers (read from e_phoff). The same checks
 * and result (Linux's load_elf_binary reads them with kernel_read too).
 */
int elf_parse_headers(const Elf32_Ehdr *eh, const void *phdrs, size_t size, struct elf_image *out);

#endif
