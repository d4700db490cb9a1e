/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Copyright (c) 2026 The vdgpu authors
 */
#ifndef _VDGPU_DRV_H_
#define _VDGPU_DRV_H_

#include <drm/drm_drv.h>

struct drm_file;
struct drm_printer;

#include "vdgpu_device_types.h"

#define DRIVER_NAME		"vdgpu"
#define DRIVER_DESC		"Virtual discrete GPU"
#define DRIVER_DATE		"20261122"
#define DRIVER_MAJOR		1
#define DRIVER_MINOR		0
#define DRIVER_PATCHLEVEL	0

extern const struct drm_driver vdgpu_drm_driver;

static inline struct vdgpu_device *to_vdgpu_device(struct drm_device *drm)
{
	return container_of(drm, struct vdgpu_device, drm);
}

int vdgpu_device_register(struct vdgpu_device *vdev);
void vdgpu_device_unplug(struct vdgpu_device *vdev);

int vdgpu_pci_register(void);
void vdgpu_pci_unregister(void);
struct vdgpu_device *vdgpu_pci_find_device(unsigned int index);

int vdgpu_platform_register(void);
void vdgpu_platform_unregister(void);

void vdgpu_debugfs_init(struct vdgpu_device *vdev);
void vdgpu_bench_debugfs_init(struct vdgpu_device *vdev);
void vdgpu_show_fdinfo(struct drm_printer *p, struct drm_file *file);

int vdgpu_ttm_init(struct vdgpu_device *vdev);
int vdgpu_ttm_evict_vram(struct vdgpu_device *vdev);
u64 vdgpu_ttm_system_size(struct vdgpu_device *vdev);

#endif
