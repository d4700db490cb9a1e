// SPDX-License-Identifier: GPL-2.0-only
/*
 * vdgpu: a virtual discrete GPU for testing dynamic dma-buf sharing.
 *
 * Copyright (c) 2026 The vdgpu authors
 */
#include <linux/module.h>

#include <drm/drm_file.h>
#include <drm/drm_gem.h>
#include <drm/drm_ioctl.h>
#include <uapi/drm/vdgpu_drm.h>

#include "vdgpu_dma_buf.h"
#include "vdgpu_drv.h"
#include "vdgpu_exec.h"
#include "vdgpu_gem.h"
#include "vdgpu_query.h"

static const struct drm_ioctl_desc vdgpu_ioctls[] = {
	DRM_IOCTL_DEF_DRV(VDGPU_QUERY, vdgpu_query_ioctl, DRM_RENDER_ALLOW),
	DRM_IOCTL_DEF_DRV(VDGPU_GEM_CREATE, vdgpu_gem_create_ioctl, DRM_RENDER_ALLOW),
	DRM_IOCTL_DEF_DRV(VDGPU_GEM_MMAP_OFFSET, vdgpu_gem_mmap_offset_ioctl,
			  DRM_RENDER_ALLOW),
	DRM_IOCTL_DEF_DRV(VDGPU_GEM_MIGRATE, vdgpu_gem_migrate_ioctl, DRM_RENDER_ALLOW),
	DRM_IOCTL_DEF_DRV(VDGPU_GEM_WAIT, vdgpu_gem_wait_ioctl, DRM_RENDER_ALLOW),
	DRM_IOCTL_DEF_DRV(VDGPU_GEM_INFO, vdgpu_gem_info_ioctl, DRM_RENDER_ALLOW),
	DRM_IOCTL_DEF_DRV(VDGPU_EXEC, vdgpu_exec_ioctl, DRM_RENDER_ALLOW),
};

static int vdgpu_open(struct drm_device *drm, struct drm_file *file)
{
	return vdgpu_exec_file_open(to_vdgpu_device(drm), file);
}

static void vdgpu_postclose(struct drm_device *drm, struct drm_file *file)
{
	vdgpu_exec_file_close(file);
}

static const struct file_operations vdgpu_driver_fops = {
	DRM_GEM_FOPS,
	.show_fdinfo = drm_show_fdinfo,
};

const struct drm_driver vdgpu_drm_driver = {
	.driver_features = DRIVER_GEM | DRIVER_RENDER | DRIVER_SYNCOBJ,
	.open = vdgpu_open,
	.postclose = vdgpu_postclose,
	.ioctls = vdgpu_ioctls,
	.num_ioctls = ARRAY_SIZE(vdgpu_ioctls),
	.fops = &vdgpu_driver_fops,
	.gem_prime_import = vdgpu_gem_prime_import,
	.show_fdinfo = vdgpu_show_fdinfo,
	.name = DRIVER_NAME,
	.desc = DRIVER_DESC,
	.date = DRIVER_DATE,
	.major = DRIVER_MAJOR,
	.minor = DRIVER_MINOR,
	.patchlevel = DRIVER_PATCHLEVEL,
};

static int __init vdgpu_init(void)
{
	int ret;

	ret = vdgpu_pci_register();
	if (ret)
		return ret;

	ret = vdgpu_platform_register();
	if (ret) {
		vdgpu_pci_unregister();
		return ret;
	}

	return 0;
}

static void __exit vdgpu_exit(void)
{
	vdgpu_platform_unregister();
	vdgpu_pci_unregister();
}

module_init(vdgpu_init);
module_exit(vdgpu_exit);

MODULE_AUTHOR("The vdgpu authors");
MODULE_DESCRIPTION("Virtual discrete GPU with migrating VRAM and dynamic dma-buf sharing");
MODULE_LICENSE("GPL");
