/*
 * Swap entries in PTEs (include/linux/swapops.h): Linux 6.1's i386
 * non-PAE layout (type in bits 1-5, offset from bit 9), and never
 * confused with the other kinds of entry: an empty one, a present one, or
 * a PROT_NONE one, which holds its frame with _PAGE_PROTNONE set.
 */
#include "kunit/test.h"
#include "linux/memory.h"
#include "linux/mm.h"
#include "linux/swapops.h"

static void entries_round_trip_through_a_pte(struct ktest *t)
{
	static const unsigned long offsets[] = { 1, 2, 0x1ff, 0x200, 0x12345, (1UL << 23) - 1 };

	for (unsigned long type = 0; type < (1UL << MAX_SWAPFILES_SHIFT); type++) {
		for (unsigned int i = 0; i < sizeof(offsets) / sizeof(offsets[0]); i++) {
			swp_entry_t e = swp_entry(type, offsets[i]);
			pte_t pte = swp_entry_to_pte(e);

			KTEST_EXPECT_EQ(t, swp_type(pte_to_swp_entry(pte)), type);
			KTEST_EXPECT_EQ(t, swp_offset(pte_to_swp_entry(pte)), offsets[i]);
			KTEST_EXPECT_TRUE(t, is_swap_pte(pte));
			KTEST_EXPECT_FALSE(t, pte_present(pte) || pte_maps_frame(pte));
		}
	}
}

/* Linux's layout exactly: what its __swp_entry makes for type 3, offset 0x1234. */
static void the_layout_is_linux_i386(struct ktest *t)
{
	KTEST_EXPECT_EQ(t, swp_entry_to_pte(swp_entry(3, 0x1234)), (pte_t)((3 << 1) | (0x1234UL << 9)));
	KTEST_EXPECT_EQ(t, swp_max_pages(), 1UL << 23);        /* 23 offset bits: 32 GiB of slots per area */
}

/* A PROT_NONE entry for any frame is never a swap entry, and never empty. */
static void prot_none_is_never_a_swap_entry(struct ktest *t)
{
	pgprot_t none = vm_get_page_prot(0);

	KTEST_EXPECT_TRUE(t, none & _PAGE_PROTNONE);
	KTEST_EXPECT_FALSE(t, none & _PAGE_PRESENT);
	for (unsigned long pfn = 0; pfn < (1UL << 20); pfn += 0x3fff) {
		pte_t pte = pfn_pte(pfn, none);

		KTEST_EXPECT_FALSE(t, is_swap_pte(pte));
		KTEST_EXPECT_TRUE(t, pte_maps_frame(pte));
		KTEST_EXPECT_EQ(t, pte_pfn(pte), pfn);
	}
	KTEST_EXPECT_FALSE(t, is_swap_pte(0));
	KTEST_EXPECT_FALSE(t, is_swap_pte(pfn_pte(5, vm_get_page_prot(VM_READ))));
}

static struct ktest_case swapops_cases[] = {
	KTEST_CASE(entries_round_trip_through_a_pte),
	KTEST_CASE(the_layout_is_linux_i386),
	KTEST_CASE(prot_none_is_never_a_swap_entry),
	{}
};
KTEST_SUITE(swapops, swapops_cases);
