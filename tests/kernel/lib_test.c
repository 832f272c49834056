/*
 * The kernel's own library: printk's formats (through snprintf), the
 * string functions, number parsing and the glob test= uses.
 */
#include "kunit/test.h"
#include "linux/printk.h"
#include "linux/string.h"

#define EXPECT_FMT(t, want, ...) do {					\
	char buf[64];							\
	snprintf(buf, sizeof(buf), __VA_ARGS__);			\
	KTEST_EXPECT_STREQ(t, buf, want);				\
} while (0)

static void printk_integer_formats(struct ktest *t)
{
	EXPECT_FMT(t, "42 -42 4294967254", "%d %i %u", 42, -42, -42);
	EXPECT_FMT(t, "ff FF 0xff 377", "%x %X %#x %o", 255, 255, 255, 255);
	EXPECT_FMT(t, "000000ff|c0100000", "%08x|%x", 255, 0xc0100000);
	EXPECT_FMT(t, "[   7][7   ][-0007]", "[%4d][%-4d][%05d]", 7, 7, -7);
	EXPECT_FMT(t, "+5  5", "%+d % d", 5, 5);
	EXPECT_FMT(t, "2147483648 -2147483648", "%lu %ld", 2147483648UL, (long)(-2147483647L - 1));
}

static void printk_64bit_formats(struct ktest *t)
{
	EXPECT_FMT(t, "18446744073709551615", "%llu", ~0ULL);
	EXPECT_FMT(t, "-9223372036854775808", "%lld", (long long)(-9223372036854775807LL - 1));
	EXPECT_FMT(t, "100000000", "%llx", 1ULL << 32);
}

static void printk_other_formats(struct ktest *t)
{
	EXPECT_FMT(t, "c0000000", "%p", (void *)0xc0000000);
	EXPECT_FMT(t, "[  ab][ab  ][a]", "[%4s][%-4s][%.1s]", "ab", "ab", "ab");
	const char *volatile nothing = NULL;    /* volatile: GCC would reject a known NULL for %s */

	EXPECT_FMT(t, "x 100% (null)", "%c %d%% %s", 'x', 100, nothing);
	EXPECT_FMT(t, "  3", "%*d", 3, 3);
}

static void snprintf_truncates(struct ktest *t)
{
	char buf[4];
	int n = snprintf(buf, sizeof(buf), "%s", "pagoda");

	KTEST_EXPECT_EQ(t, n, 6);
	KTEST_EXPECT_STREQ(t, buf, "pag");
}

static void string_functions(struct ktest *t)
{
	char a[16];

	KTEST_EXPECT_EQ(t, strlen("buddy"), 5);
	KTEST_EXPECT_LT(t, strcmp("abc", "abd"), 0);
	KTEST_EXPECT_EQ(t, strncmp("slab", "slub", 2), 0);
	KTEST_EXPECT_EQ(t, strlcpy(a, "vmalloc", 4), 7);
	KTEST_EXPECT_STREQ(t, a, "vma");
	memset(a, 'x', sizeof(a));
	KTEST_EXPECT_EQ(t, memcmp(a, "xxxxxxxxxxxxxxxx", 16), 0);
	/* overlapping moves, both ways: distinct bytes show a copy in the wrong direction */
	memcpy(a, "0123456789", 10);
	memmove(a + 1, a, 8);
	KTEST_EXPECT_EQ(t, memcmp(a, "0012345679", 10), 0);
	memcpy(a, "0123456789", 10);
	memmove(a, a + 2, 8);
	KTEST_EXPECT_EQ(t, memcmp(a, "2345678989", 10), 0);
	memset(a + 3, 'm', 4);
	KTEST_EXPECT_EQ(t, memcmp(a, "234mmmm989", 10), 0);
	KTEST_EXPECT_LT(t, memcmp("abc", "abd", 3), 0);
	KTEST_EXPECT_GT(t, memcmp("abd", "abc", 3), 0);

	const char *path = "a/b/c";
	KTEST_EXPECT_TRUE(t, strrchr(path, '/') == path + 3);   /* the last one, not the first */
	KTEST_EXPECT_TRUE(t, strchr(path, '/') == path + 1);
	KTEST_EXPECT_TRUE(t, strrchr(path, 'x') == NULL);
	KTEST_EXPECT_TRUE(t, strrchr(path, '\0') == path + 5);
}

static void number_parsing(struct ktest *t)
{
	char *end;

	KTEST_EXPECT_EQ(t, simple_strtoul("0x1f", &end, 0), 31);
	KTEST_EXPECT_EQ(t, simple_strtoul("017", &end, 0), 15);
	KTEST_EXPECT_EQ(t, simple_strtol("-12z", &end, 10), -12);
	KTEST_EXPECT_EQ(t, *end, 'z');
	KTEST_EXPECT_EQ(t, memparse("64M", &end), 64ULL << 20);
	KTEST_EXPECT_EQ(t, memparse("3584m", &end), 3584ULL << 20);
	KTEST_EXPECT_EQ(t, memparse("2G", &end), 2ULL << 30);
	KTEST_EXPECT_EQ(t, memparse("512k", &end), 512ULL << 10);
}

static void glob_matching(struct ktest *t)
{
	KTEST_EXPECT_TRUE(t, glob_match("*", "buddy"));
	KTEST_EXPECT_TRUE(t, glob_match("bud*", "buddy"));
	KTEST_EXPECT_TRUE(t, glob_match("b?ddy", "buddy"));
	KTEST_EXPECT_TRUE(t, glob_match("*dd*", "buddy"));
	KTEST_EXPECT_FALSE(t, glob_match("slab*", "buddy"));
	KTEST_EXPECT_FALSE(t, glob_match("bud", "buddy"));
}

static struct ktest_case lib_cases[] = {
	KTEST_CASE(printk_integer_formats),
	KTEST_CASE(printk_64bit_formats),
	KTEST_CASE(printk_other_formats),
	KTEST_CASE(snprintf_truncates),
	KTEST_CASE(string_functions),
	KTEST_CASE(number_parsing),
	KTEST_CASE(glob_matching),
	{}
};
KTEST_SUITE(lib, lib_cases);
