"""The Makefile on a fresh machine, without one: every program of the
packages tools/deps installs is hidden behind a stand-in that, until a fake
tools/deps has "installed" it, records the call and fails as a missing
program does (exit 127); afterwards it runs the real one. Then:

- `make help` prints the targets and runs none of them (nothing is taken
  from a tool while make reads the Makefile);
- for each goal that installs (the Makefile's DEPS_GOALS), `make -n GOAL`
  with an empty build directory runs tools/deps before any of those
  programs, and the commands it would run have the compiler's banner and
  the compiler's include directory in them: what a first `make test` on a
  fresh machine got wrong ("-isystem -Iuser/lib/include");
- no target lists `deps` as a prerequisite (under -j it would run beside
  the compiles; a goal that needs the packages goes in DEPS_GOALS).

`make -n` still runs the recipe line that calls $(MAKE), which is how the
goals run tools/deps and then make again. `python3 tests/make_test.py`
runs these alone. tools/fresh-check does the same for real, in a chroot.
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEPS_MESSAGE = "pagoda: missing Debian packages: (stand-in)"
# A make of our own, not a sub-make of the `make test` that runs us: not its
# flags (-j2, V=1 ...), nor its PAGODA_DEPS_DONE=1 (tools/deps has run).
ENV = {k: v for k, v in os.environ.items()
       if k not in ("MAKEFLAGS", "MFLAGS", "MAKELEVEL", "PAGODA_DEPS_DONE")}
# Goals whose -n output compiles the user programs (and the kernel).
BUILDS_USER = {"run", "test", "qemu-gdb", "memmap", "bench"}


def expect(results, name, cond, detail=""):
    results.record("make/" + name, bool(cond), "" if cond else detail)


def deps_programs():
    """{name: real path} of every program in the packages tools/deps installs."""
    text = open(os.path.join(ROOT, "tools", "deps")).read()
    packages = re.search(r'^PACKAGES="([^"]*)"', text, re.M).group(1).split()
    progs = {}
    for pkg in packages:
        p = subprocess.run(["dpkg", "-L", pkg], capture_output=True, text=True)
        for path in p.stdout.splitlines():
            if re.match(r"^/(usr/)?s?bin/[^/]+$", path):
                name = os.path.basename(path)
                real = shutil.which(name)
                if real:
                    progs[name] = real
    return progs


def make_standins(scratch, progs):
    """A bin/ of stand-ins and a fake tools/deps in scratch; (bin, deps, state)."""
    state = os.path.join(scratch, "state")
    bindir = os.path.join(scratch, "bin")
    os.makedirs(state)
    os.makedirs(bindir)
    for name, real in progs.items():
        path = os.path.join(bindir, name)
        with open(path, "w") as f:
            f.write('#!/bin/sh\n'
                    '[ -e %(state)s/installed ] && exec %(real)s "$@"\n'
                    'echo "%(name)s $*" >> %(state)s/early-calls\n'
                    'echo "%(name)s: not found" >&2\n'
                    'exit 127\n' % {"state": state, "real": real, "name": name})
        os.chmod(path, 0o755)
    deps = os.path.join(scratch, "deps")
    with open(deps, "w") as f:
        f.write('#!/bin/sh\necho "%s"\ntouch %s/installed\n' % (DEPS_MESSAGE, state))
    os.chmod(deps, 0o755)
    return bindir, deps, state


def make(args, bindir, timeout=300):
    env = dict(ENV, PATH=bindir + os.pathsep + ENV.get("PATH", "/usr/bin:/bin"))
    return subprocess.run(["make", "--no-print-directory"] + args, cwd=ROOT, env=env,
                          capture_output=True, text=True, errors="replace",
                          stdin=subprocess.DEVNULL, timeout=timeout)


def early_calls(state):
    path = os.path.join(state, "early-calls")
    return open(path).read().splitlines()[:3] if os.path.exists(path) else []


def deps_goals():
    p = subprocess.run(["make", "--no-print-directory", "--eval", "print-deps-goals: ; @echo $(DEPS_GOALS)",
                        "print-deps-goals"], cwd=ROOT, env=ENV, capture_output=True, text=True)
    return p.stdout.split()


def check_goal(goal, progs, logs):
    """Run `make -n GOAL` on a fresh machine; a list of (name, ok, detail)."""
    out = []
    with tempfile.TemporaryDirectory(prefix="pagoda-make-") as scratch:
        bindir, deps, state = make_standins(scratch, progs)
        args = ["-n", goal, "DEPS=" + deps, "B=" + os.path.join(scratch, "build")]
        if goal == "grade":
            args.append("LAB=1")
        p = make(args, bindir)
        early = early_calls(state)
    text = p.stdout + p.stderr
    with open(os.path.join(logs, "make-n-%s.log" % goal), "w") as f:
        f.write(text)
    lines = p.stdout.splitlines()
    where = lines.index(DEPS_MESSAGE) if DEPS_MESSAGE in lines else None
    first_tool = next((i for i, l in enumerate(lines) if l.split()[:1] and l.split()[0] in progs), None)
    ok = p.returncode == 0 and not early and where is not None and (first_tool is None or where < first_tool)
    detail = ("exit %d" % p.returncode if p.returncode else
              "ran before tools/deps: %s" % "; ".join(early) if early else
              "tools/deps never ran" if where is None else
              "line %d runs %s before tools/deps" % (first_tool + 1, lines[first_tool].split()[0])
              if first_tool is not None and first_tool < where else "")
    out.append(("%s-installs-before-any-tool-runs" % goal, ok, detail + " (make-n-%s.log)" % goal))
    if goal in BUILDS_USER:
        banners = re.findall(r"-DPAGODA_COMPILER='\"([^\"]*)\"'", p.stdout)
        out.append(("%s-kernel-gets-the-compiler-banner" % goal,
                    banners and all(b.startswith("i686-linux-gnu-gcc") for b in banners),
                    "%d kernel compiles, banners %s" % (len(banners), sorted(set(banners))[:2])))
        user_cc = [l for l in lines if " -nostdinc " in l and " -c user/" in l]
        dirs = {m.group(1) for l in user_cc for m in [re.search(r" -isystem (\S+)", l)] if m}
        good = bool(user_cc) and all(re.search(r" -isystem /\S+", l) for l in user_cc) and \
            all(os.path.isfile(os.path.join(d, "stddef.h")) for d in dirs)
        out.append(("%s-user-programs-get-the-compiler-include-dir" % goal, good,
                    "%d user compiles, -isystem %s" % (len(user_cc), sorted(dirs)[:2] or "missing")))
    return out


def run_all(results, logs):
    os.makedirs(logs, exist_ok=True)
    progs = deps_programs()
    expect(results, "deps-packages-have-programs-to-hide",
           "i686-linux-gnu-gcc" in progs and "qemu-system-i386" in progs,
           "found %d programs" % len(progs))

    with tempfile.TemporaryDirectory(prefix="pagoda-make-") as scratch:
        bindir, _, state = make_standins(scratch, progs)
        p = make(["help"], bindir)
        early = early_calls(state)
    expect(results, "help-runs-no-tool-on-a-fresh-machine",
           p.returncode == 0 and "Pagoda make targets" in p.stdout and not early and not p.stderr,
           "exit %d; ran %s; stderr %r" % (p.returncode, early, p.stderr[:200]))

    # The README's two commands are checked whatever DEPS_GOALS says.
    goals = deps_goals()
    goals += [g for g in ("run", "test") if g not in goals]
    with ThreadPoolExecutor(max_workers=2) as pool:
        for checks in pool.map(lambda g: check_goal(g, progs, logs), goals):
            for name, ok, detail in checks:
                expect(results, name, ok, detail)

    # The rule database: a target with `deps` among its prerequisites.
    p = subprocess.run(["make", "--no-print-directory", "-p", "-n", "help"], cwd=ROOT, env=ENV,
                       capture_output=True, text=True, errors="replace")
    offenders = []
    for line in p.stdout.splitlines():
        m = re.match(r"^([^#\s.][^:=]*?)::?\s*(.*)$", line)
        if m and not m.group(2).startswith("=") and "deps" in m.group(2).split("|")[0].split():
            offenders.append(m.group(1))
    expect(results, "no-target-lists-deps-as-a-prerequisite", p.returncode == 0 and not offenders,
           "add them to DEPS_GOALS instead: %s" % " ".join(sorted(set(offenders))))

    # A tree pulled after a source file moved: the old build's dependency
    # files name the old path, and make must rebuild rather than stop. Both
    # the .hd a host test's rule writes now and a .d of the older rule.
    with tempfile.TemporaryDirectory(prefix="pagoda-make-") as scratch:
        build = os.path.join(scratch, "build")
        target = os.path.join(build, "host", "test_cpio")
        first = subprocess.run(["make", "--no-print-directory", "B=" + build, target], cwd=ROOT, env=ENV,
                               capture_output=True, text=True, errors="replace")
        hd = target + ".hd"
        text = open(hd).read() if os.path.exists(hd) else ""
        with open(hd, "w") as f:
            f.write(text.replace("lib/earlycpio.c", "lib/moved_away.c"))
        with open(target + ".d", "w") as f:
            f.write("%s: kernel/cpio_moved_away.c include/cpio.h\n" % target)
        p = subprocess.run(["make", "--no-print-directory", "-n", "B=" + build, target],
                           cwd=ROOT, env=ENV, capture_output=True, text=True, errors="replace")
    expect(results, "a-moved-source-named-by-an-old-dep-file-rebuilds",
           first.returncode == 0 and "lib/earlycpio.c" in text and p.returncode == 0
           and "No rule to make target" not in p.stderr and "earlycpio.c" in p.stdout,
           "first build exit %d; then exit %d: %s" % (first.returncode, p.returncode, p.stderr.strip()[-200:]))
    check_initrd_staging(results)


def initrd_names(cpio):
    p = subprocess.run(["cpio", "-it", "--quiet"], stdin=open(cpio, "rb"), capture_output=True, text=True)
    return set(p.stdout.split())


def check_initrd_staging(results):
    """The initrd holds exactly what user/rootfs and the programs list: a file
    removed from the rootfs leaves the next initrd, one added with an old
    time stamp enters it, and a make with nothing changed builds none. A
    copy of the built user programs and a copy of the rootfs, so the tree's
    own build and files are not touched."""
    with tempfile.TemporaryDirectory(prefix="pagoda-make-") as scratch:
        build, rootfs = os.path.join(scratch, "build"), os.path.join(scratch, "rootfs")
        os.makedirs(build)
        for d in ("user", "debian"):
            if os.path.isdir(os.path.join(ROOT, "build", d)):
                subprocess.run(["cp", "-a", os.path.join(ROOT, "build", d), build], check=True)
        shutil.copytree(os.path.join(ROOT, "user", "rootfs"), rootfs, symlinks=True)
        extra = os.path.join(rootfs, "etc", "staging-test")
        cpio = os.path.join(build, "initrd.cpio")

        def build_initrd():
            p = subprocess.run(["make", "--no-print-directory", "-j2", "B=" + build,
                                "USER_ROOTFS_DIR=" + rootfs, cpio], cwd=ROOT, env=ENV,
                               capture_output=True, text=True, errors="replace")
            return p.returncode == 0 and os.path.exists(cpio), p.stderr.strip()[-200:]

        with open(extra, "w") as f:
            f.write("staged\n")
        ok, err = build_initrd()
        first = initrd_names(cpio) if ok else set()
        expect(results, "initrd-has-a-rootfs-file", ok and "etc/staging-test" in first and "etc/motd" in first,
               err or "etc/staging-test missing")
        os.unlink(extra)
        ok, err = build_initrd()
        names = initrd_names(cpio) if ok else set()
        expect(results, "initrd-loses-a-file-removed-from-the-rootfs",
               ok and "etc/staging-test" not in names and "etc/motd" in names, err or "etc/staging-test stays")
        with open(extra, "w") as f:
            f.write("staged again\n")
        os.utime(extra, (946684800, 946684800))         # 2000: older than the initrd
        ok, err = build_initrd()
        names = initrd_names(cpio) if ok else set()
        expect(results, "initrd-gets-a-file-added-with-an-old-time-stamp",
               ok and "etc/staging-test" in names, err or "etc/staging-test missing")
        before = os.stat(cpio).st_mtime_ns if ok else 0
        ok, err = build_initrd()
        expect(results, "initrd-is-not-rebuilt-when-nothing-changed",
               ok and os.stat(cpio).st_mtime_ns == before, err or "built again")


if __name__ == "__main__":
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

    class Print:
        failed = 0

        def record(self, name, ok, detail=""):
            print("%-6s %s%s" % ("ok" if ok else "FAIL", name, "  (" + detail + ")" if detail else ""))
            self.failed += not ok

    r = Print()
    run_all(r, os.path.join(ROOT, "build", "test-logs"))
    sys.exit(1 if r.failed else 0)
