#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Boot the test guest under TCG (KVM does not work on these machines),
# always under a timeout, with the serial console written to LOG.
# Usage: qemu.sh PROFILE INITRD MODE LOG [TIMEOUT_S]
set -euo pipefail
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/profiles.sh"

profile=$1 initrd=$2 mode=$3 logf=$4 limit=${5:-1200}
profile_setup "$profile"
qemu_topology
qemu_memory_args

start=$(date +%s)
log "booting $profile guest ($mode, cpu $QEMU_CPU, timeout ${limit}s)"
rc=0
timeout --foreground -k 10 "$limit" qemu-system-x86_64 \
	-machine q35 -accel tcg -cpu "$QEMU_CPU" "${QEMU_MEMORY[@]}" -smp 2 \
	-nographic -no-reboot -serial stdio -monitor none \
	-kernel "$KIMAGE" -initrd "$initrd" \
	-append "console=ttyS0 loglevel=3 panic=-1 vdgpu_guest=$mode $KAPPEND" \
	"${QEMU_TOPOLOGY[@]}" "${QEMU_EXTRA[@]}" </dev/null >"$logf" 2>&1 || rc=$?
tr -d '\r' <"$logf" >"$logf.tmp" && mv "$logf.tmp" "$logf"
log "$profile guest finished in $(( $(date +%s) - start )) s (qemu exit $rc)"
[ $rc -ne 124 ] || log "$profile guest TIMED OUT after ${limit}s"
exit 0
