#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# Static checks of the kernel code: checkpatch --strict (from Debian's
# linux-source) and sparse (C=2) against the stock headers. Prints
# VDGPU-RESULT lines.
set -uo pipefail
. "$(dirname "$0")/lib.sh"

result() { echo "VDGPU-RESULT: $*"; }

src=$("$VDGPU_TOP/tools/testing/kernel-source.sh")
mkdir -p "$VDGPU_CACHE/build"
files=$(cd "$VDGPU_TOP" && git ls-files 'drm/*.[ch]' 'uapi/*.h' 2>/dev/null ||
	find drm uapi -name '*.[ch]')
out=$VDGPU_CACHE/build/checkpatch.log
drm_files=$(echo "$files" | tr ' ' '\n' | grep '^drm/' | grep -v '_trace\.h$' || true)
# Tracepoint headers are TRACE_EVENT() macro calls, laid out as the kernel's
# own (include/trace/events/): checkpatch's layout checks do not fit them.
trace_files=$(echo "$files" | tr ' ' '\n' | grep '^drm/.*_trace\.h$' || true)
uapi_files=$(echo "$files" | tr ' ' '\n' | grep '^uapi/' || true)
# uAPI headers cannot use the kernel's BIT(): userspace has no such macro.
if (cd "$VDGPU_TOP" && "$src/scripts/checkpatch.pl" --strict --no-tree --terse \
	--show-types --ignore FILE_PATH_CHANGES,SPDX_LICENSE_TAG -f $drm_files &&
	"$src/scripts/checkpatch.pl" --strict --no-tree --terse --show-types \
	--ignore FILE_PATH_CHANGES,SPDX_LICENSE_TAG,BIT_MACRO -f $uapi_files &&
	{ [ -z "$trace_files" ] || "$src/scripts/checkpatch.pl" --strict --no-tree --terse \
	--show-types --ignore FILE_PATH_CHANGES,SPDX_LICENSE_TAG,OPEN_ENDED_LINE,PARENTHESIS_ALIGNMENT \
	-f $trace_files; }) >"$out" 2>&1; then
	result lint@checkpatch pass
else
	result lint@checkpatch fail
	grep -v -e '^total: 0 errors, 0 warnings, 0 checks' -e '^$' "$out" | sed 's/^/  | /'
fi

out=$VDGPU_CACHE/build/kernel-doc.log
if (cd "$VDGPU_TOP" && "$src/scripts/kernel-doc" -none -Wall $files) >"$out" 2>&1 &&
	! grep -q . "$out"; then
	result lint@kernel-doc pass
else
	result lint@kernel-doc fail
	sed 's/^/  | /' "$out"
fi

out=$VDGPU_CACHE/build/sparse
mkdir -p "$out"
rsync -a --delete "$VDGPU_TOP/Kconfig" "$VDGPU_TOP/drm" "$VDGPU_TOP/uapi" "$out/"
. "$VDGPU_TOP/tools/testing/profiles.sh"
profile_setup stock
read -r -a kopts <<<"$("$VDGPU_TOP/tools/testing/kconfig-oot.sh" "$KDIR")"
make -C "$KDIR" M="$out/drm" "${kopts[@]}" C=2 CHECK="sparse -Wno-unknown-attribute" \
	modules >"$out/sparse.log" 2>&1
if grep -E ': (warning|error):' "$out/sparse.log" >/dev/null; then
	result lint@sparse fail
	grep -E ': (warning|error):' "$out/sparse.log" | sed 's/^/  | /'
else
	result lint@sparse pass
fi
