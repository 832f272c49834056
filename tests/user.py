"""User-mode tests: boot each program in build/initrd.cpio as init (through
tools/run-user) and judge it from outside, by its exit status and output.

- user/tests/NAME (libc tests, TAP as kselftests print it): status 0, a
  "PASS: NAME" line, no "not ok" line; "ok N # SKIP why" lines are reported
  as skips, not passes.
- user/tests/die_NAME: killed; for page faults, status 139 and the kernel's
  `NAME[PID]: segfault at ADDR ip IP sp SP error CODE` line with the error
  code and address expected (the program prints the address it touches).
- /bin and /glibc programs: status and output lines, in order.
Every run must end with the kernel's `pagoda: init exited with status N`
line, without an oops, a panic or a page leak.

`python3 tests/user.py [NAME...]` runs them alone (NAME: a test's label or a
prefix of it). `--native` runs the same programs on this Linux host instead
(chroot into build/user/root, as root), checking the table's expectations
for Linux: real Linux is the oracle for what a program should do. `--linux`
runs every program with linux=True on Debian's real Linux 6.1 i386 kernel in
the same QEMU (tools/linux_oracle.py), a few boots in all, and judges each by
the same expectations as on Pagoda: `make test` runs this too.
"""
import importlib.machinery
import importlib.util
import os
import re
import stat
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "tools"))
import linux_oracle  # noqa: E402

RUN_USER = os.path.join(ROOT, "tools", "run-user")
INITRD = os.path.join(ROOT, "build", "initrd.cpio")
STAGING = os.path.join(ROOT, "build", "user", "root")
MOTD = os.path.join(ROOT, "user", "rootfs", "etc", "motd")
MEM_MIB = 256
FUZZ_SEEDS = (1, 2, 3)          # make test: each seed at 16 and 256 MiB
FUZZ_CALLS = 10000
WORKERS = 2
# Linux boots: the programs are shared out among this many, run two at a time.
LINUX_BOOTS = 2
# Guest seconds each program may take on Linux (tools/linux_oracle.py); the
# whole suite takes under one.
LINUX_TIMEOUT = 5

INIT_EXITED = re.compile(r"^pagoda: init exited with status (\d+)$", re.M)
SEGFAULT = re.compile(r"(\S+)\[(\d+)\]: segfault at ([0-9a-f]+) ip (?:0x)?([0-9a-f]+) "
                      r"sp (?:0x)?([0-9a-f]+) error ([0-9a-f]+)")
TOUCHING = re.compile(r"^die_\w+: (?:reading|writing|jumping to) address (0x[0-9a-f]+)"
                      r"(?: with %esp at (0x[0-9a-f]+))?$", re.M)
NOT_OK = re.compile(r"^(?:not ok \d+ |FAIL: ).*$", re.M)   # FAIL: from a program's own printf
SKIPPED = re.compile(r"^ok \d+ # SKIP (.*)$", re.M)
KERNEL_TROUBLE = re.compile(r"^.*(BUG: |Oops|Kernel panic|kernel panic|LEAK:).*$", re.M)


# The OOM killer's report, as Linux 6.1's dump_header, dump_tasks and __oom_kill_process print it
# (oomkill's first round: PID 4, at oom_score_adj 1000, killed while PID 5 grows; PID 2 is kthreadd,
# 3 kswapd0).
OOMKILL_LINES = [
    re.compile(r"oomkill invoked oom-killer: gfp_mask=0x[0-9a-f]+\(GFP_HIGHUSER\S*\), order=0, oom_score_adj=0"),
    "Tasks state (memory values in pages):",
    "[  pid  ]   uid  tgid total_vm      rss pgtables_bytes swapents oom_score_adj name",
    re.compile(r"\[      4\]     0     4 +\d+ +\d+ +\d+ +0          1000 oomkill"),
    re.compile(r"\[      5\]     0     5 +\d+ +\d+ +\d+ +0             0 oomkill"),
    "oom-kill:constraint=CONSTRAINT_NONE,nodemask=(null),task=oomkill,pid=4,uid=0",
    re.compile(r"Out of memory: Killed process 4 \(oomkill\) total-vm:\d+kB, anon-rss:\d+kB, file-rss:\d+kB, "
               r"shmem-rss:\d+kB, UID:0 pgtables:\d+kB oom_score_adj:1000"),
    "oom_reaper: reaped process 4 (oomkill), now anon-rss:0kB, file-rss:0kB, shmem-rss:0kB",
    # the fourth round: the hog at -1000 alone (PID 12), where Linux would panic
    "Out of memory and no killable processes...",
    re.compile(r"Out of memory: Killed process 12 \(oomkill\) .* oom_score_adj:-1000"),
]


