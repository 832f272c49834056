"""System tests: boot the kernel whole and check what it prints and how it
exits, from outside, through tools/boot (and GDB). Each check is one test
line in `make test`."""
import os
import random
import re
import socket
import subprocess
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BOOT = os.path.join(ROOT, "tools", "boot")
KERNEL = os.path.join(ROOT, "build", "kernel.elf")
BANNER = re.compile(r"^Pagoda version .*$", re.M)
PAGE_OFFSET = 0xC0000000


def kernel_symbol(name):
    nm = subprocess.run(["i686-linux-gnu-nm", KERNEL], capture_output=True, text=True).stdout
    m = re.search(r"^([0-9a-f]{8}) \w %s$" % re.escape(name), nm, re.M)
    return int(m.group(1), 16)


def boot(*args, timeout=60, mem=64):
    cmd = [BOOT, "--mem", str(mem), "--timeout", str(timeout)] + list(args)
    start = time.time()
    proc = subprocess.run(cmd, capture_output=True, text=True, stdin=subprocess.DEVNULL)
    proc.seconds = time.time() - start
    return proc


def expect(results, name, cond, detail=""):
    results.record("system/" + name, bool(cond), "" if cond else detail)


def test_no_match_plan(results):
    p = boot("--append", "test=no_such_suite*")
    expect(results, "test-glob-matching-nothing-prints-plan-0",
           p.returncode == 0 and re.search(r"^1\.\.0\r?$", p.stdout, re.M),
           "exit %d" % p.returncode)


def test_cmdline(results):
    p = boot("--append", "test=no_such_suite frobnicate=7 loglevel=7")
    expect(results, "unknown-cmdline-key-is-reported",
           'Unknown kernel command line parameters "frobnicate=7"' in p.stdout, p.stdout[-200:])
    p = boot("--append", "test=no_such_suite loglevel=1")
    expect(results, "loglevel-1-hides-info-but-not-test-output",
           p.returncode == 0 and "Zone ranges:" not in p.stdout and "1..0" in p.stdout,
           "exit %d" % p.returncode)


def test_iso_boot(results, logs):
    direct = boot("--append", "test=no_such_suite")
    iso = boot("--iso", "--append", "test=no_such_suite", "--log", os.path.join(logs, "iso.log"),
               timeout=120)
    b1, b2 = BANNER.search(direct.stdout), BANNER.search(iso.stdout)
    expect(results, "grub-iso-boots-to-the-same-banner",
           iso.returncode == 0 and b1 and b2 and b1.group(0).strip() == b2.group(0).strip(),
           "iso exit %d, banners %r / %r" % (iso.returncode, b1 and b1.group(0), b2 and b2.group(0)))
    expect(results, "grub-iso-boot-loader-is-grub", "Boot loader: GRUB" in iso.stdout,
           "no 'Boot loader: GRUB' line")
    print("#   boot to power-off: -kernel %.2f s, GRUB ISO %.2f s" % (direct.seconds, iso.seconds))


def test_crashes(results):
    p = boot("--append", "crash=null")
    out = p.stdout
    expect(results, "null-dereference-prints-oops",
           "BUG: unable to handle kernel NULL pointer dereference at 00000000" in out
           and "Oops: 0002" in out, out[-300:])
    expect(results, "null-dereference-prints-registers",
           re.search(r"EAX: [0-9a-f]{8} EBX: [0-9a-f]{8}", out) and "CR2: 00000000" in out, "")
    expect(results, "null-dereference-backtrace-is-symbolised",
           re.search(r"\[<c01[0-9a-f]{5}>\] crash_null_deref\+0x", out)
           and re.search(r"\] start_kernel\+0x", out), out[-400:])
    expect(results, "null-dereference-exits-nonzero-not-hang",
           p.returncode == 1 and "kernel panic" in p.stderr, "exit %d %s" % (p.returncode, p.stderr))
    p = boot("--append", "crash=ud")
    expect(results, "invalid-opcode-is-named",
           "Unexpected exception 6 (invalid opcode)" in p.stdout and p.returncode == 1,
           "exit %d" % p.returncode)
    p = boot("--append", "crash=div0")
    expect(results, "divide-error-is-named",
           "(divide error)" in p.stdout and "crash_divide+" in p.stdout and p.returncode == 1,
           "exit %d" % p.returncode)
    p = boot("--append", "crash=bug")
    expect(results, "bug-on-names-condition-and-line",
           re.search(r"BUG_ON\(kind != NULL\) at kernel/crash\.c:\d+", p.stdout) and p.returncode == 1,
           "exit %d" % p.returncode)
    p = boot("--append", "crash=vmalloc-guard")
    expect(results, "vmalloc-guard-page-write-oopses",
           re.search(r"BUG: unable to handle kernel paging request at [0-9a-f]{8}", p.stdout)
           and "error 2: page not present, write, kernel mode" in p.stdout
           and "crash_vmalloc_overrun+" in p.stdout and p.returncode == 1, "exit %d" % p.returncode)
    p = boot("--append", "crash=write-text")
    expect(results, "write-to-kernel-text-is-a-protection-fault",
           "error 3: protection violation, write, kernel mode" in p.stdout
           and "crash_write_text+" in p.stdout and p.returncode == 1, "exit %d" % p.returncode)
    p = boot("--append", "crash=triple")
    expect(results, "triple-fault-is-a-failure-not-a-reboot",
           p.returncode == 3 and "guest reset" in p.stderr, "exit %d %s" % (p.returncode, p.stderr))
    p = boot("--append", "crash=hang", timeout=5)
    expect(results, "hang-is-killed-by-timeout", p.returncode == 124 and "timeout" in p.stderr,
           "exit %d" % p.returncode)


