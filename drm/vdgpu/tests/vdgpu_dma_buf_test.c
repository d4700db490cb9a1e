// SPDX-License-Identifier: GPL-2.0-only
/*
 * Live KUnit tests of the dma-buf exporter, in the spirit of xe's
 * xe_dma_buf KUnit test: an in-kernel test importer with a chosen
 * capability (P2P and move_notify, move_notify only, static) attaches to a
 * buffer of a bound vdgpu PCI device from the same device, from the other
 * GPU, or from a device that is not PCI, for each placement policy
 * (VRAM only, system only, VRAM preferred or system). Expected outcomes
 * depend on CONFIG_PCI_P2PDMA and CONFIG_DMABUF_MOVE_NOTIFY.
 *
 * Copyright (c) 2026 The vdgpu authors
 */
#include <kunit/device.h>
#include <kunit/test.h>
#include <linux/dma-buf.h>
#include <linux/dma-direct.h>
#include <linux/dma-mapping.h>
#include <linux/highmem.h>
#include <linux/iosys-map.h>
#include <linux/kthread.h>
#include <linux/sched/task.h>
#include <linux/dma-resv.h>
#include <linux/fcntl.h>
#include <linux/iommu.h>
#include <linux/pci.h>
#include <linux/scatterlist.h>

#include <drm/drm_drv.h>
#include <drm/drm_gem.h>
#include <drm/ttm/ttm_tt.h>

#include "drm/vdgpu/vdgpu_bo.h"
#include "drm/vdgpu/vdgpu_dma_buf.h"
#include "drm/vdgpu/vdgpu_drv.h"
#include "drm/vdgpu/vdgpu_exec.h"
#include "drm/vdgpu/vdgpu_p2p.h"
#include "drm/vdgpu/vdgpu_vram_mgr.h"
#include "drm/vdgpu/tests/vdgpu_test_device.h"
#include "uapi/drm/vdgpu_drm.h"

#define TEST_BO_SIZE	SZ_2M

enum test_importer_kind { IMP_P2P, IMP_NOTIFY, IMP_STATIC };
enum test_importer_dev { DEV_SAME, DEV_OTHER_GPU, DEV_NOT_PCI };

struct vdgpu_dma_buf_case {
	u32 regions;
	u32 preferred;
	enum test_importer_kind kind;
	enum test_importer_dev dev;
	bool move_notify;
};

#define TEST_KINDS	3
#define TEST_DEVS	3
#define TEST_PLACEMENTS	3
#define TEST_MOVE_NOTIFY	2

/* Allowed and preferred regions of each placement policy. */
static const u32 test_placements[TEST_PLACEMENTS][2] = {
	{ DRM_VDGPU_REGION_VRAM, DRM_VDGPU_REGION_VRAM },
	{ DRM_VDGPU_REGION_SYSTEM, DRM_VDGPU_REGION_SYSTEM },
	{ DRM_VDGPU_REGIONS_ALL, DRM_VDGPU_REGION_VRAM },
};

static struct vdgpu_dma_buf_case
	vdgpu_dma_buf_cases[TEST_PLACEMENTS * TEST_KINDS * TEST_DEVS * TEST_MOVE_NOTIFY];

static void vdgpu_dma_buf_case_desc(const struct vdgpu_dma_buf_case *c, char *desc)
{
	static const char * const kinds[] = { "p2p+notify", "notify-only", "static" };
	static const char * const devs[] = { "same-device", "other-gpu", "not-pci" };
	const char *placement = c->regions == DRM_VDGPU_REGIONS_ALL ? "vram-or-system" :
				c->regions == DRM_VDGPU_REGION_VRAM ? "vram" : "system";

	snprintf(desc, KUNIT_PARAM_DESC_SIZE, "%s %s %s move-notify-%s", placement,
		 kinds[c->kind], devs[c->dev], c->move_notify ? "on" : "off");
}

/*
 * Every placement policy x importer kind x importer device x
 * DMABUF_MOVE_NOTIFY on/off.
 */
static const void *vdgpu_dma_buf_gen_params(const void *prev, char *desc)
{
	const struct vdgpu_dma_buf_case *c = prev;
	unsigned int i = c ? c - vdgpu_dma_buf_cases + 1 : 0;
	struct vdgpu_dma_buf_case *next;

	if (i >= ARRAY_SIZE(vdgpu_dma_buf_cases))
		return NULL;
	next = &vdgpu_dma_buf_cases[i];
	next->move_notify = !(i % TEST_MOVE_NOTIFY);
	i /= TEST_MOVE_NOTIFY;
	next->regions = test_placements[i / (TEST_KINDS * TEST_DEVS)][0];
	next->preferred = test_placements[i / (TEST_KINDS * TEST_DEVS)][1];
	next->kind = (i / TEST_DEVS) % TEST_KINDS;
	next->dev = i % TEST_DEVS;
	vdgpu_dma_buf_case_desc(next, desc);
	return next;
}

struct test_importer {
	unsigned int notifies;
};

static void test_importer_move_notify(struct dma_buf_attachment *attach)
{
	struct test_importer *imp = attach->importer_priv;

	dma_resv_assert_held(attach->dmabuf->resv);
	imp->notifies++;
}

static const struct dma_buf_attach_ops test_importer_p2p_ops = {
	.allow_peer2peer = true,
	.move_notify = test_importer_move_notify,
};

static const struct dma_buf_attach_ops test_importer_notify_ops = {
	.allow_peer2peer = false,
	.move_notify = test_importer_move_notify,
};

static struct device *test_importer_device(struct kunit *test,
					   const struct vdgpu_dma_buf_case *c,
					   struct vdgpu_device *vdev)
{
	struct vdgpu_device *peer;
	struct device *dev;

	switch (c->dev) {
	case DEV_SAME:
		return vdev->drm.dev;
	case DEV_OTHER_GPU:
		peer = vdgpu_test_require_device(test, 1);
		return peer->drm.dev;
	default:
		dev = kunit_device_register(test, "vdgpu-test-importer");
		KUNIT_ASSERT_FALSE(test, IS_ERR(dev));
		/* A device doing direct DMA to all of memory. */
		dev->coherent_dma_mask = DMA_BIT_MASK(64);
		dev->dma_mask = &dev->coherent_dma_mask;
		return dev;
	}
}

/*
 * A new buffer of @vdev exported as a dma-buf; the dma-buf holds the only
 * reference to it.
 */
