// SPDX-License-Identifier: GPL-2.0-only
/*
 * Copyright (c) 2026 The vdgpu authors
 */

/**
 * DOC: dma-buf exporter
 *
 * A dynamic exporter (pin/unpin ops, mappings made under the
 * reservation lock) whose buffers move.
 *
 * Each attachment is classified at attach time by vdgpu_p2p_route(): an
 * importer device that accepts peer-to-peer addresses and has a P2P path to
 * our BAR may be handed VRAM; every other importer gets system memory, and a
 * VRAM-only buffer refuses it with -EOPNOTSUPP.
 *
 * A mapping hands out DMA addresses only:
 *  - VRAM through a common switch: PCI bus addresses of the BAR
 *    (PCI_P2PDMA_MAP_BUS_ADDR), no struct page and no DMA-API call;
 *  - VRAM through the host bridge: dma_map_resource() of the BAR range for
 *    the importer's device (an IOMMU address when an IOMMU translates);
 *  - system memory: the TTM pages mapped with dma_map_sgtable().
 * VRAM entries are one per run of adjacent buddy blocks, cut at the
 * importer's dma_get_max_seg_size(). The exporter's unmap reads only its
 * own per-mapping record (struct vdgpu_dma_buf_mapping), never sg_page().
 *
 * Every move of an exported buffer calls dma_buf_move_notify() from the
 * TTM move callback, under the reservation, before the copy is queued; the
 * copy's fence becomes the KERNEL fence of the shared reservation object,
 * which importers wait for before they use a new mapping.
 *
 * Pinning (dma_buf_pin(), static importers, and every map when the kernel
 * lacks CONFIG_DMABUF_MOVE_NOTIFY): the buffer stays in VRAM only when it
 * is in CPU-visible VRAM and every attachment is peer-to-peer; otherwise it
 * is moved to system memory and pinned there. Pins are accounted per device
 * and limited (vdgpu_bo_pin()).
 *
 * Placement ping-pong: while an exported buffer has an attachment that
 * cannot reach VRAM, DRM_IOCTL_VDGPU_EXEC uses the buffer where it is
 * instead of pulling it into its preferred region (see
 * vdgpu_dma_buf_has_system_importer()); otherwise each job would move it
 * into VRAM and each map by that importer back out again.
 */
#include <linux/dma-buf.h>
#include <linux/dma-mapping.h>
#include <linux/dma-resv.h>
#include <linux/module.h>
#include <linux/pci.h>
#include <linux/scatterlist.h>
#include <linux/seq_file.h>
#include <linux/slab.h>

#include <drm/drm_drv.h>
#include <drm/drm_prime.h>
#include <drm/ttm/ttm_tt.h>
#include <kunit/visibility.h>
#include <uapi/drm/vdgpu_drm.h>

#include "vdgpu_bo.h"
#include "vdgpu_dma_buf.h"
#include "vdgpu_drv.h"
#include "vdgpu_import.h"
#include "vdgpu_p2p_pages.h"
#include "vdgpu_trace.h"
#include "vdgpu_vram_mgr.h"

MODULE_IMPORT_NS(DMA_BUF);

/* @m's table of @n entries, in the record itself when they fit. */
static int vdgpu_dma_buf_alloc_sgt(struct vdgpu_dma_buf_mapping *m, unsigned int n)
{
	if (n > ARRAY_SIZE(m->inline_sgl))
		return sg_alloc_table(&m->sgt, n, GFP_KERNEL);
	sg_init_table(m->inline_sgl, n);
	m->sgt.sgl = m->inline_sgl;
	m->sgt.nents = n;
	m->sgt.orig_nents = n;
	return 0;
}

static void vdgpu_dma_buf_free_sgt(struct vdgpu_dma_buf_mapping *m)
{
	if (m->sgt.sgl != m->inline_sgl)
		sg_free_table(&m->sgt);
}

static struct vdgpu_bo *vdgpu_dma_buf_bo(struct dma_buf *dma_buf)
{
	return gem_to_vdgpu_bo(dma_buf->priv);
}

