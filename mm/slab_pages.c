/*
 * Linux's kmem_getpages() is in mm/slab.c; apart here because the host tests supply their own pages.
 *
 * The slab allocator wired to the kernel: its pages come from the buddy
 * allocator through the direct map (the host tests supply their own, see
 * tests/host/slab_fake_pages.c; kmem_virt_to_page() is inline in
 * slab_def.h). Also the slab_debug boot option.
 */
#include "linux/errno.h"
#include "linux/init.h"
#include "linux/mm.h"
#include "linux/page_alloc.h"
#include "linux/slab_def.h"

/* Lowmem only: slab objects are used through their permanent address. */
void *kmem_getpages(gfp_t flags, unsigned int order)
{
	struct page *page = alloc_pages(flags & ~__GFP_HIGHMEM, order);

	return page ? page_address(page) : NULL;
}

void kmem_freepages(void *addr, unsigned int order)
{
	__free_pages(virt_to_page(addr), order);
}

void *kmem_page_address(const struct page *page)
{
	return page_address(page);
}

/* slab_debug: red zones and poison in every cache (Linux: slub_debug=ZP). */
static int parse_slab_debug(char *v)
{
	if (v)
		return -EINVAL;	/* takes no value: "slab_debug=x" changes nothing */
	slab_debug_flags = SLAB_DEBUG_FLAGS;
	return 0;
}
early_param("slab_debug", parse_slab_debug);
