#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Build the guest initramfs for a profile: busybox, the kernel modules vdgpu
# needs (with depmod data), vdgpu's modules, the IGT tests with their
# shared-library closure, the topology description and the guest scripts.
# Usage: mkinitramfs.sh PROFILE MODULE_DIR IGT_DIR OUTPUT
set -euo pipefail
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/profiles.sh"

profile=$1 moddir=$2 igtdir=$3 output=$4
profile_setup "$profile"

root=$(mktemp -d "$VDGPU_CACHE/initramfs.XXXXXX")
trap 'rm -rf "$root"' EXIT
# A small distribution's root: world-readable (mktemp made it 0700, and a
# process that drops root then gets EACCES on /dev and /sys).
chmod 0755 "$root"
mkdir -p "$root"/{bin,sbin,etc/vdgpu,proc,sys,dev,tmp,usr/libexec/vdgpu/igt} \
	"$root/lib/modules/$KVER/extra"

cp /bin/busybox "$root/bin/busybox"
install -m 0755 "$VDGPU_TOP/tools/testing/guest/init" "$root/init"
install -m 0755 "$VDGPU_TOP"/tools/testing/guest/guest-*.sh "$root/usr/libexec/vdgpu/"
install -m 0755 "$VDGPU_TOP/tools/testing/guest/devperm" "$root/sbin/devperm"
# Debian's system groups for device nodes, and the unprivileged users the
# tests run clients as: "vdgpu" (a desktop user) and "bin" (uid 2, what
# IGT's igt_drop_root() becomes).
cat >"$root/etc/passwd" <<'PASSWD'
root:x:0:0:root:/root:/bin/sh
daemon:x:1:1:daemon:/usr/sbin:/bin/false
bin:x:2:2:bin:/bin:/bin/false
nobody:x:65534:65534:nobody:/nonexistent:/bin/false
vdgpu:x:1000:1000:vdgpu test user:/tmp:/bin/sh
PASSWD
cat >"$root/etc/group" <<'GROUP'
root:x:0:
daemon:x:1:
bin:x:2:
video:x:44:
kvm:x:104:
render:x:105:
nogroup:x:65534:
vdgpu:x:1000:
GROUP
chmod 0644 "$root/etc/passwd" "$root/etc/group"

# --- kernel modules: ours, then the closure of what they depend on
find "$moddir" -name '*.ko' -exec cp {} "$root/lib/modules/$KVER/extra/" \;
cp "$KMODS"/modules.builtin* "$KMODS"/modules.order "$root/lib/modules/$KVER/" 2>/dev/null || true

copy_kmod() {	# copy_kmod NAME: NAME and its dependencies, decompressed
	local name=$1 file dep
	[ -e "$root/.kmod-$name" ] && return 0
	touch "$root/.kmod-$name"
	file=$(modinfo -b "${KMODS%/lib/modules/*}" -k "$KVER" -F filename "$name" 2>/dev/null) || return 0
	case $file in (builtin*|"") return 0 ;; esac
	local rel=${file#"$KMODS"/}
	mkdir -p "$root/lib/modules/$KVER/$(dirname "$rel")"
	case $file in
	*.xz) xz -dc "$file" >"$root/lib/modules/$KVER/${rel%.xz}" ;;
	*.zst) zstd -qdc "$file" >"$root/lib/modules/$KVER/${rel%.zst}" ;;
	*) cp "$file" "$root/lib/modules/$KVER/$rel" ;;
	esac
	for dep in $(modinfo -F depends "$file" | tr ',' ' '); do
		copy_kmod "$dep"
	done
}
for ko in "$root/lib/modules/$KVER/extra/"*.ko; do
	for dep in $(modinfo -F depends "$ko" | tr ',' ' '); do
		copy_kmod "$dep"
	done
done
copy_kmod vgem
rm -f "$root"/.kmod-*
depmod -b "$root" "$KVER"

# --- test programs and their shared libraries
find "$igtdir" -maxdepth 1 -type f -name 'vdgpu_*' -exec cp {} "$root/usr/libexec/vdgpu/igt/" \;
mkdir -p "$root/usr/libexec/vdgpu/bench"
find "$igtdir" -maxdepth 1 -type f -name 'bench_*' -exec cp {} "$root/usr/libexec/vdgpu/bench/" \;
# cairo's fontconfig wants a configuration; with no fonts it draws its own.
mkdir -p "$root/etc/fonts"
echo '<?xml version="1.0"?><fontconfig><cachedir>/tmp/fontconfig</cachedir></fontconfig>' >"$root/etc/fonts/fonts.conf"
# The vdgpu tool and libvdgpu's example programs, which tests run.
find "$igtdir" -maxdepth 1 -type f \( -name 'vdgpu-*-example' -o -name vdgpu -o -name fuzz_vdgpu \) \
	-exec cp {} "$root/usr/libexec/vdgpu/" \;
find "$root/usr/libexec/vdgpu" -type f -perm -u+x ! -name '*.sh' |
while read -r bin; do
	ldd "$bin" | awk '/=> \//{print $3} /^\t\/lib/{print $1}'
done | sort -u | while read -r lib; do
	mkdir -p "$root$(dirname "$lib")"
	cp -L "$lib" "$root$lib"
done
# dlopen()ed, so ldd does not list it: glibc loads it to unwind a thread
# that exits, as an IGT assertion failing inside a thread does.
mkdir -p "$root/lib/x86_64-linux-gnu"
cp -L /lib/x86_64-linux-gnu/libgcc_s.so.1 "$root/lib/x86_64-linux-gnu/"
mkdir -p "$root/lib64"
cp -L /lib64/ld-linux-x86-64.so.2 "$root/lib64/"

# --- what the tests are told about the machine
kcfg=$KDIR/.config
has() { grep -q "^$1=y" "$kcfg" && echo 1 || echo 0; }
{
	echo "# written by tools/testing/mkinitramfs.sh for profile $profile"
	for size in $QEMU_GPU_VRAM_MB; do echo "gpu_vram $((size << 20))"; done
	echo "p2pdma $(has CONFIG_PCI_P2PDMA)"
	echo "move_notify $(has CONFIG_DMABUF_MOVE_NOTIFY)"
	echo "same_switch $P2P_SAME_SWITCH"
	echo "other_port $P2P_OTHER_PORT"
	# the debug kernel carries kernel-patches/0002 (syncobj arrays of any
	# count from userspace fail with ENOMEM, no WARN); stock does not
	echo "syncobj_nowarn $([ "$PROFILE_BUILD" = debug ] && echo 1 || echo 0)"
} >"$root/etc/vdgpu/topology"
cat >"$root/etc/vdgpu/guest.env" <<ENV
export VDGPU_MODULE_OPTS="bind_ivshmem=1${MODULE_OPTS:+ $MODULE_OPTS}"
export IGT_FORCE_DRIVER=vdgpu
export IGT_PLAIN_OUTPUT=1
export VDGPU_TESTS="${TESTS:-}"
export VDGPU_BENCHES="${BENCHES:-}"
export VDGPU_PROFILE="$profile"
export VDGPU_FUZZ_SECONDS="${FUZZ_SECONDS:-60}"
export VDGPU_FUZZ_SEED="${SEED:-}"
ENV

(cd "$root" && find . | cpio -o -H newc --quiet | gzip -1) >"$output"
