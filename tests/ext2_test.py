#!/usr/bin/env python3
"""ext2 on the ATA disk, checked from outside: images made on the host
(tools/mkdisk, mke2fs), a boot whose init is BusyBox's sh running a script
that mounts the disk and changes it, then, on the host, e2fsck -fn must call
the image clean and debugfs must find exactly what the script wrote.

  rw-1k, rw-4k   read files mke2fs put there (contents checked in the guest
                 against the host's md5sums); create, write, append, rename,
                 unlink, mkdir, rmdir, truncate, hard links, fast and slow
                 symlinks; a file through double indirect blocks (1k: past
                 268 KiB) and, at 1k, a sparse one through the triple
                 indirect block; umount, mount again and read it all back
  part           the same file system in a partition (/dev/sda1)
  syscalls       user/tests/ext2 (TAP): the system calls' answers on ext2 (and a
                 writer held under dirty_ratio by balance_dirty_pages), then
                 the host finds its files (e2fsck clean, debugfs's bytes)
  writeback      user/tests/writeback: the flusher writes a file back after
                 dirty_expire_centisecs (100 here) with no sync, the host
                 finds it after a power-off; with the defaults it is not
                 there after 1 s; background writeback over
                 dirty_background_ratio; the flusher thread in /proc
  enospc         a 2 MiB file system filled: dd ends with ENOSPC, a new file
                 then cannot get a block; after rm, one can; e2fsck clean
  corrupt-*      a bad magic, a group descriptor pointing outside its group
                 (an inode table near 2^32 too), an unknown incompatible
                 feature: mount fails with EINVAL and Linux's message
  corrupt-walk-* mounted, then walked (ls, a glob, cat, 40 more ls): a root
                 '..' running past its block, a root i_size past its blocks
                 (every command ends, EIO), a block map past the disk (cat:
                 EIO, not EINVAL), a revision above EXT2_MAX_SUPP_REV (mounted
                 read-only); ext2_error's lines rate-limited (at most 20)
  remount-*      a revision above EXT2_MAX_SUPP_REV, an unknown read-only
                 feature (mounted -o ro): remount,rw is EROFS with Linux's
                 message, the file system stays read-only, the image unchanged
  bdev-coherent  mounted, a file written: the group descriptor read through
                 /dev/sda (no sync yet) already counts its 101 blocks -- the
                 device's file and ext2 share one page cache
  bdev-whole     a 16 MiB disk read whole through /dev/sda on a 64 MiB
                 machine (past the eighth of memory the drop-behind keeps) (md5 as the host's) and copied to /dev/sdb (the
                 host's bytes); the read's time printed
  fuzz-*         24 images with random bytes in the super block, a group
                 descriptor, an inode or directory entries (a fixed seed),
                 mounted 4 a boot and walked (find | xargs cat, ls -lR):
                 every walk ends, nothing panics, no page is lost

  python3 tests/ext2_test.py [CASE...]
"""
import hashlib
import os
import re
import shutil
import struct
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "tools"))
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import disk_test  # noqa: E402
import shell  # noqa: E402

BOOT = os.path.join(ROOT, "tools", "boot")
MKDISK = os.path.join(ROOT, "tools", "mkdisk")
STAGING = os.path.join(ROOT, "build", "user", "root")
INIT_EXITED = re.compile(r"^pagoda: init exited with status (\d+)$", re.M)
LONG_TARGET = "/a/symbolic/link/target/longer/than/the/sixty/bytes/of/i_block/" + "x" * 20

BIG = bytes(range(256)) * 1024                  # 256 KiB: into the indirect block at 1k


RECLAIM_MIB, RECLAIM_MEM = 40, 32                # a file larger than the machine
SEQ = "".join("%d\n" % i for i in range(1, 100001)).encode()   # 588,895 bytes: double indirect at 1k


def tool(name):
    return shutil.which(name) or "/sbin/" + name


def mke2fs(img, size_kib, block, folder=None):
    with open(img, "wb") as f:
        f.truncate(size_kib * 1024)
    cmd = [tool("mke2fs"), "-q", "-F", "-t", "ext2", "-b", str(block)] + (["-d", folder] if folder else [])
    subprocess.run(cmd + [img, "%dk" % size_kib], check=True, capture_output=True)


def debugfs(img, request):
    r = subprocess.run([tool("debugfs"), "-R", request, img], capture_output=True)
    return r.stdout