def test_ktest_failures_are_named(results):
    p = boot("--append", "test=demo_fail")
    expect(results, "ktest-failed-expectation-names-case-and-line",
           p.returncode == 1 and "not ok 1 demo_expect_fails" in p.stdout
           and "ktest_demo.c:" in p.stdout and "pages == 3" in p.stdout, "exit %d" % p.returncode)
    expect(results, "ktest-assert-ends-the-case",
           "not ok 2 demo_assert_stops" in p.stdout and "must not run" not in p.stdout, "")
    p = boot("--append", "test=demo_crash")
    expect(results, "ktest-crash-names-the-test",
           p.returncode == 1 and "# CRASH in demo_crash.demo_null_deref" in p.stdout,
           "exit %d" % p.returncode)
    p = boot("--append", "test=demo_hang ktest.timeout=2", timeout=30)
    expect(results, "ktest-hang-is-caught-by-watchdog-and-named",
           p.returncode == 1 and "# CRASH in demo_hang.demo_spin_forever" in p.stdout,
           "exit %d" % p.returncode)


def free_port():
    """A port nobody listens on now; not the per-user one, which a student's QEMU may hold."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_gdb(results, logs):
    # A free port of our own, and a word on the command line that only our
    # QEMU's kernel holds: GDB must read it back, so a test never passes
    # against some other QEMU that happens to listen on the port.
    port = free_port()
    probe = "%d%04d" % (os.getpid(), random.randrange(10000))
    qemu = subprocess.Popen([BOOT, "--mem", "64", "--timeout", "60", "--gdb", "--gdb-port", str(port),
                             "--append", "test=no_such_suite gdbprobe=" + probe],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL,
                            text=True)
    deadline = time.time() + 20
    while time.time() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            break
        except OSError:
            time.sleep(0.2)
    gdb = subprocess.run(
        ["gdb", "-batch", "-nx", "-ex", "set architecture i386",
         "-ex", "file " + KERNEL, "-ex", "target remote localhost:%d" % port,
         "-ex", "hbreak ktest_run_all", "-ex", "continue",
         "-ex", "printf \"STOP-PC %x\\n\", $pc",
         "-ex", "printf \"FN-ADDR %x\\n\", ktest_run_all",
         "-ex", "printf \"CMDLINE %s\\n\", boot_params.cmdline",
         "-ex", "printf \"TESTREQ %d\\n\", test_requested",
         "-ex", "delete", "-ex", "continue"],
        capture_output=True, text=True, timeout=60)
    out, _ = qemu.communicate(timeout=60)
    with open(os.path.join(logs, "gdb.log"), "w") as f:
        f.write(gdb.stdout + gdb.stderr)
    pc = re.search(r"STOP-PC (\w+)", gdb.stdout)
    fn = re.search(r"FN-ADDR (\w+)", gdb.stdout)
    ours = ("gdbprobe=" + probe) in gdb.stdout
    expect(results, "gdb-breakpoint-stops-in-kernel-function",
           ours and pc and fn and pc.group(1) == fn.group(1), gdb.stdout[-300:] + gdb.stderr[-300:])
    expect(results, "gdb-reads-kernel-variables",
           re.search(r"CMDLINE .*test=no_such_suite gdbprobe=%s" % probe, gdb.stdout)
           and "TESTREQ 1" in gdb.stdout, gdb.stdout[-300:])
    expect(results, "gdb-continue-runs-kernel-to-poweroff",
           ours and qemu.returncode == 0 and "1..0" in out and ("gdbprobe=" + probe) in out,
           "exit %d" % qemu.returncode)


def test_monitor(results):
    text = kernel_symbol("_text")
    script = ("help\nalloc 3\nfree\npage 0\npgwalk %#x\npgwalk zz\nalloc 99\nbogus\nmeminfo\n" % text +
              "run /bin/echo hi there\nps\nmaps 1\nmaps x\nkmap\ntest lib\nslabinfo\nvmallocinfo\nzoneinfo\n"
              "buddyinfo\nlayout\ncmdline\nbacktrace\nvmalloc 5000\npoweroff\n")
    initrd = os.path.join(ROOT, "build", "initrd.cpio")
    proc = subprocess.run([BOOT, "--mem", "1024", "--timeout", "60", "--initrd", initrd], input=script,
                          capture_output=True, text=True)
    out = proc.stdout
    expect(results, "monitor-poweroff-exits-cleanly", proc.returncode == 0 and "Powering off." in out,
           "exit %d" % proc.returncode)
    expect(results, "monitor-help-lists-commands",
           all(c in out for c in ("meminfo", "buddyinfo", "zoneinfo", "vmallocinfo", "pgwalk VADDR")), "")
    expect(results, "monitor-alloc-free-shows-buddy-lists",
           re.search(r"alloc_pages\(GFP_KERNEL, 3\) = pfn 0x[0-9a-f]+ \(zone Normal\)", out)
           and "after merging with its buddies" in out and "Node 0, zone   Normal" in out, "")
    # The kernel's first text page (_text, from the ELF's symbols): the walk's indices, the
    # frame at _text - PAGE_OFFSET, read-only and supervisor-only, all worked out here.
    expect(results, "monitor-pgwalk-decodes-kernel-text",
           re.search(r"^pgwalk %#x: pgd 0x[0-9a-f]{8}, index %d \(bits 31-22\), %d \(bits 21-12\), "
                     r"offset 0x0\r?\n  pde\[%4d\] = [0-9a-f]{8}  P RW S.*\r?\n"
                     r"  pte\[%4d\] = %05x[0-9a-f]{3}  P RO S.*\r?\n"
                     r"  phys %#010x \(pfn %#x\)"
                     % (text, text >> 22, (text >> 12) & 1023, text >> 22, (text >> 12) & 1023,
                        (text - PAGE_OFFSET) >> 12, text - PAGE_OFFSET, (text - PAGE_OFFSET) >> 12),
                     out, re.M), "")
    expect(results, "monitor-bad-arguments-print-usage",
           "usage: pgwalk VADDR" in out and "usage: alloc ORDER" in out
           and "Unknown command 'bogus'" in out, "")
    expect(results, "monitor-meminfo-linux-format",
           re.search(r"^MemTotal:\s+\d+ kB\r?$", out, re.M) and re.search(r"^HighTotal:\s+130944 kB", out, re.M),
           "")


    expect(results, "monitor-run-ps-maps-show-a-program",
           "hi there" in out and "run: /bin/echo exited with status 0" in out
           and re.search(r"^\s+1 echo\s+exited\s+0", out, re.M)
           and re.search(r"^08048000-08049000 r--p .* /bin/echo\r?$", out, re.M)
           and re.search(r"\[stack\]", out) and "usage: maps PID" in out, "")
    expect(results, "monitor-kmap-uses-pkmap-and-fixmap",
           "kmap        -> ff8" in out and "kmap_atomic -> fff" in out, "")
    expect(results, "monitor-test-runs-suites-and-returns",
           "ok 1 lib" in out and "# Totals: suites:1 failed:0" in out, "")
    expect(results, "monitor-slabinfo-vmallocinfo-formats",
           "slabinfo - version: 2.1" in out and re.search(r"^size-64\s+\d+", out, re.M)
           and re.search(r"^0x[0-9a-f]{8}-0x[0-9a-f]{8}\s+12288 cmd_vmalloc\+", out, re.M), "")


def run_all(results, logs):
    test_no_match_plan(results)
    test_cmdline(results)
    test_crashes(results)
    test_ktest_failures_are_named(results)
    test_iso_boot(results, logs)
    test_gdb(results, logs)
    test_monitor(results)
