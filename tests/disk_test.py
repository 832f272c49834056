"""Disks, judged from outside: images made here, attached to Pagoda (and to
Debian's Linux 6.1, the oracle) as IDE disks, and read back on the host
after the guest wrote to them.

- kernel: the in-kernel suite `ata` (tests/kernel/ata_test.c) with sda a
  pattern disk and sdb an ext2 image from tools/mkdisk; afterwards sda
  holds its 'K' sector and nothing else changed, sdb its 'E' sector and
  `e2fsck -fn` still finds it clean.
- blockdev: /tests/blockdev on the pattern disk, on Pagoda and on Linux,
  each on its own copy; both pass, and both images end up byte for byte
  what the program's writes make of the pattern.
- mkdisk: an image from tools/mkdisk with two partitions and files in the
  first; /proc/partitions on Pagoda is Linux's, the boot log names
  `sda: sda1 sda2`, and the file system in sda1 is clean afterwards.

`python3 tests/disk_test.py` runs them alone.
"""
import os
import re
import shutil
import struct
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "tools"))
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import ktap  # noqa: E402
import linux_oracle  # noqa: E402

BOOT = os.path.join(ROOT, "tools", "boot")
RUN_USER = os.path.join(ROOT, "tools", "run-user")
MKDISK = os.path.join(ROOT, "tools", "mkdisk")
INITRD = os.path.join(ROOT, "build", "initrd.cpio")
SECTOR = 512
PATTERN_SECTORS = 16384         # 8 MiB
PARTS = [(2048, 2048), (4096, 4096)]    # sda1, sda2 (start, sectors): user/tests/blockdev.c's
KERNEL_TROUBLE = re.compile(r"^.*(BUG: |Oops|Kernel panic|kernel panic|LEAK:).*$", re.M)


def mbr(parts):
    """tools/mkdisk's MBR for parts."""
    import importlib.machinery
    import importlib.util
    loader = importlib.machinery.SourceFileLoader("mkdisk", MKDISK)
    spec = importlib.util.spec_from_loader("mkdisk", loader)
    mod = importlib.util.module_from_spec(spec)
    loader.exec_module(mod)
    return mod.mbr(parts)


def pattern():
    """The pattern disk: sector S is "SECT", S (u32 LE), then (S * 7 + i) & 0xff; sector 0 the MBR."""
    img = bytearray(PATTERN_SECTORS * SECTOR)
    tail = bytes(range(256)) * 4
    for s in range(PATTERN_SECTORS):
        base = s * SECTOR
        img[base:base + 8] = b"SECT" + struct.pack("<I", s)
        k = (s * 7 + 8) & 0xff
        img[base + 8:base + SECTOR] = tail[k:k + SECTOR - 8]
    img[0:SECTOR] = mbr(PARTS)
    return img


def after_blockdev(img):
    """What user/tests/blockdev.c's writes make of the pattern disk."""
    img = bytearray(img)
    w = bytes((ord("W") + i % 7) for i in range(600))
    img[512 * 100 + 10:512 * 100 + 610] = w
    img[len(img) - 10:] = w[:10]
    p = (PARTS[0][0] + 1) * SECTOR
    img[p:p + SECTOR] = b"P" * SECTOR
    return bytes(img)


