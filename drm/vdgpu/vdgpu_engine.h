/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Copyright (c) 2026 The vdgpu authors
 */
#ifndef _VDGPU_ENGINE_H_
#define _VDGPU_ENGINE_H_

#include <linux/llist.h>
#include <linux/workqueue.h>

#include <drm/gpu_scheduler.h>

struct vdgpu_device;
struct vdgpu_job;

/**
 * struct vdgpu_engine - a software engine: a drm_sched scheduler whose jobs
 * run on the CPU, in the scheduler's work queue, one at a time
 */
struct vdgpu_engine {
	/** @sched: the scheduler. */
	struct drm_gpu_scheduler sched;
	/**
	 * @wq: the scheduler's work queue, where jobs run: ordered and
	 * high priority, since a job is the engine doing its work.
	 */
	struct workqueue_struct *wq;
	/** @kernel_entity: the kernel's own queue on it (moves). */
	struct drm_sched_entity kernel_entity;
	/**
	 * @clear_entity: the kernel's queue for clears of new backings, apart
	 * from @kernel_entity: a queue runs its jobs in order, and a move
	 * waits for every fence of its buffer, which a client may never
	 * signal; a clear waits for no client's fence (only for a move that
	 * freed the memory it clears), so another client's buffers are
	 * created and zeroed whatever one client's moves wait for.
	 */
	struct drm_sched_entity clear_entity;
	/**
	 * @bounce: one page the running job may use; jobs run one at a
	 * time, so one page serves them all.
	 */
	void *bounce;
	/**
	 * @free_list: finished jobs whose resources are released by
	 * @free_work, off the fence-signalling path.
	 */
	struct llist_head free_list;
	/** @free_work: releases the jobs on @free_list. */
	struct work_struct free_work;
};

/**
 * struct vdgpu_job_ops - what a job does
 */
struct vdgpu_job_ops {
	/**
	 * @run: do the work, with the engine's one-page bounce buffer; the
	 * return value becomes the fence error. Runs in the fence-signalling
	 * critical section: it must not take a reservation lock, allocate
	 * memory or wait for a fence.
	 */
	int (*run)(struct vdgpu_job *job, void *bounce);
	/**
	 * @free: release the job after it finished or was cancelled. Runs
	 * in process context outside the fence-signalling path (the
	 * engine's @free_work), so it may take reservation locks, as
	 * unmapping or detaching a dma-buf does.
	 */
	void (*free)(struct vdgpu_job *job);
};

/**
 * struct vdgpu_job - a job on a &struct vdgpu_engine
 */
struct vdgpu_job {
	/** @base: the scheduler job. */
	struct drm_sched_job base;
	/** @ops: what the job does. */
	const struct vdgpu_job_ops *ops;
	/** @vdev: the device. */
	struct vdgpu_device *vdev;
	/** @free_node: on &vdgpu_engine.free_list once finished. */
	struct llist_node free_node;
};

int vdgpu_engine_init(struct vdgpu_device *vdev, struct vdgpu_engine *engine,
		      const char *name);
void vdgpu_engine_fini(struct vdgpu_engine *engine);

int vdgpu_job_init(struct vdgpu_job *job, struct vdgpu_device *vdev,
		   struct drm_sched_entity *entity,
		   const struct vdgpu_job_ops *ops);
struct dma_fence *vdgpu_job_submit(struct vdgpu_job *job);

#endif
