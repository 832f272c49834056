"""The real shell at the console, typed at as a person would, on Pagoda and
on Debian's real Linux 6.1 i386 booted the same way: the initrd's own
/sbin/init (Pagoda's: /etc/rc, then BusyBox's sh as a login shell with the
console as its controlling terminal) on a serial console that is QEMU's
stdio. Each check runs on both kernels:

- ctrl-c: `while :; do :; done` runs in the shell itself; ^C ends it and the
  shell prompts again, `echo $?` says 130; so for a program (sleep);
- ctrl-d: ends `cat` at the start of a line;
- ctrl-z: stops `cat` (the shell says Stopped), `fg` resumes it, it reads on;
- stty -a: the same lines on both, byte for byte: nothing needs normalising
  (the speed is 9600 baud on both; rows and columns are unknown on both);
- ^S holds output and ^C (a signal key) lets it go again; with ixany any key does;
- top: `top -b -n 1` prints its header and ends; interactive `top` ends at q;
- the long line: 5000 characters and Enter in canonical mode: what `wc -c`
  reads is what Linux's n_tty keeps: 4095 characters (its buffer less
  one), the rest dropped, and the newline still goes in (4096 bytes);
- vi: BusyBox's vi edits a new file by keystrokes (i, two lines, ESC, :wq)
  and cat shows them; on Pagoda the file is on an ext2 disk mounted from the
  shell, then sync, and on the host e2fsck -fn finds the image clean and
  debugfs reads the two lines (Linux's oracle has no ext2 module: /tmp there);
- garbage: NULs, random bytes and escape sequences at the prompt, then ^C:
  the shell is still there.

`python3 tests/console_test.py [--pagoda|--linux]` runs them alone.
"""
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
import threading
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "tools"))
import linux_oracle  # noqa: E402

BOOT = os.path.join(ROOT, "tools", "boot")
INITRD = os.path.join(ROOT, "build", "initrd.cpio")
PROMPT = "PAGODA-TEST> "
# The prompt, as the shell prints it when it starts a line.
PROMPT_RE = re.escape(PROMPT).encode()


class Console:
    """One boot, the shell on its console; what it prints collects in self.out."""

    def __init__(self, kernel, workdir, disk=None):
        self.kernel = kernel
        if kernel == "pagoda":
            cmd = [BOOT, "--mem", "128", "--timeout", "300", "--initrd", INITRD, "--append", "init=/sbin/init"]
            cmd += ["--disk", disk] if disk else []
        else:
            vmlinuz = linux_oracle.kernel()
            initrd = os.path.join(workdir, "console.cpio")
            linux_initramfs(initrd)
            cmd = linux_oracle.qemu_command(vmlinuz, initrd, mem=128)
            cmd[cmd.index("-append") + 1] = linux_oracle.APPEND + " rdinit=/sbin/init"
        self.proc = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     stderr=subprocess.STDOUT)
        self.out = b""
        self.lock = threading.Lock()
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self):
        while True:
            chunk = self.proc.stdout.read1(4096)
            if not chunk:
                return
            with self.lock:
                self.out += chunk

    def mark(self):
        with self.lock:
            return len(self.out)

    def wait_for(self, pattern, seconds=60, start=0):
        deadline = time.time() + seconds
        while time.time() < deadline:
            with self.lock:
                if re.search(pattern, self.out[start:]):
                    return True
            if self.proc.poll() is not None and not self.reader.is_alive():
                break
            time.sleep(0.05)
        with self.lock:
            return bool(re.search(pattern, self.out[start:]))

    def since(self, start):
        with self.lock:
            return self.out[start:].decode("latin-1")

    def type(self, keys, pause=0.01):
        for b in keys:
            self.proc.stdin.write(bytes([b]))
            self.proc.stdin.flush()
            time.sleep(pause)

    def wait_quiet(self, quiet=2.0, seconds=180):
        """Waits until nothing has come for quiet seconds (at most seconds in all)."""
        deadline = time.time() + seconds
        last, since = self.mark(), time.time()
        while time.time() < deadline:
            time.sleep(0.2)
            now = self.mark()
            if now != last:
                last, since = now, time.time()
            elif time.time() - since >= quiet:
                return True
        return False

    def send(self, data):
        self.proc.stdin.write(data)
        self.proc.stdin.flush()

    def command(self, line, seconds=60):
        """Types line and Enter; returns what came back up to the next prompt (None: no prompt)."""
        start = self.mark()
        self.type(line.encode() + b"\r")
        if not self.wait_for(b"\n" + PROMPT_RE, seconds, start):
            return None
        return self.since(start)

    def finish(self, seconds=60):
        try:
            self.type(b"exit\r")
            self.proc.stdin.close()
        except OSError:
            pass
        try:
            self.proc.wait(seconds)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        self.reader.join(5)
        return self.proc.returncode, self.out.decode("latin-1")


