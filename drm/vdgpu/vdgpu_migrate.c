// SPDX-License-Identifier: GPL-2.0-only
/*
 * Moves and clears on the copy engine.
 *
 * A job describes its source and destination when it is created, while the
 * buffer is reserved: VRAM as a list of (offset, length) chunks of the BAR,
 * system memory as the array of the TTM pages. TTM keeps both backings alive
 * until the job's fence signals (the old one is handed to a ghost object).
 * The job waits for every fence of the buffer (BOOKKEEP) before it copies,
 * and its fence is what TTM publishes in the reservation object as the
 * KERNEL move fence. The CPU reaches the BAR only through the iomem
 * accessors.
 *
 * Copyright (c) 2026 The vdgpu authors
 */
#include <linux/highmem.h>
#include <linux/io.h>
#include <linux/slab.h>

#include <drm/ttm/ttm_bo.h>
#include <drm/ttm/ttm_placement.h>
#include <drm/ttm/ttm_tt.h>

#include "vdgpu_drv.h"
#include "vdgpu_engine.h"
#include "vdgpu_migrate.h"
#include "vdgpu_vram_mgr.h"

/* Bytes between cond_resched() calls while copying. */
#define VDGPU_MIGRATE_RESCHED_BYTES	SZ_2M

struct vdgpu_mem_chunk {
	u64 offset;
	u64 size;
};

/* One side of a copy: VRAM chunks, or system pages. */
struct vdgpu_mem_view {
	struct vdgpu_mem_chunk *chunks;
	unsigned int num_chunks;
	struct page **pages;
};

struct vdgpu_migrate_job {
	struct vdgpu_job base;
	u64 size;
	bool clear;
	struct vdgpu_mem_view src;
	struct vdgpu_mem_view dst;
	/* one page bounce buffer for VRAM to VRAM copies */
	void *bounce;
};

static void vdgpu_mem_view_fini(struct vdgpu_mem_view *view)
{
	kvfree(view->chunks);
	kvfree(view->pages);
}

static int vdgpu_mem_view_init(struct vdgpu_device *vdev,
			       struct ttm_buffer_object *tbo,
			       struct ttm_resource *res,
			       struct vdgpu_mem_view *view)
{
	struct vdgpu_vram_cursor cur;
	unsigned int n = 0;

	memset(view, 0, sizeof(*view));
	if (res->mem_type != TTM_PL_VRAM) {
		u32 num_pages = PFN_UP(res->size);

		if (!tbo->ttm || !ttm_tt_is_populated(tbo->ttm))
			return -EINVAL;
		view->pages = kvmalloc_array(num_pages, sizeof(*view->pages),
					     GFP_KERNEL);
		if (!view->pages)
			return -ENOMEM;
		memcpy(view->pages, tbo->ttm->pages, num_pages * sizeof(*view->pages));
		return 0;
	}

	for (vdgpu_vram_cursor_first(&vdev->ttm, res, 0, &cur); cur.remaining;
	     vdgpu_vram_cursor_next(&cur, cur.size))
		n++;
	view->chunks = kvmalloc_array(n, sizeof(*view->chunks), GFP_KERNEL);
	if (!view->chunks)
		return -ENOMEM;
	for (vdgpu_vram_cursor_first(&vdev->ttm, res, 0, &cur); cur.remaining;
	     vdgpu_vram_cursor_next(&cur, cur.size)) {
		view->chunks[view->num_chunks].offset = cur.start;
		view->chunks[view->num_chunks].size = cur.size;
		view->num_chunks++;
	}
	return 0;
}

/*
 * Walks a view in pieces that are contiguous on that side: a run of a VRAM
 * chunk, or one system page.
 */
struct vdgpu_mem_walk {
	struct vdgpu_mem_view *view;
	unsigned int index;	/* chunk or page */
	u64 offset;		/* bytes into the chunk */
};

static u64 vdgpu_mem_walk_len(struct vdgpu_mem_walk *w)
{
	if (w->view->pages)
		return PAGE_SIZE;
	return w->view->chunks[w->index].size - w->offset;
}

static void vdgpu_mem_walk_advance(struct vdgpu_mem_walk *w, u64 bytes)
{
	if (w->view->pages) {
		w->index++;	/* always whole pages */
		return;
	}
	w->offset += bytes;
	if (w->offset == w->view->chunks[w->index].size) {
		w->index++;
		w->offset = 0;
	}
}

static void __iomem *vdgpu_mem_walk_io(struct vdgpu_device *vdev,
				       struct vdgpu_mem_walk *w)
{
	return vdev->vram.vaddr + w->view->chunks[w->index].offset + w->offset;
}

static void vdgpu_migrate_piece(struct vdgpu_migrate_job *job,
				struct vdgpu_mem_walk *src,
				struct vdgpu_mem_walk *dst, u64 len)
{
	struct vdgpu_device *vdev = job->base.vdev;
	void *s = NULL, *d = NULL;

	if (dst->view->pages)
		d = kmap_local_page(dst->view->pages[dst->index]);

