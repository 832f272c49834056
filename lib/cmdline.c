/*
 * Parse the multiboot command line Linux-style: words separated by
 * spaces, each "key=value" or "key", a value may be "double quoted".
 * Both QEMU's -kernel and GRUB put the image path first; that word is the
 * image name, not a parameter. A key nobody registered is reported.
 */
#include <stdbool.h>
#include "asm/multiboot.h"
#include "linux/errno.h"
#include "linux/init.h"
#include "linux/kstrtox.h"
#include "linux/printk.h"
#include "linux/string.h"

extern const struct kernel_param __setup_start[], __setup_end[];

const char *boot_image_name = "";
/* Words after "--" are arguments for init (Linux passes them the same way). */
char *init_argv[MAX_INIT_ARGS + 1];
int init_argc;
const char *init_args_overflow;        /* the first word past MAX_INIT_ARGS, or NULL */

static char *next_word(char **cursor)
{
	char *s = *cursor, *word;
	bool quoted = false;

	while (*s == ' ')
		s++;
	if (!*s)
		return NULL;
	word = s;
	for (; *s && (quoted || *s != ' '); s++)
		if (*s == '"')
			quoted = !quoted;
	if (*s)
		*s++ = '\0';
	*cursor = s;
	return word;
}

static void strip_quotes(char *v)
{
	char *out = v;

	for (char *in = v; *in; in++)
		if (*in != '"')
			*out++ = *in;
	*out = '\0';
}

static const struct kernel_param *find_param(const char *key)
{
	for (const struct kernel_param *p = __setup_start; p < __setup_end; p++)
		if (strcmp(p->name, key) == 0)
			return p;
	return NULL;
}

void parse_cmdline(char *cmdline)
{
	static char unknown[BOOT_CMDLINE_MAX];
	char *cursor = cmdline, *word;
	size_t ulen = 0;
	bool first = true;
	int err;

	while ((word = next_word(&cursor)) != NULL) {
		char *value = strchr(word, '=');
		const struct kernel_param *p;

		if (strcmp(word, "--") == 0) {
			while ((word = next_word(&cursor)) != NULL) {
				if (init_argc == MAX_INIT_ARGS) {
					init_args_overflow = word;
					break;
				}
				init_argv[init_argc++] = word;
			}
			break;
		}
		if (first && !value) {
			boot_image_name = word;
			first = false;
			continue;
		}
		first = false;
		if (value) {
			*value++ = '\0';
			strip_quotes(value);
		}
		p = find_param(word);
		if (!p) {
			ulen += (size_t)snprintf(unknown + ulen, sizeof(unknown) - min(ulen, sizeof(unknown)),
						 "%s%s%s%s", ulen ? " " : "", word,
						 value ? "=" : "", value ? value : "");
			if (ulen >= sizeof(unknown))
				ulen = sizeof(unknown) - 1;
			continue;
		}
		/* -ERANGE: the handler has said why. Either way nothing was applied. */
		err = p->setup(value);
		if (err && err != -ERANGE)
			pr_err("Malformed kernel command line option '%s%s%s': ignored\n",
			       word, value ? "=" : "", value ? value : "");
	}
	if (ulen)
		pr_warn("Unknown kernel command line parameters \"%s\", ignored\n", unknown);
}

/* loglevel=N: print messages below level N. 0..15, as Linux (15 is its CONSOLE_LOGLEVEL_MOTORMOUTH). */
static int parse_loglevel(char *v)
{
	int level;

	if (!v || kstrtoint(v, 10, &level))
		return -EINVAL;
	if (level < 0 || level > 15) {
		pr_err("loglevel=%s: out of range 0..15; ignored\n", v);
		return -ERANGE;
	}
	console_loglevel = level;
	return 0;
}
early_param("loglevel", parse_loglevel);
