// SPDX-License-Identifier: GPL-2.0-only
/*
 * Copyright (c) 2026 The vdgpu authors
 */

/**
 * DOC: dma-buf import
 *
 * A dma-buf of another device (another vdgpu instance, or any exporter) is
 * imported as a &struct vdgpu_import GEM object with a dynamic attachment:
 * it accepts peer-to-peer addresses and takes move_notify. The object
 * shares the exporter's reservation object, so EXEC jobs lock it with
 * drm_exec like any buffer, wait for the exporter's move fences (KERNEL
 * usage) and publish their own fences where the exporter's moves wait for
 * them. The object is fully set up before the attachment is published,
 * since the exporter may call move_notify as soon as it is.
 *
 * Mapping is lazy: each job maps the attachment when it is submitted
 * (reservation held) and unmaps it when it is freed. The engine reaches the
 * memory only through the DMA addresses it was handed, resolved as the
 * device would see them: a PCI bus address of a peer's BAR (mapped for the
 * CPU with ioremap), an address the device's IOMMU translates, or system
 * memory. Without CONFIG_DMABUF_MOVE_NOTIFY a mapping pins the exporter's
 * buffer, so moves happen between jobs.
 *
 * Imported objects cannot be migrated, mmapped or queried with GEM_INFO
 * through vdgpu (-EINVAL); they are the exporter's.
 */
#include <linux/dma-buf.h>
#include <linux/dma-direct.h>
#include <linux/dma-resv.h>
#include <linux/io.h>
#include <linux/iommu.h>
#include <linux/pci.h>
#include <linux/scatterlist.h>
#include <linux/seq_file.h>
#include <linux/slab.h>

#include <drm/drm_drv.h>
#include <drm/drm_prime.h>
#include <drm/drm_print.h>

#include "vdgpu_drv.h"
#include "vdgpu_import.h"
#include "vdgpu_mem_view.h"

MODULE_IMPORT_NS(DMA_BUF);

static const struct drm_gem_object_funcs vdgpu_import_funcs;

/**
 * vdgpu_gem_to_import - the import behind a GEM object
 * @obj: a GEM object of a vdgpu device
 *
 * Return: the &struct vdgpu_import, or NULL for a vdgpu buffer object.
 */
struct vdgpu_import *vdgpu_gem_to_import(struct drm_gem_object *obj)
{
	return obj->funcs == &vdgpu_import_funcs ?
	       container_of(obj, struct vdgpu_import, base) : NULL;
}

static void vdgpu_import_move_notify(struct dma_buf_attachment *attach)
{
	struct vdgpu_import *imp = attach->importer_priv;

	dma_resv_assert_held(attach->dmabuf->resv);
	/* Jobs map for themselves: nothing cached to drop. */
	imp->notifies++;
}

static const struct dma_buf_attach_ops vdgpu_import_attach_ops = {
	.allow_peer2peer = true,
	.move_notify = vdgpu_import_move_notify,
};

static void vdgpu_import_free(struct drm_gem_object *obj)
{
	struct vdgpu_import *imp = vdgpu_gem_to_import(obj);
	struct vdgpu_device *vdev = to_vdgpu_device(obj->dev);
	struct dma_buf *dma_buf = obj->import_attach->dmabuf;

	mutex_lock(&vdev->bo_list_lock);
	list_del(&imp->link);
	mutex_unlock(&vdev->bo_list_lock);
	dma_buf_detach(dma_buf, obj->import_attach);
	dma_buf_put(dma_buf);
	drm_gem_object_release(obj);
	kfree(imp);
}

static const struct drm_gem_object_funcs vdgpu_import_funcs = {
	.free = vdgpu_import_free,
};

/**
 * vdgpu_import_create - import a dma-buf of another device
 * @drm: the importing device
 * @dma_buf: the dma-buf
 *
 * Return: the GEM object with one reference, or an ERR_PTR: the exporter's
 * attach error (-EOPNOTSUPP from vdgpu when the buffer may only live in
 * VRAM we cannot reach), -ENODEV for a device that is gone, -ENOMEM.
 */
struct drm_gem_object *vdgpu_import_create(struct drm_device *drm,
					   struct dma_buf *dma_buf)
{
	struct vdgpu_device *vdev = to_vdgpu_device(drm);
	struct dma_buf_attachment *attach;
	struct vdgpu_import *imp;
	int idx;

