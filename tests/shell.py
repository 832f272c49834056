#!/usr/bin/env python3
"""BusyBox and real shells on Pagoda and on real Linux: the same scripts, the same output.

Each case is a shell script (pipes, command substitution, redirection,
globbing, cd/pwd, here-documents, trap, background jobs and wait, and
BusyBox's applets: seq, wc, free, ps, uptime, cat /proc/self/maps). Each
runs under BusyBox's sh and under Debian's static bash, zsh and mksh
(bash-static, zsh-static: zsh as `zsh --emulate sh`; mksh: the package's
one static binary is lksh, mksh built in its legacy mode, with klibc's
mksh-static a dynamic program), as the only program of a boot; sash (Debian's
static stand-alone shell, not a POSIX sh) runs a script of its own:

  - on Debian's Linux 6.1 i386 (tools/linux_oracle.py, one boot for all),
    with the initramfs of Pagoda's initrd plus bash, zsh and the scripts;
  - on Pagoda, one boot each with the same files as its initrd
    (init=/bin/busybox -- sh /shell/NAME.sh).

A case says what it must print: the exact lines where every kernel and
shell agree, or line patterns where values differ (free's numbers, ps's
pids, the addresses in maps). Linux must print that, then Pagoda must too.
Where Pagoda's run fails and the kernel said "system call N not implemented",
the case is a skip naming the calls (BusyBox needs what Pagoda lacks yet),
never a pass; a failure with no missing call is a failure.

  python3 tests/shell.py                 every case on both kernels
  python3 tests/shell.py pipes trap      some cases
  python3 tests/shell.py --linux-only    only on Linux
"""
import os
import re
import shutil
import stat
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "tools"))
import linux_oracle  # noqa: E402

BOOT = os.path.join(ROOT, "tools", "boot")
FETCH = os.path.join(ROOT, "tools", "busybox")
STAGING = os.path.join(ROOT, "build", "user", "root")
WORK = os.path.join(ROOT, "build", "shell")
MEM_MIB = 256
PAGODA_TIMEOUT = 60
LINUX_TIMEOUT = 20              # guest seconds per script
WORKERS = 2

INIT_EXITED = re.compile(r"^pagoda: init exited with status (\d+)$", re.M)
ENOSYS = re.compile(r"^\S+\[\d+\]: system call (\d+) not implemented \(-ENOSYS\)$", re.M)
# what a program prints when a call fails with ENOSYS (strerror's words)
NOT_IMPLEMENTED = re.compile(r"^.*Function not implemented.*$", re.M)
KERNEL_TROUBLE = re.compile(r"^.*(BUG: |Oops|Kernel panic|kernel panic|LEAK:).*$", re.M)
# Linux i386's numbers for the calls BusyBox and the shells make (arch/x86/entry/syscalls/syscall_32.tbl).
SYSCALL_NAMES = {
    10: "unlink", 102: "socketcall", 172: "prctl", 213: "setuid32", 214: "setgid32",
    311: "set_robust_list", 386: "rseq", 187: "sendfile", 239: "sendfile64", 240: "futex", 12: "chdir", 15: "chmod", 21: "mount", 33: "access", 38: "rename", 39: "mkdir",
    40: "rmdir", 41: "dup", 42: "pipe", 60: "umask", 63: "dup2", 74: "sethostname", 75: "setrlimit",
    83: "symlink", 85: "readlink", 88: "reboot", 94: "fchmod", 99: "statfs", 116: "sysinfo",
    133: "fchdir", 140: "_llseek", 141: "getdents", 142: "_newselect", 168: "poll",
    183: "getcwd", 191: "ugetrlimit", 195: "stat64", 196: "lstat64", 197: "fstat64",
    199: "getuid32", 200: "getgid32", 201: "geteuid32", 202: "getegid32", 205: "getgroups32",
    220: "getdents64", 221: "fcntl64", 295: "openat", 296: "mkdirat", 300: "fstatat64",
    301: "unlinkat", 305: "readlinkat", 307: "faccessat", 308: "pselect6", 309: "ppoll",
    331: "pipe2", 330: "dup3", 340: "prlimit64", 355: "getrandom", 383: "statx",
    439: "faccessat2",
}
# Calls glibc makes at start-up and does without (a static glibc program runs
# on Pagoda without them): they explain nothing.
HARMLESS = {311, 386}