class Test:
    """One boot: PROG ARGS as init, and what must come out of it.

    status: the exit status (or a tuple of acceptable ones); segv: the page
    fault error code when the program must die of a segfault; lines: output
    lines that must appear, in order. native_*: where Linux on this host
    differs (an x86-64 kernel: 32-bit programs own all 4 GiB below 0xffffe000,
    and there is NX).
    linux: False for a program that is not a system-call conformance test
    (it uses Pagoda's own system calls or measures Pagoda), so it is not run
    on real Linux i386; every other program must pass there too.
    mem: the machine's memory in MiB.
    linux_args: the arguments on real Linux, when they must differ (the
    oracle's clock starts at a fixed date).
    linux_init: on real Linux, run it as PID 1 of a new PID namespace, the
    init it is on Pagoda (for programs about processes: orphans, getppid,
    sessions); otherwise it is a child of the oracle's init there.
    """

    def __init__(self, prog, args=(), label=None, status=0, segv=None, lines=(), libc_test=None,
                 timeout=60, native_status=None, native_segv="same", linux=True, mem=MEM_MIB,
                 linux_args=None, linux_init=False):
        self.prog = prog
        self.args = list(args)
        self.label = label or os.path.basename(prog)
        self.status = status
        self.segv = segv
        self.lines = list(lines)
        self.libc_test = prog.startswith("/tests/") if libc_test is None else libc_test
        self.timeout = timeout
        self.native_status = status if native_status is None else native_status
        self.native_segv = segv if native_segv == "same" else native_segv
        self.linux = linux
        self.mem = mem
        self.linux_args = self.args if linux_args is None else list(linux_args)
        self.linux_init = linux_init


def libc(name, *args, **kw):
    return Test("/tests/" + name, args, **kw)


def dies(name, error, **kw):
    return Test("/tests/" + name, status=139, segv=error, libc_test=False, **kw)


def killed(name, status):
    return Test("/tests/" + name, status=status, libc_test=False)


def fuzz(seed, mem, calls=FUZZ_CALLS, tls=False, timeout=60, children=False):
    """The system-call fuzzer: it must finish (no panic, hang or leak) with no impossible result.
    tls: -t, load the TLS segments it makes into %fs/%gs; children: -p, fork, vfork, clone
    and execve too."""
    return Test("/tests/fuzz", (["-t"] if tls else []) + (["-p"] if children else []) +
                ["-n", str(calls), str(seed)],
                label="fuzz-%d-%dM%s%s" % (seed, mem, "-tls" if tls else "", "-proc" if children else ""),
                libc_test=False, linux=False, mem=mem, timeout=timeout,
                lines=["fuzz: no child left", "fuzz: seed %d: %d calls made" % (seed, calls),
                       "fuzz: 0 wrong results"])


def motd_lines():
    with open(MOTD) as f:
        return [line.rstrip("\n") for line in f if line.strip()]


GLIBC_FILES = ["fopen and fgets read /etc/motd: ok", "stat sees a regular file: ok", "readdir lists /etc: ok",
               "chdir and getcwd: ok", "readlink of a relative link: ok",
               "access follows it; the root is writable: ok",
               "a file made, written, read back and removed in /tmp: ok",
               "dup2, fcntl, close: ok", "a pipe to a forked child: ok", "glibc-files: all ok"]
GLIBC_HELLO = ['Hello from glibc: printf("%d %s %5.2f") = "42 pagoda  3.14"',
               "argv[0] = /glibc/hello", "argv[1] = a", "argv[2] = b", "exiting with status 42"]
GLIBC_MALLOC = ["1000 small blocks allocated and filled: ok",
                "half of them freed, the other half intact: ok",
                "4 large blocks (128 KiB to 5 MiB) allocated and filled: ok",
                "500 small blocks tripled with realloc, contents kept: ok",
                "a 5 MiB block grown to 9 MiB with realloc, contents kept: ok",
                "a 300 KiB block shrunk to 1000 bytes with realloc, contents kept: ok",
                "everything freed: ok",
                "calloc(1000, 1000) is zero: ok",
                "summary: 1909353 bytes in 1000 small blocks, 0 failures"]

