/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Copyright (c) 2026 The vdgpu authors
 */
#ifndef _VDGPU_EXEC_H_
#define _VDGPU_EXEC_H_

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
};

int vdgpu_exec_ioctl(struct drm_device *drm, void *data, struct drm_file *file);
int vdgpu_exec_file_open(struct vdgpu_device *vdev, struct drm_file *file);
void vdgpu_exec_file_close(struct drm_file *file);

#if IS_ENABLED(CONFIG_KUNIT)
int vdgpu_exec_validate(struct vdgpu_bo *bo);
#endif

#endif
