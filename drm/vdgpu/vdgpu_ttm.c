// SPDX-License-Identifier: GPL-2.0-only
/*
 * TTM glue: memory types, eviction policy, moves and CPU mappings.
 *
 * Memory types:
 *  - TTM_PL_VRAM: the BAR, managed by vdgpu_vram_mgr (buddy allocator);
 *  - TTM_PL_TT: system memory the device uses (DRM_VDGPU_REGION_SYSTEM),
 *    a TTM range manager bounding how much of it the driver takes;
 *  - TTM_PL_SYSTEM: unbound system memory, which TTM may swap out.
 * Moves between VRAM and system memory are copies on the copy engine;
 * VRAM <-> TTM_PL_SYSTEM hops through TTM_PL_TT.
 *
 * Copyright (c) 2026 The vdgpu authors
 */
#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/vmalloc.h>

#include <drm/drm_managed.h>
#include <drm/ttm/ttm_bo.h>
#include <drm/ttm/ttm_device.h>
#include <drm/ttm/ttm_placement.h>
#include <drm/ttm/ttm_range_manager.h>
#include <drm/ttm/ttm_tt.h>
#include <kunit/visibility.h>
#include <uapi/drm/vdgpu_drm.h>

#include "vdgpu_bo.h"
#include "vdgpu_dma_buf.h"
#include "vdgpu_drv.h"
#include "vdgpu_migrate.h"
#include "vdgpu_trace.h"
#include "vdgpu_tt.h"
#include "vdgpu_vram_mgr.h"

static inline struct vdgpu_device *ttm_to_vdgpu_device(struct ttm_device *bdev)
{
	return container_of(bdev, struct vdgpu_device, ttm);
}

static bool vdgpu_ttm_eviction_valuable(struct ttm_buffer_object *tbo,
					const struct ttm_place *place)
{
	/* A VRAM-only buffer stays in VRAM: filling VRAM with them fails. */
	if (vdgpu_is_vdgpu_bo(tbo) && tbo->resource->mem_type == TTM_PL_VRAM &&
	    !(ttm_to_vdgpu_bo(tbo)->regions & DRM_VDGPU_REGION_SYSTEM))
		return false;

	return ttm_bo_eviction_valuable(tbo, place);
}

static void vdgpu_ttm_evict_flags(struct ttm_buffer_object *tbo,
				  struct ttm_placement *placement)
{
	static const struct ttm_place tt_place = { .mem_type = TTM_PL_TT };
	static const struct ttm_place sys_place = { .mem_type = TTM_PL_SYSTEM };

	placement->num_placement = 1;
	/* VRAM goes to device system memory, that to unbound memory. */
	if (tbo->resource->mem_type == TTM_PL_VRAM)
		placement->placement = (struct ttm_place *)&tt_place;
	else
		placement->placement = (struct ttm_place *)&sys_place;
}

static void vdgpu_ttm_account_move(struct vdgpu_device *vdev,
				   struct ttm_buffer_object *tbo,
				   u32 old_type, u32 new_type, bool evict)
{
	bool was_vram = old_type == TTM_PL_VRAM, is_vram = new_type == TTM_PL_VRAM;

	if (was_vram == is_vram)
		return;

	if (vdgpu_is_vdgpu_bo(tbo)) {
		struct vdgpu_bo *bo = ttm_to_vdgpu_bo(tbo);

		bo->num_moves++;
		if (evict)
			trace_vdgpu_bo_evict(bo, was_vram, is_vram, "evict");
		else
			trace_vdgpu_bo_move(bo, was_vram, is_vram,
					    vdgpu_move_reason_name(bo->move_reason));
	}
	if (is_vram) {
		atomic64_add(tbo->base.size, &vdev->stats.bytes_to_vram);
	} else {
		atomic64_add(tbo->base.size, &vdev->stats.bytes_to_system);
		if (evict)
			atomic64_inc(&vdev->stats.evictions);
	}
}