GLIBC_SIGNALS = ["raise: handler saw signal 10, computed 73811.0; mine is still 5.0",
                 "blocked: pending", "unblocked: delivered",
                 "SIGSEGV at the address, code SEGV_MAPERR", "back from siglongjmp",
                 "a child's abort(): killed by signal 6"]

# The wall clock the clock test compares CLOCK_REALTIME with: this host's on
# Pagoda (QEMU's RTC follows it), the fixed -rtc base on the Linux oracle
# (tools/linux_oracle.py: 2023-01-01T00:00:00 UTC).
HOST_EPOCH = str(int(time.time()))
LINUX_ORACLE_EPOCH = "1672531200"

GLIBC_TIMEOFDAY = ["time() is in 2023 or later: ok", "clock_gettime, gettimeofday and time agree: ok",
                   "sleep(1) slept at least a second: ok", "usleep(20000) slept at least 20 ms: ok",
                   "getrusage counts the user time spent: ok", "clock() counts it too: ok"]

TESTS = [
    libc("loader", "one", "two", "three"),
    libc("exitcode", "0", label="exitcode-0", status=0, libc_test=False,
         lines=["exitcode: exiting with 0 via group"]),
    libc("exitcode", "42", "exit", label="exitcode-42-exit", status=42, libc_test=False),
    libc("exitcode", "255", "group", label="exitcode-255-group", status=255, libc_test=False),
    libc("exitcode", "256", "group", label="exitcode-256-is-0", status=0, libc_test=False),
    libc("exitcode", "7", "return", label="exitcode-7-return", status=7, libc_test=False),
    libc("syscalls"),
    libc("clock", HOST_EPOCH, linux_args=[LINUX_ORACLE_EPOCH]),
    libc("nanosleep"),
    libc("rusage"),
    libc("itimer"),
    libc("alarm"),          # needs the signal code (kernel/signal.c): rt_sigaction and delivery
    libc("files"),
    libc("termios"),        # the terminal's ioctls and job control (drivers/tty/)
    # tests/tty.py types at ttyjob; alone, with nothing typed, its spin mode runs to the end
    Test("/tests/ttyjob", ["spin", "1"], label="ttyjob-spin", lines=["spin: spinning", "spin: done"],
         libc_test=False, linux=False),
    libc("rw_partial"),
    libc("open_errors"),
    libc("paths"),
    libc("stat_family"),
    libc("dirs"),
    libc("namei_ro"),       # the namespace calls on a read-only mount: Linux's order of errors
    libc("tmpfs"),          # mm/shmem.c mounted on /tmp: files, links, limits, EBUSY, read-only
    # the data-safety stress program on tmpfs: 4 processes change files at once, read them back;
    # deleting them gives every page back (on ext2: tests/datasafe_test.py)
    libc("ext2stress", "/tmp", "4", "200", "13", "clean", label="ext2stress-tmpfs"),
    libc("fds"),
    libc("pipes"),
    libc("select_fds"),
    libc("devfiles"),
    libc("kthreadd"),       # kernel threads: PID 2 in /proc (kernel/kthread.c)
    # with a disk: tests/ext2_test.py writeback; no disk: no flusher, the knobs alone
    libc("writeback", "nodisk", label="writeback-nodisk", linux=False),
    libc("blockdev", "nodisk", label="blockdev-nodisk"),  # with disks: tests/disk_test.py
    libc("swap", "nodisk", label="swap-nodisk"),  # with disks: tests/swap_test.py
    libc("swaphog", "swappiness", label="swaphog-swappiness"),  # vm.swappiness; the rest: tests/kswapd_test.py
    # with a disk: tests/ext2_test.py; the Linux oracle loads no ext2 driver (Debian's is ext4.ko): ENODEV there
    libc("ext2", "nodisk", label="ext2-nodisk", linux=False),
    libc("sbrk"),
    libc("brk_gap"),
    libc("mmap"),
    libc("mremap"),
    libc("vmafile"),        # a file VMA holds its file: an unlinked tmpfs file's pages back at the last munmap
    libc("shmem_anon"),     # MAP_SHARED|MAP_ANONYMOUS and /dev/zero are shmem files; /dev/shm between processes
    libc("mremap_dontunmap"),
    libc("vma_merge"),
    libc("mmap_validate"),
    libc("mprotect_args"),
    libc("madvise"),
    libc("mlock"),          # mlock, mlock2, munlock, mlockall: errnos, VmLck, Mlocked, RLIMIT_MEMLOCK
    libc("mincore"),
    libc("efault"),
    libc("fuzzfound"),
    libc("stack"),
    libc("growsdown"),
    libc("malloc"),
    libc("demand"),
    libc("enomem", timeout=120),
    # Out of RAM: mmap may say ENOMEM (status 0) or the kernel kills the program (SIGKILL, 137).
    libc("oom", libc_test=False, timeout=120),
    # The OOM killer (mm/oom_kill.c): oom_score_adj 1000 is chosen first, -1000 never; Linux's log lines.
    libc("oomkill", linux=False, mem=32, timeout=120, lines=OOMKILL_LINES),
    libc("overcommit"),
    libc("oom_score_adj"),
    dies("die_read_null", 4),
    dies("die_write_null", 6),
    dies("die_read_kern", 5, native_segv=4),
    dies("die_write_kern", 7, native_segv=6),
    dies("die_write_text", 7),
    dies("die_jump_unmap", 4, native_segv=0x14),
    dies("die_jump_kern", 5, native_segv=0x15),
    dies("die_mprotect", 7),
    dies("die_munmap_mid", 4),
    dies("die_brk_shrunk", 6),
    dies("die_stack_far", 6),
    dies("die_stack_gap", 6, lines=["die_stack_gap: grown to exactly stack_guard_gap above the page below"]),
    dies("die_stack_rlimit", 6, lines=["die_stack_rlimit: grown to exactly 8 MiB"]),
    dies("die_stack_limit", 6),
    killed("die_ud2", 132),
    killed("die_div0", 136),
    killed("die_gpf", 139),
] + [
    # The trap gates user mode may use (DPL 3, as in Linux): int3 is SIGTRAP,
    # the overflow trap SIGSEGV.
    Test("/tests/die_trap", [what], label="die_trap-" + what, status=status, libc_test=False)
    for what, status in (("int3", 133), ("int-3", 133), ("into", 139), ("int-4", 139))
] + [
    libc("tls"),
    killed("die_tls_freed", 139),
] + [
    Test("/tests/die_selector", [what], label="die_selector-" + what, status=139, libc_test=False)
    for what in ("gs-empty", "fs-ldt", "gs-beyond", "ds-kernel", "ss-null")
] + [
    # Fork until fork fails: each child is killed and reaped, the kernel lives on.
    libc("forkbomb", linux_init=True, mem=16, timeout=300, label="forkbomb-16M"),
    libc("forkbomb", linux_init=True, timeout=300, linux=False, label="forkbomb-256M"),
] + [
    libc("populate"),
    libc("eflags", lines=["eflags: written with the direction flag set"]),
] + [
    Test("/tests/die_populate", [what], label="die_populate-" + what, status=139, segv=error,
         libc_test=False)
    for what, error in (("none-read", 4), ("none-write", 6), ("read-write", 7),
                        ("file-none-read", 4), ("file-read-write", 7))
] + [
    libc("filemap"),
    # truncation reaches every mapping of a file: moved, split, in a child, a private copy (the reverse map)
    libc("mapped_truncate"),
    libc("pagecache"),
    # execve of a copy in /tmp: headers read through the page cache; cut copies, no x permission
    libc("exec_tmp"),
    # MAP_POPULATE file mappings across fork: shared pages shared, writable private ones copied up front
    libc("map_populate"),
    # execve of "#!" scripts: argv as binfmt_script builds it, the 256-byte line, nesting, errnos
    libc("binfmt_script"),
    libc("pagecache_share", linux=False),
    libc("signal_calls"),
    libc("signal_handlers"),
    libc("signal_faults"),
    libc("signal_fpu"),
    libc("signal_sigreturn"),
    libc("signal_children"),
    libc("signal_init", linux_init=True),
] + [
    # Killed by a signal its fault raised: 128 + its number
    Test("/tests/die_signal", [what], label="die_signal-" + what, status=status, libc_test=False)
    for what, status in (("segv-blocked", 139), ("segv-ignored", 139), ("frame-unwritable", 139),
                         ("segv-frame-unwritable", 139), ("sigreturn-unreadable", 139),
                         ("rt-sigreturn-unreadable", 139), ("fpstate-unreadable", 139),
                         ("cs-null", 132), ("ss-null", 132))
] + [
    # identity, resource limits, system information
    libc("identity"),
    libc("rlimits"),
    libc("exec_limits", timeout=120),
    libc("sysinfo"),
    # 6 s of spinning: more than the Linux oracle's 5 s per program
    libc("sysinfo", "load", label="sysinfo-load", linux=False),
    libc("uname"),
] + [
    # fork's copy-on-write: contents on both sides, page counts on Pagoda
    libc("fork_cow", timeout=120),
    libc("sched_rr"),
    libc("sleepers"),
    # /proc as a program reads it
    libc("proc"),
    # /proc/PID/fd, fdinfo, cwd, root, exe, limits; reaped files, comm writes
    libc("proc_fds"),
    # open of /proc/self/fd/N: the file itself (unlinked, renamed), a pipe opened again
    libc("proc_fd_reopen"),
    # /proc/cpuinfo's cpu MHz and bogomips: the TSC measured at boot
    libc("cpuinfo"),
    # set_robust_list, get_robust_list, rseq and clone3: what static glibc calls at start
    libc("start_calls"),
    # /proc/sys/vm: the dirty limits' ranges and errnos, drop_caches, min_free_kbytes
    libc("sysvm"),
    # how a write to /proc/sys is parsed: no bytes, blanks, what is left, offsets
    libc("sysctl_write"),
    libc("reboot"),         # argument checks only: it runs in Linux's own PID namespace, not as init
] + [
    # Processes: each runs as init on Linux too (PID 1 of a new PID namespace).
    libc(name, linux_init=True) for name in ("fork", "vfork", "clone", "execve", "wait", "orphan", "pgrp",
                                                   "process_edges",
                                                   "fork_cycles", "process_args")
] + [
    # SIGBUS: status 135, and Linux logs no line for it
    Test("/tests/die_filemap", [what], label="die_filemap-" + what, status=135, libc_test=False)
    for what in ("read-page-2", "write-page-2", "read-4g")
] + [
    Test("/bin/echo", ["hello", "pagoda"], lines=["hello pagoda"]),
    # The benchmark runs here without -icount only to prove it works (make bench measures).
    Test("/bin/membench", [], lines=["membench: 8 benchmarks done"], linux=False),
    Test("/bin/procbench", [], lines=["procbench: 4 benchmarks done"], linux=False),
    Test("/bin/pipebench", [], lines=["pipebench: 1 benchmark done"], linux=False),
    Test("/bin/showmaps", lines=["showmaps: done"], linux=False),
    # as init it exits with children left: Pagoda kills and reaps them (Linux would panic: init exited)
    # (its children are 4 and 5: PID 2 is kthreadd's, 3 kswapd0's)
    Test("/bin/spawn", ["2"], lines=["spawn: child 4", "spawn: child 5", "run: killing 2 processes left behind"],
         linux=False),
    Test("/bin/cat", ["/etc/motd"], lines=motd_lines()),
    Test("/bin/cat", ["/etc/nothing"], label="cat-missing-file", status=1,
         lines=["cat: /etc/nothing: No such file or directory"]),
    Test("/glibc/hello", ["a", "b"], label="glibc-hello", status=42, lines=GLIBC_HELLO),
    Test("/glibc/malloc", label="glibc-malloc", lines=GLIBC_MALLOC),
    Test("/glibc/signals", label="glibc-signals", lines=GLIBC_SIGNALS),
    Test("/glibc/timeofday", label="glibc-timeofday", lines=GLIBC_TIMEOFDAY),
    # prints /proc files as they are (tests/kernel/proc_linux61.h was made with it on Linux);
    # on Pagoda once the VFS opens /proc (glibc opens with openat)
    Test("/glibc/procdump", ["/proc/self/comm"], label="glibc-procdump",
         lines=["==> /proc/self/comm <==", "procdump", "==> end <=="]),
    Test("/glibc/files", label="glibc-files", lines=GLIBC_FILES),
] + [fuzz(seed, mem) for seed in FUZZ_SEEDS for mem in (16, 256)] + [
    fuzz(4, mem, tls=True) for mem in (16, 256)     # with the TLS segments it makes loaded
] + [
    fuzz(5, mem, children=True) for mem in (16, 256)    # forking children it kills and reaps
]


