// SPDX-License-Identifier: GPL-2.0-only
/*
 * debugfs bar_bandwidth: the raw CPU bandwidth of the BAR, the baseline the
 * migration benchmark (make bench) compares moves against. Reading the file
 * allocates a VRAM buffer of bar_bandwidth_size bytes (16 MiB unless set)
 * and times memcpy_toio()/memcpy_fromio() over its chunks from and to a
 * kernel buffer, the best of two rounds. The benchmark reads it next to
 * each move it times, with the same size, so both see the machine in the
 * same state.
 *
 * Copyright (c) 2026 The vdgpu authors
 */
#include <linux/debugfs.h>
#include <linux/io.h>
#include <linux/ktime.h>
#include <linux/seq_file.h>
#include <linux/vmalloc.h>

#include <drm/drm_debugfs.h>
#include <uapi/drm/vdgpu_drm.h>

#include "vdgpu_bo.h"
#include "vdgpu_drv.h"
#include "vdgpu_mem_view.h"

#define VDGPU_BENCH_DEFAULT_SIZE	SZ_16M
#define VDGPU_BENCH_ROUNDS		2

static u64 vdgpu_bench_mbps(u64 bytes, ktime_t start)
{
	u64 ns = max_t(u64, ktime_to_ns(ktime_sub(ktime_get(), start)), 1);

	return div64_u64(bytes * NSEC_PER_SEC, ns) >> 20;
}

static int vdgpu_bench_bar(struct seq_file *m, struct vdgpu_device *vdev,
			   struct vdgpu_mem_view *view, void *buf)
{
	u64 toio = 0, fromio = 0;
	int round;

	for (round = 0; round < VDGPU_BENCH_ROUNDS; round++) {
		ktime_t start = ktime_get();
		unsigned int i;
		u64 pos = 0;

		for (i = 0; i < view->num_chunks; pos += view->chunks[i++].size)
			memcpy_toio(vdev->vram.vaddr + view->chunks[i].offset,
				    buf + pos, view->chunks[i].size);
		toio = max(toio, vdgpu_bench_mbps(view->size, start));

		start = ktime_get();
		for (i = 0, pos = 0; i < view->num_chunks; pos += view->chunks[i++].size)
			memcpy_fromio(buf + pos, vdev->vram.vaddr + view->chunks[i].offset,
				      view->chunks[i].size);
		fromio = max(fromio, vdgpu_bench_mbps(view->size, start));
	}
	seq_printf(m, "size: %llu\ntoio_mbps: %llu\nfromio_mbps: %llu\n",
		   view->size, toio, fromio);
	return 0;
}

static int vdgpu_debugfs_bar_bandwidth_show(struct seq_file *m, void *unused)
{
	struct drm_debugfs_entry *entry = m->private;
	struct vdgpu_device *vdev = to_vdgpu_device(entry->dev);
	u64 size = PAGE_ALIGN(READ_ONCE(vdev->bench_size));
	struct vdgpu_mem_view view;
	struct vdgpu_bo *bo;
	void *buf;
	int ret;

	if (!size || size > vdev->vram.visible_size)
		return -EINVAL;
	buf = vzalloc(size);
	if (!buf)
		return -ENOMEM;

	ret = vdgpu_bo_create(vdev, size, DRM_VDGPU_REGION_VRAM,
			      DRM_VDGPU_REGION_VRAM,
			      DRM_VDGPU_GEM_CREATE_NEEDS_CPU_ACCESS, &bo);
	if (ret)
		goto out_free;

	ret = ttm_bo_reserve(&bo->tbo, true, false, NULL);
	if (ret)
		goto out_put;
	/* Wait for the clear, then own the memory for the measurement. */
	ret = ttm_bo_wait_ctx(&bo->tbo, &(struct ttm_operation_ctx){ .interruptible = true });
	if (!ret)
		ret = vdgpu_mem_view_init(vdev, &bo->tbo, bo->tbo.resource, &view);
	if (!ret) {
		ret = vdgpu_bench_bar(m, vdev, &view, buf);
		vdgpu_mem_view_fini(&view);
	}
	ttm_bo_unreserve(&bo->tbo);
out_put:
	drm_gem_object_put(&bo->tbo.base);
out_free:
	vfree(buf);
	return ret;
}

static const struct drm_debugfs_info vdgpu_bench_debugfs_list[] = {
	{ "bar_bandwidth", vdgpu_debugfs_bar_bandwidth_show, 0 },
};

/**
 * vdgpu_bench_debugfs_init - add the benchmark's debugfs file
 * @vdev: the device, before it is registered
 */
void vdgpu_bench_debugfs_init(struct vdgpu_device *vdev)
{
	vdev->bench_size = VDGPU_BENCH_DEFAULT_SIZE;
	drm_debugfs_add_files(&vdev->drm, vdgpu_bench_debugfs_list,
			      ARRAY_SIZE(vdgpu_bench_debugfs_list));
	debugfs_create_u64("bar_bandwidth_size", 0600, vdev->drm.debugfs_root,
			   &vdev->bench_size);
}
