// SPDX-License-Identifier: GPL-2.0-only
/*
 * Copyright (c) 2026 The vdgpu authors
 */

/**
 * DOC: P2P map strategies
 *
 * A peer-to-peer mapping of VRAM can be made two ways (module parameter
 * ``p2p_map``, and per device at run time through debugfs ``p2p_map``):
 *
 * ``resource`` (default)
 *	The driver computes the addresses from the route vdgpu_p2p_route()
 *	found at attach: the BAR's PCI bus address through a common switch
 *	(what PCI_P2PDMA_MAP_BUS_ADDR would give), dma_map_resource() of the
 *	BAR range through the host bridge (an IOMMU address when an IOMMU
 *	translates for the importer). No struct page exists for VRAM, so it
 *	costs no memory, and it works on kernels without CONFIG_PCI_P2PDMA
 *	too (where no importer is P2P anyway).
 *
 * ``pages``
 *	At probe the BAR is registered as ZONE_DEVICE memory with
 *	pci_p2pdma_add_resource(), which creates a struct page for every
 *	4 KiB of it. A mapping is dma_map_sgtable() of those pages for the
 *	importer, so the DMA layer computes the map type itself
 *	(pci_p2pdma_map_type(): bus address inside a switch, a mapping
 *	through the host bridge) and marks bus-address entries for unmap.
 *	The importer is still handed a table with DMA addresses only; the
 *	table with the pages stays the exporter's, for unmap. Needs
 *	CONFIG_PCI_P2PDMA (it falls back to ``resource`` with a warning).
 *
 * Both give one entry per run of adjacent VRAM blocks. debugfs
 * ``p2p_map`` reports the memory the pages cost (computed, and measured
 * as free memory consumed by the registration) and ``make bench`` puts
 * their map costs side by side.
 */
#include <linux/mm.h>
#include <linux/pci.h>
#include <linux/pci-p2pdma.h>
#include <linux/string.h>
#include <linux/vmstat.h>

#include <drm/drm_print.h>
#include <kunit/visibility.h>

#include "vdgpu_drv.h"
#include "vdgpu_p2p_pages.h"

static const char * const vdgpu_p2p_map_strategy_names[] = {
	[VDGPU_P2P_MAP_RESOURCE] = "resource",
	[VDGPU_P2P_MAP_PAGES] = "pages",
};

/**
 * vdgpu_p2p_map_strategy_name - a strategy's name, as the parameter takes it
 * @strategy: the strategy
 *
 * Return: "resource" or "pages".
 */
const char *vdgpu_p2p_map_strategy_name(enum vdgpu_p2p_map_strategy strategy)
{
	return vdgpu_p2p_map_strategy_names[strategy];
}
EXPORT_SYMBOL_IF_KUNIT(vdgpu_p2p_map_strategy_name);

/**
 * vdgpu_p2p_map_strategy_parse - a strategy from its name
 * @name: "resource" or "pages", a trailing newline allowed
 * @strategy: set on success
 *
 * Return: 0, or -EINVAL for any other name.
 */
int vdgpu_p2p_map_strategy_parse(const char *name,
				 enum vdgpu_p2p_map_strategy *strategy)
{
	int i = sysfs_match_string(vdgpu_p2p_map_strategy_names, name);

	if (i < 0)
		return -EINVAL;
	*strategy = i;
	return 0;
}

/**
 * vdgpu_p2p_pages_init - register the VRAM BAR as ZONE_DEVICE P2P memory
 * @vdev: a PCI device, its BAR already mapped by the driver (so the BAR's
 *	write-combined memory type is the one the pages' mapping inherits)
 * @bar: the VRAM BAR
 * @wanted: the strategy asked for; nothing is registered for
 *	VDGPU_P2P_MAP_RESOURCE
 *
 * The registration is device-managed: the pages go when the driver
 * unbinds, after vdgpu_device_unplug() has made new mappings fail.
 * Failure is not fatal: the device keeps the resource strategy and says
 * why.
 */
void vdgpu_p2p_pages_init(struct vdgpu_device *vdev, int bar,
			  enum vdgpu_p2p_map_strategy wanted)
{
	struct vdgpu_p2p_pages *p = &vdev->p2p_pages;
	unsigned long free_before;
	int ret;

	p->strategy = VDGPU_P2P_MAP_RESOURCE;
	if (wanted != VDGPU_P2P_MAP_PAGES)
		return;
	if (!IS_ENABLED(CONFIG_PCI_P2PDMA)) {
		drm_warn(&vdev->drm, "p2p_map=pages needs CONFIG_PCI_P2PDMA; using resource\n");
		return;
	}

	free_before = global_zone_page_state(NR_FREE_PAGES);
	ret = pci_p2pdma_add_resource(vdev->pdev, bar, 0, 0);
	if (ret) {
		drm_warn(&vdev->drm, "registering BAR%d as P2P pages failed (%d); using resource\n",
			 bar, ret);
		return;
	}
	p->consumed_bytes = (u64)max_t(long, free_before -
				       global_zone_page_state(NR_FREE_PAGES), 0)
			    << PAGE_SHIFT;
	p->memmap_bytes = (vdev->vram.size >> PAGE_SHIFT) * sizeof(struct page);
	p->registered = true;
	p->strategy = VDGPU_P2P_MAP_PAGES;
	drm_info(&vdev->drm, "P2P pages for the BAR: %llu KiB of struct page, %llu KiB consumed\n",
		 p->memmap_bytes >> 10, p->consumed_bytes >> 10);
}

/**
 * vdgpu_p2p_pages_set_strategy - choose how the next P2P mappings are made
 * @vdev: the device
 * @strategy: the strategy
 *
 * Return: 0, or -EOPNOTSUPP for VDGPU_P2P_MAP_PAGES without registered
 * pages.
 */
int vdgpu_p2p_pages_set_strategy(struct vdgpu_device *vdev,
				 enum vdgpu_p2p_map_strategy strategy)
{
	if (strategy == VDGPU_P2P_MAP_PAGES && !vdev->p2p_pages.registered)
		return -EOPNOTSUPP;
	WRITE_ONCE(vdev->p2p_pages.strategy, strategy);
	return 0;
}
EXPORT_SYMBOL_IF_KUNIT(vdgpu_p2p_pages_set_strategy);

/**
 * vdgpu_p2p_pages_page - the struct page of a VRAM byte
 * @vdev: a device with registered pages
 * @offset: byte offset into VRAM
 *
 * Return: the ZONE_DEVICE page holding @offset.
 */
struct page *vdgpu_p2p_pages_page(struct vdgpu_device *vdev, u64 offset)
{
	return pfn_to_page(PHYS_PFN(vdev->vram.io_start + offset));
}