def fuzz_campaign(calls, per_boot=100000, tls_boots=2, proc_boots=2):
    """make fuzz: CALLS calls in all, in boots of per_boot calls, each with its own seed (1000,
    1001, ...), alternating 16 and 256 MiB; then tls_boots more with -t (loading the TLS segments
    the fuzzer makes into %fs/%gs, which the return to user mode must survive), and proc_boots
    with -p (children: fork, vfork, clone, execve)."""
    boots = (calls + per_boot - 1) // per_boot
    plain = [fuzz(1000 + i, (16, 256)[i % 2], min(per_boot, calls - i * per_boot), timeout=600)
             for i in range(boots)]
    return plain + [fuzz(2000 + i, (16, 256)[i % 2], per_boot, tls=True, timeout=600)
                    for i in range(tls_boots)] + [
        fuzz(3000 + i, (16, 256)[i % 2], per_boot, children=True, timeout=600) for i in range(proc_boots)]


def wanted_status(status):
    return status if isinstance(status, tuple) else (status,)


def judge(t, status, out, segv_lines, native):
    """What is wrong with one run, as a list of complaints (empty: passed)."""
    bad = []
    want = wanted_status(t.native_status if native else t.status)
    if status not in want:
        bad.append("status %s, want %s" % (status, " or ".join(map(str, want))))
    if t.libc_test:
        fail = NOT_OK.search(out)
        if fail:
            bad.append(fail.group(0))
        elif not re.search(r"^PASS: %s \(\d+ checks\)$" % re.escape(os.path.basename(t.prog)), out, re.M):
            bad.append("no PASS line")
    at = 0
    lines = out.splitlines()
    for want_line in t.lines:
        try:
            if isinstance(want_line, re.Pattern):     # a line that matches it, whole
                at = next(i for i in range(at, len(lines)) if want_line.fullmatch(lines[i])) + 1
            else:
                at = lines.index(want_line, at) + 1
        except (ValueError, StopIteration):
            bad.append("missing line %r" % (want_line.pattern if isinstance(want_line, re.Pattern) else want_line))
            break
    error = t.native_segv if native else t.segv
    if error is not None and segv_lines is not None:
        bad += judge_segfault(t, error, out, segv_lines)
    return bad


