#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Build vdgpu's kernel modules out of tree for a profile. Sources are copied
# to the cache so no build product lands in the work tree. Prints the
# directory holding the .ko files.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/profiles.sh"

profile=${1:?usage: build-modules.sh PROFILE}
profile_setup "$profile"

# Per kernel tree and per checkout, so that two checkouts never build in
# each other's copy of the sources.
out=$VDGPU_CACHE/build/modules-$PROFILE_BUILD-$(echo "$KDIR $VDGPU_TOP" | sha256sum | cut -c1-8)
mkdir -p "$out/src"
rsync -a --delete "$VDGPU_TOP/Kconfig" "$VDGPU_TOP/drm" "$VDGPU_TOP/uapi" "$out/src/"

read -r -a kopts <<<"$("$VDGPU_TOP/tools/testing/kconfig-oot.sh" "$KDIR")"
run_logged "$out/build.log" "building vdgpu modules for $PROFILE_BUILD ($KVER)" \
	make -C "$KDIR" M="$out/src/drm" "${kopts[@]}" W=1 modules
if grep -E 'warning:|error:' "$out/build.log" >&2; then
	die "module build for $PROFILE_BUILD has warnings"
fi
echo "$out/src/drm"
