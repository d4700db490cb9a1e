#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# Extract Debian's linux-source-6.12 into the cache, apply the fixes in
# tools/testing/kernel-patches/ (once per package version and set of
# patches) and print the directory.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

srcver=$(dpkg-query -W -f='${Version}' linux-source-6.12 2>/dev/null) ||
	die "linux-source-6.12 is not installed (run tools/testing/install-deps.sh)"
patches=$VDGPU_TOP/tools/testing/kernel-patches
phash=$(cat "$patches"/*.patch 2>/dev/null | sha256sum | cut -c1-8)
src=$VDGPU_CACHE/kernel/src-$srcver-p$phash
if [ ! -f "$src/.vdgpu-extracted" ]; then
	rm -rf "$src"
	mkdir -p "$src"
	run_logged "$VDGPU_CACHE/kernel/extract.log" "extracting linux-source $srcver" \
		tar -xf /usr/src/linux-source-6.12.tar.xz -C "$src" --strip-components=1
	for p in "$patches"/*.patch; do
		[ -f "$p" ] || continue
		patch -d "$src" -p1 --forward --quiet <"$p" >>"$VDGPU_CACHE/kernel/extract.log" 2>&1 ||
			die "kernel patch ${p##*/} does not apply (see $VDGPU_CACHE/kernel/extract.log)"
	done
	touch "$src/.vdgpu-extracted"
fi
echo "$src"
