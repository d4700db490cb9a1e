/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Copyright (c) 2026 The vdgpu authors
 */
#ifndef _VDGPU_TT_H_
#define _VDGPU_TT_H_

#include <linux/types.h>

struct drm_printer;
struct ttm_buffer_object;
struct ttm_device;
struct ttm_operation_ctx;
struct ttm_tt;
struct vdgpu_device;

struct ttm_tt *vdgpu_tt_create(struct ttm_buffer_object *tbo, u32 page_flags);
void vdgpu_tt_destroy(struct ttm_device *bdev, struct ttm_tt *tt);
int vdgpu_tt_populate(struct ttm_device *bdev, struct ttm_tt *tt,
		      struct ttm_operation_ctx *ctx);
void vdgpu_tt_unpopulate(struct ttm_device *bdev, struct ttm_tt *tt);
void vdgpu_tt_swap_notify(struct ttm_buffer_object *tbo);
void *vdgpu_tt_vmap(struct ttm_tt *tt);

int vdgpu_tt_recycler_init(struct vdgpu_device *vdev);
void vdgpu_tt_recycler_drain(struct vdgpu_device *vdev);
void vdgpu_tt_recycler_fini(struct vdgpu_device *vdev);
void vdgpu_tt_recycler_show(struct vdgpu_device *vdev, struct drm_printer *p);

#endif
