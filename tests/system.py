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


INITRD = os.path.join(ROOT, "build", "initrd.cpio")


def test_no_match_plan(results):
    p = boot("--append", "test=no_such_suite*")
    expect(results, "test-glob-matching-nothing-fails-and-names-the-glob",
           p.returncode == 1 and "no suite matches 'no_such_suite*'" in p.stdout,
           "exit %d" % p.returncode)
    p = boot("--append", "test=lib,no_such_suite")
    expect(results, "test-glob-list-with-one-unmatched-glob-fails",
           p.returncode == 1 and re.search(r"^ok 1 lib\r?$", p.stdout, re.M)
           and "no suite matches 'no_such_suite'" in p.stdout, "exit %d" % p.returncode)
    p = boot("--append", "test=lib test=")
    expect(results, "test-empty-value-is-malformed-and-ignored",
           p.returncode == 0 and "Malformed kernel command line option 'test=': ignored" in p.stdout
           and re.search(r"^ok 1 lib\r?$", p.stdout, re.M), "exit %d" % p.returncode)


def test_cmdline(results):
    p = boot("--append", "test=lib frobnicate=7 loglevel=7")
    expect(results, "unknown-cmdline-key-is-reported",
           'Unknown kernel command line parameters "frobnicate=7"' in p.stdout, p.stdout[-200:])
    p = boot("--append", "test=lib loglevel=1")
    expect(results, "loglevel-1-hides-info-but-not-test-output",
           p.returncode == 0 and "Zone ranges:" not in p.stdout and "ok 1 lib" in p.stdout,
           "exit %d" % p.returncode)


# (command-line word, memory in MiB, what the kernel must say, what shows the value was not applied)
REFUSED_OPTIONS = [
    ("vmalloc=1", 1024, "vmalloc=1: out of range", "896MB LOWMEM available."),
    ("vmalloc=40959K", 1024, "vmalloc=40959K: out of range", "896MB LOWMEM available."),
    ("vmalloc=993M", 1024, "vmalloc=993M: out of range", "896MB LOWMEM available."),
    ("vmalloc=12Q", 1024, "Malformed kernel command line option 'vmalloc=12Q': ignored",
     "896MB LOWMEM available."),
    ("mem=1", 64, "mem=1: 0 KiB is less than the kernel and initrd need", "63MB LOWMEM available."),
    ("mem=4K", 64, "mem=4K: 4 KiB is less than", "63MB LOWMEM available."),
    ("mem=99999999999999999999G", 64, "Malformed kernel command line option 'mem=99999999999999999999G'",
     "63MB LOWMEM available."),
    ("loglevel=abc", 64, "Malformed kernel command line option 'loglevel=abc': ignored", "Zone ranges:"),
    ("loglevel=16", 64, "loglevel=16: out of range 0..15; ignored", "Zone ranges:"),
    ("ktest.timeout=0", 64, "ktest.timeout=0: out of range 1..86400 seconds; ignored", "ok 1 lib"),
    ("ktest.timeout=99999999999", 64, "Malformed kernel command line option 'ktest.timeout=99999999999'",
     "ok 1 lib"),
    ("crash=bogus", 64, "crash=bogus: unknown kind", "ok 1 lib"),
    ("slab_debug=1", 64, "Malformed kernel command line option 'slab_debug=1': ignored", "ok 1 lib"),
    ("init=bin/echo", 64, "Malformed kernel command line option 'init=bin/echo': ignored", "ok 1 lib"),
    ("panic=maybe", 64, "Malformed kernel command line option 'panic=maybe': ignored", "ok 1 lib"),
    # ktest.repeat parses strictly: 2^32 + 2 is not 2 (one run, not two)
    ("ktest.repeat=4294967298", 64, "Malformed kernel command line option 'ktest.repeat=4294967298': ignored",
     "# Totals: suites:1 failed:0"),
    ("ktest.repeat=2x", 64, "Malformed kernel command line option 'ktest.repeat=2x': ignored",
     "# Totals: suites:1 failed:0"),
    ("ktest.repeat=0", 64, "ktest.repeat=0: out of range 1..100; ignored", "# Totals: suites:1 failed:0"),
]

# Accepted at the boundary: the value just inside the range is applied.
ACCEPTED_OPTIONS = [
    ("vmalloc=40M", 1024, "984MB LOWMEM available."),
    ("vmalloc=992M", 1024, "32MB LOWMEM available."),
    ("loglevel=15", 64, "Zone ranges:"),
]


