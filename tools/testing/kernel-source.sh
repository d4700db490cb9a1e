#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# Extract Debian's linux-source-6.12 into the cache (once per package
# version) and print the directory.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

srcver=$(dpkg-query -W -f='${Version}' linux-source-6.12 2>/dev/null) ||
	die "linux-source-6.12 is not installed (run tools/testing/install-deps.sh)"
src=$VDGPU_CACHE/kernel/src-$srcver
if [ ! -f "$src/.vdgpu-extracted" ]; then
	rm -rf "$src"
	mkdir -p "$src"
	run_logged "$VDGPU_CACHE/kernel/extract.log" "extracting linux-source $srcver" \
		tar -xf /usr/src/linux-source-6.12.tar.xz -C "$src" --strip-components=1
	touch "$src/.vdgpu-extracted"
fi
echo "$src"
