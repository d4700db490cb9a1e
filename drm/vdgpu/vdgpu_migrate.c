// SPDX-License-Identifier: GPL-2.0-only
/*
 * Moves and clears on the copy engine.
 *
 * A job describes its source and destination when it is created, while the
 * buffer is reserved (struct vdgpu_mem_view). TTM keeps both backings alive
 * until the job's fence signals (the old one is handed to a ghost object).
 * The job waits for every fence of the buffer (BOOKKEEP) before it copies,
 * and its fence is what TTM publishes in the reservation object as the
 * KERNEL move fence. Moves and clears have a queue each on the copy engine
 * (struct vdgpu_engine): ordering between them is by those fences only.
 *
 * Copyright (c) 2026 The vdgpu authors
 */
#include <linux/slab.h>

#include <drm/ttm/ttm_bo.h>
#include <drm/ttm/ttm_placement.h>
#include <drm/ttm/ttm_tt.h>

#include "vdgpu_drv.h"
#include "vdgpu_engine.h"
#include "vdgpu_mem_view.h"
#include "vdgpu_migrate.h"

struct vdgpu_migrate_job {
	struct vdgpu_job base;
	bool clear;
	struct vdgpu_mem_view src;
	struct vdgpu_mem_view dst;
};

static int vdgpu_migrate_run(struct vdgpu_job *base, void *bounce)
{
	struct vdgpu_migrate_job *job = container_of(base, typeof(*job), base);

	if (job->clear)
		vdgpu_mem_view_fill(&job->dst, 0, job->dst.size, 0, bounce);
	else
		vdgpu_mem_view_copy(&job->dst, 0, &job->src, 0, job->dst.size,
				    bounce);
	return 0;
}

static void vdgpu_migrate_free(struct vdgpu_job *base)
{
	struct vdgpu_migrate_job *job = container_of(base, typeof(*job), base);

	vdgpu_mem_view_fini(&job->src);
	vdgpu_mem_view_fini(&job->dst);
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

	job->clear = !src;
	ret = vdgpu_mem_view_init(vdev, tbo, dst, &job->dst);
	if (!ret && src)
		ret = vdgpu_mem_view_init(vdev, tbo, src, &job->src);
	if (ret)
		goto err_free;

	ret = vdgpu_job_init(&job->base, vdev, src ? &vdev->copy_engine.kernel_entity :
			     &vdev->copy_engine.clear_entity, &vdgpu_migrate_job_ops);
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
