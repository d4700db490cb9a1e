#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# `make check`: build everything, run the host checks and every test in a
# QEMU guest for each kernel profile, scan each guest's kernel log, and end
# with "N passed, N failed, N skipped". PROFILES="stock debug" selects
# kernels; TESTS="vdgpu_swap@* kunit" runs only matching tests (development).
set -euo pipefail
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/profiles.sh"

start=$(date +%s)
profiles=${PROFILES:-$VDGPU_PROFILES}
"$VDGPU_TOP/tools/testing/install-deps.sh"

logs=$VDGPU_CACHE/logs/check-$(date +%Y%m%d-%H%M%S)
mkdir -p "$logs"
log "logs in $logs"

# The debug kernel first (about 9 minutes, once), with its progress shown.
case " $profiles " in
*" debug"*) "$VDGPU_TOP/tools/testing/build-kernel.sh" >/dev/null ;;
esac

dry_run_stop "the host checks would start"

# Host-side checks: the log scanner's self-test, every top-level target
# from an empty cache, and the static checks.
{
	"$VDGPU_TOP/tools/testing/selftest/run.sh"
	"$VDGPU_TOP/tools/testing/selftest/fresh-cache.sh"
	"$VDGPU_TOP/tools/testing/lint.sh"
	"$VDGPU_TOP/tools/testing/build-userspace.sh"
} >"$logs/host.log" 2>&1
args=("host=$logs/host.log")

igt=$("$VDGPU_TOP/tools/testing/build-igt.sh")
for profile in $profiles; do
	boot_guest "$profile" check "$logs/$profile.log" "$igt"
	args+=("$profile=$logs/$profile.log")
done

rc=0
python3 "$VDGPU_TOP/tools/testing/results.py" "${args[@]}" >"$logs/summary.txt" || rc=$?
log "make check took $(( $(date +%s) - start )) s; logs in $logs"
cat "$logs/summary.txt"
exit $rc
