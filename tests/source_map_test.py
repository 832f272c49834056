"""docs/source-map.md against the tree: every source file in its scope has a
row, every folder has a row, every path in the table exists, and each row
says what the path holds and names a Linux counterpart (or "none").

The scope is the doc's: tracked files under the kernel's folders, tools/ and
tests/ (not tests/mutants/, whose files tools/mutate --check keeps true, nor
tests/labs/wrong/, whose files tools/lab check keeps true), and
the top-level Makefile and linker.ld; every folder of the tree but hidden ones.

`python3 tests/source_map_test.py` runs it alone.
"""
import os
import re
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
MAP = os.path.join(ROOT, "docs", "source-map.md")
SCOPE_DIRS = ("boot", "init", "arch", "mm", "kernel", "fs", "lib", "drivers", "include", "tools", "tests")
SCOPE_FILES = ("Makefile", "linker.ld")
UNLISTED_DIRS = ("tests/mutants/", "tests/labs/wrong/")   # their files, not the folder itself
ROW = re.compile(r"^\| `([^`]+)` \| (.*?) \| (.*?) \|$")


def tracked_files():
    """The tree's files as git knows them (a copy without .git: every file on disk)."""
    try:
        out = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True).stdout
        return [f for f in out.decode().split("\0") if f and os.path.exists(os.path.join(ROOT, f))]
    except (OSError, subprocess.CalledProcessError):
        files = []
        for d, dirs, names in os.walk(ROOT):
            dirs[:] = [x for x in dirs if not x.startswith(".") and x != "build"]
            files += [os.path.relpath(os.path.join(d, n), ROOT) for n in names]
        return files


def in_scope(path):
    if path in SCOPE_FILES:
        return True
    return path.split("/")[0] in SCOPE_DIRS and not path.startswith(UNLISTED_DIRS)


def folders(files):
    out = set()
    for f in files:
        parts = f.split("/")[:-1]
        if parts and parts[0].startswith("."):
            continue
        for i in range(1, len(parts) + 1):
            out.add("/".join(parts[:i]) + "/")
    return out


def parse(text):
    """The table's rows as (path, holds, linux), and the number of tables in the doc."""
    rows = [ROW.match(line) for line in text.splitlines()]
    tables = len(re.findall(r"^\| --- \| --- \| --- \|$", text, re.M))
    return [m.groups() for m in rows if m], tables


def check():
    """(name, ok, detail) for each check."""
    with open(MAP) as f:
        rows, tables = parse(f.read())
    paths = [p for p, _, _ in rows]
    files = tracked_files()
    listed = set(paths)
    missing = sorted(f for f in files if in_scope(f) and f not in listed)
    missing_dirs = sorted(folders(files) - listed)
    gone = [p for p in paths if not (os.path.isdir(os.path.join(ROOT, p)) if p.endswith("/")
                                     else os.path.isfile(os.path.join(ROOT, p)))]
    dups = sorted({p for p in paths if paths.count(p) > 1})
    empty = [p for p, holds, linux in rows if not holds.strip() or not linux.strip()]
    return [
        ("one-table", tables == 1 and len(rows) > 0, "%d tables, %d rows" % (tables, len(rows))),
        ("every-source-file-listed", not missing, "not in docs/source-map.md: " + " ".join(missing[:20])),
        ("every-folder-listed", not missing_dirs, "not in docs/source-map.md: " + " ".join(missing_dirs[:20])),
        ("every-listed-path-exists", not gone, "listed but missing: " + " ".join(gone[:20])),
        ("no-path-listed-twice", not dups, "twice: " + " ".join(dups)),
        ("every-row-says-what-and-linux", not empty, "empty cells: " + " ".join(empty)),
    ]


def run_all(results, logs=None):
    for name, ok, detail in check():
        results.record("source-map/" + name, ok, detail)


if __name__ == "__main__":
    bad = 0
    for name, ok, detail in check():
        print("%s source-map/%s%s" % ("ok    " if ok else "FAIL  ", name, "" if ok else ": " + detail))
        bad += not ok
    sys.exit(1 if bad else 0)
