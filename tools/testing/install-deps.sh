#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# Install the Debian packages the build and the tests need, when missing.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

packages=(
	# kernels: Debian's stock 6.12, its headers, and the source of the debug kernel
	linux-image-6.12-amd64 linux-headers-6.12-amd64 linux-source-6.12
	# kernel build dependencies
	build-essential bc bison flex libelf-dev libssl-dev xz-utils kmod cpio rsync patch
	# guest and tests
	qemu-system-x86 busybox-static intel-gpu-tools libdrm-dev libcairo2-dev
	meson ninja-build pkg-config python3
	# static checks
	sparse
)

missing=()
for p in "${packages[@]}"; do
	case $p in \#*) continue ;; esac
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' ||
		missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

[ "$(id -u)" -eq 0 ] || die "missing packages (${missing[*]}); run as root or install them"
log "installing ${#missing[@]} Debian packages: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
run_logged "$VDGPU_CACHE/apt.log" "apt-get update" apt-get update
run_logged "$VDGPU_CACHE/apt.log" "apt-get install" \
	apt-get install -y --no-install-recommends "${missing[@]}"
