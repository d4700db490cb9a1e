// SPDX-License-Identifier: GPL-2.0-only
/*
 * debugfs: /sys/kernel/debug/dri/<minor>/{vram,p2p_peers}
 *
 * Copyright (c) 2026 The vdgpu authors
 */
#include <linux/pci.h>
#include <linux/seq_file.h>

#include <drm/drm_debugfs.h>
#include <drm/drm_file.h>

#include "vdgpu_drv.h"
#include "vdgpu_p2p.h"

static struct vdgpu_device *vdgpu_debugfs_device(struct seq_file *m)
{
	struct drm_debugfs_entry *entry = m->private;

	return to_vdgpu_device(entry->dev);
}

static int vdgpu_debugfs_vram_show(struct seq_file *m, void *unused)
{
	struct vdgpu_device *vdev = vdgpu_debugfs_device(m);

	seq_printf(m, "kind: %s\n",
		   vdev->kind == VDGPU_DEVICE_PCI ? "pci" : "platform");
	if (vdev->pdev)
		seq_printf(m, "pci: %s\n", pci_name(vdev->pdev));
	seq_printf(m, "size: %llu\n", vdev->vram.size);
	seq_printf(m, "cpu_visible_size: %llu\n", vdev->vram.visible_size);
	seq_printf(m, "bus_address: %pa\n", &vdev->vram.bus_addr);
	return 0;
}

/*
 * One line per PCI endpoint other than ourselves: how it would reach our
 * VRAM if it imported one of our buffers.
 */
static int vdgpu_debugfs_p2p_peers_show(struct seq_file *m, void *unused)
{
	struct vdgpu_device *vdev = vdgpu_debugfs_device(m);
	struct pci_dev *peer = NULL;
	struct vdgpu_p2p_route route;

	seq_puts(m, "# peer vendor:device distance mode reason\n");
	for_each_pci_dev(peer) {
		if (peer == vdev->pdev || pci_is_bridge(peer))
			continue;

		vdgpu_p2p_route(vdev, &peer->dev, &route);
		seq_printf(m, "%s %04x:%04x %d %s %s\n", pci_name(peer),
			   peer->vendor, peer->device, route.distance,
			   vdgpu_p2p_mode_name(route.mode), route.reason);
	}
	return 0;
}

static const struct drm_debugfs_info vdgpu_debugfs_list[] = {
	{ "vram", vdgpu_debugfs_vram_show, 0 },
	{ "p2p_peers", vdgpu_debugfs_p2p_peers_show, 0 },
};

/**
 * vdgpu_debugfs_init - add the driver's debugfs files
 * @vdev: the device, before it is registered
 */
void vdgpu_debugfs_init(struct vdgpu_device *vdev)
{
	drm_debugfs_add_files(&vdev->drm, vdgpu_debugfs_list,
			      ARRAY_SIZE(vdgpu_debugfs_list));
}
