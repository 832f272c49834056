/*
 * exec_program: turn a static ELF file of any file system into an address
 * space. Only its ELF and program headers are read (through the page
 * cache, exec_read); the rest is not read yet: each PT_LOAD becomes a VMA backed by the
 * file (and an anonymous VMA for the .bss beyond it), the stack is a
 * grows-down VMA, and the first touches fault the pages in. Only the
 * stack's top pages are written now: argc, argv, envp and the auxiliary
 * vector, laid out as the i386 ABI says. A "#!" script is run by the
 * interpreter its first line names (load_script, fs/binfmt_script.c).
 */
#include "asm/desc.h"
#include "asm/io.h"
#include "asm/segment.h"
#include "linux/binfmts.h"
#include "linux/earlycpio.h"
#include "linux/elf.h"
#include "linux/dcache.h"
#include "linux/errno.h"
#include "linux/fs.h"
#include "linux/memory.h"
#include "linux/mman.h"
#include "linux/pagemap.h"
#include "linux/highmem.h"
#include "linux/mm.h"
#include "linux/printk.h"
#include "linux/resource.h"
#include "linux/rseq.h"
#include "linux/sched.h"
#include "linux/slab.h"
#include "linux/string.h"
#include "linux/uaccess.h"
#include "linux/vma.h"
#include "linux/vmalloc.h"

#define STACK_TOP        TASK_SIZE
#define STACK_EXPAND     (128 * 1024)   /* the stack VMA: the strings' pages and this more (stack_expand) */

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
#define AT_EXECFN 31


static int map_vma(struct mm_struct *mm, unsigned long start, unsigned long end, unsigned long flags,
		   struct file *file, unsigned long pgoff, const char *name)
{
	struct vm_area_struct *vma;

