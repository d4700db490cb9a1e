// SPDX-License-Identifier: GPL-2.0-only
/*
 * Benchmark hooks in debugfs, used by make bench.
 *
 * bar_bandwidth: the raw CPU bandwidth of the BAR, the baseline the
 * migration benchmark compares moves against. Reading the file
 * allocates a VRAM buffer of bar_bandwidth_size bytes (16 MiB unless set)
 * and times memcpy_toio()/memcpy_fromio() over its chunks from and to a
 * kernel buffer, the best of two rounds: each pass once on a cold TLB, as
 * a move's copy starts (toio_cold_mbps, fromio_cold_mbps, the baseline),
 * and once more right after it, its pages still in the TLB
 * (toio_warm_mbps, fromio_warm_mbps). The benchmark reads it next to
 * each move it times, with the same size, so both see the machine in the
 * same state.
 *
 * dma_buf_bench: an in-kernel importer for any dma-buf, so that vdgpu's
 * exports and other exporters (dma-heap, udmabuf) are measured on the same
 * path. Writing "map FD P2P N" times N rounds of dynamic attach, map, unmap
 * and detach by this device, P2P saying whether the importer accepts
 * peer-to-peer addresses; "evict FD IMPORTERS N" attaches IMPORTERS dynamic
 * importers to a vdgpu export and times N moves of it out of VRAM and back
 * (their submission: notification included, copy not; the mean and the
 * best); "pin FD 0 N" times
 * N dma_buf_pin()/dma_buf_unpin() pairs of one dynamic attachment;
 * "attach FD P2P N" times N rounds of attach and detach alone. Reading
 * the file gives the last result. IMPORTERS is at most
 * VDGPU_BENCH_MAX_IMPORTERS and N at most VDGPU_BENCH_MAX_ROUNDS (-EINVAL
 * beyond); a fatal signal ends a run with -EINTR.
 *
 * Copyright (c) 2026 The vdgpu authors
 */
#include <linux/debugfs.h>
#include <linux/dma-buf.h>
#include <linux/dma-resv.h>
#include <linux/slab.h>
#include <linux/uaccess.h>
#include <linux/io.h>
#include <linux/ktime.h>
#include <linux/sched.h>
#include <linux/seq_file.h>
#include <linux/vmalloc.h>
#include <linux/sched/signal.h>

#ifdef CONFIG_X86
#include <asm/tlbflush.h>
#endif

#include <drm/drm_debugfs.h>
#include <uapi/drm/vdgpu_drm.h>

#include "vdgpu_bo.h"
#include "vdgpu_dma_buf.h"
#include "vdgpu_drv.h"
#include "vdgpu_mem_view.h"

MODULE_IMPORT_NS(DMA_BUF);

#define VDGPU_BENCH_DEFAULT_SIZE	SZ_16M
#define VDGPU_BENCH_ROUNDS		2

static u64 vdgpu_bench_mbps(u64 bytes, ktime_t start)
{
	u64 ns = max_t(u64, ktime_to_ns(ktime_sub(ktime_get(), start)), 1);

	return div64_u64(bytes * NSEC_PER_SEC, ns) >> 20;
}

/*
 * A move's copy starts on a cold TLB: its worker comes after other work,
 * and on QEMU's TCG every address space switch empties the whole soft TLB.
 * A pass right after another one over the same memory finds every page of
 * both sides in it (64 Ki each at 256 MiB), which makes it about a tenth
 * faster. So each cold pass begins with a flush of this CPU's TLB, global
 * entries included (the BAR and buffer mappings are kernel ones), and runs
 * on that CPU. Only done on x86; elsewhere cold passes are plain passes.
 */
static void vdgpu_bench_flush_local_tlb(void)
{
#ifdef CONFIG_X86
	preempt_disable();
	__flush_tlb_all();
	preempt_enable();
#endif
}

