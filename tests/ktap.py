"""Parse what the tests print: TAP from host tests, KTAP from the kernel."""
import re

TAP_LINE = re.compile(r"^(ok|not ok) \d+ - (.*?)(?: # SKIP ?(.*))?$")
CASE_LINE = re.compile(r"^    (ok|not ok) \d+ (\S+)(?: # SKIP ?(.*))?")
SUITE_LINE = re.compile(r"^(ok|not ok) \d+ (\S+)")
SUBTEST = re.compile(r"^    # Subtest: (\S+)")
RUNNING = re.compile(r"^    # running: (\S+)")
DIAG = re.compile(r"^        # (\S+): (.*)$")
CRASH = re.compile(r"# CRASH in (\S+): (.*)$")
PLAN = re.compile(r"^1\.\.(\d+)$")


def parse_tap(text, skips=None):
    """[(ok, description)] from `ok N - description` lines. A line with a
    `# SKIP reason` directive goes into skips {description: reason} too."""
    out = []
    for line in text.splitlines():
        m = TAP_LINE.match(line.rstrip("\r"))
        if m:
            out.append((m.group(1) == "ok", m.group(2)))
            if m.group(3) is not None and skips is not None:
                skips[m.group(2)] = m.group(3) or "no reason given"
    return out


class KtapRun:
    def __init__(self):
        self.plan = None
        self.cases = []          # (suite, case, ok, first diagnostic)
        self.skips = {}          # (suite, case) -> reason, for `ok N case # SKIP reason`
        self.suites_done = []
        self.running = None      # "suite.case" last started
        self.crash = None
        self.crash_test = None


def parse_ktap(text):
    run = KtapRun()
    suite = None
    diags = {}
    for raw in text.splitlines():
        line = raw.rstrip("\r")
        m = PLAN.match(line)
        if m and run.plan is None:
            run.plan = int(m.group(1))
            continue
        m = SUBTEST.match(line)
        if m:
            suite = m.group(1)
            continue
        m = RUNNING.match(line)
        if m:
            run.running = "%s.%s" % (suite, m.group(1))
            continue
        m = DIAG.match(line)
        if m:
            diags.setdefault((suite, m.group(1)), m.group(2))
            continue
        m = CRASH.search(line)
        if m:
            run.crash_test, run.crash = m.group(1), m.group(2)
            continue
        m = CASE_LINE.match(line)
        if m and suite:
            case = m.group(2)
            run.cases.append((suite, case, m.group(1) == "ok", diags.get((suite, case), "")))
            if m.group(3) is not None:
                run.skips[(suite, case)] = m.group(3) or "no reason given"
            run.running = None
            continue
        m = SUITE_LINE.match(line)
        if m:
            run.suites_done.append(m.group(2))
            suite = None
    return run