def test_refused_options(results):
    for word, mem, said, unchanged in REFUSED_OPTIONS:
        p = boot("--append", "test=lib " + word, mem=mem)
        # one complaint per refused word: the handler's or the parser's, never both
        told = [line for line in p.stdout.splitlines()
                if word in line and not line.startswith("Kernel command line:")]
        expect(results, "cmdline-refuses-%s" % word.replace("=", "-"),
               p.returncode == 0 and said in p.stdout and unchanged in p.stdout and len(told) == 1
               and re.search(r"^ok 1 lib\r?$", p.stdout, re.M),
               "exit %d, said %r: %s, %d lines name it" % (p.returncode, said in p.stdout,
                                                          unchanged in p.stdout, len(told)))
    for word, mem, applied in ACCEPTED_OPTIONS:
        p = boot("--append", "test=lib " + word, mem=mem)
        expect(results, "cmdline-accepts-boundary-%s" % word.replace("=", "-"),
               p.returncode == 0 and applied in p.stdout and "ignored" not in p.stdout,
               "exit %d" % p.returncode)


def run_init(append, mem=64):
    return boot("--initrd", INITRD, "--append", append, mem=mem)


def kernel_and_initrd_kib():
    """What mem= must cover, worked out here: the kernel image's physical end
    (from build/kernel.elf's program headers), the initrd QEMU loads after it
    and the 512 KiB the kernel keeps for itself. Within a page or two of the
    kernel's own figure (QEMU page-aligns the module)."""
    import struct
    data = open(KERNEL, "rb").read()
    phoff, = struct.unpack_from("<I", data, 28)
    phentsize, phnum = struct.unpack_from("<HH", data, 42)
    end = 0
    for i in range(phnum):
        p_type, _, _, p_paddr, _, p_memsz = struct.unpack_from("<IIIIII", data, phoff + i * phentsize)
        if p_type == 1:
            end = max(end, p_paddr + p_memsz)
    return (end + 0xfff) // 1024 + os.path.getsize(INITRD) // 1024 + 512