def linux_initramfs(path):
    """The files of Pagoda's initrd (build/user/root) and a /dev/console, as a newc archive for Linux."""
    import stat
    members = []
    files = linux_oracle.STAGING
    for top, dirs, names in os.walk(files):
        dirs.sort()
        rel = os.path.relpath(top, files)
        if rel != ".":
            members.append((rel, stat.S_IFDIR | (os.stat(top).st_mode & 0o7777), b""))
        for f in sorted(names + [d for d in dirs if os.path.islink(os.path.join(top, d))]):
            src = os.path.join(top, f)
            name = os.path.normpath(os.path.join(rel, f))
            if os.path.islink(src):
                members.append((name, stat.S_IFLNK | 0o777, os.readlink(src).encode()))
                continue
            with open(src, "rb") as fh:
                members.append((name, stat.S_IFREG | (os.stat(src).st_mode & 0o777), fh.read()))
    out = [linux_oracle.newc(n, m, d, ino=i + 1) for i, (n, m, d) in enumerate(members)]
    out.append(linux_oracle.newc("dev/console", stat.S_IFCHR | 0o600, rdev=(5, 1), ino=len(members) + 1))
    out.append(linux_oracle.newc("TRAILER!!!", 0))
    blob = b"".join(out)
    with open(path, "wb") as f:
        f.write(blob + b"\0" * (-len(blob) % 512))


VI_TEXT = "hello from vi\nsecond line\n"


