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
#define DRM_VDGPU_GEM_CREATE		0x01
#define DRM_VDGPU_GEM_MMAP_OFFSET	0x02
#define DRM_VDGPU_GEM_MIGRATE		0x03
#define DRM_VDGPU_GEM_WAIT		0x04
#define DRM_VDGPU_GEM_INFO		0x05
#define DRM_VDGPU_EXEC			0x06

#define DRM_IOCTL_VDGPU_QUERY \
	DRM_IOWR(DRM_COMMAND_BASE + DRM_VDGPU_QUERY, struct drm_vdgpu_query)
#define DRM_IOCTL_VDGPU_GEM_CREATE \
	DRM_IOWR(DRM_COMMAND_BASE + DRM_VDGPU_GEM_CREATE, struct drm_vdgpu_gem_create)
#define DRM_IOCTL_VDGPU_GEM_MMAP_OFFSET \
	DRM_IOWR(DRM_COMMAND_BASE + DRM_VDGPU_GEM_MMAP_OFFSET, struct drm_vdgpu_gem_mmap_offset)
#define DRM_IOCTL_VDGPU_GEM_MIGRATE \
	DRM_IOWR(DRM_COMMAND_BASE + DRM_VDGPU_GEM_MIGRATE, struct drm_vdgpu_gem_migrate)
#define DRM_IOCTL_VDGPU_GEM_WAIT \
	DRM_IOWR(DRM_COMMAND_BASE + DRM_VDGPU_GEM_WAIT, struct drm_vdgpu_gem_wait)
#define DRM_IOCTL_VDGPU_GEM_INFO \
	DRM_IOWR(DRM_COMMAND_BASE + DRM_VDGPU_GEM_INFO, struct drm_vdgpu_gem_info)
#define DRM_IOCTL_VDGPU_EXEC \
	DRM_IOWR(DRM_COMMAND_BASE + DRM_VDGPU_EXEC, struct drm_vdgpu_exec)

/**
 * enum drm_vdgpu_query_id - what &struct drm_vdgpu_query asks for
 * @DRM_VDGPU_QUERY_DEVICE: &struct drm_vdgpu_query_device
 * @DRM_VDGPU_QUERY_REGIONS: &struct drm_vdgpu_query_regions followed by
 *	&struct drm_vdgpu_memory_region entries
 * @DRM_VDGPU_QUERY_STATS: &struct drm_vdgpu_query_stats
 */
enum drm_vdgpu_query_id {
	DRM_VDGPU_QUERY_DEVICE = 0,
	DRM_VDGPU_QUERY_REGIONS = 1,
	DRM_VDGPU_QUERY_STATS = 2,
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

	/** @used_size: bytes of the region in use by buffers now. */
	__u64 used_size;

	/**
	 * @free_size: bytes of the region no buffer holds now: what new
	 * buffers can get without evicting others (VRAM) or before the
	 * driver's limit (system memory). Buffers being freed count as used
	 * until they are gone.
	 */
	__u64 free_size;

	/** @cpu_visible_free_size: bytes of @free_size the CPU can map. */
	__u64 cpu_visible_free_size;

	/** @reserved: zero; for later use. */
	__u64 reserved[2];
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

/**
 * struct drm_vdgpu_query_stats - DRM_VDGPU_QUERY_STATS block
 *
 * Counters of the device since it was bound.
 */
struct drm_vdgpu_query_stats {
	/** @evictions: buffers evicted from VRAM to make room. */
	__u64 evictions;

	/** @bytes_to_vram: bytes moved from system memory into VRAM. */
	__u64 bytes_to_vram;

	/** @bytes_to_system: bytes moved from VRAM to system memory. */
	__u64 bytes_to_system;

	/**
	 * @cpu_fault_migrations: CPU page faults that had to move a buffer
	 * (out of VRAM the CPU cannot see).
	 */
	__u64 cpu_fault_migrations;

	/**
	 * @pinned_vram_bytes: bytes of buffers pinned in VRAM now (by
	 * dma-buf importers).
	 */
	__u64 pinned_vram_bytes;

	/** @pinned_system_bytes: bytes of buffers pinned in system memory now. */
	__u64 pinned_system_bytes;

	/**
	 * @move_notifies: moves of exported buffers announced to their
	 * importers with dma_buf_move_notify().
	 */
	__u64 move_notifies;

