/* What the /proc suites share (tests/kernel/proc_test.c defines them). */
#ifndef PROC_TEST_H
#define PROC_TEST_H

#include "kunit/test.h"

#define PROC_TEXT_MAX (64 * 1024)
extern char proc_text_buf[PROC_TEXT_MAX];

struct file;
/* Open path through proc_open and copy its text into proc_text_buf (NUL-terminated); the file stays open. */
struct file *proc_open_text(struct ktest *t, const char *path);
void proc_close(struct file *f);
/* The same, closed again: the text. */
const char *proc_read_all(struct ktest *t, const char *path);
/* Just past name at the start of a line of text, or NULL. */
const char *proc_field(const char *text, const char *name);
/* The number after name (spaces, tabs and a colon skipped); the case ends if there is no such line. */
unsigned long proc_value(struct ktest *t, const char *text, const char *name);
/* Fields of a one-line file split at spaces (the "(comm)" of stat is one), and the nth (1-based) as a number. */
int count_fields(const char *s);
unsigned long nth_field(const char *s, int n);

/*
 * A task of our own on the task list, PID PROC_TEST_PID ("proctest"), with
 * an mm: 8 anonymous pages (3 written, 1 read) at *anon, 1 read-only page
 * at *other, and its arguments and environment in the first page.
 */
#define PROC_TEST_PID 31999
struct task_struct;
struct task_struct *proc_make_task(struct ktest *t, unsigned long *anon, unsigned long *other);
void proc_drop_task(struct task_struct *p);

#endif