static int vdgpu_dma_buf_attach(struct dma_buf *dma_buf,
				struct dma_buf_attachment *attach)
{
	struct vdgpu_bo *bo = vdgpu_dma_buf_bo(dma_buf);
	struct vdgpu_device *vdev = to_vdgpu_device(bo->tbo.base.dev);
	struct vdgpu_dma_buf_attachment *va;
	int idx;

	if (!drm_dev_enter(&vdev->drm, &idx))
		return -ENODEV;

	va = kzalloc(sizeof(*va), GFP_KERNEL);
	if (!va) {
		drm_dev_exit(idx);
		return -ENOMEM;
	}

	vdgpu_p2p_route(vdev, attach->dev, &va->route);
	if (!attach->peer2peer && va->route.mode != VDGPU_P2P_NONE) {
		va->route.mode = VDGPU_P2P_NONE;
		va->route.reason = "importer does not accept peer-to-peer addresses";
	}
	attach->peer2peer = va->route.mode != VDGPU_P2P_NONE;
	drm_dev_exit(idx);

	if (!attach->peer2peer && !(bo->regions & DRM_VDGPU_REGION_SYSTEM)) {
		drm_dbg_driver(&vdev->drm,
			       "VRAM-only buffer cannot be attached by %s: %s\n",
			       dev_name(attach->dev), va->route.reason);
		kfree(va);
		return -EOPNOTSUPP;
	}

	attach->priv = va;
	return 0;
}

static void vdgpu_dma_buf_detach(struct dma_buf *dma_buf,
				 struct dma_buf_attachment *attach)
{
	kfree(attach->priv);
}

static bool vdgpu_dma_buf_all_p2p(struct dma_buf *dma_buf)
{
	struct dma_buf_attachment *attach;

	list_for_each_entry(attach, &dma_buf->attachments, node)
		if (!attach->peer2peer)
			return false;
	return true;
}

/*
 * Put the buffer where importers can reach it: for @p2p importers VRAM
 * stays VRAM when the CPU-visible window (the part of the BAR a peer can
 * address) holds it, else it moves into the window or to system memory;
 * for the others it moves to system memory.
 */
static int vdgpu_dma_buf_place(struct vdgpu_bo *bo, bool p2p)
{
	struct ttm_operation_ctx ctx = { .interruptible = true };
	struct vdgpu_placement p;
	bool in_vram = vdgpu_bo_region(bo) == DRM_VDGPU_REGION_VRAM;

	if (bo->tbo.pin_count)
		return in_vram && !p2p ? -EBUSY : 0;

	bo->move_reason = VDGPU_MOVE_DMA_BUF;
	if (in_vram && p2p) {
		if (vdgpu_bo_cpu_visible(bo))
			return 0;
		/* Small BAR: into the window, else system memory. */
		if (!vdgpu_bo_placement(bo, bo->regions, true, &p))
			return -ENOSPC;
		return ttm_bo_validate(&bo->tbo, &p.placement, &ctx);
	}
	return vdgpu_bo_make_system(bo, &ctx);
}

/*
 * Called with the reservation held: by dma_buf_pin(), at attach for static
 * importers, and before every map without CONFIG_DMABUF_MOVE_NOTIFY. The
 * attachment is on the dma-buf's list already, so a VRAM pin needs every
 * importer, this one included, to be peer-to-peer.
 */
static int vdgpu_dma_buf_pin(struct dma_buf_attachment *attach)
{
	struct vdgpu_dma_buf_attachment *va = attach->priv;
	struct vdgpu_bo *bo = vdgpu_dma_buf_bo(attach->dmabuf);
	int ret;

	ret = vdgpu_dma_buf_place(bo, vdgpu_dma_buf_all_p2p(attach->dmabuf));
	if (!ret)
		ret = vdgpu_bo_pin(bo);
	if (!ret)
		va->pins++;
	return ret;
}

static void vdgpu_dma_buf_unpin(struct dma_buf_attachment *attach)
{
	struct vdgpu_dma_buf_attachment *va = attach->priv;

	va->pins--;
	vdgpu_bo_unpin(vdgpu_dma_buf_bo(attach->dmabuf));
}

/* Bytes of the largest page-aligned segment @dev takes. */
static u32 vdgpu_dma_buf_max_seg(struct device *dev)
{
	return max_t(u32, ALIGN_DOWN(dma_get_max_seg_size(dev), PAGE_SIZE), PAGE_SIZE);
}