def test_mem_keeps_the_initrd(results):
    need = kernel_and_initrd_kib()
    too_small = "mem=%dM" % ((need - 64) // 1024)              # below what is needed
    enough = (need + 64 + 1023) // 1024                           # the first whole MiB above it
    for word in ("mem=2M", too_small):
        p = run_init("init=/bin/echo %s -- hi" % word)
        expect(results, "cmdline-%s-below-kernel-and-initrd-is-refused" % (
                   "mem-2M" if word == "mem=2M" else "mem-a-page-short"),
               "%s: " % word in p.stdout and "is less than the kernel and initrd need" in p.stdout
               and re.search(r"^hi\r?$", p.stdout, re.M)
               and "pagoda: init exited with status 0" in p.stdout and "initrd: " in p.stdout,
               "%s, exit %d" % (word, p.returncode))
    p = run_init("init=/bin/echo mem=%dM -- hi" % enough)
    expect(results, "cmdline-mem-just-enough-boots-with-its-initrd",
           "%dMB LOWMEM available." % enough in p.stdout and re.search(r"^hi\r?$", p.stdout, re.M)
           and "pagoda: init exited with status 0" in p.stdout, "mem=%dM, exit %d" % (enough, p.returncode))


def test_long_cmdline_and_init_args(results):
    pad = "pad=" + "a" * 1400
    p = boot("--append", pad + " test=lib")
    expect(results, "cmdline-over-1KiB-is-not-cut",
           p.returncode == 0 and re.search(r"^ok 1 lib\r?$", p.stdout, re.M)
           and "only the first" not in p.stdout, "exit %d" % p.returncode)
    pad = "pad=" + "a" * 2100
    p = boot("--append", "test=lib " + pad)
    expect(results, "cmdline-over-COMMAND_LINE_SIZE-is-cut-with-a-word",
           re.search(r"^Kernel command line is \d+ bytes; only the first 2047 are used", p.stdout, re.M)
           and p.returncode == 0, "exit %d" % p.returncode)
    # printk's buffer is 1 KiB: the echoed command line is cut there, visibly, and keeps its newline
    expect(results, "printk-line-over-1KiB-ends-with-a-mark-and-its-newline",
           re.search(r"^Kernel command line: .*a\[\.\.\.\]\r?\nKernel command line is", p.stdout, re.M), "")
    # run-user refuses what the kernel would cut, and passes a command line of 2047 bytes whole
    run_user = os.path.join(ROOT, "tools", "run-user")
    room = 2047 - len((KERNEL + " init=/bin/echo -- ").encode())
    p = subprocess.run([run_user, "/bin/echo", "a" * (room + 1)], capture_output=True, text=True,
                       stdin=subprocess.DEVNULL)
    expect(results, "run-user-refuses-a-command-line-the-kernel-would-cut",
           p.returncode == 2 and "the kernel command line would be 2048 bytes" in p.stderr
           and "Booting" not in p.stdout, "exit %d: %s" % (p.returncode, p.stderr[-200:]))
    p = subprocess.run([run_user, "/bin/echo", "a" * room], capture_output=True, text=True,
                       stdin=subprocess.DEVNULL)
    expect(results, "run-user-passes-a-2047-byte-command-line-whole",
           p.returncode == 0 and re.search(r"^a{%d}\r?$" % room, p.stdout, re.M)
           and "only the first" not in p.stdout, "exit %d" % p.returncode)
    args = " ".join("a%d" % i for i in range(1, 33))
    p = run_init("init=/bin/echo -- " + args)
    expect(results, "init-with-32-arguments-gets-them-all",
           re.search(r"^%s\r?$" % args, p.stdout, re.M) and "pagoda: init exited with status 0" in p.stdout,
           "exit %d" % p.returncode)
    p = run_init("init=/bin/echo -- " + args + " a33")
    expect(results, "init-with-33-arguments-stops-with-linux-message",
           p.returncode == 1 and "Too many boot init vars at `a33'" in p.stdout
           and "init exited" not in p.stdout, "exit %d" % p.returncode)


def test_monitor_numbers(results):
    script = ("alloc 4294967299\npage 4294967296\npgwalk 0xffffffffff\npgwalk 0 4294967296\n"
              "maps 4294967297\nvmalloc 12abc\nalloc 3x\npage -1\nalloc 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16\n"
              "poweroff\n")
    proc = subprocess.run([BOOT, "--mem", "64", "--timeout", "60"], input=script,
                          capture_output=True, text=True)
    out = proc.stdout
    for cmd, usage in (("alloc 4294967299", "alloc ORDER"), ("page 4294967296", "page PFN"),
                       ("pgwalk 0xffffffffff", "pgwalk VADDR [PID]"),
                       ("pgwalk 0 4294967296", "pgwalk VADDR [PID]"), ("maps 4294967297", "maps PID"),
                       ("vmalloc 12abc", "vmalloc SIZE"), ("alloc 3x", "alloc ORDER"),
                       ("page -1", "page PFN")):
        expect(results, "monitor-refuses-%s" % cmd.replace(" ", "-"),
               re.search(r"pagoda> %s\r?\nusage: %s\r?$" % (re.escape(cmd), re.escape(usage)), out, re.M),
               "no usage line after %r" % cmd)
    expect(results, "monitor-refuses-too-many-words",
           "Too many words: a command takes at most 16; nothing run" in out
           and "alloc_pages(GFP_KERNEL" not in out and proc.returncode == 0, "exit %d" % proc.returncode)


def test_iso_boot(results, logs):
    direct = boot("--append", "test=lib")
    iso = boot("--iso", "--append", "test=lib", "--log", os.path.join(logs, "iso.log"),
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
    # no_context is split by GCC into no_context.part.0: the trace must name it, not the symbol before it
    expect(results, "null-dereference-panic-trace-names-split-function",
           re.search(r"\] no_context\.part\.\d+\+0x[0-9a-f]+/0x[0-9a-f]+\r?\n [^\n]*\] do_page_fault\+", out)
           and "e820_print_map" not in out, out[-600:])
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
           re.search(r"BUG_ON\(kind != NULL\) at kernel/debug/crash\.c:\d+", p.stdout) and p.returncode == 1,
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


NM_LISTING = """\
c0100000 T _text
c0100010 t _start.fill_pde
c0100020 T e820_print_map
c0100100 t no_context.part.0
c0100180 t alloc_pages.cold
c01001a0 t count_free.isra.0
c01001c0 t pair.constprop.0
c01001d0 t put_number.isra.0.cold
c01001e0 t __copy_user.copy
c01001f0 b buf.0
c0100200 T zzz_last
"""


def test_ksyms(results):
    """tools/ksyms.py on a crafted nm listing: GCC's split and specialised
    functions are kept (Linux names them), NASM local labels and data are not."""
    import importlib.util
    spec = importlib.util.spec_from_file_location("ksyms", os.path.join(ROOT, "tools", "ksyms.py"))
    ksyms = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(ksyms)
    names = [n for _, n in ksyms.read_nm(NM_LISTING.splitlines())]
    want = ["_text", "e820_print_map", "no_context.part.0", "alloc_pages.cold", "count_free.isra.0",
            "pair.constprop.0", "put_number.isra.0.cold", "zzz_last"]
    expect(results, "ksyms-keeps-gcc-clones-drops-nasm-locals", names == want, "got %r" % names)


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
                             "--append", "test=lib gdbprobe=" + probe],
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
           re.search(r"CMDLINE .*test=lib gdbprobe=%s" % probe, gdb.stdout)
           and "TESTREQ 1" in gdb.stdout, gdb.stdout[-300:])
    expect(results, "gdb-continue-runs-kernel-to-poweroff",
           ours and qemu.returncode == 0 and "ok 1 lib" in out and ("gdbprobe=" + probe) in out,
           "exit %d" % qemu.returncode)


