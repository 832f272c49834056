"""The labs' GDB walkthroughs, run as written (docs/labs/labN-*.md).

Each handout's "## GDB walkthrough" section is a script: every line of a
fenced block that starts with `(gdb) ` is a command (a `  # comment` after
it is dropped), and the lines under a command, up to the next one, are the
output the handout quotes for it. A line `...` stands for any number of
lines, and `...` inside a line for any text (an address that moves with
every build). How the kernel is booted and what is typed in terminal 1 is
in an HTML comment at the top of the section, which a reader does not see:

    <!-- walkthrough: mem=1024 append="init=/tests/demand" type="alloc 3|free|poweroff" -->

The boot is `make qemu-gdb`'s (the -Og kernel of `make DEBUG=1`, paused for
GDB); what is typed goes to the serial port at once and the kernel reads it
when the monitor asks. One batch GDB runs the commands. A walkthrough
passes when every command ran without an error (no `<optimized out>`, no
unknown symbol) and printed what its handout quotes.

`python3 tests/walkthrough_test.py [N...]` runs them alone.
"""
import glob
import os
import re
import shlex
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import gdb_test  # noqa: E402  (free_port, wait_for_port)

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
KERNEL = os.path.join(ROOT, "build", "debug", "kernel.elf")
INITRD = os.path.join(ROOT, "build", "initrd.cpio")
MARK = "@@walk "
SETTINGS = re.compile(r"^<!-- walkthrough: (.*) -->$", re.M)
# What GDB prints when a step of a walkthrough does not work.
# (An argument a frame line shows as <optimized out> is no error: the
# walkthrough does not print it.)
ERRORS = re.compile(r"^\$\d+ = <optimized out>|^Value returned is .*<optimized out>|^No symbol|^Cannot access memory|is not defined|^No frame|"
                    r"^Python Exception|^Error|^Undefined command|^Cannot insert|^Remote connection closed|"
                    r"^The program is not being run|^Function .* not defined", re.M)
ENV = {k: v for k, v in os.environ.items() if k not in ("MAKEFLAGS", "MFLAGS", "MAKELEVEL")}


class Step:
    def __init__(self, line, command):
        self.line, self.command, self.expect = line, command, []


def parse(path):
    """(settings, steps) of one handout's walkthrough, or None without one."""
    with open(path) as f:
        text = f.read()
    start = text.find("\n## GDB walkthrough")
    if start < 0:
        return None
    end = text.find("\n## ", start + 1)
    section = text[start:end if end > 0 else len(text)]
    first = text[:start].count("\n") + 2
    m = SETTINGS.search(section)
    settings = {}
    if m:
        for k, v in (w.split("=", 1) for w in shlex.split(m.group(1))):
            settings[k] = v
    steps, inside = [], False
    for i, line in enumerate(section.split("\n")[1:]):
        if line.startswith("```"):
            inside = not inside
            continue
        if not inside:
            continue
        if line.startswith("(gdb) "):
            steps.append(Step(first + i, re.sub(r"\s+#\s.*$", "", line[6:]).strip()))
        elif steps:
            steps[-1].expect.append(line.rstrip())
    return settings, steps


def pattern(expect):
    """A regular expression for a quoted output: `...` lines and `...` in lines are wildcards."""
    while expect and not expect[-1].strip():
        expect = expect[:-1]
    parts = []
    for line in expect:
        if line.strip() == "...":
            parts.append(r"(?:[^\n]*\n)*?")
        else:
            parts.append(".*?".join(re.escape(p) for p in line.split("...")) + r"[ \t]*\n")
    return re.compile("^" + "".join(parts), re.M)


def run_session(lab, settings, steps, log):
    """GDB's output per step: [text of step 0, ...], and the serial output."""
    port = gdb_test.free_port()
    probe = "walkprobe=%d%d" % (os.getpid(), lab)
    append = (probe + " " + settings.get("append", "")).strip()
    typed = "".join(t + "\n" for t in settings["type"].split("|")) if settings.get("type") else ""
    qemu = subprocess.Popen(
        [os.path.join(ROOT, "tools", "boot"), "--mem", settings.get("mem", "1024"), "--timeout", "120",
         "--initrd", INITRD, "--append", append, "--gdb", "--gdb-port", str(port), KERNEL],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, stdin=subprocess.PIPE, text=True, errors="replace")
    qemu.stdin.write(typed)
    qemu.stdin.close()
    cmd = ["gdb", "-batch", "-nx", "-x", os.path.join("tools", "gdb", "gdbinit"),
           "-ex", "target remote localhost:%d" % port]
    for n, s in enumerate(steps):
        if n == len(steps) - 1:
            # Before the last step (the run to poweroff), a word only our QEMU's
            # command line has: the session never passes against another QEMU.
            cmd += ["-ex", "echo %sprobe\\n" % MARK, "-ex", 'printf "%s\\n", boot_params.cmdline']
        cmd += ["-ex", "echo %s%d\\n" % (MARK, n), "-ex", s.command]
    cmd += ["-ex", "echo %send\\n" % MARK, "-ex", "kill"]
    cmd.append(KERNEL)
    out, serial = "", ""
    try:
        if not gdb_test.wait_for_port(port):
            raise RuntimeError("QEMU's gdbstub never opened port %d" % port)
        p = subprocess.run(cmd, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                           errors="replace", timeout=150, stdin=subprocess.DEVNULL)
        out = p.stdout
    finally:
        if qemu.poll() is None:
            qemu.kill()
        serial = qemu.stdout.read()
        qemu.wait()
    with open(log, "w") as f:
        f.write("$ " + " ".join(shlex.quote(c) for c in cmd) + "\n" + out + "\n--- serial ---\n" + serial)
    got, name = {}, None
    for line in out.replace("\r", "").split("\n"):
        if line.startswith(MARK):
            name = line[len(MARK):].strip()
            got[name] = ""
        elif name is not None:
            got[name] += line.rstrip() + "\n"
    return got, probe


