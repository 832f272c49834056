"""The memory pictures (`make memmap`): run tools/memmap on a 64 MiB machine
and check that what it drew adds up. Each check is one test line in
`make test`; `python3 tests/memmap_test.py` runs them alone.

- both SVGs are well-formed XML;
- each dump's runs cover every frame 0..max_pfn once, and its frames per
  kind add up to max_pfn;
- the free frames are the kernel's MemFree (`meminfo` just before the
  idle dump) and its nr_free_pages (the dump made inside a process);
- a page-table walk never finds a free frame: user pages, page tables and
  vmalloc pages are all allocated;
- the process has user pages of each kind, and its picture shows [heap]
  and [stack].
"""
import importlib.machinery
import importlib.util
import os
import subprocess
import sys
import xml.etree.ElementTree as ET

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TOOL = os.path.join(ROOT, "tools", "memmap")
MEM_MIB = 64


def load_tool():
    loader = importlib.machinery.SourceFileLoader("memmap_tool", TOOL)
    spec = importlib.util.spec_from_loader("memmap_tool", loader)
    mod = importlib.util.module_from_spec(spec)
    loader.exec_module(mod)
    return mod


def expect(results, name, cond, detail=""):
    results.record("memmap/" + name, bool(cond), "" if cond else detail)


def run_all(results, logs):
    out = os.path.join(logs, "memmap")
    p = subprocess.run([TOOL, "--mem", str(MEM_MIB), "--out", out, "--no-png"],
                       capture_output=True, text=True, timeout=300)
    expect(results, "tool-runs", p.returncode == 0, (p.stderr or p.stdout)[-300:])
    if p.returncode != 0:
        return
    tool = load_tool()
    with open(os.path.join(out, "boot.log")) as f:
        dumps = tool.parse(f.read())
    idle = next((d for d in dumps if not d.task), None)
    proc = next((d for d in dumps if d.task), None)
    expect(results, "monitor-memmap-prints-a-dump", idle is not None, "no memmap-begin..memmap-end")
    expect(results, "syscall-402-prints-a-dump-with-the-process", proc is not None,
           "no dump with a task line: is system call 402 wired in arch/i386/entry/syscall_32.c?")

    for name in ("physical.svg", "virtual.svg"):
        path = os.path.join(out, name)
        try:
            root = ET.parse(path).getroot()
            ok, detail = root.tag.endswith("svg") and len(root) > 10, root.tag
        except (OSError, ET.ParseError) as e:
            ok, detail = False, str(e)
        expect(results, "%s-is-well-formed-svg" % name[:-4], ok, detail)

    for label, d in (("idle", idle), ("process", proc)):
        if d is None:
            continue
        bad = d.check()
        expect(results, "%s-runs-cover-every-frame-once" % label, not bad, "; ".join(bad[:3]))
        kind = d.frames()
        counts = {}
        for k in kind:
            counts[k] = counts.get(k, 0) + 1
        expect(results, "%s-frames-per-kind-add-up-to-max_pfn" % label,
               None not in counts and sum(counts.values()) == d.max_pfn,
               "%d frames, max_pfn %d" % (sum(counts.values()), d.max_pfn))
        free = sum(n for k, n in counts.items() if k in tool.FREE_KINDS)
        expect(results, "%s-free-frames-are-nr_free_pages" % label, free == d.nr_free_pages,
               "%d free in the picture, nr_free_pages %d" % (free, d.nr_free_pages))
        pcp = sum(n for k, n in counts.items() if k == "pcp")
        expect(results, "%s-pcp-frames-are-the-pcp-counts" % label, pcp == sum(z[3] for z in d.zones),
               "%d pcp in the picture, zones say %s" % (pcp, [z[3] for z in d.zones]))
        base = [None] * d.max_pfn
        for pfn, n, k in d.runs:
            base[pfn:pfn + n] = [k] * n
        on_free = [(pfn, k) for pfn, n, k in d.marks for i in range(n)
                   if base[pfn + i] in tool.FREE_KINDS or base[pfn + i] == "pcp"]
        expect(results, "%s-walked-pages-are-never-free" % label, not on_free,
               "first: pfn %s" % (on_free[:3],))
    if idle is not None:
        free = sum(n for pfn, n, k in idle.runs if k in tool.FREE_KINDS)
        expect(results, "idle-free-frames-equal-meminfo-MemFree",
               idle.memfree_kb is not None and free * 4 == idle.memfree_kb,
               "%d kB free in the picture, MemFree %s kB" % (free * 4, idle.memfree_kb))
    if proc is not None:
        kinds = set(proc.frames())
        missing = {"anon", "file", "zero", "pgtable", "kstack"} - kinds
        expect(results, "process-has-anon-file-zero-pgtable-kstack-frames", not missing,
               "missing %s" % sorted(missing))
    try:
        with open(os.path.join(out, "virtual.svg")) as f:
            text = f.read()
    except OSError:
        text = ""
    expect(results, "virtual-shows-heap-and-stack", "[heap]" in text and "[stack]" in text,
           "no [heap] or [stack] label")
    expect(results, "virtual-shows-the-3G-1G-split", "0xc0000000" in text and "TASK_SIZE" in text, "")


if __name__ == "__main__":
    class Results:
        failed = 0

        def record(self, name, ok, detail=""):
            print("%-6s %s%s" % ("ok" if ok else "FAIL", name, "  (" + detail + ")" if detail else ""))
            self.failed += not ok
    r = Results()
    run_all(r, os.path.join(ROOT, "build", "test-logs"))
    sys.exit(1 if r.failed else 0)