/*
 * The runs of physically contiguous pages of the buffer's system memory,
 * found once per backing (walking every page at each map cost more than
 * the rest of the map) and dropped by vdgpu_dma_buf_backing_gone().
 */
static struct sg_table *vdgpu_dma_buf_page_runs(struct vdgpu_bo *bo)
{
	struct ttm_tt *tt = bo->tbo.ttm;
	struct sg_table *runs;

	if (bo->page_runs)
		return bo->page_runs;
	runs = kzalloc(sizeof(*runs), GFP_KERNEL);
	if (!runs)
		return ERR_PTR(-ENOMEM);
	if (sg_alloc_table_from_pages_segment(runs, tt->pages, tt->num_pages, 0,
					      bo->tbo.base.size,
					      ALIGN_DOWN(UINT_MAX, PAGE_SIZE), GFP_KERNEL)) {
		kfree(runs);
		return ERR_PTR(-ENOMEM);
	}
	bo->page_runs = runs;
	return runs;
}

/**
 * vdgpu_dma_buf_backing_gone - forget what was derived from a buffer's pages
 * @bo: the buffer, reserved (or being destroyed), whose backing changes
 */
void vdgpu_dma_buf_backing_gone(struct vdgpu_bo *bo)
{
	if (!bo->page_runs)
		return;
	sg_free_table(bo->page_runs);
	kfree(bo->page_runs);
	bo->page_runs = NULL;
}

static int vdgpu_dma_buf_map_system(struct vdgpu_bo *bo, struct device *dev,
				    enum dma_data_direction dir,
				    struct vdgpu_dma_buf_mapping *m)
{
	struct sg_table *sgt = &m->sgt;
	u32 max_seg = vdgpu_dma_buf_max_seg(dev);
	struct scatterlist *run, *sg;
	struct sg_table *runs;
	unsigned int n = 0;
	int i, ret;

	runs = vdgpu_dma_buf_page_runs(bo);
	if (IS_ERR(runs))
		return PTR_ERR(runs);

	/* The runs, cut at the importer's segment limit. */
	for_each_sgtable_sg(runs, run, i)
		n += DIV_ROUND_UP((u64)run->length, max_seg);
	ret = vdgpu_dma_buf_alloc_sgt(m, n);
	if (ret)
		return ret;
	sg = sgt->sgl;
	for_each_sgtable_sg(runs, run, i) {
		u32 done, len;

		for (done = 0; done < run->length; done += len, sg = sg_next(sg)) {
			len = min(run->length - done, max_seg);
			sg_set_page(sg, nth_page(sg_page(run), done >> PAGE_SHIFT), len, 0);
		}
	}

	ret = dma_map_sgtable(dev, sgt, dir, DMA_ATTR_SKIP_CPU_SYNC);
	if (ret)
		vdgpu_dma_buf_free_sgt(m);
	return ret;
}

struct vdgpu_dma_buf_fill {
	struct vdgpu_device *vdev;
	struct device *dev;
	enum dma_data_direction dir;
	enum vdgpu_p2p_mode mode;
	bool pages;
	struct scatterlist *sg;
	unsigned int filled;
};

/*
 * Makes the next entry of @f cover VRAM [offset, offset + len): its DMA
 * address, or with @f->pages the ZONE_DEVICE pages, for dma_map_sgtable().
 */
static int vdgpu_dma_buf_fill_range(struct vdgpu_dma_buf_fill *f, u64 offset, u64 len)
{
	dma_addr_t addr;

	if (f->pages) {
		sg_set_page(f->sg, vdgpu_p2p_pages_page(f->vdev, offset), len, 0);
		f->sg = sg_next(f->sg);
		f->filled++;
		return 0;
	}
	if (f->mode == VDGPU_P2P_BUS_ADDR) {
		addr = f->vdev->vram.bus_addr + offset;
	} else {
		addr = dma_map_resource(f->dev, f->vdev->vram.io_start + offset,
					len, f->dir, DMA_ATTR_SKIP_CPU_SYNC);
		if (dma_mapping_error(f->dev, addr))
			return -EIO;
	}
	/* No struct page: importers get the DMA address and length only. */
	sg_set_page(f->sg, NULL, len, 0);
	sg_dma_address(f->sg) = addr;
	sg_dma_len(f->sg) = len;
	f->sg = sg_next(f->sg);
	f->filled++;
	return 0;
}

