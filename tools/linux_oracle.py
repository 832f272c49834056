"""The Linux oracle: run Pagoda's user programs on Debian's real Linux 6.1 i386.

Linux 6.1 i386 is what Pagoda follows, so a system-call test that passes on
Pagoda must pass there too. This boots Debian's linux-image-686 (non-PAE,
3G/1G split: Pagoda's design; fetched once by tools/linux-kernel) in the same
qemu-system-i386 with an initramfs holding build/user/root (the files of
Pagoda's initrd) or another directory of files, user/linux/init.c as /init and a /run.list of the programs
to run. The init runs them one after the other and powers off. `-icount
shift=0,sleep=off`, `-rtc base=2023-01-01,clock=vm`, `nokaslr norandmaps` make two
boots of the same programs print the same bytes, timestamps included.

Used by tests/user.py --linux and tools/run-user --linux.
"""
import os
import re
import select
import stat
import subprocess
import tempfile
import threading
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FETCH = os.path.join(ROOT, "tools", "linux-kernel")
INIT = os.path.join(ROOT, "build", "linux", "init")
STAGING = os.path.join(ROOT, "build", "user", "root")
MODULES = os.path.join(ROOT, "build", "linux", "modules")      # the disk driver's (tools/linux-kernel --modules)
QEMU = "qemu-system-i386"
MEM_MIB = 256
# noisapnp and cryptomgr.notests skip 4 s of ISA probing and 3 s of crypto
# self-tests (real time, at -icount); neither touches what programs see.
APPEND = "console=ttyS0 nokaslr norandmaps quiet panic=-1 noisapnp cryptomgr.notests"
# Time for the kernel to boot and power off, on top of the programs' own (host seconds).
BOOT_SECONDS = 60
# Programs' time-outs are guest seconds: at -icount shift=0 (an instruction a
# nanosecond) a busy guest second takes about 10 s here.
HOST_SECONDS_PER_GUEST_SECOND = 15

RUN = re.compile(r"^linux-init: run (\S+)$")
EXITED = re.compile(r"^linux-init: (\S+) exited with status (\d+)$")
TIMED_OUT = re.compile(r"^linux-init: (\S+) timed out after \d+ s$")
DONE = "linux-init: done"


class OracleError(Exception):
    """The oracle cannot run at all (no kernel, no init): the reason."""


class Entry:
    """One program to run: a label (no spaces), the path in the initramfs,
    arguments, and how many guest seconds it may take before it is killed.
    as_init: run it as PID 1 of a new PID namespace, the init it is on Pagoda
    (orphans come to it, its getppid() is 0)."""

    def __init__(self, label, prog, args=(), timeout=5, as_init=False):
        self.label = label
        self.prog = prog
        self.args = list(args)
        self.timeout = int(timeout)
        self.as_init = as_init


class Result:
    """How one program ended: status (None if it never finished), its output."""

    def __init__(self, label):
        self.label = label
        self.status = None
        self.timed_out = False
        self.output = ""


def kernel(modules=False):
    """The path of Linux's vmlinuz, fetched first if need be; OracleError if it cannot be.
    modules: also the disk driver's modules (build/linux/modules/), for boots with disks."""
    try:
        proc = subprocess.run([FETCH] + (["--modules"] if modules else []), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                              stdin=subprocess.DEVNULL)
    except OSError as e:
        raise OracleError("cannot run %s: %s" % (FETCH, e))
    if proc.returncode != 0:
        why = proc.stderr.strip().splitlines()
        raise OracleError(why[-1] if why else "tools/linux-kernel failed with status %d" % proc.returncode)
    return proc.stdout.strip().splitlines()[-1]


def version():
    """Which kernel package the oracle boots ("linux-image-6.1.0-50-686 6.1.176-1"), if fetched."""
    try:
        with open(os.path.join(ROOT, "build", "linux", "package")) as f:
            fields = dict(line.split(": ", 1) for line in f.read().splitlines() if ": " in line)
        return "%s %s" % (fields["Package"], fields["Version"])
    except (OSError, KeyError):
        return "Debian's linux-image-686"


