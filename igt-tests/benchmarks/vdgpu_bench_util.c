// SPDX-License-Identifier: MIT
/*
 * Helpers shared by the vdgpu benchmarks.
 *
 * Copyright (c) 2026 The vdgpu authors
 */
#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

#include <xf86drm.h>

#include "vdgpu_bench_util.h"

/*
 * Opens the PCI vdgpu device with the most VRAM, leaving out @except (the
 * device with that PCI address) when given.
 */
static int open_best(const struct drm_vdgpu_query_device *except,
		     struct drm_vdgpu_query_device *best)
{
	int fd = -1;

	for (int minor = 128; minor < 192; minor++) {
		struct drm_vdgpu_query_device info = {};
		struct drm_vdgpu_query q = {
			.query = DRM_VDGPU_QUERY_DEVICE, .size = sizeof(info),
			.data = (uintptr_t)&info,
		};
		char path[64];
		int f;

		snprintf(path, sizeof(path), "/dev/dri/renderD%d", minor);
		f = open(path, O_RDWR | O_CLOEXEC);
		if (f < 0)
			continue;
		if (drmIoctl(f, DRM_IOCTL_VDGPU_QUERY, &q) ||
		    info.kind != DRM_VDGPU_DEVICE_PCI ||
		    (except && info.pci_domain == except->pci_domain &&
		     info.pci_bus == except->pci_bus && info.pci_devfn == except->pci_devfn) ||
		    (fd >= 0 && info.vram_size <= best->vram_size)) {
			close(f);
			continue;
		}
		if (fd >= 0)
			close(fd);
		fd = f;
		*best = info;
	}
	return fd;
}

/**
 * open_largest - open the PCI vdgpu device with the most VRAM
 * @best: receives its DRM_VDGPU_QUERY_DEVICE block
 *
 * Returns: the render node's fd, or -1 when there is none.
 */
int open_largest(struct drm_vdgpu_query_device *best)
{
	return open_best(NULL, best);
}

/**
 * open_other - open another PCI vdgpu device than @dev
 * @dev: the device not wanted
 * @other: receives the other one's DRM_VDGPU_QUERY_DEVICE block
 *
 * Returns: the render node's fd, or -1 when there is none.
 */
int open_other(const struct drm_vdgpu_query_device *dev,
	       struct drm_vdgpu_query_device *other)
{
	return open_best(dev, other);
}

/**
 * debugfs_path - path of one of the device's debugfs files
 * @info: the device
 * @file: the file's name
 * @path: receives the path
 * @len: size of @path
 */
void debugfs_path(const struct drm_vdgpu_query_device *info, const char *file,
			 char *path, size_t len)
{
	snprintf(path, len, "/sys/kernel/debug/dri/%04x:%02x:%02x.%x/%s",
		 info->pci_domain, info->pci_bus, info->pci_devfn >> 3,
		 info->pci_devfn & 7, file);
}
