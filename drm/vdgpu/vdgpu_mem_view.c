// SPDX-License-Identifier: GPL-2.0-only
/*
 * The engines' view of buffer memory and the operations they do on it.
 *
 * System pages are reached through their backing's one kernel mapping
 * (vdgpu_tt_vmap()), so copies run in bursts as long as a VRAM chunk
 * rather than one call per page, and no view maps or unmaps anything. VRAM is
 * reached through the device's mapping of the BAR with the iomem accessors
 * only. Copies between two VRAM locations go through a one-page bounce
 * buffer, as do fills and checksums of VRAM.
 *
 * Copyright (c) 2026 The vdgpu authors
 */
#include <linux/io.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/string.h>

#include <drm/ttm/ttm_bo.h>
#include <drm/ttm/ttm_placement.h>
#include <drm/ttm/ttm_tt.h>

#include "vdgpu_drv.h"
#include "vdgpu_mem_view.h"
#include "vdgpu_tt.h"
#include "vdgpu_vram_mgr.h"

/* Bytes between cond_resched() calls. */
#define VDGPU_MEM_RESCHED_BYTES	SZ_2M

/**
 * vdgpu_mem_view_init - describe a buffer's backing for the engines
 * @vdev: the device
 * @tbo: the buffer, reserved
 * @res: its backing (bo->resource, or a new one during a move)
 * @view: the result
 *
 * Return: 0, -EINVAL for system memory without pages, or -ENOMEM.
 */
int vdgpu_mem_view_init(struct vdgpu_device *vdev, struct ttm_buffer_object *tbo,
			struct ttm_resource *res, struct vdgpu_mem_view *view)
{
	struct vdgpu_vram_cursor cur;
	unsigned int n = 0;

	memset(view, 0, sizeof(*view));
	view->vdev = vdev;
	view->size = res->size;
	if (res->mem_type != TTM_PL_VRAM) {
		if (!tbo->ttm || !ttm_tt_is_populated(tbo->ttm))
			return -EINVAL;
		view->vaddr = vdgpu_tt_vmap(tbo->ttm);
		return view->vaddr ? 0 : -ENOMEM;
	}

	for (vdgpu_vram_cursor_first(&vdev->ttm, res, 0, &cur); cur.remaining;
	     vdgpu_vram_cursor_next(&cur, cur.size))
		n++;
	view->chunks = kvcalloc(n, sizeof(*view->chunks), GFP_KERNEL_ACCOUNT);
	if (!view->chunks)
		return -ENOMEM;
	for (vdgpu_vram_cursor_first(&vdev->ttm, res, 0, &cur); cur.remaining;
	     vdgpu_vram_cursor_next(&cur, cur.size)) {
		view->chunks[view->num_chunks].addr = vdev->vram.vaddr + cur.start;
		view->chunks[view->num_chunks].size = cur.size;
		view->num_chunks++;
	}
	return 0;
}

/**
 * vdgpu_mem_view_fini - release a view
 * @view: the view
 */
void vdgpu_mem_view_fini(struct vdgpu_mem_view *view)
{
	unsigned int i;

	for (i = 0; view->chunks && i < view->num_chunks; i++)
		if (view->chunks[i].iounmap)
			iounmap(view->chunks[i].addr);
	kvfree(view->chunks);
	view->chunks = NULL;
	view->vaddr = NULL;
}

/* A position in a view; a piece is a VRAM chunk, or all of system memory. */
struct vdgpu_mem_walk {
	struct vdgpu_mem_view *view;
	unsigned int index;
	u64 offset;	/* into the piece */
};

static u64 vdgpu_mem_piece_size(struct vdgpu_mem_walk *w)
{
	return w->view->vaddr ? w->view->size : w->view->chunks[w->index].size;
}

static void vdgpu_mem_walk_init(struct vdgpu_mem_walk *w,
				struct vdgpu_mem_view *view, u64 offset)
{
	w->view = view;
	w->index = 0;
	while (!view->vaddr && offset >= view->chunks[w->index].size) {
		offset -= view->chunks[w->index].size;
		w->index++;
	}
	w->offset = offset;
}

static u64 vdgpu_mem_walk_len(struct vdgpu_mem_walk *w)
{
	return vdgpu_mem_piece_size(w) - w->offset;
}

static void vdgpu_mem_walk_advance(struct vdgpu_mem_walk *w, u64 bytes)
{
	w->offset += bytes;
	if (w->offset == vdgpu_mem_piece_size(w)) {
		w->index++;
		w->offset = 0;
	}
}

static bool vdgpu_mem_walk_is_io(struct vdgpu_mem_walk *w)
{
	return !w->view->vaddr;
}

static void __iomem *vdgpu_mem_walk_io(struct vdgpu_mem_walk *w)
{
	return w->view->chunks[w->index].addr + w->offset;
}

static void *vdgpu_mem_walk_sys(struct vdgpu_mem_walk *w)
{
	return w->view->vaddr + w->offset;
}

static void vdgpu_mem_maybe_resched(u64 *since, u64 len)
{
	*since += len;
	if (*since >= VDGPU_MEM_RESCHED_BYTES) {
		cond_resched();
		*since = 0;
	}
}

