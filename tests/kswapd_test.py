"""Reclaim that swaps, and kswapd, judged from outside (user/tests/swaphog.c)
at --mem 32, twice RAM in play:

- swap: sda a 200 MiB mkswap'd disk; 64 MiB of anonymous memory written,
  forked, checked word by word on both sides (pswpout, pswpin,
  pgscan_kswapd up, kswapd0 in /proc, every slot free after swapoff; the
  runner's LEAK check for the pages). Pagoda, and Linux 6.1 with 192 MiB at
  96 MiB (its initramfs does not unpack in 48).
- noswap: the same hog without swap is OOM-killed, with Linux's report.
- pagecache: a 48 MiB file on ext2 read whole (Pagoda only: the oracle
  has no ext2 driver); e2fsck -fn after.
(swaphog swappiness, vm.swappiness's range on both kernels, is in tests/user.py.)

`python3 tests/kswapd_test.py` runs them alone.
"""
from concurrent.futures import ThreadPoolExecutor
import os
import re
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import disk_test  # noqa: E402
import linux_oracle  # noqa: E402  (tools/, on the path through disk_test)
import swap_test  # noqa: E402

OOM_LINES = [
    re.compile(r"^swaphog invoked oom-killer: gfp_mask=0x[0-9a-f]+\(GFP_HIGHUSER", re.M),
    re.compile(r"^Out of memory: Killed process \d+ \(swaphog\) total-vm:\d+kB, anon-rss:\d+kB", re.M),
]


def pagoda(args, disks, mem, log, timeout=280):
    cmd = [disk_test.RUN_USER, "--mem", str(mem), "--timeout", str(timeout)]
    cmd += sum((["--disk", d] for d in disks), [])
    if log:
        cmd += ["--log", log]
    proc = subprocess.run(cmd + ["/tests/swaphog"] + args, capture_output=True, text=True,
                          stdin=subprocess.DEVNULL)
    return proc.returncode, proc.stdout


def linux(args, disks, mem, tmp, log):
    work = os.path.join(disk_test.ROOT, "build", "linux", "work")
    entry = linux_oracle.Entry("swaphog", "/tests/swaphog", args, 240)
    try:
        runs, _, problem = linux_oracle.boot([entry], work, log=log, disks=disks, mem=mem)
    except linux_oracle.OracleError as e:
        return None, str(e)
    return runs[0].status, runs[0].output + ("" if problem is None else "\n(" + problem + ")")


def record_tap(results, name, status, out):
    bad = disk_test.judge_tap(out, status)
    results.record(name, not bad, "; ".join(bad))


def linux_swap(tmp, log):
    """The same swap run on Linux 6.1 (192 MiB at 96 MiB: its initramfs does not unpack in less): status, output."""
    lswap = os.path.join(tmp, "linux-swap.img")
    disk_test.write(lswap, swap_test.mkswap(os.path.join(tmp, "made2.swap"), 450))
    return linux(["swap", "192"], [lswap], 96, tmp, log("kswapd-swap.log.linux"))


def run_all(results, logs=None, linux_too=True):
    if not os.path.isfile(disk_test.INITRD):
        results.record("kswapd", False, "no %s: run `make user`" % disk_test.INITRD)
        return
    log = (lambda n: os.path.join(logs, n)) if logs else (lambda n: None)
    with tempfile.TemporaryDirectory(prefix="kswapd-test-") as tmp, ThreadPoolExecutor(max_workers=1) as pool:
        # Linux's run in the background: each QEMU takes one core of two
        lx = pool.submit(linux_swap, tmp, log) if linux_too else None
        swap = os.path.join(tmp, "swap.img")
        disk_test.write(swap, swap_test.mkswap(os.path.join(tmp, "made.swap"), 200))
        t0 = time.time()
        status, out = pagoda(["swap", "64"], [swap], 32, log("kswapd-swap.log"))
        record_tap(results, "kswapd/swap", status, out)
        results.record("kswapd/swap-no-oom", "oom-killer" not in out, "the OOM killer ran with swap free")
        print("# kswapd/swap took %.1f s" % (time.time() - t0))

        status, out = pagoda(["noswap", "64"], [], 32, log("kswapd-noswap.log"))
        record_tap(results, "kswapd/noswap", status, out)
        missing = [p.pattern for p in OOM_LINES if not p.search(out)]
        results.record("kswapd/noswap-oom-report", not missing, "missing: " + "; ".join(missing))

        files = os.path.join(tmp, "files")
        os.makedirs(files)
        disk_test.write(os.path.join(files, "big"), bytes(range(256)) * (4096 * 48))
        img = os.path.join(tmp, "ext2.img")
        subprocess.run([disk_test.MKDISK, "--size", "64", img, files], check=True, stdout=subprocess.DEVNULL)
        status, out = pagoda(["pagecache", "48"], [img], 32, log("kswapd-pagecache.log"))
        record_tap(results, "kswapd/pagecache", status, out)
        clean, said = disk_test.e2fsck(img)
        results.record("kswapd/pagecache-e2fsck-clean", clean, said[0])

        if lx:
            status, out = lx.result()
            record_tap(results, "kswapd/linux/swap", status, out)

if __name__ == "__main__":
    r = disk_test.Results()
    run_all(r, linux_too="--no-linux" not in sys.argv)
    for name in r.failed:
        print("FAILED", name)
    print("%d passed, %d failed" % (r.passed, len(r.failed)))
    sys.exit(1 if r.failed else 0)