static struct dma_buf *test_export(struct kunit *test, struct vdgpu_device *vdev,
				   u32 regions, u32 preferred, struct vdgpu_bo **bo)
{
	struct dma_buf *dma_buf;

	KUNIT_ASSERT_EQ(test, vdgpu_bo_create(vdev, TEST_BO_SIZE, regions, preferred, 0, bo),
			0);
	dma_buf = vdgpu_gem_prime_export(&(*bo)->tbo.base, O_RDWR);
	KUNIT_ASSERT_FALSE(test, IS_ERR(dma_buf));
	drm_gem_object_put(&(*bo)->tbo.base);
	return dma_buf;
}

/*
 * The importer's view must be DMA addresses only, page aligned, each
 * entry within the importer's segment limit, covering the buffer, and of
 * the kind the placement calls for.
 */
static void test_check_sgt(struct kunit *test, struct vdgpu_device *vdev,
			   struct sg_table *sgt, struct device *dev, u32 region)
{
	u64 bar_start = vdev->vram.bus_addr, bar_end = bar_start + vdev->vram.size;
	struct scatterlist *sg;
	u64 total = 0;
	int i;

	KUNIT_EXPECT_GT(test, sgt->nents, 0);
	for_each_sgtable_dma_sg(sgt, sg, i) {
		u64 addr = sg_dma_address(sg), len = sg_dma_len(sg);
		bool in_bar = addr >= bar_start && addr + len <= bar_end;

		KUNIT_EXPECT_TRUE(test, PAGE_ALIGNED(addr));
		KUNIT_EXPECT_TRUE(test, PAGE_ALIGNED(len));
		KUNIT_EXPECT_LE(test, len, (u64)dma_get_max_seg_size(dev));
		if (region == DRM_VDGPU_REGION_VRAM)
			KUNIT_EXPECT_TRUE_MSG(test, in_bar,
					      "VRAM entry %llx+%llx outside the BAR %llx-%llx",
					      addr, len, bar_start, bar_end);
		else
			KUNIT_EXPECT_FALSE_MSG(test, addr < bar_end && addr + len > bar_start,
					       "system entry %llx+%llx inside the BAR", addr, len);
		total += len;
	}
	KUNIT_EXPECT_EQ(test, total, (u64)TEST_BO_SIZE);
	if (region == DRM_VDGPU_REGION_VRAM)
		/* One entry per run of blocks, not per page. */
		KUNIT_EXPECT_LT(test, sgt->nents, TEST_BO_SIZE / PAGE_SIZE);
}

/*
 * A dynamic importer's map and unmap as the dma-buf core makes them. With
 * @pin (DMABUF_MOVE_NOTIFY off emulated on a kernel that has it) they are
 * wrapped in a pin and an unpin, which is all the core does differently
 * without CONFIG_DMABUF_MOVE_NOTIFY (dma_buf_map_attachment() and
 * dma_buf_unmap_attachment() in drivers/dma-buf/dma-buf.c of 6.12).
 */
static struct sg_table *test_map(struct dma_buf_attachment *attach, bool pin)
{
	struct sg_table *sgt;
	int ret;

	if (pin) {
		ret = dma_buf_pin(attach);
		if (ret)
			return ERR_PTR(ret);
	}
	sgt = dma_buf_map_attachment(attach, DMA_BIDIRECTIONAL);
	if (pin && IS_ERR(sgt))
		dma_buf_unpin(attach);
	return sgt;
}

static void test_unmap(struct dma_buf_attachment *attach, struct sg_table *sgt,
		       bool pin)
{
	dma_buf_unmap_attachment(attach, sgt, DMA_BIDIRECTIONAL);
	if (pin)
		dma_buf_unpin(attach);
}