def dump(img, path, tmp):
    out = os.path.join(tmp, "dumped")
    if os.path.exists(out):
        os.unlink(out)
    subprocess.run([tool("debugfs"), "-R", "dump %s %s" % (path, out), img], capture_output=True)
    if not os.path.exists(out):
        return None
    with open(out, "rb") as f:
        return f.read()


def folder(top):
    os.makedirs(os.path.join(top, "sub"))
    disk_test.write(os.path.join(top, "hello"), b"hello from the host\n")
    disk_test.write(os.path.join(top, "big"), BIG)
    disk_test.write(os.path.join(top, "sub", "deep"), b"deep\n")
    os.symlink("hello", os.path.join(top, "link"))
    return top


def boot(script, disks, tmp, name, logs=None, mem=64):
    """(init's exit status or None, output) of a boot running script under BusyBox's sh."""
    root = os.path.join(tmp, "root-" + name)
    shutil.copytree(STAGING, root, symlinks=True)
    os.makedirs(os.path.join(root, "mnt"), exist_ok=True)
    disk_test.write(os.path.join(root, "t.sh"), script.encode())
    initrd = os.path.join(tmp, name + ".cpio")
    shell.newc_archive(root, initrd)
    shutil.rmtree(root)
    cmd = [BOOT, "--mem", str(mem), "--timeout", "120", "--initrd", initrd,
           "--append", "init=/bin/busybox -- sh /t.sh"] + sum((["--disk", d] for d in disks), [])
    if logs:
        cmd += ["--log", os.path.join(logs, "ext2-%s.log" % name)]
    proc = subprocess.run(cmd, capture_output=True, text=True, errors="replace", stdin=subprocess.DEVNULL)
    out = proc.stdout.replace("\r", "")
    m = INIT_EXITED.search(out)
    return (int(m.group(1)) if m else None), out


def rw_script(dev, sparse):
    md5 = hashlib.md5(BIG).hexdigest()
    return "\n".join([
        "bb=/bin/busybox",
        "mount -t ext2 %s /mnt && echo MOUNTED" % dev,
        "cat /mnt/hello /mnt/link /mnt/sub/deep",
        "[ \"$($bb md5sum < /mnt/big)\" = \"%s  -\" ] && echo BIG-OK" % md5,
        "echo new > /mnt/new && echo more >> /mnt/new",
        "mkdir /mnt/d2 && mv /mnt/hello /mnt/d2/h",
        "rm /mnt/sub/deep && rmdir /mnt/sub",
        "ln -s short-target /mnt/fast && ln -s %s /mnt/slow && ln /mnt/new /mnt/hard" % LONG_TARGET,
        "$bb seq 1 100000 > /mnt/seq",
        "cp /mnt/big /mnt/trunc && $bb truncate -s 5000 /mnt/trunc",
        "echo gone > /mnt/gone && rm /mnt/gone",
        ("echo far | dd of=/mnt/sparse bs=1024 seek=70000 2>/dev/null" if sparse else "true"),
        "sync",
        "umount /mnt && echo UMOUNTED",
        "mount -t ext2 %s /mnt && echo REMOUNTED" % dev,
        "cat /mnt/new /mnt/d2/h; readlink /mnt/fast; readlink /mnt/slow",
        "[ \"$($bb md5sum < /mnt/seq)\" = \"$($bb seq 1 100000 | $bb md5sum)\" ] && echo SEQ-OK",
        "ls /mnt | $bb tr '\\n' ' '; echo",
        "umount /mnt && echo UMOUNTED-AGAIN",
    ]) + "\n"