def test_monitor(results):
    text = kernel_symbol("_text")
    script = ("help\nalloc 3\nfree\npage 0\npgwalk %#x\npgwalk zz\nalloc 99\nbogus\nmeminfo\n" % text +
              "run /bin/echo hi there\nps\nmaps 1\nmaps x\nkmap\ntest lib\nslabinfo\nvmallocinfo\nzoneinfo\n"
              "buddyinfo\nlayout\ncmdline\nbacktrace\nvmalloc 5000\nvmstat\nproc loadavg\nproc nothing\npoweroff\n")
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
    expect(results, "monitor-vmstat-and-proc-print-the-proc-files",
           re.search(r"^nr_free_pages \d+\r?$", out, re.M) and re.search(r"^pgfault [1-9]\d*\r?$", out, re.M)
           and re.search(r"^\d+\.\d\d \d+\.\d\d \d+\.\d\d \d+/\d+ \d+\r?$", out, re.M)
           and "proc: nothing: error -2" in out, "")


def buddyinfo_after(out, heading):
    """The buddyinfo lines printed after a heading line of the monitor's alloc/free demo."""
    lines = out.replace("\r", "").split("\n")
    for i, line in enumerate(lines):
        if line.endswith(heading):
            rows = []
            for row in lines[i + 1:]:
                if not row.startswith("Node"):
                    break
                rows.append(row.split("zone", 1)[1].split())
            return rows
    return None


def test_monitor_editing(results):
    """The monitor's line editing and help: arrow-key history, help CMD, alloc/free undoing each other."""
    script = ("cmdline\n\x1b[A\n\x1b[A\x1b[A\x1b[B\x1b[B\n\x1b[3~help alloc\nhelp nosuch\n"
              "alloc 0\nfree\nalloc 3\nfree\npgwalk 0x8048000 99\npgwalk 0x8048000 2\npoweroff\n")
    proc = subprocess.run([BOOT, "--mem", "64", "--timeout", "60", "--append", "marker=up7"], input=script,
                          capture_output=True, text=True)
    out = proc.stdout
    expect(results, "monitor-up-arrow-recalls-the-last-line",
           len(re.findall(r"^\S*kernel\.elf marker=up7\r?$", out, re.M)) >= 2 and "Unknown command" not in out
           and proc.returncode == 0, "cmdline printed %d times; exit %d"
           % (len(re.findall(r"^\S*kernel\.elf marker=up7\r?$", out, re.M)), proc.returncode))
    expect(results, "monitor-down-arrow-returns-to-an-empty-line",
           len(re.findall(r"^\S*kernel\.elf marker=up7\r?$", out, re.M)) == 2, "")
    expect(results, "monitor-help-cmd-explains-it",
           "usage: alloc ORDER" in out and "was split (expand)" in out
           and "help: no command 'nosuch'" in out, "")
    expect(results, "monitor-pgwalk-pid-says-whose-tables",
           "pgwalk: pid 99 is not a live process; walking the kernel's page directory" in out
           and "pgwalk: pid 2 is a kernel thread (no user page tables); walking the kernel's page directory" in out
           and len(re.findall(r"^pgwalk 0x08048000: pgd 0x00fff000", out, re.M)) == 2, "")
    for order in (0, 3):
        heads = [m.start() for m in re.finditer(r"pagoda> alloc %d\r?\n" % order, out)]
        part = out[heads[0]:] if heads else ""
        before = buddyinfo_after(part, "before:")
        after = buddyinfo_after(part, "after merging with its buddies:")
        expect(results, "monitor-free-undoes-alloc-%d" % order,
               before and after and before == after, "before %s, after free %s" % (before, after))


def test_monitor_run_leaves_a_mount(results):
    """A program that leaves a file system mounted is not called leaky; its umount gives the pages back."""
    script = ("run /bin/busybox mount -t tmpfs none /mnt\nrun /bin/busybox umount /mnt\n"
              "run /bin/busybox true\npoweroff\n")
    proc = subprocess.run([BOOT, "--mem", "64", "--timeout", "60", "--initrd", INITRD], input=script,
                          capture_output=True, text=True)
    out = proc.stdout
    expect(results, "monitor-run-that-mounts-is-no-leak",
           re.search(r"^run: \d+ pages still in use: the program left a file system mounted or swap on", out, re.M)
           and "LEAK" not in out and out.count("run: /bin/busybox exited with status 0") == 3
           and proc.returncode == 0, "exit %d" % proc.returncode)


