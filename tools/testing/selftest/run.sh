#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# Self-test of the kernel-log scanner: the clean log must pass, every bad-*
# log must be rejected. Prints VDGPU-RESULT lines like the guest does.
cd "$(dirname "$0")" || exit 1
scan=../logscan.py
if python3 "$scan" clean.log >/dev/null; then
	echo "VDGPU-RESULT: logscan@clean-log-accepted pass"
else
	echo "VDGPU-RESULT: logscan@clean-log-accepted fail"
fi
for f in bad-*.log; do
	name=${f%.log}
	if python3 "$scan" "$f" >/dev/null; then
		echo "VDGPU-RESULT: logscan@$name-rejected fail"
	else
		echo "VDGPU-RESULT: logscan@$name-rejected pass"
	fi
done
