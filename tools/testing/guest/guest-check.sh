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

for t in /usr/libexec/vdgpu/igt/*; do
	name=${t##*/}
	for st in $("$t" --list-subtests); do
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

if [ ! -d /sys/kernel/debug/kunit ]; then
	result kunit skip "kernel without CONFIG_KUNIT"
elif ! modprobe vdgpu_test; then
	result kunit-load fail
else
	for suite in /sys/kernel/debug/kunit/vdgpu_*; do
		echo "VDGPU-KTAP-BEGIN ${suite##*/}"
		cat "$suite/results"
		echo "VDGPU-KTAP-END"
	done
	rmmod vdgpu_test
fi
rmmod vdgpu && result rmmod-vdgpu pass || result rmmod-vdgpu fail
