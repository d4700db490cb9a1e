/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Copyright (c) 2026 The vdgpu authors
 */
#ifndef _VDGPU_EXEC_H_
#define _VDGPU_EXEC_H_

#include <linux/atomic.h>
#include <linux/kref.h>
#include <linux/wait.h>

#include <drm/gpu_scheduler.h>

struct drm_device;
struct drm_file;
struct vdgpu_bo;
struct vdgpu_device;

/**
 * struct vdgpu_file - per-client driver state
 */
struct vdgpu_file {
	/** @entity: the client's queue on the compute engine. */
	struct drm_sched_entity entity;
	/**
	 * @refcount: the file's reference and one per job in flight; the
	 * last one frees this.
	 */
	struct kref refcount;
	/**
	 * @jobs_in_flight: EXEC jobs submitted and not yet released, at most
	 * the max_jobs_per_client module parameter.
	 */
	atomic_t jobs_in_flight;
	/** @jobs_wq: EXEC waits here for @jobs_in_flight to go down. */
	wait_queue_head_t jobs_wq;
	/**
	 * @pinned_bytes: bytes of the client's own buffers (&vdgpu_bo.owner)
	 * that are pinned, at most the max_pinned_mb_per_client module
	 * parameter (vdgpu_bo_pin()).
	 */
	atomic64_t pinned_bytes;
};

struct vdgpu_file *vdgpu_file_get(struct vdgpu_file *vfile);
void vdgpu_file_put(struct vdgpu_file *vfile);

int vdgpu_exec_ioctl(struct drm_device *drm, void *data, struct drm_file *file);
int vdgpu_exec_file_open(struct vdgpu_device *vdev, struct drm_file *file);
void vdgpu_exec_file_close(struct drm_file *file);

#if IS_ENABLED(CONFIG_KUNIT)
int vdgpu_exec_validate(struct vdgpu_bo *bo);
#endif

#endif