/*
 * Whether a copy of the buffer would wait for a fence of a client (a job,
 * or a fence the client imported and may never signal), not only for the
 * kernel's own moves and clears.
 */
static bool vdgpu_ttm_waits_for_clients(struct dma_resv *resv)
{
	struct dma_resv_iter cursor;
	struct dma_fence *fence;

	dma_resv_for_each_fence(&cursor, resv, DMA_RESV_USAGE_BOOKKEEP, fence)
		if (dma_resv_iter_usage(&cursor) != DMA_RESV_USAGE_KERNEL &&
		    !dma_fence_is_signaled(fence))
			return true;
	return false;
}

static int vdgpu_ttm_move(struct ttm_buffer_object *tbo, bool evict,
			  struct ttm_operation_ctx *ctx,
			  struct ttm_resource *new_mem, struct ttm_place *hop)
{
	struct vdgpu_device *vdev = ttm_to_vdgpu_device(tbo->bdev);
	struct ttm_resource *old_mem = tbo->resource;
	u32 old_type = old_mem ? old_mem->mem_type : TTM_PL_SYSTEM;
	u32 new_type = new_mem->mem_type;
	struct dma_fence *fence;
	bool waits;
	int ret;

	if (!old_mem || (old_type == TTM_PL_SYSTEM && !tbo->ttm)) {
		/* A new buffer: system pages come zeroed, VRAM is cleared. */
		if (new_type == TTM_PL_VRAM) {
			fence = vdgpu_migrate_clear(vdev, tbo, new_mem);
			if (IS_ERR(fence))
				return PTR_ERR(fence);
			/* Nothing old to free: publish the fence ourselves. */
			dma_resv_add_fence(tbo->base.resv, fence, DMA_RESV_USAGE_KERNEL);
			dma_fence_put(fence);
		}
		ttm_bo_move_null(tbo, new_mem);
		return 0;
	}

	/* Copies to and from VRAM go through populated device memory. */
	if ((old_type == TTM_PL_SYSTEM && new_type == TTM_PL_VRAM) ||
	    (old_type == TTM_PL_VRAM && new_type == TTM_PL_SYSTEM)) {
		hop->fpfn = 0;
		hop->lpfn = 0;
		hop->mem_type = TTM_PL_TT;
		hop->flags = TTM_PL_FLAG_TEMPORARY;
		return -EMULTIHOP;
	}

	/*
	 * Importers drop their mappings before the old backing goes: it is
	 * kept until the copy's fence, which they wait for, has signalled.
	 * Unbound pages may be swapped out without another call here, so
	 * the move to them is announced too.
	 */
	if (vdgpu_is_vdgpu_bo(tbo)) {
		struct vdgpu_bo *bo = ttm_to_vdgpu_bo(tbo);

		bo->last_move_reason = evict ? VDGPU_MOVE_EVICT : bo->move_reason;
		vdgpu_dma_buf_move_notify(bo);
		vdgpu_dma_buf_backing_gone(bo);
	}

	if (old_type != TTM_PL_VRAM && new_type != TTM_PL_VRAM) {
		/* Same pages, nothing to copy or bind. */
		ttm_bo_move_null(tbo, new_mem);
		return 0;
	}

	/* Whether the copy waits for a client: see the cleanup below. */
	waits = vdgpu_ttm_waits_for_clients(tbo->base.resv);
	fence = vdgpu_migrate_copy(vdev, tbo, old_mem, new_mem);
	if (IS_ERR(fence))
		return PTR_ERR(fence);

