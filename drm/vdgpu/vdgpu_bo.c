// SPDX-License-Identifier: GPL-2.0-only
/*
 * Buffer objects: TTM buffer objects that are GEM objects, placed in VRAM or
 * system memory by region preference, mmap-able with CPU faults that pull
 * invisible VRAM into reach.
 *
 * Copyright (c) 2026 The vdgpu authors
 */
#include <linux/dma-resv.h>
#include <linux/module.h>
#include <linux/slab.h>

#include <drm/drm_drv.h>
#include <drm/drm_gem_ttm_helper.h>
#include <drm/drm_print.h>
#include <kunit/visibility.h>
#include <uapi/drm/vdgpu_drm.h>

#include "vdgpu_bo.h"
#include "vdgpu_dma_buf.h"
#include "vdgpu_drv.h"
#include "vdgpu_exec.h"
#include "vdgpu_trace.h"
#include "vdgpu_vram_mgr.h"

static unsigned int vdgpu_max_pinned_mb = 256;
module_param_named(max_pinned_mb, vdgpu_max_pinned_mb, uint, 0644);
MODULE_PARM_DESC(max_pinned_mb,
		 "MiB of buffers, VRAM and system memory together, that may be pinned per device; a pin beyond fails with -ENOSPC (default: 256)");

static unsigned int vdgpu_max_pinned_mb_per_client = 64;
module_param_named(max_pinned_mb_per_client, vdgpu_max_pinned_mb_per_client, uint, 0644);
MODULE_PARM_DESC(max_pinned_mb_per_client,
		 "MiB of its own buffers one client (an open file of the device) may have pinned, by importers or vmap, within max_pinned_mb; a pin beyond fails with -ENOSPC (default: 64)");

static const struct drm_gem_object_funcs vdgpu_gem_object_funcs;

static void vdgpu_bo_destroy(struct ttm_buffer_object *tbo)
{
	struct vdgpu_bo *bo = ttm_to_vdgpu_bo(tbo);
	struct vdgpu_device *vdev = to_vdgpu_device(tbo->base.dev);

	/* TTM released the backing already. */
	trace_vdgpu_bo_destroy(bo, false);
	mutex_lock(&vdev->bo_list_lock);
	list_del(&bo->link);
	mutex_unlock(&vdev->bo_list_lock);
	vdgpu_dma_buf_backing_gone(bo);
	drm_gem_object_release(&tbo->base);
	if (bo->owner)
		vdgpu_file_put(bo->owner);
	kfree(bo);
}

/**
 * vdgpu_is_vdgpu_bo - whether a TTM object is one of ours
 * @tbo: the object
 *
 * Return: true for a &struct vdgpu_bo.
 */
bool vdgpu_is_vdgpu_bo(struct ttm_buffer_object *tbo)
{
	return tbo->destroy == vdgpu_bo_destroy;
}

/**
 * vdgpu_bo_placement - build a placement over some regions
 * @bo: the buffer
 * @regions: DRM_VDGPU_REGION_* bits to use, tried preferred-first
 * @cpu_visible: keep VRAM within the CPU-visible part
 * @p: the result
 *
 * The first place is tried with eviction before the others are used
 * (they are TTM fallbacks). VRAM is left out when the buffer cannot fit
 * there at all, so that nothing is evicted for the impossible. With a
 * small BAR, buffers that need no CPU access are placed from the top of
 * VRAM so that the CPU-visible window stays free for those that do.
 *
 * Return: the number of places; 0 means the buffer fits nowhere. Never
 * hand TTM an empty placement: it would drop the buffer's contents.
 */
unsigned int vdgpu_bo_placement(struct vdgpu_bo *bo, u32 regions,
				bool cpu_visible, struct vdgpu_placement *p)
{
	struct vdgpu_device *vdev = to_vdgpu_device(bo->tbo.base.dev);
	u32 order[2] = { bo->preferred, bo->preferred ^ DRM_VDGPU_REGIONS_ALL };
	u64 vram_room = vdev->vram.size;
	unsigned int i, n = 0;

	if (cpu_visible)
		vram_room = vdev->vram.visible_size;

	memset(p, 0, sizeof(*p));
	for (i = 0; i < ARRAY_SIZE(order); i++) {
		struct ttm_place *place = &p->places[n];

		if (!(regions & order[i]))
			continue;
		if (order[i] == DRM_VDGPU_REGION_VRAM) {
			if (bo->tbo.base.size > vram_room)
				continue;
			place->mem_type = TTM_PL_VRAM;
			if (vram_room < vdev->vram.size)
				place->lpfn = vram_room >> PAGE_SHIFT;
			else if (vdev->vram.visible_size < vdev->vram.size)
				/* Small BAR: keep the window for CPU access. */
				place->flags = TTM_PL_FLAG_TOPDOWN;
		} else {
			place->mem_type = TTM_PL_TT;
		}
		if (n)
			place->flags |= TTM_PL_FLAG_FALLBACK;
		n++;
	}
	p->placement.num_placement = n;
	p->placement.placement = p->places;
	return n;
}
EXPORT_SYMBOL_IF_KUNIT(vdgpu_bo_placement);