/* One pass over the view, to the BAR or from it; returns MiB/s. */
static u64 vdgpu_bench_pass(struct vdgpu_mem_view *view, void *buf,
			    bool to_bar, bool cold)
{
	unsigned int i;
	ktime_t start;
	u64 pos = 0;

	/* On the CPU whose TLB was flushed; preemption only makes it colder. */
	migrate_disable();
	if (cold)
		vdgpu_bench_flush_local_tlb();
	start = ktime_get();
	for (i = 0; i < view->num_chunks; pos += view->chunks[i++].size) {
		if (to_bar)
			memcpy_toio(view->chunks[i].addr, buf + pos,
				    view->chunks[i].size);
		else
			memcpy_fromio(buf + pos, view->chunks[i].addr,
				      view->chunks[i].size);
	}
	migrate_enable();
	return vdgpu_bench_mbps(view->size, start);
}

static void vdgpu_bench_bar(struct seq_file *m, struct vdgpu_mem_view *view,
			    void *buf)
{
	/* [0]: memcpy_toio, [1]: memcpy_fromio; the best of the rounds. */
	u64 cold[2] = {}, warm[2] = {};
	int round, dir;

	for (round = 0; round < VDGPU_BENCH_ROUNDS; round++) {
		for (dir = 0; dir < 2; dir++) {
			cold[dir] = max(cold[dir],
					vdgpu_bench_pass(view, buf, !dir, true));
			/* The same pass again, its pages still in the TLB. */
			warm[dir] = max(warm[dir],
					vdgpu_bench_pass(view, buf, !dir, false));
		}
	}
	seq_printf(m, "size: %llu\n", view->size);
	seq_printf(m, "toio_cold_mbps: %llu\nfromio_cold_mbps: %llu\n",
		   cold[0], cold[1]);
	seq_printf(m, "toio_warm_mbps: %llu\nfromio_warm_mbps: %llu\n",
		   warm[0], warm[1]);
	seq_printf(m, "tlb_flush: %s\n",
		   IS_ENABLED(CONFIG_X86) ? "local" : "none");
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
		vdgpu_bench_bar(m, &view, buf);
		vdgpu_mem_view_fini(&view);
	}
	ttm_bo_unreserve(&bo->tbo);
out_put:
	drm_gem_object_put(&bo->tbo.base);
out_free:
	vfree(buf);
	return ret;
}

static void vdgpu_bench_move_notify(struct dma_buf_attachment *attach)
{
}

static const struct dma_buf_attach_ops vdgpu_bench_p2p_ops = {
	.allow_peer2peer = true,
	.move_notify = vdgpu_bench_move_notify,
};

static const struct dma_buf_attach_ops vdgpu_bench_sys_ops = {
	.allow_peer2peer = false,
	.move_notify = vdgpu_bench_move_notify,
};

/*
 * One attach, map, unmap, detach; the map's entry count in @nents. With
 * @attach_only no map: the attach and detach alone.
 */
static int vdgpu_bench_map_round(struct vdgpu_device *vdev, struct dma_buf *dma_buf,
				 const struct dma_buf_attach_ops *ops,
				 bool attach_only, unsigned int *nents)
{
	struct dma_buf_attachment *attach;
	struct sg_table *sgt;
	int ret = 0;

	attach = dma_buf_dynamic_attach(dma_buf, vdev->drm.dev, ops, NULL);
	if (IS_ERR(attach))
		return PTR_ERR(attach);
	if (attach_only) {
		dma_buf_detach(dma_buf, attach);
		return 0;
	}
	dma_resv_lock(dma_buf->resv, NULL);
	sgt = dma_buf_map_attachment(attach, DMA_BIDIRECTIONAL);
	if (IS_ERR(sgt)) {
		ret = PTR_ERR(sgt);
	} else {
		*nents = sgt->nents;
		dma_buf_unmap_attachment(attach, sgt, DMA_BIDIRECTIONAL);
	}
	dma_resv_unlock(dma_buf->resv);
	dma_buf_detach(dma_buf, attach);
	return ret;
}