def newc(name, mode, data=b"", rdev=(0, 0), ino=0):
    """One cpio "newc" member: header, name, data, each padded to 4 bytes."""
    fields = [ino, mode, 0, 0, 2 if stat.S_ISDIR(mode) else 1, 0, len(data), 0, 0,
              rdev[0], rdev[1], len(name) + 1, 0]
    head = b"070701" + b"".join(b"%08X" % f for f in fields) + name.encode() + b"\0"
    head += b"\0" * (-len(head) % 4)
    return head + data + b"\0" * (-len(data) % 4)


_making_init = threading.Lock()


def build_init():
    """Builds build/linux/init with make if it is not there (boots run side
    by side: one make at a time); OracleError if make fails."""
    with _making_init:
        if os.path.isfile(INIT):
            return
        target = os.path.relpath(INIT, ROOT)
        print("linux_oracle: building %s (make %s)" % (target, target), flush=True)
        proc = subprocess.run(["make", "-C", ROOT, target], stdout=subprocess.PIPE,
                              stderr=subprocess.STDOUT, text=True, stdin=subprocess.DEVNULL)
        if proc.returncode != 0 or not os.path.isfile(INIT):
            why = proc.stdout.strip().splitlines()
            raise OracleError("`make %s` failed: %s" % (target, why[-1] if why else "?"))


def initramfs(path, entries, files=STAGING, disks=0):
    """Writes the initramfs: the directory files (build/user/root: the files
    of Pagoda's initrd), /init, /run.list and /dev/console; with disks, the
    disk driver's modules in /modules and /modules.list for the init to load
    them ("disks N", then the modules in load order)."""
    build_init()
    if not os.path.isdir(files):
        raise OracleError("no %s: run `make user`" % files)
    members = []
    for top, dirs, names in os.walk(files):
        dirs.sort()
        rel = os.path.relpath(top, files)
        if rel != ".":
            members.append((rel, stat.S_IFDIR | 0o755, b""))
        # a symbolic link (to a file or a folder, dangling or not) goes in as a link, as cpio keeps it
        for f in sorted(names + [d for d in dirs if os.path.islink(os.path.join(top, d))]):
            src = os.path.join(top, f)
            name = os.path.normpath(os.path.join(rel, f))
            if os.path.islink(src):
                members.append((name, stat.S_IFLNK | 0o777, os.readlink(src).encode()))
                continue
            with open(src, "rb") as fh:
                members.append((name, stat.S_IFREG | (os.stat(src).st_mode & 0o777), fh.read()))
    with open(INIT, "rb") as fh:
        members.append(("init", stat.S_IFREG | 0o755, fh.read()))
    run_list = "".join("%s %d%s %s\n" % (e.label, e.timeout, "/init" if e.as_init else "",
                                         " ".join([e.prog] + e.args)) for e in entries)
    members.append(("run.list", stat.S_IFREG | 0o644, run_list.encode()))
    if disks:
        with open(os.path.join(MODULES, "modules.order")) as fh:
            order = fh.read().split()
        members.append(("modules", stat.S_IFDIR | 0o755, b""))
        for ko in order:
            with open(os.path.join(MODULES, ko), "rb") as fh:
                members.append(("modules/" + ko, stat.S_IFREG | 0o644, fh.read()))
        members.append(("modules.list", stat.S_IFREG | 0o644,
                        ("disks %d\n" % disks + "".join(ko + "\n" for ko in order)).encode()))
    members.append(("dev", stat.S_IFDIR | 0o755, b""))
    members.append(("proc", stat.S_IFDIR | 0o555, b""))
    out = [newc(name, mode, data, ino=i + 1) for i, (name, mode, data) in enumerate(members)]
    # The kernel opens /dev/console for init; Linux's own built-in initramfs has
    # it too, but the init must not depend on a config option.
    out.append(newc("dev/console", stat.S_IFCHR | 0o600, rdev=(5, 1), ino=len(members) + 1))
    out.append(newc("TRAILER!!!", 0))
    blob = b"".join(out)
    with open(path, "wb") as f:
        f.write(blob + b"\0" * (-len(blob) % 512))


