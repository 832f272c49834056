"""The GDB helpers (tools/gdb/pagoda.py) checked against the kernel itself.

One boot, paused for GDB, runs /bin/echo as init. Batch GDB loads
tools/gdb/gdbinit, stops at the program's first user-mode page fault with
break-user-fault, and runs each helper next to the kernel function that
prints the same report (`call pgwalk(...)`, `call show_buddyinfo()`, ...):
the kernel's lines go to the serial port, the helper's to GDB's output, and
each helper's block must appear verbatim in the serial output. The fault
itself is predicted from outside: a program's first instruction fetch at
its ELF entry point, on a page not yet mapped, is a user read of a page not
present (error 4: without NX the CPU does not set I/D).

`python3 tests/gdb_test.py` runs it alone.
"""
import os
import random
import re
import socket
import struct
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BOOT = os.path.join(ROOT, "tools", "boot")
KERNEL = os.path.join(ROOT, "build", "kernel.elf")
INITRD = os.path.join(ROOT, "build", "initrd.cpio")
PROG = "/bin/echo"
PROG_HOST = os.path.join(ROOT, "build", "user", "root", "bin", "echo")
PAGE_OFFSET = 0xC0000000
MARK = "@@"


def expect(results, name, cond, detail=""):
    results.record("gdb/" + name, bool(cond), "" if cond else detail)


def elf_entry(path):
    with open(path, "rb") as f:
        return struct.unpack_from("<I", f.read(28), 24)[0]


def kernel_symbol(name):
    nm = subprocess.run(["i686-linux-gnu-nm", KERNEL], capture_output=True, text=True).stdout
    m = re.search(r"^([0-9a-f]{8}) \w %s$" % re.escape(name), nm, re.M)
    return int(m.group(1), 16)


def free_port():
    # Not the per-user port: `make test` may run while the student debugs on theirs.
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for_port(port, seconds=20):
    deadline = time.time() + seconds
    while time.time() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return True
        except OSError:
            time.sleep(0.2)
    return False


def gdb_script(port, entry, text, mem_map):
    """(section, commands): a helper, then the kernel's own version of it."""
    return [
        ("setup", ["target remote localhost:%d" % port, "break-user-fault", "continue",
                   'printf "CMDLINE %s\\n", boot_params.cmdline']),
        ("fault", ["fault", 'printf "RAW cr2=%x error_code=%d\\n", $cr2, error_code']),
        ("pgwalk-mem_map", ["pg-walk %#x" % mem_map, "call pgwalk(current->mm->pgd, %#x)" % mem_map]),
        ("pgwalk-text", ["pg-walk %#x" % text, "call pgwalk(current->mm->pgd, %#x)" % text]),
        ("pgwalk-entry", ["pg-walk %#x" % entry, "call pgwalk(current->mm->pgd, %#x)" % entry]),
        ("buddyinfo", ["buddyinfo", "call show_buddyinfo()"]),
        ("zoneinfo", ["zoneinfo", "call show_zoneinfo()"]),
        ("slabinfo", ["slabinfo", "call show_slabinfo()"]),
        ("vmas", ["vmas", "call show_maps(current->mm)"]),
        ("page", ["page %#x" % ((mem_map - PAGE_OFFSET) >> 12)]),
        ("finish", ["finish"]),
        ("pgwalk-entry-after", ["pg-walk %#x" % entry, "call pgwalk(current->mm->pgd, %#x)" % entry]),
        ("end", ["delete", "continue"]),
    ]


def sections(out):
    """GDB's output split at the echo markers: {section: text}."""
    found, name, lines = {}, None, []
    for line in out.splitlines():
        if line.startswith(MARK):
            if name:
                found[name] = "\n".join(lines)
            name, lines = line[len(MARK):].strip(), []
        elif name:
            lines.append(line.rstrip())
    if name:
        found[name] = "\n".join(lines)
    return found


def clean(text):
    return "\n".join(line.rstrip() for line in text.replace("\r", "").splitlines())