static void vdgpu_dma_buf_matrix_test(struct kunit *test)
{
	const struct vdgpu_dma_buf_case *c = test->param_value;
	struct ttm_operation_ctx ctx = { .interruptible = false };
	bool kernel_move_notify = IS_ENABLED(CONFIG_DMABUF_MOVE_NOTIFY);
	struct test_importer imp = {};
	bool emulate_off;
	struct dma_buf_attachment *attach;
	struct vdgpu_device *vdev;
	struct dma_buf *dma_buf;
	struct sg_table *sgt;
	struct device *dev;
	struct vdgpu_bo *bo;
	bool p2p, pinned;
	u32 region, other;

	if (c->move_notify && !kernel_move_notify)
		kunit_skip(test, "kernel without CONFIG_DMABUF_MOVE_NOTIFY");
	emulate_off = !c->move_notify && kernel_move_notify && c->kind != IMP_STATIC;

	vdev = vdgpu_test_require_device(test, 0);
	dev = test_importer_device(test, c, vdev);

	dma_buf = test_export(test, vdev, c->regions, c->preferred, &bo);

	p2p = c->kind == IMP_P2P && c->dev != DEV_NOT_PCI &&
	      IS_ENABLED(CONFIG_PCI_P2PDMA);
	if (c->kind == IMP_STATIC)
		attach = dma_buf_attach(dma_buf, dev);
	else
		attach = dma_buf_dynamic_attach(dma_buf, dev,
						c->kind == IMP_P2P ? &test_importer_p2p_ops :
								     &test_importer_notify_ops,
						&imp);
	if (!p2p && c->regions == DRM_VDGPU_REGION_VRAM) {
		KUNIT_EXPECT_EQ(test, PTR_ERR_OR_ZERO(attach), -EOPNOTSUPP);
		goto out_put;
	}
	KUNIT_ASSERT_FALSE_MSG(test, IS_ERR(attach), "attach: %pe", attach);
	KUNIT_EXPECT_EQ(test, attach->peer2peer, p2p);

	dma_resv_lock(dma_buf->resv, NULL);
	sgt = test_map(attach, emulate_off);
	if (IS_ERR(sgt)) {
		KUNIT_FAIL(test, "map: %pe", sgt);
		dma_resv_unlock(dma_buf->resv);
		goto out_detach;
	}

	/* VRAM stays VRAM only for a P2P importer; others get system memory. */
	region = p2p && c->preferred == DRM_VDGPU_REGION_VRAM ?
		 DRM_VDGPU_REGION_VRAM : DRM_VDGPU_REGION_SYSTEM;
	pinned = c->kind == IMP_STATIC || !c->move_notify;
	KUNIT_EXPECT_EQ(test, vdgpu_bo_region(bo), region);
	KUNIT_EXPECT_EQ(test, bo->tbo.pin_count, pinned ? 1u : 0u);
	test_check_sgt(test, vdev, sgt, dev, region);

	other = region ^ DRM_VDGPU_REGIONS_ALL;
	if (c->regions != DRM_VDGPU_REGIONS_ALL) {
		/* Nowhere else to go. */
	} else if (pinned) {
		/* The first map's placement may have moved it: not counted. */
		imp.notifies = 0;
		KUNIT_EXPECT_EQ(test, vdgpu_bo_migrate(bo, other, &ctx), -EBUSY);
		KUNIT_EXPECT_EQ(test, vdgpu_bo_region(bo), region);
		KUNIT_EXPECT_EQ(test, imp.notifies, 0u);
		if (c->kind != IMP_STATIC) {
			/*
			 * Without MOVE_NOTIFY a dynamic importer's buffer moves
			 * between its maps; it still hears of each move once
			 * and its next map follows the buffer.
			 */
			test_unmap(attach, sgt, emulate_off);
			KUNIT_EXPECT_EQ(test, bo->tbo.pin_count, 0u);
			KUNIT_EXPECT_EQ(test, vdgpu_bo_migrate(bo, other, &ctx), 0);
			KUNIT_EXPECT_EQ(test, vdgpu_bo_region(bo), other);
			KUNIT_EXPECT_EQ(test, imp.notifies, 1u);
			sgt = test_map(attach, emulate_off);
			KUNIT_ASSERT_FALSE(test, IS_ERR(sgt));
			region = p2p ? other : DRM_VDGPU_REGION_SYSTEM;
			KUNIT_EXPECT_EQ(test, vdgpu_bo_region(bo), region);
			KUNIT_EXPECT_EQ(test, imp.notifies, p2p ? 1u : 2u);
			KUNIT_EXPECT_EQ(test, bo->tbo.pin_count, 1u);
			test_check_sgt(test, vdev, sgt, dev, region);
		}
	} else {
		/* A mapped dynamic importer hears of the move exactly once. */
		imp.notifies = 0;
		KUNIT_EXPECT_EQ(test, vdgpu_bo_migrate(bo, other, &ctx), 0);
		KUNIT_EXPECT_EQ(test, vdgpu_bo_region(bo), other);
		KUNIT_EXPECT_EQ(test, imp.notifies, 1u);

		/*
		 * Its re-map follows the buffer: a P2P importer takes it
		 * where it is now, the others pull it back to system memory
		 * (which they hear of too).
		 */
		test_unmap(attach, sgt, emulate_off);
		sgt = test_map(attach, emulate_off);
		KUNIT_ASSERT_FALSE(test, IS_ERR(sgt));
		region = p2p ? other : DRM_VDGPU_REGION_SYSTEM;
		KUNIT_EXPECT_EQ(test, vdgpu_bo_region(bo), region);
		KUNIT_EXPECT_EQ(test, imp.notifies, p2p ? 1u : 2u);
		test_check_sgt(test, vdev, sgt, dev, region);
	}

	test_unmap(attach, sgt, emulate_off);
	KUNIT_EXPECT_EQ(test, bo->tbo.pin_count, c->kind == IMP_STATIC ? 1u : 0u);
	dma_resv_unlock(dma_buf->resv);

out_detach:
	dma_buf_detach(dma_buf, attach);
	KUNIT_EXPECT_EQ(test, bo->tbo.pin_count, 0u);
out_put:
	dma_buf_put(dma_buf);
}

/*
 * Pin policy: VRAM only while every attachment is P2P. A non-P2P map of a
 * buffer pinned in VRAM fails with -EBUSY; unpin lets it move again.
 */
static void vdgpu_dma_buf_pin_test(struct kunit *test)
{
	struct ttm_operation_ctx ctx = { .interruptible = false };
	struct test_importer imp_p2p = {}, imp_sys = {};
	struct dma_buf_attachment *a_p2p, *a_sys;
	struct vdgpu_device *vdev;
	struct dma_buf *dma_buf;
	struct sg_table *sgt;
	struct vdgpu_bo *bo;
	u64 pinned_vram;

	if (!IS_ENABLED(CONFIG_PCI_P2PDMA))
		kunit_skip(test, "kernel without CONFIG_PCI_P2PDMA");
	vdev = vdgpu_test_require_device(test, 0);
	if (vdev->vram.visible_size != vdev->vram.size)
		kunit_skip(test, "small BAR (see vdgpu_dma_buf_small_bar_test)");

	dma_buf = test_export(test, vdev, DRM_VDGPU_REGIONS_ALL, DRM_VDGPU_REGION_VRAM, &bo);

	a_p2p = dma_buf_dynamic_attach(dma_buf, vdev->drm.dev, &test_importer_p2p_ops,
				       &imp_p2p);
	KUNIT_ASSERT_FALSE(test, IS_ERR(a_p2p));

	dma_resv_lock(dma_buf->resv, NULL);
	pinned_vram = atomic64_read(&vdev->stats.pinned_vram_bytes);
	KUNIT_EXPECT_EQ(test, dma_buf_pin(a_p2p), 0);
	KUNIT_EXPECT_EQ(test, vdgpu_bo_region(bo), DRM_VDGPU_REGION_VRAM);
	KUNIT_EXPECT_EQ(test, atomic64_read(&vdev->stats.pinned_vram_bytes),
			pinned_vram + TEST_BO_SIZE);
	KUNIT_EXPECT_EQ(test, vdgpu_bo_migrate(bo, DRM_VDGPU_REGION_SYSTEM, &ctx), -EBUSY);
	dma_resv_unlock(dma_buf->resv);

	/* Pinned buffers are never evicted. */
	KUNIT_EXPECT_EQ(test, vdgpu_ttm_evict_vram(vdev), 0);
	dma_resv_lock(dma_buf->resv, NULL);
	KUNIT_EXPECT_EQ(test, vdgpu_bo_region(bo), DRM_VDGPU_REGION_VRAM);
	dma_resv_unlock(dma_buf->resv);

	/* An importer that cannot reach VRAM may attach but not map. */
	a_sys = dma_buf_dynamic_attach(dma_buf, vdev->drm.dev,
				       &test_importer_notify_ops, &imp_sys);
	KUNIT_ASSERT_FALSE(test, IS_ERR(a_sys));
	dma_resv_lock(dma_buf->resv, NULL);
	sgt = dma_buf_map_attachment(a_sys, DMA_BIDIRECTIONAL);
	KUNIT_EXPECT_EQ(test, PTR_ERR_OR_ZERO(sgt), -EBUSY);
	if (!IS_ERR(sgt))
		dma_buf_unmap_attachment(a_sys, sgt, DMA_BIDIRECTIONAL);

	/* Unpinned, it moves: to system memory for the second importer. */
	dma_buf_unpin(a_p2p);
	KUNIT_EXPECT_EQ(test, atomic64_read(&vdev->stats.pinned_vram_bytes), pinned_vram);
	sgt = dma_buf_map_attachment(a_sys, DMA_BIDIRECTIONAL);
	KUNIT_EXPECT_FALSE(test, IS_ERR(sgt));
	if (!IS_ERR(sgt)) {
		KUNIT_EXPECT_EQ(test, vdgpu_bo_region(bo), DRM_VDGPU_REGION_SYSTEM);
		KUNIT_EXPECT_GE(test, imp_p2p.notifies, 1u);
		dma_buf_unmap_attachment(a_sys, sgt, DMA_BIDIRECTIONAL);
	}

	/* With a non-P2P attachment, a pin goes to system memory. */
	KUNIT_EXPECT_EQ(test, dma_buf_pin(a_p2p), 0);
	KUNIT_EXPECT_EQ(test, vdgpu_bo_region(bo), DRM_VDGPU_REGION_SYSTEM);
	dma_buf_unpin(a_p2p);
	dma_resv_unlock(dma_buf->resv);

	dma_buf_detach(dma_buf, a_sys);
	dma_buf_detach(dma_buf, a_p2p);
	dma_buf_put(dma_buf);
}

