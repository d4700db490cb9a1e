/* SPDX-License-Identifier: MIT */
/*
 * vdgpu: virtual discrete GPU - userspace interface.
 *
 * Copyright (c) 2026 The vdgpu authors
 */
#ifndef _UAPI_VDGPU_DRM_H_
#define _UAPI_VDGPU_DRM_H_

#include "drm.h"

#if defined(__cplusplus)
extern "C" {
#endif

/**
 * DOC: vdgpu uAPI conventions
 *
 * Every ioctl argument is made of fixed-size types with explicit padding.
 * Padding and reserved fields must be zero and unknown flag bits are
 * rejected with -EINVAL, so that they can be given a meaning later.
 *
 * Structures that the kernel fills in for userspace are extensible: the
 * caller states the size of its buffer, the kernel writes at most that many
 * bytes and reports how many it knows of. A size of zero asks for the size
 * only. Fields are only ever appended, so an older binary keeps working with
 * a newer kernel and the other way round.
 */

#define DRM_VDGPU_QUERY			0x00

#define DRM_IOCTL_VDGPU_QUERY \
	DRM_IOWR(DRM_COMMAND_BASE + DRM_VDGPU_QUERY, struct drm_vdgpu_query)

/**
 * enum drm_vdgpu_query_id - what &struct drm_vdgpu_query asks for
 * @DRM_VDGPU_QUERY_DEVICE: &struct drm_vdgpu_query_device
 * @DRM_VDGPU_QUERY_REGIONS: &struct drm_vdgpu_query_regions followed by
 *	&struct drm_vdgpu_memory_region entries
 */
enum drm_vdgpu_query_id {
	DRM_VDGPU_QUERY_DEVICE = 0,
	DRM_VDGPU_QUERY_REGIONS = 1,
};

/**
 * struct drm_vdgpu_query - argument of DRM_IOCTL_VDGPU_QUERY
 *
 * Copies one information block, selected by @query, to the user buffer at
 * @data.
 *
 * Errors: -EINVAL for an unknown @query, nonzero @flags or @pad, or a @size
 * smaller than the first version of the block (or, for a block that lists
 * entries, smaller than the whole list); -EFAULT when @data cannot be
 * written.
 */
struct drm_vdgpu_query {
	/** @query: one of &enum drm_vdgpu_query_id. */
	__u32 query;

	/** @flags: must be zero. */
	__u32 flags;

	/**
	 * @size: in: size in bytes of the buffer at @data, or 0 to only ask
	 * for the size; out: number of bytes the kernel knows of for this
	 * block (when the buffer was given: how many were written).
	 */
	__u32 size;

	/** @pad: must be zero. */
	__u32 pad;

	/** @data: user pointer to the buffer that receives the block. */
	__u64 data;
};

/**
 * enum drm_vdgpu_device_kind - what provides a device's VRAM
 * @DRM_VDGPU_DEVICE_PCI: BAR2 of a PCI device (QEMU ivshmem-plain)
 * @DRM_VDGPU_DEVICE_PLATFORM: a carved-out region of system memory; never
 *	reachable peer-to-peer
 */
enum drm_vdgpu_device_kind {
	DRM_VDGPU_DEVICE_PCI = 1,
	DRM_VDGPU_DEVICE_PLATFORM = 2,
};

/**
 * struct drm_vdgpu_query_device - DRM_VDGPU_QUERY_DEVICE block
 */
struct drm_vdgpu_query_device {
	/** @kind: one of &enum drm_vdgpu_device_kind. */
	__u32 kind;

	/** @num_regions: number of memory regions (see DRM_VDGPU_QUERY_REGIONS). */
	__u32 num_regions;

	/** @vram_size: VRAM size in bytes. */
	__u64 vram_size;

	/**
	 * @cpu_visible_vram_size: bytes of VRAM the CPU can reach through
	 * the BAR, from its start; smaller than @vram_size when small-BAR
	 * emulation is on.
	 */
	__u64 cpu_visible_vram_size;

	/**
	 * @vram_bus_address: PCI bus address of the VRAM BAR, as a peer
	 * device sees it; 0 for a platform device.
	 */
	__u64 vram_bus_address;

	/**
	 * @pci_domain: PCI domain of the device (PCI devices only, else 0).
	 */
	__u32 pci_domain;

	/** @pci_bus: PCI bus number (PCI devices only, else 0). */
	__u8 pci_bus;

	/** @pci_devfn: PCI device and function number (PCI devices only). */
	__u8 pci_devfn;

	/** @pad: zero. */
	__u16 pad;

	/** @p2p_capable: 1 when the kernel can do PCI peer-to-peer DMA. */
	__u32 p2p_capable;

	/**
	 * @move_notify: 1 when the kernel delivers dma-buf move_notify
	 * while mappings exist (CONFIG_DMABUF_MOVE_NOTIFY); 0 when it pins
	 * exported buffers for as long as they are mapped.
	 */
	__u32 move_notify;
};

/**
 * enum drm_vdgpu_memory_class - kind of a memory region
 * @DRM_VDGPU_MEM_SYSTEM: system memory
 * @DRM_VDGPU_MEM_VRAM: device memory
 */
enum drm_vdgpu_memory_class {
	DRM_VDGPU_MEM_SYSTEM = 0,
	DRM_VDGPU_MEM_VRAM = 1,
};

/**
 * struct drm_vdgpu_memory_region - one memory region
 */
struct drm_vdgpu_memory_region {
	/** @mem_class: one of &enum drm_vdgpu_memory_class. */
	__u16 mem_class;

	/** @instance: instance of the class, from 0. */
	__u16 instance;

	/** @pad: zero. */
	__u32 pad;

	/**
	 * @total_size: bytes in the region; for system memory the amount
	 * the driver may use.
	 */
	__u64 total_size;

	/** @cpu_visible_size: bytes of the region the CPU can map. */
	__u64 cpu_visible_size;

	/** @reserved: zero; for later use. */
	__u64 reserved[5];
};

/**
 * struct drm_vdgpu_query_regions - DRM_VDGPU_QUERY_REGIONS block
 *
 * The @size of the query must cover the whole list.
 */
struct drm_vdgpu_query_regions {
	/** @num_regions: number of entries in @regions. */
	__u32 num_regions;

	/** @pad: zero. */
	__u32 pad;

	/** @regions: the regions, system memory first. */
	struct drm_vdgpu_memory_region regions[];
};

#if defined(__cplusplus)
}
#endif

#endif /* _UAPI_VDGPU_DRM_H_ */
