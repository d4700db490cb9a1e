// SPDX-License-Identifier: GPL-2.0-only
/*
 * VRAM manager: a TTM resource manager on the GPU buddy allocator, as xe's
 * and amdgpu's. Allocations are lists of power-of-two blocks, need not be
 * contiguous, and may be limited to a range (the CPU-visible part of VRAM
 * when small-BAR emulation is on). Based on xe_ttm_vram_mgr.c.
 *
 * Copyright (c) 2026 The vdgpu authors
 * Copyright (c) 2021-2022 Intel Corporation
 */
#include <linux/slab.h>

#include <drm/drm_buddy.h>
#include <drm/drm_print.h>
#include <drm/ttm/ttm_bo.h>
#include <drm/ttm/ttm_device.h>
#include <drm/ttm/ttm_placement.h>
#include <kunit/visibility.h>

#include "vdgpu_bo.h"
#include "vdgpu_vram_mgr.h"

static inline struct vdgpu_vram_mgr *
to_vdgpu_vram_mgr(struct ttm_resource_manager *man)
{
	return container_of(man, struct vdgpu_vram_mgr, manager);
}

static u64 vdgpu_vram_mgr_visible_bytes(struct vdgpu_vram_mgr *mgr,
					struct vdgpu_vram_mgr_resource *vres)
{
	struct gpu_buddy_block *block;
	u64 visible = 0;

	list_for_each_entry(block, &vres->blocks, link) {
		u64 start = gpu_buddy_block_offset(block);
		u64 end = start + gpu_buddy_block_size(&mgr->mm, block);

		if (start < mgr->visible_size)
			visible += min(end, mgr->visible_size) - start;
	}
	return visible;
}

/* Whether the blocks of @vres, in list order, form one range. */
static bool vdgpu_vram_mgr_blocks_contiguous(struct vdgpu_vram_mgr *mgr,
					     struct vdgpu_vram_mgr_resource *vres)
{
	struct gpu_buddy_block *block;
	u64 end = 0;
	bool first = true;

	list_for_each_entry(block, &vres->blocks, link) {
		if (!first && gpu_buddy_block_offset(block) != end)
			return false;
		end = gpu_buddy_block_offset(block) + gpu_buddy_block_size(&mgr->mm, block);
		first = false;
	}
	return true;
}

static int vdgpu_vram_mgr_new(struct ttm_resource_manager *man,
			      struct ttm_buffer_object *tbo,
			      const struct ttm_place *place,
			      struct ttm_resource **res)
{
	struct vdgpu_vram_mgr *mgr = to_vdgpu_vram_mgr(man);
	struct vdgpu_vram_mgr_resource *vres;
	unsigned long lpfn = place->lpfn;
	u64 size, min_page_size = PAGE_SIZE;
	int err;

	if (!lpfn || lpfn > man->size >> PAGE_SHIFT)
		lpfn = man->size >> PAGE_SHIFT;

	/* Don't trigger eviction for the impossible. */
	if (tbo->base.size >> PAGE_SHIFT > lpfn - place->fpfn) {
		vdgpu_bo_note_vram_full(tbo);
		return -E2BIG;
	}

	vres = kzalloc(sizeof(*vres), GFP_KERNEL);
	if (!vres)
		return -ENOMEM;

	ttm_resource_init(tbo, place, &vres->base);
	INIT_LIST_HEAD(&vres->blocks);

	if (place->flags & TTM_PL_FLAG_TOPDOWN)
		vres->flags |= GPU_BUDDY_TOPDOWN_ALLOCATION;
	if (place->fpfn || lpfn != man->size >> PAGE_SHIFT)
		vres->flags |= GPU_BUDDY_RANGE_ALLOCATION;

	size = vres->base.size;
	if (tbo->page_alignment)
		min_page_size = (u64)tbo->page_alignment << PAGE_SHIFT;

	mutex_lock(&mgr->lock);
	if (lpfn <= mgr->visible_size >> PAGE_SHIFT && size > mgr->visible_avail) {
		err = -ENOSPC;
		goto error_unlock;
	}

	if (place->flags & TTM_PL_FLAG_CONTIGUOUS)
		vres->flags |= GPU_BUDDY_CONTIGUOUS_ALLOCATION;

	err = gpu_buddy_alloc_blocks(&mgr->mm, (u64)place->fpfn << PAGE_SHIFT,
				     (u64)lpfn << PAGE_SHIFT, size,
				     min_page_size, &vres->blocks, vres->flags);
	if (err)
		goto error_unlock;

	vres->used_visible_size = vdgpu_vram_mgr_visible_bytes(mgr, vres);
	mgr->visible_avail -= vres->used_visible_size;
	mutex_unlock(&mgr->lock);

