// SPDX-License-Identifier: GPL-2.0-only
/*
 * Device life cycle shared by PCI and platform instances.
 *
 * Copyright (c) 2026 The vdgpu authors
 */
#include <drm/drm_drv.h>
#include <drm/drm_print.h>
#include <uapi/drm/vdgpu_drm.h>

#include "vdgpu_bo.h"
#include "vdgpu_dma_buf.h"
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
 * on, as do new dma-buf attachments and maps. Buffers are moved out of
 * VRAM, which tells their importers (move_notify), so nothing uses the BAR
 * once the device is gone; the rest is released with the last reference
 * to the DRM device. A buffer that an importer pinned in VRAM cannot move:
 * its importers are told all the same (revoke) and must stop using its
 * addresses.
 */
void vdgpu_device_unplug(struct vdgpu_device *vdev)
{
	struct vdgpu_bo *bo, *prev = NULL;
	int ret;

	drm_dev_unplug(&vdev->drm);
	ret = vdgpu_ttm_evict_vram(vdev);
	if (ret)
		drm_err(&vdev->drm, "cannot empty VRAM on removal: %d\n", ret);

	/*
	 * Not under bo_list_lock: a buffer is freed, taking that lock, where
	 * TTM may hold another buffer's reservation (eviction). So each buffer
	 * is referenced while the list is unlocked, which also keeps it, and
	 * the walk's place, on the list; the reference is dropped unlocked.
	 */
	mutex_lock(&vdev->bo_list_lock);
	list_for_each_entry(bo, &vdev->bo_list, link) {
		if (!ttm_bo_get_unless_zero(&bo->tbo))
			continue;
		mutex_unlock(&vdev->bo_list_lock);
		if (prev)
			ttm_bo_put(&prev->tbo);
		prev = bo;

		dma_resv_lock(bo->tbo.base.resv, NULL);
		if (bo->tbo.pin_count && vdgpu_bo_region(bo) == DRM_VDGPU_REGION_VRAM) {
			drm_warn(&vdev->drm,
				 "revoking a %zu-byte buffer pinned in VRAM by its importers\n",
				 bo->tbo.base.size);
			vdgpu_dma_buf_move_notify(bo);
		}
		dma_resv_unlock(bo->tbo.base.resv);
		mutex_lock(&vdev->bo_list_lock);
	}
	mutex_unlock(&vdev->bo_list_lock);
	if (prev)
		ttm_bo_put(&prev->tbo);
}
