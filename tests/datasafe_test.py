#!/usr/bin/env python3
"""The data-safety test of issue 13: /tests/ext2stress (several processes
changing files in one ext2 directory at once: pwrite, O_APPEND, ftruncate
down and up, MAP_SHARED writes with msync, a new file renamed over an old
one, create and unlink) prints what each file must hold (LOG name size
crc32); the host then reads every file out of the image with debugfs.

  umount    the run, then a clean umount: every file as logged, e2fsck -fn
            clean, the super block's state "clean"
  crash     the run ends with sync(); QEMU is killed the moment it says so:
            every file as logged (as of the sync), e2fsck -fn finds no error,
            and the state says "not clean": the file system was mounted, and
            Linux's ext2 keeps EXT2_VALID_FS clear on the disk while mounted
            (ext2_setup_super, and ext2_sync_fs at every sync), as Pagoda
            does. (Not run on Linux: the oracle's modules have no ext4.ko,
            which is Debian's ext2 driver.)
  concurrent 8 processes in one directory, fewer changes each, on a 4 KiB
            block file system (directory and bitmap blocks shared by more
            writers): the same checks after umount

(The tmpfs run, where deleting the files must give every page back, is
tests/user.py's ext2stress-tmpfs, on both kernels.)

  python3 tests/datasafe_test.py [CASE...]
"""
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import zlib

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "tools"))
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import disk_test  # noqa: E402
import ext2_test  # noqa: E402
import shell  # noqa: E402

LOG_LINE = re.compile(r"^LOG (\S+) (\d+) ([0-9a-f]{8})$", re.M)


def logged(out):
    """{name: (size, crc32)} from the program's LOG lines."""
    return {m.group(1): (int(m.group(2)), int(m.group(3), 16)) for m in LOG_LINE.finditer(out)}


def check_files(img, log, tmp):
    """The files of log whose bytes in img are not what was logged: a list of strings."""
    wrong = []
    for name, (size, crc) in sorted(log.items()):
        data = ext2_test.dump(img, "/" + name, tmp)
        if data is None:
            wrong.append("%s missing" % name)
        elif len(data) != size or zlib.crc32(data) != crc:
            wrong.append("%s: %d bytes crc %08x, logged %d crc %08x" % (name, len(data), zlib.crc32(data), size, crc))
    return wrong


def state(img):
    m = re.search(rb"^Filesystem state:\s+(.*)$", ext2_test.debugfs(img, "stats"), re.M)
    return m.group(1).decode().strip() if m else "?"


def judge(results, name, img, out, status, tmp, want_state, procs):
    log = logged(out)
    bad = disk_test.judge_tap(out, status)
    if len(log) != procs * 4:
        bad.append("%d LOG lines, want %d" % (len(log), procs * 4))
    results.record("datasafe/%s/guest" % name, not bad, "; ".join(bad))
    clean, said = disk_test.e2fsck(img)
    results.record("datasafe/%s/e2fsck" % name, clean, said[0])
    wrong = check_files(img, log, tmp) if log else ["no log"]
    results.record("datasafe/%s/files" % name, not wrong, "; ".join(wrong[:4]))
    results.record("datasafe/%s/state" % name, state(img) == want_state,
                   "state %r, want %r" % (state(img), want_state))


def run_script(script, img, tmp, name, logs):
    """(status, output) of BusyBox's sh running script, with img as sda."""
    return ext2_test.boot(script, [img], tmp, name, logs)


def stress(procs, rounds, seed):
    return "/tests/ext2stress /mnt %d %d %d" % (procs, rounds, seed)


def after_umount(results, tmp, logs, name, block, procs, rounds, seed):
    """procs processes, rounds changes each, on a 16 MiB file system of block bytes; then umount and the checks."""
    img = os.path.join(tmp, name + ".img")
    ext2_test.mke2fs(img, 16 * 1024, block)
    script = "mount -t ext2 /dev/sda /mnt || exit 1\n%s; s=$?\numount /mnt || exit 1\nexit $s\n" % stress(
        procs, rounds, seed)
    status, out = run_script(script, img, tmp, "datasafe-" + name, logs)
    judge(results, name, img, out, status, tmp, "clean", procs)


def test_umount(results, tmp, logs):
    after_umount(results, tmp, logs, "umount", 1024, 4, 200, 13)


def test_concurrent(results, tmp, logs):
    after_umount(results, tmp, logs, "concurrent", 4096, 8, 80, 21)


def test_crash(results, tmp, logs):
    """sync, then QEMU killed at once: tools/boot stops QEMU on SIGTERM, no umount, no more writes."""
    img = os.path.join(tmp, "crash.img")
    ext2_test.mke2fs(img, 16 * 1024, 1024)
    root = os.path.join(tmp, "root-crash")
    shutil.copytree(ext2_test.STAGING, root, symlinks=True)
    os.makedirs(os.path.join(root, "mnt"), exist_ok=True)
    disk_test.write(os.path.join(root, "t.sh"), (
        "mount -t ext2 /dev/sda /mnt || exit 1\n%s\n/bin/busybox sleep 600\n" % stress(4, 200, 14)).encode())
    initrd = os.path.join(tmp, "crash.cpio")
    shell.newc_archive(root, initrd)
    shutil.rmtree(root)
    cmd = [ext2_test.BOOT, "--mem", "64", "--timeout", "120", "--initrd", initrd, "--disk", img,
           "--append", "init=/bin/busybox -- sh /t.sh"]
    if logs:
        cmd += ["--log", os.path.join(logs, "datasafe-crash.log")]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
    out, synced = [], False
    deadline = time.monotonic() + 120
    for raw in proc.stdout:
        line = raw.decode(errors="replace").replace("\r", "")
        out.append(line)
        if line.strip() == "SYNCED":
            synced = True
            proc.send_signal(signal.SIGTERM)    # QEMU stopped now: nothing after the sync reaches the disk
            break
        if time.monotonic() > deadline:
            break
    if proc.poll() is None and not synced:
        proc.send_signal(signal.SIGTERM)
    rest = proc.communicate()[0]
    text = "".join(out) + rest.decode(errors="replace").replace("\r", "")
    results.record("datasafe/crash/synced", synced, "no SYNCED line")
    # the TAP run ends at SYNCED: its checks passed if no 'not ok' and every process logged
    judge(results, "crash", img, text + "PASS: (killed after sync)\n", 0, tmp, "not clean", 4)


CASES = {"umount": test_umount, "crash": test_crash, "concurrent": test_concurrent}


def run_all(results, logs=None, only=None):
    if not os.path.isdir(ext2_test.STAGING):
        results.record("datasafe", False, "no %s: run `make user`" % ext2_test.STAGING)
        return
    with tempfile.TemporaryDirectory(prefix="datasafe-test-") as tmp:
        for name, fn in CASES.items():
            if not only or name in only:
                fn(results, tmp, logs)


if __name__ == "__main__":
    r = disk_test.Results()
    run_all(r, only=sys.argv[1:])
    print("%d passed, %d failed" % (r.passed, len(r.failed)))
    sys.exit(1 if r.failed else 0)
