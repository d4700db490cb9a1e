// SPDX-License-Identifier: GPL-2.0-only
/*
 * Platform instance: "VRAM" is a carved-out region of system memory. Used
 * where no ivshmem device exists; never reachable peer-to-peer.
 *
 * Copyright (c) 2026 The vdgpu authors
 */
#include <linux/dma-mapping.h>
#include <linux/module.h>
#include <linux/platform_device.h>
#include <linux/vmalloc.h>

#include <drm/drm_drv.h>

#include "vdgpu_drv.h"

static unsigned int vdgpu_platform_vram_mb;
module_param_named(platform_vram_mb, vdgpu_platform_vram_mb, uint, 0444);
MODULE_PARM_DESC(platform_vram_mb,
		 "Create a platform instance with this many MiB of carved-out system memory as VRAM (default: 0, none)");

static struct platform_device *vdgpu_platform_dev;

static void vdgpu_platform_free_vram(void *vaddr)
{
	vfree(vaddr);
}

static int vdgpu_platform_probe(struct platform_device *pdev)
{
	struct vdgpu_device *vdev;
	void *carve_out;
	u64 size = (u64)vdgpu_platform_vram_mb << 20;
	int ret;

	vdev = devm_drm_dev_alloc(&pdev->dev, &vdgpu_drm_driver,
				  struct vdgpu_device, drm);
	if (IS_ERR(vdev))
		return PTR_ERR(vdev);

	vdev->kind = VDGPU_DEVICE_PLATFORM;
	platform_set_drvdata(pdev, vdev);

	/* A size the machine cannot give is the user's error, not a warning. */
	carve_out = __vmalloc(size, GFP_KERNEL | __GFP_ZERO | __GFP_NOWARN);
	if (!carve_out) {
		dev_err(&pdev->dev, "cannot allocate %u MiB of carved-out VRAM\n",
			vdgpu_platform_vram_mb);
		return -ENOMEM;
	}
	ret = devm_add_action_or_reset(&pdev->dev, vdgpu_platform_free_vram,
				       carve_out);
	if (ret)
		return ret;

	/*
	 * The carve-out is ordinary memory; it is accessed through the same
	 * iomem accessors as a BAR so that one code path serves both.
	 */
	vdev->vram.vaddr = (void __iomem __force *)carve_out;
	vdev->vram.size = size;
	vdev->vram.visible_size = size;

	return vdgpu_device_register(vdev);
}

static void vdgpu_platform_remove(struct platform_device *pdev)
{
	vdgpu_device_unplug(platform_get_drvdata(pdev));
}

static struct platform_driver vdgpu_platform_driver = {
	.driver.name = DRIVER_NAME,
	.probe = vdgpu_platform_probe,
	.remove = vdgpu_platform_remove,
};

int vdgpu_platform_register(void)
{
	struct platform_device_info info = {
		.name = DRIVER_NAME,
		.id = PLATFORM_DEVID_NONE,
		.dma_mask = DMA_BIT_MASK(64),
	};
	int ret;

	if (!vdgpu_platform_vram_mb)
		return 0;

	ret = platform_driver_register(&vdgpu_platform_driver);
	if (ret)
		return ret;

	vdgpu_platform_dev = platform_device_register_full(&info);
	if (IS_ERR(vdgpu_platform_dev)) {
		ret = PTR_ERR(vdgpu_platform_dev);
		vdgpu_platform_dev = NULL;
		platform_driver_unregister(&vdgpu_platform_driver);
		return ret;
	}

	/* A probe failure (logged by the driver core) fails the module load. */
	if (!device_is_bound(&vdgpu_platform_dev->dev)) {
		vdgpu_platform_unregister();
		return -ENODEV;
	}

	return 0;
}

void vdgpu_platform_unregister(void)
{
	if (!vdgpu_platform_dev)
		return;

	platform_device_unregister(vdgpu_platform_dev);
	vdgpu_platform_dev = NULL;
	platform_driver_unregister(&vdgpu_platform_driver);
}
