#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# Host check: libvdgpu and its tools build as their own meson project, with
# -Werror, and install a pkg-config file. Prints a VDGPU-RESULT line.
set -uo pipefail
. "$(dirname "$0")/lib.sh"

out=$VDGPU_CACHE/build/userspace-$(echo "$VDGPU_TOP" | sha256sum | cut -c1-8)
dest=$out/install
log=$VDGPU_CACHE/build/userspace.log
rm -rf "$dest"
if { [ -f "$out/build.ninja" ] || meson setup --prefix=/usr "$out" "$VDGPU_TOP/userspace"; } >"$log" 2>&1 &&
	ninja -C "$out" >>"$log" 2>&1 &&
	DESTDIR="$dest" meson install -C "$out" >>"$log" 2>&1 &&
	PKG_CONFIG_PATH=$(dirname "$(find "$dest" -name libvdgpu.pc | head -n1)") \
		pkg-config --exists libvdgpu >>"$log" 2>&1; then
	echo "VDGPU-RESULT: userspace@build pass"
else
	echo "VDGPU-RESULT: userspace@build fail"
	tail -n 30 "$log" | sed 's/^/  | /'
fi
