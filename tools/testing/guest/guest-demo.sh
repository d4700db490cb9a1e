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
rmmod vdgpu