def check_rw(results, name, img, status, out, tmp, sparse, fsimg=None):
    fsimg = fsimg or img
    bad = disk_test.KERNEL_TROUBLE.search(out)
    want = ["MOUNTED", "hello from the host", "deep", "BIG-OK", "UMOUNTED", "REMOUNTED", "new", "more",
            "short-target", LONG_TARGET, "SEQ-OK", "UMOUNTED-AGAIN"]
    missing = [w for w in want if not re.search("^" + re.escape(w) + "$", out, re.M)]
    results.record("ext2/%s/guest" % name, status == 0 and not bad and not missing,
                   "status %s%s%s" % (status, ", " + bad.group(0) if bad else "",
                                      ", missing " + repr(missing) if missing else ""))
    clean, said = disk_test.e2fsck(fsimg)
    results.record("ext2/%s/e2fsck" % name, clean, said[0])
    expect = {"/new": b"new\nmore\n", "/hard": b"new\nmore\n", "/d2/h": b"hello from the host\n",
              "/seq": SEQ, "/trunc": BIG[:5000], "/big": BIG}
    wrong = [p for p, data in expect.items() if dump(fsimg, p, tmp) != data]
    listing = debugfs(fsimg, "ls -l /").decode(errors="replace")
    for gone in ("hello", "sub", "gone"):
        if re.search(r"\s%s\s*$" % gone, listing, re.M):
            wrong.append("/%s still there" % gone)
    if b"short-target" not in debugfs(fsimg, "stat /fast"):
        wrong.append("/fast")
    if dump(fsimg, "/slow", tmp) != LONG_TARGET.encode():
        wrong.append("/slow")
    if sparse:
        data = dump(fsimg, "/sparse", tmp)
        if data is None or len(data) != 70000 * 1024 + 4 or data[-4:] != b"far\n" or data[:-4].count(0) != len(data) - 4:
            wrong.append("/sparse")
    results.record("ext2/%s/debugfs" % name, not wrong, "wrong: %s" % wrong)


