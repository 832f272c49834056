/*
 * printk with Linux's log levels. A message starting with KERN_xxx is
 * printed only when its level is below console_loglevel (loglevel=).
 * Host-test builds map printk onto the C library's printf.
 */
#ifndef PAGODA_PRINTK_H
#define PAGODA_PRINTK_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include "linux/compiler.h"

#define KERN_SOH     "\001"
#define KERN_EMERG   KERN_SOH "0"
#define KERN_ALERT   KERN_SOH "1"
#define KERN_CRIT    KERN_SOH "2"
#define KERN_ERR     KERN_SOH "3"
#define KERN_WARNING KERN_SOH "4"
#define KERN_NOTICE  KERN_SOH "5"
#define KERN_INFO    KERN_SOH "6"
#define KERN_DEBUG   KERN_SOH "7"

#ifdef HOST_TEST
#include <stdio.h>
#define printk(...) printf(__VA_ARGS__)
#define kprintf(...) printf(__VA_ARGS__)
#else
extern int console_loglevel;
/*
 * Set while the monitor runs a command: what the user asked for (layout,
 * backtrace, a program's exit line) prints whatever loglevel= says, as
 * Linux's kdb and its ignore_loglevel option do.
 */
extern bool printk_ignore_loglevel;
__printf(1, 2) int printk(const char *fmt, ...);
__printf(1, 2) int kprintf(const char *fmt, ...);	/* ignores loglevel */
int vprintk(const char *fmt, va_list ap);
__printf(3, 4) int snprintf(char *buf, size_t size, const char *fmt, ...);
int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap);
#endif

#define pr_emerg(...) printk(KERN_EMERG __VA_ARGS__)
#define pr_err(...)   printk(KERN_ERR __VA_ARGS__)
#define pr_warn(...)  printk(KERN_WARNING __VA_ARGS__)
#define pr_notice(...) printk(KERN_NOTICE __VA_ARGS__)
#define pr_info(...)  printk(KERN_INFO __VA_ARGS__)
#define pr_debug(...) printk(KERN_DEBUG __VA_ARGS__)

#endif
