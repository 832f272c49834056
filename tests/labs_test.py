"""The labs, tested from outside (docs/labs/): for each lab, tools/lab writes
the student skeleton into a fresh directory, which must build from nothing
and must score nothing (docs/labs/README.md: a stub fails the lab's checks);
the full tree must grade full marks. Then, in the same built skeleton with
the lab's solutions put back, each wrong solution of tests/labs/wrong/ in
turn is planted, and the check it names must fail -- with a reason on its
FAIL line -- so the wrong solution scores below full marks. (Only that
check is run, to keep `make test` short; `--full` grades all of them and
prints each wrong solution's score.)

`python3 tests/labs_test.py [--full] [N...]` runs them alone.
"""
import os
import importlib.machinery
import importlib.util
import re
import shutil
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
LAB = os.path.join(ROOT, "tools", "lab")
LABS = [1, 2, 3, 4, 5]
SCORE = re.compile(r"^Score: (\d+)/(\d+)$", re.M)


# The builds here are independent of any make that runs us (`make test -j4`, V=1 ...).
ENV = {k: v for k, v in os.environ.items() if k not in ("MAKEFLAGS", "MFLAGS", "MAKELEVEL")}


def run(cmd, cwd, log, timeout=600):
    """Run cmd in cwd, its output saved to log; (exit status, output)."""
    try:
        p = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, errors="replace",
                           stdin=subprocess.DEVNULL, timeout=timeout, env=ENV)
        status, out = p.returncode, p.stdout + p.stderr
    except subprocess.TimeoutExpired:
        status, out = "time-out", "timed out after %d s" % timeout
    with open(log, "w") as f:
        f.write(out)
    return status, out


def score(out):
    m = SCORE.search(out)
    return (int(m.group(1)), int(m.group(2))) if m else None


def failed_lines(out):
    return [l for l in out.splitlines() if ": FAIL (" in l]


def one_lab(n, results, logs, scratch, full=False):
    name = "labs/lab%d" % n
    dest = os.path.join(scratch, "lab%d" % n)
    status, out = run([sys.executable, LAB, "skeleton", str(n), dest], ROOT,
                      os.path.join(logs, "lab%d-skeleton.log" % n))
    results.record(name + "-skeleton-is-written", status == 0, out.strip().splitlines()[-1:] and
                   out.strip().splitlines()[-1])
    if status != 0:
        return
    if os.path.exists(os.path.join(dest, "build")):
        results.record(name + "-skeleton-has-no-build-dir", False, "build/ was copied")
        return
    # A repository of its own whose one commit is the skeleton, nothing left out of it.
    log_ = subprocess.run(["git", "-C", dest, "log", "--format=%s"], capture_output=True, text=True)
    dirty = subprocess.run(["git", "-C", dest, "status", "--porcelain"], capture_output=True, text=True)
    results.record(name + "-skeleton-is-a-git-repository-with-one-commit",
                   os.path.isdir(os.path.join(dest, ".git")) and log_.stdout.splitlines() == ["Lab %d skeleton" % n]
                   and dirty.returncode == 0 and not dirty.stdout.strip(),
                   "git log: %r; git status: %r" % (log_.stdout[-200:], dirty.stdout[-200:]))
    log = os.path.join(logs, "lab%d-skeleton-build.log" % n)
    status, out = run(["make", "-j%d" % (os.cpu_count() or 2), "all", "user"], dest, log)
    errors = [l for l in out.splitlines() if "error" in l.lower()][:2]
    results.record(name + "-skeleton-builds", status == 0, "; ".join(errors) + " (%s)" % log)
    if status != 0:
        return
    log = os.path.join(logs, "lab%d-skeleton-grade.log" % n)
    status, out = run([sys.executable, os.path.join(dest, "tools", "lab"), "grade", str(n)], dest, log)
    got = score(out)
    passed = [l.strip() for l in out.splitlines() if re.search(r": OK \(\d+ pts\)$", l)]
    results.record(name + "-skeleton-scores-nothing", got is not None and got[0] == 0 and not passed,
                   ("Score: %d/%d" % got if got else "no Score line") +
                   ("; passed with no student code: " + "; ".join(passed) if passed else "") + " (%s)" % log)
    # The grader explains itself: every FAIL line says why and where to read more; a stub that
    # says what is missing is quoted on the line (lab 4's first: do_anonymous_page).
    fails = failed_lines(out)
    silent = [l for l in fails if not re.search(r": FAIL \(0/\d+ pts\): \S.*(\(\S+\.log\)|build failed)", l)]
    quoted = n != 4 or any("LAB 4: do_anonymous_page is not written yet (" in l for l in fails)
    results.record(name + "-skeleton-fail-lines-say-why", fails and not silent and quoted,
                   "; ".join(silent[:2]) or ("no FAIL line quotes the stub" if not quoted else "no FAIL line"))
    wrong_solutions(n, dest, results, logs, full)
    log = os.path.join(logs, "lab%d-full-grade.log" % n)
    status, out = run([sys.executable, LAB, "grade", str(n)], ROOT, log)
    got = score(out)
    results.record(name + "-full-tree-grades-full-marks", got is not None and got[0] == got[1] and status == 0,
                   ("Score: %d/%d" % got if got else "no Score line") + "; " +
                   "; ".join(failed_lines(out)[:3]) + " (%s)" % log)


