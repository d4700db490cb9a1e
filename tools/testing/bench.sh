#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# `make bench`: run the benchmarks in one boot of the guest and print their
# tables. Ratios are taken within that boot. BENCH_PROFILE selects the
# kernel (default stock: no KASAN or lockdep slowing the copies down);
# BENCHES="migrate" runs only the benchmarks whose names contain a word.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/profiles.sh"

profile=${BENCH_PROFILE:-stock}
# Room for the 256 MiB buffer in system memory next to everything else.
export QEMU_MEM=2G
# Host pages backed up front: see qemu_prealloc_opt.
export QEMU_PREALLOC=1
# udmabuf is compared at 256 MiB too; its default limit is 64 MiB.
export QEMU_APPEND="udmabuf.size_limit_mb=512"
"$VDGPU_TOP/tools/testing/install-deps.sh"
logs=$VDGPU_CACHE/logs/bench-$(date +%Y%m%d-%H%M%S)
mkdir -p "$logs"

igt=$("$VDGPU_TOP/tools/testing/build-igt.sh")
boot_guest "$profile" bench "$logs/guest.log" "$igt"

echo
echo "vdgpu benchmarks, profile $profile (kernel $KVER, QEMU TCG)"
grep -a -o 'BENCH.*' "$logs/guest.log" | sed 's/^BENCH //' | tee "$logs/bench.txt"
if grep -q 'BENCH-ERROR' "$logs/guest.log" || ! grep -q 'VDGPU-GUEST-END' "$logs/guest.log"; then
	die "benchmark failed; guest log: $logs/guest.log"
fi
python3 "$VDGPU_TOP/tools/testing/logscan.py" "$logs/guest.log" ||
	die "kernel reports in the guest log: $logs/guest.log"
log "results: $logs/bench.txt"