SHELLS = {
    # name: (program, arguments before the script)
    "sh": ("/bin/busybox", ["sh"]),
    "bash": ("/bin/bash", []),
    "zsh": ("/bin/zsh", ["--emulate", "sh"]),
    "mksh": ("/bin/mksh", []),
    "sash": ("/bin/sash", ["-f"]),
}
# Debian's packages for the shells beside BusyBox's (tools/busybox fetches them).
SHELL_PACKAGES = {"bash": ("bash-static", "bash-static"), "zsh": ("zsh-static", "zsh-static"),
                  "mksh": ("mksh", "lksh"), "sash": ("sash", "sash")}

PRELUDE = "PATH=/bin:/usr/bin:/sbin:/usr/sbin\nexport PATH\n"


class Case:
    """A script and what it must print: lines, exactly and in order (lines=),
    or patterns (each a regex one line must match, in order: match=), or
    both. shells: which shells run it."""

    def __init__(self, name, script, lines=None, match=None, shells=("sh", "bash", "zsh", "mksh"), why_skip=None,
                 init=False, prelude=None):
        self.name = name
        # run by /sbin/init (init=/sbin/init -- /shell/NAME.sh), which powers off at the end:
        # on Pagoda reboot(2) leaves QEMU ("reboot: Power down", tools/boot's status 0); on
        # Linux, where it is PID 1 of a PID namespace, the call kills it with SIGINT (status 130)
        self.init = init
        self.script = (PRELUDE if prelude is None else prelude) + script.lstrip("\n")
        self.lines = lines
        self.match = match or []
        self.shells = shells
        # an output fragment that, on Pagoda, marks a known lack that is not a system call: (fragment, why)
        self.why_skip = why_skip