/*
 * TTM reports a full memory type as -ENOMEM, like a failed kernel
 * allocation, and an impossible VRAM size as -E2BIG. When VRAM was the only
 * choice and the VRAM manager found no room (@vram_full), the truth is "VRAM
 * is full"; a failed allocation stays -ENOMEM.
 */
static int vdgpu_bo_placement_errno(int ret, u32 regions, bool vram_full)
{
	if (regions != DRM_VDGPU_REGION_VRAM)
		return ret;
	if (ret == -E2BIG || (ret == -ENOMEM && vram_full))
		return -ENOSPC;
	return ret;
}

/* ttm_bo_validate() into @placement, with the errno told apart as above. */
static int vdgpu_bo_validate(struct vdgpu_bo *bo, struct ttm_placement *placement,
			     struct ttm_operation_ctx *ctx, u32 regions)
{
	bool vram_full = false;
	int ret;

	bo->vram_full = &vram_full;
	ret = ttm_bo_validate(&bo->tbo, placement, ctx);
	bo->vram_full = NULL;
	return vdgpu_bo_placement_errno(ret, regions, vram_full);
}

/**
 * vdgpu_bo_note_vram_full - the VRAM manager had no room for a buffer
 * @tbo: the buffer being placed, reserved
 *
 * Tells vdgpu_bo_create() or vdgpu_bo_migrate(), if one of them is placing
 * @tbo, that a VRAM allocation failed for lack of space rather than of
 * kernel memory, which TTM's return value does not tell apart.
 */
void vdgpu_bo_note_vram_full(struct ttm_buffer_object *tbo)
{
	struct vdgpu_bo *bo;

	if (!vdgpu_is_vdgpu_bo(tbo))
		return;
	bo = ttm_to_vdgpu_bo(tbo);
	if (bo->vram_full)
		*bo->vram_full = true;
}

/**
 * vdgpu_bo_create - create a buffer object, placed and zeroed
 * @vdev: the device
 * @size: bytes, page aligned
 * @regions: DRM_VDGPU_REGION_* bits it may use
 * @preferred: one bit of @regions
 * @flags: DRM_VDGPU_GEM_CREATE_* flags
 * @out: the buffer, with one GEM reference
 *
 * Return: 0, -E2BIG when @size exceeds every allowed region, -ENOSPC or
 * -ENOMEM when memory cannot be had.
 */
int vdgpu_bo_create(struct vdgpu_device *vdev, u64 size, u32 regions,
		    u32 preferred, u32 flags, struct vdgpu_bo **out)
{
	struct ttm_operation_ctx ctx = { .interruptible = true };
	struct vdgpu_placement p;
	bool vram_full = false;
	struct vdgpu_bo *bo;
	u64 largest = 0;
	int ret;

	if (regions & DRM_VDGPU_REGION_VRAM)
		largest = max(largest, flags & DRM_VDGPU_GEM_CREATE_NEEDS_CPU_ACCESS ?
				       vdev->vram.visible_size : vdev->vram.size);
	if (regions & DRM_VDGPU_REGION_SYSTEM)
		largest = max(largest, vdgpu_ttm_system_size(vdev));
	if (size > largest)
		return -E2BIG;

	bo = kzalloc(sizeof(*bo), GFP_KERNEL);
	if (!bo)
		return -ENOMEM;

	bo->regions = regions;
	bo->preferred = preferred;
	bo->flags = flags;
	bo->id = atomic64_inc_return(&vdev->next_bo_id);
	bo->tbo.base.funcs = &vdgpu_gem_object_funcs;
	drm_gem_private_object_init(&vdev->drm, &bo->tbo.base, size);
	mutex_lock(&vdev->bo_list_lock);
	list_add_tail(&bo->link, &vdev->bo_list);
	mutex_unlock(&vdev->bo_list_lock);

	if (!vdgpu_bo_placement(bo, regions,
				flags & DRM_VDGPU_GEM_CREATE_NEEDS_CPU_ACCESS, &p)) {
		vdgpu_bo_destroy(&bo->tbo);
		return -E2BIG;
	}
	/* On failure TTM calls vdgpu_bo_destroy(): @vram_full is ours. */
	bo->vram_full = &vram_full;
	ret = ttm_bo_init_reserved(&vdev->ttm, &bo->tbo, ttm_bo_type_device,
				   &p.placement, 0, &ctx, NULL, NULL,
				   vdgpu_bo_destroy);
	if (ret)
		return vdgpu_bo_placement_errno(ret, regions, vram_full);
	bo->vram_full = NULL;

	trace_vdgpu_bo_create(bo, vdgpu_bo_region(bo) == DRM_VDGPU_REGION_VRAM);
	ttm_bo_unreserve(&bo->tbo);
	*out = bo;
	return 0;
}
EXPORT_SYMBOL_IF_KUNIT(vdgpu_bo_create);

