# SPDX-License-Identifier: GPL-2.0-only
# Kernel profiles (sourced). profile_setup PROFILE sets:
#   KDIR     kernel build tree for out-of-tree modules
#   KVER     kernel release
#   KIMAGE   kernel image to boot
#   KMODS    root of the kernel's installed modules (…/lib/modules/$KVER)
#   QEMU_CPU, QEMU_EXTRA, KAPPEND  profile-specific QEMU settings
#   MODULE_OPTS  vdgpu parameters beyond bind_ivshmem=1

VDGPU_PROFILES="stock debug debug-iommu"

# The guest machine: two ivshmem "GPUs" and an edu importer below one PCIe
# switch, another edu on a second root port. The VRAM sizes and the expected
# P2P routes below are what the tests check the driver against.
QEMU_GPU_VRAM_MB="256 128"

qemu_topology() {
	local i=0 size
	QEMU_TOPOLOGY=(
		-device pcie-root-port,id=rp0,chassis=1,slot=1
		-device x3130-upstream,id=up0,bus=rp0
		-device xio3130-downstream,id=dp0,bus=up0,chassis=2,slot=0
		-device xio3130-downstream,id=dp1,bus=up0,chassis=3,slot=1
		-device xio3130-downstream,id=dp2,bus=up0,chassis=4,slot=2
	)
	for size in $QEMU_GPU_VRAM_MB; do
		QEMU_TOPOLOGY+=(
			-object "memory-backend-ram,id=vram$i,size=${size}M$(qemu_prealloc_opt)"
			-device "ivshmem-plain,memdev=vram$i,bus=dp$i"
		)
		i=$((i + 1))
	done
	QEMU_TOPOLOGY+=(
		-device edu,bus=dp2,dma_mask=0xffffffffffffffff
		-device pcie-root-port,id=rp1,chassis=5,slot=2
		-device edu,bus=rp1,dma_mask=0xffffffffffffffff
	)
}

# QEMU_PREALLOC=1 (make bench): back all guest memory before the guest
# starts, so host page faults stay out of the timings. Measured on the host:
# the first touch of a page costs 2-8 us, against about 0.2 us to rewrite
# it. (The several-fold slow copies seen before were not this; they came
# from per-page copies, see vdgpu_mem_view.c.)
qemu_prealloc_opt() {
	[ "${QEMU_PREALLOC:-0}" = 1 ] && echo ",prealloc=on" || true
}

# The guest's RAM as a memory backend, so it can be preallocated too.
qemu_memory_args() {
	QEMU_MEMORY=(-m "${QEMU_MEM:-1G}")
	[ "${QEMU_PREALLOC:-0}" = 1 ] || return 0
	QEMU_MEMORY=(
		-object "memory-backend-ram,id=ram0,size=${QEMU_MEM:-1G}$(qemu_prealloc_opt)"
		-machine memory-backend=ram0 -m "${QEMU_MEM:-1G}"
	)
}

stock_kver() {
	local d
	d=$(ls -d /usr/src/linux-headers-6.12.*-amd64 2>/dev/null | sort -V | tail -n1)
	[ -n "$d" ] || die "linux-headers-6.12-amd64 is not installed"
	basename "$d" | sed 's/^linux-headers-//'
}

# boot_guest PROFILE MODE LOG IGT_DIR: build the modules and the initramfs
# for PROFILE and boot the guest once in MODE (check, demo, bench), its
# serial log written to LOG. Leaves the profile's variables set.
boot_guest() {
	local profile=$1 mode=$2 logf=$3 igt=$4 mods
	[ -x "$igt/vdgpu_basic" ] || die "no IGT tests in '$igt'"
	profile_setup "$profile"
	dry_run_stop "the $profile guest would boot"
	mods=$("$VDGPU_TOP/tools/testing/build-modules.sh" "$profile")
	"$VDGPU_TOP/tools/testing/mkinitramfs.sh" "$profile" "$mods" "$igt" "$logf.initrd"
	"$VDGPU_TOP/tools/testing/qemu.sh" "$profile" "$logf.initrd" "$mode" "$logf" \
		"${QEMU_TIMEOUT:-1200}"
	rm -f "$logf.initrd"
}

profile_setup() {
	QEMU_CPU=qemu64
	QEMU_EXTRA=()
	KAPPEND=
	MODULE_OPTS=
	# "distance mode" expected from a GPU to a peer in its switch, and to
	# a peer on the other root port.
	P2P_SAME_SWITCH="4 bus"
	P2P_OTHER_PORT="-1 system"
	case "$1" in
	stock)
		KVER=$(stock_kver)
		KDIR=/usr/src/linux-headers-$KVER
		KIMAGE=/boot/vmlinuz-$KVER
		KMODS=/lib/modules/$KVER
		[ -f "$KIMAGE" ] || die "$KIMAGE missing: install linux-image-6.12-amd64"
		P2P_SAME_SWITCH="-1 system"	# no CONFIG_PCI_P2PDMA
		;;
	debug|debug-iommu)
		KDIR=$("$VDGPU_TOP/tools/testing/build-kernel.sh")
		KVER=$(cat "$KDIR/include/config/kernel.release")
		KIMAGE=$KDIR/arch/x86/boot/bzImage
		KMODS=$KDIR/mods/lib/modules/$KVER
		# P2P through ZONE_DEVICE pages wherever the kernel has them;
		# the tests switch to the resource strategy and back.
		MODULE_OPTS="p2p_map=pages"
		if [ "$1" = debug-iommu ]; then
			QEMU_CPU=EPYC
			QEMU_EXTRA=(-device intel-iommu,intremap=on)
			KAPPEND="intel_iommu=on"
			P2P_OTHER_PORT="6 host-bridge"	# AMD Zen host bridge
		fi
		;;
	*)
		die "unknown profile '$1' (profiles: $VDGPU_PROFILES)"
		;;
	esac
	# Modules depend on the kernel build, not on the QEMU settings.
	PROFILE_BUILD=${1%-iommu}
}