def session(kernel, workdir, disk=None):
    """Runs the whole conversation on one kernel; returns {check: (ok, detail)} and the stty -a lines."""
    c = Console(kernel, workdir, disk)
    got = {}

    def record(name, ok, detail):
        got[name] = (bool(ok), detail if not ok else "")

    booted = c.wait_for(rb"exit or poweroff powers the machine off", 240)
    time.sleep(1)
    c.type(b"PS1='" + PROMPT.encode() + b"'\r")
    ready = c.wait_for(b"\n" + PROMPT_RE, 60)
    record("boots-to-a-shell-prompt", booted and ready, c.since(0)[-600:])
    if not ready:
        c.finish()
        return got, None

    # ^C at a loop the shell runs itself
    start = c.mark()
    c.type(b"while :; do :; done\r")
    time.sleep(2)
    c.type(b"\x03")
    back = c.wait_for(b"\n" + PROMPT_RE, 60, start)
    out = c.command("echo status=$?")
    record("ctrl-c-ends-a-loop-in-the-shell-and-it-prompts-again", back and out and "status=130" in out,
           c.since(start)[-400:])
    # ^C at a program in the foreground
    start = c.mark()
    c.type(b"sleep 100\r")
    time.sleep(2)
    c.type(b"\x03")
    back = c.wait_for(b"\n" + PROMPT_RE, 60, start)
    out = c.command("echo status=$?")
    record("ctrl-c-ends-a-foreground-program", back and out and "status=130" in out, c.since(start)[-400:])

    # ^D ends cat
    start = c.mark()
    c.type(b"cat\r")
    time.sleep(1)
    c.type(b"hello cat\r")
    echoed = c.wait_for(rb"hello cat\r\nhello cat\r\n", 30, start)
    c.type(b"\x04")
    back = c.wait_for(b"\n" + PROMPT_RE, 30, start)
    out = c.command("echo status=$?")
    record("ctrl-d-ends-cat", echoed and back and out and "status=0" in out, c.since(start)[-400:])

    # ^Z stops cat, fg resumes it
    start = c.mark()
    c.type(b"cat\r")
    time.sleep(1)
    c.type(b"\x1a")
    stopped = c.wait_for(rb"Stopped", 30, start) and c.wait_for(b"\n" + PROMPT_RE, 30, start)
    mid = c.mark()
    c.type(b"fg\r")
    time.sleep(1)
    c.type(b"again\r")
    resumed = c.wait_for(rb"again\r\nagain\r\n", 30, mid)
    c.type(b"\x04")
    back = c.wait_for(b"\n" + PROMPT_RE, 30, mid)
    out = c.command("echo status=$?")
    record("ctrl-z-stops-cat-and-fg-resumes-it",
           stopped and resumed and back and out and "status=0" in out, c.since(start)[-500:])

    # ^S holds output; a signal key (^C) lets it go, as Linux's n_tty does. The
    # shell waits in read (the tty cooked, ISIG on) when ^S comes; its echo of
    # "held" then waits. (Not a sleep: Linux's QEMU runs with -icount sleep=off,
    # where guest sleeps take no time.)
    start = c.mark()
    c.type(b"read x; echo held; read y\r")
    time.sleep(1.5)
    c.type(b"\x13")
    c.type(b"go\r")
    time.sleep(3)
    held = "held\r\n" not in c.since(start).split("read y", 1)[-1]
    c.type(b"\x03")
    back = c.wait_for(b"\n" + PROMPT_RE, 30, start)
    record("ctrl-s-holds-output-and-ctrl-c-lets-it-go", held and back, c.since(start)[-300:])
    # with ixany, the next key lets it go
    c.command("stty ixany")
    start = c.mark()
    c.type(b"read x; echo let go; read y\r")
    time.sleep(1.5)
    c.type(b"\x13")
    c.type(b"go\r")
    freed = c.wait_for(rb"let go\r\n", 30, c.mark() - 1) or "let go\r\n" in c.since(start).split("read y", 1)[-1]
    c.type(b"\r")
    back = c.wait_for(b"\n" + PROMPT_RE, 30, start)
    c.command("stty -ixany")
    record("ctrl-s-then-any-key-with-ixany", freed and back, c.since(start)[-300:])

    # stty -a
    out = c.command("stty -a")
    stty = None
    if out:
        stty = [l.strip() for l in out.replace("\r", "").split("\n")[1:-1] if l.strip()]
    record("stty-a-answers", bool(stty), (out or "")[-400:])

    # top, batch and interactive
    out = c.command("top -b -n 1", 60)
    record("top-batch-prints-its-header-and-ends", out and re.search(r"^Mem: ", out, re.M)
           and re.search(r"^CPU:", out, re.M) and re.search(r"PID\s+PPID\s+USER", out), (out or "")[-400:])
    start = c.mark()
    c.type(b"top\r")
    shown = c.wait_for(rb"PID\s+PPID\s+USER", 60, start)
    time.sleep(1)
    c.type(b"q")
    back = c.wait_for(b"\n" + PROMPT_RE, 60, start) or c.wait_for(PROMPT_RE, 5, start)
    out = c.command("echo status=$?")
    record("top-interactive-quits-at-q", shown and back and out and "status=0" in out, c.since(start)[-300:])

    # a line longer than the canonical buffer
    start = c.mark()
    c.type(b"wc -c\r")
    time.sleep(1)
    c.send(b"x" * 5000)
    time.sleep(3)
    c.type(b"\r")
    time.sleep(1)
    c.type(b"\x04")
    back = c.wait_for(b"\n" + PROMPT_RE, 60, start)
    text = c.since(start).replace("\r", "")
    m = re.search(r"^\s*(\d+)\s*$", text, re.M)
    record("a-long-line-keeps-4095-characters-and-the-newline-as-n_tty", back and m and m.group(1) == "4096",
           text[-200:].replace("x" * 50, "x.."))

    # vi by keystrokes: on Pagoda into an ext2 disk mounted from the shell
    where = "/tmp"
    if disk:
        out = c.command("mount -t ext2 /dev/sda /mnt && echo mount=ok")
        record("mount-ext2-from-the-shell", out and "mount=ok" in out, (out or "")[-300:])
        where = "/mnt"
    start = c.mark()
    c.type(("vi %s/note\r" % where).encode())
    c.wait_quiet(1.5, 30)
    c.type(b"i" + VI_TEXT.replace("\n", "\r").rstrip("\r").encode())
    time.sleep(0.5)
    c.type(b"\x1b")
    time.sleep(1.0)         # vi waits a moment after ESC for the rest of an escape sequence
    c.type(b":wq\r")
    back = c.wait_for(b"\n" + PROMPT_RE, 30, start) or c.wait_for(PROMPT_RE, 5, start)
    out = c.command("cat %s/note; sync; echo synced=$?" % where)
    text = (out or "").replace("\r", "")
    record("vi-edits-a-file-and-cat-shows-it", back and VI_TEXT in text and "synced=0" in text,
           c.since(start)[-400:])

    # garbage, then the shell still answers
    rng = random.Random(6)
    junk = b"\0\0\0" + b"\x1b[2J\x1b[H\x1b]0;title\x07\x1b[6n\x1bc" + \
        bytes(rng.randrange(256) for _ in range(2000)).replace(b"\x1d", b"").replace(b"\x1a", b"") + b"\0" * 100
    start = c.mark()
    c.send(junk)
    # The shell reads the garbage as lines of commands, some left open (a
    # quote, a parenthesis, a read): ^Q (a ^S in the garbage may have stopped
    # output), ^C and ^U end what is half read, and the shell must answer a
    # command again, within a few tries (how the garbage splits into lines
    # depends on timing, on both kernels).
    c.wait_quiet()
    answered = False
    for _ in range(6):
        c.type(b"\x11\x03\x15")
        c.wait_quiet(1.0, 30)
        mark = c.mark()
        c.type(b"echo still=here\r")
        if c.wait_for(rb"\nstill=here\r\n", 15, mark):
            answered = True
            break
    record("garbage-at-the-prompt-leaves-the-shell-answering", answered, c.since(start)[-300:])
    code, text = c.finish()
    record("no-kernel-complaint", not re.search(r"Kernel panic|BUG|Oops|LEAK", text), text[-300:])
    return got, stty