	/* GEM objects are whole pages (drm_gem_private_object_init()). */
	if (!PAGE_ALIGNED(dma_buf->size)) {
		drm_dbg_driver(drm, "import: dma-buf %s of %zu bytes is not page aligned\n",
			       dma_buf->exp_name, dma_buf->size);
		return ERR_PTR(-EINVAL);
	}
	if (!drm_dev_enter(drm, &idx))
		return ERR_PTR(-ENODEV);
	imp = kzalloc(sizeof(*imp), GFP_KERNEL);
	if (!imp) {
		drm_dev_exit(idx);
		return ERR_PTR(-ENOMEM);
	}
	imp->base.funcs = &vdgpu_import_funcs;
	imp->base.resv = dma_buf->resv;
	imp->last_kind = "none";
	drm_gem_private_object_init(drm, &imp->base, dma_buf->size);

	/* Published to the exporter from here on: @imp is ready. */
	attach = dma_buf_dynamic_attach(dma_buf, drm->dev, &vdgpu_import_attach_ops, imp);
	drm_dev_exit(idx);
	if (IS_ERR(attach)) {
		drm_gem_object_release(&imp->base);
		kfree(imp);
		return ERR_CAST(attach);
	}
	get_dma_buf(dma_buf);
	imp->base.import_attach = attach;

	mutex_lock(&vdev->bo_list_lock);
	list_add_tail(&imp->link, &vdev->import_list);
	mutex_unlock(&vdev->bo_list_lock);
	return &imp->base;
}

/**
 * vdgpu_import_map - map an import for one job
 * @imp: the import, reserved
 *
 * Return: the mapping, or an ERR_PTR (-ENODEV when the exporter is gone).
 */
struct sg_table *vdgpu_import_map(struct vdgpu_import *imp)
{
	struct sg_table *sgt;

	sgt = dma_buf_map_attachment(imp->base.import_attach, DMA_BIDIRECTIONAL);
	if (!IS_ERR(sgt))
		imp->maps++;
	return sgt;
}

/**
 * vdgpu_import_unmap - drop a job's mapping
 * @imp: the import, not reserved (the job has finished)
 * @sgt: the mapping
 */
void vdgpu_import_unmap(struct vdgpu_import *imp, struct sg_table *sgt)
{
	dma_buf_unmap_attachment_unlocked(imp->base.import_attach, sgt, DMA_BIDIRECTIONAL);
}

/* The PCI device whose memory BAR holds bus address @addr, referenced. */
static struct pci_dev *vdgpu_import_bar_of(dma_addr_t addr, struct resource **bar)
{
	struct pci_dev *pdev = NULL;
	int i;

	for_each_pci_dev(pdev) {
		for (i = 0; i < PCI_STD_NUM_BARS; i++) {
			struct resource *res = pci_resource_n(pdev, i);
			struct pci_bus_region region;

			if (!(resource_type(res) & IORESOURCE_MEM) || !resource_size(res))
				continue;
			pcibios_resource_to_bus(pdev->bus, &region, res);
			if (addr >= region.start && addr <= region.end) {
				*bar = res;
				return pdev;
			}
		}
	}
	return NULL;
}

/*
 * Resolves [addr, addr + len) of a mapping for the engine, as our device
 * would reach it: through its IOMMU when it has one and the address is
 * translated, else as a peer's BAR or as system memory. Fills @chunk; a
 * translated range must not cross a page.
 */
static int vdgpu_import_resolve(struct vdgpu_device *vdev, dma_addr_t addr, u64 len,
				struct vdgpu_mem_chunk *chunk, const char **kind)
{
	struct iommu_domain *domain = iommu_get_domain_for_dev(vdev->drm.dev);
	bool translated = domain && domain->type != IOMMU_DOMAIN_IDENTITY;
	phys_addr_t phys = 0;
	struct resource *bar;
	struct pci_dev *peer;

	chunk->size = len;
	if (translated)
		phys = iommu_iova_to_phys(domain, addr);
	if (phys) {
		*kind = "iommu";
	} else {
		peer = vdgpu_import_bar_of(addr, &bar);
		if (peer) {
			struct pci_bus_region region = { addr, addr + len - 1 };
			struct resource res = {};

			pcibios_bus_to_resource(peer->bus, &res, &region);
			pci_dev_put(peer);
			if (res.end > bar->end)
				return -EFAULT;
			*kind = "bus";
			chunk->addr = ioremap_wc(res.start, len);
			chunk->iounmap = true;
			return chunk->addr ? 0 : -ENOMEM;
		}
		/*
		 * Behind a translating IOMMU an address is an IOVA or a peer's
		 * bus address; one that is neither is the exporter's error,
		 * never a physical address to guess at.
		 */
		if (translated) {
			drm_err_ratelimited(&vdev->drm,
					    "import: DMA address %pad is neither mapped by our IOMMU nor in a PCI BAR\n",
					    &addr);
			return -EFAULT;
		}
		phys = dma_to_phys(vdev->drm.dev, addr);
		*kind = "system";
	}

