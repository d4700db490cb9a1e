#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# Each top-level make target, run as the first command on a machine (an
# empty VDGPU_CACHE), gets as far as the debug kernel build or the guest
# boot (VDGPU_DRY_RUN=1 stops it there with exit status 3) and has built
# what comes before: the IGT tests for demo, bench and igt. Prints
# VDGPU-RESULT lines like the guest does.
top=$(cd "$(dirname "$0")/../../.." && pwd)
result() { echo "VDGPU-RESULT: fresh-cache@$*"; }

# TARGET ENDING NEEDS_IGT: ENDING is "ok" (exit status 0) or "stop" (the
# dry-run stop; make reports the recipe's failure with its own status 2)
for spec in "demo stop igt" "bench stop igt" "fuzz stop igt" "igt ok igt" "check stop -" \
	"modules ok -"; do
	set -- $spec
	cache=$(mktemp -d /tmp/vdgpu-fresh-cache.XXXXXX)
	out=$cache.out
	env -u PROFILES -u TESTS -u DEMO_PROFILE -u BENCH_PROFILE \
		VDGPU_CACHE="$cache" VDGPU_DRY_RUN=1 make -s -C "$top" "$1" >"$out" 2>&1
	rc=$?
	why=
	if [ "$2" = ok ]; then
		[ "$rc" -eq 0 ] || why="exit status $rc"
	elif ! grep -q '^VDGPU-DRY-RUN: ' "$out"; then
		why="exit status $rc before the dry-run stop"
	fi
	if [ "$3" = igt ] && ! ls "$cache"/build/igt-*/vdgpu_basic >/dev/null 2>&1; then
		why="${why:+$why; }no IGT tests built"
	fi
	if [ -z "$why" ]; then
		result "$1" pass
	else
		result "$1" fail "($why)"
		tail -n 20 "$out" | sed 's/^/  | /'
	fi
	rm -rf "$cache" "$out"
done