CASES = [
    Case("pipes", r"""
echo hello | tr a-z A-Z
printf 'b\na\nc\n' | sort | head -n 2
seq 1 100000 | wc -l
seq 1 100000 | tail -n 1
echo one two three | cut -d' ' -f2 | rev
""", lines=["HELLO", "a", "b", "100000", "100000", "owt"]),
    Case("substitution", r"""
x=$(printf abc | wc -c)
echo "len $x"
y=`basename /a/b/c.txt .txt`
echo "$y"
echo "$(echo $(echo nested) deep)"
n=$(($(seq 1 10 | wc -l) * 2))
echo "$n"
""", lines=["len 3", "c", "nested deep", "20"]),
    Case("redirection", r"""
wc -l < /etc/passwd
ls /no/such/file 2>&1 | sed 's/:.*//'
{ echo out; echo err >&2; } 2>&1 | sort
exec 3>&1
echo via3 >&3
exec 3>&-
echo last 1>&2 2>&1
""", lines=["1", "ls", "err", "out", "via3", "last"]),
    Case("tmpfiles", r"""
echo one > /tmp/r
echo two >> /tmp/r
cat /tmp/r
wc -l < /tmp/r
set -C
(echo three > /tmp/r) 2>/dev/null || echo noclobber
set +C
rm /tmp/r
ls /tmp
""", lines=["one", "two", "2", "noclobber"]),
    Case("globbing", r"""
cd /etc
echo p*
echo [gm]*
echo *.nomatch
echo ?????
""", lines=["passwd profile", "group motd", "*.nomatch", "group"]),
    Case("cdpwd", r"""
cd /usr/bin
pwd
cd ..
pwd
cd /tests
echo "$PWD"
cd /
pwd
cd /no/such/dir 2>/dev/null || echo "cd failed"
""", lines=["/usr/bin", "/usr", "/tests", "/", "cd failed"]),
    Case("heredoc", r"""
cat <<EOF
x=$((1 + 2))
EOF
cat <<'EOF'
$HOME stays
EOF
tr a-z A-Z <<-EOF
	indented
	EOF
wc -l <<EOF
1
2
3
EOF
""", lines=["x=3", "$HOME stays", "INDENTED", "3"]),
    Case("trap", r"""
trap 'echo caught USR1' USR1
kill -USR1 $$
trap 'echo bye' EXIT
echo before
(trap 'echo sub-exit' EXIT; exit 3)
echo "sub status $?"
trap - USR1
""", lines=["caught USR1", "before", "sub-exit", "sub status 3", "bye"]),
    Case("jobs", r"""
(sleep 1; echo late) &
echo early
wait
echo waited
(exit 7) &
wait $!
echo "status $?"
sleep 5 &
kill $!
wait $!
echo "killed $?"
""", lines=["early", "late", "waited", "status 7", "killed 143"],
        # lksh says "killed 0" on both kernels: its `wait` of a job a signal ended
        shells=("sh", "bash", "zsh")),
    Case("applets", r"""
echo hello world | wc -w
expr 6 \* 7
dirname /a/b/c
printf '%05d|%s\n' 42 x
echo abc | sed s/b/X/
echo a:b:c | awk -F: '{ print $3 $1 }'
test 3 -gt 2 && echo yes
uname -s
id
echo $((7 % 3))
ls -1 /etc
""", lines=["2", "42", "/a/b", "00042|x", "aXc", "ca", "yes", "Linux",
            "uid=0(root) gid=0(root)", "1",
            "203-bytes", "group", "motd", "not-elf", "passwd", "profile", "rc", "shells"]),
    # Programs that are not in the initramfs: the kernel reads their headers through the page cache.
    Case("exec_tmp", r"""
cp /bin/busybox /tmp/busybox
/tmp/busybox echo hi
/tmp/busybox sh -c 'exit 7'; echo "status $?"
printf '#!/bin/busybox sh\n# a script longer than an ELF header (52 bytes)\necho script ran "$1"\n' > /tmp/s.sh
chmod +x /tmp/s.sh
/tmp/s.sh arg
: > /tmp/busybox
rm /tmp/busybox /tmp/s.sh
""", lines=["hi", "status 7", "script ran arg"], shells=("sh",)),
    Case("free", r"""
free
""", match=[r"^\s+total\s+used\s+free\s+shared\s+buff/cache\s+available$",
            r"^Mem:(\s+\d+){6}$", r"^Swap:\s+0\s+0\s+0$"], shells=("sh",)),
    Case("ps", r"""
ps
""", match=[r"^\s*PID\s+USER\s+COMMAND$", r"^\s*1 root\s+\S.*$", r"^\s*\d+ root\s+(ps|\{ps\} /bin/busybox sh /shell/ps\.sh)$"], shells=("sh",)),
    # BusyBox's sh runs its own cat applet (its build prefers applets); bash and zsh run Pagoda's /bin/cat.
    Case("maps", r"""
cat /proc/self/maps
""", match=[r"^08048000-[0-9a-f]{8} r--p 00000000 [0-9a-f]{2}:[0-9a-f]{2} \d+\s+/bin/(cat|busybox)$",
            r"^[0-9a-f]{8}-[0-9a-f]{8} r-xp [0-9a-f]{8} [0-9a-f]{2}:[0-9a-f]{2} \d+\s+/bin/(cat|busybox)$",
            r"^[0-9a-f]{8}-[0-9a-f]{8} rw-p 00000000 00:00 0\s+\[stack\]$"]),
    # Pagoda's /sbin/init: /etc/rc (the motd), the script as its shell, an
    # orphan reaped, BusyBox's poweroff signalling init, init powering off.
    Case("init", r"""
echo "parent $PPID"
[ -d /mnt ] && echo "/mnt to mount a disk on"
grep -c ' /dev/shm ' /proc/mounts
sh -c '(sleep 1; echo orphan ran) & exit 0'
sleep 2
poweroff
sleep 5
echo "not reached"
""", lines=["Welcome to Pagoda.", "parent 1", "/mnt to mount a disk on", "1", "orphan ran", "init: powering off"],
         shells=("sh",), init=True),
    # /proc/PID/fd, fdinfo and the links as ls and readlink show them (Linux's fs/proc/fd.c, base.c)
    Case("procfd", r"""
ls -l /proc/self/fd
echo x | ls -l /proc/self/fd/
cd /tests
ls -l /proc/self/cwd /proc/self/exe /proc/self/root
readlink /proc/self/exe
ls -ld /proc/self/fd /proc/self/fdinfo
cat /proc/self/fdinfo/1
head -1 /proc/self/limits
grep 'Max open files' /proc/self/limits
""", match=[r"^total 0$",
            r"^lrwx------\s+1 root\s+root\s+64 .* 0 -> /dev/console$",
            r"^lrwx------\s+1 root\s+root\s+64 .* 1 -> /dev/console$",
            r"^lrwx------\s+1 root\s+root\s+64 .* 2 -> /dev/console$",
            r"^lr-x------\s+1 root\s+root\s+64 .* 0 -> pipe:\[\d+\]$",
            r"^lrwx------\s+1 root\s+root\s+64 .* 1 -> /dev/console$",
            r"^lrwxrwxrwx\s+1 root\s+root\s+0 .* /proc/self/cwd -> /tests$",
            r"^lrwxrwxrwx\s+1 root\s+root\s+0 .* /proc/self/exe -> /bin/busybox$",
            r"^lrwxrwxrwx\s+1 root\s+root\s+0 .* /proc/self/root -> /$",
            r"^/bin/busybox$",
            r"^dr-x------\s+2 root\s+root\s+0 .* /proc/self/fd$",
            r"^dr-xr-xr-x\s+2 root\s+root\s+0 .* /proc/self/fdinfo$",
            r"^pos:\t0$", r"^flags:\t02$", r"^mnt_id:\t\d+$", r"^ino:\t\d+$",
            r"^Limit {21}Soft Limit {11}Hard Limit {11}Units$",
            r"^Max open files {12}1024 {17}4096 {17}files$"]),
    Case("uptime", r"""
uptime
""", match=[r"^ \d\d:\d\d:\d\d up\s+\d+ min,\s+\d+ users?,\s+load average: \d{1,2}\.\d\d, \d{1,2}\.\d\d, \d{1,2}\.\d\d$"],
        shells=("sh",)),
    # sash's own language: built-ins (setenv, cd, and -pwd: its own pwd) and programs.
    Case("sash", r"""
setenv PATH /bin:/usr/bin
echo hello from sash
cd /etc
-pwd
/bin/echo external
""", lines=["hello from sash", "/etc", "external"], shells=("sash",), prelude=""),
]