def report_skips(results, name, out):
    """A TAP skip is neither a pass nor a failure: say it under its own word."""
    for why in SKIPPED.findall(out):
        if hasattr(results, "skip"):
            results.skip(name, why)
        else:
            print("skip   %s: %s" % (name, why), flush=True)


def judge_segfault(t, error, out, segv_lines):
    if not segv_lines:
        return ["no 'segfault at' line"]
    comm, _, addr, ip, sp, code = segv_lines[0]
    bad = []
    if int(code, 16) != error:
        bad.append("error %s, want %x" % (code, error))
    if comm != os.path.basename(t.prog)[:15]:
        bad.append("segfault line names %r" % comm)
    touched = TOUCHING.search(out)
    if touched and int(addr, 16) != int(touched.group(1), 16):
        bad.append("segfault at %s, but the program touched %s" % (addr, touched.group(1)))
    if touched and touched.group(2) and int(sp, 16) != int(touched.group(2), 16):
        bad.append("sp %s, but the program set %%esp to %s" % (sp, touched.group(2)))
    if os.path.basename(t.prog).startswith("die_jump_") and int(ip, 16) != int(addr, 16):
        bad.append("ip %s should be the address jumped to" % ip)
    return bad


def run_pagoda(t, logs, kernel=None, append=""):
    """What is wrong with the program's run on Pagoda (empty: passed)."""
    return boot_pagoda(t, logs, kernel, append)[0]


