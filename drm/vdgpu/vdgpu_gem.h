/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Copyright (c) 2026 The vdgpu authors
 */
#ifndef _VDGPU_GEM_H_
#define _VDGPU_GEM_H_

struct drm_device;
struct drm_file;

int vdgpu_gem_create_ioctl(struct drm_device *drm, void *data, struct drm_file *file);
int vdgpu_gem_mmap_offset_ioctl(struct drm_device *drm, void *data, struct drm_file *file);
int vdgpu_gem_migrate_ioctl(struct drm_device *drm, void *data, struct drm_file *file);
int vdgpu_gem_wait_ioctl(struct drm_device *drm, void *data, struct drm_file *file);
int vdgpu_gem_info_ioctl(struct drm_device *drm, void *data, struct drm_file *file);

#endif