def run_session(logs):
    entry = elf_entry(PROG_HOST)
    text, mem_map = kernel_symbol("_text"), kernel_symbol("mem_map")
    port = free_port()
    # A word only our QEMU's kernel has on its command line: GDB reads it back
    # (run_all checks), so the session never passes against another QEMU.
    probe = "gdbprobe=%d%04d" % (os.getpid(), random.randrange(10000))
    qemu = subprocess.Popen(
        [BOOT, "--mem", "64", "--timeout", "90", "--initrd", INITRD,
         "--append", "%s init=%s -- gdb-test" % (probe, PROG),
         "--gdb", "--gdb-port", str(port)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL, text=True)
    cmd = ["gdb", "-batch", "-nx", "-x", os.path.join("tools", "gdb", "gdbinit")]
    for name, commands in gdb_script(port, entry, text, mem_map):
        cmd += ["-ex", "echo %s%s\\n" % (MARK, name)]
        for c in commands:
            cmd += ["-ex", c]
    cmd.append(KERNEL)
    gdb_out = ""
    try:
        if not wait_for_port(port):
            raise RuntimeError("QEMU's gdbstub never opened port %d" % port)
        gdb = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=120,
                             stdin=subprocess.DEVNULL)
        gdb_out = gdb.stdout + gdb.stderr
        serial, err = qemu.communicate(timeout=120)
    finally:
        if qemu.poll() is None:
            qemu.kill()
            qemu.wait()
    with open(os.path.join(logs, "gdb-helpers.log"), "w") as f:
        f.write("$ " + " ".join(cmd) + "\n" + gdb_out + "\n--- serial ---\n" + serial + err)
    return entry, mem_map, gdb.stdout, clean(serial), qemu.returncode, probe


def run_all(results, logs):
    for path, how in ((INITRD, "make user"), (KERNEL, "make"), (PROG_HOST, "make user")):
        if not os.path.isfile(path):
            expect(results, "setup", False, "no %s: run `%s`" % (path, how))
            return
    try:
        entry, mem_map, out, serial, status, probe = run_session(logs)
    except (RuntimeError, subprocess.TimeoutExpired) as e:
        expect(results, "session", False, str(e))
        return
    got = sections(out)
    setup = got.get("setup", "")
    if not re.search(r"^CMDLINE .*\b%s\b" % probe, setup, re.M):
        expect(results, "session-talks-to-its-own-qemu", False,
               "GDB did not read back %s: another QEMU on the port? %s" % (probe, setup[-200:]))
        return
    fault = got.get("fault", "")
    expect(results, "break-user-fault-stops-at-first-fault-at-elf-entry",
           "RAW cr2=%x error_code=4" % entry in fault, fault[-300:])
    expect(results, "fault-decodes-address-and-error-bits",
           "user read from 0x%08x: page not present" % entry in fault
           and "error 4: page not present, read, user mode" in fault
           and "P=0 W=0 U=1 RSVD=0 I/D=0" in fault, fault[-300:])
    expect(results, "fault-names-the-vma", re.search(r"in VMA \w+-\w+ r-xp .* %s" % PROG, fault),
           fault[-300:])
    for name in ("pgwalk-mem_map", "pgwalk-text", "pgwalk-entry", "pgwalk-entry-after",
                 "buddyinfo", "zoneinfo", "slabinfo", "vmas"):
        helper = got.get(name, "").strip("\n")
        expect(results, "%s-matches-the-kernel" % name,
               helper.strip() and clean(helper) in serial,
               "GDB printed %r, not found in the serial output" % helper[-300:])
    expect(results, "pgwalk-kernel-address-reaches-its-frame",
           "  phys 0x%08x " % (mem_map - PAGE_OFFSET) in got.get("pgwalk-mem_map", ""), "")
    expect(results, "pgwalk-entry-not-present-before-then-mapped-after",
           "not mapped: PTE not present" in got.get("pgwalk-entry", "")
           and "  phys 0x" in got.get("pgwalk-entry-after", ""), "")
    expect(results, "buddyinfo-lists-dma-and-normal",
           re.search(r"^Node 0, zone +DMA( +\d+){11}\s*\n.*zone +Normal", got.get("buddyinfo", ""), re.M), "")
    expect(results, "vmas-lists-the-stack-and-the-program",
           re.search(r"^\w{8}-c0000000 rw-p .*\[stack\]$", got.get("vmas", ""), re.M)
           and PROG in got.get("vmas", ""), got.get("vmas", "")[-300:])
    pfn = (mem_map - PAGE_OFFSET) >> 12
    expect(results, "page-decodes-a-kernel-image-frame",
           re.search(r"flags 0x\w+: .*reserved.* zone DMA", got.get("page", ""))
           and "virtual 0x%08x" % (PAGE_OFFSET + (pfn << 12)) in got.get("page", ""),
           got.get("page", "")[-300:])
    expect(results, "kernel-runs-on-after-gdb-calls",
           status == 0 and "gdb-test" in serial and "pagoda: init exited with status 0" in serial,
           "tools/boot exit %s" % status)


if __name__ == "__main__":
    class Results:
        failed = 0

        def record(self, name, ok, detail=""):
            print("%s %s%s" % ("ok  " if ok else "FAIL", name, "  (" + detail + ")" if detail else ""))
            self.failed += not ok

    logs = os.path.join(ROOT, "build", "test-logs")
    os.makedirs(logs, exist_ok=True)
    r = Results()
    run_all(r, logs)
    sys.exit(1 if r.failed else 0)
