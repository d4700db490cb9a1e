#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Sum up test results from guest serial logs.

Usage: results.py PROFILE=LOG [PROFILE=LOG ...]

Each log holds "VDGPU-RESULT: <test> pass|fail|skip [reason]" lines, KUnit
KTAP blocks between VDGPU-KTAP-BEGIN/END, and (for guests) the kernel log
between VDGPU-DMESG-BEGIN/END followed by VDGPU-GUEST-END. A guest log also
yields two results of its own: the guest finished, and its kernel log holds
no report (logscan.py). Prints each profile's counts, then the closing line
"N passed, N failed, N skipped"; exits 1 when anything failed.
"""
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import logscan  # noqa: E402

RESULT = re.compile(r"^VDGPU-RESULT: (\S+) (pass|fail|skip)\b ?(.*)$")
KTAP_LINE = re.compile(r"^(\s*)(not ok|ok) \d+ (.*?)(?:\s+#\s*(SKIP.*))?$")


def parse_ktap(suite, lines):
    """Leaf results of one KTAP suite block: a result line is a leaf when
    the result line before it was not nested deeper (a parent's line comes
    after its children)."""
    out, prev_indent = [], None
    for line in lines:
        m = KTAP_LINE.match(line)
        if not m:
            continue
        indent = len(m.group(1).expandtabs())
        if prev_indent is None or prev_indent <= indent:
            if indent > 0:  # indent 0 is the suite's own line
                status = "skip" if m.group(4) else (
                    "pass" if m.group(2) == "ok" else "fail")
                out.append(("kunit:%s.%s" % (suite, m.group(3).strip()),
                            status, m.group(4) or ""))
        prev_indent = indent
    return out


def parse_log(profile, path):
    results = []
    guest = False
    finished = False
    with open(path, errors="replace") as f:
        lines = [l.rstrip("\n") for l in f]
    i = 0
    while i < len(lines):
        line = lines[i]
        # Serial output may glue console noise before a marker.
        for marker in ("VDGPU-RESULT: ", "VDGPU-KTAP-BEGIN ",
                       "VDGPU-GUEST-START", "VDGPU-GUEST-END"):
            pos = line.find(marker)
            if pos > 0:
                line = line[pos:]
        m = RESULT.match(line)
        if m:
            results.append(m.groups())
            if m.group(2) == "fail":  # the test's own output follows
                j = i + 1
                while j < len(lines) and lines[j].startswith("  | "):
                    print("  %s/%s %s" % (profile, m.group(1), lines[j][2:]))
                    j += 1
        elif line.startswith("VDGPU-KTAP-BEGIN "):
            suite = line.split()[1]
            block = []
            i += 1
            while i < len(lines) and not lines[i].startswith("VDGPU-KTAP-END"):
                block.append(lines[i])
                i += 1
            ktap = parse_ktap(suite, block)
            if not ktap:
                ktap = [("kunit:%s" % suite, "fail", "no results")]
            results.extend(ktap)
        elif line.startswith("VDGPU-GUEST-START"):
            guest = True
        elif line.startswith("VDGPU-GUEST-END"):
            finished = True
        i += 1

    if guest or not results:
        results.append(("guest-finished", "pass" if finished else "fail",
                        "" if finished else "guest did not finish (crash or timeout)"))
        reports = logscan.scan(lines)
        for n, kind, text in reports:
            print("  %s: kernel report (%s) at %s:%d: %s" % (profile, kind, path, n, text))
        results.append(("kernel-log-clean", "fail" if reports else "pass",
                        "%d kernel reports" % len(reports) if reports else ""))
    return results


def main(args):
    total = {"pass": 0, "fail": 0, "skip": 0}
    for arg in args:
        profile, path = arg.split("=", 1)
        counts = {"pass": 0, "fail": 0, "skip": 0}
        for name, status, reason in parse_log(profile, path):
            counts[status] += 1
            if status != "pass":
                print("  %s/%s: %s%s" % (profile, name, status.upper(),
                                         " - " + reason if reason else ""))
        for k in total:
            total[k] += counts[k]
        print("profile %s: %d passed, %d failed, %d skipped" %
              (profile, counts["pass"], counts["fail"], counts["skip"]))
    print("%d passed, %d failed, %d skipped" %
          (total["pass"], total["fail"], total["skip"]))
    return 1 if total["fail"] else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