def test_monitor_suites_after_programs(results):
    """Suites run from the monitor pass after a program ran, and twice in one boot."""
    script = "run /bin/echo hi\ntest kvm*\nrun /bin/echo hi\ntest kvm*\npoweroff\n"
    proc = subprocess.run([BOOT, "--mem", "1024", "--timeout", "90", "--initrd", INITRD], input=script,
                          capture_output=True, text=True)
    out = proc.stdout
    totals = re.findall(r"^# kvm: pass:(\d+) fail:(\d+) skip:\d+ total:(\d+)", out, re.M)
    expect(results, "monitor-kvm-suite-passes-after-a-program-and-twice",
           proc.returncode == 0 and len(totals) == 2 and all(f == "0" and p == t and int(t) > 0
                                                             for p, f, t in totals)
           and out.count("run: /bin/echo exited with status 0") == 2 and "not ok" not in out,
           "exit %d, totals %r" % (proc.returncode, totals))


def test_monitor_ps_lists_by_pid(results):
    """After more programs than ps remembers (its ring wrapped), ps lists the
    last ones by PID, oldest first."""
    runs = 11
    script = "".join("run /bin/echo %d\n" % i for i in range(runs)) + "ps\npoweroff\n"
    proc = subprocess.run([BOOT, "--mem", "64", "--timeout", "60", "--initrd", INITRD], input=script,
                          capture_output=True, text=True)
    pids = [int(p) for p in re.findall(r"^\s*(\d+) echo\s+exited", proc.stdout, re.M)]
    given = [1] + list(range(4, runs + 3))     # PID 2 is kthreadd's, as on Linux, 3 kswapd0's
    expect(results, "monitor-ps-lists-the-last-programs-by-pid-after-the-ring-wraps",
           proc.returncode == 0 and len(pids) > 1 and pids == given[-len(pids):]
           and re.search(r"^\s+2 \[kthreadd\]\s+(sleeping|runnable) ", proc.stdout, re.M)
           and re.search(r"^\s+3 \[kswapd0\]\s+(sleeping|runnable) ", proc.stdout, re.M),
           "exit %d, pids %r" % (proc.returncode, pids))


def test_processes_left_behind(results):
    """A program that exits leaving children running: from the monitor's run,
    the kernel kills and reaps them before its leak check; as init, they are
    killed when init exits. Either way every page comes back (no LEAK line)."""
    script = "run /bin/spawn 3\nps\nrun /bin/echo after\npoweroff\n"
    proc = subprocess.run([BOOT, "--mem", "64", "--timeout", "60", "--initrd", INITRD], input=script,
                          capture_output=True, text=True)
    out = proc.stdout
    children = re.findall(r"^spawn: child (\d+)", out, re.M)
    expect(results, "monitor-run-kills-and-reaps-what-a-program-left-running",
           proc.returncode == 0 and len(children) == 3
           and "run: killing 3 processes left behind" in out
           and "run: /bin/spawn exited with status 0" in out and "LEAK" not in out
           and "run: /bin/echo exited with status 0" in out
           and not re.search(r"^\s+\d+ spawn\s+(running|runnable|sleeping|zombie)", out, re.M),
           "exit %d: %s" % (proc.returncode, out[-600:]))
    p = run_init("init=/bin/spawn -- 2")
    expect(results, "init-exit-kills-the-processes-it-left",
           p.returncode == 0 and "run: killing 2 processes left behind" in p.stdout
           and "pagoda: init exited with status 0" in p.stdout and "LEAK" not in p.stdout,
           "exit %d: %s" % (p.returncode, p.stdout[-600:]))


def test_lab4_maps_figure_is_true(results):
    """docs/labs/lab4-page-faults.md shows what `maps 1` prints after
    `run /tests/demand`: the kernel must print exactly those lines."""
    with open(os.path.join(ROOT, "docs", "labs", "lab4-page-faults.md")) as f:
        m = re.search(r"after `run /tests/demand`, `maps 1`.*?```\n(.*?)```", f.read(), re.S)
    figure = m.group(1).splitlines() if m else []
    proc = subprocess.run([BOOT, "--mem", "256", "--timeout", "60", "--initrd", INITRD],
                          input="run /tests/demand\nmaps 1\npoweroff\n", capture_output=True, text=True)
    out = proc.stdout.replace("\r", "")
    shown = re.search(r"^# demand\[1\] at exit.*\n((?:[0-9a-f]{8}-.*\n)+)", out, re.M)
    shown = shown.group(1).splitlines() if shown else []

    def fields(line):
        """A maps line without its inode: the file's number in the initrd, which
        changes whenever a program that sorts before it is added (the handout says so)."""
        f = line.split()
        return f[:4] + f[5:] if len(f) >= 6 else f

    expect(results, "lab4-handout-maps-figure-matches-the-kernel",
           figure and [fields(l) for l in figure] == [fields(l) for l in shown],
           "handout %r, kernel %r" % (figure, shown))