def fail(msg):
    print("shell.py: " + msg, file=sys.stderr)
    sys.exit(2)


def fetch_shells():
    """{shell: path of its binary} for bash and zsh, fetched by tools/busybox; raises OracleError."""
    pkgs = [pkg for pkg, _ in SHELL_PACKAGES.values()]
    proc = subprocess.run([FETCH] + pkgs, capture_output=True, text=True, stdin=subprocess.DEVNULL)
    if proc.returncode != 0:
        why = proc.stderr.strip().splitlines()
        raise linux_oracle.OracleError(why[-1] if why else "tools/busybox failed")
    dirs = proc.stdout.split()
    return {sh: os.path.join(d, "bin", binary) for (sh, (_, binary)), d in zip(SHELL_PACKAGES.items(), dirs)}


def stage(shell_bins):
    """build/shell/root: the initrd's files, /bin/bash, /bin/zsh and /shell/NAME.sh."""
    root = os.path.join(WORK, "root")
    if os.path.exists(root):
        shutil.rmtree(root)
    shutil.copytree(STAGING, root, symlinks=True)
    for sh, path in shell_bins.items():
        shutil.copy(path, os.path.join(root, "bin", sh))
    os.makedirs(os.path.join(root, "shell"))
    for c in CASES:
        with open(os.path.join(root, "shell", c.name + ".sh"), "w") as f:
            f.write(c.script)
    return root


