/* setup_arch_memory: the memory map, then the allocators (grows with issue 3). */
#include "kernel.h"
#include "mm/page.h"

struct page *mem_map;   /* one struct page per page frame, indexed by pfn */

void setup_arch_memory(void)
{
}