def lab_module():
    """tools/lab, loaded as a module (for its list of wrong solutions)."""
    loader = importlib.machinery.SourceFileLoader("tools_lab", LAB)
    spec = importlib.util.spec_from_loader("tools_lab", loader)
    module = importlib.util.module_from_spec(spec)
    loader.exec_module(module)
    return module


def wrong_solutions(n, dest, results, logs, full=False):
    """Plant each wrong solution of lab n in the built skeleton dest; its check must fail."""
    lab = lab_module()
    mine = [w for w in lab.all_wrong(ROOT) if w.lab == n]
    solved = sorted({r.path for r in lab.all_regions(ROOT) if r.lab == n})
    for w in mine:
        name = "labs/lab%d-wrong/%s-scores-below-full-marks" % (n, w.name)
        for path in solved:                     # the lab's solutions back (newer than the objects), then the one wrong line
            shutil.copyfile(os.path.join(ROOT, path), os.path.join(dest, path))
        w.apply(dest)
        log = os.path.join(logs, "lab%d-wrong-%s.log" % (n, w.name))
        cmd = [sys.executable, os.path.join(dest, "tools", "lab"), "grade", str(n)]
        if not full:
            cmd += ["--only", w.caught_by]
        status, out = run(cmd, dest, log)
        got = score(out)
        line = [l for l in out.splitlines() if l.startswith(w.caught_by + ": ")][:1]
        failed = bool(line) and ": FAIL (0/" in line[0] and "build: FAIL" not in out   # it must build: plausible
        explained = failed and re.search(r": FAIL \(0/\d+ pts\): \S", line[0])
        if full and got:
            print("#   %s: Score: %d/%d" % (w.name, got[0], got[1]))
        results.record(name, got is not None and got[0] < got[1] and failed and explained and status != 0,
                       ("Score: %d/%d" % got if got else "no Score line") + "; " +
                       (line[0] if line else "no line for %r" % w.caught_by) + " (%s)" % log)
    for path in solved:
        shutil.copyfile(os.path.join(ROOT, path), os.path.join(dest, path))


# Written in two pieces so that this file does not cite them itself.
OUTSIDE = re.compile(re.escape("../" + "shared/") + "|" + re.escape("/work/" + "shared"))


def cites_outside(root=ROOT):
    """Tracked files that cite a path outside the repository (the folder of
    course material beside it): a student's clone has nothing there."""
    files = subprocess.run(["git", "ls-files"], cwd=root, capture_output=True, text=True).stdout.split()
    bad = []
    for name in files:
        if name.startswith(".ci/") or os.path.islink(os.path.join(root, name)):
            continue                    # a symbolic link cites nothing (user/rootfs/links has loops)
        try:
            with open(os.path.join(root, name), encoding="utf-8", errors="replace") as f:
                text = f.read()
        except (IsADirectoryError, FileNotFoundError):
            continue
        if re.search(OUTSIDE, text):
            bad.append(name)
    return files, bad


# What a handout may cite in brackets: the books docs/labs/README.md lists.
SOURCES = {"ULK", "Gorman"}
CITATION = re.compile(r"\[([A-Z][A-Za-z0-9]*)\](?!\()")


def unknown_citations(root=ROOT):
    """[TAG] citations in the handouts that docs/labs/README.md does not list: (file, tag)."""
    bad = []
    for name in sorted(os.listdir(os.path.join(root, "docs", "labs"))):
        if name.endswith(".md") and name != "README.md":
            with open(os.path.join(root, "docs", "labs", name)) as f:
                bad += [(name, t) for t in CITATION.findall(f.read()) if t not in SOURCES]
    return bad


def run_all(results, logs, labs=LABS, full=False):
    os.makedirs(logs, exist_ok=True)
    files, bad = cites_outside()
    results.record("labs/no-file-cites-a-path-outside-the-repository", files and not bad,
                   "cite Linux source paths or books instead: %s" % " ".join(bad))
    bad = unknown_citations()
    results.record("labs/handouts-cite-only-what-a-student-can-open", not bad,
                   "not in docs/labs/README.md's list: %s" % ", ".join("%s [%s]" % b for b in bad[:5]))
    status, out = run([sys.executable, LAB, "check"], ROOT, os.path.join(logs, "labs-check.log"))
    results.record("labs/solution-markers-and-stubs", status == 0, out.strip().splitlines()[-1:] and
                   " | ".join(out.strip().splitlines()[-3:]))
    start = time.time()
    scratch = tempfile.mkdtemp(prefix="pagoda-labs-")
    try:
        for n in labs:
            one_lab(n, results, logs, scratch, full)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    print("#   labs: %d skeletons built and graded, full tree graded, in %.1f s" % (len(labs), time.time() - start))


class Results:
    """The same lines tests/run prints, for running this file alone."""

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
    chosen = [int(a) for a in sys.argv[1:] if a != "--full"] or LABS
    res = Results()
    run_all(res, os.path.join(ROOT, "build", "test-logs"), chosen, "--full" in sys.argv)
    print("%d passed, %d failed" % (res.passed, len(res.failed)))
    sys.exit(1 if res.failed else 0)
