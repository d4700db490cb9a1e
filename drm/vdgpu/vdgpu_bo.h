/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Copyright (c) 2026 The vdgpu authors
 */
#ifndef _VDGPU_BO_H_
#define _VDGPU_BO_H_

#include <drm/ttm/ttm_bo.h>
#include <drm/ttm/ttm_placement.h>

struct vdgpu_device;

/**
 * struct vdgpu_bo - a buffer object
 *
 * Fields other than @tbo are set at creation and constant, except
 * @num_moves which is protected by the reservation object.
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
	/** @link: in &vdgpu_device.bo_list. */
	struct list_head link;
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
u32 vdgpu_bo_region(struct vdgpu_bo *bo);
bool vdgpu_bo_cpu_visible(struct vdgpu_bo *bo);
unsigned int vdgpu_bo_placement(struct vdgpu_bo *bo, u32 regions,
				bool cpu_visible, struct vdgpu_placement *p);
int vdgpu_bo_migrate(struct vdgpu_bo *bo, u32 region,
		     struct ttm_operation_ctx *ctx);

#endif
