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

for t in /usr/libexec/vdgpu/igt/*; do
	name=${t##*/}
	for st in $("$t" --list-subtests); do
		selected "$name@$st" || continue
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
