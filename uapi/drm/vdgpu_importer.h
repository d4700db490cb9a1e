/* SPDX-License-Identifier: MIT */
/*
 * vdgpu_importer: reference dynamic dma-buf importer - userspace interface.
 *
 * Copyright (c) 2026 The vdgpu authors
 */
#ifndef _UAPI_VDGPU_IMPORTER_H_
#define _UAPI_VDGPU_IMPORTER_H_

#include <linux/ioctl.h>
#include <linux/types.h>

#if defined(__cplusplus)
extern "C" {
#endif

/**
 * DOC: vdgpu_importer uAPI
 *
 * Each importer device is a character device /dev/vdgpu_importer<N>: one
 * per bound QEMU edu device, and /dev/vdgpu_importer_platform, which is not
 * a PCI device and so never reaches VRAM. A file holds attachments, named
 * by handles. Every ioctl rejects nonzero padding and unknown flags with
 * -EINVAL, an unknown handle with -ENOENT.
 */

/**
 * enum vdgpu_importer_kind - what an importer device is
 * @VDGPU_IMPORTER_EDU: a QEMU edu PCI device; reads are its DMA
 * @VDGPU_IMPORTER_PLATFORM: a platform device without an IOMMU; reads
 *	are CPU copies from the system memory its DMA addresses name
 */
enum vdgpu_importer_kind {
	VDGPU_IMPORTER_EDU = 1,
	VDGPU_IMPORTER_PLATFORM = 2,
};

/**
 * struct vdgpu_importer_device - argument of VDGPU_IMPORTER_IOCTL_DEVICE
 */
struct vdgpu_importer_device {
	/** @kind: out: one of &enum vdgpu_importer_kind. */
	__u32 kind;
	/** @pci_domain: out: PCI domain (edu only). */
	__u32 pci_domain;
	/** @pci_bus: out: PCI bus number (edu only). */
	__u8 pci_bus;
	/** @pci_devfn: out: PCI device and function (edu only). */
	__u8 pci_devfn;
	/** @pad: zero. */
	__u16 pad;
	/**
	 * @move_notify: out: 1 when the kernel lets mappings live across
	 * calls (CONFIG_DMABUF_MOVE_NOTIFY); 0 when the importer maps for
	 * each call only, since a mapping pins the buffer there.
	 */
	__u32 move_notify;
	/**
	 * @iommu: out: 1 when an IOMMU translates the device's DMA. (Under
	 * QEMU it then translates peer-to-peer traffic inside a switch too,
	 * which real switches without ACS redirection route directly.)
	 */
	__u32 iommu;
	/** @pad2: zero. */
	__u32 pad2;
};

/** VDGPU_IMPORTER_ATTACH_P2P - accept peer-to-peer addresses (VRAM) */
#define VDGPU_IMPORTER_ATTACH_P2P	(1u << 0)

/**
 * struct vdgpu_importer_attach - argument of VDGPU_IMPORTER_IOCTL_ATTACH
 *
 * Attaches a dma-buf dynamically (with move_notify). Nothing is mapped
 * until the buffer is used.
 *
 * Errors: -EINVAL for unknown @flags; -EBADF when @fd is not a dma-buf;
 * the exporter's attach error otherwise (-EOPNOTSUPP from vdgpu for a
 * VRAM-only buffer this device cannot reach, -ENODEV for a gone device).
 */
struct vdgpu_importer_attach {
	/** @fd: the dma-buf file descriptor. */
	__s32 fd;
	/** @flags: VDGPU_IMPORTER_ATTACH_* bits. */
	__u32 flags;
	/** @handle: out: the attachment. */
	__u32 handle;
	/** @pad: zero. */
	__u32 pad;
	/** @size: out: size of the dma-buf in bytes. */
	__u64 size;
};

/**
 * struct vdgpu_importer_handle - argument of VDGPU_IMPORTER_IOCTL_DETACH
 */
struct vdgpu_importer_handle {
	/** @handle: the attachment. */
	__u32 handle;
	/** @pad: zero. */
	__u32 pad;
};

/**
 * struct vdgpu_importer_read - argument of VDGPU_IMPORTER_IOCTL_READ
 *
 * Reads [@offset, @offset + @size) of the buffer with the device's DMA
 * engine, through the DMA addresses of the current mapping (mapped again
 * first, after waiting for the exporter's move fence, when a move_notify
 * invalidated it), and returns their checksum: over the little-endian
 * 32-bit words w, h = (h ^ w) * 0x100000001b3 from h = 0, as vdgpu's
 * DRM_VDGPU_OP_CHECKSUM. An edu device reads 2 KiB per round of two DMA
 * transfers of 100 ms each; read samples, not whole buffers.
 *
 * Errors: -EINVAL for nonzero @pad, an unaligned (4 bytes) or out of range
 * @offset or @size, or a @size above 1 MiB; -ENOENT; -ENODEV when the
 * exporter is gone; -EIO or -ETIMEDOUT when the DMA fails.
 */
struct vdgpu_importer_read {
	/** @handle: the attachment. */
	__u32 handle;
	/** @pad: zero. */
	__u32 pad;
	/** @offset: byte offset into the buffer. */
	__u64 offset;
	/** @size: bytes to read. */
	__u64 size;
	/** @checksum: out: checksum of the bytes read. */
	__u64 checksum;
};

/**
 * enum vdgpu_importer_addr_kind - what a DMA address of a mapping names
 * @VDGPU_IMPORTER_ADDR_BUS: a PCI bus address of a device's BAR (peer to
 *	peer through a switch)
 * @VDGPU_IMPORTER_ADDR_IOMMU: an IOMMU address that translates to a PCI
 *	BAR (peer to peer through the host bridge)
 * @VDGPU_IMPORTER_ADDR_SYSTEM: system memory, directly or through the IOMMU
 */
enum vdgpu_importer_addr_kind {
	VDGPU_IMPORTER_ADDR_BUS = 1,
	VDGPU_IMPORTER_ADDR_IOMMU = 2,
	VDGPU_IMPORTER_ADDR_SYSTEM = 3,
};

/**
 * struct vdgpu_importer_segment - one entry of a mapping
 */
struct vdgpu_importer_segment {
	/** @addr: the DMA address. */
	__u64 addr;
	/** @len: bytes. */
	__u32 len;
	/** @kind: one of &enum vdgpu_importer_addr_kind. */
	__u32 kind;
};

/**
 * struct vdgpu_importer_map - argument of VDGPU_IMPORTER_IOCTL_MAP
 *
 * Makes sure the attachment is mapped (as READ does) and copies out its
 * address list, one &struct vdgpu_importer_segment per entry.
 *
 * Errors: -ENOENT for an unknown handle; -ENODEV when the exporter is
 * gone; -EFAULT for a bad @segments pointer.
 */
struct vdgpu_importer_map {
	/** @handle: the attachment. */
	__u32 handle;
	/**
	 * @count: in: room at @segments; out: entries of the mapping (all
	 * of them, even when more than were copied).
	 */
	__u32 count;
	/** @segments: user pointer to the array, or 0. */
	__u64 segments;
};

/**
 * struct vdgpu_importer_info - argument of VDGPU_IMPORTER_IOCTL_INFO
 */
struct vdgpu_importer_info {
	/** @handle: the attachment. */
	__u32 handle;
	/** @p2p: out: 1 when the exporter accepted peer-to-peer for it. */
	__u32 p2p;
	/** @notifies: out: move notifications received. */
	__u64 notifies;
	/** @maps: out: mappings made (the first and every re-map). */
	__u64 maps;
	/**
	 * @generation: out: bumped by every notification; a mapping made at
	 * an older generation is never used.
	 */
	__u64 generation;
	/** @mapped: out: 1 while a mapping is held. */
	__u32 mapped;
	/** @pad: zero. */
	__u32 pad;
};

#define VDGPU_IMPORTER_IOCTL_BASE	'V'
#define VDGPU_IMPORTER_IOCTL_DEVICE \
	_IOR(VDGPU_IMPORTER_IOCTL_BASE, 0x00, struct vdgpu_importer_device)
#define VDGPU_IMPORTER_IOCTL_ATTACH \
	_IOWR(VDGPU_IMPORTER_IOCTL_BASE, 0x01, struct vdgpu_importer_attach)
#define VDGPU_IMPORTER_IOCTL_DETACH \
	_IOW(VDGPU_IMPORTER_IOCTL_BASE, 0x02, struct vdgpu_importer_handle)
#define VDGPU_IMPORTER_IOCTL_READ \
	_IOWR(VDGPU_IMPORTER_IOCTL_BASE, 0x03, struct vdgpu_importer_read)
#define VDGPU_IMPORTER_IOCTL_MAP \
	_IOWR(VDGPU_IMPORTER_IOCTL_BASE, 0x04, struct vdgpu_importer_map)
#define VDGPU_IMPORTER_IOCTL_INFO \
	_IOWR(VDGPU_IMPORTER_IOCTL_BASE, 0x05, struct vdgpu_importer_info)

#if defined(__cplusplus)
}
#endif

#endif /* _UAPI_VDGPU_IMPORTER_H_ */