/**
 * vdgpu_bo_region - the region a buffer is in now
 * @bo: the buffer, reserved
 *
 * Return: DRM_VDGPU_REGION_VRAM or DRM_VDGPU_REGION_SYSTEM.
 */
u32 vdgpu_bo_region(struct vdgpu_bo *bo)
{
	return bo->tbo.resource && bo->tbo.resource->mem_type == TTM_PL_VRAM ?
		DRM_VDGPU_REGION_VRAM : DRM_VDGPU_REGION_SYSTEM;
}
EXPORT_SYMBOL_IF_KUNIT(vdgpu_bo_region);

/**
 * vdgpu_bo_cpu_visible - whether the CPU can map all of a buffer now
 * @bo: the buffer, reserved
 *
 * Return: true in system memory or entirely in the CPU-visible VRAM.
 */
bool vdgpu_bo_cpu_visible(struct vdgpu_bo *bo)
{
	struct ttm_resource *res = bo->tbo.resource;

	return !res || res->mem_type != TTM_PL_VRAM ||
	       vdgpu_vram_mgr_res_visible(res);
}
EXPORT_SYMBOL_IF_KUNIT(vdgpu_bo_cpu_visible);

/**
 * vdgpu_bo_wait_moves - wait for a buffer's moves and clears
 * @bo: the buffer
 *
 * Waits, interruptibly, for the KERNEL fences of its reservation: until
 * they signal, a new backing may hold bytes its owner never wrote.
 *
 * Return: 0 or -ERESTARTSYS.
 */
int vdgpu_bo_wait_moves(struct vdgpu_bo *bo)
{
	long ret = dma_resv_wait_timeout(bo->tbo.base.resv, DMA_RESV_USAGE_KERNEL,
					 true, MAX_SCHEDULE_TIMEOUT);

	return ret < 0 ? ret : 0;
}

/**
 * vdgpu_bo_migrate - move a buffer to a region
 * @bo: the buffer, reserved
 * @region: one DRM_VDGPU_REGION_* bit the buffer may use
 * @ctx: TTM operation context
 *
 * Queues the move; its fence is in the reservation object.
 *
 * Return: 0, -ENOSPC when the region is full of what cannot be evicted,
 * or another negative errno.
 */
int vdgpu_bo_migrate(struct vdgpu_bo *bo, u32 region,
		     struct ttm_operation_ctx *ctx)
{
	struct vdgpu_placement p;

	if (vdgpu_bo_region(bo) == region)
		return 0;
	if (bo->tbo.pin_count)
		return -EBUSY;

	if (!vdgpu_bo_placement(bo, region,
				bo->flags & DRM_VDGPU_GEM_CREATE_NEEDS_CPU_ACCESS, &p))
		return -ENOSPC;
	return vdgpu_bo_validate(bo, &p.placement, ctx, region);
}
EXPORT_SYMBOL_IF_KUNIT(vdgpu_bo_migrate);

/**
 * vdgpu_bo_make_system - put a buffer in system memory the device can use
 * @bo: the buffer, reserved, allowed in system memory
 * @ctx: TTM operation context
 *
 * Unlike vdgpu_bo_migrate() this also brings a buffer back from unbound
 * (possibly swapped-out) pages into populated TTM_PL_TT pages, which is
 * what DMA mappings and kernel mappings need.
 *
 * Return: 0, -EINVAL when the buffer may not live in system memory, -EBUSY
 * when it is pinned elsewhere, or another negative errno.
 */