def run_all(results, logs=None, kernels=("pagoda", "linux")):
    got = {}
    with tempfile.TemporaryDirectory(prefix="pagoda-console-") as work:
        disk = os.path.join(work, "vi.img")
        with open(disk, "wb") as f:
            f.truncate(4 << 20)
        subprocess.run([tool("mke2fs"), "-q", "-F", "-t", "ext2", "-b", "1024", disk], check=True,
                       capture_output=True)

        def one(k):
            try:
                return k, session(k, work, disk if k == "pagoda" else None), None
            except linux_oracle.OracleError as e:
                return k, None, str(e)
        # The sessions mostly wait on typed keys: both kernels at once halve the time.
        with ThreadPoolExecutor(max_workers=2) as pool:
            for k, got_k, err in pool.map(one, kernels):
                if err is None:
                    got[k] = got_k
                else:
                    results.record("console/linux/oracle", False, err)
        if "pagoda" in got:
            # what vi wrote and sync took to the disk, read on the host (the image was never unmounted)
            r = subprocess.run([tool("e2fsck"), "-fn", disk], capture_output=True, text=True)
            results.record("console/pagoda/vi-e2fsck-clean", r.returncode == 0, r.stdout[-300:])
            r = subprocess.run([tool("debugfs"), "-R", "cat /note", disk], capture_output=True)
            results.record("console/pagoda/vi-debugfs-reads-the-file", r.stdout == VI_TEXT.encode(),
                           repr(r.stdout[:200]))
    if logs:
        os.makedirs(logs, exist_ok=True)
        for k, (_, stty) in got.items():
            with open(os.path.join(logs, "console-%s-stty.txt" % k), "w") as f:
                f.write("\n".join(stty or []) + "\n")
    for k, (checks, _) in got.items():
        for name, (ok, detail) in checks.items():
            results.record("console/%s/%s" % (k, name), ok, detail)
    if "pagoda" in got and "linux" in got:
        p, l = got["pagoda"][1], got["linux"][1]
        same = p is not None and l is not None and p == l
        results.record("console/stty-a-is-linux-s", same,
                       "pagoda %r\nlinux  %r" % (p, l))


def tool(name):
    return shutil.which(name) or "/sbin/" + name


class Results:
    def __init__(self):
        self.passed = 0
        self.failed = []

    def record(self, name, ok, detail=""):
        if ok:
            self.passed += 1
            print("ok     %s" % name, flush=True)
        else:
            self.failed.append(name)
            print("FAIL   %s%s" % (name, "  (" + repr(detail) + ")" if detail else ""), flush=True)


if __name__ == "__main__":
    only = [a[2:] for a in sys.argv[1:] if a in ("--pagoda", "--linux")]
    r = Results()
    run_all(r, logs=os.path.join(ROOT, "build", "console"), kernels=tuple(only) or ("pagoda", "linux"))
    print("%d passed, %d failed" % (r.passed, len(r.failed)))
    sys.exit(1 if r.failed else 0)
