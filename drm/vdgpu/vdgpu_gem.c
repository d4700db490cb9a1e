// SPDX-License-Identifier: GPL-2.0-only
/*
 * GEM ioctls: create, mmap offset, migrate, wait, info.
 *
 * Copyright (c) 2026 The vdgpu authors
 */
#include <linux/dma-resv.h>
#include <linux/sched/signal.h>

#include <drm/drm_drv.h>
#include <drm/drm_file.h>
#include <drm/drm_gem.h>
#include <drm/drm_syncobj.h>
#include <uapi/drm/vdgpu_drm.h>

#include "vdgpu_bo.h"
#include "vdgpu_drv.h"
#include "vdgpu_exec.h"
#include "vdgpu_gem.h"
#include "vdgpu_import.h"

#define VDGPU_GEM_CREATE_FLAGS	DRM_VDGPU_GEM_CREATE_NEEDS_CPU_ACCESS
#define VDGPU_GEM_MIGRATE_FLAGS	DRM_VDGPU_GEM_MIGRATE_NONBLOCK

/*
 * A vdgpu buffer object of the caller: -ENOENT for a bad handle, -EINVAL
 * for a buffer imported from another device (the exporter's to manage).
 */
static struct drm_gem_object *vdgpu_gem_lookup_bo(struct drm_file *file, u32 handle)
{
	struct drm_gem_object *obj = drm_gem_object_lookup(file, handle);

	if (!obj)
		return ERR_PTR(-ENOENT);
	if (vdgpu_gem_to_import(obj)) {
		drm_gem_object_put(obj);
		return ERR_PTR(-EINVAL);
	}
	return obj;
}

/* Exactly one known region bit. */
static bool vdgpu_region_valid(u32 region)
{
	return region && !(region & ~DRM_VDGPU_REGIONS_ALL) && is_power_of_2(region);
}

/**
 * vdgpu_gem_create_ioctl - DRM_IOCTL_VDGPU_GEM_CREATE
 * @drm: the device
 * @data: &struct drm_vdgpu_gem_create
 * @file: the caller
 *
 * Return: 0 or a negative errno (see the uAPI).
 */
int vdgpu_gem_create_ioctl(struct drm_device *drm, void *data, struct drm_file *file)
{
	struct drm_vdgpu_gem_create *args = data;
	struct vdgpu_bo *bo;
	u64 size;
	u32 handle;
	int ret, idx;

	if (args->pad || (args->flags & ~VDGPU_GEM_CREATE_FLAGS) || !args->size ||
	    !args->regions || (args->regions & ~DRM_VDGPU_REGIONS_ALL) ||
	    !vdgpu_region_valid(args->preferred) ||
	    !(args->preferred & args->regions))
		return -EINVAL;

	if (args->size > U64_MAX - PAGE_SIZE)
		return -E2BIG;
	size = PAGE_ALIGN(args->size);

	if (!drm_dev_enter(drm, &idx))
		return -ENODEV;

	ret = vdgpu_bo_create(to_vdgpu_device(drm), size, args->regions,
			      args->preferred, args->flags, &bo);
	if (ret)
		goto out;
	/* Before the handle exists: nothing can have pinned it yet. */
	bo->owner = vdgpu_file_get(file->driver_priv);

	ret = drm_gem_handle_create(file, &bo->tbo.base, &handle);
	drm_gem_object_put(&bo->tbo.base);
	if (ret)
		goto out;

	args->size = size;
	args->handle = handle;
out:
	drm_dev_exit(idx);
	return ret;
}

/**
 * vdgpu_gem_mmap_offset_ioctl - DRM_IOCTL_VDGPU_GEM_MMAP_OFFSET
 * @drm: the device
 * @data: &struct drm_vdgpu_gem_mmap_offset
 * @file: the caller
 *
 * Return: 0 or a negative errno (see the uAPI).
 */
int vdgpu_gem_mmap_offset_ioctl(struct drm_device *drm, void *data,
				struct drm_file *file)
{
	struct drm_vdgpu_gem_mmap_offset *args = data;
	struct drm_gem_object *obj;

	if (args->flags || args->pad)
		return -EINVAL;

	obj = vdgpu_gem_lookup_bo(file, args->handle);
	if (IS_ERR(obj))
		return PTR_ERR(obj);

	args->offset = drm_vma_node_offset_addr(&obj->vma_node);
	drm_gem_object_put(obj);
	return 0;
}

/* Hand the buffer's KERNEL (move) fences to a syncobj; reserved buffer. */
static int vdgpu_bo_export_move_fence(struct vdgpu_bo *bo, struct drm_syncobj *syncobj)
{
	struct dma_fence *fence;
	int ret;

	ret = dma_resv_get_singleton(bo->tbo.base.resv, DMA_RESV_USAGE_KERNEL, &fence);
	if (ret)
		return ret;
	if (!fence)
		fence = dma_fence_get_stub();
	drm_syncobj_replace_fence(syncobj, fence);
	dma_fence_put(fence);
	return 0;
}

