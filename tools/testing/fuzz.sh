#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# `make fuzz`: boot one guest and run only the fuzzer, for FUZZ_SECONDS
# (default 600) from SEED (default: one the fuzzer picks and prints), on
# FUZZ_PROFILE (default debug: KASAN, lockdep, DMA-API debug). `make check`
# runs the same fuzzer for 60 s on every profile. Prints the calls made
# per ioctl and the seed; a failure prints the seed that reproduces it.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/profiles.sh"

profile=${FUZZ_PROFILE:-debug}
export FUZZ_SECONDS=${FUZZ_SECONDS:-600}
export TESTS="fuzz@*"
case $FUZZ_SECONDS in (*[!0-9]*|"") die "FUZZ_SECONDS must be a number of seconds" ;; esac
"$VDGPU_TOP/tools/testing/install-deps.sh"
logs=$VDGPU_CACHE/logs/fuzz-$(date +%Y%m%d-%H%M%S)
mkdir -p "$logs"

igt=$("$VDGPU_TOP/tools/testing/build-igt.sh")
QEMU_TIMEOUT=$((FUZZ_SECONDS + 600)) boot_guest "$profile" check "$logs/$profile.log" "$igt"
grep -a '^FUZZ' "$logs/$profile.log" || true
rc=0
python3 "$VDGPU_TOP/tools/testing/results.py" "$profile=$logs/$profile.log" || rc=$?
log "guest log: $logs/$profile.log"
exit $rc
