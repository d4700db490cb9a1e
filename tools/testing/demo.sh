#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# `make demo`: boot the guest with vdgpu loaded, show what the driver found
# and how each peer reaches each GPU's VRAM, then tell the story of a shared
# buffer under VRAM pressure with the vdgpu tool, and write its trace
# picture to a path it prints. DEMO_PROFILE selects the
# kernel (default debug-iommu: P2P inside the switch and through the host
# bridge; "debug" shows the qemu64 host bridge refusing, "stock" a kernel
# without PCI_P2PDMA).
set -euo pipefail
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/profiles.sh"

profile=${DEMO_PROFILE:-debug-iommu}
"$VDGPU_TOP/tools/testing/install-deps.sh"
logs=$VDGPU_CACHE/logs/demo-$(date +%Y%m%d-%H%M%S)
mkdir -p "$logs"

igt=$("$VDGPU_TOP/tools/testing/build-igt.sh")
boot_guest "$profile" demo "$logs/guest.log" "$igt"

echo
echo "vdgpu demo, profile $profile (kernel $KVER, cpu $QEMU_CPU)"
sed -n '/VDGPU-GUEST-START/,/VDGPU-DMESG-BEGIN/p' "$logs/guest.log" |
	sed '/VDGPU-PNG-BEGIN/,/VDGPU-PNG-END/d' |
	grep -v -e 'VDGPU-' -e '^\[ *[0-9.]*\]'
if grep -q VDGPU-DEMO-ERROR "$logs/guest.log" || ! grep -q 'VDGPU-GUEST-END' "$logs/guest.log"; then
	die "demo failed; guest log: $logs/guest.log"
fi
# The trace picture comes over the serial console as base64.
png=$logs/vdgpu-trace.png
sed -n '/VDGPU-PNG-BEGIN/,/VDGPU-PNG-END/p' "$logs/guest.log" | grep -v VDGPU-PNG |
	base64 -d >"$png" 2>/dev/null || true
[ "$(head -c 4 "$png" | tail -c 3)" = PNG ] ||
	die "no trace picture in the guest log: $logs/guest.log"
if ! python3 "$VDGPU_TOP/tools/testing/logscan.py" "$logs/guest.log"; then
	die "kernel reports in the guest log: $logs/guest.log"
fi
log "guest log: $logs/guest.log"
echo
echo "trace picture (each buffer's placement over time, moves and notifications, VRAM in use):"
echo "  $png"
