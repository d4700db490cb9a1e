#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Build the "debug" kernel from Debian's linux-source-6.12 with the fixes
# of tools/testing/kernel-patches/ applied, tools/testing/debug.config
# merged onto allnoconfig and vdgpu's Kconfig inserted into the tree. The build is cached outside the work tree, keyed by
# the source package version and the resulting .config, so edits that do not
# change the configuration (help texts, comments) reuse it.
# Prints the build directory (usable as KDIR for out-of-tree modules).
set -euo pipefail
. "$(dirname "$0")/lib.sh"

srcver=$(dpkg-query -W -f='${Version}' linux-source-6.12 2>/dev/null) ||
	die "linux-source-6.12 is not installed (run tools/testing/install-deps.sh)"
frag=$VDGPU_TOP/tools/testing/debug.config

# Fast path: these exact inputs were resolved to a finished build before.
patches=$(cat "$VDGPU_TOP"/tools/testing/kernel-patches/*.patch 2>/dev/null | sha256sum | cut -c1-16)
inputs=$( { echo "$srcver $patches"; cat "$frag" "$VDGPU_TOP/Kconfig"; } | sha256sum | cut -c1-16)
resolved=$VDGPU_CACHE/kernel/resolved-$inputs
if [ -f "$resolved" ] && [ -f "$(cat "$resolved")/.vdgpu-done" ]; then
	cat "$resolved"
	exit 0
fi

dry_run_stop "the debug kernel build would start"
src=$("$VDGPU_TOP/tools/testing/kernel-source.sh")

# vdgpu's Kconfig goes into the tree so its selects resolve for real.
mkdir -p "$src/drivers/gpu/drm/vdgpu"
cp "$VDGPU_TOP/Kconfig" "$src/drivers/gpu/drm/vdgpu/Kconfig"
grep -q 'drm/vdgpu/Kconfig' "$src/drivers/gpu/drm/Kconfig" ||
	echo 'source "drivers/gpu/drm/vdgpu/Kconfig"' >>"$src/drivers/gpu/drm/Kconfig"

# Work out the configuration first; it is the cache key.
cfg=$VDGPU_CACHE/kernel/config-tmp
rm -rf "$cfg"
mkdir -p "$cfg"
make -s -C "$src" O="$cfg" allnoconfig >/dev/null
"$src/scripts/kconfig/merge_config.sh" -m -O "$cfg" "$cfg/.config" "$frag" >"$cfg/merge.log" 2>&1
make -s -C "$src" O="$cfg" olddefconfig >/dev/null

# Every option of the fragment must have taken effect.
missing=0
while IFS= read -r line; do
	case "$line" in
	CONFIG_*=n) opt=${line%=n}
		! grep -q "^$opt=" "$cfg/.config" || { log "fragment: $opt still set"; missing=1; } ;;
	CONFIG_*) grep -qx "$line" "$cfg/.config" || { log "fragment: $line not in .config"; missing=1; } ;;
	esac
done <"$frag"
[ $missing -eq 0 ] || die "kernel config fragment did not apply"

key=$( { echo "$srcver $patches"; grep '^CONFIG_' "$cfg/.config"; } | sha256sum | cut -c1-16)
out=$VDGPU_CACHE/kernel/debug-$key
if [ -f "$out/.vdgpu-done" ]; then
	echo "$out" | tee "$resolved"
	exit 0
fi

rm -rf "$out"
mkdir -p "$out"
cp "$cfg/.config" "$out/.config"
run_logged "$out/build.log" "building debug kernel (about 15 min on 2 cores, once)" \
	make -C "$src" O="$out" -j"$(nproc)" bzImage modules
run_logged "$out/install.log" "installing debug kernel modules" \
	make -C "$src" O="$out" INSTALL_MOD_PATH="$out/mods" INSTALL_MOD_STRIP=1 modules_install
touch "$out/.vdgpu-done"
echo "$out" | tee "$resolved"
