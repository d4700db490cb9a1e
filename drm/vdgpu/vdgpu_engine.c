// SPDX-License-Identifier: GPL-2.0-only
/*
 * Software engines scheduled with drm_sched.
 *
 * A job's dependencies (fences from reservation objects and syncobjs) are
 * resolved by the scheduler; its work then runs on the CPU in the
 * scheduler's ordered work queue and its "hardware fence" is signalled when
 * that work returns. What callers see is the scheduler's finished fence,
 * exactly as for a hardware engine.
 *
 * Copyright (c) 2026 The vdgpu authors
 */
#include <linux/dma-fence.h>
#include <linux/slab.h>
#include <linux/workqueue.h>

#include <drm/drm_print.h>

#include "vdgpu_drv.h"
#include "vdgpu_engine.h"

static inline struct vdgpu_engine *sched_to_vdgpu_engine(struct drm_gpu_scheduler *sched)
{
	return container_of(sched, struct vdgpu_engine, sched);
}

static inline struct vdgpu_job *to_vdgpu_job(struct drm_sched_job *sched_job)
{
	return container_of(sched_job, struct vdgpu_job, base);
}

static struct dma_fence *vdgpu_engine_run_job(struct drm_sched_job *sched_job)
{
	struct vdgpu_engine *engine = sched_to_vdgpu_engine(sched_job->sched);
	struct vdgpu_job *job = to_vdgpu_job(sched_job);
	struct dma_fence *finished = &sched_job->s_fence->finished;
	bool cookie;
	int ret;

	/* A dependency that failed poisons the job; do not touch memory. */
	if (finished->error)
		return NULL;

	cookie = dma_fence_begin_signalling();
	ret = job->ops->run(job, engine->bounce);
	if (ret)
		dma_fence_set_error(finished, ret);
	dma_fence_end_signalling(cookie);

	/* No hardware fence: the work is done, the scheduler signals now. */
	return NULL;
}

static enum drm_gpu_sched_stat vdgpu_engine_timedout_job(struct drm_sched_job *sched_job)
{
	/* Jobs run to completion on the CPU; nothing can hang. */
	return DRM_GPU_SCHED_STAT_NOMINAL;
}

/*
 * On the scheduler's ordered work queue, where free(J1) may come before
 * run(J2): anything that waited here for a thread holding a reservation
 * while that thread waits for J2 would stop the engine for good.
 */
static void vdgpu_engine_free_job(struct drm_sched_job *sched_job)
{
	struct vdgpu_engine *engine = sched_to_vdgpu_engine(sched_job->sched);
	struct vdgpu_job *job = to_vdgpu_job(sched_job);
	bool cookie = dma_fence_begin_signalling();

	drm_sched_job_cleanup(sched_job);
	if (llist_add(&job->free_node, &engine->free_list))
		queue_work(system_wq, &engine->free_work);
	dma_fence_end_signalling(cookie);
}

static void vdgpu_engine_free_work(struct work_struct *work)
{
	struct vdgpu_engine *engine = container_of(work, typeof(*engine), free_work);
	struct llist_node *list = llist_del_all(&engine->free_list);
	struct vdgpu_job *job, *next;

	llist_for_each_entry_safe(job, next, list, free_node)
		job->ops->free(job);
}

static const struct drm_sched_backend_ops vdgpu_engine_ops = {
	.run_job = vdgpu_engine_run_job,
	.timedout_job = vdgpu_engine_timedout_job,
	.free_job = vdgpu_engine_free_job,
};

/**
 * vdgpu_engine_init - set up a software engine
 * @vdev: the device
 * @engine: the engine
 * @name: its name
 *
 * Return: 0 or a negative errno.
 */
int vdgpu_engine_init(struct vdgpu_device *vdev, struct vdgpu_engine *engine,
		      const char *name)
{
	struct drm_gpu_scheduler *sched = &engine->sched;
	struct drm_sched_init_args args = {
		.ops = &vdgpu_engine_ops,
		.num_rqs = DRM_SCHED_PRIORITY_COUNT,
		.credit_limit = 64,
		.timeout = MAX_SCHEDULE_TIMEOUT,
		.name = name,
		.dev = vdev->drm.dev,
	};
	int ret;

	init_llist_head(&engine->free_list);
	INIT_WORK(&engine->free_work, vdgpu_engine_free_work);
	engine->bounce = kmalloc(PAGE_SIZE, GFP_KERNEL);
	if (!engine->bounce)
		return -ENOMEM;
	engine->wq = alloc_ordered_workqueue("%s", WQ_MEM_RECLAIM | WQ_HIGHPRI, name);
	if (!engine->wq) {
		ret = -ENOMEM;
		goto err_bounce;
	}
	args.submit_wq = engine->wq;

	ret = drm_sched_init(sched, &args);
	if (ret)
		goto err_wq;

	ret = drm_sched_entity_init(&engine->kernel_entity,
				    DRM_SCHED_PRIORITY_KERNEL, &sched, 1, NULL);
	if (ret)
		goto err_sched;
	ret = drm_sched_entity_init(&engine->clear_entity,
				    DRM_SCHED_PRIORITY_KERNEL, &sched, 1, NULL);
	if (ret)
		goto err_kernel_entity;
	return 0;

err_kernel_entity:
	drm_sched_entity_destroy(&engine->kernel_entity);
err_sched:
	drm_sched_fini(sched);
err_wq:
	destroy_workqueue(engine->wq);
err_bounce:
	kfree(engine->bounce);
	return ret;
}

/**
 * vdgpu_engine_fini - tear an engine down after its last job was submitted
 * @engine: the engine
 *
 * Waits for queued kernel jobs to run and for finished jobs to be released.
 */
void vdgpu_engine_fini(struct vdgpu_engine *engine)
{
	drm_sched_entity_destroy(&engine->clear_entity);
	drm_sched_entity_destroy(&engine->kernel_entity);
	drm_sched_fini(&engine->sched);
	destroy_workqueue(engine->wq);
	flush_work(&engine->free_work);
	kfree(engine->bounce);
}

/**
 * vdgpu_job_init - prepare a job for an entity
 * @job: the job, embedded in the caller's structure
 * @vdev: the device
 * @entity: the queue it goes to
 * @ops: what it does
 *
 * Dependencies are added with drm_sched_job_add_*_dependencies() between
 * this and vdgpu_job_submit(). On error the caller frees the job itself.
 *
 * Return: 0 or a negative errno.
 */
int vdgpu_job_init(struct vdgpu_job *job, struct vdgpu_device *vdev,
		   struct drm_sched_entity *entity,
		   const struct vdgpu_job_ops *ops)
{
	job->vdev = vdev;
	job->ops = ops;
	return drm_sched_job_init(&job->base, entity, 1, NULL, 0);
}

/**
 * vdgpu_job_submit - queue a job
 * @job: an initialised job; the engine owns it from now on
 *
 * Return: a reference to the job's finished fence.
 */
struct dma_fence *vdgpu_job_submit(struct vdgpu_job *job)
{
	struct dma_fence *fence;

	drm_sched_job_arm(&job->base);
	fence = dma_fence_get(&job->base.s_fence->finished);
	drm_sched_entity_push_job(&job->base);
	return fence;
}