	if (job->clear) {
		if (d)
			memset(d, 0, len);
		else
			memset_io(vdgpu_mem_walk_io(vdev, dst), 0, len);
	} else {
		if (src->view->pages)
			s = kmap_local_page(src->view->pages[src->index]);

		if (s && d) {
			memcpy(d, s, len);
		} else if (s) {
			memcpy_toio(vdgpu_mem_walk_io(vdev, dst), s, len);
		} else if (d) {
			memcpy_fromio(d, vdgpu_mem_walk_io(vdev, src), len);
		} else {
			memcpy_fromio(job->bounce, vdgpu_mem_walk_io(vdev, src), len);
			memcpy_toio(vdgpu_mem_walk_io(vdev, dst), job->bounce, len);
		}
		if (s)
			kunmap_local(s);
	}
	if (d)
		kunmap_local(d);
}

static int vdgpu_migrate_run(struct vdgpu_job *base)
{
	struct vdgpu_migrate_job *job = container_of(base, typeof(*job), base);
	struct vdgpu_mem_walk src = { .view = &job->src };
	struct vdgpu_mem_walk dst = { .view = &job->dst };
	u64 done = 0, since_resched = 0;

	while (done < job->size) {
		u64 len = min(vdgpu_mem_walk_len(&dst), job->size - done);

		if (!job->clear)
			len = min(len, vdgpu_mem_walk_len(&src));
		/* the bounce buffer is one page */
		if (!job->clear && !src.view->pages && !dst.view->pages)
			len = min_t(u64, len, PAGE_SIZE);

		vdgpu_migrate_piece(job, &src, &dst, len);

		if (!job->clear)
			vdgpu_mem_walk_advance(&src, len);
		vdgpu_mem_walk_advance(&dst, len);
		done += len;
		since_resched += len;
		if (since_resched >= VDGPU_MIGRATE_RESCHED_BYTES) {
			cond_resched();
			since_resched = 0;
		}
	}
	return 0;
}

static void vdgpu_migrate_free(struct vdgpu_job *base)
{
	struct vdgpu_migrate_job *job = container_of(base, typeof(*job), base);

	vdgpu_mem_view_fini(&job->src);
	vdgpu_mem_view_fini(&job->dst);
	kfree(job->bounce);
	kfree(job);
}

static const struct vdgpu_job_ops vdgpu_migrate_job_ops = {
	.run = vdgpu_migrate_run,
	.free = vdgpu_migrate_free,
};

static struct dma_fence *vdgpu_migrate_submit(struct vdgpu_device *vdev,
					      struct ttm_buffer_object *tbo,
					      struct ttm_resource *src,
					      struct ttm_resource *dst)
{
	struct vdgpu_migrate_job *job;
	int ret;

	job = kzalloc(sizeof(*job), GFP_KERNEL);
	if (!job)
		return ERR_PTR(-ENOMEM);

	job->size = dst->size;
	job->clear = !src;
	ret = vdgpu_mem_view_init(vdev, tbo, dst, &job->dst);
	if (!ret && src)
		ret = vdgpu_mem_view_init(vdev, tbo, src, &job->src);
	if (!ret && src && src->mem_type == TTM_PL_VRAM &&
	    dst->mem_type == TTM_PL_VRAM) {
		job->bounce = kmalloc(PAGE_SIZE, GFP_KERNEL);
		if (!job->bounce)
			ret = -ENOMEM;
	}
	if (ret)
		goto err_free;

	ret = vdgpu_job_init(&job->base, vdev, &vdev->copy_engine.kernel_entity,
			     &vdgpu_migrate_job_ops);
	if (ret)
		goto err_free;

	/* Nobody may be using the memory while it moves. */
	ret = drm_sched_job_add_resv_dependencies(&job->base.base, tbo->base.resv,
						  DMA_RESV_USAGE_BOOKKEEP);
	if (ret) {
		drm_sched_job_cleanup(&job->base.base);
		goto err_free;
	}

	return vdgpu_job_submit(&job->base);

err_free:
	vdgpu_migrate_free(&job->base);
	return ERR_PTR(ret);
}

/**
 * vdgpu_migrate_copy - queue a copy of a buffer's contents
 * @vdev: the device
 * @tbo: the buffer, reserved
 * @src: its current backing
 * @dst: its new backing (system pages populated)
 *
 * Return: the copy's fence, or an ERR_PTR.
 */
struct dma_fence *vdgpu_migrate_copy(struct vdgpu_device *vdev,
				     struct ttm_buffer_object *tbo,
				     struct ttm_resource *src,
				     struct ttm_resource *dst)
{
	return vdgpu_migrate_submit(vdev, tbo, src, dst);
}

/**
 * vdgpu_migrate_clear - queue zeroing of a new backing
 * @vdev: the device
 * @tbo: the buffer, reserved
 * @dst: the backing
 *
 * Return: the clear's fence, or an ERR_PTR.
 */
struct dma_fence *vdgpu_migrate_clear(struct vdgpu_device *vdev,
				      struct ttm_buffer_object *tbo,
				      struct ttm_resource *dst)
{
	return vdgpu_migrate_submit(vdev, tbo, NULL, dst);
}