/* Bounds of the dma_buf_bench arguments: far above what the bench uses. */
#define VDGPU_BENCH_MAX_IMPORTERS	1024
#define VDGPU_BENCH_MAX_ROUNDS		100000

/* -EINTR once the writer is being killed: runs stay killable. */
static int vdgpu_bench_killed(void)
{
	return fatal_signal_pending(current) ? -EINTR : 0;
}

static int vdgpu_bench_map(struct vdgpu_device *vdev, struct dma_buf *dma_buf,
			   bool p2p, bool attach_only, unsigned int rounds)
{
	const struct dma_buf_attach_ops *ops = p2p ? &vdgpu_bench_p2p_ops :
						     &vdgpu_bench_sys_ops;
	unsigned int i, nents = 0;
	ktime_t start;
	int ret;

	/* The first round places the buffer; it is not timed. */
	ret = vdgpu_bench_map_round(vdev, dma_buf, ops, attach_only, &nents);
	start = ktime_get();
	for (i = 0; !ret && i < rounds; i++)
		ret = vdgpu_bench_killed() ?:
		      vdgpu_bench_map_round(vdev, dma_buf, ops, attach_only, &nents);
	if (ret)
		return ret;
	snprintf(vdev->bench_result, sizeof(vdev->bench_result),
		 "ns_per_round: %llu\nnents: %u\n",
		 div_u64(ktime_to_ns(ktime_sub(ktime_get(), start)), rounds), nents);
	return 0;
}

static int vdgpu_bench_evict(struct vdgpu_device *vdev, struct dma_buf *dma_buf,
			     unsigned int importers, unsigned int rounds)
{
	struct ttm_operation_ctx ctx = { .interruptible = true };
	struct dma_buf_attachment **attach;
	struct drm_gem_object *obj = dma_buf->priv;
	struct vdgpu_bo *bo;
	u64 ns = 0, best = U64_MAX;
	unsigned int i;
	int ret = 0;

	if (!vdgpu_is_vdgpu_dma_buf(dma_buf) || obj->dev != &vdev->drm)
		return -EINVAL;
	bo = gem_to_vdgpu_bo(obj);
	attach = kcalloc(importers, sizeof(*attach), GFP_KERNEL);
	if (!attach)
		return -ENOMEM;
	for (i = 0; i < importers; i++) {
		ret = vdgpu_bench_killed();
		if (ret)
			break;
		attach[i] = dma_buf_dynamic_attach(dma_buf, vdev->drm.dev,
						   &vdgpu_bench_sys_ops, NULL);
		if (IS_ERR(attach[i])) {
			ret = PTR_ERR(attach[i]);
			break;
		}
	}
	importers = i;

	for (i = 0; !ret && i < 2 * rounds; i++) {
		u32 region = i & 1 ? DRM_VDGPU_REGION_VRAM : DRM_VDGPU_REGION_SYSTEM;
		ktime_t start;

		ret = vdgpu_bench_killed() ?:
		      dma_resv_lock_interruptible(dma_buf->resv, NULL);
		if (ret)
			break;
		start = ktime_get();
		bo->move_reason = VDGPU_MOVE_MIGRATE;
		ret = vdgpu_bo_migrate(bo, region, &ctx);
		if (region == DRM_VDGPU_REGION_SYSTEM) {
			u64 t = ktime_to_ns(ktime_sub(ktime_get(), start));

			ns += t;
			best = min(best, t);
		}
		dma_resv_unlock(dma_buf->resv);
		if (!ret && dma_resv_wait_timeout(dma_buf->resv, DMA_RESV_USAGE_KERNEL,
						  true, MAX_SCHEDULE_TIMEOUT) < 0)
			ret = -EINTR;
	}
	if (!ret)
		snprintf(vdev->bench_result, sizeof(vdev->bench_result),
			 "importers: %u\nns_per_eviction: %llu\nbest_ns: %llu\n", importers,
			 div_u64(ns, rounds), best);

	while (importers--)
		dma_buf_detach(dma_buf, attach[importers]);
	kfree(attach);
	return ret;
}