	if (pfn_valid(PHYS_PFN(phys)) && pfn_valid(PHYS_PFN(phys + len - 1))) {
		/* System memory: the engine's iomem accessors work on it too. */
		chunk->addr = (void __iomem __force *)phys_to_virt(phys);
		return 0;
	}
	/* A BAR reached through the IOMMU (peer to peer via the host bridge). */
	chunk->addr = ioremap_wc(phys, len);
	chunk->iounmap = true;
	return chunk->addr ? 0 : -ENOMEM;
}

/**
 * vdgpu_import_view_init - the engine's view of an import through a mapping
 * @vdev: the importing device
 * @imp: the import, reserved
 * @sgt: the job's mapping of it
 * @view: the result
 *
 * Return: 0, -ENOMEM, or -EFAULT for an address the device cannot reach.
 */
int vdgpu_import_view_init(struct vdgpu_device *vdev, struct vdgpu_import *imp,
			   struct sg_table *sgt, struct vdgpu_mem_view *view)
{
	struct iommu_domain *domain = iommu_get_domain_for_dev(vdev->drm.dev);
	bool per_page = domain && domain->type != IOMMU_DOMAIN_IDENTITY;
	struct scatterlist *sg;
	unsigned int n = 0;
	u64 total = 0;
	int i, ret = 0;

	memset(view, 0, sizeof(*view));
	view->vdev = vdev;
	view->size = imp->base.size;

	/* IOMMU mappings are contiguous in IOVA only: one chunk a page. */
	for_each_sgtable_dma_sg(sgt, sg, i) {
		n += per_page ? DIV_ROUND_UP(sg_dma_len(sg), PAGE_SIZE) : 1;
		total += sg_dma_len(sg);
	}
	/* The engine walks the chunks for all of the buffer. */
	if (total < view->size) {
		drm_err_ratelimited(&vdev->drm,
				    "import: the exporter's table covers %llu of %zu bytes\n",
				    total, imp->base.size);
		return -EINVAL;
	}
	view->chunks = kvcalloc(n, sizeof(*view->chunks), GFP_KERNEL_ACCOUNT);
	if (!view->chunks)
		return -ENOMEM;

	for_each_sgtable_dma_sg(sgt, sg, i) {
		u64 done, len = sg_dma_len(sg);

		for (done = 0; !ret && done < len; view->num_chunks++) {
			u64 step = per_page ? min_t(u64, PAGE_SIZE, len - done) : len;

			ret = vdgpu_import_resolve(vdev, sg_dma_address(sg) + done, step,
						   &view->chunks[view->num_chunks],
						   &imp->last_kind);
			done += step;
		}
		if (ret)
			break;
	}
	if (ret)
		vdgpu_mem_view_fini(view);
	return ret;
}

/**
 * vdgpu_import_print - debugfs lines for the device's imports
 * @vdev: the device
 * @m: where to print
 */
void vdgpu_import_print(struct vdgpu_device *vdev, struct seq_file *m)
{
	struct vdgpu_import *imp;

	mutex_lock(&vdev->bo_list_lock);
	list_for_each_entry(imp, &vdev->import_list, link) {
		struct dma_buf_attachment *attach = imp->base.import_attach;

		/* Not waited for under bo_list_lock; see vdgpu_debugfs_bos_show(). */
		if (!dma_resv_trylock(imp->base.resv)) {
			seq_printf(m, "import %zu busy\n", imp->base.size);
			continue;
		}
		seq_printf(m, "import %zu exporter=%s p2p=%s maps=%llu notifies=%llu last=%s\n",
			   imp->base.size, attach->dmabuf->exp_name,
			   attach->peer2peer ? "yes" : "no", imp->maps, imp->notifies,
			   imp->last_kind);
		dma_resv_unlock(imp->base.resv);
	}
	mutex_unlock(&vdev->bo_list_lock);
}