/*
 * Walks the runs of adjacent VRAM blocks of @res, cut at @max_seg bytes,
 * filling one entry of @f per run, or only counting them when @f is NULL.
 * Returns the number of runs or the first error.
 */
static int vdgpu_dma_buf_vram_ranges(struct vdgpu_device *vdev,
				     struct ttm_resource *res, u32 max_seg,
				     struct vdgpu_dma_buf_fill *f)
{
	struct vdgpu_vram_cursor cur;
	u64 start = 0, len = 0;
	int n = 0, ret;

	vdgpu_vram_cursor_first(&vdev->ttm, res, 0, &cur);
	for (;;) {
		u64 avail = min(cur.size, cur.remaining);
		bool more = avail;

		if (more && len && cur.start == start + len && len < max_seg) {
			u64 take = min_t(u64, avail, max_seg - len);

			len += take;
			vdgpu_vram_cursor_next(&cur, take);
			continue;
		}
		if (len) {
			ret = f ? vdgpu_dma_buf_fill_range(f, start, len) : 0;
			if (ret)
				return ret;
			n++;
		}
		if (!more)
			return n;
		start = cur.start;
		len = min_t(u64, avail, max_seg);
		vdgpu_vram_cursor_next(&cur, len);
	}
}

static void vdgpu_dma_buf_unmap_vram(struct device *dev, struct sg_table *sgt,
				     unsigned int nents, enum vdgpu_p2p_mode mode,
				     enum dma_data_direction dir)
{
	struct scatterlist *sg;
	unsigned int i;

	if (mode == VDGPU_P2P_HOST_BRIDGE)
		for_each_sg(sgt->sgl, sg, nents, i)
			dma_unmap_resource(dev, sg_dma_address(sg), sg_dma_len(sg),
					   dir, DMA_ATTR_SKIP_CPU_SYNC);
}

static int vdgpu_dma_buf_map_vram(struct vdgpu_bo *bo, struct device *dev,
				  enum vdgpu_p2p_mode mode,
				  enum dma_data_direction dir,
				  struct vdgpu_dma_buf_mapping *m)
{
	struct sg_table *sgt = &m->sgt;
	struct vdgpu_device *vdev = to_vdgpu_device(bo->tbo.base.dev);
	struct ttm_resource *res = bo->tbo.resource;
	u32 max_seg = vdgpu_dma_buf_max_seg(dev);
	struct vdgpu_dma_buf_fill f = {
		.vdev = vdev, .dev = dev, .dir = dir, .mode = mode,
	};
	int n, ret;

	n = vdgpu_dma_buf_vram_ranges(vdev, res, max_seg, NULL);
	ret = vdgpu_dma_buf_alloc_sgt(m, n);
	if (ret)
		return ret;

	f.sg = sgt->sgl;
	ret = vdgpu_dma_buf_vram_ranges(vdev, res, max_seg, &f);
	if (ret < 0) {
		/* Undo the entries filled before the one that failed. */
		vdgpu_dma_buf_unmap_vram(dev, sgt, f.filled, mode, dir);
		vdgpu_dma_buf_free_sgt(m);
		return ret;
	}
	return 0;
}

/*
 * The pages strategy: dma_map_sgtable() of the BAR's ZONE_DEVICE pages, so
 * the DMA layer picks the address kind (recorded in @m->mode) and the
 * importer gets a copy of the DMA addresses without the pages.
 */
static int vdgpu_dma_buf_map_vram_pages(struct vdgpu_bo *bo, struct device *dev,
					enum dma_data_direction dir,
					struct vdgpu_dma_buf_mapping *m)
{
	struct vdgpu_device *vdev = to_vdgpu_device(bo->tbo.base.dev);
	struct ttm_resource *res = bo->tbo.resource;
	u32 max_seg = vdgpu_dma_buf_max_seg(dev);
	struct vdgpu_dma_buf_fill f = { .vdev = vdev, .pages = true };
	struct scatterlist *src, *dst;
	int n, i, ret;