/*
 * The pin and unpin the dma-buf core wraps around every map of a dynamic
 * importer without CONFIG_DMABUF_MOVE_NOTIFY, alone: @rounds pairs on one
 * attachment of a mapped buffer (so nothing moves).
 */
static int vdgpu_bench_pin(struct vdgpu_device *vdev, struct dma_buf *dma_buf,
			   unsigned int rounds)
{
	struct dma_buf_attachment *attach;
	unsigned int i;
	ktime_t start;
	int ret = 0;

	if (!dma_buf->ops->pin)
		return -EOPNOTSUPP;
	attach = dma_buf_dynamic_attach(dma_buf, vdev->drm.dev, &vdgpu_bench_sys_ops, NULL);
	if (IS_ERR(attach))
		return PTR_ERR(attach);
	dma_resv_lock(dma_buf->resv, NULL);
	/* The first pin places the buffer; it is not timed. */
	ret = dma_buf_pin(attach);
	if (!ret)
		dma_buf_unpin(attach);
	start = ktime_get();
	for (i = 0; !ret && i < rounds; i++) {
		ret = vdgpu_bench_killed() ?: dma_buf_pin(attach);
		if (!ret)
			dma_buf_unpin(attach);
	}
	dma_resv_unlock(dma_buf->resv);
	dma_buf_detach(dma_buf, attach);
	if (!ret)
		snprintf(vdev->bench_result, sizeof(vdev->bench_result), "ns_per_pin: %llu\n",
			 div_u64(ktime_to_ns(ktime_sub(ktime_get(), start)), rounds));
	return ret;
}

static ssize_t vdgpu_bench_dma_buf_write(struct file *file, const char __user *ubuf,
					 size_t len, loff_t *pos)
{
	struct vdgpu_device *vdev = file_inode(file)->i_private;
	unsigned int fd, arg, rounds;
	struct dma_buf *dma_buf;
	char buf[64], op[8];
	int ret;

	if (len >= sizeof(buf))
		return -EINVAL;
	if (copy_from_user(buf, ubuf, len))
		return -EFAULT;
	buf[len] = '\0';
	if (sscanf(buf, "%7s %u %u %u", op, &fd, &arg, &rounds) != 4 || !rounds ||
	    rounds > VDGPU_BENCH_MAX_ROUNDS || arg > VDGPU_BENCH_MAX_IMPORTERS)
		return -EINVAL;

	dma_buf = dma_buf_get(fd);
	if (IS_ERR(dma_buf))
		return PTR_ERR(dma_buf);
	if (!strcmp(op, "map"))
		ret = vdgpu_bench_map(vdev, dma_buf, arg, false, rounds);
	else if (!strcmp(op, "attach"))
		ret = vdgpu_bench_map(vdev, dma_buf, arg, true, rounds);
	else if (!strcmp(op, "evict"))
		ret = vdgpu_bench_evict(vdev, dma_buf, arg, rounds);
	else if (!strcmp(op, "pin"))
		ret = vdgpu_bench_pin(vdev, dma_buf, rounds);
	else
		ret = -EINVAL;
	dma_buf_put(dma_buf);
	return ret ?: len;
}

static int vdgpu_bench_dma_buf_show(struct seq_file *m, void *unused)
{
	struct vdgpu_device *vdev = m->private;

	seq_puts(m, vdev->bench_result);
	return 0;
}

DEFINE_SHOW_STORE_ATTRIBUTE(vdgpu_bench_dma_buf);

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
	debugfs_create_file("dma_buf_bench", 0600, vdev->drm.debugfs_root, vdev,
			    &vdgpu_bench_dma_buf_fops);
}
