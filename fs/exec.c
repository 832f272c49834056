/*
 * exec_program: turn a static ELF file from the initrd into an address
 * space. Nothing is read yet: each PT_LOAD becomes a VMA backed by the
 * file (and an anonymous VMA for the .bss beyond it), the stack is a
 * grows-down VMA, and the first touches fault the pages in. Only the
 * stack's top pages are written now: argc, argv, envp and the auxiliary
 * vector, laid out as the i386 ABI says.
 */
#include "asm/desc.h"
#include "asm/io.h"
#include "linux/elf.h"
#include "linux/errno.h"
#include "linux/fs.h"
#include "linux/memory.h"
#include "linux/mm.h"
#include "linux/printk.h"
#include "linux/sched.h"
#include "linux/string.h"
#include "linux/uaccess.h"
#include "linux/vma.h"

#define STACK_TOP        TASK_SIZE
#define STACK_INIT_PAGES 8      /* the stack VMA's first size; it grows on faults */

/* Auxiliary vector types (elf.h in Linux) */
#define AT_NULL   0
#define AT_PHDR   3
#define AT_PHENT  4
#define AT_PHNUM  5
#define AT_PAGESZ 6
#define AT_BASE   7
#define AT_FLAGS  8
#define AT_ENTRY  9
#define AT_UID    11
#define AT_EUID   12
#define AT_GID    13
#define AT_EGID   14
#define AT_PLATFORM 15
#define AT_HWCAP  16
#define AT_CLKTCK 17
#define AT_SECURE 23
#define AT_RANDOM 25

static const char *const default_envp[] = { "HOME=/", "TERM=linux", "PATH=/bin:/tests", NULL };

static int map_vma(struct mm_struct *mm, unsigned long start, unsigned long end, unsigned long flags,
		   struct file *file, unsigned long pgoff, const char *name)
{
	struct vm_area_struct *vma;

	if (start >= end)
		return 0;
	vma = vm_area_alloc();
	if (!vma) {
		printk(KERN_ERR "exec: no memory for a VMA at %#lx-%#lx\n", start, end);
		return -ENOMEM;
	}
	vma->vm_start = start;
	vma->vm_end = end;
	vma->vm_flags = flags;
	vma->vm_page_prot = vm_get_page_prot(flags);
	vma->vm_file = file;
	vma->vm_pgoff = pgoff;
	vma->vm_name = name;
	if (insert_vm_struct(mm, vma)) {
		const struct vm_area_struct *other = find_vma_intersection(mm, start, end);

		if (other)
			printk(KERN_ERR "exec: %s at %#lx-%#lx overlaps the program's mapping at %#lx-%#lx\n",
			       name ? name : "a segment", start, end, other->vm_start, other->vm_end);
		else
			printk(KERN_ERR "exec: %s at %#lx-%#lx cannot be mapped\n", name ? name : "a segment",
			       start, end);
		vm_area_free(vma);
		return -ENOEXEC;
	}
	return 0;
}

static unsigned long elf_vm_flags(unsigned int pf)
{
	return (pf & PF_R ? VM_READ : 0) | (pf & PF_W ? VM_WRITE : 0) | (pf & PF_X ? VM_EXEC : 0) |
	       VM_MAYREAD | VM_MAYWRITE | VM_MAYEXEC;
}

static int load_segments(struct mm_struct *mm, const struct elf_image *img, struct file *file)
{
	for (int i = 0; i < img->nr_segments; i++) {
		const struct elf_segment *s = &img->segments[i];
		unsigned long flags = elf_vm_flags(s->flags);
		unsigned long start = s->vaddr & PAGE_MASK;
		unsigned long file_end = s->filesz ? PAGE_ALIGN(s->vaddr + s->filesz) : start;
		unsigned long mem_end = PAGE_ALIGN(s->vaddr + s->memsz);
		int err;

		err = map_vma(mm, start, file_end, flags, file,
			      (s->offset - (s->vaddr - start)) >> PAGE_SHIFT, NULL);
		if (!err)
			err = map_vma(mm, file_end, mem_end, flags, NULL,  /* .bss: anonymous, pgoff its address */
				      file_end >> PAGE_SHIFT, NULL);
		if (err)
			return err;
		/* The file page holding the end of the data continues with other bytes of
		 * the file; the .bss part of it must read as zero (Linux's padzero). */
		if (s->memsz > s->filesz && s->filesz && (s->flags & PF_W) &&
		    clear_user((void *)(s->vaddr + s->filesz), file_end - (s->vaddr + s->filesz))) {
			printk(KERN_ERR "exec: cannot clear the .bss tail at %#lx (out of memory?)\n",
			       s->vaddr + s->filesz);
			return -EFAULT;
		}
	}
	return 0;
}

/* Copy a string to the top of the new stack; returns its user address. */
static unsigned long push_string(unsigned long *sp, const char *s)
{
	unsigned long len = strlen(s) + 1;

	*sp -= len;
	return copy_to_user((void *)*sp, s, len) ? 0 : *sp;
}

