// SPDX-License-Identifier: GPL-2.0-only
/*
 * PCI instances: VRAM is BAR2 of a QEMU ivshmem-plain device.
 *
 * Copyright (c) 2026 The vdgpu authors
 */
#include <linux/dma-mapping.h>
#include <linux/module.h>
#include <linux/pci.h>

#include <drm/drm_drv.h>
#include <drm/drm_print.h>
#include <kunit/visibility.h>

#include "vdgpu_drv.h"
#include "vdgpu_p2p_pages.h"

#define VDGPU_VRAM_BAR		2

static bool vdgpu_bind_ivshmem;
module_param_named(bind_ivshmem, vdgpu_bind_ivshmem, bool, 0444);
MODULE_PARM_DESC(bind_ivshmem,
		 "Bind every ivshmem PCI device (default: off; only devices whose driver_override is \"vdgpu\" are bound)");

static unsigned int vdgpu_visible_vram_mb;
module_param_named(visible_vram_mb, vdgpu_visible_vram_mb, uint, 0444);
MODULE_PARM_DESC(visible_vram_mb,
		 "Emulate a small BAR: MiB of VRAM the CPU may reach (default: 0, the whole BAR)");

static char *vdgpu_p2p_map = "resource";
module_param_named(p2p_map, vdgpu_p2p_map, charp, 0444);
MODULE_PARM_DESC(p2p_map,
		 "How peer-to-peer mappings of VRAM are made: \"resource\" (default: computed bus addresses, dma_map_resource()) or \"pages\" (ZONE_DEVICE pages from pci_p2pdma_add_resource(), dma_map_sgtable(); a struct page per 4 KiB of BAR)");

static int vdgpu_pci_probe(struct pci_dev *pdev, const struct pci_device_id *id)
{
	struct vdgpu_device *vdev;
	enum vdgpu_p2p_map_strategy strategy;
	struct vdgpu_vram *vram;
	int ret;

	if (vdgpu_p2p_map_strategy_parse(vdgpu_p2p_map, &strategy)) {
		dev_err(&pdev->dev, "p2p_map=%s: expected \"resource\" or \"pages\"\n",
			vdgpu_p2p_map);
		return -EINVAL;
	}
	if (!(pci_resource_flags(pdev, VDGPU_VRAM_BAR) & IORESOURCE_MEM) ||
	    !pci_resource_len(pdev, VDGPU_VRAM_BAR)) {
		dev_err(&pdev->dev, "BAR%d is not a memory BAR, cannot use it as VRAM\n",
			VDGPU_VRAM_BAR);
		return -ENODEV;
	}

	vdev = devm_drm_dev_alloc(&pdev->dev, &vdgpu_drm_driver,
				  struct vdgpu_device, drm);
	if (IS_ERR(vdev))
		return PTR_ERR(vdev);

	vdev->kind = VDGPU_DEVICE_PCI;
	vdev->pdev = pdev;
	pci_set_drvdata(pdev, vdev);

	ret = pcim_enable_device(pdev);
	if (ret)
		return ret;
	pci_set_master(pdev);

	ret = dma_set_mask_and_coherent(&pdev->dev, DMA_BIT_MASK(64));
	if (ret)
		return ret;
	/* As an importer the engine takes segments of any length (as amdgpu's). */
	dma_set_max_seg_size(&pdev->dev, UINT_MAX);

	vram = &vdev->vram;
	vram->io_start = pci_resource_start(pdev, VDGPU_VRAM_BAR);
	vram->bus_addr = pci_bus_address(pdev, VDGPU_VRAM_BAR);
	vram->size = pci_resource_len(pdev, VDGPU_VRAM_BAR);
	vram->visible_size = vram->size;
	if (vdgpu_visible_vram_mb)
		vram->visible_size = min_t(u64, vram->size,
					   (u64)vdgpu_visible_vram_mb << 20);

	if (!devm_request_mem_region(&pdev->dev, vram->io_start, vram->size,
				     DRIVER_NAME)) {
		dev_err(&pdev->dev, "VRAM BAR %pR is busy\n",
			pci_resource_n(pdev, VDGPU_VRAM_BAR));
		return -EBUSY;
	}

	vram->vaddr = devm_ioremap_wc(&pdev->dev, vram->io_start, vram->size);
	if (!vram->vaddr)
		return -ENOMEM;

	/* After the ioremap: the pages' mapping then shares its WC type. */
	vdgpu_p2p_pages_init(vdev, VDGPU_VRAM_BAR, strategy);

	return vdgpu_device_register(vdev);
}

static void vdgpu_pci_remove(struct pci_dev *pdev)
{
	vdgpu_device_unplug(pci_get_drvdata(pdev));
}

/*
 * ivshmem devices serve many purposes, so binding is opt-in: the ID table is
 * used only with bind_ivshmem=1. Without it the driver has no table and the
 * PCI core offers it only devices whose driver_override names "vdgpu". For
 * the same reason there is no MODULE_DEVICE_TABLE: no ivshmem device loads
 * this module by itself.
 */
static const struct pci_device_id vdgpu_pci_ids[] = {
	{ PCI_DEVICE(PCI_VENDOR_ID_REDHAT_QUMRANET, 0x1110) },	/* ivshmem */
	{ }
};

static struct pci_driver vdgpu_pci_driver = {
	.name = DRIVER_NAME,
	.probe = vdgpu_pci_probe,
	.remove = vdgpu_pci_remove,
};

int vdgpu_pci_register(void)
{
	vdgpu_pci_driver.id_table = vdgpu_bind_ivshmem ? vdgpu_pci_ids : NULL;
	return pci_register_driver(&vdgpu_pci_driver);
}

void vdgpu_pci_unregister(void)
{
	pci_unregister_driver(&vdgpu_pci_driver);
}

#if IS_ENABLED(CONFIG_KUNIT)
/**
 * vdgpu_pci_find_device - the @index-th PCI device vdgpu is bound to
 * @index: from 0, in PCI device order
 *
 * For live KUnit tests, which run while the driver is bound.
 *
 * Return: the device with a reference on its DRM device (drm_dev_put()),
 * or NULL.
 */
struct vdgpu_device *vdgpu_pci_find_device(unsigned int index)
{
	struct pci_dev *pdev = NULL;

	for_each_pci_dev(pdev) {
		struct vdgpu_device *vdev;

		if (pdev->driver != &vdgpu_pci_driver || !pci_get_drvdata(pdev) ||
		    index--)
			continue;
		vdev = pci_get_drvdata(pdev);
		drm_dev_get(&vdev->drm);
		pci_dev_put(pdev);
		return vdev;
	}
	return NULL;
}
EXPORT_SYMBOL_IF_KUNIT(vdgpu_pci_find_device);
#endif
