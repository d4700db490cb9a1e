# SPDX-License-Identifier: GPL-2.0-only
# Kernel profiles (sourced). profile_setup PROFILE sets:
#   KDIR     kernel build tree for out-of-tree modules
#   KVER     kernel release
#   KIMAGE   kernel image to boot
#   KMODS    root of the kernel's installed modules (…/lib/modules/$KVER)
#   QEMU_CPU, QEMU_EXTRA, KAPPEND  profile-specific QEMU settings

VDGPU_PROFILES="stock debug debug-iommu"

stock_kver() {
	local d
	d=$(ls -d /usr/src/linux-headers-6.12.*-amd64 2>/dev/null | sort -V | tail -n1)
	[ -n "$d" ] || die "linux-headers-6.12-amd64 is not installed"
	basename "$d" | sed 's/^linux-headers-//'
}

profile_setup() {
	QEMU_CPU=qemu64
	QEMU_EXTRA=()
	KAPPEND=
	case "$1" in
	stock)
		KVER=$(stock_kver)
		KDIR=/usr/src/linux-headers-$KVER
		KIMAGE=/boot/vmlinuz-$KVER
		KMODS=/lib/modules/$KVER
		[ -f "$KIMAGE" ] || die "$KIMAGE missing: install linux-image-6.12-amd64"
		;;
	debug|debug-iommu)
		KDIR=$("$VDGPU_TOP/tools/testing/build-kernel.sh")
		KVER=$(cat "$KDIR/include/config/kernel.release")
		KIMAGE=$KDIR/arch/x86/boot/bzImage
		KMODS=$KDIR/mods/lib/modules/$KVER
		if [ "$1" = debug-iommu ]; then
			QEMU_CPU=EPYC
			QEMU_EXTRA=(-device intel-iommu,intremap=on)
			KAPPEND="intel_iommu=on"
		fi
		;;
	*)
		die "unknown profile '$1' (profiles: $VDGPU_PROFILES)"
		;;
	esac
	# Modules depend on the kernel build, not on the QEMU settings.
	PROFILE_BUILD=${1%-iommu}
}