	n = vdgpu_dma_buf_vram_ranges(vdev, res, max_seg, NULL);
	ret = sg_alloc_table(&m->pages, n, GFP_KERNEL);
	if (ret)
		return ret;
	f.sg = m->pages.sgl;
	vdgpu_dma_buf_vram_ranges(vdev, res, max_seg, &f);	/* cannot fail */

	ret = dma_map_sgtable(dev, &m->pages, dir, DMA_ATTR_SKIP_CPU_SYNC);
	if (ret)
		goto out_free_pages;
	ret = vdgpu_dma_buf_alloc_sgt(m, m->pages.nents);
	if (ret)
		goto out_unmap;

	m->mode = sg_dma_is_bus_address(m->pages.sgl) ? VDGPU_P2P_BUS_ADDR :
							 VDGPU_P2P_HOST_BRIDGE;
	dst = m->sgt.sgl;
	for_each_sgtable_dma_sg(&m->pages, src, i) {
		sg_set_page(dst, NULL, sg_dma_len(src), 0);
		sg_dma_address(dst) = sg_dma_address(src);
		sg_dma_len(dst) = sg_dma_len(src);
		dst = sg_next(dst);
	}
	return 0;

out_unmap:
	dma_unmap_sgtable(dev, &m->pages, dir, DMA_ATTR_SKIP_CPU_SYNC);
out_free_pages:
	sg_free_table(&m->pages);
	return ret;
}

static void vdgpu_dma_buf_free_mapping(struct vdgpu_dma_buf_attachment *va,
				       struct vdgpu_dma_buf_mapping *m)
{
	if (m == &va->first_map)
		va->first_map_used = false;
	else
		kfree(m);
}

/* Undoes a successful map of @m, whatever kind it was. */
static void vdgpu_dma_buf_unmap_mapping(struct device *dev,
					struct vdgpu_dma_buf_mapping *m,
					enum dma_data_direction dir)
{
	if (m->mode == VDGPU_P2P_NONE) {
		dma_unmap_sgtable(dev, &m->sgt, dir, DMA_ATTR_SKIP_CPU_SYNC);
	} else if (m->strategy == VDGPU_P2P_MAP_PAGES) {
		dma_unmap_sgtable(dev, &m->pages, dir, DMA_ATTR_SKIP_CPU_SYNC);
		sg_free_table(&m->pages);
	} else {
		vdgpu_dma_buf_unmap_vram(dev, &m->sgt, m->sgt.nents, m->mode, dir);
	}
	vdgpu_dma_buf_free_sgt(m);
}

static struct sg_table *vdgpu_dma_buf_map(struct dma_buf_attachment *attach,
					  enum dma_data_direction dir)
{
	struct vdgpu_dma_buf_attachment *va = attach->priv;
	struct vdgpu_bo *bo = vdgpu_dma_buf_bo(attach->dmabuf);
	struct vdgpu_device *vdev = to_vdgpu_device(bo->tbo.base.dev);
	struct vdgpu_dma_buf_mapping *m;
	int ret, idx;

	dma_resv_assert_held(bo->tbo.base.resv);
	if (!drm_dev_enter(&vdev->drm, &idx))
		return ERR_PTR(-ENODEV);

	/* One mapping at a time is the rule: its record is in the attachment. */
	if (!va->first_map_used) {
		m = &va->first_map;
		memset(m, 0, sizeof(*m));
		va->first_map_used = true;
	} else {
		m = kzalloc(sizeof(*m), GFP_KERNEL);
		if (!m) {
			ret = -ENOMEM;
			goto out_exit;
		}
	}

	ret = vdgpu_dma_buf_place(bo, va->route.mode != VDGPU_P2P_NONE);
	if (ret)
		goto out_free;

	if (vdgpu_bo_region(bo) == DRM_VDGPU_REGION_VRAM) {
		m->mode = va->route.mode;
		m->strategy = READ_ONCE(vdev->p2p_pages.strategy);
		if (m->strategy == VDGPU_P2P_MAP_PAGES)
			ret = vdgpu_dma_buf_map_vram_pages(bo, attach->dev, dir, m);
		else
			ret = vdgpu_dma_buf_map_vram(bo, attach->dev, m->mode,
						     dir, m);
	} else {
		m->mode = VDGPU_P2P_NONE;
		ret = vdgpu_dma_buf_map_system(bo, attach->dev, dir, m);
	}
	if (ret)
		goto out_free;