def boot_pagoda(t, logs, kernel=None, append=""):
    """(complaints, output) of one boot; append: more kernel command-line words."""
    tag = "-" + append.replace(" ", "-").replace("=", "_") if append else ""
    log = os.path.join(logs, "user%s-%s.log" % (tag, t.label))
    cmd = [RUN_USER, "--mem", str(t.mem), "--timeout", str(t.timeout), "--log", log]
    if kernel:
        cmd += ["--kernel", kernel]
    if append:
        cmd += ["--append", append]
    proc = subprocess.run(cmd + [t.prog] + t.args, capture_output=True, text=True,
                          errors="replace", stdin=subprocess.DEVNULL)
    out = proc.stdout.replace("\r", "")
    m = INIT_EXITED.search(out)
    if not m:
        tail = (proc.stderr.strip().splitlines() or ["?"])[-1]
        return ["init never reported its exit: %s" % tail], out
    bad = judge(t, int(m.group(1)), out, SEGFAULT.findall(out), native=False)
    # The programs skip a check only where another kernel lacks something
    # Pagoda has (its free page count, say): on Pagoda a skip is a check not made.
    skipped = SKIPPED.search(out)
    if t.libc_test and skipped:
        bad.append("a check was skipped on Pagoda: " + skipped.group(1))
    trouble = KERNEL_TROUBLE.search(out)
    if trouble:
        bad.append("kernel: " + trouble.group(0).strip())
    return bad, out