def test_monitor_ignores_loglevel(results):
    """What the user asks the monitor for prints at any loglevel; boot chatter does not."""
    script = "layout\nbacktrace\nrun /bin/echo hi\npoweroff\n"
    for level in ("4", "0"):
        proc = subprocess.run([BOOT, "--mem", "64", "--timeout", "60", "--initrd", INITRD,
                               "--append", "loglevel=" + level], input=script, capture_output=True, text=True)
        out = proc.stdout
        expect(results, "monitor-at-loglevel-%s-prints-layout-backtrace-exit-line" % level,
               proc.returncode == 0 and "Zone ranges:" not in out
               and re.search(r"pagoda> layout\r?\nvirtual kernel memory layout:\r?\n\s+fixmap\s+:", out)
               and re.search(r"pagoda> backtrace\r?\n(.*\n){0,3}.*cmd_backtrace\+0x", out)
               and re.search(r"^echo\[\d+\]: exit 0; ", out, re.M)
               and "run: /bin/echo exited with status 0" in out, "exit %d" % proc.returncode)
        p = run_init("loglevel=%s init=/bin/echo -- hi" % level)
        expect(results, "init-exit-line-survives-loglevel-%s" % level,
               "pagoda: init exited with status 0" in p.stdout and "Zone ranges:" not in p.stdout,
               "exit %d" % p.returncode)


def cpio_inode(archive, path):
    """The inode number the newc archive gives path (read here, not by the kernel)."""
    data = open(archive, "rb").read()
    off = 0
    while off + 110 <= len(data):
        hdr = data[off:off + 110]
        assert hdr[:6] in (b"070701", b"070702"), "not a newc archive"
        ino, namesize, filesize = int(hdr[6:14], 16), int(hdr[94:102], 16), int(hdr[54:62], 16)
        name = data[off + 110:off + 110 + namesize - 1].decode()
        if name.lstrip("./") == path.lstrip("/"):
            return ino
        off = (off + 110 + namesize + 3) & ~3
        off = (off + filesize + 3) & ~3
    return None


def elf_load_segments(path):
    """(page-aligned vaddr, page-aligned file offset) of each PT_LOAD of an ELF32 file."""
    import struct
    data = open(path, "rb").read()
    phoff, = struct.unpack_from("<I", data, 28)
    phentsize, phnum = struct.unpack_from("<HH", data, 42)
    segs = []
    for i in range(phnum):
        p_type, p_offset, p_vaddr = struct.unpack_from("<III", data, phoff + i * phentsize)
        if p_type == 1:
            segs.append((p_vaddr & ~0xfff, p_offset & ~0xfff))
    return segs


def test_monitor_maps_file_fields(results):
    """maps PID prints each file mapping's offset, device and inode, as /proc/PID/maps does."""
    script = "run /bin/echo hi\nmaps 1\npoweroff\n"
    proc = subprocess.run([BOOT, "--mem", "64", "--timeout", "60", "--initrd", INITRD], input=script,
                          capture_output=True, text=True)
    lines = proc.stdout.replace("\r", "").splitlines()
    # the kernel numbers the initramfs's files past the root's inode 1: the archive's number + 2
    ino = cpio_inode(INITRD, "/bin/echo") + 2
    segs = elf_load_segments(os.path.join(ROOT, "build", "user", "root", "bin", "echo"))
    bad = []
    for vaddr, offset in segs:
        want = "%08x-" % vaddr
        line = next((ln for ln in lines if ln.startswith(want)), None)
        f = line.split() if line else []
        # the device is the root tmpfs's: st_dev 0:N, MAJOR:MINOR in hex as Linux prints it
        if not line or f[2] != "%08x" % offset or not re.match(r"00:[0-9a-f]{2}$", f[3]) or f[3] == "00:00" \
                or f[4] != str(ino) \
                or line[49:] != "/bin/echo":
            bad.append((vaddr, offset, line))
    stack = next((ln for ln in lines if ln.endswith("[stack]")), "")
    expect(results, "monitor-maps-shows-file-offset-device-inode-path",
           proc.returncode == 0 and ino and len(segs) >= 2 and any(o for _, o in segs) and not bad
           and stack.split()[2:5] == ["00000000", "00:00", "0"], "ino %r, wrong: %r" % (ino, bad))


def write_cpio(path, files):
    """A newc archive holding files {name: (mode, bytes)}, written here for the test."""
    out = bytearray()

    def entry(ino, name, mode, data):
        fields = [ino, mode, 0, 0, 1, 0, len(data), 0, 0, 0, 0, len(name) + 1, 0]
        out.extend(b"070701" + b"".join(b"%08x" % f for f in fields) + name.encode() + b"\0")
        out.extend(b"\0" * (-len(out) % 4))
        out.extend(data)
        out.extend(b"\0" * (-len(out) % 4))
    for i, (name, (mode, data)) in enumerate(sorted(files.items())):
        entry(i + 1, name, mode, data)
    entry(0, "TRAILER!!!", 0, b"")
    with open(path, "wb") as f:
        f.write(out)