int vdgpu_bo_make_system(struct vdgpu_bo *bo, struct ttm_operation_ctx *ctx)
{
	struct vdgpu_placement p;

	if (!(bo->regions & DRM_VDGPU_REGION_SYSTEM))
		return -EINVAL;
	if (bo->tbo.resource->mem_type == TTM_PL_TT)
		return 0;
	if (bo->tbo.pin_count)
		return -EBUSY;

	vdgpu_bo_placement(bo, DRM_VDGPU_REGION_SYSTEM, false, &p);
	return ttm_bo_validate(&bo->tbo, &p.placement, ctx);
}

static atomic64_t *vdgpu_bo_pinned_counter(struct vdgpu_bo *bo)
{
	struct vdgpu_device *vdev = to_vdgpu_device(bo->tbo.base.dev);

	return vdgpu_bo_region(bo) == DRM_VDGPU_REGION_VRAM ?
	       &vdev->stats.pinned_vram_bytes : &vdev->stats.pinned_system_bytes;
}

/**
 * vdgpu_bo_pin - pin a buffer where it is, accounted
 * @bo: the buffer, reserved
 *
 * The first pin adds the buffer's size to the device's pinned bytes of its
 * region and to its owner's; the pinned bytes of a device, both regions
 * together, may not exceed the max_pinned_mb module parameter, and those of
 * one client's buffers the max_pinned_mb_per_client one, so that one
 * client cannot take the whole device budget from the others.
 *
 * Return: 0 or -ENOSPC when a limit would be passed.
 */
int vdgpu_bo_pin(struct vdgpu_bo *bo)
{
	struct vdgpu_device *vdev = to_vdgpu_device(bo->tbo.base.dev);
	u64 size = bo->tbo.base.size;
	u64 limit = (u64)READ_ONCE(vdgpu_max_pinned_mb) << 20;
	u64 client_limit = (u64)READ_ONCE(vdgpu_max_pinned_mb_per_client) << 20;

	dma_resv_assert_held(bo->tbo.base.resv);
	if (!bo->tbo.pin_count) {
		atomic64_t *counter = vdgpu_bo_pinned_counter(bo);

		if (bo->owner &&
		    atomic64_add_return(size, &bo->owner->pinned_bytes) > client_limit) {
			atomic64_sub(size, &bo->owner->pinned_bytes);
			return -ENOSPC;
		}
		atomic64_add(size, counter);
		if (atomic64_read(&vdev->stats.pinned_vram_bytes) +
		    atomic64_read(&vdev->stats.pinned_system_bytes) > limit) {
			atomic64_sub(size, counter);
			if (bo->owner)
				atomic64_sub(size, &bo->owner->pinned_bytes);
			return -ENOSPC;
		}
	}
	ttm_bo_pin(&bo->tbo);
	trace_vdgpu_bo_pin(bo, true, vdgpu_bo_region(bo) == DRM_VDGPU_REGION_VRAM);
	/*
	 * Off the LRU now, not at the next ttm_bo_unreserve(): importers pin
	 * with the dma-buf API, under a plain dma_resv_lock(), and
	 * ttm_resource_manager_evict_all() evicts whatever is on the LRU.
	 */
	ttm_bo_move_to_lru_tail_unlocked(&bo->tbo);
	return 0;
}

/**
 * vdgpu_bo_unpin - drop a pin taken with vdgpu_bo_pin()
 * @bo: the buffer, reserved
 */
void vdgpu_bo_unpin(struct vdgpu_bo *bo)
{
	dma_resv_assert_held(bo->tbo.base.resv);
	ttm_bo_unpin(&bo->tbo);
	trace_vdgpu_bo_pin(bo, false, vdgpu_bo_region(bo) == DRM_VDGPU_REGION_VRAM);
	if (!bo->tbo.pin_count) {
		atomic64_sub(bo->tbo.base.size, vdgpu_bo_pinned_counter(bo));
		if (bo->owner)
			atomic64_sub(bo->tbo.base.size, &bo->owner->pinned_bytes);
		/* Evictable again, as in vdgpu_bo_pin(). */
		ttm_bo_move_to_lru_tail_unlocked(&bo->tbo);
	}
}

/**
 * vdgpu_move_reason_name - short name of a move reason
 * @reason: the reason
 *
 * Return: a constant string.
 */
