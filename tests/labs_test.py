"""The labs, tested from outside (docs/labs/): for each lab, tools/lab writes
the student skeleton into a fresh directory, which must build from nothing
and must score nothing (docs/labs/README.md: a stub fails the lab's checks);
the full tree must grade full marks.

`python3 tests/labs_test.py [N...]` runs them alone.
"""
import os
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


def one_lab(n, results, logs, scratch):
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
    log = os.path.join(logs, "lab%d-full-grade.log" % n)
    status, out = run([sys.executable, LAB, "grade", str(n)], ROOT, log)
    got = score(out)
    results.record(name + "-full-tree-grades-full-marks", got is not None and got[0] == got[1] and status == 0,
                   ("Score: %d/%d" % got if got else "no Score line") + "; " +
                   "; ".join(failed_lines(out)[:3]) + " (%s)" % log)


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


def run_all(results, logs, labs=LABS):
    os.makedirs(logs, exist_ok=True)
    files, bad = cites_outside()
    results.record("labs/no-file-cites-a-path-outside-the-repository", files and not bad,
                   "cite Linux source paths or books instead: %s" % " ".join(bad))
    status, out = run([sys.executable, LAB, "check"], ROOT, os.path.join(logs, "labs-check.log"))
    results.record("labs/solution-markers-and-stubs", status == 0, out.strip().splitlines()[-1:] and
                   " | ".join(out.strip().splitlines()[-3:]))
    start = time.time()
    scratch = tempfile.mkdtemp(prefix="pagoda-labs-")
    try:
        for n in labs:
            one_lab(n, results, logs, scratch)
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
    chosen = [int(a) for a in sys.argv[1:]] or LABS
    res = Results()
    run_all(res, os.path.join(ROOT, "build", "test-logs"), chosen)
    print("%d passed, %d failed" % (res.passed, len(res.failed)))
    sys.exit(1 if res.failed else 0)
