/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Copyright (c) 2026 The vdgpu authors
 */
#ifndef _VDGPU_VRAM_MGR_H_
#define _VDGPU_VRAM_MGR_H_

#include <linux/gpu_buddy.h>
#include <linux/mutex.h>

#include <drm/ttm/ttm_resource.h>

struct drm_printer;
struct ttm_device;

/**
 * struct vdgpu_vram_mgr - TTM resource manager for VRAM on the buddy allocator
 */
struct vdgpu_vram_mgr {
	/** @manager: the TTM manager. */
	struct ttm_resource_manager manager;
	/** @mm: the buddy allocator over VRAM offsets. */
	struct gpu_buddy mm;
	/** @lock: protects @mm and @visible_avail. */
	struct mutex lock;
	/** @visible_size: bytes from offset 0 the CPU can reach. */
	u64 visible_size;
	/** @visible_avail: free bytes in the visible part. */
	u64 visible_avail;
};

/**
 * struct vdgpu_vram_mgr_resource - a VRAM allocation
 */
struct vdgpu_vram_mgr_resource {
	/** @base: the TTM resource. */
	struct ttm_resource base;
	/** @blocks: its buddy blocks (not necessarily contiguous). */
	struct list_head blocks;
	/** @flags: GPU_BUDDY_* allocation flags used. */
	unsigned long flags;
	/** @used_visible_size: bytes of it inside the CPU-visible part. */
	u64 used_visible_size;
	/**
	 * @contiguous: its blocks form one range, which starts at
	 * &ttm_resource.start.
	 */
	bool contiguous;
};

static inline struct vdgpu_vram_mgr_resource *
to_vdgpu_vram_mgr_resource(struct ttm_resource *res)
{
	return container_of(res, struct vdgpu_vram_mgr_resource, base);
}

/**
 * struct vdgpu_vram_cursor - walks a VRAM resource block by block
 */
struct vdgpu_vram_cursor {
	/** @block: the current block. */
	struct gpu_buddy_block *block;
	/** @head: the resource's block list. */
	struct list_head *head;
	/** @mm: the allocator. */
	struct gpu_buddy *mm;
	/** @start: VRAM offset of the current position. */
	u64 start;
	/** @size: bytes left in the current block from @start. */
	u64 size;
	/** @remaining: bytes left in the walk. */
	u64 remaining;
};

int vdgpu_vram_mgr_init(struct ttm_device *bdev, struct vdgpu_vram_mgr *mgr,
			u64 size, u64 visible_size);
int vdgpu_vram_mgr_fini(struct ttm_device *bdev, struct vdgpu_vram_mgr *mgr);
bool vdgpu_vram_mgr_res_visible(struct ttm_resource *res);
u64 vdgpu_vram_mgr_free_bytes(struct vdgpu_vram_mgr *mgr, u64 *visible);
void vdgpu_vram_cursor_first(struct ttm_device *bdev, struct ttm_resource *res,
			     u64 offset, struct vdgpu_vram_cursor *cur);
void vdgpu_vram_cursor_next(struct vdgpu_vram_cursor *cur, u64 bytes);

#endif
