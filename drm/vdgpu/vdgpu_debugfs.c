// SPDX-License-Identifier: GPL-2.0-only
/*
 * debugfs: /sys/kernel/debug/dri/<minor>/{vram,p2p_peers,p2p_map,tt_recycle,...}
 *
 * Copyright (c) 2026 The vdgpu authors
 */
#include <linux/debugfs.h>
#include <linux/module.h>
#include <linux/pci.h>
#include <linux/seq_file.h>
#include <linux/slab.h>
#include <linux/string.h>

#include <drm/drm_debugfs.h>
#include <drm/drm_file.h>
#include <drm/drm_print.h>
#include <uapi/drm/vdgpu_drm.h>

#include "vdgpu_bo.h"
#include "vdgpu_dma_buf.h"
#include "vdgpu_drv.h"
#include "vdgpu_import.h"
#include "vdgpu_p2p.h"
#include "vdgpu_p2p_pages.h"
#include "vdgpu_tt.h"

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

static int vdgpu_debugfs_vram_mm_show(struct seq_file *m, void *unused)
{
	struct vdgpu_device *vdev = vdgpu_debugfs_device(m);
	struct drm_printer p = drm_seq_file_printer(m);

	ttm_resource_manager_debug(&vdev->vram_mgr.manager, &p);
	return 0;
}

static int vdgpu_debugfs_stats_show(struct seq_file *m, void *unused)
{
	struct vdgpu_device *vdev = vdgpu_debugfs_device(m);
	struct vdgpu_stats *s = &vdev->stats;

	seq_printf(m, "evictions: %lld\n", atomic64_read(&s->evictions));
	seq_printf(m, "bytes_to_vram: %lld\n", atomic64_read(&s->bytes_to_vram));
	seq_printf(m, "bytes_to_system: %lld\n", atomic64_read(&s->bytes_to_system));
	seq_printf(m, "cpu_fault_migrations: %lld\n",
		   atomic64_read(&s->cpu_fault_migrations));
	seq_printf(m, "pinned_vram_bytes: %lld\n", atomic64_read(&s->pinned_vram_bytes));
	seq_printf(m, "pinned_system_bytes: %lld\n",
		   atomic64_read(&s->pinned_system_bytes));
	seq_printf(m, "move_notifies: %lld\n", atomic64_read(&s->move_notifies));
	return 0;
}

/*
 * One line per buffer object of the device, followed by one line per
 * dma-buf attachment of an exported buffer. A buffer whose reservation
 * someone holds shows as "SIZE busy id=ID": waiting for it under
 * bo_list_lock could deadlock with a buffer being freed under eviction,
 * which takes that lock while TTM holds another buffer's reservation.
 */
static int vdgpu_debugfs_bos_show(struct seq_file *m, void *unused)
{
	struct vdgpu_device *vdev = vdgpu_debugfs_device(m);
	struct vdgpu_bo *bo;

	seq_puts(m, "# size region cpu_visible pin_count moves exported last_move id\n");
	mutex_lock(&vdev->bo_list_lock);
	list_for_each_entry(bo, &vdev->bo_list, link) {
		struct drm_gem_object *obj = &bo->tbo.base;

		if (!dma_resv_trylock(obj->resv)) {
			seq_printf(m, "%zu busy id=%llu\n", obj->size, bo->id);
			continue;
		}
		seq_printf(m, "%zu %s %d %u %llu %s %s id=%llu\n", obj->size,
			   vdgpu_bo_region(bo) == DRM_VDGPU_REGION_VRAM ? "vram" : "system",
			   vdgpu_bo_cpu_visible(bo), bo->tbo.pin_count, bo->num_moves,
			   bo->dma_buf ? "yes" : "no",
			   vdgpu_move_reason_name(bo->last_move_reason), bo->id);
		vdgpu_dma_buf_print_attachments(bo, m);
		dma_resv_unlock(obj->resv);
	}
	mutex_unlock(&vdev->bo_list_lock);
	return 0;
}

static int vdgpu_debugfs_imports_show(struct seq_file *m, void *unused)
{
	vdgpu_import_print(vdgpu_debugfs_device(m), m);
	return 0;
}