/* Reads @len bytes within the current piece into @buf. */
static void vdgpu_mem_walk_read(struct vdgpu_mem_walk *w, void *buf, u64 len)
{
	if (vdgpu_mem_walk_is_io(w))
		memcpy_fromio(buf, vdgpu_mem_walk_io(w), len);
	else
		memcpy(buf, vdgpu_mem_walk_sys(w), len);
}

/* Writes @len bytes within the current piece from @buf. */
static void vdgpu_mem_walk_write(struct vdgpu_mem_walk *w, const void *buf, u64 len)
{
	if (vdgpu_mem_walk_is_io(w))
		memcpy_toio(vdgpu_mem_walk_io(w), buf, len);
	else
		memcpy(vdgpu_mem_walk_sys(w), buf, len);
}

/**
 * vdgpu_mem_view_copy - copy bytes between views
 * @dst: destination
 * @dst_offset: where in @dst
 * @src: source
 * @src_offset: where in @src
 * @size: bytes
 * @bounce: a page of scratch memory
 */
void vdgpu_mem_view_copy(struct vdgpu_mem_view *dst, u64 dst_offset,
			 struct vdgpu_mem_view *src, u64 src_offset, u64 size,
			 void *bounce)
{
	struct vdgpu_mem_walk d, s;
	u64 since = 0;

	vdgpu_mem_walk_init(&d, dst, dst_offset);
	vdgpu_mem_walk_init(&s, src, src_offset);
	while (size) {
		u64 len = min3(size, vdgpu_mem_walk_len(&d), vdgpu_mem_walk_len(&s));

		/* Bounded so that cond_resched() comes often enough. */
		len = min_t(u64, len, VDGPU_MEM_RESCHED_BYTES);
		if (vdgpu_mem_walk_is_io(&s) && vdgpu_mem_walk_is_io(&d)) {
			len = min_t(u64, len, PAGE_SIZE);
			memcpy_fromio(bounce, vdgpu_mem_walk_io(&s), len);
			memcpy_toio(vdgpu_mem_walk_io(&d), bounce, len);
		} else if (vdgpu_mem_walk_is_io(&s)) {
			vdgpu_mem_walk_read(&s, vdgpu_mem_walk_sys(&d), len);
		} else {
			vdgpu_mem_walk_write(&d, vdgpu_mem_walk_sys(&s), len);
		}
		vdgpu_mem_walk_advance(&d, len);
		vdgpu_mem_walk_advance(&s, len);
		size -= len;
		vdgpu_mem_maybe_resched(&since, len);
	}
}

/**
 * vdgpu_mem_view_fill - fill bytes with a 32-bit pattern
 * @dst: destination
 * @offset: where, 4-byte aligned
 * @size: bytes, a multiple of 4
 * @value: the pattern
 * @bounce: a page of scratch memory
 */
void vdgpu_mem_view_fill(struct vdgpu_mem_view *dst, u64 offset, u64 size,
			 u32 value, void *bounce)
{
	struct vdgpu_mem_walk d;
	u64 since = 0;

	memset32(bounce, value, PAGE_SIZE / sizeof(u32));
	vdgpu_mem_walk_init(&d, dst, offset);
	while (size) {
		u64 len = min3(size, vdgpu_mem_walk_len(&d), (u64)PAGE_SIZE);

		vdgpu_mem_walk_write(&d, bounce, len);
		vdgpu_mem_walk_advance(&d, len);
		size -= len;
		vdgpu_mem_maybe_resched(&since, len);
	}
}

/**
 * vdgpu_mem_view_checksum - checksum of a range
 * @src: the view
 * @offset: where, 4-byte aligned
 * @size: bytes, a multiple of 4
 * @bounce: a page of scratch memory
 *
 * The checksum is defined in the uAPI (DRM_VDGPU_OP_CHECKSUM): over the
 * little-endian 32-bit words w, h = (h ^ w) * 0x100000001b3, from h = 0.
 *
 * Return: the checksum.
 */
u64 vdgpu_mem_view_checksum(struct vdgpu_mem_view *src, u64 offset, u64 size,
			    void *bounce)
{
	struct vdgpu_mem_walk s;
	u64 h = 0, since = 0;

	vdgpu_mem_walk_init(&s, src, offset);
	while (size) {
		u64 len = min3(size, vdgpu_mem_walk_len(&s), (u64)PAGE_SIZE);
		const __le32 *w = bounce;
		u64 i;

		vdgpu_mem_walk_read(&s, bounce, len);
		for (i = 0; i < len / sizeof(u32); i++)
			h = (h ^ le32_to_cpu(w[i])) * 0x100000001b3ull;
		vdgpu_mem_walk_advance(&s, len);
		size -= len;
		vdgpu_mem_maybe_resched(&since, len);
	}
	return h;
}

/**
 * vdgpu_mem_view_write - store a small value
 * @dst: destination
 * @offset: where; [offset, offset + size) must not cross a page
 * @data: the bytes
 * @size: how many
 */
void vdgpu_mem_view_write(struct vdgpu_mem_view *dst, u64 offset,
			  const void *data, u64 size)
{
	struct vdgpu_mem_walk d;

	vdgpu_mem_walk_init(&d, dst, offset);
	vdgpu_mem_walk_write(&d, data, size);
}