def check_lab(lab, path, results, logs):
    parsed = parse(path)
    name = "walkthrough/lab%d" % lab
    if parsed is None or not parsed[1]:
        results.record(name + "-has-a-walkthrough", False, "%s: no (gdb) lines under ## GDB walkthrough" % path)
        return
    settings, steps = parsed
    log = os.path.join(logs, "walkthrough-lab%d.log" % lab)
    try:
        got, probe = run_session(lab, settings, steps, log)
    except (RuntimeError, subprocess.TimeoutExpired) as e:
        results.record(name, False, "%s (%s)" % (e, log))
        return
    if probe not in got.get("probe", "").split():
        results.record(name, False, "GDB did not talk to its own QEMU (%s)" % log)
        return
    rel = os.path.relpath(path, ROOT)
    bad = []
    for n, s in enumerate(steps):
        out = got.get(str(n))
        where = "%s:%d `%s`" % (rel, s.line, s.command)
        if out is None:
            bad.append("%s: never ran (GDB stopped before it)" % where)
            break
        if n == len(steps) - 1:     # the last `continue` runs to poweroff: QEMU goes away
            out = out.replace("Remote connection closed\n", "")
        err = ERRORS.search(out)
        if err:
            line = out[out.rfind("\n", 0, err.start()) + 1:].split("\n")[0]
            bad.append("%s: %s" % (where, line.strip()))
        elif s.expect and not pattern(s.expect).search(out):
            bad.append("%s: printed %r, not the handout's %r" % (where, out.strip()[-300:],
                                                                "\n".join(s.expect).strip()[-300:]))
    results.record(name, not bad, "; ".join(bad[:3]) + " (%s)" % log)


def build(results, logs):
    log = os.path.join(logs, "walkthrough-build.log")
    p = subprocess.run(["make", "-C", ROOT, "-j%d" % (os.cpu_count() or 2), "DEBUG=1", "all", "user"],
                       capture_output=True, text=True, errors="replace", env=ENV)
    with open(log, "w") as f:
        f.write(p.stdout + p.stderr)
    if p.returncode != 0:
        results.record("walkthrough/debug-kernel-builds", False, "make DEBUG=1 failed (%s)" % log)
    return p.returncode == 0


def handouts():
    found = {}
    for path in sorted(glob.glob(os.path.join(ROOT, "docs", "labs", "lab*-*.md"))):
        m = re.match(r"lab(\d+)-", os.path.basename(path))
        found[int(m.group(1))] = path
    return found


class Held:
    """What one walkthrough run recorded, kept until it is known whether to run it again."""

    def __init__(self):
        self.records = []

    def record(self, name, ok, detail=""):
        self.records.append((name, ok, detail))


def check_lab_twice(lab, path, results, logs):
    """A walkthrough that fails runs once more, and the second run is the verdict. GDB's finish
    and next resume from a breakpoint by stepping over it, and a timer interrupt taken at that
    instant makes QEMU report the same breakpoint again (seen about once in twenty runs under
    load); a handout that is wrong fails both times. The first failure is printed either way."""
    first = Held()
    check_lab(lab, path, first, logs)
    if all(ok for _, ok, _ in first.records):
        for r in first.records:
            results.record(*r)
        return
    for name, ok, detail in first.records:
        if not ok:
            print("# %s failed its first run, run again: %s" % (name, detail))
    check_lab(lab, path, results, logs)


def run_all(results, logs, labs=None):
    start = time.time()
    if not build(results, logs):
        return
    for lab, path in sorted(handouts().items()):
        if labs is None or lab in labs:
            check_lab_twice(lab, path, results, logs)
    print("#   walkthroughs: debug kernel built and %s run in %.1f s" %
          ("all" if labs is None else len(labs), time.time() - start))


if __name__ == "__main__":
    class Results:
        failed = 0

        def record(self, name, ok, detail=""):
            print("%s %s%s" % ("ok  " if ok else "FAIL", name, "  (" + detail + ")" if detail and not ok else ""))
            self.failed += not ok

    logs = os.path.join(ROOT, "build", "test-logs")
    os.makedirs(logs, exist_ok=True)
    r = Results()
    run_all(r, logs, [int(a) for a in sys.argv[1:]] or None)
    sys.exit(1 if r.failed else 0)