/**
 * vdgpu_gem_migrate_ioctl - DRM_IOCTL_VDGPU_GEM_MIGRATE
 * @drm: the device
 * @data: &struct drm_vdgpu_gem_migrate
 * @file: the caller
 *
 * Return: 0 or a negative errno (see the uAPI).
 */
int vdgpu_gem_migrate_ioctl(struct drm_device *drm, void *data,
			    struct drm_file *file)
{
	struct drm_vdgpu_gem_migrate *args = data;
	struct ttm_operation_ctx ctx = { .interruptible = true };
	struct drm_syncobj *syncobj = NULL;
	struct drm_gem_object *obj;
	struct vdgpu_bo *bo;
	int ret, idx;

	if (args->pad || args->pad2 || (args->flags & ~VDGPU_GEM_MIGRATE_FLAGS) ||
	    !vdgpu_region_valid(args->region))
		return -EINVAL;

	obj = vdgpu_gem_lookup_bo(file, args->handle);
	if (IS_ERR(obj))
		return PTR_ERR(obj);
	bo = gem_to_vdgpu_bo(obj);

	if (args->out_syncobj) {
		syncobj = drm_syncobj_find(file, args->out_syncobj);
		if (!syncobj) {
			ret = -ENOENT;
			goto out_put;
		}
	}

	if (!(bo->regions & args->region)) {
		ret = -EINVAL;
		goto out_put;
	}

	if (!drm_dev_enter(drm, &idx)) {
		ret = -ENODEV;
		goto out_put;
	}

	ret = ttm_bo_reserve(&bo->tbo, true, false, NULL);
	if (ret)
		goto out_exit;
	bo->move_reason = VDGPU_MOVE_MIGRATE;
	ret = vdgpu_bo_migrate(bo, args->region, &ctx);
	if (!ret && syncobj)
		ret = vdgpu_bo_export_move_fence(bo, syncobj);
	ttm_bo_unreserve(&bo->tbo);

	if (!ret && !(args->flags & DRM_VDGPU_GEM_MIGRATE_NONBLOCK))
		ret = vdgpu_bo_wait_moves(bo);
out_exit:
	drm_dev_exit(idx);
out_put:
	if (syncobj)
		drm_syncobj_put(syncobj);
	drm_gem_object_put(obj);
	return ret;
}

/**
 * vdgpu_gem_wait_ioctl - DRM_IOCTL_VDGPU_GEM_WAIT
 * @drm: the device
 * @data: &struct drm_vdgpu_gem_wait
 * @file: the caller
 *
 * Return: 0 or a negative errno (see the uAPI).
 */
int vdgpu_gem_wait_ioctl(struct drm_device *drm, void *data, struct drm_file *file)
{
	struct drm_vdgpu_gem_wait *args = data;
	struct drm_gem_object *obj;
	long ret;

	if (args->flags || args->pad || args->timeout_ns < 0)
		return -EINVAL;

	obj = drm_gem_object_lookup(file, args->handle);
	if (!obj)
		return -ENOENT;

	ret = dma_resv_wait_timeout(obj->resv, DMA_RESV_USAGE_BOOKKEEP, true,
				    nsecs_to_jiffies64(args->timeout_ns));
	drm_gem_object_put(obj);
	if (ret == 0)
		return -ETIME;
	return ret < 0 ? ret : 0;
}

/**
 * vdgpu_gem_info_ioctl - DRM_IOCTL_VDGPU_GEM_INFO
 * @drm: the device
 * @data: &struct drm_vdgpu_gem_info
 * @file: the caller
 *
 * Return: 0 or a negative errno (see the uAPI).
 */
int vdgpu_gem_info_ioctl(struct drm_device *drm, void *data, struct drm_file *file)
{
	struct drm_vdgpu_gem_info *args = data;
	struct drm_gem_object *obj;
	struct vdgpu_bo *bo;
	int ret;

	if (args->flags || args->pad)
		return -EINVAL;

	obj = vdgpu_gem_lookup_bo(file, args->handle);
	if (IS_ERR(obj))
		return PTR_ERR(obj);
	bo = gem_to_vdgpu_bo(obj);

	/* Not ttm_bo_reserve(): its unreserve would count as a use for the LRU. */
	ret = dma_resv_lock_interruptible(obj->resv, NULL);
	if (ret)
		goto out;

	args->size = obj->size;
	args->region = vdgpu_bo_region(bo);
	args->regions = bo->regions;
	args->preferred = bo->preferred;
	args->create_flags = bo->flags;
	args->pin_count = bo->tbo.pin_count;
	args->cpu_visible = vdgpu_bo_cpu_visible(bo);
	args->num_moves = bo->num_moves;
	dma_resv_unlock(obj->resv);
out:
	drm_gem_object_put(obj);
	return ret;
}
