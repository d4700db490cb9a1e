/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Copyright (c) 2026 The vdgpu authors
 */
#ifndef _VDGPU_BO_H_
#define _VDGPU_BO_H_

#include <drm/ttm/ttm_bo.h>
#include <drm/ttm/ttm_placement.h>

struct dma_buf;
struct vdgpu_device;
struct vdgpu_file;

/**
 * enum vdgpu_move_reason - why a buffer last moved
 * @VDGPU_MOVE_NONE: it has not moved
 * @VDGPU_MOVE_MIGRATE: DRM_IOCTL_VDGPU_GEM_MIGRATE
 * @VDGPU_MOVE_EXEC: a job needed it in its preferred region
 * @VDGPU_MOVE_CPU_FAULT: the CPU touched invisible VRAM
 * @VDGPU_MOVE_EVICT: evicted to make room (or the device went away)
 * @VDGPU_MOVE_DMA_BUF: an importer needed another placement (map, pin,
 *	vmap)
 */
enum vdgpu_move_reason {
	VDGPU_MOVE_NONE,
	VDGPU_MOVE_MIGRATE,
	VDGPU_MOVE_EXEC,
	VDGPU_MOVE_CPU_FAULT,
	VDGPU_MOVE_EVICT,
	VDGPU_MOVE_DMA_BUF,
};

/**
 * struct vdgpu_bo - a buffer object
 *
 * @regions, @preferred, @flags and @id are set at creation and constant; the
 * other fields after @tbo are protected by the reservation object.
 */
struct vdgpu_bo {
	/** @tbo: the TTM buffer object; tbo.base is the GEM object. */
	struct ttm_buffer_object tbo;
	/** @regions: DRM_VDGPU_REGION_* bits it may live in. */
	u32 regions;
	/** @preferred: the DRM_VDGPU_REGION_* bit it prefers. */
	u32 preferred;
	/** @flags: DRM_VDGPU_GEM_CREATE_* flags. */
	u32 flags;
	/** @num_moves: moves between VRAM and system memory. */
	u64 num_moves;
	/** @id: the device's number for it, in tracepoints and debugfs. */
	u64 id;
	/**
	 * @owner: the client that created it (GEM_CREATE), charged with its
	 * pins; NULL for imports and the driver's own buffers. Holds a
	 * reference (vdgpu_file_get()).
	 */
	struct vdgpu_file *owner;
	/**
	 * @move_reason: what the next move is for, set by whoever asks TTM
	 * for a placement; evictions are told apart by TTM.
	 */
	enum vdgpu_move_reason move_reason;
	/** @last_move_reason: why it moved last. */
	enum vdgpu_move_reason last_move_reason;
	/**
	 * @dma_buf: the dma-buf it is exported as, from export until the
	 * dma-buf is released. Unlike &drm_gem_object.dma_buf it stays set
	 * when the last GEM handle goes while importers still hold the
	 * dma-buf, so moves keep notifying them.
	 */
	struct dma_buf *dma_buf;
	/**
	 * @page_runs: the physically contiguous runs of its system pages,
	 * kept for dma-buf maps while the backing stays (vdgpu_dma_buf.c).
	 */
	struct sg_table *page_runs;
	/** @link: in &vdgpu_device.bo_list. */
	struct list_head link;
	/**
	 * @vram_full: while vdgpu_bo_create() or vdgpu_bo_migrate() place
	 * the buffer, where the VRAM manager notes that it had no room for
	 * it (vdgpu_bo_note_vram_full()); NULL otherwise.
	 */
	bool *vram_full;
};

static inline struct vdgpu_bo *ttm_to_vdgpu_bo(struct ttm_buffer_object *tbo)
{
	return container_of(tbo, struct vdgpu_bo, tbo);
}

static inline struct vdgpu_bo *gem_to_vdgpu_bo(struct drm_gem_object *obj)
{
	return container_of(obj, struct vdgpu_bo, tbo.base);
}

/**
 * struct vdgpu_placement - a TTM placement built for a buffer
 */
struct vdgpu_placement {
	/** @places: the places, best first. */
	struct ttm_place places[2];
	/** @placement: what TTM is given. */
	struct ttm_placement placement;
};

int vdgpu_bo_create(struct vdgpu_device *vdev, u64 size, u32 regions,
		    u32 preferred, u32 flags, struct vdgpu_bo **out);
bool vdgpu_is_vdgpu_bo(struct ttm_buffer_object *tbo);
void vdgpu_bo_note_vram_full(struct ttm_buffer_object *tbo);
u32 vdgpu_bo_region(struct vdgpu_bo *bo);
int vdgpu_bo_wait_moves(struct vdgpu_bo *bo);
bool vdgpu_bo_cpu_visible(struct vdgpu_bo *bo);
unsigned int vdgpu_bo_placement(struct vdgpu_bo *bo, u32 regions,
				bool cpu_visible, struct vdgpu_placement *p);
int vdgpu_bo_migrate(struct vdgpu_bo *bo, u32 region,
		     struct ttm_operation_ctx *ctx);
int vdgpu_bo_make_system(struct vdgpu_bo *bo, struct ttm_operation_ctx *ctx);
int vdgpu_bo_pin(struct vdgpu_bo *bo);
void vdgpu_bo_unpin(struct vdgpu_bo *bo);
const char *vdgpu_move_reason_name(enum vdgpu_move_reason reason);

#endif