	/*
	 * A static importer uses the memory as soon as it has the list and
	 * never looks at fences: wait here for the move that placed it.
	 */
	if (!dma_buf_attachment_is_dynamic(attach)) {
		long lret = dma_resv_wait_timeout(bo->tbo.base.resv,
						  DMA_RESV_USAGE_KERNEL, true,
						  MAX_SCHEDULE_TIMEOUT);
		if (lret < 0) {
			ret = lret;
			goto out_unmap;
		}
	}

	va->map_mode = m->mode;
	va->map_strategy = m->strategy;
	va->mappings++;
	trace_vdgpu_dma_buf_map(bo, attach->dev, m->mode, m->sgt.nents);
	drm_dev_exit(idx);
	return &m->sgt;

out_unmap:
	vdgpu_dma_buf_unmap_mapping(attach->dev, m, dir);
out_free:
	vdgpu_dma_buf_free_mapping(va, m);
out_exit:
	drm_dev_exit(idx);
	return ERR_PTR(ret);
}

static void vdgpu_dma_buf_unmap(struct dma_buf_attachment *attach,
				struct sg_table *sgt,
				enum dma_data_direction dir)
{
	struct vdgpu_dma_buf_mapping *m = container_of(sgt, typeof(*m), sgt);
	struct vdgpu_dma_buf_attachment *va = attach->priv;

	vdgpu_dma_buf_unmap_mapping(attach->dev, m, dir);
	vdgpu_dma_buf_free_mapping(va, m);
	va->mappings--;
}

static void vdgpu_dma_buf_release(struct dma_buf *dma_buf)
{
	struct vdgpu_bo *bo = vdgpu_dma_buf_bo(dma_buf);

	dma_resv_lock(bo->tbo.base.resv, NULL);
	bo->dma_buf = NULL;
	dma_resv_unlock(bo->tbo.base.resv);
	drm_gem_dmabuf_release(dma_buf);
}

static const struct dma_buf_ops vdgpu_dma_buf_ops = {
	.attach = vdgpu_dma_buf_attach,
	.detach = vdgpu_dma_buf_detach,
	.pin = vdgpu_dma_buf_pin,
	.unpin = vdgpu_dma_buf_unpin,
	.map_dma_buf = vdgpu_dma_buf_map,
	.unmap_dma_buf = vdgpu_dma_buf_unmap,
	.release = vdgpu_dma_buf_release,
	.mmap = drm_gem_dmabuf_mmap,
	.vmap = drm_gem_dmabuf_vmap,
	.vunmap = drm_gem_dmabuf_vunmap,
};

/**
 * vdgpu_is_vdgpu_dma_buf - whether a dma-buf is a vdgpu export
 * @dma_buf: the dma-buf
 *
 * Return: true when its priv is a &struct vdgpu_bo GEM object.
 */
bool vdgpu_is_vdgpu_dma_buf(struct dma_buf *dma_buf)
{
	return dma_buf->ops == &vdgpu_dma_buf_ops;
}

/**
 * vdgpu_gem_prime_export - &drm_gem_object_funcs.export
 * @obj: the buffer
 * @flags: file flags of the dma-buf
 *
 * The dma-buf shares the buffer's reservation object, so importers see
 * its move fences.
 *
 * Return: the dma-buf or an ERR_PTR.
 */
struct dma_buf *vdgpu_gem_prime_export(struct drm_gem_object *obj, int flags)
{
	struct vdgpu_bo *bo = gem_to_vdgpu_bo(obj);
	struct dma_buf_export_info exp_info = {
		.exp_name = KBUILD_MODNAME,
		.owner = THIS_MODULE,
		.ops = &vdgpu_dma_buf_ops,
		.size = obj->size,
		.flags = flags,
		.priv = obj,
		.resv = obj->resv,
	};
	struct dma_buf *dma_buf;
	int ret, idx;

	if (!drm_dev_enter(obj->dev, &idx))
		return ERR_PTR(-ENODEV);
	dma_buf = drm_gem_dmabuf_export(obj->dev, &exp_info);
	drm_dev_exit(idx);
	if (IS_ERR(dma_buf))
		return dma_buf;

