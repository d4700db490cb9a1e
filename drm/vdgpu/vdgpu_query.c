// SPDX-License-Identifier: GPL-2.0-only
/*
 * DRM_IOCTL_VDGPU_QUERY: device and memory-region information.
 *
 * Copyright (c) 2026 The vdgpu authors
 */
#include <linux/mm.h>
#include <linux/pci.h>
#include <linux/slab.h>
#include <linux/uaccess.h>

#include <drm/drm_drv.h>
#include <drm/ttm/ttm_placement.h>
#include <drm/ttm/ttm_resource.h>
#include <kunit/visibility.h>
#include <uapi/drm/vdgpu_drm.h>

#include "vdgpu_drv.h"
#include "vdgpu_query.h"

/**
 * vdgpu_query_check_args - validate the fixed part of a query
 * @query: the ioctl argument as copied in
 *
 * Return: 0, or -EINVAL for unknown flags, nonzero padding or an unknown
 * query id.
 */
int vdgpu_query_check_args(const struct drm_vdgpu_query *query)
{
	if (query->flags || query->pad)
		return -EINVAL;

	switch (query->query) {
	case DRM_VDGPU_QUERY_DEVICE:
	case DRM_VDGPU_QUERY_REGIONS:
	case DRM_VDGPU_QUERY_STATS:
		return 0;
	default:
		return -EINVAL;
	}
}
EXPORT_SYMBOL_IF_KUNIT(vdgpu_query_check_args);

/*
 * Copy a block of @len bytes to userspace, honouring the size protocol of
 * struct drm_vdgpu_query: size 0 asks for the size; a buffer smaller than
 * @min_len is refused; a larger one receives what the kernel knows of.
 */
static int vdgpu_query_copy_out(struct drm_vdgpu_query *query,
				const void *block, u32 len, u32 min_len)
{
	u32 n;

	if (!query->size) {
		query->size = len;
		return 0;
	}

	if (query->size < min_len)
		return -EINVAL;

	n = min(query->size, len);
	if (copy_to_user(u64_to_user_ptr(query->data), block, n))
		return -EFAULT;

	query->size = n;
	return 0;
}

static int vdgpu_query_device(struct vdgpu_device *vdev,
			      struct drm_vdgpu_query *query)
{
	struct drm_vdgpu_query_device info = {
		.num_regions = 2,
		.vram_size = vdev->vram.size,
		.cpu_visible_vram_size = vdev->vram.visible_size,
		.vram_bus_address = vdev->vram.bus_addr,
		.p2p_capable = IS_ENABLED(CONFIG_PCI_P2PDMA) &&
			       vdev->kind == VDGPU_DEVICE_PCI,
		.move_notify = IS_ENABLED(CONFIG_DMABUF_MOVE_NOTIFY),
	};

	if (vdev->kind == VDGPU_DEVICE_PCI) {
		info.kind = DRM_VDGPU_DEVICE_PCI;
		info.pci_domain = pci_domain_nr(vdev->pdev->bus);
		info.pci_bus = vdev->pdev->bus->number;
		info.pci_devfn = vdev->pdev->devfn;
	} else {
		info.kind = DRM_VDGPU_DEVICE_PLATFORM;
	}

	return vdgpu_query_copy_out(query, &info, sizeof(info), sizeof(info));
}

static int vdgpu_query_regions(struct vdgpu_device *vdev,
			       struct drm_vdgpu_query *query)
{
	struct drm_vdgpu_query_regions *list;
	const u32 num = 2;
	u32 len = struct_size(list, regions, num);
	int ret;

	list = kzalloc(len, GFP_KERNEL);
	if (!list)
		return -ENOMEM;

	list->num_regions = num;
	list->regions[0].mem_class = DRM_VDGPU_MEM_SYSTEM;
	list->regions[0].total_size = vdgpu_ttm_system_size(vdev);
	list->regions[0].cpu_visible_size = list->regions[0].total_size;
	list->regions[0].used_size =
		ttm_resource_manager_usage(ttm_manager_type(&vdev->ttm, TTM_PL_TT));
	list->regions[0].free_size = list->regions[0].total_size -
		min(list->regions[0].used_size, list->regions[0].total_size);
	list->regions[0].cpu_visible_free_size = list->regions[0].free_size;
	list->regions[1].mem_class = DRM_VDGPU_MEM_VRAM;
	list->regions[1].total_size = vdev->vram.size;
	list->regions[1].cpu_visible_size = vdev->vram.visible_size;
	list->regions[1].used_size =
		ttm_resource_manager_usage(&vdev->vram_mgr.manager);
	list->regions[1].free_size =
		vdgpu_vram_mgr_free_bytes(&vdev->vram_mgr,
					  &list->regions[1].cpu_visible_free_size);

	ret = vdgpu_query_copy_out(query, list, len, len);
	kfree(list);
	return ret;
}

static int vdgpu_query_stats(struct vdgpu_device *vdev,
			     struct drm_vdgpu_query *query)
{
	struct drm_vdgpu_query_stats stats = {
		.evictions = atomic64_read(&vdev->stats.evictions),
		.bytes_to_vram = atomic64_read(&vdev->stats.bytes_to_vram),
		.bytes_to_system = atomic64_read(&vdev->stats.bytes_to_system),
		.cpu_fault_migrations = atomic64_read(&vdev->stats.cpu_fault_migrations),
		.pinned_vram_bytes = atomic64_read(&vdev->stats.pinned_vram_bytes),
		.pinned_system_bytes = atomic64_read(&vdev->stats.pinned_system_bytes),
		.move_notifies = atomic64_read(&vdev->stats.move_notifies),
	};

	return vdgpu_query_copy_out(query, &stats, sizeof(stats), sizeof(stats));
}

/**
 * vdgpu_query_ioctl - DRM_IOCTL_VDGPU_QUERY handler
 * @drm: the device
 * @data: &struct drm_vdgpu_query
 * @file: the caller's file
 *
 * Return: 0, -EINVAL for bad arguments, -EFAULT for a bad user pointer,
 * -ENODEV once the device is gone.
 */
int vdgpu_query_ioctl(struct drm_device *drm, void *data, struct drm_file *file)
{
	struct vdgpu_device *vdev = to_vdgpu_device(drm);
	struct drm_vdgpu_query *query = data;
	int ret, idx;

	ret = vdgpu_query_check_args(query);
	if (ret)
		return ret;

	if (!drm_dev_enter(drm, &idx))
		return -ENODEV;

	switch (query->query) {
	case DRM_VDGPU_QUERY_DEVICE:
		ret = vdgpu_query_device(vdev, query);
		break;
	case DRM_VDGPU_QUERY_REGIONS:
		ret = vdgpu_query_regions(vdev, query);
		break;
	default:
		ret = vdgpu_query_stats(vdev, query);
		break;
	}

	drm_dev_exit(idx);
	return ret;
}
