/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Copyright (c) 2026 The vdgpu authors
 */
#ifndef _VDGPU_P2P_PAGES_H_
#define _VDGPU_P2P_PAGES_H_

#include <linux/types.h>

struct page;
struct pci_dev;
struct vdgpu_device;

/**
 * enum vdgpu_p2p_map_strategy - how a P2P mapping of VRAM is made
 * @VDGPU_P2P_MAP_RESOURCE: the driver computes the addresses: the BAR's bus
 *	address through a switch, dma_map_resource() through the host
 *	bridge. Needs no struct page; the route (hence the kind of address)
 *	comes from vdgpu_p2p_route().
 * @VDGPU_P2P_MAP_PAGES: the BAR is ZONE_DEVICE memory registered with
 *	pci_p2pdma_add_resource(); a mapping is dma_map_sgtable() of its
 *	struct pages, and the DMA layer picks bus or IOMMU addresses itself
 *	(pci_p2pdma_map_type()). Costs a struct page per 4 KiB of BAR.
 */
enum vdgpu_p2p_map_strategy {
	VDGPU_P2P_MAP_RESOURCE,
	VDGPU_P2P_MAP_PAGES,
};

/**
 * struct vdgpu_p2p_pages - the BAR as ZONE_DEVICE P2P pages
 */
struct vdgpu_p2p_pages {
	/** @registered: pci_p2pdma_add_resource() succeeded for the BAR. */
	bool registered;
	/**
	 * @strategy: how P2P mappings are made now; read at each map, so
	 * a change applies to the next one. VDGPU_P2P_MAP_PAGES only when
	 * @registered.
	 */
	enum vdgpu_p2p_map_strategy strategy;
	/** @memmap_bytes: size of the struct pages of the BAR. */
	u64 memmap_bytes;
	/**
	 * @consumed_bytes: free memory the registration consumed, measured
	 * around it (struct pages, page tables, KASAN shadow), 0 when not
	 * registered.
	 */
	u64 consumed_bytes;
};

const char *vdgpu_p2p_map_strategy_name(enum vdgpu_p2p_map_strategy strategy);
int vdgpu_p2p_map_strategy_parse(const char *name,
				 enum vdgpu_p2p_map_strategy *strategy);
void vdgpu_p2p_pages_init(struct vdgpu_device *vdev, int bar,
			  enum vdgpu_p2p_map_strategy wanted);
int vdgpu_p2p_pages_set_strategy(struct vdgpu_device *vdev,
				 enum vdgpu_p2p_map_strategy strategy);
struct page *vdgpu_p2p_pages_page(struct vdgpu_device *vdev, u64 offset);

#endif
