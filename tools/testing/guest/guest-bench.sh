#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# Guest side of `make bench`: every benchmark prints "BENCH ..." lines.
. /etc/vdgpu/guest.env

modprobe vdgpu $VDGPU_MODULE_OPTS || { echo "BENCH-ERROR modprobe vdgpu failed"; exit 1; }
for b in /usr/libexec/vdgpu/bench/*; do
	"$b" || echo "BENCH-ERROR ${b##*/} exit $?"
done
rmmod vdgpu
