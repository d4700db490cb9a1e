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

# Library tests that need no device (meson test suite), under valgrind.
if [ -x "$out/vdgpu-enumerate-test" ] &&
	valgrind -q --error-exitcode=99 "$out/vdgpu-enumerate-test" >>"$log" 2>&1; then
	echo "VDGPU-RESULT: userspace@enumerate pass"
else
	echo "VDGPU-RESULT: userspace@enumerate fail"
	tail -n 10 "$log" | sed 's/^/  | /'
fi

# The tool's paths that need no device, under valgrind: no leak, no bad
# access on the way out of an error (exit 99 is valgrind's).
vg_log=$VDGPU_CACHE/build/userspace-valgrind.log
: >"$vg_log"
vg_fail=0
if [ -x "$out/vdgpu" ] && command -v valgrind >/dev/null; then
	for args in "--help" "list" "--json list" "info 0" "bufs 7" "frobnicate" \
		"trace --from /nonexistent" \
		"trace --from $VDGPU_TOP/userspace/tools/testdata/sample-trace.txt -o $out/sample.png"; do
		rc=0
		# shellcheck disable=SC2086
		valgrind -q --leak-check=full --errors-for-leak-kinds=definite,indirect \
			--error-exitcode=99 "$out/vdgpu" $args >>"$vg_log" 2>&1 </dev/null || rc=$?
		echo "vdgpu $args: exit $rc" >>"$vg_log"
		[ "$rc" -ne 99 ] || vg_fail=1
	done
	rc=0
	valgrind -q --leak-check=full --error-exitcode=99 "$out/vdgpu-share-example" \
		>>"$vg_log" 2>&1 </dev/null || rc=$?
	echo "vdgpu-share-example: exit $rc" >>"$vg_log"
	[ "$rc" -ne 99 ] || vg_fail=1
	# The sample trace (11 events, 3 buffers) was drawn.
	grep -q "3 buffers, 11 events" "$vg_log" && [ "$(head -c 4 "$out/sample.png" | tail -c 3)" = PNG ] ||
		vg_fail=1
	if [ $vg_fail = 0 ]; then
		echo "VDGPU-RESULT: userspace@valgrind pass"
	else
		echo "VDGPU-RESULT: userspace@valgrind fail"
		sed 's/^/  | /' "$vg_log"
	fi
else
	echo "VDGPU-RESULT: userspace@valgrind skip valgrind or the tool is missing"
fi