const char *vdgpu_move_reason_name(enum vdgpu_move_reason reason)
{
	static const char * const names[] = {
		[VDGPU_MOVE_NONE] = "none",
		[VDGPU_MOVE_MIGRATE] = "migrate",
		[VDGPU_MOVE_EXEC] = "exec",
		[VDGPU_MOVE_CPU_FAULT] = "cpu-fault",
		[VDGPU_MOVE_EVICT] = "evict",
		[VDGPU_MOVE_DMA_BUF] = "dma-buf",
	};

	return reason < ARRAY_SIZE(names) ? names[reason] : "?";
}

/* What a failed move in a CPU fault means to the faulting access. */
static vm_fault_t vdgpu_gem_fault_errno(int err)
{
	switch (err) {
	case 0:
		return 0;
	case -ERESTARTSYS:
	case -EINTR:
		/* Back to user space: the signal is handled, the access retried. */
		return VM_FAULT_NOPAGE;
	case -ENOMEM:
		return VM_FAULT_OOM;
	default:
		return VM_FAULT_SIGBUS;
	}
}

static vm_fault_t vdgpu_gem_fault(struct vm_fault *vmf)
{
	struct ttm_buffer_object *tbo = vmf->vma->vm_private_data;
	struct vdgpu_bo *bo = ttm_to_vdgpu_bo(tbo);
	struct vdgpu_device *vdev = to_vdgpu_device(tbo->base.dev);
	vm_fault_t ret;
	int idx;

	ret = ttm_bo_vm_reserve(tbo, vmf);
	if (ret)
		return ret;

	if (drm_dev_enter(&vdev->drm, &idx)) {
		ret = 0;
		if (!vdgpu_bo_cpu_visible(bo)) {
			/* Waits end on a signal; the access is then retried. */
			struct ttm_operation_ctx ctx = { .interruptible = true };
			struct vdgpu_placement p;
			int err = -ENOSPC;

			/* Into the visible window, else system memory. */
			bo->move_reason = VDGPU_MOVE_CPU_FAULT;
			if (vdgpu_bo_placement(bo, bo->regions, true, &p))
				err = ttm_bo_validate(tbo, &p.placement, &ctx);
			ret = vdgpu_gem_fault_errno(err);
			if (!err)
				atomic64_inc(&vdev->stats.cpu_fault_migrations);
		}
		if (!ret)
			ret = ttm_bo_vm_fault_reserved(vmf, vmf->vma->vm_page_prot,
						       TTM_BO_VM_NUM_PREFAULT);
		drm_dev_exit(idx);
	} else {
		ret = ttm_bo_vm_dummy_page(vmf, vmf->vma->vm_page_prot);
	}

	if (ret == VM_FAULT_RETRY && !(vmf->flags & FAULT_FLAG_RETRY_NOWAIT))
		return ret;

	dma_resv_unlock(tbo->base.resv);
	return ret;
}

/* Copies between @buf and system pages of @tbo, a page at a time. */
static int vdgpu_gem_access_pages(struct ttm_buffer_object *tbo, unsigned long offset,
				  u8 *buf, int len, int write)
{
	unsigned long page = offset >> PAGE_SHIFT, left = len;
	int ret;

	offset &= ~PAGE_MASK;
	while (left) {
		unsigned long bytes = min(left, PAGE_SIZE - offset);
		struct ttm_bo_kmap_obj map;
		bool is_iomem;
		u8 *ptr;

		ret = ttm_bo_kmap(tbo, page, 1, &map);
		if (ret)
			return ret;
		ptr = (u8 *)ttm_kmap_obj_virtual(&map, &is_iomem) + offset;
		if (write)
			memcpy(ptr, buf, bytes);
		else
			memcpy(buf, ptr, bytes);
		ttm_bo_kunmap(&map);
		page++;
		buf += bytes;
		left -= bytes;
		offset = 0;
	}
	return len;
}

/*
 * access_process_vm() on a mapping (ptrace, /proc/PID/mem), which cannot
 * take the PFN-mapped pages. Unlike ttm_bo_vm_access() in 6.12 it waits for
 * the buffer's move, as a CPU fault does: until the copy has run, a backing
 * fresh from a move out of VRAM holds whatever its pages held before
 * (recycled pages of another buffer, vdgpu_tt.c). VRAM is not reached this
 * way (-EIO, as TTM does).
 */
