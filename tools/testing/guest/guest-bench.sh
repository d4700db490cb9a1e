#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# Guest side of `make bench`: every benchmark prints "BENCH ..." lines.
. /etc/vdgpu/guest.env

modprobe vdgpu $VDGPU_MODULE_OPTS || { echo "BENCH-ERROR modprobe vdgpu failed"; exit 1; }
# BENCHES="migrate dma_buf" runs only the benchmarks whose names contain a word.
selected() {
	[ -z "$VDGPU_BENCHES" ] && return 0
	for word in $VDGPU_BENCHES; do
		case $1 in *"$word"*) return 0 ;; esac
	done
	return 1
}

for b in /usr/libexec/vdgpu/bench/*; do
	selected "${b##*/}" || continue
	"$b" || echo "BENCH-ERROR ${b##*/} exit $?"
done
rmmod vdgpu