/*
 * p2p_map: the P2P map strategy (see vdgpu_p2p_pages.c) and what its
 * pages cost. Writing "resource" or "pages" chooses it for the next maps.
 */
static int vdgpu_debugfs_p2p_map_show(struct seq_file *m, void *unused)
{
	struct vdgpu_device *vdev = m->private;
	struct vdgpu_p2p_pages *p = &vdev->p2p_pages;

	seq_printf(m, "strategy: %s\n",
		   vdgpu_p2p_map_strategy_name(READ_ONCE(p->strategy)));
	seq_printf(m, "available: resource%s\n", p->registered ? " pages" : "");
	seq_printf(m, "pages_memmap_bytes: %llu\n", p->memmap_bytes);
	seq_printf(m, "pages_consumed_bytes: %llu\n", p->consumed_bytes);
	return 0;
}

static ssize_t vdgpu_debugfs_p2p_map_write(struct file *file, const char __user *ubuf,
					   size_t len, loff_t *pos)
{
	struct vdgpu_device *vdev = file_inode(file)->i_private;
	enum vdgpu_p2p_map_strategy strategy;
	char *buf;
	int ret;

	if (len > 16)
		return -EINVAL;
	buf = memdup_user_nul(ubuf, len);
	if (IS_ERR(buf))
		return PTR_ERR(buf);
	ret = vdgpu_p2p_map_strategy_parse(buf, &strategy);
	kfree(buf);
	if (!ret)
		ret = vdgpu_p2p_pages_set_strategy(vdev, strategy);
	return ret ?: len;
}

DEFINE_SHOW_STORE_ATTRIBUTE(vdgpu_debugfs_p2p_map);

/*
 * tt_recycle: system pages kept for moves out of VRAM (vdgpu_tt.c).
 * Writing "drain" gives them all back to the kernel.
 */
static int vdgpu_debugfs_tt_recycle_show(struct seq_file *m, void *unused)
{
	struct drm_printer p = drm_seq_file_printer(m);

	vdgpu_tt_recycler_show(m->private, &p);
	return 0;
}

static ssize_t vdgpu_debugfs_tt_recycle_write(struct file *file,
					      const char __user *ubuf,
					      size_t len, loff_t *pos)
{
	struct vdgpu_device *vdev = file_inode(file)->i_private;
	char buf[8] = {};

	if (len >= sizeof(buf))
		return -EINVAL;
	if (copy_from_user(buf, ubuf, len))
		return -EFAULT;
	if (!sysfs_streq(buf, "drain"))
		return -EINVAL;
	vdgpu_tt_recycler_drain(vdev);
	return len;
}

DEFINE_SHOW_STORE_ATTRIBUTE(vdgpu_debugfs_tt_recycle);

static const struct drm_debugfs_info vdgpu_debugfs_list[] = {
	{ "vram", vdgpu_debugfs_vram_show, 0 },
	{ "p2p_peers", vdgpu_debugfs_p2p_peers_show, 0 },
	{ "vram_mm", vdgpu_debugfs_vram_mm_show, 0 },
	{ "stats", vdgpu_debugfs_stats_show, 0 },
	{ "bos", vdgpu_debugfs_bos_show, 0 },
	{ "imports", vdgpu_debugfs_imports_show, 0 },
};

/**
 * vdgpu_debugfs_init - add the driver's debugfs files
 * @vdev: the device, before it is registered
 */
void vdgpu_debugfs_init(struct vdgpu_device *vdev)
{
	drm_debugfs_add_files(&vdev->drm, vdgpu_debugfs_list,
			      ARRAY_SIZE(vdgpu_debugfs_list));
	debugfs_create_file("p2p_map", 0600, vdev->drm.debugfs_root, vdev,
			    &vdgpu_debugfs_p2p_map_fops);
	debugfs_create_file("tt_recycle", 0600, vdev->drm.debugfs_root, vdev,
			    &vdgpu_debugfs_tt_recycle_fops);
	vdgpu_bench_debugfs_init(vdev);
}