def elf_one_segment(vaddr, memsz=0x1000):
    """A static i386 ET_EXEC with one R-X PT_LOAD at vaddr holding the headers and an endless loop."""
    import struct
    code = b"\xeb\xfe"
    filesz = 52 + 32 + len(code)
    ehdr = b"\x7fELF\x01\x01\x01" + b"\0" * 9 + struct.pack(
        "<HHIIIIIHHHHHH", 2, 3, 1, vaddr + 52 + 32, 52, 0, 0, 52, 32, 1, 40, 0, 0)
    phdr = struct.pack("<IIIIIIII", 1, 0, vaddr, vaddr, filesz, memsz, 5, 0x1000)
    return ehdr + phdr + code


def test_exec_refusals_say_why(results, logs):
    """An ELF whose segment lies where the stack goes is refused with what and why, and errors have names."""
    archive = os.path.join(logs, "exec-refusals.cpio")
    write_cpio(archive, {"stackhog": (0o100755, elf_one_segment(0xbfffc000))})
    p = boot("--initrd", archive, "--append", "init=/stackhog")
    expect(results, "exec-segment-on-the-stack-is-refused-saying-why",
           p.returncode == 1
           # the stack: its strings' page and 128 KiB below (Linux's setup_arg_pages)
           and "exec: [stack] at 0xbffdf000-0xc0000000 overlaps the program's mapping at 0xbfffc000-0xbfffd000"
           in p.stdout and "pagoda: cannot run /stackhog: error -8 (ENOEXEC)" in p.stdout
           and "pagoda: init exited with status 127" in p.stdout, "exit %d" % p.returncode)
    p = boot("--initrd", archive, "--append", "init=/no_such_program")
    expect(results, "exec-missing-program-names-the-error",
           p.returncode == 1 and "pagoda: cannot run /no_such_program: error -2 (ENOENT)" in p.stdout,
           "exit %d" % p.returncode)


MEMORY_LINE = re.compile(r"^Memory: (\d+)k/(\d+)k available \(.*, (\d+)k reserved,", re.M)


def test_tiny_memory_says_why(results):
    """Too little RAM: every boot says what went wrong, in words that are true."""
    p = boot("--append", "test=lib", mem=1, timeout=30)
    expect(results, "boot-mem-1-is-refused-saying-the-kernel-does-not-fit",
           p.returncode == 2 and "past the end of 1 MiB of RAM" in p.stderr + p.stdout and p.seconds < 10,
           "exit %d after %.0f s" % (p.returncode, p.seconds))
    p = run_init("init=/bin/echo -- hi", mem=2)
    expect(results, "mem-2-initrd-past-the-end-of-ram-is-named",
           re.search(r"^initrd: module at 0x[0-9a-f]+-0x[0-9a-f]+ ends beyond the end of RAM at 0x[0-9a-f]+; "
                     r"ignored\r?$", p.stdout, re.M)
           and "pagoda: cannot run /bin/echo: error -2 (ENOENT): there is no initrd" in p.stdout
           and "pagoda: init exited with status 127" in p.stdout, "exit %d" % p.returncode)
    for mem, out in ((2, p.stdout), (64, run_init("init=/bin/echo -- hi").stdout)):
        m = MEMORY_LINE.search(out)
        free, total, reserved = map(int, m.groups()) if m else (0, 0, 0)
        expect(results, "memory-line-at-%dM-reserves-no-more-than-there-is" % mem,
               m and 0 < reserved and free + reserved <= total <= mem * 1024,
               m.group(0) if m else "no Memory: line")
    script = "run /bin/echo hi\npoweroff\n"
    proc = subprocess.run([BOOT, "--mem", "64", "--timeout", "60"], input=script, capture_output=True,
                          text=True)
    expect(results, "monitor-run-without-an-initrd-says-so",
           "run: cannot run /bin/echo: error -2 (ENOENT): there is no initrd" in proc.stdout
           and proc.returncode == 0, "exit %d" % proc.returncode)