	/** @reserved: zero; for a later counter. */
	__u64 reserved;
};

/**
 * DOC: vdgpu memory regions
 *
 * A buffer object lives in one memory region at a time: system memory or
 * the device's VRAM. Userspace names the regions a buffer may use as a mask
 * of DRM_VDGPU_REGION_* bits and which one it prefers; the driver moves the
 * buffer between the allowed regions on request (DRM_IOCTL_VDGPU_GEM_MIGRATE),
 * under VRAM pressure (eviction to system memory) and for CPU access.
 */

/** DRM_VDGPU_REGION_SYSTEM - system memory */
#define DRM_VDGPU_REGION_SYSTEM		(1u << 0)
/** DRM_VDGPU_REGION_VRAM - device memory */
#define DRM_VDGPU_REGION_VRAM		(1u << 1)
#define DRM_VDGPU_REGIONS_ALL \
	(DRM_VDGPU_REGION_SYSTEM | DRM_VDGPU_REGION_VRAM)

/**
 * DRM_VDGPU_GEM_CREATE_NEEDS_CPU_ACCESS - keep the buffer CPU-mappable: in
 * VRAM it is placed in the CPU-visible part (see
 * &drm_vdgpu_query_device.cpu_visible_vram_size).
 */
#define DRM_VDGPU_GEM_CREATE_NEEDS_CPU_ACCESS	(1u << 0)

/**
 * struct drm_vdgpu_gem_create - argument of DRM_IOCTL_VDGPU_GEM_CREATE
 *
 * Creates a buffer object and places it in its preferred region, falling
 * back to the other allowed region when the preferred one is full of
 * buffers that cannot be evicted. New buffers read as zero.
 *
 * Errors: -EINVAL for a zero size, nonzero @pad, unknown @flags or region
 * bits, no region, or a @preferred region that is not exactly one bit of
 * @regions; -E2BIG when @size exceeds every allowed region; -ENOSPC or
 * -ENOMEM when the memory cannot be had now.
 */
struct drm_vdgpu_gem_create {
	/**
	 * @size: in: bytes, rounded up to the page size; out: the size of
	 * the buffer.
	 */
	__u64 size;

	/** @regions: mask of DRM_VDGPU_REGION_* bits the buffer may use. */
	__u32 regions;

	/** @preferred: the one DRM_VDGPU_REGION_* bit to place it in first. */
	__u32 preferred;

	/** @flags: DRM_VDGPU_GEM_CREATE_* bits. */
	__u32 flags;

	/** @handle: out: the GEM handle. */
	__u32 handle;

	/** @pad: must be zero. */
	__u64 pad;
};

/**
 * struct drm_vdgpu_gem_mmap_offset - argument of DRM_IOCTL_VDGPU_GEM_MMAP_OFFSET
 *
 * Returns the fake offset to mmap() the buffer with, on the same DRM fd.
 * System memory is mapped cached, VRAM write-combined through the BAR. A
 * CPU fault on VRAM outside the CPU-visible part moves the buffer into the
 * visible part, or to system memory when it may live there.
 *
 * Errors: -EINVAL for nonzero @flags or @pad, or a buffer imported from
 * another device (map its dma-buf instead); -ENOENT for a bad handle.
 */
struct drm_vdgpu_gem_mmap_offset {
	/** @handle: the buffer. */
	__u32 handle;

	/** @flags: must be zero. */
	__u32 flags;

	/** @offset: out: the fake offset for mmap(). */
	__u64 offset;

	/** @pad: must be zero. */
	__u64 pad;
};

/** DRM_VDGPU_GEM_MIGRATE_NONBLOCK - queue the move and return at once */
#define DRM_VDGPU_GEM_MIGRATE_NONBLOCK	(1u << 0)

/**
 * struct drm_vdgpu_gem_migrate - argument of DRM_IOCTL_VDGPU_GEM_MIGRATE
 *
 * Moves a buffer to @region now. The copy runs on the device's copy engine;
 * its fence is added to the buffer's reservation object (kernel usage), so
 * CPU mappings and importers wait for it. Without
 * DRM_VDGPU_GEM_MIGRATE_NONBLOCK the call returns when the move has
 * completed. Moving a buffer to the region it is in does nothing. With
 * @out_syncobj the move's fence is also handed out, to wait on or to make
 * DRM_IOCTL_VDGPU_EXEC jobs depend on.
 *
 * Errors: -EINVAL for nonzero @pad or @pad2, unknown @flags, a @region that
 * is not exactly one DRM_VDGPU_REGION_* bit, or a region the buffer may not
 * use, or a buffer imported from another device; -ENOENT for a bad buffer
 * or syncobj handle; -ENOSPC when the region is full of buffers that cannot
 * be evicted; -EBUSY when the buffer is pinned elsewhere.
 */
struct drm_vdgpu_gem_migrate {
	/** @handle: the buffer. */
	__u32 handle;

	/** @region: one DRM_VDGPU_REGION_* bit. */
	__u32 region;

	/** @flags: DRM_VDGPU_GEM_MIGRATE_* bits. */
	__u32 flags;

	/** @pad: must be zero. */
	__u32 pad;

	/**
	 * @out_syncobj: syncobj that receives the move's fence (a signalled
	 * fence when nothing had to move), or 0.
	 */
	__u32 out_syncobj;

	/** @pad2: must be zero. */
	__u32 pad2;
};

/**
 * struct drm_vdgpu_gem_wait - argument of DRM_IOCTL_VDGPU_GEM_WAIT
 *
 * Waits until every fence of the buffer (moves and jobs) has signalled.
 *
 * Errors: -EINVAL for nonzero @flags or @pad or a negative @timeout_ns;
 * -ENOENT for a bad handle; -ETIME when the buffer is still busy after
 * @timeout_ns; -ERESTARTSYS/-EINTR on a signal.
 */
struct drm_vdgpu_gem_wait {
	/** @handle: the buffer. */
	__u32 handle;

