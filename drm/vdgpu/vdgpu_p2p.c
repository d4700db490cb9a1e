// SPDX-License-Identifier: GPL-2.0-only
/*
 * Peer-to-peer reachability of the VRAM BAR.
 *
 * The kernel's pci_p2pdma_distance() says whether a peer may reach the BAR
 * at all. It does not say (in 6.12, without ZONE_DEVICE pages) which kind of
 * address the peer must be given, so the path is classified here the same
 * way drivers/pci/p2pdma.c does: below a common bridge without ACS
 * redirection the peer uses PCI bus addresses; otherwise the traffic goes
 * through the host bridge and the peer needs a DMA-API mapping of the BAR.
 *
 * Copyright (c) 2026 The vdgpu authors
 */
#include <linux/pci.h>
#include <linux/pci-p2pdma.h>
#include <kunit/visibility.h>

#include "vdgpu_drv.h"
#include "vdgpu_p2p.h"

/**
 * vdgpu_p2p_decide - turn the facts about a pair of devices into a route
 * @facts: what is known about the exporter, the peer and the path
 * @route: the result
 */
void vdgpu_p2p_decide(const struct vdgpu_p2p_facts *facts,
		      struct vdgpu_p2p_route *route)
{
	route->mode = VDGPU_P2P_NONE;
	route->distance = -1;

	if (!facts->exporter_is_pci) {
		route->reason = "exporter VRAM is system memory (platform device)";
		return;
	}
	if (!facts->kernel_has_p2pdma) {
		route->reason = "kernel built without CONFIG_PCI_P2PDMA";
		return;
	}
	if (!facts->client_is_pci) {
		route->reason = "importer is not a PCI device";
		return;
	}
	if (facts->distance < 0) {
		route->reason = "no P2P path: no common switch and host bridge not allowed";
		return;
	}

	route->distance = facts->distance;
	if (facts->shared_bridge) {
		route->mode = VDGPU_P2P_BUS_ADDR;
		route->reason = "path stays below a common PCI switch";
	} else {
		route->mode = VDGPU_P2P_HOST_BRIDGE;
		route->reason = "path goes through the host bridge";
	}
}
EXPORT_SYMBOL_IF_KUNIT(vdgpu_p2p_decide);

/* As pci_bridge_has_acs_redir() in drivers/pci/p2pdma.c. */
static bool vdgpu_p2p_acs_redirects(struct pci_dev *bridge)
{
	u16 ctrl;

	if (!bridge->acs_cap)
		return false;

	pci_read_config_word(bridge, bridge->acs_cap + PCI_ACS_CTRL, &ctrl);
	return ctrl & (PCI_ACS_RR | PCI_ACS_CR | PCI_ACS_EC);
}

/*
 * True when @a and @b share an upstream bridge and no bridge on the way up
 * to it from either side, nor that common bridge itself, redirects peer
 * traffic upstream: calc_map_type_and_dist() in drivers/pci/p2pdma.c
 * checks the common bridge on @a's walk, before it finds it on @b's.
 */
static bool vdgpu_p2p_shared_bridge(struct pci_dev *a, struct pci_dev *b)
{
	struct pci_dev *up, *bb, *common = NULL;

	for (up = a; up && !common; up = pci_upstream_bridge(up))
		for (bb = b; bb; bb = pci_upstream_bridge(bb))
			if (up == bb) {
				common = up;
				break;
			}
	if (!common)
		return false;

	for (up = a; up != common; up = pci_upstream_bridge(up))
		if (vdgpu_p2p_acs_redirects(up))
			return false;
	for (bb = b; bb != common; bb = pci_upstream_bridge(bb))
		if (vdgpu_p2p_acs_redirects(bb))
			return false;
	return !vdgpu_p2p_acs_redirects(common);
}

/**
 * vdgpu_p2p_route - decide how @client reaches the VRAM of @vdev
 * @vdev: the exporting device
 * @client: the importing device
 * @route: the result
 */
void vdgpu_p2p_route(struct vdgpu_device *vdev, struct device *client,
		     struct vdgpu_p2p_route *route)
{
	struct vdgpu_p2p_facts facts = {
		.exporter_is_pci = vdev->kind == VDGPU_DEVICE_PCI,
		.kernel_has_p2pdma = IS_ENABLED(CONFIG_PCI_P2PDMA),
		.client_is_pci = dev_is_pci(client),
		.distance = -1,
	};

	if (facts.exporter_is_pci && facts.client_is_pci) {
		struct pci_dev *peer = to_pci_dev(client);

		facts.distance = pci_p2pdma_distance(vdev->pdev, client, false);
		/* Config space reads, at every attach: only when there is a path. */
		if (facts.distance >= 0)
			facts.shared_bridge = vdgpu_p2p_shared_bridge(vdev->pdev, peer);
	}

	vdgpu_p2p_decide(&facts, route);
}
EXPORT_SYMBOL_IF_KUNIT(vdgpu_p2p_route);

/**
 * vdgpu_p2p_mode_name - short name of a P2P mode
 * @mode: the mode
 *
 * Return: "system", "bus" or "host-bridge".
 */
const char *vdgpu_p2p_mode_name(enum vdgpu_p2p_mode mode)
{
	switch (mode) {
	case VDGPU_P2P_BUS_ADDR:
		return "bus";
	case VDGPU_P2P_HOST_BRIDGE:
		return "host-bridge";
	default:
		return "system";
	}
}
EXPORT_SYMBOL_IF_KUNIT(vdgpu_p2p_mode_name);