def newc_archive(root, path):
    """Packs root into a cpio "newc" archive at path (directories, files, symbolic links)."""
    members = []
    for top, dirs, names in os.walk(root):
        dirs.sort()
        rel = os.path.relpath(top, root)
        if rel != ".":
            members.append((rel, os.lstat(top).st_mode, b""))
        for n in sorted(names + [d for d in dirs if os.path.islink(os.path.join(top, d))]):
            src = os.path.join(top, n)
            name = os.path.normpath(os.path.join(rel, n))
            st = os.lstat(src)
            if stat.S_ISLNK(st.st_mode):
                members.append((name, st.st_mode, os.readlink(src).encode()))
            else:
                with open(src, "rb") as fh:
                    members.append((name, st.st_mode, fh.read()))
    blob = b"".join(linux_oracle.newc(n, m, d, ino=i + 1) for i, (n, m, d) in enumerate(members))
    blob += linux_oracle.newc("TRAILER!!!", 0)
    with open(path, "wb") as f:
        f.write(blob + b"\0" * (-len(blob) % 512))


def judge(c, out):
    """What is wrong with one output (empty: right)."""
    lines = [ln.rstrip() for ln in out.splitlines()]
    bad = []
    if c.lines is not None:
        at = 0
        for want in c.lines:
            try:
                at = lines.index(want, at) + 1
            except ValueError:
                bad.append("missing line %r" % want)
                break
    at = 0
    for pattern in c.match:
        rx = re.compile(pattern)
        for i in range(at, len(lines)):
            if rx.match(lines[i]):
                at = i + 1
                break
        else:
            bad.append("no line matches %r" % pattern)
            break
    return bad


def run_linux(runs, root, logs):
    """{(case, shell): (status, output, problem)} from one Linux boot of every run."""
    entries = []
    for c, sh in runs:
        prog, args = ("/sbin/init", []) if c.init else SHELLS[sh]
        entries.append(linux_oracle.Entry("%s-%s" % (sh, c.name), prog, args + ["/shell/%s.sh" % c.name],
                                          LINUX_TIMEOUT, as_init=c.init))
    results, _, problem = linux_oracle.boot(entries, os.path.join(ROOT, "build", "linux", "work"),
                                            log=os.path.join(logs, "shell-linux.log"), files=root)
    return {run: (r.status, r.output, problem if r.status is None else None)
            for run, r in zip(runs, results)}


def run_pagoda(c, sh, initrd, logs):
    """(status or None, output) of one Pagoda boot running the script as init. For a
    case run by /sbin/init, the status is 0 when reboot(2) powered off (QEMU's clean exit)."""
    prog, args = ("/sbin/init", []) if c.init else SHELLS[sh]
    # loglevel=8: the kernel's "system call N not implemented" is KERN_DEBUG, as Linux prints nothing
    append = " ".join(["loglevel=8", "init=" + prog, "--"] + args + ["/shell/%s.sh" % c.name])
    log = os.path.join(logs, "shell-%s-%s.log" % (sh, c.name))
    proc = subprocess.run([BOOT, "--mem", str(MEM_MIB), "--timeout", str(PAGODA_TIMEOUT), "--initrd", initrd,
                           "--append", append, "--log", log], capture_output=True, text=True,
                          errors="replace", stdin=subprocess.DEVNULL)
    out = proc.stdout.replace("\r", "")
    m = INIT_EXITED.search(out)
    if c.init:
        powered_off = proc.returncode == 0 and re.search(r"^reboot: Power down$", out, re.M)
        return (0 if powered_off and not m else None), out
    return (int(m.group(1)) if m else None), out


def missing_calls(out):
    """The system calls the kernel said it lacks, but HARMLESS's, as "295 (openat), ..."."""
    nrs = sorted(set(int(n) for n in ENOSYS.findall(out)) - HARMLESS)
    return ", ".join("%d (%s)" % (n, SYSCALL_NAMES.get(n, "?")) for n in nrs)


