"""Swap on disks, judged from outside: images made here with the host's
mkswap (util-linux), attached to Pagoda and to Debian's Linux 6.1 (the
oracle) as IDE disks, /tests/swap run on each.

- disk: sda a 16 MiB swap disk from mkswap, sdb a disk whose three
  partitions hold bad headers (none; last_page past the end; version 2):
  user/tests/swap.c's "disk" checks, on both kernels.
- file: sda an ext2 disk from tools/mkdisk; the program writes a swap
  file there and swaps to it (Pagoda only: the oracle loads no ext2
  driver); afterwards `e2fsck -fn` still finds the file system clean.

`python3 tests/swap_test.py` runs them alone.
"""
import os
import re
import shutil
import struct
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import disk_test  # noqa: E402
import linux_oracle  # noqa: E402

MKSWAP = shutil.which("mkswap") or "/sbin/mkswap"
SECTOR = disk_test.SECTOR
BAD_PARTS = [(2048, 2048), (4096, 2048), (6144, 2048)]     # sdb1, sdb2, sdb3
VERSION, LAST_PAGE = 1024, 1028                             # offsets in the header page


def mkswap(path, mib):
    with open(path, "wb") as f:
        f.truncate(mib << 20)
    subprocess.run([MKSWAP, path], check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return disk_test.read(path)


def bad_disk(tmp):
    """sdb: 4 MiB, three 1 MiB partitions: no signature, last_page past the end, version 2."""
    area = bytearray(mkswap(os.path.join(tmp, "one.swap"), 1))
    img = bytearray(8192 * SECTOR)
    img[:SECTOR] = disk_test.mbr(BAD_PARTS)
    too_long = bytearray(area)
    too_long[LAST_PAGE:LAST_PAGE + 4] = struct.pack("<I", 1000)
    version2 = bytearray(area)
    version2[VERSION:VERSION + 4] = struct.pack("<I", 2)
    for (start, _), part in zip(BAD_PARTS[1:], (too_long, version2)):
        img[start * SECTOR:start * SECTOR + len(part)] = part
    return bytes(img)


def test_disk(results, tmp, logs):
    swap = mkswap(os.path.join(tmp, "swap.img"), 16)
    bad = bad_disk(tmp)
    disks = {}
    for who in ("pagoda", "linux"):
        disks[who] = [os.path.join(tmp, "%s-sda.img" % who), os.path.join(tmp, "%s-sdb.img" % who)]
        disk_test.write(disks[who][0], swap)
        disk_test.write(disks[who][1], bad)
    with ThreadPoolExecutor(max_workers=2) as pool:
        p = pool.submit(disk_test.pagoda, "/tests/swap", ["disk"], disks["pagoda"],
                        logs and os.path.join(logs, "swap-disk.log"))
        lx = pool.submit(disk_test.linux, "/tests/swap", ["disk"], disks["linux"], tmp,
                         logs and os.path.join(logs, "swap-disk.log.linux"))
        status, out = p.result()
        try:
            lstatus, lout = lx.result()
        except linux_oracle.OracleError as e:
            lstatus, lout = None, str(e)
    bad = disk_test.judge_tap(out, status)
    results.record("swap/disk", not bad, "; ".join(bad))
    # Linux 6.1's line for a 16 MiB partition: one extent across the 4095 pages after the header
    line = "Adding 16380k swap on /dev/sda.  Priority:-2 extents:1 across:16380k"
    results.record("swap/disk-swapon-line", line in out, "no %r in the log" % line)
    bad = disk_test.judge_tap(lout, lstatus)
    results.record("swap/linux/disk", not bad, "; ".join(bad))


def test_file(results, tmp, logs):
    img = os.path.join(tmp, "ext2.img")
    files = os.path.join(tmp, "files")
    os.makedirs(files)
    subprocess.run([disk_test.MKDISK, "--size", "16", img, files], check=True, stdout=subprocess.DEVNULL)
    status, out = disk_test.pagoda("/tests/swap", ["file"], [img], logs and os.path.join(logs, "swap-file.log"))
    bad = disk_test.judge_tap(out, status)
    results.record("swap/file", not bad, "; ".join(bad))
    # a file written page by page on a fresh 1 KiB-block ext2: the counts the blocks give
    m = re.search(r"Adding (\d+)k swap on /mnt/swapfile\.  Priority:-2 extents:(\d+) across:(\d+)k", out)
    results.record("swap/file-swapon-line", bool(m) and int(m.group(1)) <= int(m.group(3)) and int(m.group(2)) >= 1,
                   m.group(0) if m else "no swapon line for /mnt/swapfile")
    clean, said = disk_test.e2fsck(img)
    results.record("swap/file-e2fsck-clean", clean, said[0])


def run_all(results, logs=None):
    if not os.path.isfile(disk_test.INITRD):
        results.record("swap", False, "no %s: run `make user`" % disk_test.INITRD)
        return
    with tempfile.TemporaryDirectory(prefix="swap-test-") as tmp:
        test_disk(results, tmp, logs)
        test_file(results, tmp, logs)


if __name__ == "__main__":
    r = disk_test.Results()
    run_all(r)
    print("%d passed, %d failed" % (r.passed, len(r.failed)))
    sys.exit(1 if r.failed else 0)