def test_rw(results, tmp, logs, block):
    name = "rw-%dk" % (block // 1024)
    img = os.path.join(tmp, name + ".img")
    mke2fs(img, 16 * 1024 if block == 1024 else 32 * 1024, block, folder(os.path.join(tmp, name + "-src")))
    sparse = block == 1024
    status, out = boot(rw_script("/dev/sda", sparse), [img], tmp, name, logs)
    check_rw(results, name, img, status, out, tmp, sparse)


def test_part(results, tmp, logs):
    img = os.path.join(tmp, "part.img")
    subprocess.run([MKDISK, "--size", "24", "--part", "8", "--part", "rest", img,
                    folder(os.path.join(tmp, "part-src"))], check=True, capture_output=True)
    status, out = boot(rw_script("/dev/sda1", False), [img], tmp, "part", logs)
    fs = os.path.join(tmp, "sda1.img")
    with open(img, "rb") as f, open(fs, "wb") as g:
        f.seek(2048 * 512)
        g.write(f.read(8 << 20))
    check_rw(results, "part", img, status, out, tmp, False, fsimg=fs)


def test_enospc(results, tmp, logs):
    img = os.path.join(tmp, "small.img")
    mke2fs(img, 2048, 1024)
    script = "\n".join([
        "mount -t ext2 /dev/sda /mnt && echo MOUNTED",
        "dd if=/dev/zero of=/mnt/fill bs=1024 count=4096 2>&1 | /bin/busybox tail -3",
        "echo x > /mnt/more; echo more=$?",
        "rm /mnt/fill && echo after > /mnt/after && echo AFTER-OK",
        "umount /mnt && echo UMOUNTED",
    ]) + "\n"
    status, out = boot(script, [img], tmp, "enospc", logs)
    bad = disk_test.KERNEL_TROUBLE.search(out)
    ok = (status == 0 and not bad and "No space left on device" in out and "more=1" in out and
          re.search("^AFTER-OK$", out, re.M) and re.search("^UMOUNTED$", out, re.M))
    results.record("ext2/enospc/guest", bool(ok), "status %s%s" % (status, ", " + bad.group(0) if bad else ""))
    clean, said = disk_test.e2fsck(img)
    results.record("ext2/enospc/e2fsck", clean, said[0])
    results.record("ext2/enospc/debugfs", dump(img, "/after", tmp) == b"after\n")


def corrupt(img, how):
    with open(img, "r+b") as f:
        if how == "magic":
            f.seek(1024 + 56)
            f.write(b"\0\0")
        elif how == "gdt":          # group 0's block bitmap far outside the group (1k blocks: descriptors at block 2)
            f.seek(2048)
            f.write(struct.pack("<I", 0x7fffffff))
        elif how == "itable":       # group 0's inode table near 2^32: its end must not wrap back into the group
            f.seek(2048 + 8)
            f.write(struct.pack("<I", 0xfffffff0))
        elif how == "feature":      # an incompatible feature ext2 does not know (compression)
            f.seek(1024 + 96)
            (incompat,) = struct.unpack("<I", f.read(4))
            f.seek(1024 + 96)
            f.write(struct.pack("<I", incompat | 0x1))


def test_corrupt(results, tmp, logs):
    said = {"magic": "VFS: Can't find an ext2 filesystem on dev sda.",
            "gdt": "EXT2-fs (sda): error: group descriptors corrupted",
            "itable": "EXT2-fs (sda): error: ext2_check_descriptors: Inode table for group 0 not in group "
                      "(block 4294967280)!",
            "feature": "EXT2-fs (sda): error: couldn't mount because of unsupported optional features (1)"}
    for how, line in said.items():
        img = os.path.join(tmp, "corrupt-%s.img" % how)
        mke2fs(img, 4096, 1024)
        corrupt(img, how)
        status, out = boot("mount -t ext2 /dev/sda /mnt; echo mount=$?\nls /mnt | wc -l\n", [img], tmp,
                           "corrupt-" + how, logs)
        bad = disk_test.KERNEL_TROUBLE.search(out)
        ok = (status == 0 and not bad and line in out and "mount=255" in out and "Invalid argument" in out)
        results.record("ext2/corrupt-%s" % how, ok, "status %s%s%s" % (
            status, ", " + bad.group(0) if bad else "", "" if line in out else ", no " + repr(line)))


def test_remount(results, tmp, logs):
    """A file system mounted read-only because of a revision newer than EXT2_MAX_SUPP_REV, or
    mounted with -o ro and a read-only-compatible feature ext2 does not know (HUGE_FILE): a
    remount read-write is refused (EROFS, Linux's message), it stays read-only, nothing is
    written; a remount read-only of it is fine."""
    cases = {
        "rev": (lambda img: poke(img, 1024 + 76, "<I", 2), "mount -t ext2 /dev/sda /mnt",
                "EXT2-fs (sda): error: revision level too high, forcing read-only mode"),
        "rocompat": (lambda img: poke(img, 1024 + 100, "<I", 0x8 | 0x1 | 0x2), "mount -t ext2 -o ro /dev/sda /mnt",
                     "EXT2-fs (sda): warning: couldn't remount RDWR because of unsupported optional features (8)."),
    }
    src = folder(os.path.join(tmp, "remount-src"))
    for name, (how, mount, line) in cases.items():
        img = os.path.join(tmp, "remount-%s.img" % name)
        mke2fs(img, 4096, 1024, src)
        how(img)
        with open(img, "rb") as f:
            before = f.read()
        script = "\n".join([
            mount + "; echo mount=$?",
            "mount -o remount,rw /mnt; echo remount=$?",
            "grep /mnt /proc/mounts",
            "touch /mnt/new; echo touch=$?",
            "mount -o remount,ro /mnt; echo remount-ro=$?",
            "cat /mnt/hello; echo cat=$?",
            "umount /mnt; echo umount=$?",
        ]) + "\n"
        status, out = boot(script, [img], tmp, "remount-" + name, logs)
        with open(img, "rb") as f:
            after = f.read()
        bad = disk_test.KERNEL_TROUBLE.search(out)
        want = ["mount=0", line, "Read-only file system", "remount=255", "/dev/sda /mnt ext2 ro", "touch=1",
                "remount-ro=0", "cat=0", "umount=0"]
        missing = [w for w in want if w not in out]
        ok = status == 0 and not bad and not missing and before == after
        results.record("ext2/remount-%s" % name, ok, "status %s%s%s%s" % (
            status, ", " + bad.group(0) if bad else "", ", no " + repr(missing) if missing else "",
            "" if before == after else ", the image changed"))


def inode_at(img, spec):
    """The byte offset of inode spec (a path or <N>) in img, from debugfs's imap."""
    m = re.search(rb"located at block (\d+), offset (0x[0-9a-f]+)", debugfs(img, "imap %s" % spec))
    return int(m.group(1)) * 1024 + int(m.group(2), 16)


def poke(img, offset, fmt, value):
    with open(img, "r+b") as f:
        f.seek(offset)
        f.write(struct.pack(fmt, value))


# A broken directory or block map after a good mount: every command ends (EIO, not
# EINVAL, and no endless getdents), the kernel stays up, ext2_error is rate-limited.
WALK = "\n".join([
    "bb=/bin/busybox",
    "mount -t ext2 /dev/sda /mnt; echo mount=$?",
    "ls /mnt; echo ls=$?",
    "cat /mnt/* > /dev/null; echo glob=$?",
    "cat /mnt/hello; echo cat=$?",
    "i=0; while [ $i -lt 40 ]; do ls /mnt >/dev/null 2>&1; i=$((i+1)); done; echo LOOPED",
    "grep /mnt /proc/mounts",
    "touch /mnt/new; echo touch=$?",
    "umount /mnt; echo umount=$?",
]) + "\n"


def test_corrupt_walk(results, tmp, logs):
    src = folder(os.path.join(tmp, "walk-src"))
    base = os.path.join(tmp, "walk-base.img")
    mke2fs(base, 4096, 1024, src)
    root_block = int(debugfs(base, "blocks /").split()[0])

    def dotdot_rec_len(img):        # the root's '..' (after the 12-byte '.') runs 60000 bytes
        poke(img, root_block * 1024 + 12 + 4, "<H", 60000)

    def root_size(img):             # the root's i_size far past its one block: holes, not entries
        poke(img, inode_at(img, "<2>") + 4, "<I", 0xfffffc00)

    def file_map(img):              # /hello's first block past the end of the disk
        poke(img, inode_at(img, "/hello") + 40, "<I", 0x00ffffff)

    def rev_level(img):             # a revision newer than EXT2_MAX_SUPP_REV
        poke(img, 1024 + 76, "<I", 2)

    cases = {
        "dotdot": (dotdot_rec_len, ["EXT2-fs (sda): error: ext2_check_page: bad entry in directory # 2",
                                    "ls=", "cat: can't open '/mnt/hello': Input/output error"]),
        "isize": (root_size, ["EXT2-fs (sda): error: ext2_check_page: bad entry in directory # 2", "ls=",
                              "cat: can't open '/mnt/hello': Input/output error"]),
        "map": (file_map, ["cat: read error: Input/output error", "cat=1", "glob=1", "lost+found"]),
        "rev": (rev_level, ["EXT2-fs (sda): error: revision level too high, forcing read-only mode",
                            "/dev/sda /mnt ext2 ro", "Read-only file system", "touch=1", "cat=0"]),
    }
    for name, (how, want) in cases.items():
        img = os.path.join(tmp, "walk-%s.img" % name)
        shutil.copy(base, img)
        how(img)
        status, out = boot(WALK, [img], tmp, "walk-" + name, logs)
        bad = disk_test.KERNEL_TROUBLE.search(out)
        errors = out.count("EXT2-fs (sda): error: ext2_check_page")
        missing = [w for w in want if w not in out]
        ok = (status == 0 and not bad and "mount=0" in out and "LOOPED" in out and not missing and
              errors <= 20 and "Invalid argument" not in out)
        results.record("ext2/corrupt-walk-%s" % name, ok, "status %s%s%s, %d ext2_check_page errors" % (
            status, ", " + bad.group(0) if bad else "", ", no " + repr(missing) if missing else "", errors))


def fuzz_image(img, rng, base_regions):
    """Random bytes at random offsets inside one of the image's structures; returns which."""
    what = rng.choice(sorted(base_regions))
    start, length = rng.choice(base_regions[what])
    with open(img, "r+b") as f:
        for _ in range(rng.randint(1, 8)):
            f.seek(start + rng.randrange(length))
            f.write(bytes([rng.randrange(256)]))
    return what


FUZZ_IMAGES = 24            # 4 disks a boot
FUZZ_WALK = "\n".join([
    "for d in a b c d; do",
    "  if mount -t ext2 /dev/sd$d /mnt; then",
    "    find /mnt -type f | xargs -r cat > /dev/null; ls -lR /mnt > /dev/null; umount /mnt",
    "  fi",
    "  echo FUZZ-DONE-$d",
    "done",
]) + "\n"


def test_fuzz(results, tmp, logs):
    """Fuzzed super block, group descriptors, inodes, directory entries: mounted and walked, nothing panics or hangs."""
    import random
    rng = random.Random(1302)
    src = folder(os.path.join(tmp, "fuzz-src"))
    base = os.path.join(tmp, "fuzz-base.img")
    mke2fs(base, 1024, 1024, src)
    dirs = [int(debugfs(base, "blocks %s" % d).split()[0]) * 1024 for d in ("/", "/sub", "/lost+found")]
    inodes = [inode_at(base, spec) for spec in ("<2>", "<11>", "/hello", "/big", "/sub", "/sub/deep", "/link")]
    regions = {"super": [(1024, 204)], "gdt": [(2048, 32)],
               "inode": [(i, 128) for i in inodes], "dirent": [(d, 64) for d in dirs]}
    for first in range(0, FUZZ_IMAGES, 4):
        imgs, whats = [], []
        for n in range(first, first + 4):
            img = os.path.join(tmp, "fuzz-%d.img" % n)
            shutil.copy(base, img)
            whats.append(fuzz_image(img, rng, regions))
            imgs.append(img)
        status, out = boot(FUZZ_WALK, imgs, tmp, "fuzz-%d" % first, logs)
        bad = disk_test.KERNEL_TROUBLE.search(out)
        done = all("FUZZ-DONE-" + d in out for d in "abcd")
        results.record("ext2/fuzz-%d-%d" % (first, first + 3), status == 0 and not bad and done,
                       "%s: status %s%s%s" % ("/".join(whats), status, ", " + bad.group(0) if bad else "",
                                              "" if done else ", a walk did not end"))


def test_syscalls(results, tmp, logs):
    img = os.path.join(tmp, "syscalls.img")
    mke2fs(img, 16 * 1024, 1024, folder(os.path.join(tmp, "syscalls-src")))
    # 48 MiB: the 14 MiB the test writes to fill the disk pass dirty_ratio's share of memory
    cmd = [disk_test.RUN_USER, "--mem", "48", "--timeout", "120", "--disk", img]
    if logs:
        cmd += ["--log", os.path.join(logs, "ext2-syscalls.log")]
    proc = subprocess.run(cmd + ["/tests/ext2"], capture_output=True, text=True, stdin=subprocess.DEVNULL)
    status, out = proc.returncode, proc.stdout
    bad = disk_test.judge_tap(out, status)
    results.record("ext2/syscalls/guest", not bad, "; ".join(bad))
    clean, said = disk_test.e2fsck(img)
    results.record("ext2/syscalls/e2fsck", clean, said[0])
    sparse = dump(img, "/sparse", tmp)
    ok = (dump(img, "/e/f", tmp) == b"file\n" and sparse == b"a" * 100 + bytes(19900) + b"END" and
          dump(img, "/fill", tmp) is None and dump(img, "/tmpfile", tmp) is None and
          dump(img, "/mapped", tmp) == b"mapped\n" + bytes(8189 - 7) + b"end")
    results.record("ext2/syscalls/debugfs", ok)


def pattern(n):
    """user/tests/writeback.c's file contents: the alphabet over and over."""
    return bytes(ord("a") + i % 26 for i in range(65536)) * (n // 65536) + \
        bytes(ord("a") + i % 26 for i in range(n % 65536))


def test_writeback(results, tmp, logs):
    """The flusher (user/tests/writeback.c): each mode on a fresh image, never
    synced. expire and default end in reboot(2), which syncs nothing: the host
    then finds what the flusher alone wrote -- the file with low knobs, nothing
    with the defaults -- and e2fsck -fn exits 0 either way (it may say the
    super block's free counts are stale: ext2 writes them only at sync and
    umount, as Linux's does)."""
    for mode in ("expire", "default", "background", "ps", "mapped"):
        img = os.path.join(tmp, "writeback-%s.img" % mode)
        mke2fs(img, (32 if mode == "mapped" else 16) * 1024, 1024, folder(os.path.join(tmp, "writeback-src-" + mode)))
        cmd = [disk_test.RUN_USER, "--mem", "64", "--timeout", "120", "--disk", img]
        if logs:
            cmd += ["--log", os.path.join(logs, "ext2-writeback-%s.log" % mode)]
        proc = subprocess.run(cmd + ["/tests/writeback", mode], capture_output=True, text=True,
                              stdin=subprocess.DEVNULL)
        out = proc.stdout
        powered_off = mode in ("expire", "default")
        # reboot(POWER_OFF) ends the run before init exits: run-user then has no status to report
        bad = disk_test.judge_tap(out, 0 if powered_off else proc.returncode)
        if powered_off and "reboot: Power down" not in out:
            bad.append("no power-off")
        results.record("ext2/writeback/%s/guest" % mode, not bad, "; ".join(bad))
        clean, said = disk_test.e2fsck(img)
        results.record("ext2/writeback/%s/e2fsck" % mode, clean, said[0])
        if mode == "expire":
            got = dump(img, "/flushed", tmp)
            results.record("ext2/writeback/expire/on-disk", got == pattern(40960),
                           "got %s bytes" % (None if got is None else len(got)))
            got = dump(img, "/mapped", tmp)
            want = b"mapped 0" + bytes(4088) + b"mapped 1" + bytes(4088)
            results.record("ext2/writeback/expire/mapped-on-disk", got == want,
                           "got %r" % (got if got is None else got[:8] + b"..." + got[4096:4104]))
        elif mode == "default":
            got = dump(img, "/kept", tmp)
            results.record("ext2/writeback/default/not-on-disk", got is None,
                           "found %s bytes" % (None if got is None else len(got)))
        elif mode == "background":
            got = dump(img, "/background", tmp)
            results.record("ext2/writeback/background/on-disk", got == pattern(2 * 1024 * 1024),
                           "got %s bytes" % (None if got is None else len(got)))


def test_bdev_coherent(results, tmp, logs):
    """ext2 changes a group descriptor in the device's page cache; a read of /dev/sda finds the change before any sync."""
    img = os.path.join(tmp, "coherent.img")
    mke2fs(img, 16 * 1024, 1024)
    script = "\n".join([
        "bb=/bin/busybox",
        "mount -t ext2 /dev/sda /mnt && echo MOUNTED",
        # group 0's bg_free_blocks_count: 12 bytes into the descriptors at block 2
        "gfree() { $bb dd if=/dev/sda bs=1024 skip=2 count=1 2>/dev/null | $bb od -An -tu2 -j12 -N2 | $bb tr -d ' '; }",
        "a=$(gfree)",
        "$bb dd if=/dev/zero of=/mnt/f bs=1024 count=100 2>/dev/null",
        "b=$(gfree)",
        "echo GDT-FREE $a $b",
        "umount /mnt && echo UMOUNTED",
    ]) + "\n"
    status, out = boot(script, [img], tmp, "bdev-coherent", logs)
    bad = disk_test.KERNEL_TROUBLE.search(out)
    m = re.search(r"^GDT-FREE (\d+) (\d+)$", out, re.M)
    # 100 data blocks and the indirect block past the 12 direct ones
    ok = status == 0 and not bad and m and int(m.group(2)) == int(m.group(1)) - 101 and "UMOUNTED" in out
    results.record("ext2/bdev-coherent", bool(ok), "status %s, %s" % (status, m.group(0) if m else "no GDT-FREE line"))
    clean, said = disk_test.e2fsck(img)
    results.record("ext2/bdev-coherent/e2fsck", clean, said[0])


def test_bdev_whole(results, tmp, logs):
    """A whole 16 MiB disk read and copied through the device's page cache on a 64 MiB machine: byte for byte the host's."""
    import random
    rng = random.Random(16)
    src, dst = os.path.join(tmp, "whole-src.img"), os.path.join(tmp, "whole-dst.img")
    data = bytes(rng.getrandbits(8) for _ in range(1 << 20)) * 15 + bytes(rng.getrandbits(8) for _ in range(1 << 20))
    with open(src, "wb") as f:
        f.write(data)
    with open(dst, "wb") as f:
        f.truncate(len(data))
    script = "\n".join([
        "bb=/bin/busybox",
        "t0=$($bb cut -d' ' -f1 /proc/uptime)",
        "$bb dd if=/dev/sda bs=65536 2>/dev/null | $bb md5sum",
        "t1=$($bb cut -d' ' -f1 /proc/uptime)",
        "echo READ-SECONDS $t0 $t1",
        "$bb dd if=/dev/sda of=/dev/sdb bs=65536 2>/dev/null && echo COPIED",
        "grep -E '^(Buffers|Dirty|MemFree):' /proc/meminfo",
    ]) + "\n"
    status, out = boot(script, [src, dst], tmp, "bdev-whole", logs)
    bad = disk_test.KERNEL_TROUBLE.search(out)
    md5 = hashlib.md5(data).hexdigest()
    ok = status == 0 and not bad and re.search("^%s  -$" % md5, out, re.M) and "COPIED" in out
    m = re.search(r"^READ-SECONDS (\S+) (\S+)$", out, re.M)
    results.record("ext2/bdev-whole-read", bool(ok), "status %s%s; md5 %s wanted" % (
        status, ", " + bad.group(0) if bad else "", md5))
    with open(dst, "rb") as f:
        copied = f.read()
    results.record("ext2/bdev-whole-copy", copied == data, "" if copied == data else disk_test.first_difference(copied, data))
    if m:
        print("# bdev-whole: 16 MiB read in %.2f s" % (float(m.group(2)) - float(m.group(1))))


def test_reclaim(results, tmp, logs):
    """A file larger than the machine's memory read twice through the page cache: reclaim (kswapd's
    and direct) drops the clean pages read before (pgsteal_file is pgsteal_kswapd + pgsteal_direct:
    no swap, no anonymous page goes), nothing is killed, every byte is right."""
    src = os.path.join(tmp, "reclaim-src")
    os.makedirs(src)
    block = hashlib.sha256(b"reclaim").digest() * 128             # 4 KiB, not all one byte
    data = b"".join(block[i % 61:] + block[:i % 61] for i in range(RECLAIM_MIB * 256))
    disk_test.write(os.path.join(src, "big"), data)
    img = os.path.join(tmp, "reclaim.img")
    mke2fs(img, (RECLAIM_MIB + 4) * 1024, 4096, src)
    shutil.rmtree(src)
    script = ("mount -t ext2 /dev/sda /mnt && md5sum /mnt/big && md5sum /mnt/big && "
              "grep -E '^(pgscan_direct|pgsteal_direct|pgsteal_kswapd|pgsteal_file|allocstall_[a-z]+|oom_kill) ' /proc/vmstat && "
              "grep -E '^(MemTotal|Cached|Inactive.file.|Active.file.):' /proc/meminfo && umount /mnt\n")
    status, out = boot(script, [img], tmp, "reclaim", logs, mem=RECLAIM_MEM)
    md5 = hashlib.md5(data).hexdigest()
    stat = {k: int(v) for k, v in re.findall(r"^(\w+) (\d+)$", out, re.M)}
    kb = {k: int(v) for k, v in re.findall(r"^(\S+):\s+(\d+) kB$", out, re.M)}
    sums = re.findall(r"^([0-9a-f]{32})  /mnt/big$", out, re.M)
    bad = []
    if status != 0:
        bad.append("status %s" % status)
    if sums != [md5, md5]:
        bad.append("md5sum %s, not twice %s" % (sums, md5))
    if kb.get("MemTotal", 1 << 30) * 1024 >= len(data):
        bad.append("the file (%d bytes) fits in MemTotal %s kB" % (len(data), kb.get("MemTotal")))
    stolen = stat.get("pgsteal_direct", 0) + stat.get("pgsteal_kswapd", 0)
    if not stat.get("pgsteal_file") or stat.get("pgsteal_file") != stolen:
        bad.append("pgsteal_direct %s + pgsteal_kswapd %s, pgsteal_file %s" % (
            stat.get("pgsteal_direct"), stat.get("pgsteal_kswapd"), stat.get("pgsteal_file")))
    if stat.get("oom_kill") != 0 or "Out of memory" in out or "LEAK" in out:
        bad.append("an OOM kill or a leak")
    results.record("ext2/reclaim", not bad, "; ".join(bad))


CASES = {
    "rw-1k": lambda r, t, l: test_rw(r, t, l, 1024),
    "rw-4k": lambda r, t, l: test_rw(r, t, l, 4096),
    "part": test_part,
    "syscalls": test_syscalls,
    "writeback": test_writeback,
    "enospc": test_enospc,
    "corrupt": test_corrupt,
    "corrupt-walk": test_corrupt_walk,
    "remount": test_remount,
    "fuzz": test_fuzz,
    "bdev-coherent": test_bdev_coherent,
    "bdev-whole": test_bdev_whole,
    "reclaim": test_reclaim,
}


def run_all(results, logs=None, only=None):
    if not os.path.isdir(STAGING):
        results.record("ext2", False, "no %s: run `make user`" % STAGING)
        return
    with tempfile.TemporaryDirectory(prefix="ext2-test-") as tmp:
        for name, fn in CASES.items():
            if not only or name in only:
                fn(results, tmp, logs)


if __name__ == "__main__":
    r = disk_test.Results()
    run_all(r, only=sys.argv[1:])
    print("%d passed, %d failed" % (r.passed, len(r.failed)))
    sys.exit(1 if r.failed else 0)