def test_run_user_linux_uses_the_initrd(results, logs):
    """tools/run-user --initrd FILE --linux: both kernels see FILE's files (a
    file only that archive has), not build/user/root's; the archive may hold
    '.' (as `find . | cpio -o` writes it) and symbolic links, dangling or
    looping, which go to Linux as links."""
    archive = os.path.join(logs, "run-user-linux.cpio")
    with open(os.path.join(ROOT, "build", "user", "root", "bin", "cat"), "rb") as f:
        cat = f.read()
    line = "only in run-user-linux.cpio"
    write_cpio(archive, {"bin": (0o40755, b""), "etc": (0o40755, b""), "bin/cat": (0o100755, cat),
                         "etc/only-here": (0o100644, (line + "\n").encode()), ".": (0o40755, b""),
                         "etc/dangling": (0o120777, b"../nowhere"), "etc/loop-a": (0o120777, b"loop-b"),
                         "etc/loop-b": (0o120777, b"loop-a")})
    p = subprocess.run([os.path.join(ROOT, "tools", "run-user"), "--initrd", archive, "--linux",
                        "/bin/cat", "/etc/only-here"], capture_output=True, text=True,
                       stdin=subprocess.DEVNULL, timeout=300)
    out = p.stdout.replace("\r", "")
    expect(results, "run-user-linux-runs-the-initrds-files-on-both-kernels",
           p.returncode == 0 and re.findall(r"^%s$" % line, out, re.M) == [line, line]
           and "status on Pagoda 0, on Linux 0: the same" in out,
           "exit %d: %s" % (p.returncode, (out + p.stderr)[-300:]))


def test_programs_after_a_stale_gs(results):
    """Programs one after another from the monitor: one dies with a freed TLS
    selector in %gs, glibc exits with its TLS selector loaded; the next ones
    must start clean, and nothing may leak or oops."""
    script = ("run /tests/die_tls_freed\nrun /glibc/hello a b\nrun /tests/tls\n"
              "run /tests/die_selector gs-beyond\nrun /tests/tls\npoweroff\n")
    initrd = os.path.join(ROOT, "build", "initrd.cpio")
    proc = subprocess.run([BOOT, "--mem", "64", "--timeout", "60", "--initrd", initrd], input=script,
                          capture_output=True, text=True)
    out = proc.stdout
    want = ["run: /tests/die_tls_freed exited with status 139", "run: /glibc/hello exited with status 42",
            "run: /tests/tls exited with status 0", "run: /tests/die_selector exited with status 139"]
    bad = [w for w in want if w not in out]
    if out.count("PASS: tls (") != 2:
        bad.append("tls did not pass twice")
    trouble = re.search(r"^.*(LEAK|Oops|BUG: |Kernel panic).*$", out, re.M)
    if trouble:
        bad.append(trouble.group(0).strip())
    expect(results, "programs-run-clean-after-a-stale-gs", not bad and proc.returncode == 0,
           "; ".join(bad) or "exit %d" % proc.returncode)


def test_user_trap_gates(results):
    """int3 and into from user mode reach their own handlers (DPL 3 gates, as
    in Linux), not #GP: the kernel's line names the trap; any other int $N
    is still a general protection fault."""
    for what, trap, status in (("int3", "int3", 133), ("into", "overflow", 139)):
        p = run_init("init=/tests/die_trap -- " + what)
        expect(results, "user-%s-is-trap-%s" % (what, trap),
               re.search(r"^traps: die_trap\[1\] trap %s ip:" % trap, p.stdout, re.M)
               and "pagoda: init exited with status %d" % status in p.stdout,
               "exit %d" % p.returncode)


def test_panic_on_oom(results):
    """vm.panic_on_oom 1 and 2: the OOM killer panics instead of choosing (Linux's check_panic_on_oom)."""
    for n, why in ((1, "system-wide"), (2, "compulsory")):
        p = run_init("init=/tests/oomkill -- panic %d" % n, mem=32)
        expect(results, "panic-on-oom-%d-panics" % n,
               p.returncode == 1 and "invoked oom-killer" in p.stdout
               and re.search(r"Kernel panic.*Out of memory: %s panic_on_oom is enabled" % why, p.stdout)
               and "oomkill: no panic" not in p.stdout and "Killed process" not in p.stdout,
               "exit %d: %s" % (p.returncode, p.stdout[-600:]))


def run_all(results, logs):
    test_no_match_plan(results)
    test_cmdline(results)
    test_refused_options(results)
    test_mem_keeps_the_initrd(results)
    test_long_cmdline_and_init_args(results)
    test_monitor_numbers(results)
    test_ksyms(results)
    test_crashes(results)
    test_ktest_failures_are_named(results)
    test_iso_boot(results, logs)
    test_gdb(results, logs)
    test_monitor(results)
    test_monitor_editing(results)
    test_monitor_run_leaves_a_mount(results)
    test_monitor_suites_after_programs(results)
    test_monitor_ignores_loglevel(results)
    test_monitor_ps_lists_by_pid(results)
    test_lab4_maps_figure_is_true(results)
    test_processes_left_behind(results)
    test_monitor_maps_file_fields(results)
    test_exec_refusals_say_why(results, logs)
    test_programs_after_a_stale_gs(results)
    test_user_trap_gates(results)
    test_tiny_memory_says_why(results)
    test_panic_on_oom(results)
    test_run_user_linux_uses_the_initrd(results, logs)