	/*
	 * Publishes the fence as the KERNEL move fence of the buffer. Out of
	 * VRAM, when nothing but the kernel's own moves and clears is still
	 * to come on the buffer, the old range is freed at once, behind the
	 * VRAM manager's move fence, which TTM makes every later VRAM
	 * allocation wait for (a pipelined eviction, for migrations too): no
	 * ghost object holds it, and no TTM worker has to run when the copy
	 * is done, which is soon. A copy that waits for a client's fence (a
	 * job, or a fence the client imported and may never signal) would
	 * make every client's next VRAM allocation wait for it too: the old
	 * range stays on a ghost object until the copy is done instead, as
	 * old system pages always do.
	 */
	ret = ttm_bo_move_accel_cleanup(tbo, fence,
					!waits && (evict || old_type == TTM_PL_VRAM),
					true, new_mem);
	if (ret) {
		/*
		 * No ghost object for the old backing (no memory): the copy
		 * is queued and reads it, so wait for it, then free the old
		 * backing at once, as xe does. Uninterruptible: the copy
		 * must not outlive the memory it reads. The buffer is idle
		 * then: the copy ran after every fence it had.
		 */
		dma_fence_wait(fence, false);
		ttm_bo_move_sync_cleanup(tbo, new_mem);
	}
	dma_fence_put(fence);

	vdgpu_ttm_account_move(vdev, tbo, old_type, new_type, evict);
	return 0;
}

static int vdgpu_ttm_io_mem_reserve(struct ttm_device *bdev,
				    struct ttm_resource *mem)
{
	struct vdgpu_device *vdev = ttm_to_vdgpu_device(bdev);

	switch (mem->mem_type) {
	case TTM_PL_SYSTEM:
	case TTM_PL_TT:
		return 0;
	case TTM_PL_VRAM:
		/*
		 * The resource's own bus offset. A resource in several ranges
		 * has no linear one (its start is 0): CPU faults find its pages
		 * with vdgpu_ttm_io_mem_pfn(), and it is never kmapped or
		 * vmapped (vdgpu_gem_vmap() refuses it).
		 */
		mem->bus.offset = vdev->vram.io_start + ((u64)mem->start << PAGE_SHIFT);
		mem->bus.is_iomem = true;
		mem->bus.caching = vdev->kind == VDGPU_DEVICE_PCI ?
				   ttm_write_combined : ttm_cached;
		/* Kernel mappings (ttm_bo_vmap()) of one range: our own mapping. */
		if (to_vdgpu_vram_mgr_resource(mem)->contiguous)
			mem->bus.addr = (void __force *)vdev->vram.vaddr +
					((u64)mem->start << PAGE_SHIFT);
		return 0;
	default:
		return -EINVAL;
	}
}

static unsigned long vdgpu_ttm_io_mem_pfn(struct ttm_buffer_object *tbo,
					  unsigned long page_offset)
{
	struct vdgpu_device *vdev = ttm_to_vdgpu_device(tbo->bdev);
	struct vdgpu_vram_cursor cur;

	vdgpu_vram_cursor_first(tbo->bdev, tbo->resource,
				(u64)page_offset << PAGE_SHIFT, &cur);
	if (vdev->kind == VDGPU_DEVICE_PLATFORM)
		return vmalloc_to_pfn((void __force *)vdev->vram.vaddr + cur.start);
	return (vdev->vram.io_start + cur.start) >> PAGE_SHIFT;
}

static const struct ttm_device_funcs vdgpu_ttm_funcs = {
	.ttm_tt_create = vdgpu_tt_create,
	.ttm_tt_populate = vdgpu_tt_populate,
	.ttm_tt_unpopulate = vdgpu_tt_unpopulate,
	.ttm_tt_destroy = vdgpu_tt_destroy,
	.swap_notify = vdgpu_tt_swap_notify,
	.eviction_valuable = vdgpu_ttm_eviction_valuable,
	.evict_flags = vdgpu_ttm_evict_flags,
	.move = vdgpu_ttm_move,
	.io_mem_reserve = vdgpu_ttm_io_mem_reserve,
	.io_mem_pfn = vdgpu_ttm_io_mem_pfn,
};

/**
 * vdgpu_ttm_system_size - how much system memory the device may use
 * @vdev: the device
 *
 * Return: bytes.
 */
