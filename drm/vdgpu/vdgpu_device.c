// SPDX-License-Identifier: GPL-2.0-only
/*
 * Device life cycle shared by PCI and platform instances.
 *
 * Copyright (c) 2026 The vdgpu authors
 */
#include <drm/drm_drv.h>
#include <drm/drm_print.h>

#include "vdgpu_drv.h"

/**
 * vdgpu_device_register - publish a fully set-up device to userspace
 * @vdev: the device, with its VRAM described
 *
 * Return: 0 or a negative errno from drm_dev_register().
 */
int vdgpu_device_register(struct vdgpu_device *vdev)
{
	int ret;

	ret = vdgpu_ttm_init(vdev);
	if (ret)
		return ret;

	vdgpu_debugfs_init(vdev);

	ret = drm_dev_register(&vdev->drm, 0);
	if (ret)
		return ret;

	drm_info(&vdev->drm, "%s VRAM %llu MiB (%llu MiB CPU-visible) at bus address %pa\n",
		 vdev->kind == VDGPU_DEVICE_PCI ? "PCI" : "platform",
		 vdev->vram.size >> 20, vdev->vram.visible_size >> 20,
		 &vdev->vram.bus_addr);
	return 0;
}

/**
 * vdgpu_device_unplug - take a device away from userspace
 * @vdev: the device
 *
 * Open files stay valid but every ioctl on them fails with -ENODEV from now
 * on. Buffers are moved out of VRAM, so nothing uses the BAR once the
 * device is gone; the rest is released with the last reference to the DRM
 * device.
 */
void vdgpu_device_unplug(struct vdgpu_device *vdev)
{
	int ret;

	drm_dev_unplug(&vdev->drm);
	ret = vdgpu_ttm_evict_vram(vdev);
	if (ret)
		drm_err(&vdev->drm, "cannot empty VRAM on removal: %d\n", ret);
}
