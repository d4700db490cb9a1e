#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Scan a guest kernel log for reports that must fail a test run.

Usage: logscan.py LOG...   exit 0 when clean, 1 with the offending lines.
"""
import re
import sys

# Each pattern is a kernel report that means a bug, whatever the test said.
REPORTS = [
    (r"WARNING: CPU: \d+ PID: \d+", "WARN"),
    (r"WARNING: .*(locking|lock|recursive|suspicious RCU)", "lockdep"),
    (r"\bBUG: ", "BUG"),
    (r"kernel BUG at", "BUG"),
    (r"\bOops\b", "oops"),
    (r"general protection fault", "GPF"),
    (r"Kernel panic", "panic"),
    (r"BUG: KASAN: |KASAN: ", "KASAN"),
    (r"UBSAN: ", "UBSAN"),
    (r"possible circular locking dependency", "lockdep"),
    (r"inconsistent lock state", "lockdep"),
    (r"possible recursive locking", "lockdep"),
    (r"suspicious RCU usage", "lockdep"),
    (r"DEBUG_LOCKS_WARN_ON", "lockdep"),
    (r"refcount_t: ", "refcount"),
    (r"sleeping function called from invalid context", "atomic sleep"),
    (r"suspected memory leaks?", "kmemleak"),
    (r"unreferenced object 0x", "kmemleak"),
    (r"list_(add|del) corruption", "list corruption"),
    (r"DMA-API: ", "DMA-API debug"),
    (r"ODEBUG: ", "debug-objects"),
    (r"rcu: INFO: .*(detected stall|self-detected stall)", "RCU stall"),
    (r"detected stalls on CPUs/tasks", "RCU stall"),
    (r"INFO: task .* blocked for more than", "hung task"),
    (r"watchdog: BUG: soft lockup", "soft lockup"),
]
PATTERN = re.compile("|".join("(?:%s)" % p for p, _ in REPORTS))

# Lines that match a report pattern but are what every kernel of the debug
# profile prints on a healthy boot: dma-debug's and debug-objects' banners.
# Anything else from these subsystems (an error, "out of memory - disabling",
# which silently ends the checking) is a report.
BENIGN = re.compile("|".join([
    r"DMA-API: preallocated \d+ debug entries$",
    r"DMA-API: debugging enabled by kernel config$",
    r"DMA-API: dma_debug_entry pool grown to \d+ \(\d+%\)$",
    r"ODEBUG: selftest passed$",
]))


def scan(lines):
    """Return [(line number, kind, text)] for every report in lines."""
    found = []
    for n, line in enumerate(lines, 1):
        if PATTERN.search(line) and not BENIGN.search(line.rstrip("\n")):
            kind = next(k for p, k in REPORTS if re.search(p, line))
            found.append((n, kind, line.rstrip("\n")))
    return found


def main(paths):
    bad = 0
    for path in paths:
        with open(path, errors="replace") as f:
            for n, kind, text in scan(f):
                print("%s:%d: %s: %s" % (path, n, kind, text))
                bad += 1
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