	if (start >= end)
		return 0;
	if (!may_expand_vm(mm, flags, (end - start) >> PAGE_SHIFT))
		return -ENOMEM;         /* RLIMIT_AS, or RLIMIT_DATA for a writable segment (Linux's mmap_region) */
	/* data, .bss and the stack are counted in Committed_AS, as Linux's mmap_region, brk and stack */
	if ((flags & (VM_WRITE | VM_SHARED)) == VM_WRITE) {
		if (security_vm_enough_memory_mm(mm, (long)((end - start) >> PAGE_SHIFT)))
			return -ENOMEM;
		flags |= VM_ACCOUNT;
	}
	vma = vm_area_alloc();
	if (!vma) {
		printk(KERN_ERR "exec: no memory for a VMA at %#lx-%#lx\n", start, end);
		if (flags & VM_ACCOUNT)
			vm_unacct_memory((long)((end - start) >> PAGE_SHIFT));
		return -ENOMEM;
	}
	vma->vm_start = start;
	vma->vm_end = end;
	vma->vm_flags = flags;
	vma->vm_page_prot = vm_get_page_prot(flags);
	vma->vm_file = file ? get_file(file) : NULL;    /* each VMA holds a reference */
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
		if (flags & VM_ACCOUNT)
			vm_unacct_memory((long)((end - start) >> PAGE_SHIFT));
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

/*
 * Read up to len bytes of f at byte pos into the kernel buffer buf,
 * through f's page cache, as for any file system (Linux's kernel_read).
 * Returns the bytes read (fewer at the end of the file), or -errno:
 * -ENOEXEC for a file with no pages to read (no address_space).
 */
static long exec_read(struct file *f, long long pos, void *buf, size_t len)
{
	struct address_space *mapping = f->f_mapping;
	long long size;
	size_t done = 0;
	int err = 0;

	if (!mapping || !mapping->host)
		return -ENOEXEC;
	size = mapping->host->i_size;
	while (done < len && pos < size) {
		size_t offset = (size_t)(pos & ~PAGE_MASK), n = PAGE_SIZE - offset;
		struct page *page = read_mapping_page(mapping, (unsigned long)(pos >> PAGE_SHIFT), f, &err);
		char *kaddr;

		if (!page)
			return done ? (long)done : err;
		if ((long long)n > size - pos)
			n = (size_t)(size - pos);
		if (n > len - done)
			n = len - done;
		kaddr = kmap(page);
		if (!kaddr) {
			put_page(page);
			return done ? (long)done : -ENOMEM;
		}
		memcpy((char *)buf + done, kaddr + offset, n);
		kunmap(page);
		put_page(page);
		pos += (long long)n;
		done += n;
	}
	return (long)done;
}

/*
 * Parse the ELF file f: its header from the first BINPRM_BUF_SIZE bytes,
 * then its program headers from e_phoff, both read through the page cache
 * (Linux's bprm->buf and load_elf_phdrs). 0 or -ENOEXEC, -ENOMEM, -EIO.
 */
static int exec_parse(struct file *f, struct elf_image *img)
{
	char buf[BINPRM_BUF_SIZE];
	size_t size = f->f_mapping && f->f_mapping->host ? (size_t)f->f_mapping->host->i_size : 0;
	Elf32_Ehdr eh;
	void *phdrs;
	long n;
	int err;

	n = exec_read(f, 0, buf, sizeof(buf));
	if (n < 0)
		return (int)n;
	if ((size_t)n < sizeof(eh))
		return elf_parse(buf, (size_t)n, img);  /* too short: its -ENOEXEC */
	memcpy(&eh, buf, sizeof(eh));
	err = elf_check_ehdr(&eh, size);
	if (err)
		return err;
	phdrs = kmalloc(eh.e_phnum * sizeof(Elf32_Phdr), GFP_KERNEL);  /* at most 64 headers: 2 KiB */
	if (!phdrs)
		return -ENOMEM;
	n = exec_read(f, eh.e_phoff, phdrs, eh.e_phnum * sizeof(Elf32_Phdr));
	if (n < 0)
		err = (int)n;
	else if ((size_t)n != eh.e_phnum * sizeof(Elf32_Phdr))
		err = -ENOEXEC; /* cut short: Linux's load_elf_phdrs fails, load_elf_binary says -ENOEXEC */
	else
		err = elf_parse_headers(&eh, phdrs, size, img);
	kfree(phdrs);
	return err;
}

/* Make mm the address space user accesses go to, for the CPU and the fault handler (NULL: none). */
static void use_mm(struct mm_struct *mm)
{
	if (current->mm == mm)
		return;
	current->mm = mm;
	write_cr3(__pa(mm ? mm->pgd : swapper_pg_dir));
}

/*
 * Where the strings of bprm come from, one after another: bprm->buf (a
 * kernel caller's), or the caller's argv and envp arrays in the old
 * address space (execve's; an empty argv gives "").
 */
struct arg_src {
	const struct linux_binprm *bprm;
	int next;               /* the index of the next string: argv's, then envp's */
	const char *cur;        /* the rest of the string being copied */
	bool user;              /* cur is an address in the old program's memory */
};

static int next_string(struct arg_src *src)
{
	const struct linux_binprm *b = src->bprm;
	int i = src->next++, argc;
	unsigned long u;

	if (i < b->npre) {              /* a script's interpreter, its argument, the script's path */
		if (!i)
			src->cur = b->pre;      /* later ones follow on: the copy moved cur past each NUL */
		src->user = false;
		return 0;
	}
	i += b->skip - b->npre;         /* the index among the caller's own strings */
	argc = b->argc - b->npre + b->skip;
	if (b->buf) {
		if (i == b->skip)       /* later ones follow on, as above */
			src->cur = b->skip ? b->buf + strlen(b->buf) + 1 : b->buf;
		src->user = false;
		return 0;
	}
	if (i < argc && b->uargc == 0) {
		src->cur = "";  /* Linux 6.1 gives an empty argv an argv[0] of "" */
		src->user = false;
		return 0;
	}
	if (get_user(u, i < argc ? (const unsigned long *)&b->uargv[i]
				 : (const unsigned long *)&b->uenvp[i - argc]))
		return -EFAULT;
	src->cur = (const char *)u;
	src->user = true;
	return 0;
}

/*
 * Copy the strings of bprm to the new stack at strings_u, and the address
 * of each into the pointer array at argv_u (argv's, a NULL, envp's, a
 * NULL). The old address space is the one user reads go to; the copy goes
 * through two kernel pages, a page of bytes at a time (Linux copies into
 * the new stack's pages straight away, through get_user_pages). The caller
 * counted the strings: a string that changed since is -EFAULT.
 */
static int copy_strings_to_stack(struct mm_struct *old, struct mm_struct *mm, const struct linux_binprm *bprm,
				 unsigned long strings_u, unsigned long argv_u)
{
	struct arg_src src = { .bprm = bprm };
	char *bytes = kmalloc(PAGE_SIZE, GFP_KERNEL);
	unsigned long *ptrs = kmalloc(PAGE_SIZE, GFP_KERNEL);
	unsigned long dst = strings_u, end = strings_u + bprm->len, ptrs_u = argv_u;
	int nbytes = 0, nptrs = 0, left = bprm->argc + bprm->envc, err = 0;
	bool in_string = false;

	if (!bytes || !ptrs) {
		err = -ENOMEM;
		goto out;
	}
	while (!err && (left || in_string || nbytes || nptrs)) {
		/* Fill the two pages from the old program's memory... */
		use_mm(old);
		while (!err && (left || in_string) && nbytes < (int)PAGE_SIZE && nptrs < (int)(PAGE_SIZE / sizeof(long) - 3)) {
			long room = PAGE_SIZE - nbytes, n;

			if (!in_string) {
				if (src.next == bprm->argc) {
					ptrs[nptrs++] = 0;      /* argv's NULL */
					mm->arg_end = mm->env_start = dst + (unsigned long)nbytes;
				}
				err = next_string(&src);
				if (err)
					break;
				ptrs[nptrs++] = dst + (unsigned long)nbytes;
				in_string = true;
				left--;
			}
			if (src.user) {
				n = strncpy_from_user(bytes + nbytes, src.cur, room);
				if (n < 0)
					err = -EFAULT;
			} else {
				n = (long)strnlen(src.cur, (size_t)room);
				memcpy(bytes + nbytes, src.cur, (size_t)n);
			}
			if (err)
				break;
			if (n < room) {         /* the NUL is in: the string is done */
				bytes[nbytes + n] = '\0';
				n++;
				in_string = false;
			}
			src.cur += n;
			nbytes += (int)n;
			if (dst + (unsigned long)nbytes > end)
				err = -EFAULT;  /* longer than counted */
		}
		if (!err && !left && !in_string) {
			if (src.next == bprm->argc) {   /* no environment */
				ptrs[nptrs++] = 0;
				mm->arg_end = mm->env_start = end;
			}
			ptrs[nptrs++] = 0;      /* envp's NULL */
		}
		/* ...then empty them into the new stack. */
		use_mm(mm);
		if (!err && (copy_to_user((void *)dst, bytes, (unsigned long)nbytes) ||
			     copy_to_user((void *)ptrs_u, ptrs, (unsigned long)nptrs * sizeof(long))))
			err = -EFAULT;
		dst += (unsigned long)nbytes;
		ptrs_u += (unsigned long)nptrs * sizeof(long);
		nbytes = nptrs = 0;
		if (!err && !left && !in_string)
			break;
	}
	if (!err && dst != end)
		err = -EFAULT;          /* shorter than counted */
out:
	use_mm(mm);
	kfree(bytes);
	kfree(ptrs);
	return err;
}

/*
 * The stack VMA: the strings' pages, and 128 KiB more below them but no
 * more than RLIMIT_STACK in all (Linux's setup_arg_pages: stack_expand).
 * Past RLIMIT_AS it is -ENOMEM (map_vma).
 */
static int map_stack(struct mm_struct *mm, unsigned long args_start)
{
	unsigned long flags = VM_READ | VM_WRITE | VM_MAYREAD | VM_MAYWRITE | VM_GROWSDOWN;
	unsigned long args_end = args_start & PAGE_MASK, rlim_stack = rlimit(RLIMIT_STACK) & PAGE_MASK;
	unsigned long stack_size = STACK_TOP - args_end, base;

	if (stack_size + STACK_EXPAND > rlim_stack)
		base = rlim_stack > stack_size ? STACK_TOP - rlim_stack : args_end;
	else
		base = args_end - STACK_EXPAND;
	return map_vma(mm, base, STACK_TOP, flags, NULL, 0, "[stack]");
}

/*
 * The new program's stack, from the top (Linux's order): a NULL word, the
 * file name, the argv then envp strings of bprm, the platform name, 16
 * random bytes, then (16-byte aligned) argc, the argv and envp pointers
 * and the auxiliary vector, as the i386 ABI says (Linux's
 * create_elf_tables()). Writes go to mm; the strings come from old.
 */
static int setup_stack(struct mm_struct *old, struct mm_struct *mm, const struct elf_image *img,
		       const struct linux_binprm *bprm)
{
	unsigned long fn_len = strlen(bprm->filename) + 1;
	unsigned long execfn_u = STACK_TOP - sizeof(long) - fn_len;
	unsigned long strings_u = execfn_u - bprm->len;
	unsigned long platform_u = strings_u - sizeof("i686");
	unsigned long random_u = platform_u - 16;
	unsigned long nptrs = 1 + (unsigned long)bprm->argc + 1 + (unsigned long)bprm->envc + 1;
	unsigned long aux[2 * 18], *a = aux, sp;
	unsigned long random[4];
	uint32_t edx;
	int err;

	err = map_stack(mm, strings_u);
	if (err)
		return err;
	for (int i = 0; i < 4; i++)     /* AT_RANDOM: 16 bytes the libc seeds its canaries with */
		random[i] = (unsigned long)(rdtsc() * 2654435761u) ^ (unsigned long)(i * 0x9e3779b9u);
	__asm__ volatile("cpuid" : "=d"(edx) : "a"(1) : "ebx", "ecx");
#define AUX(type, val) do { *a++ = (type); *a++ = (unsigned long)(val); } while (0)
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
	AUX(AT_EXECFN, execfn_u);
	AUX(AT_NULL, 0);
#undef AUX
	sp = (random_u - nptrs * sizeof(long) - (unsigned long)((char *)a - (char *)aux)) & ~15UL;
	/* Below the strings a fault may grow the stack, within RLIMIT_STACK: failing is past the point of no return. */
	if (copy_to_user((void *)execfn_u, bprm->filename, fn_len) ||
	    copy_to_user((void *)platform_u, "i686", sizeof("i686")) ||
	    copy_to_user((void *)random_u, random, sizeof(random)) ||
	    put_user((unsigned long)bprm->argc, (unsigned long *)sp) ||
	    copy_to_user((void *)(sp + nptrs * sizeof(long)), aux, (unsigned long)((char *)a - (char *)aux))) {
		printk(KERN_ERR "exec: cannot write the new stack (out of memory, or past RLIMIT_STACK)\n");
		return -EFAULT;
	}
	err = copy_strings_to_stack(old, mm, bprm, strings_u, sp + sizeof(long));
	if (err)
		return err;
	mm->arg_start = strings_u;
	mm->env_end = execfn_u;
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
 * Build t's new address space from f, the static ELF file exec found, with
 * the strings of bprm, and point t's saved registers at its entry (Linux's
 * load_elf_binary, begin_new_exec). Takes f's reference. The old address
 * space (if any) is put only once the new one is complete: on any error
 * the caller still has its own. 0, or -ENOEXEC (not a static i386 ELF),
 * -ENOMEM, -EFAULT.
 */
static int load_elf_binary(struct task_struct *t, struct file *f, struct linux_binprm *bprm)
{
	struct elf_image img;
	struct mm_struct *mm, *saved, *old = t->mm;
	char exe[TASK_EXE_LEN];
	int err;

	/* /proc/PID/exe names the file itself, its symbolic links resolved (Linux's mm->exe_file) */
	{
		char *p = f->f_path.dentry ? d_path(&f->f_path, exe, sizeof(exe)) : NULL;

		if (p)
			memmove(exe, p, strlen(p) + 1);         /* d_path writes at the buffer's end */
		else
			strlcpy(exe, bprm->filename, sizeof(exe));
	}
	err = exec_parse(f, &img);
	if (err) {
		fput(f);
		return err;
	}
	mm = mm_alloc();
	if (!mm) {
		fput(f);
		printk(KERN_ERR "exec: %s: no memory for an address space\n", bprm->filename);
		return -ENOMEM;
	}
	/* From here on, user addresses are the new program's, for the CPU and
	 * for the fault handler (which looks at current->mm). On Linux the old
	 * program is gone from here on (begin_new_exec): a failure is
	 * SIGSEGV, not an errno (the caller's business). */
	bprm->point_of_no_return = true;
	saved = current->mm;
	use_mm(mm);
	err = load_segments(mm, &img, f);       /* its file VMAs take their own references */
	fput(f);
	if (!err)
		err = setup_stack(saved, mm, &img, bprm);
	use_mm(saved);
	if (err) {
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

/* A script's strings may take this much: its path, then a name and an argument per level. */
#define PRE_MAX (PATH_MAX + (BINPRM_MAX_DEPTH + 1) * BINPRM_BUF_SIZE)

static long arg_strlen(const char *ustr, char *scratch);

/*
 * Leave out bprm's argv[0] (Linux's remove_arg_zero): a script's interpreter
 * puts its own strings there. 0 or -EFAULT, -ENOMEM.
 */
static int remove_arg_zero(struct linux_binprm *bprm)
{
	size_t n;

	if (!bprm->argc)
		return 0;
	if (bprm->npre) {
		n = strlen(bprm->pre) + 1;
		memmove(bprm->pre, bprm->pre + n, bprm->pre_len - n);
		bprm->pre_len -= n;
		bprm->npre--;
	} else if (bprm->buf) {
		n = strlen(bprm->buf) + 1;
		bprm->skip = 1;
	} else if (!bprm->uargc) {
		n = 1;          /* the "" an empty argv got */
		bprm->skip = 1;
	} else {
		char *scratch = kmalloc(PAGE_SIZE, GFP_KERNEL);
		unsigned long u;
		long len;

		if (!scratch)
			return -ENOMEM;
		len = get_user(u, (const unsigned long *)&bprm->uargv[0]) ? -EFAULT
		      : arg_strlen((const char *)u, scratch);
		kfree(scratch);
		if (len < 0)
			return (int)len;
		n = (size_t)len;
		bprm->skip = 1;
	}
	bprm->argc--;
	bprm->len -= n;
	return 0;
}

/* Put the kernel string s before bprm's argv (Linux's copy_string_kernel): 0 or -E2BIG. */
static int prepend_arg(struct linux_binprm *bprm, const char *s)
{
	size_t n = strlen(s) + 1;

	if (n > PRE_MAX - bprm->pre_len)
		return -E2BIG;
	memmove(bprm->pre + n, bprm->pre, bprm->pre_len);
	memcpy(bprm->pre, s, n);
	bprm->pre_len += n;
	bprm->npre++;
	bprm->argc++;
	bprm->len += n;
	return 0;
}

/*
 * The "#!" file at path, whose first bytes are buf: argv becomes its
 * interpreter, the optional argument, path, then argv without its first
 * string; *interp (a BINPRM_BUF_SIZE buffer, allocated here the first
 * time) gets the interpreter's path for exec to open next. Linux's
 * load_script. 0, or -ENOEXEC (see script_parse), -E2BIG, -EFAULT, -ENOMEM.
 */
static int load_script(struct linux_binprm *bprm, char *buf, const char *path, char **interp)
{
	char *name, *arg;
	int err = script_parse(buf, &name, &arg);

	if (err)
		return err;
	if (!bprm->pre) {
		bprm->pre = kmalloc(PRE_MAX, GFP_KERNEL);
		*interp = kmalloc(BINPRM_BUF_SIZE, GFP_KERNEL);
		if (!bprm->pre || !*interp)
			return -ENOMEM;
	}
	err = remove_arg_zero(bprm);
	if (!err)
		err = prepend_arg(bprm, path);  /* before *interp, which path may be, changes */
	if (!err && arg)
		err = prepend_arg(bprm, arg);
	if (!err)
		err = prepend_arg(bprm, name);
	if (!err)
		strlcpy(*interp, name, BINPRM_BUF_SIZE);
	return err;
}

/*
 * Run the program at path in task t, with the arguments and environment
 * in bprm (Linux's bprm_execve and exec_binprm): a static ELF file, or a
 * "#!" script, whose interpreter is opened in turn (at most
 * BINPRM_MAX_DEPTH of them). Returns 0, or -ENOENT, -ENOTDIR, -EACCES (not
 * a regular file, or no execute permission), -ENOEXEC (neither a static
 * i386 ELF nor a script), -ELOOP (scripts nested too deep), -ENOMEM,
 * -E2BIG, -EFAULT; the caller's address space is intact after any error
 * but past bprm->point_of_no_return.
 */
int exec_program(struct task_struct *t, const char *path, struct linux_binprm *bprm)
{
	char buf[BINPRM_BUF_SIZE], *interp = NULL;
	struct file *f;
	long n;
	int err;

	bprm->filename = path;  /* the script's own path stays AT_EXECFN, and names the process */
	for (int depth = 0;; depth++) {
		if (depth > BINPRM_MAX_DEPTH) {
			err = -ELOOP;
			break;
		}
		f = initrd_open(path, &err);
		if (!f)
			break;
		if ((f->mode & S_IFMT) != S_IFREG || !(f->mode & 0111)) {
			fput(f);
			err = -EACCES;  /* Linux's may_open and path_noexec: a directory, a file without x */
			break;
		}
		memset(buf, 0, sizeof(buf));
		n = exec_read(f, 0, buf, sizeof(buf));
		if (n >= 2 && buf[0] == '#' && buf[1] == '!') {
			fput(f);
			err = load_script(bprm, buf, path, &interp);
			if (err)
				break;
			/* Linux's open_exec("") of a bare "#!" is the cwd itself: -EACCES, not -ENOENT */
			path = interp[0] ? interp : ".";
			continue;
		}
		err = load_elf_binary(t, f, bprm);
		break;
	}
	kfree(interp);
	kfree(bprm->pre);
	bprm->pre = NULL;
	return err;
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
 * The length of the user string at ustr with its NUL: at most
 * MAX_ARG_STRLEN + 1 (too long), or -EFAULT (Linux's strnlen_user). scratch
 * is a kernel page the bytes pass through.
 */
static long arg_strlen(const char *ustr, char *scratch)
{
	long len = 0, n;

	do {
		n = strncpy_from_user(scratch, ustr + len, PAGE_SIZE);
		if (n < 0)
			return -EFAULT;
		len += n;
	} while (n == PAGE_SIZE && len <= MAX_ARG_STRLEN);
	return len + 1;
}

/*
 * Count the strings of a user array (argv or envp; NULL is an empty one)
 * and add their bytes to *bytes: the number of strings, or -EFAULT, -E2BIG
 * (a string over MAX_ARG_STRLEN with its NUL). Linux's count() and, for
 * the lengths, copy_strings().
 */
static int count_strings(char *const *uarr, size_t *bytes, char *scratch)
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
		if (n >= MAX_ARG_STRINGS)
			return -E2BIG;
		len = arg_strlen((const char *)ustr, scratch);
		if (len < 0)
			return (int)len;
		if (len > MAX_ARG_STRLEN)
			return -E2BIG;
		*bytes += (size_t)len;
	}
}

/*
 * Whether bprm's strings, with the file name's, may go on the new stack
 * (Linux 6.1's prepare_arg_pages and get_arg_page): 0 or -E2BIG. The
 * strings and their pointers may take a quarter of RLIMIT_STACK but no
 * more than 6 MiB (three quarters of the default 8 MiB limit), and in any
 * case 128 KiB (ARG_MAX: what Linux allowed before 2.6.23). And as Linux
 * copies them, the stack VMA grows over them page by page: past its first
 * page it must stay within RLIMIT_STACK and RLIMIT_AS.
 */
static int arg_limits(const struct linux_binprm *bprm, size_t fn_len)
{
	unsigned long limit = min(_STK_LIM / 4 * 3, rlimit(RLIMIT_STACK) / 4);
	unsigned long ptr_size = ((unsigned long)bprm->uargc + (unsigned long)bprm->envc) * sizeof(void *);
	unsigned long bytes = bprm->len + fn_len, pages = PAGE_ALIGN(bytes + sizeof(void *)) >> PAGE_SHIFT;

	limit = max(limit, ARG_MAX);
	if (limit <= ptr_size || bytes > limit - ptr_size)
		return -E2BIG;
	if (pages > 1 && (pages << PAGE_SHIFT > rlimit(RLIMIT_STACK) || pages > rlimit(RLIMIT_AS) >> PAGE_SHIFT))
		return -E2BIG;
	return 0;
}

/*
 * execve(filename, argv, envp): replace the calling process's program
 * (Linux's do_execveat_common). What stays: PID, parent, open files (but O_CLOEXEC ones),
 * ignored signals, the blocked mask, pending signals. What goes: the
 * address space, handlers (back to SIG_DFL), the alternate signal stack,
 * TLS slots, FPU state. Returns -errno with the old program intact, or
 * does not return to it at all: past the point of no return a failure
 * (RLIMIT_AS or RLIMIT_DATA too small for the new image, RLIMIT_STACK for
 * its stack, no memory) kills the caller with SIGSEGV, as on Linux. The
 * strings are counted here and copied straight from the caller's memory
 * to the new stack (exec_program). An empty argv gets "" as argv[0], as
 * Linux 6.1 does.
 */
long sys_execve(const char *ufilename, char *const *uargv, char *const *uenvp)
{
	struct linux_binprm bprm = { .uargv = uargv, .uenvp = uenvp };
	char *scratch = kmalloc(PAGE_SIZE, GFP_KERNEL);
	const char *base;
	char *path;
	long len;
	int n, err;

	path = kmalloc(PATH_MAX, GFP_KERNEL);
	err = -ENOMEM;
	if (!path || !scratch)
		goto out;
	len = strncpy_from_user(path, ufilename, PATH_MAX);
	err = len < 0 ? -EFAULT : len >= PATH_MAX ? -ENAMETOOLONG : len == 0 ? -ENOENT : 0;
	if (err)
		goto out;
	n = count_strings(uargv, &bprm.len, scratch);
	if (n < 0) {
		err = n;
		goto out;
	}
	bprm.uargc = n;
	bprm.argc = n ? n : 1;
	if (n == 0)
		bprm.len++;     /* argv[0] = "" */
	n = count_strings(uenvp, &bprm.len, scratch);
	if (n < 0) {
		err = n;
		goto out;
	}
	bprm.envc = n;
	err = arg_limits(&bprm, (size_t)len + 1);
	if (!err)
		err = exec_program(current, path, &bprm);
	if (err) {
		if (bprm.point_of_no_return && err != -ENOEXEC)
			force_sigsegv(SIGSEGV);     /* Linux's bprm_execve: force_fatal_sig */
		goto out;
	}
	/* The point of no return is behind us: the rest of the old program goes. */
	base = strrchr(path, '/');
	strlcpy(current->comm, base ? base + 1 : path, sizeof(current->comm));
	signal_exec(current);
	current->robust_list = 0;       /* Linux's futex_exec_release */
	rseq_execve(current);
	do_close_on_exec(current);
	loadsegment(fs, 0);
	loadsegment(gs, 0);
	memset(current->tls, 0, sizeof(current->tls));
	load_tls(current);
	fpu_init_state(&current->fpu);  /* fninit: the live registers are ours */
	current->did_exec = true;
out:
	kfree(scratch);
	kfree(path);
	return err;
}
