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

# boot_once: one boot, the serial log in $logf; sets rc to QEMU's exit code.
boot_once() {
	rc=0
	timeout --foreground -k 10 "$limit" qemu-system-x86_64 \
		-machine q35 -accel tcg -cpu "$QEMU_CPU" "${QEMU_MEMORY[@]}" -smp 2 \
		-nographic -no-reboot -serial stdio -monitor none \
		-kernel "$KIMAGE" -initrd "$initrd" \
		-append "console=ttyS0 loglevel=3 panic=-1 vdgpu_guest=$mode $KAPPEND ${QEMU_APPEND:-}" \
		"${QEMU_TOPOLOGY[@]}" "${QEMU_EXTRA[@]}" </dev/null >"$logf" 2>&1 || rc=$?
	tr -d '\r' <"$logf" >"$logf.tmp" && mv "$logf.tmp" "$logf"
}

start=$(date +%s)
log "booting $profile guest ($mode, cpu $QEMU_CPU, timeout ${limit}s)"
boot_once
# Debian's kernel under multi-threaded TCG has been seen to die with an
# "Oops: int3" while it boots (text patching racing the other vCPU), before
# init runs, so before any vdgpu code. Such a boot is tried once more; its
# log is kept beside the real one and the retry is said in the run's output.
if [ $rc -ne 124 ] && ! grep -q 'VDGPU-GUEST-START' "$logf"; then
	mv "$logf" "$logf.failed-boot"
	log "$profile guest died before init ran (log: $logf.failed-boot); booting it once more"
	boot_once
fi
log "$profile guest finished in $(( $(date +%s) - start )) s (qemu exit $rc)"
[ $rc -ne 124 ] || log "$profile guest TIMED OUT after ${limit}s"
exit 0
