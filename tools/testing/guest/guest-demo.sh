#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# Guest side of `make demo`: what vdgpu found and how its peers reach VRAM.
. /etc/vdgpu/guest.env

[ -w /sys/kernel/debug/kmemleak ] && echo clear >/sys/kernel/debug/kmemleak
modprobe vdgpu $VDGPU_MODULE_OPTS || { echo "VDGPU-DEMO-ERROR modprobe vdgpu failed"; exit 1; }

name_of() {
	case "$1" in
	1af4:1110) echo ivshmem ;;
	1234:11e8) echo edu ;;
	*) echo "$1" ;;
	esac
}

echo
echo "== vdgpu devices"
for d in /sys/kernel/debug/dri/*/vram; do
	dir=${d%/vram}
	[ -L "$dir" ] && continue	# dri/<minor> links to dri/<device>
	echo "-- ${dir##*/}"
	sed 's/^/   /' "$d"
done

echo
echo "== P2P reachability: importer -> exporter VRAM (pci_p2pdma_distance, address mode)"
printf '%-14s %-14s %-8s %-9s %-12s %s\n' exporter importer kind distance mode reason
for d in /sys/kernel/debug/dri/*/p2p_peers; do
	dir=${d%/p2p_peers}
	[ -L "$dir" ] && continue
	exporter=${dir##*/}
	grep -v '^#' "$d" | while read -r peer id distance mode reason; do
		kind=$(name_of "$id")
		[ "$kind" = ivshmem ] || [ "$kind" = edu ] || continue
		printf '%-14s %-14s %-8s %-9s %-12s %s\n' "$exporter" "$peer" "$kind" \
			"$distance" "$mode" "$reason"
	done
done

echo
echo "== The story: a buffer on the first GPU, shared with the second GPU (over P2P"
echo "   where the kernel allows) and with the reference importer, then VRAM pressure"
echo "   pushes it out; every reader checks the bytes. The tracepoints record it all."
modprobe vdgpu_importer || echo "VDGPU-DEMO-ERROR modprobe vdgpu_importer failed"
tool=/usr/libexec/vdgpu/vdgpu
$tool list
$tool trace -o /tmp/vdgpu-demo.png -- /usr/libexec/vdgpu/vdgpu-share-example --pressure ||
	echo "VDGPU-DEMO-ERROR the story failed"
echo
$tool info 0 | head -n 5
echo
echo "VDGPU-PNG-BEGIN"
base64 /tmp/vdgpu-demo.png
echo "VDGPU-PNG-END"
rmmod vdgpu_importer
echo
rmmod vdgpu
