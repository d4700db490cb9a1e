#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# Build the IGT tests with meson in the cache; prints the build directory.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

# meson keeps the source directory's absolute path: one build directory per
# checkout, so a clone elsewhere never builds another tree's tests.
out=$VDGPU_CACHE/build/igt-$(echo "$VDGPU_TOP" | sha256sum | cut -c1-8)
if [ ! -f "$out/build.ninja" ]; then
	rm -rf "$out"
	meson setup "$out" "$VDGPU_TOP/igt-tests" >"$VDGPU_CACHE/build/igt-setup.log" 2>&1 ||
		{ cat "$VDGPU_CACHE/build/igt-setup.log" >&2; die "meson setup failed"; }
fi
run_logged "$VDGPU_CACHE/build/igt-build.log" "building IGT tests" ninja -C "$out"
echo "$out"
