/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Copyright (c) 2026 The vdgpu authors
 */
#ifndef _VDGPU_P2P_H_
#define _VDGPU_P2P_H_

#include <linux/types.h>

struct device;
struct vdgpu_device;

/**
 * enum vdgpu_p2p_mode - how a peer reaches this device's VRAM
 * @VDGPU_P2P_NONE: it cannot; buffers it maps live in system memory
 * @VDGPU_P2P_BUS_ADDR: through a PCI switch, with PCI bus addresses
 * @VDGPU_P2P_HOST_BRIDGE: through the host bridge, with addresses mapped
 *	for the peer by the DMA API (IOMMU addresses when an IOMMU
 *	translates for it)
 */
enum vdgpu_p2p_mode {
	VDGPU_P2P_NONE,
	VDGPU_P2P_BUS_ADDR,
	VDGPU_P2P_HOST_BRIDGE,
};

/**
 * struct vdgpu_p2p_facts - what a P2P decision is made from
 */
struct vdgpu_p2p_facts {
	/** @exporter_is_pci: the VRAM is a PCI BAR. */
	bool exporter_is_pci;
	/** @kernel_has_p2pdma: CONFIG_PCI_P2PDMA is enabled. */
	bool kernel_has_p2pdma;
	/** @client_is_pci: the peer is a PCI device. */
	bool client_is_pci;
	/** @distance: pci_p2pdma_distance() between the two, or -1. */
	int distance;
	/**
	 * @shared_bridge: the two sit below a common PCI bridge with no ACS
	 * redirection on the path, so traffic stays below that bridge.
	 */
	bool shared_bridge;
};

/**
 * struct vdgpu_p2p_route - the P2P decision for one peer
 */
struct vdgpu_p2p_route {
	/** @mode: how the peer reaches VRAM. */
	enum vdgpu_p2p_mode mode;
	/** @distance: pci_p2pdma_distance(), -1 when not reachable. */
	int distance;
	/** @reason: why, in words, for logs and debugfs. */
	const char *reason;
};

void vdgpu_p2p_decide(const struct vdgpu_p2p_facts *facts,
		      struct vdgpu_p2p_route *route);
void vdgpu_p2p_route(struct vdgpu_device *vdev, struct device *client,
		     struct vdgpu_p2p_route *route);
const char *vdgpu_p2p_mode_name(enum vdgpu_p2p_mode mode);

#endif
