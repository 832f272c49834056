"""The console as a terminal, driven from outside as a person types at it:
tools/boot runs /tests/ttyjob as init, and this file writes keys to its
serial port and reads what comes back (echo included). Each check is one
test line in `make test`; `python3 tests/tty_test.py` runs them alone.

- lines: a line is read once Enter ends it, with DEL, ^U and ^W applied
  (and ^H once it is the erase character); ^D ends a partial line, and at
  the start of a line reads as end of file. Echo shows the editing; output
  newlines reach the line as "\\r\\n" (OPOST|ONLCR).
- intr: ^C kills the loop in the foreground group (SIGINT), not its parent,
  which reads a line afterwards; ^\\ (SIGQUIT) likewise; ^Z stops it (SIGTSTP).
- raw: without ICANON and ECHO, a read with VMIN 3 returns three bytes, Enter
  as "\\r" (ICRNL is input processing, on), and nothing is echoed.
- kdb: Ctrl-] k stops the system in the monitor while a program spins; ps
  shows it running; go resumes it and it finishes.
- garbage: random bytes on the line, kdb keys and all, crash nothing.
- the monitor's run: the program reads what follows its line; what it
  leaves unread is the monitor's again.
"""
import os
import random
import re
import subprocess
import sys
import threading
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BOOT = os.path.join(ROOT, "tools", "boot")
INITRD = os.path.join(ROOT, "build", "initrd.cpio")


class Terminal:
    """tools/boot with a program as init; what it prints collects in self.out."""

    def __init__(self, *args, timeout=60):
        cmd = [BOOT, "--mem", "64", "--timeout", str(timeout), "--initrd", INITRD,
               "--append", "init=/tests/ttyjob -- " + " ".join(args)]
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

    def wait_for(self, pattern, seconds=30, start=0):
        """True once pattern (bytes, a regex) appears in the output after offset start."""
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

    def type(self, keys):
        """Keys one by one, as a person types them."""
        for b in keys:
            self.proc.stdin.write(bytes([b]))
            self.proc.stdin.flush()
            time.sleep(0.01)

    def finish(self, seconds=30):
        try:
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


def expect(results, name, cond, detail=""):
    results.record("tty/" + name, bool(cond), "" if cond else detail)


def test_lines(results):
    t = Terminal("lines")
    t.wait_for(rb"ttyjob: ready")
    t.type(b"hellp\x7fo\r")
    t.wait_for(rb"got \[hello\]")
    t.type(b"junk\x15real\r")
    t.type(b"one two\x17three\r")
    t.type(b"part\x04")
    t.wait_for(rb"got \[part\]")
    t.type(b"\x04")
    code, out = t.finish()
    tail = out[-300:]
    expect(results, "erase-applies-before-enter",
           "got [hello]" in out and "hellp\b \bo" in out, tail)
    expect(results, "kill-and-word-erase",
           "got [real]" in out and "got [one three]" in out and "junk\b \b\b \b\b \b\b \breal" in out, tail)
    expect(results, "ctrl-d-ends-a-partial-line-then-reads-as-eof",
           "got [part]" in out and "ttyjob: eof" in out and code == 0, "exit %d: %s" % (code, tail))
    expect(results, "output-newlines-are-crlf", "got [hello]\r\n" in out, tail)


def test_erase_h(results):
    """^H is not an erase character by default (it is DEL), as Linux: it is read and echoed as ^H."""
    t = Terminal("lines")
    t.wait_for(rb"ttyjob: ready")
    t.type(b"ab\x08c\r\x04")
    code, out = t.finish()
    expect(results, "ctrl-h-is-data-when-erase-is-del", "got [ab\bc]" in out and "ab^Hc" in out,
           out[-300:])


def test_intr(results):
    t = Terminal("intr")
    ok = t.wait_for(rb"child: looping") and t.wait_for(rb"in the foreground")
    time.sleep(0.3)
    t.type(b"\x03")
    killed = t.wait_for(rb"child killed by signal 2")
    t.wait_for(rb"ttyjob: parent alive")
    t.type(b"still here\r\x04")
    code, out = t.finish()
    expect(results, "ctrl-c-stops-the-foreground-loop-not-its-parent",
           ok and killed and "got [still here]" in out and "ttyjob: eof" in out and code == 0
           and "^C" in out, "exit %d: %s" % (code, out[-400:]))


def test_quit(results):
    t = Terminal("intr")
    t.wait_for(rb"in the foreground")
    time.sleep(0.3)
    t.type(b"\x1c")
    killed = t.wait_for(rb"child killed by signal 3")
    t.type(b"\x04")
    code, out = t.finish()
    expect(results, "ctrl-backslash-sends-sigquit", killed and code == 0, "exit %d: %s" % (code, out[-400:]))