def dmesg():
    proc = subprocess.run(["dmesg"], capture_output=True, text=True)
    return proc.stdout if proc.returncode == 0 else None


def run_native(t, logs):
    """The same program on this Linux host, in a chroot of the initrd's files: (complaints, output)."""
    path = os.path.join(STAGING, t.prog.lstrip("/"))
    proc = subprocess.Popen(["chroot", STAGING, t.prog] + t.args, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, text=True,
                            errors="replace")
    out, _ = proc.communicate(timeout=t.timeout)
    with open(os.path.join(logs, "native-%s.log" % t.label), "w") as f:
        f.write(out)
    status = proc.returncode if proc.returncode >= 0 else 128 - proc.returncode
    segv_lines = None
    if t.native_segv is not None:
        time.sleep(0.2)         # let the kernel's log line land
        log = dmesg()
        if log is not None:
            mine = re.compile(r"%s\[%d\]: segfault" % (re.escape(os.path.basename(path)[:15]), proc.pid))
            # Linux rate-limits these lines: one that is missing is not checked.
            segv_lines = [s for line in log.splitlines() if mine.search(line)
                          for s in SEGFAULT.findall(line)] or None
    return judge(t, status, out, segv_lines, native=True), out


def run_linux(tests, logs):
    """The programs on real Linux i386, LINUX_BOOTS boots; yields (test, complaints)."""
    batches = [tests[i::LINUX_BOOTS] for i in range(LINUX_BOOTS)]
    batches = [b for b in batches if b]
    vmlinuz = linux_oracle.kernel()     # fetched once, before the boots run side by side

    def boot(n_batch):
        n, batch = n_batch
        entries = [linux_oracle.Entry(t.label, t.prog, t.linux_args, LINUX_TIMEOUT, t.linux_init)
                   for t in batch]
        log = os.path.join(logs, "linux-boot%d.log" % n)
        return batch, linux_oracle.boot(entries, os.path.join(ROOT, "build", "linux", "work"), log=log,
                                        vmlinuz=vmlinuz)

    with ThreadPoolExecutor(max_workers=WORKERS) as pool:
        for batch, (runs, _, problem) in pool.map(boot, enumerate(batches)):
            for t, r in zip(batch, runs):
                with open(os.path.join(logs, "linux-%s.log" % t.label), "w") as f:
                    f.write(r.output)
                yield t, judge_linux(t, r, problem)


def judge_linux(t, r, problem):
    if r.timed_out:
        return ["timed out after %d s (guest time)" % LINUX_TIMEOUT]
    if r.status is None:
        return ["never finished: %s" % (problem or "no exit line from the init")]
    bad = judge(t, r.status, r.output, SEGFAULT.findall(r.output), native=False)
    trouble = KERNEL_TROUBLE.search(r.output)
    if trouble:
        bad.append("kernel: " + trouble.group(0).strip())
    return bad


def expectations_cover_initrd(results):
    """Every test program in the initrd has a line in TESTS."""
    loader = importlib.machinery.SourceFileLoader("run_user", RUN_USER)
    spec = importlib.util.spec_from_loader("run_user", loader)
    run_user = importlib.util.module_from_spec(spec)
    loader.exec_module(run_user)
    known = {t.prog for t in TESTS}
    # BusyBox (/bin/busybox and its applets, symbolic links) is tests/shell.py's.
    for name, mode, _ in run_user.initrd_members(INITRD):
        if not stat.S_ISREG(mode) or name == "bin/busybox":
            continue
        if name.startswith(("tests/", "glibc/", "bin/")) and "/" + name not in known:
            results.record("user/" + os.path.basename(name), False, "no expectation in tests/user.py")


