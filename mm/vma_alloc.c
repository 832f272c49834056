/*
 * Linux's vm_area_cachep is in kernel/fork.c; here beside mm/vma.c, which the host tests build without it.
 *
 * Where the kernel's VMAs come from: their own slab cache, as in Linux
 * (vm_area_cachep), so /proc/slabinfo shows how many exist. Kept apart
 * from mm/vma.c, which the host tests build with malloc() instead.
 */
#include "linux/fs.h"
#include "linux/rmap.h"
#include "linux/slab.h"
#include "linux/vma.h"

static struct kmem_cache *vm_area_cachep;

void vma_cache_init(void)
{
	if (!vm_area_cachep)
		vm_area_cachep = kmem_cache_create("vm_area_struct", sizeof(struct vm_area_struct),
						   0, SLAB_PANIC, NULL);
}

struct vm_area_struct *vm_area_alloc(void)
{
	/* Also works before vma_cache_init(), e.g. from an early test. */
	vma_cache_init();
	return kmem_cache_alloc(vm_area_cachep, GFP_KERNEL | __GFP_ZERO);
}

/*
 * Free a VMA that has left (or never joined) its mm, taking it off the
 * reverse map and dropping the file reference it holds (Linux's
 * unlink_anon_vmas and unlink_file_vma in free_pgtables, then remove_vma:
 * fput, then vm_area_free).
 */
void vm_area_free(struct vm_area_struct *vma)
{
	unlink_vma_rmap(vma);
	if (vma->vm_file)
		fput(vma->vm_file);
	kmem_cache_free(vm_area_cachep, vma);
}