def qemu_command(vmlinuz, initrd, mem=MEM_MIB, disks=()):
    # the disks at the IDE positions tools/boot gives Pagoda's: sda, sdb, ...
    drives = []
    for index, img in enumerate(disks):
        drives += ["-drive", "file=%s,format=raw,if=ide,index=%d" % (img.replace(",", ",,"), index)]
    return [QEMU, "-machine", "pc", "-m", str(mem), "-no-reboot", "-nodefaults",
            "-display", "none", "-serial", "stdio", "-monitor", "none",
            "-icount", "shift=0,sleep=off", "-rtc", "base=2023-01-01T00:00:00,clock=vm",
            "-kernel", vmlinuz, "-initrd", initrd, "-append", APPEND] + drives


def check_entries(entries):
    for e in entries:
        words = [e.label, e.prog] + e.args
        if any(not w or any(c.isspace() for c in w) for w in words):
            raise OracleError("%s: labels, programs and arguments cannot be empty or hold spaces" % e.label)


def boot(entries, workdir, log=None, mem=MEM_MIB, vmlinuz=None, files=STAGING, disks=()):
    """Boots Linux once and runs entries in order.

    Returns (results, whole serial output, problem): one Result per entry,
    in order, and problem a string when the boot itself went wrong (a
    time-out, a panic, the init never finishing), else None. OracleError
    when the oracle cannot run at all. vmlinuz: kernel()'s answer, if already asked;
    files: the directory whose files the initramfs holds; disks: raw images
    attached as IDE disks (sda, sdb, ...), the driver's modules loaded first.
    """
    check_entries(entries)
    vmlinuz = vmlinuz or kernel(modules=bool(disks))
    if disks and not os.path.isfile(os.path.join(MODULES, "modules.order")):
        vmlinuz = kernel(modules=True)
    os.makedirs(workdir, exist_ok=True)
    fd, initrd = tempfile.mkstemp(prefix="initramfs-", suffix=".cpio", dir=workdir)
    os.close(fd)
    initramfs(initrd, entries, files, len(disks))
    timeout = BOOT_SECONDS + HOST_SECONDS_PER_GUEST_SECOND * sum(e.timeout for e in entries)
    chunks = []
    problem = None
    start = time.monotonic()
    try:
        proc = subprocess.Popen(qemu_command(vmlinuz, initrd, mem, disks), stdout=subprocess.PIPE,
                                stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
    except OSError as e:
        raise OracleError("cannot run %s: %s" % (QEMU, e))
    try:
        while True:
            left = start + timeout - time.monotonic()
            if left <= 0 or not select.select([proc.stdout], [], [], left)[0]:
                problem = "time-out: Linux did not power off within %d s" % timeout
                break
            data = proc.stdout.read1(65536)
            if not data:
                break
            chunks.append(data)
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.wait()
        os.unlink(initrd)
    raw = b"".join(chunks)
    if log:
        with open(log, "wb") as f:
            f.write(raw)
    text = raw.decode(errors="replace").replace("\r", "")
    results = split_runs(text, entries)
    if problem is None and DONE not in text.splitlines():
        panic = re.search(r"^.*Kernel panic.*$", text, re.M)
        problem = (panic.group(0).strip() if panic else
                   "the init never said `%s` (QEMU exit %d)" % (DONE, proc.returncode))
    return results, text, problem


def split_runs(text, entries):
    """Cuts the serial output into each program's part, between the init's lines."""
    results = [Result(e.label) for e in entries]
    by_label = {r.label: r for r in results}
    current = None
    for line in text.splitlines():
        m = RUN.match(line)
        if m and m.group(1) in by_label:
            current = by_label[m.group(1)]
            continue
        if current is None:
            continue
        m = EXITED.match(line) or TIMED_OUT.match(line)
        if m and m.group(1) == current.label:
            if m.re is EXITED:
                current.status = int(m.group(2))
            else:
                current.timed_out = True
            current = None
        else:
            current.output += line + "\n"
    return results