def run_all(results, logs, only=None, linux_only=False):
    """Every case under every shell it names, on Linux, then on Pagoda; records into results."""
    cases = [c for c in CASES if not only or c.name in only]
    try:
        shell_bins = fetch_shells()
        vmlinuz_ok = linux_oracle.kernel()
    except linux_oracle.OracleError as e:
        results.record("shell/setup", False, str(e))
        return
    del vmlinuz_ok
    if not os.path.isdir(STAGING):
        results.record("shell/setup", False, "no %s: run `make user`" % STAGING)
        return
    root = stage(shell_bins)
    initrd = os.path.join(WORK, "initrd.cpio")
    newc_archive(root, initrd)
    runs = [(c, sh) for c in cases for sh in c.shells]

    try:
        on_linux = run_linux(runs, root, logs)
    except linux_oracle.OracleError as e:
        results.record("shell/linux", False, str(e))
        return
    for c, sh in runs:
        status, out, problem = on_linux[(c, sh)]
        bad = judge(c, out)
        if status is None:
            bad.insert(0, "never finished: %s" % (problem or "timed out"))
        elif status != (130 if c.init else 0):
            bad.insert(0, "status %d" % status)
        results.record("shell/linux/%s/%s" % (sh, c.name), not bad, "; ".join(bad))
    if linux_only:
        return

    def pagoda(run):
        c, sh = run
        return run, run_pagoda(c, sh, initrd, logs)

    with ThreadPoolExecutor(max_workers=WORKERS) as pool:
        for (c, sh), (status, out) in pool.map(pagoda, runs):
            name = "shell/pagoda/%s/%s" % (sh, c.name)
            bad = judge(c, out)
            if status is None:
                bad.insert(0, "/sbin/init did not power off" if c.init else "init never reported its exit")
            said = re.search(r"^init: cannot run .*$", out, re.M) if c.init else None
            if said and bad:
                bad.append(said.group(0))       # why: e.g. execve of /bin/sh, a symbolic link
            elif status != 0:
                bad.insert(0, "status %d" % status)
            trouble = KERNEL_TROUBLE.search(out)
            if trouble:
                bad.append("kernel: " + trouble.group(0).strip())
            missing = missing_calls(out)
            if bad and not trouble and missing:
                said = NOT_IMPLEMENTED.search(out)
                results.skip(name, "needs system calls Pagoda lacks: %s%s" % (
                    missing, "; the shell said: " + said.group(0).strip() if said else ""))
            elif bad and not trouble and c.why_skip and c.why_skip[0] in out:
                results.skip(name, c.why_skip[1])
            else:
                results.record(name, not bad, "; ".join(bad))


class Results:
    def __init__(self):
        self.passed = 0
        self.failed = []
        self.skipped = []

    def skip(self, name, reason):
        self.skipped.append(name)
        print("skip   %s  (%s)" % (name, reason), flush=True)

    def record(self, name, ok, detail=""):
        if ok:
            self.passed += 1
            print("ok     %s" % name, flush=True)
        else:
            self.failed.append(name)
            print("FAIL   %s%s" % (name, "  (" + detail + ")" if detail else ""), flush=True)


def main(argv):
    linux_only = "--linux-only" in argv
    only = [a for a in argv if not a.startswith("--")]
    unknown = set(only) - {c.name for c in CASES}
    if unknown:
        fail("no case %s; the cases: %s" % (", ".join(sorted(unknown)), " ".join(c.name for c in CASES)))
    logs = os.path.join(ROOT, "build", "test-logs")
    os.makedirs(logs, exist_ok=True)
    os.makedirs(WORK, exist_ok=True)
    results = Results()
    run_all(results, logs, only or None, linux_only)
    if results.skipped:
        print("# %d skipped (not counted as passed)" % len(results.skipped))
    print("%d passed, %d failed" % (results.passed, len(results.failed)))
    return 1 if results.failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
