/*
 * What every test program shares. A test prints TAP as Linux's kselftests
 * do: "TAP version 13", one line per check ("ok N what was checked = -EINVAL"),
 * "ok N # SKIP why" for a check that cannot be made here, and at the end the
 * plan "1..N" and "PASS: NAME (M checks)" (M counts passed checks, not skips).
 * The first failed check prints "not ok N what: got ..., want ..." and the
 * plan, and exits with status 1. tests/user.py judges each program by that
 * status and those lines.
 */
#ifndef CHECK_H
#define CHECK_H

#include <stddef.h>

#define KiB 1024UL
#define MiB (1024 * KiB)
/* Where the kernel's direct map starts on Pagoda (PAGE_OFFSET): user pointers must stay below. */
#define PAGE_OFFSET 0xC0000000UL
/* A raw system call result that is a -errno, not an address. */
#define IS_ERR(r) ((unsigned long)(r) >= -4095UL)

void check(int ok, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* A raw system call result (a -errno on failure) must equal want. */
void check_ret(long got, long want, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
void skip(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void fail(const char *fmt, ...) __attribute__((format(printf, 1, 2), noreturn));
int done(void);

/* "EINVAL" for EINVAL or -EINVAL. */
const char *errname(long err);

/* The kernel's free page count (Pagoda's syscall 400), or -1 on a kernel without it. */
long free_pages(void);
int on_pagoda(void);
/* The kernel is 64-bit (uname says x86_64): a 32-bit program there owns all 4 GiB and no 32-bit wrap exists. */
int on_x86_64(void);

/* One load or store at an exact address, for programs that expect to be killed by it. */
unsigned int peek(unsigned long addr);
void poke(unsigned long addr, unsigned int value);
unsigned long stack_pointer(void);

#endif