# The programs `make test` runs once more with the slab_debug boot option
# (red zones and poison on every cache, which move objects within their
# slots): the ones that make the kernel allocate (tasks, VMAs, files, TLS,
# page tables) or die, without the slow out-of-memory runs.
SLAB_DEBUG_RUN = ["loader", "syscalls", "files", "sbrk", "mmap", "mremap", "efault", "stack",
                  "malloc", "demand", "tls", "populate", "eflags", "filemap", "die_write_null",
                  "die_tls_freed", "cat", "glibc-hello", "glibc-malloc", "paths", "fds", "pipes", "glibc-files"]


def run_all(results, logs, only=None, native=False, kernel=None, linux=False, append="",
            table=None):
    """Run the tests (those whose label starts with one of only, or all): on
    Pagoda, on this host (native) or on real Linux i386 (linux); append: more
    kernel command-line words for Pagoda, which also name the results; table:
    the tests to choose from (default TESTS)."""
    if not os.path.isfile(INITRD):
        results.record("user/initrd", False, "no %s: run `make user`" % INITRD)
        return
    if native and os.geteuid() != 0:
        results.record("user/native", False, "--native needs root, for chroot")
        return
    tests = [t for t in table or TESTS if not only or any(t.label.startswith(o) for o in only)]
    for o in only or ():
        if not any(t.label.startswith(o) for t in table or TESTS):
            results.record("user/%s" % o, False, "no such test in tests/user.py")
    if native:      # never the fuzzer (or any non-conformance program) on this machine
        tests = [t for t in tests if t.linux]
    if linux:
        tests = [t for t in tests if t.linux]
        start = time.time()
        try:
            for t, bad in run_linux(tests, logs):
                results.record("user/linux/%s" % t.label, not bad, "; ".join(bad))
        except linux_oracle.OracleError as e:
            results.record("user/linux", False, "cannot run the programs on real Linux: %s" % e)
            return
        print("#   real Linux (%s): %d programs in %d boots, %.1f s" % (
            linux_oracle.version(), len(tests), min(LINUX_BOOTS, len(tests)), time.time() - start))
        return

    def one(t):
        return t, (run_native(t, logs) if native else boot_pagoda(t, logs, kernel, append))

    prefix = "native/" if native else (append.split()[0].split("=")[0] + "/" if append else "")
    with ThreadPoolExecutor(max_workers=WORKERS) as pool:
        for t, (bad, out) in pool.map(one, tests):
            name = "user/%s%s" % (prefix, t.label)
            results.record(name, not bad, "; ".join(bad))
            if t.libc_test:
                report_skips(results, name, out)
    if not only and not table:
        expectations_cover_initrd(results)


class Results:
    """The same lines tests/run prints, for running this file alone."""

    def __init__(self):
        self.passed = 0
        self.failed = []

    def record(self, name, ok, detail=""):
        if ok:
            self.passed += 1
            print("ok     %s" % name, flush=True)
        else:
            self.failed.append(name)
            print("FAIL   %s%s" % (name, "  (" + detail + ")" if detail else ""), flush=True)


def main(argv):
    import argparse
    p = argparse.ArgumentParser(description="Run the user-mode tests alone.")
    p.add_argument("only", nargs="*", metavar="NAME", help="run only tests whose label starts with NAME")
    p.add_argument("--native", action="store_true", help="run on this Linux host instead (root: chroot)")
    p.add_argument("--linux", action="store_true",
                   help="run on Debian's Linux 6.1 i386 in QEMU instead (tools/linux-kernel fetches it)")
    p.add_argument("--kernel", metavar="FILE", help="kernel ELF for tools/run-user (default: build/kernel.elf)")
    p.add_argument("--append", default="", metavar="WORDS",
                   help="more kernel command-line words, e.g. slab_debug")
    p.add_argument("--fuzz", type=int, metavar="CALLS",
                   help="run only the system-call fuzzer, CALLS calls over several boots (make fuzz)")
    a = p.parse_args(argv)
    logs = os.path.join(ROOT, "build", "test-logs")
    os.makedirs(logs, exist_ok=True)
    results = Results()
    start = time.time()
    run_all(results, logs, a.only, a.native, a.kernel, a.linux, a.append,
            fuzz_campaign(a.fuzz) if a.fuzz else None)
    print("# %.1f s" % (time.time() - start))
    print("%d passed, %d failed" % (results.passed, len(results.failed)))
    return 1 if results.failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