/*
 * The VRAM byte that an entry's DMA address stands for, as @dev would
 * reach it: a bus address of the BAR, or an address the DMA API mapped for
 * @dev (translated back through its IOMMU when it has one).
 */
static u64 test_dma_to_bar_offset(struct kunit *test, struct vdgpu_device *vdev,
				  struct device *dev, enum vdgpu_p2p_mode mode,
				  dma_addr_t addr)
{
	struct iommu_domain *domain = iommu_get_domain_for_dev(dev);
	phys_addr_t phys = addr;

	if (mode == VDGPU_P2P_BUS_ADDR)
		return addr - vdev->vram.bus_addr;
	if (domain && domain->type != IOMMU_DOMAIN_IDENTITY) {
		phys = iommu_iova_to_phys(domain, addr);
		KUNIT_EXPECT_NE_MSG(test, (u64)phys, (u64)addr,
				    "IOMMU address equals the physical address");
	}
	return phys - vdev->vram.io_start;
}

static const enum vdgpu_p2p_map_strategy test_strategies[] = {
	VDGPU_P2P_MAP_RESOURCE, VDGPU_P2P_MAP_PAGES,
};

static void test_strategy_desc(const enum vdgpu_p2p_map_strategy *strategy,
			       char *desc)
{
	strscpy(desc, vdgpu_p2p_map_strategy_name(*strategy), KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(vdgpu_dma_buf_strategy, test_strategies, test_strategy_desc);

struct test_saved_strategy {
	struct vdgpu_device *vdev;
	enum vdgpu_p2p_map_strategy strategy;
};

static void test_restore_strategy(void *data)
{
	struct test_saved_strategy *saved = data;

	vdgpu_p2p_pages_set_strategy(saved->vdev, saved->strategy);
}

/* Makes @vdev map P2P with @strategy until the test ends, or skips. */
static void test_use_strategy(struct kunit *test, struct vdgpu_device *vdev,
			      enum vdgpu_p2p_map_strategy strategy)
{
	struct test_saved_strategy *saved = kunit_kzalloc(test, sizeof(*saved),
							  GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, saved);
	saved->vdev = vdev;
	saved->strategy = vdev->p2p_pages.strategy;
	if (vdgpu_p2p_pages_set_strategy(vdev, strategy))
		kunit_skip(test, "no P2P pages (vdgpu loaded without p2p_map=pages)");
	KUNIT_ASSERT_EQ(test, kunit_add_action_or_reset(test, test_restore_strategy,
							saved), 0);
}

/*
 * Address correctness against every edu device of the topology, for each
 * P2P map strategy: behind the switch PCI bus addresses of exactly the
 * buffer's VRAM, through the host bridge DMA-API (IOMMU) addresses that
 * translate to it, and system memory where there is no P2P path. With the
 * pages strategy the DMA layer picks the kind of address itself, so this
 * also checks vdgpu_p2p_route() against pci_p2pdma_map_type().
 */
static void vdgpu_dma_buf_address_test(struct kunit *test)
{
	const enum vdgpu_p2p_map_strategy *strategy = test->param_value;
	struct test_importer imp = {};
	struct pci_dev *edu = NULL;
	struct vdgpu_device *vdev;
	unsigned int peers = 0;

	vdev = vdgpu_test_require_device(test, 0);
	test_use_strategy(test, vdev, *strategy);

	while ((edu = pci_get_device(0x1234, 0x11e8, edu))) {
		struct dma_buf_attachment *attach;
		struct vdgpu_p2p_route route;
		struct vdgpu_vram_cursor cur;
		struct dma_buf *dma_buf;
		struct scatterlist *sg;
		struct sg_table *sgt;
		struct vdgpu_bo *bo;
		u64 old_mask = dma_get_mask(&edu->dev);
		int i;

		/* As a driver for it would: the device reaches all of memory. */
		KUNIT_ASSERT_EQ(test, dma_set_mask(&edu->dev, DMA_BIT_MASK(64)), 0);
		vdgpu_p2p_route(vdev, &edu->dev, &route);
		kunit_info(test, "%s: distance %d, %s: %s\n", pci_name(edu),
			   route.distance, vdgpu_p2p_mode_name(route.mode), route.reason);

		dma_buf = test_export(test, vdev, DRM_VDGPU_REGIONS_ALL,
				      DRM_VDGPU_REGION_VRAM, &bo);
		attach = dma_buf_dynamic_attach(dma_buf, &edu->dev, &test_importer_p2p_ops,
						&imp);
		KUNIT_ASSERT_FALSE(test, IS_ERR(attach));
		KUNIT_EXPECT_EQ(test, attach->peer2peer, route.mode != VDGPU_P2P_NONE);

		dma_resv_lock(dma_buf->resv, NULL);
		sgt = dma_buf_map_attachment(attach, DMA_BIDIRECTIONAL);
		KUNIT_ASSERT_FALSE(test, IS_ERR(sgt));
		if (route.mode == VDGPU_P2P_NONE) {
			KUNIT_EXPECT_EQ(test, vdgpu_bo_region(bo), DRM_VDGPU_REGION_SYSTEM);
			test_check_sgt(test, vdev, sgt, &edu->dev, DRM_VDGPU_REGION_SYSTEM);
		} else {
			struct vdgpu_dma_buf_attachment *va = attach->priv;

			KUNIT_EXPECT_EQ(test, vdgpu_bo_region(bo), DRM_VDGPU_REGION_VRAM);
			KUNIT_EXPECT_EQ(test, va->map_strategy, *strategy);
			KUNIT_EXPECT_EQ_MSG(test, va->map_mode, route.mode,
					    "mapped as %s, route says %s",
					    vdgpu_p2p_mode_name(va->map_mode),
					    vdgpu_p2p_mode_name(route.mode));
			/* Entry by entry, the VRAM the buffer occupies. */
			vdgpu_vram_cursor_first(&vdev->ttm, bo->tbo.resource, 0, &cur);
			for_each_sgtable_dma_sg(sgt, sg, i) {
				u64 off = test_dma_to_bar_offset(test, vdev, &edu->dev,
								 route.mode,
								 sg_dma_address(sg));
				u64 done = 0, step;

				/* An entry may cover several adjacent blocks. */
				while (done < sg_dma_len(sg) && cur.remaining) {
					KUNIT_EXPECT_EQ(test, off + done, cur.start);
					step = min_t(u64, cur.size, sg_dma_len(sg) - done);
					vdgpu_vram_cursor_next(&cur, step);
					done += step;
				}
				KUNIT_EXPECT_EQ(test, done, (u64)sg_dma_len(sg));
			}
			KUNIT_EXPECT_EQ(test, cur.remaining, 0ull);
		}
		dma_buf_unmap_attachment(attach, sgt, DMA_BIDIRECTIONAL);
		dma_resv_unlock(dma_buf->resv);
		dma_buf_detach(dma_buf, attach);
		dma_buf_put(dma_buf);
		dma_set_mask(&edu->dev, old_mask);
		peers++;
	}
	if (!peers)
		kunit_skip(test, "no edu device");
}

/*
 * Revoke: when the device is unbound, importers are told (the buffer
 * leaves VRAM), new attachments and maps fail with -ENODEV, and the
 * buffer, dma-buf and attachments end cleanly afterwards. Uses the second
 * GPU, which is bound again at the end. The importer is the first GPU: an
 * importer's mappings are for its own device, which outlives the
 * exporter's unbind (a mapping for the device that goes away would be
 * left behind, as dma-debug reports).
 */
static void vdgpu_dma_buf_revoke_test(struct kunit *test)
{
	struct test_importer imp = {}, late = {};
	struct dma_buf_attachment *attach, *again;
	struct device *dev, *importer;
	struct vdgpu_device *vdev;
	struct dma_buf *dma_buf;
	struct sg_table *sgt;
	struct vdgpu_bo *bo;

	importer = vdgpu_test_require_device(test, 0)->drm.dev;
	vdev = vdgpu_test_require_device(test, 1);
	dev = vdev->drm.dev;

	dma_buf = test_export(test, vdev, DRM_VDGPU_REGIONS_ALL, DRM_VDGPU_REGION_VRAM, &bo);
	attach = dma_buf_dynamic_attach(dma_buf, importer, &test_importer_p2p_ops, &imp);
	KUNIT_ASSERT_FALSE(test, IS_ERR(attach));

	dma_resv_lock(dma_buf->resv, NULL);
	sgt = dma_buf_map_attachment(attach, DMA_BIDIRECTIONAL);
	dma_resv_unlock(dma_buf->resv);
	KUNIT_ASSERT_FALSE(test, IS_ERR(sgt));
	/* A small BAR's map may have moved it into the window: not counted. */
	imp.notifies = 0;

	device_release_driver(dev);

	dma_resv_lock(dma_buf->resv, NULL);
	if (IS_ENABLED(CONFIG_DMABUF_MOVE_NOTIFY)) {
		/* Moved out of VRAM before the BAR went, and told so. */
		KUNIT_EXPECT_EQ(test, vdgpu_bo_region(bo), DRM_VDGPU_REGION_SYSTEM);
		KUNIT_EXPECT_EQ(test, imp.notifies, 1u);
	}
	dma_buf_unmap_attachment(attach, sgt, DMA_BIDIRECTIONAL);
	sgt = dma_buf_map_attachment(attach, DMA_BIDIRECTIONAL);
	KUNIT_EXPECT_EQ(test, PTR_ERR_OR_ZERO(sgt), -ENODEV);
	if (!IS_ERR(sgt))
		dma_buf_unmap_attachment(attach, sgt, DMA_BIDIRECTIONAL);
	dma_resv_unlock(dma_buf->resv);

	again = dma_buf_dynamic_attach(dma_buf, importer, &test_importer_notify_ops, &late);
	KUNIT_EXPECT_EQ(test, PTR_ERR_OR_ZERO(again), -ENODEV);
	if (!IS_ERR(again))
		dma_buf_detach(dma_buf, again);

	dma_buf_detach(dma_buf, attach);
	dma_buf_put(dma_buf);
	KUNIT_EXPECT_GE(test, device_attach(dev), 1);
}

static u32 test_word(u32 seed, u64 i)
{
	return seed ^ (u32)(i * 2654435761u);
}

/* Writes the pattern into a buffer's system pages. */
static void test_fill_pages(struct vdgpu_bo *bo, u32 seed)
{
	struct ttm_tt *tt = bo->tbo.ttm;
	pgoff_t p;

	for (p = 0; p < tt->num_pages; p++) {
		u32 *w = kmap_local_page(tt->pages[p]);
		unsigned int i;

		for (i = 0; i < PAGE_SIZE / 4; i++)
			w[i] = test_word(seed, (u64)p * PAGE_SIZE / 4 + i);
		kunmap_local(w);
	}
}

/* The memory a system-memory DMA address of @dev names (IOMMU or not). */
static phys_addr_t test_dma_to_phys(struct device *dev, dma_addr_t addr)
{
	struct iommu_domain *domain = iommu_get_domain_for_dev(dev);

	if (domain && domain->type != IOMMU_DOMAIN_IDENTITY)
		return iommu_iova_to_phys(domain, addr);
	return dma_to_phys(dev, addr);
}

/*
 * Reads the buffer the way the importer's device would, through the DMA
 * addresses it was handed: bus addresses of our BAR, or system memory
 * (translated through the device's IOMMU when it has one). Returns the number of
 * words that differ from the pattern (@seed) or from zero (@zero).
 */
static u64 test_read_as_device(struct vdgpu_device *vdev, struct device *dev,
			       struct sg_table *sgt, bool vram, u32 seed, bool zero)
{
	struct scatterlist *sg;
	u64 word = 0, bad = 0;
	u32 *buf = kmalloc(PAGE_SIZE, GFP_KERNEL);
	int i;

	if (!buf)
		return U64_MAX;
	for_each_sgtable_dma_sg(sgt, sg, i) {
		dma_addr_t addr = sg_dma_address(sg);
		u64 done;

		for (done = 0; done < sg_dma_len(sg); done += PAGE_SIZE) {
			unsigned int k;

			if (vram)
				memcpy_fromio(buf, vdev->vram.vaddr +
					      (addr + done - vdev->vram.bus_addr), PAGE_SIZE);
			else
				memcpy(buf, phys_to_virt(test_dma_to_phys(dev, addr + done)),
				       PAGE_SIZE);
			for (k = 0; k < PAGE_SIZE / 4; k++, word++)
				bad += buf[k] != (zero ? 0 : test_word(seed, word));
		}
	}
	kfree(buf);
	return bad;
}

static long test_wait_moves(struct vdgpu_bo *bo)
{
	return dma_resv_wait_timeout(bo->tbo.base.resv, DMA_RESV_USAGE_KERNEL, false,
				     MAX_SCHEDULE_TIMEOUT);
}

static struct device *test_direct_dma_device(struct kunit *test)
{
	struct vdgpu_dma_buf_case c = { .dev = DEV_NOT_PCI };

	return test_importer_device(test, &c, NULL);
}

/*
 * Data round trip: contents written in system memory and moved to VRAM
 * reach a P2P importer in VRAM and, after the move its map causes, a
 * system-memory importer; a new export reads zero at the importer.
 */
static void vdgpu_dma_buf_roundtrip_test(struct kunit *test)
{
	struct ttm_operation_ctx ctx = { .interruptible = false };
	struct test_importer imp = {}, imp2 = {};
	struct dma_buf_attachment *attach;
	struct vdgpu_device *vdev;
	struct dma_buf *dma_buf;
	struct sg_table *sgt;
	struct device *sysdev;
	struct vdgpu_bo *bo;

	vdev = vdgpu_test_require_device(test, 0);
	sysdev = test_direct_dma_device(test);

	KUNIT_ASSERT_EQ(test, vdgpu_bo_create(vdev, TEST_BO_SIZE, DRM_VDGPU_REGIONS_ALL,
					      DRM_VDGPU_REGION_SYSTEM, 0, &bo), 0);
	dma_resv_lock(bo->tbo.base.resv, NULL);
	test_fill_pages(bo, 0xfeed);
	KUNIT_EXPECT_EQ(test, vdgpu_bo_migrate(bo, DRM_VDGPU_REGION_VRAM, &ctx), 0);
	dma_resv_unlock(bo->tbo.base.resv);
	KUNIT_EXPECT_GT(test, test_wait_moves(bo), 0);
	dma_buf = vdgpu_gem_prime_export(&bo->tbo.base, O_RDWR);
	KUNIT_ASSERT_FALSE(test, IS_ERR(dma_buf));
	drm_gem_object_put(&bo->tbo.base);

	if (IS_ENABLED(CONFIG_PCI_P2PDMA)) {
		attach = dma_buf_dynamic_attach(dma_buf, vdev->drm.dev,
						&test_importer_p2p_ops, &imp);
		KUNIT_ASSERT_FALSE(test, IS_ERR(attach));
		dma_resv_lock(dma_buf->resv, NULL);
		sgt = dma_buf_map_attachment(attach, DMA_BIDIRECTIONAL);
		KUNIT_ASSERT_FALSE(test, IS_ERR(sgt));
		/* With a small BAR the map may have moved it to system memory. */
		if (vdev->vram.visible_size == vdev->vram.size)
			KUNIT_EXPECT_EQ(test, vdgpu_bo_region(bo), DRM_VDGPU_REGION_VRAM);
		KUNIT_EXPECT_GT(test, test_wait_moves(bo), 0);
		KUNIT_EXPECT_EQ(test, test_read_as_device(vdev, vdev->drm.dev, sgt,
							  vdgpu_bo_region(bo) ==
							  DRM_VDGPU_REGION_VRAM,
							  0xfeed, false), 0ull);
		dma_buf_unmap_attachment(attach, sgt, DMA_BIDIRECTIONAL);
		dma_resv_unlock(dma_buf->resv);
		dma_buf_detach(dma_buf, attach);
	}

	attach = dma_buf_dynamic_attach(dma_buf, sysdev, &test_importer_notify_ops, &imp2);
	KUNIT_ASSERT_FALSE(test, IS_ERR(attach));
	dma_resv_lock(dma_buf->resv, NULL);
	sgt = dma_buf_map_attachment(attach, DMA_BIDIRECTIONAL);
	KUNIT_ASSERT_FALSE(test, IS_ERR(sgt));
	KUNIT_EXPECT_EQ(test, vdgpu_bo_region(bo), DRM_VDGPU_REGION_SYSTEM);
	/* A dynamic importer waits for the move fence before it reads. */
	KUNIT_EXPECT_GT(test, test_wait_moves(bo), 0);
	KUNIT_EXPECT_EQ(test, test_read_as_device(vdev, sysdev, sgt, false, 0xfeed, false),
			0ull);
	dma_buf_unmap_attachment(attach, sgt, DMA_BIDIRECTIONAL);
	dma_resv_unlock(dma_buf->resv);
	dma_buf_detach(dma_buf, attach);
	dma_buf_put(dma_buf);

	/* Zero fill, seen by an importer of a new VRAM buffer. */
	dma_buf = test_export(test, vdev, DRM_VDGPU_REGIONS_ALL, DRM_VDGPU_REGION_VRAM, &bo);
	attach = dma_buf_attach(dma_buf, sysdev);
	KUNIT_ASSERT_FALSE(test, IS_ERR(attach));
	dma_resv_lock(dma_buf->resv, NULL);
	sgt = dma_buf_map_attachment(attach, DMA_BIDIRECTIONAL);
	KUNIT_ASSERT_FALSE(test, IS_ERR(sgt));
	KUNIT_EXPECT_EQ(test, test_read_as_device(vdev, sysdev, sgt, false, 0, true), 0ull);
	dma_buf_unmap_attachment(attach, sgt, DMA_BIDIRECTIONAL);
	dma_resv_unlock(dma_buf->resv);
	dma_buf_detach(dma_buf, attach);
	dma_buf_put(dma_buf);
}

/* Whether @size bytes at @map read zero. */
static bool test_map_is_zero(struct iosys_map *map, size_t size)
{
	u8 *buf = kmalloc(PAGE_SIZE, GFP_KERNEL);
	bool zero = buf;
	size_t off;

	for (off = 0; zero && off < size; off += PAGE_SIZE) {
		iosys_map_memcpy_from(buf, map, off, PAGE_SIZE);
		zero = !memchr_inv(buf, 0, PAGE_SIZE);
	}
	kfree(buf);
	return zero;
}

/*
 * vmap pins for as long as the mapping lives: in system memory, or for a
 * VRAM-only buffer in one range of CPU-visible VRAM.
 */
static void vdgpu_dma_buf_vmap_test(struct kunit *test)
{
	struct iosys_map map;
	struct vdgpu_device *vdev;
	struct dma_buf *dma_buf;
	struct vdgpu_bo *bo;
	u32 regions;

	vdev = vdgpu_test_require_device(test, 0);

	for (regions = DRM_VDGPU_REGION_VRAM; regions <= DRM_VDGPU_REGIONS_ALL; regions++) {
		bool vram = regions == DRM_VDGPU_REGION_VRAM;

		dma_buf = test_export(test, vdev, regions, DRM_VDGPU_REGION_VRAM, &bo);
		KUNIT_ASSERT_EQ(test, dma_buf_vmap_unlocked(dma_buf, &map), 0);
		KUNIT_EXPECT_EQ(test, map.is_iomem, vram);
		KUNIT_EXPECT_EQ(test, bo->tbo.pin_count, 1u);
		KUNIT_EXPECT_EQ(test, vdgpu_bo_region(bo),
				vram ? DRM_VDGPU_REGION_VRAM : DRM_VDGPU_REGION_SYSTEM);
		if (vram)
			KUNIT_EXPECT_TRUE(test, vdgpu_bo_cpu_visible(bo));
		KUNIT_EXPECT_TRUE(test, test_map_is_zero(&map, TEST_BO_SIZE));
		dma_buf_vunmap_unlocked(dma_buf, &map);
		KUNIT_EXPECT_EQ(test, bo->tbo.pin_count, 0u);
		dma_buf_put(dma_buf);
	}
}

/*
 * The ping-pong guard: a job does not pull an exported buffer into VRAM
 * while an importer that needs system memory is attached; once it is
 * gone, the job moves the buffer to its preferred VRAM again.
 */
static void vdgpu_dma_buf_ping_pong_test(struct kunit *test)
{
	struct test_importer imp = {};
	struct dma_buf_attachment *attach;
	struct vdgpu_device *vdev;
	struct dma_buf *dma_buf;
	struct sg_table *sgt;
	struct vdgpu_bo *bo;
	u64 moves;

	vdev = vdgpu_test_require_device(test, 0);

	dma_buf = test_export(test, vdev, DRM_VDGPU_REGIONS_ALL, DRM_VDGPU_REGION_VRAM, &bo);
	attach = dma_buf_dynamic_attach(dma_buf, test_direct_dma_device(test),
					&test_importer_notify_ops, &imp);
	KUNIT_ASSERT_FALSE(test, IS_ERR(attach));

	dma_resv_lock(dma_buf->resv, NULL);
	sgt = dma_buf_map_attachment(attach, DMA_BIDIRECTIONAL);
	KUNIT_ASSERT_FALSE(test, IS_ERR(sgt));
	dma_buf_unmap_attachment(attach, sgt, DMA_BIDIRECTIONAL);
	KUNIT_EXPECT_EQ(test, vdgpu_bo_region(bo), DRM_VDGPU_REGION_SYSTEM);
	moves = bo->num_moves;
	KUNIT_EXPECT_EQ(test, vdgpu_exec_validate(bo), 0);
	KUNIT_EXPECT_EQ(test, vdgpu_bo_region(bo), DRM_VDGPU_REGION_SYSTEM);
	KUNIT_EXPECT_EQ(test, bo->num_moves, moves);
	dma_resv_unlock(dma_buf->resv);

	dma_buf_detach(dma_buf, attach);
	dma_resv_lock(dma_buf->resv, NULL);
	KUNIT_EXPECT_EQ(test, vdgpu_exec_validate(bo), 0);
	KUNIT_EXPECT_EQ(test, vdgpu_bo_region(bo), DRM_VDGPU_REGION_VRAM);
	dma_resv_unlock(dma_buf->resv);
	dma_buf_put(dma_buf);
}

/*
 * Small BAR (module loaded with visible_vram_mb): a P2P map of a buffer in
 * VRAM the CPU cannot see moves it into the visible window, or to system
 * memory when it may live there; no address beyond the window is handed
 * out.
 */
static void vdgpu_dma_buf_small_bar_test(struct kunit *test)
{
	struct vdgpu_device *vdev;
	u32 regions;

	if (!IS_ENABLED(CONFIG_PCI_P2PDMA))
		kunit_skip(test, "kernel without CONFIG_PCI_P2PDMA");
	vdev = vdgpu_test_require_device(test, 0);
	if (vdev->vram.visible_size == vdev->vram.size)
		kunit_skip(test, "whole BAR visible (module loaded without visible_vram_mb)");

	for (regions = DRM_VDGPU_REGION_VRAM; regions <= DRM_VDGPU_REGIONS_ALL;
	     regions += DRM_VDGPU_REGIONS_ALL - DRM_VDGPU_REGION_VRAM) {
		u64 window_end = vdev->vram.bus_addr + vdev->vram.visible_size;
		struct test_importer imp = {};
		struct dma_buf_attachment *attach;
		struct dma_buf *dma_buf;
		struct scatterlist *sg;
		struct sg_table *sgt;
		struct vdgpu_bo *bo;
		int i;

		dma_buf = test_export(test, vdev, regions, DRM_VDGPU_REGION_VRAM, &bo);
		/* Buffers without CPU access are placed from the top. */
		KUNIT_EXPECT_FALSE(test, vdgpu_bo_cpu_visible(bo));
		attach = dma_buf_dynamic_attach(dma_buf, vdev->drm.dev,
						&test_importer_p2p_ops, &imp);
		KUNIT_ASSERT_FALSE(test, IS_ERR(attach));

		dma_resv_lock(dma_buf->resv, NULL);
		sgt = dma_buf_map_attachment(attach, DMA_BIDIRECTIONAL);
		KUNIT_ASSERT_FALSE(test, IS_ERR(sgt));
		KUNIT_EXPECT_TRUE(test, vdgpu_bo_cpu_visible(bo));
		if (vdgpu_bo_region(bo) == DRM_VDGPU_REGION_VRAM)
			for_each_sgtable_dma_sg(sgt, sg, i)
				KUNIT_EXPECT_LE(test, sg_dma_address(sg) + sg_dma_len(sg),
						window_end);
		else
			KUNIT_EXPECT_EQ(test, regions, DRM_VDGPU_REGIONS_ALL);
		dma_buf_unmap_attachment(attach, sgt, DMA_BIDIRECTIONAL);
		dma_resv_unlock(dma_buf->resv);
		dma_buf_detach(dma_buf, attach);
		dma_buf_put(dma_buf);
	}
}

struct test_race {
	struct dma_buf *dma_buf;
	struct device *dev;
	unsigned long deadline;
	unsigned long rounds;
	int error;
};

/* Attach, map, unmap and detach as fast as possible until the deadline. */
static int test_race_importer(void *arg)
{
	struct test_race *r = arg;
	struct test_importer imp = {};

	while (time_before(jiffies, r->deadline) && !r->error) {
		struct dma_buf_attachment *attach;
		struct sg_table *sgt;

		attach = dma_buf_dynamic_attach(r->dma_buf, r->dev,
						r->rounds & 1 ? &test_importer_p2p_ops :
								&test_importer_notify_ops, &imp);
		if (IS_ERR(attach)) {
			r->error = PTR_ERR(attach);
			break;
		}
		dma_resv_lock(r->dma_buf->resv, NULL);
		sgt = dma_buf_map_attachment(attach, DMA_BIDIRECTIONAL);
		if (IS_ERR(sgt))
			r->error = PTR_ERR(sgt);
		else
			dma_buf_unmap_attachment(attach, sgt, DMA_BIDIRECTIONAL);
		dma_resv_unlock(r->dma_buf->resv);
		dma_buf_detach(r->dma_buf, attach);
		r->rounds++;
		cond_resched();
	}
	return 0;
}

/*
 * Attach/map/detach from two threads against migrations and evictions of
 * the same buffer, with move_notify flying, for a bounded time: under
 * KASAN and lockdep in the debug kernels.
 */
static void vdgpu_dma_buf_race_test(struct kunit *test)
{
	struct ttm_operation_ctx ctx = { .interruptible = false };
	struct test_race r[2] = {};
	struct task_struct *task[2];
	struct vdgpu_device *vdev;
	struct dma_buf *dma_buf;
	unsigned long moves = 0;
	struct vdgpu_bo *bo;
	int i, ret;

	vdev = vdgpu_test_require_device(test, 0);
	dma_buf = test_export(test, vdev, DRM_VDGPU_REGIONS_ALL, DRM_VDGPU_REGION_VRAM, &bo);

	for (i = 0; i < 2; i++) {
		r[i].dma_buf = dma_buf;
		r[i].dev = i ? test_direct_dma_device(test) : vdev->drm.dev;
		r[i].deadline = jiffies + HZ;
		task[i] = kthread_run(test_race_importer, &r[i], "vdgpu-race-%d", i);
		KUNIT_ASSERT_FALSE(test, IS_ERR(task[i]));
		get_task_struct(task[i]);
	}
	while (time_before(jiffies, r[0].deadline)) {
		dma_resv_lock(dma_buf->resv, NULL);
		ret = vdgpu_bo_migrate(bo, moves & 1 ? DRM_VDGPU_REGION_SYSTEM :
					   DRM_VDGPU_REGION_VRAM, &ctx);
		dma_resv_unlock(dma_buf->resv);
		/* Busy while pinned by a map, without MOVE_NOTIFY. */
		KUNIT_EXPECT_TRUE_MSG(test, !ret || ret == -EBUSY, "migrate: %d", ret);
		if (moves % 8 == 7)
			KUNIT_EXPECT_EQ(test, vdgpu_ttm_evict_vram(vdev), 0);
		moves++;
		cond_resched();
	}
	for (i = 0; i < 2; i++) {
		kthread_stop(task[i]);
		put_task_struct(task[i]);
		KUNIT_EXPECT_EQ(test, r[i].error, 0);
		KUNIT_EXPECT_GT(test, r[i].rounds, 0ul);
	}
	kunit_info(test, "%lu moves, %lu + %lu import rounds\n", moves, r[0].rounds,
		   r[1].rounds);
	KUNIT_EXPECT_EQ(test, bo->tbo.pin_count, 0u);
	dma_buf_put(dma_buf);
}

static struct kunit_case vdgpu_dma_buf_test_cases[] = {
	KUNIT_CASE_PARAM(vdgpu_dma_buf_matrix_test, vdgpu_dma_buf_gen_params),
	KUNIT_CASE(vdgpu_dma_buf_pin_test),
	KUNIT_CASE_PARAM(vdgpu_dma_buf_address_test, vdgpu_dma_buf_strategy_gen_params),
	KUNIT_CASE(vdgpu_dma_buf_roundtrip_test),
	KUNIT_CASE(vdgpu_dma_buf_vmap_test),
	KUNIT_CASE(vdgpu_dma_buf_ping_pong_test),
	KUNIT_CASE(vdgpu_dma_buf_small_bar_test),
	KUNIT_CASE(vdgpu_dma_buf_race_test),
	KUNIT_CASE(vdgpu_dma_buf_revoke_test),
	{}
};

static struct kunit_suite vdgpu_dma_buf_test_suite = {
	.name = "vdgpu_dma_buf",
	.test_cases = vdgpu_dma_buf_test_cases,
};

kunit_test_suite(vdgpu_dma_buf_test_suite);

MODULE_IMPORT_NS(DMA_BUF);
