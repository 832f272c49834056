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
#include "asm/segment.h"
#include "linux/binfmts.h"
#include "linux/earlycpio.h"
#include "linux/elf.h"
#include "linux/errno.h"
#include "linux/fs.h"
#include "linux/memory.h"
#include "linux/mm.h"
#include "linux/printk.h"
#include "linux/sched.h"
#include "linux/slab.h"
#include "linux/string.h"
#include "linux/uaccess.h"
#include "linux/vma.h"
#include "linux/vmalloc.h"

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

/*
 * The new program's stack: the strings of bprm (argv then envp, each
 * NUL-terminated), 16 random bytes and the platform name at the top, then
 * argc, the argv and envp pointers and the auxiliary vector below them,
 * laid out as the i386 ABI says (Linux's create_elf_tables()).
 */
static int setup_stack(struct mm_struct *mm, const struct elf_image *img, const struct linux_binprm *bprm)
{
	unsigned long sp = STACK_TOP, random_u, platform_u, strings_u, *words, *w, nwords;
	unsigned long random[4];
	const char *str = bprm->buf;
	uint32_t edx;
	int err;

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
	sp -= bprm->len;
	strings_u = sp;
	if (!platform_u || copy_to_user((void *)sp, bprm->buf, bprm->len))
		return -EFAULT;
	mm->arg_start = strings_u;
	nwords = 1 + (unsigned long)bprm->argc + 1 + (unsigned long)bprm->envc + 1 + 2 * 17;
	words = kmalloc(nwords * sizeof(long), GFP_KERNEL);
	if (!words)
		return -ENOMEM;
	w = words;
	*w++ = (unsigned long)bprm->argc;
	for (int i = 0; i < bprm->argc + bprm->envc; i++) {
		if (i == bprm->argc) {
			*w++ = 0;       /* argv ends; envp begins */
			mm->arg_end = mm->env_start = strings_u + (unsigned long)(str - bprm->buf);
		}
		*w++ = strings_u + (unsigned long)(str - bprm->buf);
		str += strlen(str) + 1;
	}
	if (bprm->envc == 0) {
		*w++ = 0;       /* argv's NULL: the loop above wrote none, with no envp to begin */
		mm->arg_end = mm->env_start = strings_u + (unsigned long)(str - bprm->buf);
	}
	*w++ = 0;
	mm->env_end = strings_u + bprm->len;
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
	err = copy_to_user((void *)sp, words, (unsigned long)((char *)w - (char *)words)) ? -EFAULT : 0;
	kfree(words);
	if (err) {
		printk(KERN_ERR "exec: cannot write the arguments to the new stack (out of memory?)\n");
		return err;
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

/*
 * Build the address space of the program at path for task t, with the
 * arguments and environment in bprm, and point t's saved registers at
 * its entry (Linux's load_elf_binary, begin_new_exec). The old address
 * space (if any) is put only once the new one is complete: on any error
 * the caller still has its own. Returns 0, or -ENOENT, -ENOTDIR, -EACCES
 * (not a regular file, or no execute permission), -ENOEXEC (not a static
 * i386 ELF), -ENOMEM, -E2BIG, -EFAULT.
 */
int exec_program(struct task_struct *t, const char *path, const struct linux_binprm *bprm)
{
	struct elf_image img;
	struct file *f, *mapping;
	struct mm_struct *mm, *saved, *old = t->mm;
	char exe[TASK_EXE_LEN];
	int err;

	f = initrd_open(path, &err);
	if (!f)
		return err;
	/* /proc/PID/exe names the file itself, its symbolic links resolved (Linux's mm->exe_file) */
	strlcpy(exe, f->f_inode && f->f_inode->i_path ? f->f_inode->i_path : path, sizeof(exe));
	if ((f->mode & S_IFMT) != S_IFREG || !(f->mode & 0111)) {
		fput(f);
		return -EACCES; /* Linux's may_open and path_noexec: a directory, a file without x */
	}
	err = elf_parse(f->data, f->size, &img);
	mapping = err ? NULL : file_for_mapping(f);
	fput(f);
	if (err)
		return err;
	if (!mapping) {
		printk(KERN_ERR "exec: %s: no mapping object left for the file\n", path);
		return -ENFILE;
	}
	mm = mm_alloc();
	if (!mm) {
		printk(KERN_ERR "exec: %s: no memory for an address space\n", path);
		return -ENOMEM;
	}
	/* From here on, user addresses are the new program's, for the CPU and
	 * for the fault handler (which looks at current->mm). */
	saved = current->mm;
	current->mm = mm;
	write_cr3(__pa(mm->pgd));
	err = load_segments(mm, &img, mapping);
	if (!err)
		err = setup_stack(mm, &img, bprm);
	current->mm = saved;
	if (err) {
		write_cr3(__pa(saved ? saved->pgd : swapper_pg_dir));
		mmput(mm);
		return err;
	}
	mm->start_code = img.start_code;
	mm->end_code = img.end_code;
	mm->start_data = img.start_data;
	mm->end_data = img.end_data;
	mm->start_brk = mm->brk = img.brk_start;
	if (old) {
		/* vfork's parent goes on; CLONE_CHILD_CLEARTID's word is in the old memory */
		write_cr3(__pa(old->pgd));
		mm_release(t, old);
		write_cr3(__pa(mm->pgd));
	}
	t->mm = mm;
	strlcpy(t->exe_path, exe, sizeof(t->exe_path));
	if (old)
		mmput(old);
	start_thread(t, img.entry, mm->start_stack);
	return 0;
}

struct linux_binprm *bprm_alloc(void)
{
	struct linux_binprm *bprm = kzalloc(sizeof(*bprm), GFP_KERNEL);

	if (!bprm)
		return NULL;
	bprm->buf = vmalloc(ARG_MAX_BYTES);
	if (!bprm->buf) {
		kfree(bprm);
		return NULL;
	}
	return bprm;
}

void bprm_free(struct linux_binprm *bprm)
{
	vfree(bprm->buf);
	kfree(bprm);
}

int bprm_add_string(struct linux_binprm *bprm, const char *s)
{
	size_t len = strlen(s) + 1;

	if (len > ARG_MAX_BYTES - bprm->len)
		return -E2BIG;
	memcpy(bprm->buf + bprm->len, s, len);
	bprm->len += len;
	return 0;
}

/*
 * Copy the strings of a user array (argv or envp; NULL is an empty one)
 * into bprm; the number copied, or -EFAULT, -E2BIG (Linux's
 * copy_strings and count).
 */
static int copy_strings(struct linux_binprm *bprm, char *const *uarr)
{
	int n = 0;

	if (!uarr)
		return 0;
	for (;; n++) {
		unsigned long ustr;
		long len;

		if (get_user(ustr, (const unsigned long *)&uarr[n]))
			return -EFAULT;
		if (!ustr)
			return n;
		if (n >= 0x7fffffff / 2)
			return -E2BIG;
		len = strncpy_from_user(bprm->buf + bprm->len, (const char *)ustr,
					(long)(ARG_MAX_BYTES - bprm->len));
		if (len < 0)
			return -EFAULT;
		if ((size_t)len >= ARG_MAX_BYTES - bprm->len || len + 1 > MAX_ARG_STRLEN)
			return -E2BIG;
		bprm->len += (size_t)len + 1;
	}
}

/*
 * execve(filename, argv, envp): replace the calling process's program
 * (Linux's do_execveat_common). What stays: PID, parent, open files (but O_CLOEXEC ones),
 * ignored signals, the blocked mask, pending signals. What goes: the
 * address space, handlers (back to SIG_DFL), the alternate signal stack,
 * TLS slots, FPU state. Returns -errno with the old program intact, or
 * does not return to it at all. An empty argv gets "" as argv[0], as
 * Linux 6.1 does.
 */
long sys_execve(const char *ufilename, char *const *uargv, char *const *uenvp)
{
	struct linux_binprm *bprm;
	const char *base;
	char *path;
	long len;
	int n, err;

	path = kmalloc(PATH_MAX, GFP_KERNEL);
	bprm = bprm_alloc();
	err = -ENOMEM;
	if (!path || !bprm)
		goto out;
	len = strncpy_from_user(path, ufilename, PATH_MAX);
	err = len < 0 ? -EFAULT : len >= PATH_MAX ? -ENAMETOOLONG : len == 0 ? -ENOENT : 0;
	if (err)
		goto out;
	n = copy_strings(bprm, uargv);
	err = n < 0 ? n : 0;
	if (err)
		goto out;
	if (n == 0) {
		err = bprm_add_string(bprm, "");
		n = 1;
	}
	bprm->argc = n;
	n = err ? err : copy_strings(bprm, uenvp);
	err = n < 0 ? n : 0;
	if (err)
		goto out;
	bprm->envc = n;
	err = exec_program(current, path, bprm);
	if (err)
		goto out;
	/* The point of no return is behind us: the rest of the old program goes. */
	base = strrchr(path, '/');
	strlcpy(current->comm, base ? base + 1 : path, sizeof(current->comm));
	signal_exec(current);
	do_close_on_exec(current);
	loadsegment(fs, 0);
	loadsegment(gs, 0);
	memset(current->tls, 0, sizeof(current->tls));
	load_tls(current);
	fpu_init_state(&current->fpu);  /* fninit: the live registers are ours */
	current->did_exec = true;
out:
	if (bprm)
		bprm_free(bprm);
	kfree(path);
	return err;
}