	/* Only contiguous allocations have a meaningful start. */
	vres->contiguous = vdgpu_vram_mgr_blocks_contiguous(mgr, vres);
	vres->base.start = 0;
	if (vres->contiguous) {
		struct gpu_buddy_block *block =
			list_first_entry(&vres->blocks, struct gpu_buddy_block, link);

		vres->base.start = gpu_buddy_block_offset(block) >> PAGE_SHIFT;
	}

	*res = &vres->base;
	return 0;

error_unlock:
	mutex_unlock(&mgr->lock);
	ttm_resource_fini(man, &vres->base);
	kfree(vres);
	/* The buddy allocator says -ENOSPC when full; TTM then evicts. */
	if (err == -ENOSPC)
		vdgpu_bo_note_vram_full(tbo);
	return err;
}

static void vdgpu_vram_mgr_del(struct ttm_resource_manager *man,
			       struct ttm_resource *res)
{
	struct vdgpu_vram_mgr_resource *vres = to_vdgpu_vram_mgr_resource(res);
	struct vdgpu_vram_mgr *mgr = to_vdgpu_vram_mgr(man);

	mutex_lock(&mgr->lock);
	gpu_buddy_free_list(&mgr->mm, &vres->blocks, 0);
	mgr->visible_avail += vres->used_visible_size;
	mutex_unlock(&mgr->lock);

	ttm_resource_fini(man, res);
	kfree(vres);
}

static void vdgpu_vram_mgr_debug(struct ttm_resource_manager *man,
				 struct drm_printer *printer)
{
	struct vdgpu_vram_mgr *mgr = to_vdgpu_vram_mgr(man);

	mutex_lock(&mgr->lock);
	drm_printf(printer, "visible_size: %llu MiB\n", mgr->visible_size >> 20);
	drm_printf(printer, "visible_avail: %llu MiB\n", mgr->visible_avail >> 20);
	drm_buddy_print(&mgr->mm, printer);
	mutex_unlock(&mgr->lock);
}

/* The page range [*fpfn, *lpfn) a block covers. */
static void vdgpu_vram_block_pfns(struct vdgpu_vram_mgr *mgr,
				  struct gpu_buddy_block *block,
				  unsigned long *fpfn, unsigned long *lpfn)
{
	*fpfn = gpu_buddy_block_offset(block) >> PAGE_SHIFT;
	*lpfn = *fpfn + (gpu_buddy_block_size(&mgr->mm, block) >> PAGE_SHIFT);
}

static bool vdgpu_vram_mgr_intersects(struct ttm_resource_manager *man,
				      struct ttm_resource *res,
				      const struct ttm_place *place,
				      size_t size)
{
	struct vdgpu_vram_mgr *mgr = to_vdgpu_vram_mgr(man);
	struct vdgpu_vram_mgr_resource *vres = to_vdgpu_vram_mgr_resource(res);
	struct gpu_buddy_block *block;

	if (!place->fpfn && !place->lpfn)
		return true;

	list_for_each_entry(block, &vres->blocks, link) {
		unsigned long fpfn, lpfn;

		vdgpu_vram_block_pfns(mgr, block, &fpfn, &lpfn);
		if (place->fpfn < lpfn && (!place->lpfn || place->lpfn > fpfn))
			return true;
	}
	return false;
}

static bool vdgpu_vram_mgr_compatible(struct ttm_resource_manager *man,
				      struct ttm_resource *res,
				      const struct ttm_place *place,
				      size_t size)
{
	struct vdgpu_vram_mgr *mgr = to_vdgpu_vram_mgr(man);
	struct vdgpu_vram_mgr_resource *vres = to_vdgpu_vram_mgr_resource(res);
	struct gpu_buddy_block *block;

	if (!place->fpfn && !place->lpfn)
		return true;

	list_for_each_entry(block, &vres->blocks, link) {
		unsigned long fpfn, lpfn;

		vdgpu_vram_block_pfns(mgr, block, &fpfn, &lpfn);
		if (fpfn < place->fpfn || (place->lpfn && lpfn > place->lpfn))
			return false;
	}
	return true;
}

/**
 * vdgpu_vram_mgr_free_bytes - how much of VRAM is not allocated
 * @mgr: the manager
 * @visible: receives the free bytes of the CPU-visible part
 *
 * Return: the free bytes of all of VRAM.
 */
u64 vdgpu_vram_mgr_free_bytes(struct vdgpu_vram_mgr *mgr, u64 *visible)
{
	u64 avail;

	mutex_lock(&mgr->lock);
	avail = mgr->mm.avail;
	*visible = mgr->visible_avail;
	mutex_unlock(&mgr->lock);
	return avail;
}
EXPORT_SYMBOL_IF_KUNIT(vdgpu_vram_mgr_free_bytes);

