/* The banner, as Linux's linux_banner: name, version, compiler. */
#include "linux/kernel.h"

#ifndef PAGODA_VERSION
#define PAGODA_VERSION "0.1"
#endif

const char pagoda_banner[] =
	"Pagoda version " PAGODA_VERSION " (" PAGODA_COMPILER ") i386 teaching kernel";