u64 vdgpu_ttm_system_size(struct vdgpu_device *vdev)
{
	return ttm_manager_type(&vdev->ttm, TTM_PL_TT)->size << PAGE_SHIFT;
}

static void vdgpu_ttm_fini(struct drm_device *drm, void *arg)
{
	struct vdgpu_device *vdev = arg;

	vdgpu_tt_recycler_fini(vdev);
	vdgpu_vram_mgr_fini(&vdev->ttm, &vdev->vram_mgr);
	ttm_range_man_fini(&vdev->ttm, TTM_PL_TT);
	ttm_device_fini(&vdev->ttm);
	vdgpu_engine_fini(&vdev->compute_engine);
	vdgpu_engine_fini(&vdev->copy_engine);
}

/**
 * vdgpu_ttm_init - set up memory management for a device
 * @vdev: the device, with its VRAM described
 *
 * Torn down when the DRM device is released, after the last buffer.
 *
 * Return: 0 or a negative errno.
 */
int vdgpu_ttm_init(struct vdgpu_device *vdev)
{
	struct drm_device *drm = &vdev->drm;
	/* Half of RAM, as TTM's own default limit for system pages. */
	unsigned long system_pages = totalram_pages() / 2;
	int ret;

	mutex_init(&vdev->bo_list_lock);
	INIT_LIST_HEAD(&vdev->bo_list);
	INIT_LIST_HEAD(&vdev->import_list);

	ret = vdgpu_engine_init(vdev, &vdev->copy_engine, "vdgpu-copy");
	if (ret)
		return ret;
	ret = vdgpu_engine_init(vdev, &vdev->compute_engine, "vdgpu-compute");
	if (ret) {
		vdgpu_engine_fini(&vdev->copy_engine);
		return ret;
	}

	/*
	 * No use_dma_alloc: pages come from the page allocator, which zeroes
	 * them for new buffers; moves out of VRAM take recycled pages instead
	 * (vdgpu_tt.c). With use_dma_alloc TTM's pool would keep freed pages
	 * too, but clears each as it is given back: 16 MiB of clearing in
	 * TTM's worker the moment a move to VRAM signals, ahead of whoever
	 * waits for it.
	 */
	ret = ttm_device_init(&vdev->ttm, &vdgpu_ttm_funcs, drm->dev,
			      drm->anon_inode->i_mapping,
			      drm->vma_offset_manager, false, false);
	if (ret)
		goto err_engine;

	ret = vdgpu_tt_recycler_init(vdev);
	if (ret)
		goto err_device;

	ret = ttm_range_man_init(&vdev->ttm, TTM_PL_TT, true, system_pages);
	if (ret)
		goto err_recycler;

	ret = vdgpu_vram_mgr_init(&vdev->ttm, &vdev->vram_mgr, vdev->vram.size,
				  vdev->vram.visible_size);
	if (ret)
		goto err_tt;

	return drmm_add_action_or_reset(drm, vdgpu_ttm_fini, vdev);

err_tt:
	ttm_range_man_fini(&vdev->ttm, TTM_PL_TT);
err_recycler:
	vdgpu_tt_recycler_fini(vdev);
err_device:
	ttm_device_fini(&vdev->ttm);
err_engine:
	vdgpu_engine_fini(&vdev->compute_engine);
	vdgpu_engine_fini(&vdev->copy_engine);
	return ret;
}

/**
 * vdgpu_ttm_evict_vram - move every buffer out of VRAM
 * @vdev: the device
 *
 * Used when the device goes away: nothing may use the BAR after this.
 *
 * Return: 0 or a negative errno.
 */
int vdgpu_ttm_evict_vram(struct vdgpu_device *vdev)
{
	return ttm_resource_manager_evict_all(&vdev->ttm,
					      &vdev->vram_mgr.manager);
}
EXPORT_SYMBOL_IF_KUNIT(vdgpu_ttm_evict_vram);