static const struct ttm_resource_manager_func vdgpu_vram_mgr_func = {
	.alloc = vdgpu_vram_mgr_new,
	.free = vdgpu_vram_mgr_del,
	.intersects = vdgpu_vram_mgr_intersects,
	.compatible = vdgpu_vram_mgr_compatible,
	.debug = vdgpu_vram_mgr_debug,
};

/**
 * vdgpu_vram_mgr_init - create the VRAM manager
 * @bdev: the TTM device
 * @mgr: the manager
 * @size: VRAM bytes
 * @visible_size: bytes from offset 0 the CPU can reach
 *
 * Return: 0 or a negative errno.
 */
int vdgpu_vram_mgr_init(struct ttm_device *bdev, struct vdgpu_vram_mgr *mgr,
			u64 size, u64 visible_size)
{
	struct ttm_resource_manager *man = &mgr->manager;
	int err;

	man->func = &vdgpu_vram_mgr_func;
	mutex_init(&mgr->lock);
	mgr->visible_size = visible_size;
	mgr->visible_avail = visible_size;

	ttm_resource_manager_init(man, bdev, size);
	err = gpu_buddy_init(&mgr->mm, man->size, PAGE_SIZE);
	if (err) {
		mutex_destroy(&mgr->lock);
		return err;
	}

	ttm_set_driver_manager(bdev, TTM_PL_VRAM, man);
	ttm_resource_manager_set_used(man, true);
	return 0;
}
EXPORT_SYMBOL_IF_KUNIT(vdgpu_vram_mgr_init);

/**
 * vdgpu_vram_mgr_fini - evict everything and destroy the VRAM manager
 * @bdev: the TTM device
 * @mgr: the manager
 *
 * Return: 0, or the error of the eviction (the manager is then left alone).
 */
int vdgpu_vram_mgr_fini(struct ttm_device *bdev, struct vdgpu_vram_mgr *mgr)
{
	struct ttm_resource_manager *man = &mgr->manager;
	int err;

	ttm_resource_manager_set_used(man, false);
	err = ttm_resource_manager_evict_all(bdev, man);
	if (err)
		return err;

	gpu_buddy_fini(&mgr->mm);
	ttm_resource_manager_cleanup(man);
	ttm_set_driver_manager(bdev, TTM_PL_VRAM, NULL);
	mutex_destroy(&mgr->lock);
	return 0;
}
EXPORT_SYMBOL_IF_KUNIT(vdgpu_vram_mgr_fini);

/**
 * vdgpu_vram_mgr_res_visible - whether a VRAM resource is all CPU-visible
 * @res: a VRAM resource
 *
 * Return: true when every byte is inside the CPU-visible part.
 */
bool vdgpu_vram_mgr_res_visible(struct ttm_resource *res)
{
	return to_vdgpu_vram_mgr_resource(res)->used_visible_size == res->size;
}
EXPORT_SYMBOL_IF_KUNIT(vdgpu_vram_mgr_res_visible);

/**
 * vdgpu_vram_cursor_first - start walking a VRAM resource
 * @bdev: the TTM device
 * @res: the resource
 * @offset: byte offset into the resource to start at
 * @cur: the cursor
 */
void vdgpu_vram_cursor_first(struct ttm_device *bdev, struct ttm_resource *res,
			     u64 offset, struct vdgpu_vram_cursor *cur)
{
	struct vdgpu_vram_mgr_resource *vres = to_vdgpu_vram_mgr_resource(res);
	struct vdgpu_vram_mgr *mgr =
		container_of(ttm_manager_type(bdev, TTM_PL_VRAM),
			     struct vdgpu_vram_mgr, manager);

	cur->mm = &mgr->mm;
	cur->head = &vres->blocks;
	cur->block = list_first_entry(&vres->blocks, struct gpu_buddy_block, link);
	cur->remaining = res->size;
	cur->start = gpu_buddy_block_offset(cur->block);
	cur->size = gpu_buddy_block_size(cur->mm, cur->block);
	vdgpu_vram_cursor_next(cur, offset);
}
EXPORT_SYMBOL_IF_KUNIT(vdgpu_vram_cursor_first);

/**
 * vdgpu_vram_cursor_next - advance a cursor
 * @cur: the cursor
 * @bytes: how far
 */
void vdgpu_vram_cursor_next(struct vdgpu_vram_cursor *cur, u64 bytes)
{
	while (bytes && cur->remaining) {
		u64 step = min(bytes, cur->size);

		cur->start += step;
		cur->size -= step;
		cur->remaining -= step;
		bytes -= step;
		if (!cur->size && cur->remaining) {
			cur->block = list_next_entry(cur->block, link);
			cur->start = gpu_buddy_block_offset(cur->block);
			cur->size = gpu_buddy_block_size(cur->mm, cur->block);
		}
	}
}
EXPORT_SYMBOL_IF_KUNIT(vdgpu_vram_cursor_next);