static int setup_stack(struct mm_struct *mm, const struct elf_image *img, int argc, char **argv)
{
	unsigned long sp = STACK_TOP, argv_u[64], envp_u[8], random_u, platform_u;
	unsigned long words[64 + 8 + 48], *w = words;
	unsigned long random[4];
	uint32_t edx;
	int envc = 0, err;
	bool pushed;

	if (argc > 63) {
		printk(KERN_ERR "exec: %d arguments; at most 63 fit the initial stack\n", argc);
		return -E2BIG;
	}
	err = map_vma(mm, STACK_TOP - STACK_INIT_PAGES * PAGE_SIZE, STACK_TOP,
		      VM_READ | VM_WRITE | VM_MAYREAD | VM_MAYWRITE | VM_GROWSDOWN, NULL, 0, "[stack]");
	if (err)
		return err;
	for (int i = 0; i < 4; i++)     /* AT_RANDOM: 16 bytes the libc seeds its canaries with */
		random[i] = (unsigned long)(rdtsc() * 2654435761u) ^ (unsigned long)(i * 0x9e3779b9u);
	sp -= sizeof(random);
	random_u = sp;
	if (copy_to_user((void *)sp, random, sizeof(random)))
		return -EFAULT;
	platform_u = push_string(&sp, "i686");
	for (int i = 0; default_envp[i]; i++, envc++)
		envp_u[i] = push_string(&sp, default_envp[i]);
	mm->env_start = sp;
	for (int i = argc - 1; i >= 0; i--)
		argv_u[i] = push_string(&sp, argv[i]);
	mm->arg_start = sp;

	*w++ = (unsigned long)argc;
	for (int i = 0; i < argc; i++)
		*w++ = argv_u[i];
	*w++ = 0;
	for (int i = 0; i < envc; i++)
		*w++ = envp_u[i];
	*w++ = 0;
	__asm__ volatile("cpuid" : "=d"(edx) : "a"(1) : "ebx", "ecx");
#define AUX(type, val) do { *w++ = (type); *w++ = (unsigned long)(val); } while (0)
	AUX(AT_PHDR, img->phdr_vaddr);
	AUX(AT_PHENT, img->phentsize);
	AUX(AT_PHNUM, img->phnum);
	AUX(AT_PAGESZ, PAGE_SIZE);
	AUX(AT_BASE, 0);
	AUX(AT_FLAGS, 0);
	AUX(AT_ENTRY, img->entry);
	AUX(AT_UID, 0);
	AUX(AT_EUID, 0);
	AUX(AT_GID, 0);
	AUX(AT_EGID, 0);
	AUX(AT_SECURE, 0);
	AUX(AT_HWCAP, edx);
	AUX(AT_CLKTCK, 100);
	AUX(AT_PLATFORM, platform_u);
	AUX(AT_RANDOM, random_u);
	AUX(AT_NULL, 0);
#undef AUX
	sp = (sp - (unsigned long)((char *)w - (char *)words)) & ~15UL;    /* 16-byte aligned, as the ABI wants */
	pushed = platform_u != 0;       /* push_string returns 0 if it could not write */
	for (int i = 0; i < argc; i++)
		pushed = pushed && argv_u[i];
	for (int i = 0; i < envc; i++)
		pushed = pushed && envp_u[i];
	if (!pushed || copy_to_user((void *)sp, words, (unsigned long)((char *)w - (char *)words))) {
		printk(KERN_ERR "exec: cannot write the arguments to the new stack (out of memory?)\n");
		return -EFAULT;
	}
	mm->start_stack = sp;
	return 0;
}

static void start_thread(struct task_struct *t, unsigned long eip, unsigned long esp)
{
	struct pt_regs *regs = task_pt_regs(t);

	memset(regs, 0, sizeof(*regs));         /* edx = 0: glibc passes it to atexit */
	regs->eip = eip;
	regs->cs = __USER_CS;
	regs->eflags = 0x202;                   /* IF, and the always-one bit */
	regs->esp = esp;
	regs->ss = regs->ds = regs->es = regs->fs = __USER_DS;
	regs->gs = 0;                           /* the libc loads its TLS selector */
}

int exec_program(struct task_struct *t, const char *path, int argc, char **argv)
{
	struct elf_image img;
	struct file *f, *mapping;
	int err;

	f = initrd_open(path, &err);
	if (!f)
		return err;
	err = elf_parse(f->data, f->size, &img);
	mapping = err ? NULL : file_for_mapping(f);
	fput(f);
	if (err)
		return err;
	if (!mapping) {
		printk(KERN_ERR "exec: %s: no mapping object left for the file\n", path);
		return -ENFILE;
	}
	t->mm = mm_alloc();
	if (!t->mm) {
		printk(KERN_ERR "exec: %s: no memory for an address space\n", path);
		return -ENOMEM;
	}
	write_cr3(__pa(t->mm->pgd));    /* from here on, user addresses are the new program's */
	err = load_segments(t->mm, &img, mapping);
	if (!err)
		err = setup_stack(t->mm, &img, argc, argv);
	if (err)
		return err;
	t->mm->start_code = img.start_code;
	t->mm->end_code = img.end_code;
	t->mm->start_data = img.start_data;
	t->mm->end_data = img.end_data;
	t->mm->start_brk = t->mm->brk = img.brk_start;
	start_thread(t, img.entry, t->mm->start_stack);
	return 0;
}