def first_difference(a, b):
    for i in range(min(len(a), len(b))):
        if a[i] != b[i]:
            return "first difference at byte %d (sector %d): %#x, want %#x" % (i, i // SECTOR, a[i], b[i])
    return "sizes differ: %d, want %d" % (len(a), len(b)) if len(a) != len(b) else ""


def write(path, data):
    with open(path, "wb") as f:
        f.write(data)


def read(path):
    with open(path, "rb") as f:
        return f.read()


def e2fsck(path):
    """(clean?, what e2fsck -fn said)."""
    e2fsck = shutil.which("e2fsck") or "/sbin/e2fsck"
    r = subprocess.run([e2fsck, "-fn", path], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    return r.returncode == 0, r.stdout.strip().splitlines()[-1:] or [""]


def folder_of_files(top):
    os.makedirs(os.path.join(top, "etc"))
    write(os.path.join(top, "etc", "hello"), b"hello from the disk\n")
    write(os.path.join(top, "big"), bytes(range(256)) * 1024)


def test_kernel(results, tmp, logs):
    a, b = os.path.join(tmp, "pattern.img"), os.path.join(tmp, "ext2.img")
    img = pattern()
    write(a, img)
    files = os.path.join(tmp, "files-k")
    folder_of_files(files)
    subprocess.run([MKDISK, "--size", "16", b, files], check=True, stdout=subprocess.DEVNULL)
    before = read(b)
    cmd = [BOOT, "--mem", "64", "--timeout", "120", "--append", "test=ata", "--disk", a, "--disk", b]
    if logs:
        cmd += ["--log", os.path.join(logs, "disk-kernel.log")]
    proc = subprocess.run(cmd, capture_output=True, text=True, stdin=subprocess.DEVNULL)
    run = ktap.parse_ktap(proc.stdout)
    for suite, case, ok, detail in run.cases:
        if ok and (suite, case) in run.skips:
            results.record("disk/kernel/%s.%s" % (suite, case), False, "skipped: " + run.skips[(suite, case)])
        else:
            results.record("disk/kernel/%s.%s" % (suite, case), ok, detail)
    if not run.cases or run.crash or proc.returncode != 0:
        results.record("disk/kernel/boot", False, "tools/boot exit %d%s" % (
            proc.returncode, ", crashed: " + run.crash if run.crash else ""))
    want = bytearray(img)
    want[300 * SECTOR:301 * SECTOR] = b"K" * SECTOR
    results.record("disk/kernel/sda-on-the-host", read(a) == bytes(want), first_difference(read(a), bytes(want)))
    got = read(b)
    want_b = before[:SECTOR] + b"E" * SECTOR + before[2 * SECTOR:]
    results.record("disk/kernel/sdb-on-the-host", got == want_b, first_difference(got, want_b))
    clean, said = e2fsck(b)
    results.record("disk/kernel/sdb-e2fsck-clean", clean, said[0])


def pagoda(prog, args, disks, log=None):
    cmd = [RUN_USER, "--timeout", "120"] + sum((["--disk", d] for d in disks), [])
    if log:
        cmd += ["--log", log]
    proc = subprocess.run(cmd + [prog] + args, capture_output=True, text=True, stdin=subprocess.DEVNULL)
    return proc.returncode, proc.stdout


def linux(prog, args, disks, tmp, log=None):
    """(status, output) of prog on Linux with disks attached; status None if it never finished."""
    work = os.path.join(ROOT, "build", "linux", "work")
    entry = linux_oracle.Entry(os.path.basename(prog), prog, args, 10)
    runs, _, problem = linux_oracle.boot([entry], work, log=log, disks=disks)
    return runs[0].status, runs[0].output + ("" if problem is None else "\n(" + problem + ")")


def judge_tap(out, status):
    """What is wrong with a TAP program's run: a list of strings, empty if nothing."""
    bad = []
    if status != 0:
        bad.append("status %s" % status)
    if not re.search(r"^PASS: ", out, re.M):
        bad.append("no PASS line")
    m = re.search(r"^not ok .*$", out, re.M)
    if m:
        bad.append(m.group(0))
    m = KERNEL_TROUBLE.search(out)
    if m:
        bad.append(m.group(0).strip())
    return bad


def test_blockdev(results, tmp, logs):
    img = pattern()
    mine, theirs = os.path.join(tmp, "pagoda.img"), os.path.join(tmp, "linux.img")
    write(mine, img)
    write(theirs, img)
    with ThreadPoolExecutor(max_workers=2) as pool:
        p = pool.submit(pagoda, "/tests/blockdev", [], [mine], logs and os.path.join(logs, "disk-blockdev.log"))
        lx = pool.submit(linux, "/tests/blockdev", [], [theirs], tmp,
                         logs and os.path.join(logs, "disk-blockdev.log.linux"))
        status, out = p.result()
        try:
            lstatus, lout = lx.result()
        except linux_oracle.OracleError as e:
            lstatus, lout = None, str(e)
    bad = judge_tap(out, status)
    results.record("disk/blockdev", not bad, "; ".join(bad))
    bad = judge_tap(lout, lstatus)
    results.record("disk/linux/blockdev", not bad, "; ".join(bad))
    want = after_blockdev(img)
    results.record("disk/blockdev-on-the-host", read(mine) == want, first_difference(read(mine), want))
    results.record("disk/linux/blockdev-on-the-host", read(theirs) == want, first_difference(read(theirs), want))


def test_mkdisk(results, tmp, logs):
    files = os.path.join(tmp, "files-m")
    folder_of_files(files)
    mine, theirs = os.path.join(tmp, "mk-pagoda.img"), os.path.join(tmp, "mk-linux.img")
    subprocess.run([MKDISK, "--size", "24", "--part", "16", "--part", "rest", mine, files], check=True,
                   stdout=subprocess.DEVNULL)
    shutil.copyfile(mine, theirs)
    with ThreadPoolExecutor(max_workers=2) as pool:
        p = pool.submit(pagoda, "/bin/cat", ["/proc/partitions"], [mine])
        lx = pool.submit(linux, "/bin/cat", ["/proc/partitions"], [theirs], tmp)
        status, out = p.result()
        try:
            lstatus, lout = lx.result()
        except linux_oracle.OracleError as e:
            lstatus, lout = None, str(e)
    table = re.findall(r"^ +\d+ +\d+ +\d+ sd\w+$", out, re.M)
    ltable = re.findall(r"^ +\d+ +\d+ +\d+ sd\w+$", lout, re.M)
    results.record("disk/mkdisk-partitions-as-linux", status == 0 and lstatus == 0 and table == ltable
                   and len(table) == 3, "Pagoda %s %r, Linux %s %r" % (status, table, lstatus, ltable))
    results.record("disk/mkdisk-boot-line", re.search(r"^ sda: sda1 sda2\r?$", out, re.M) is not None,
                   "no ` sda: sda1 sda2` line")
    part = os.path.join(tmp, "sda1.img")
    write(part, read(mine)[2048 * SECTOR:(2048 + 16 * 2048) * SECTOR])
    clean, said = e2fsck(part)
    results.record("disk/mkdisk-sda1-e2fsck-clean", clean, said[0])
    r = subprocess.run(["debugfs", "-R", "cat /etc/hello", part], capture_output=True, text=True)
    results.record("disk/mkdisk-holds-the-files", r.stdout == "hello from the disk\n", r.stdout[:80])


def run_all(results, logs=None):
    if not os.path.isfile(INITRD):
        results.record("disk", False, "no %s: run `make user`" % INITRD)
        return
    with tempfile.TemporaryDirectory(prefix="disk-test-") as tmp:
        test_kernel(results, tmp, logs)
        test_blockdev(results, tmp, logs)
        test_mkdisk(results, tmp, logs)


class Results:
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


if __name__ == "__main__":
    r = Results()
    run_all(r)
    print("%d passed, %d failed" % (r.passed, len(r.failed)))
    sys.exit(1 if r.failed else 0)
