#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# Guest side of `make check`: loads vdgpu, runs every IGT subtest in its own
# process and the KUnit suites, and prints one line per result:
#   VDGPU-RESULT: <test> pass|fail|skip [reason]
. /etc/vdgpu/guest.env

result() { echo "VDGPU-RESULT: $*"; }

[ -w /sys/kernel/debug/kmemleak ] && echo clear >/sys/kernel/debug/kmemleak

if modprobe vdgpu $VDGPU_MODULE_OPTS; then
	result modprobe-vdgpu pass
else
	result modprobe-vdgpu fail
fi

# settle: wait (as udevadm settle would) until guest/devperm has given
# every DRM node its mode; a test that drops root opens them at once.
settle() {
	tries=0
	while [ $tries -lt 100 ]; do
		unset pending
		for n in /dev/dri/renderD* /dev/dri/card*; do
			[ -e "$n" ] || continue
			case $n:$(stat -c %a:%G "$n") in
			*renderD*:666:render|*card*:660:video) ;;
			*) pending=$n ;;
			esac
		done
		[ -z "$pending" ] && return 0
		sleep 0.05
		tries=$((tries + 1))
	done
	echo "device node $pending: $(stat -c %a:%U:%G "$pending")"
	return 1
}

# selected TEST@SUBTEST: all, or those matching a pattern of VDGPU_TESTS
# (make check TESTS="vdgpu_swap@* kunit", for development runs)
selected() {
	[ -z "$VDGPU_TESTS" ] && return 0
	set -f	# the patterns are for case, not for the shell's globbing
	for pattern in $VDGPU_TESTS; do
		# shellcheck disable=SC2254
		case $1 in $pattern) set +f; return 0 ;; esac
	done
	set +f
	return 1
}

# The guest is a small distribution: an unprivileged user reaches the
# render nodes and nothing else of vdgpu (no primary node, no debugfs).
as_user() { su -s /bin/sh vdgpu -c "$1" >/dev/null 2>&1; }
if selected guest@unprivileged-user; then
	why=
	settle || why="device nodes not settled"
	as_user 'cd / && ls /dev /sys/class/drm' || why="$why; / or /dev not reachable"
	as_user 'for n in /dev/dri/renderD*; do (exec 3<>"$n") || exit 1; done' ||
		why="$why; a render node refused the user"
	as_user 'for n in /dev/dri/card*; do (exec 3<>"$n") && exit 1; done; exit 0' ||
		why="$why; a primary node opened for the user"
	as_user 'ls /sys/kernel/debug/dri' && why="$why; debugfs readable by the user"
	as_user 'id -u | grep -qx 1000' || why="$why; the user is not uid 1000"
	if [ -z "$why" ]; then
		result guest@unprivileged-user pass
	else
		result guest@unprivileged-user fail "(${why#; })"
	fi
fi

for t in /usr/libexec/vdgpu/igt/*; do
	name=${t##*/}
	for st in $("$t" --list-subtests); do
		selected "$name@$st" || continue
		settle >/dev/null
		"$t" --run-subtest "$st" >/tmp/igt.log 2>&1
		rc=$?
		case $rc in
		0) result "$name@$st" pass ;;
		77)	# the reason is the line after "Test requirement: ..."
			result "$name@$st" skip "$(sed -n '/^Test requirement: /{n;p;q}' \
				/tmp/igt.log | cut -c1-120)" ;;
		*)
			result "$name@$st" fail "(exit $rc)"
			sed "s/^/  | /" /tmp/igt.log
			;;
		esac
	done
done

# The fuzzer, with the reference importer and vgem loaded so that it
# reaches their ioctls too; half its workers are an unprivileged user.
if selected fuzz@vdgpu; then
	modprobe vgem; modprobe vdgpu_importer
	settle >/dev/null
	/usr/libexec/vdgpu/fuzz_vdgpu -s "$VDGPU_FUZZ_SECONDS" \
		${VDGPU_FUZZ_SEED:+-S "$VDGPU_FUZZ_SEED"} >/tmp/fuzz.log 2>&1
	rc=$?
	grep '^FUZZ' /tmp/fuzz.log
	if [ $rc -eq 0 ]; then
		result fuzz@vdgpu pass
	else
		result fuzz@vdgpu fail "($(grep '^FUZZ-RESULT' /tmp/fuzz.log | cut -c18-200))"
		grep -v '^FUZZ' /tmp/fuzz.log | sed "s/^/  | /"
	fi
	rmmod vdgpu_importer 2>/dev/null
fi

# run_kunit SUFFIX SUITES: load the KUnit module (its suites run at load)
# and print the results of the suites matching SUITES, named with SUFFIX.
run_kunit() {
	if ! modprobe vdgpu_test; then
		result "kunit-load$1" fail
		return
	fi
	for suite in /sys/kernel/debug/kunit/$2; do
		echo "VDGPU-KTAP-BEGIN ${suite##*/}$1"
		cat "$suite/results"
		echo "VDGPU-KTAP-END"
	done
	rmmod vdgpu_test
}

if ! selected kunit; then
	:
elif [ ! -d /sys/kernel/debug/kunit ]; then
	result kunit skip "kernel without CONFIG_KUNIT"
else
	run_kunit "" "vdgpu_*"
	# The dma-buf suite once more on a small BAR (64 MiB visible).
	if rmmod vdgpu && modprobe vdgpu $VDGPU_MODULE_OPTS visible_vram_mb=64; then
		run_kunit "-small-bar" "vdgpu_dma_buf"
		rmmod vdgpu && modprobe vdgpu $VDGPU_MODULE_OPTS
	else
		result kunit-small-bar-reload fail
	fi
fi
rmmod vdgpu && result rmmod-vdgpu pass || result rmmod-vdgpu fail