def test_suspend(results):
    t = Terminal("intr")
    t.wait_for(rb"in the foreground")
    time.sleep(0.3)
    t.type(b"\x1a")
    stopped = t.wait_for(rb"child stopped by signal 20")
    t.type(b"\x04")
    code, out = t.finish()
    expect(results, "ctrl-z-stops-the-foreground-group-with-sigtstp", stopped and "^Z" in out and code == 0,
           "exit %d: %s" % (code, out[-400:]))


def test_raw(results):
    t = Terminal("raw")
    t.wait_for(rb"ttyjob: raw")
    t.type(b"x\ry")
    code, out = t.finish()
    expect(results, "raw-read-returns-vmin-bytes-unechoed",
           "raw read 3: 78 0a 79" in out and "x\r\ny" not in out.split("ttyjob: raw")[-1].split("raw read")[0]
           and code == 0, "exit %d: %s" % (code, out[-300:]))


def test_kdb(results):
    t = Terminal("spin", "4")
    t.wait_for(rb"spin: spinning")
    time.sleep(0.5)
    mark = len(t.out)
    t.type(b"\x1dk")
    entered = t.wait_for(rb"kdb> ", start=mark)
    t.type(b"ps\r")
    t.wait_for(rb"PID COMM", start=mark)
    t.type(b"run /bin/echo no\r")
    t.wait_for(rb"cannot run while", start=mark)
    t.type(b"go\r")
    code, out = t.finish()
    after = out[mark:]
    expect(results, "kdb-key-stops-the-system-in-the-monitor",
           entered and "Entering kdb" in after and "Leaving kdb" in after, after[-600:])
    expect(results, "kdb-ps-shows-the-program-running",
           re.search(r"^\s+1 ttyjob\s+running", after, re.M), after[-600:])
    expect(results, "kdb-refuses-run-while-stopped", "'run' cannot run while the system is stopped" in after,
           after[-600:])
    expect(results, "kdb-go-resumes-and-the-program-finishes",
           after.find("Leaving kdb") < after.find("spin: done") and code == 0
           and "init exited with status 0" in after, "exit %d: %s" % (code, after[-600:]))


def test_garbage(results):
    """Random bytes (^C, ^Z, ^S, ^D and all) at a program that ignores the
    signals: the kernel lives on, the kdb key still works, and the program
    still reads its last line."""
    rng = random.Random(12)
    junk = bytes(rng.randrange(256) for _ in range(3000)).replace(b"\x1d", b"")
    t = Terminal("sink")
    t.wait_for(rb"ttyjob: sink")
    try:
        t.proc.stdin.write(junk)
        t.proc.stdin.flush()
        time.sleep(1)
        mark = len(t.out)
        t.type(b"\x1dk")        # the monitor, garbage at its prompt, and out again
        t.wait_for(rb"kdb> ", start=mark)
        t.type(b"\x01\xff\x7f\rps\rgo\r")
        t.wait_for(rb"Leaving kdb", start=mark)
        t.type(b"\r\x11\x15quit\r")     # ^Q: output may have been stopped by a ^S
    except BrokenPipeError:
        pass
    code, out = t.finish(seconds=40)
    expect(results, "garbage-on-the-line-crashes-nothing",
           "Leaving kdb" in out and "ttyjob: sink read" in out and code == 0
           and not re.search(r"Kernel panic|BUG|Oops|LEAK", out), "exit %d: %s" % (code, out[-400:]))


def test_monitor_run_reads_the_console(results):
    """A program the monitor runs reads what was typed after its run line; what
    it leaves unread (after its end of file) goes back to the monitor's prompt."""
    script = "run /tests/ttyjob lines\nabc\n\x04ps\npoweroff\n"
    proc = subprocess.run([BOOT, "--mem", "64", "--timeout", "60", "--initrd", INITRD], input=script,
                          capture_output=True, text=True)
    out = proc.stdout
    expect(results, "monitor-run-reads-the-console-and-leaves-the-rest-to-the-monitor",
           proc.returncode == 0 and "got [abc]" in out and "ttyjob: eof" in out
           and "run: /tests/ttyjob exited with status 0" in out and re.search(r"^\s+1 ttyjob\s+exited", out, re.M)
           and "Powering off." in out, "exit %d: %s" % (proc.returncode, out[-400:]))


def run_all(results, logs=None):
    test_lines(results)
    test_erase_h(results)
    test_intr(results)
    test_quit(results)
    test_suspend(results)
    test_raw(results)
    test_kdb(results)
    test_garbage(results)
    test_monitor_run_reads_the_console(results)


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
    r = Results()
    run_all(r)
    print("%d passed, %d failed" % (r.passed, len(r.failed)))
    sys.exit(1 if r.failed else 0)