	/** @flags: must be zero. */
	__u32 flags;

	/** @timeout_ns: relative timeout; 0 only polls. */
	__s64 timeout_ns;

	/** @pad: must be zero. */
	__u64 pad;
};

/**
 * struct drm_vdgpu_gem_info - argument of DRM_IOCTL_VDGPU_GEM_INFO
 *
 * Errors: -EINVAL for nonzero @flags or @pad, or a buffer imported from
 * another device; -ENOENT for a bad handle.
 */
struct drm_vdgpu_gem_info {
	/** @handle: the buffer. */
	__u32 handle;

	/** @flags: must be zero. */
	__u32 flags;

	/** @size: out: bytes. */
	__u64 size;

	/** @region: out: the DRM_VDGPU_REGION_* bit it is in now. */
	__u32 region;

	/** @regions: out: the regions it may use. */
	__u32 regions;

	/** @preferred: out: its preferred region. */
	__u32 preferred;

	/** @create_flags: out: the DRM_VDGPU_GEM_CREATE_* flags. */
	__u32 create_flags;

	/** @pin_count: out: how many pins hold it in place. */
	__u32 pin_count;

	/**
	 * @cpu_visible: out: 1 when it is in system memory or entirely in
	 * the CPU-visible part of VRAM.
	 */
	__u32 cpu_visible;

	/** @num_moves: out: times it moved between regions. */
	__u64 num_moves;

	/** @pad: must be zero. */
	__u64 pad;
};

/**
 * enum drm_vdgpu_exec_op - what a DRM_IOCTL_VDGPU_EXEC job does
 * @DRM_VDGPU_OP_FILL: fill @size bytes of the destination at @dst_offset
 *	with the 32-bit pattern in the low bits of &drm_vdgpu_exec.value
 * @DRM_VDGPU_OP_COPY: copy @size bytes from the source at @src_offset to
 *	the destination at @dst_offset (ranges may not overlap)
 * @DRM_VDGPU_OP_CHECKSUM: checksum @size bytes of the source at
 *	@src_offset and store the 64-bit result, little-endian, in the
 *	destination at @dst_offset. Over the little-endian 32-bit words w of
 *	the range: h = 0; for each w: h = (h ^ w) * 0x100000001b3 (mod 2^64).
 */
enum drm_vdgpu_exec_op {
	DRM_VDGPU_OP_FILL = 1,
	DRM_VDGPU_OP_COPY = 2,
	DRM_VDGPU_OP_CHECKSUM = 3,
};

/**
 * struct drm_vdgpu_exec - argument of DRM_IOCTL_VDGPU_EXEC
 *
 * Submits one job to the device's compute engine (scheduled with
 * drm_sched). Before the job is queued its buffers are locked together and
 * validated into their preferred regions, which moves them (and may evict
 * others from VRAM). The job then waits for @in_syncobj, for every fence of
 * the destination and for the writers of the source (implicit sync); its
 * fence is added to the buffers' reservation objects (write for the
 * destination, read for the source) and to @out_syncobj.
 *
 * Offsets and @size must be multiples of 4, the ranges must lie inside the
 * buffers, and a checksum destination takes 8 bytes at an 8-byte aligned
 * offset.
 *
 * Errors: -EINVAL for an unknown @op, nonzero @flags or @pad, a misaligned
 * or out-of-range offset or size, a zero size, a handle given where the op
 * takes none (or missing where it needs one), or overlapping copy ranges;
 * -ENOENT for a bad buffer or syncobj handle; -ENOSPC or -ENOMEM when the
 * buffers cannot be placed; -ERESTARTSYS/-EINTR on a signal.
 */
struct drm_vdgpu_exec {
	/** @op: one of &enum drm_vdgpu_exec_op. */
	__u32 op;

	/** @flags: must be zero. */
	__u32 flags;

	/** @dst_handle: the buffer written. */
	__u32 dst_handle;

	/** @src_handle: the buffer read (COPY, CHECKSUM); 0 for FILL. */
	__u32 src_handle;

	/** @dst_offset: byte offset into the destination. */
	__u64 dst_offset;

	/** @src_offset: byte offset into the source; 0 for FILL. */
	__u64 src_offset;

	/** @size: bytes to fill, copy or checksum. */
	__u64 size;

	/** @value: FILL pattern in bits 31:0; bits 63:32 must be zero. */
	__u64 value;

	/** @in_syncobj: syncobj to wait for first, or 0. */
	__u32 in_syncobj;

	/** @out_syncobj: syncobj that receives the job's fence, or 0. */
	__u32 out_syncobj;

	/** @pad: must be zero. */
	__u64 pad;
};

#if defined(__cplusplus)
}
#endif

#endif /* _UAPI_VDGPU_DRM_H_ */