	ret = dma_resv_lock_interruptible(obj->resv, NULL);
	if (ret) {
		dma_buf_put(dma_buf);
		return ERR_PTR(ret);
	}
	bo->dma_buf = dma_buf;
	dma_resv_unlock(obj->resv);
	return dma_buf;
}
EXPORT_SYMBOL_IF_KUNIT(vdgpu_gem_prime_export);

/**
 * vdgpu_gem_prime_import - &drm_driver.gem_prime_import
 * @drm: the importing device
 * @dma_buf: the dma-buf
 *
 * A buffer exported by this same device comes back as the same GEM object;
 * any other is imported dynamically (vdgpu_import_create()).
 *
 * Return: the GEM object with a new reference, or an ERR_PTR.
 */
struct drm_gem_object *vdgpu_gem_prime_import(struct drm_device *drm,
					      struct dma_buf *dma_buf)
{
	struct drm_gem_object *obj = dma_buf->priv;

	if (vdgpu_is_vdgpu_dma_buf(dma_buf) && obj->dev == drm) {
		drm_gem_object_get(obj);
		return obj;
	}
	return vdgpu_import_create(drm, dma_buf);
}

/**
 * vdgpu_dma_buf_move_notify - tell importers that a buffer moves
 * @bo: the buffer, reserved, about to get a new backing
 */
void vdgpu_dma_buf_move_notify(struct vdgpu_bo *bo)
{
	struct vdgpu_device *vdev = to_vdgpu_device(bo->tbo.base.dev);
	struct dma_buf_attachment *attach;
	unsigned int importers = 0;

	dma_resv_assert_held(bo->tbo.base.resv);
	if (!bo->dma_buf)
		return;

	list_for_each_entry(attach, &bo->dma_buf->attachments, node) {
		struct vdgpu_dma_buf_attachment *va = attach->priv;

		if (dma_buf_attachment_is_dynamic(attach)) {
			va->notifies++;
			importers++;
		}
	}
	trace_vdgpu_move_notify(bo, importers);
	atomic64_inc(&vdev->stats.move_notifies);
	dma_buf_move_notify(bo->dma_buf);
}

/**
 * vdgpu_dma_buf_has_system_importer - whether an importer of the buffer
 * cannot reach VRAM
 * @bo: the buffer, reserved
 *
 * Return: true when the buffer is exported and one of its attachments
 * needs system memory.
 */
bool vdgpu_dma_buf_has_system_importer(struct vdgpu_bo *bo)
{
	dma_resv_assert_held(bo->tbo.base.resv);
	return bo->dma_buf && !vdgpu_dma_buf_all_p2p(bo->dma_buf);
}

/**
 * vdgpu_dma_buf_print_attachments - debugfs lines for a buffer's importers
 * @bo: the buffer, reserved
 * @m: where to print
 *
 * One line per attachment: importer device, P2P yes/no and why, the kind
 * of addresses of the last mapping and, for VRAM, the strategy that made
 * it (vdgpu_p2p_pages.c), live mappings, pins, notifications
 * and the reason of the buffer's last move.
 */
void vdgpu_dma_buf_print_attachments(struct vdgpu_bo *bo, struct seq_file *m)
{
	struct dma_buf_attachment *attach;

	dma_resv_assert_held(bo->tbo.base.resv);
	if (!bo->dma_buf)
		return;

	list_for_each_entry(attach, &bo->dma_buf->attachments, node) {
		struct vdgpu_dma_buf_attachment *va = attach->priv;

		seq_printf(m, "  attachment %s dynamic=%d p2p=%s mode=%s strategy=%s mappings=%u pins=%u notifies=%llu last_move=%s reason=\"%s\"\n",
			   dev_name(attach->dev),
			   dma_buf_attachment_is_dynamic(attach),
			   attach->peer2peer ? "yes" : "no",
			   vdgpu_p2p_mode_name(va->map_mode),
			   va->map_mode == VDGPU_P2P_NONE ? "-" :
			   vdgpu_p2p_map_strategy_name(va->map_strategy), va->mappings,
			   va->pins, va->notifies,
			   vdgpu_move_reason_name(bo->last_move_reason),
			   va->route.reason);
	}
}