static int vdgpu_gem_vm_access(struct vm_area_struct *vma, unsigned long addr,
			       void *buf, int len, int write)
{
	struct ttm_buffer_object *tbo = vma->vm_private_data;
	unsigned long offset = addr - vma->vm_start +
		((vma->vm_pgoff - drm_vma_node_start(&tbo->base.vma_node)) << PAGE_SHIFT);
	int ret, idx;

	if (len < 1 || offset > tbo->base.size || len > tbo->base.size - offset)
		return -EIO;
	if (!drm_dev_enter(tbo->base.dev, &idx))
		return -ENODEV;
	ret = ttm_bo_reserve(tbo, true, false, NULL);
	if (ret)
		goto out_exit;

	ret = vdgpu_bo_wait_moves(ttm_to_vdgpu_bo(tbo));
	if (!ret)
		ret = tbo->resource->mem_type == TTM_PL_VRAM ? -EIO :
		      vdgpu_gem_access_pages(tbo, offset, buf, len, write);
	ttm_bo_unreserve(tbo);
out_exit:
	drm_dev_exit(idx);
	return ret;
}

static const struct vm_operations_struct vdgpu_gem_vm_ops = {
	.fault = vdgpu_gem_fault,
	.open = ttm_bo_vm_open,
	.close = ttm_bo_vm_close,
	.access = vdgpu_gem_vm_access,
};

static void vdgpu_gem_free(struct drm_gem_object *obj)
{
	ttm_bo_put(&gem_to_vdgpu_bo(obj)->tbo);
}

/*
 * Put a VRAM-only buffer in one range of CPU-visible VRAM, which a kernel
 * mapping can cover.
 */
static int vdgpu_bo_make_vram_contiguous(struct vdgpu_bo *bo,
					 struct ttm_operation_ctx *ctx)
{
	struct vdgpu_device *vdev = to_vdgpu_device(bo->tbo.base.dev);
	struct ttm_place place = {
		.mem_type = TTM_PL_VRAM,
		.lpfn = vdev->vram.visible_size >> PAGE_SHIFT,
		.flags = TTM_PL_FLAG_CONTIGUOUS,
	};
	struct ttm_placement placement = { .num_placement = 1, .placement = &place };
	int ret;

	ret = vdgpu_bo_validate(bo, &placement, ctx, DRM_VDGPU_REGION_VRAM);
	/* Pinned elsewhere (ttm_bo_validate() says -EINVAL). */
	if (ret == -EINVAL && bo->tbo.pin_count)
		return -EBUSY;
	return ret;
}

/*
 * A kernel mapping (dma_buf_vmap() by an importer) needs the pages in one
 * place for as long as it lives: the buffer is pinned in system memory, or,
 * when it may only live in VRAM, in one range of CPU-visible VRAM. Called
 * with the reservation held. The dma-buf core warns about any error here.
 */
static int vdgpu_gem_vmap(struct drm_gem_object *obj, struct iosys_map *map)
{
	struct vdgpu_bo *bo = gem_to_vdgpu_bo(obj);
	struct ttm_operation_ctx ctx = { .interruptible = true };
	int ret;

	bo->move_reason = VDGPU_MOVE_DMA_BUF;
	if (bo->regions & DRM_VDGPU_REGION_SYSTEM)
		ret = vdgpu_bo_make_system(bo, &ctx);
	else
		ret = vdgpu_bo_make_vram_contiguous(bo, &ctx);
	if (ret)
		return ret;
	/* TTM would map a resource in several ranges as if it were one. */
	if (bo->tbo.resource->mem_type == TTM_PL_VRAM &&
	    !to_vdgpu_vram_mgr_resource(bo->tbo.resource)->contiguous)
		return -EINVAL;
	ret = vdgpu_bo_pin(bo);
	if (ret)
		return ret;

	ret = vdgpu_bo_wait_moves(bo) ?: ttm_bo_vmap(&bo->tbo, map);
	if (ret)
		vdgpu_bo_unpin(bo);
	return ret;
}

static void vdgpu_gem_vunmap(struct drm_gem_object *obj, struct iosys_map *map)
{
	struct vdgpu_bo *bo = gem_to_vdgpu_bo(obj);

	ttm_bo_vunmap(&bo->tbo, map);
	vdgpu_bo_unpin(bo);
}

static const struct drm_gem_object_funcs vdgpu_gem_object_funcs = {
	.free = vdgpu_gem_free,
	.export = vdgpu_gem_prime_export,
	.vmap = vdgpu_gem_vmap,
	.vunmap = vdgpu_gem_vunmap,
	.mmap = drm_gem_ttm_mmap,
	.print_info = drm_gem_ttm_print_info,
	.vm_ops = &vdgpu_gem_vm_ops,
};
