// SPDX-License-Identifier: GPL-2.0-only
/*
 * Live KUnit tests of how a buffer's memory is mapped for the CPU: a fault
 * on a GEM mmap (ttm_bo_vm_fault_reserved()) inserts its pages with
 * ttm_io_prot() of the buffer's resource, which must be write-combined for
 * VRAM behind a PCI BAR and cached for system pages. The tests compute it
 * as the fault does, after reserving the resource's bus space.
 *
 * Copyright (c) 2026 The vdgpu authors
 */
#include <kunit/test.h>
#include <linux/sizes.h>

#include <drm/drm_gem.h>
#include <drm/ttm/ttm_bo.h>
#include <drm/ttm/ttm_tt.h>

#include "drm/vdgpu/vdgpu_bo.h"
#include "drm/vdgpu/vdgpu_drv.h"
#include "drm/vdgpu/vdgpu_vram_mgr.h"
#include "drm/vdgpu/tests/vdgpu_test_device.h"
#include "uapi/drm/vdgpu_drm.h"

static void vdgpu_bo_test_put(void *obj)
{
	drm_gem_object_put(obj);
}

/* A new buffer of @vdev in @region, idle, released when the test ends. */
static struct vdgpu_bo *vdgpu_bo_test_create(struct kunit *test, struct vdgpu_device *vdev,
					     u32 region)
{
	struct ttm_operation_ctx ctx = { .interruptible = true };
	struct vdgpu_bo *bo;

	/* CPU access: inside the visible part even on a small BAR. */
	KUNIT_ASSERT_EQ(test, vdgpu_bo_create(vdev, SZ_2M, region, region,
					      DRM_VDGPU_GEM_CREATE_NEEDS_CPU_ACCESS, &bo), 0);
	KUNIT_ASSERT_EQ(test, kunit_add_action_or_reset(test, vdgpu_bo_test_put,
							&bo->tbo.base), 0);
	KUNIT_ASSERT_EQ(test, ttm_bo_reserve(&bo->tbo, true, false, NULL), 0);
	KUNIT_EXPECT_EQ(test, ttm_bo_wait_ctx(&bo->tbo, &ctx), 0);
	ttm_bo_unreserve(&bo->tbo);
	KUNIT_ASSERT_EQ(test, vdgpu_bo_region(bo), region);
	return bo;
}

/*
 * The protection a CPU fault on @bo's mmap inserts pages with, and whether
 * the memory is I/O memory. A kernel mapping of a page first makes TTM
 * reserve the resource's bus space, as a fault does. Returns false (the
 * failure reported) if the page cannot be mapped.
 */
static bool vdgpu_bo_test_fault_prot(struct kunit *test, struct vdgpu_bo *bo,
				     pgprot_t *prot, bool *is_iomem)
{
	struct ttm_bo_kmap_obj map;
	int ret;

	KUNIT_ASSERT_EQ(test, ttm_bo_reserve(&bo->tbo, true, false, NULL), 0);
	ret = ttm_bo_kmap(&bo->tbo, 0, 1, &map);
	KUNIT_EXPECT_EQ(test, ret, 0);
	if (!ret) {
		ttm_kmap_obj_virtual(&map, is_iomem);
		*prot = ttm_io_prot(&bo->tbo, bo->tbo.resource, PAGE_SHARED);
		ttm_bo_kunmap(&map);
	}
	ttm_bo_unreserve(&bo->tbo);
	return !ret;
}

static void vdgpu_bo_vram_write_combined_test(struct kunit *test)
{
	struct vdgpu_device *vdev = vdgpu_test_require_device(test, 0);
	struct vdgpu_bo *bo = vdgpu_bo_test_create(test, vdev, DRM_VDGPU_REGION_VRAM);
	pgprot_t prot;
	bool iomem;

	if (!vdgpu_bo_test_fault_prot(test, bo, &prot, &iomem))
		return;
	KUNIT_EXPECT_TRUE(test, iomem);
	KUNIT_EXPECT_EQ(test, bo->tbo.resource->bus.caching, ttm_write_combined);
	KUNIT_EXPECT_EQ(test, pgprot_val(prot), pgprot_val(pgprot_writecombine(PAGE_SHARED)));
}

static void vdgpu_bo_system_cached_test(struct kunit *test)
{
	struct vdgpu_device *vdev = vdgpu_test_require_device(test, 0);
	struct vdgpu_bo *bo = vdgpu_bo_test_create(test, vdev, DRM_VDGPU_REGION_SYSTEM);
	pgprot_t prot;
	bool iomem;

	if (!vdgpu_bo_test_fault_prot(test, bo, &prot, &iomem))
		return;
	KUNIT_EXPECT_FALSE(test, iomem);
	KUNIT_ASSERT_NOT_NULL(test, bo->tbo.ttm);
	KUNIT_EXPECT_EQ(test, bo->tbo.ttm->caching, ttm_cached);
	KUNIT_EXPECT_EQ(test, pgprot_val(prot), pgprot_val(PAGE_SHARED));
}

/*
 * A CPU mapping of a VRAM resource reserves the resource's own bus range:
 * &ttm_bus_placement.offset is where the resource starts in the BAR, not
 * the BAR itself. Two buffers: at least one does not start at offset 0.
 */
static void vdgpu_bo_vram_bus_offset_test(struct kunit *test)
{
	struct vdgpu_device *vdev = vdgpu_test_require_device(test, 0);
	struct vdgpu_bo *bo[2];
	bool some_not_at_zero = false;
	int i;

	for (i = 0; i < ARRAY_SIZE(bo); i++)
		bo[i] = vdgpu_bo_test_create(test, vdev, DRM_VDGPU_REGION_VRAM);
	for (i = 0; i < ARRAY_SIZE(bo); i++) {
		struct ttm_resource *res = bo[i]->tbo.resource;
		struct ttm_bo_kmap_obj map;

		KUNIT_ASSERT_EQ(test, ttm_bo_reserve(&bo[i]->tbo, true, false, NULL), 0);
		KUNIT_EXPECT_TRUE(test, to_vdgpu_vram_mgr_resource(res)->contiguous);
		KUNIT_EXPECT_EQ(test, ttm_bo_kmap(&bo[i]->tbo, 0, 1, &map), 0);
		KUNIT_EXPECT_EQ(test, (u64)res->bus.offset,
				(u64)vdev->vram.io_start + ((u64)res->start << PAGE_SHIFT));
		ttm_bo_kunmap(&map);
		some_not_at_zero |= res->start != 0;
		ttm_bo_unreserve(&bo[i]->tbo);
	}
	KUNIT_EXPECT_TRUE(test, some_not_at_zero);
}

static struct kunit_case vdgpu_bo_test_cases[] = {
	KUNIT_CASE(vdgpu_bo_vram_bus_offset_test),
	KUNIT_CASE(vdgpu_bo_vram_write_combined_test),
	KUNIT_CASE(vdgpu_bo_system_cached_test),
	{}
};

static struct kunit_suite vdgpu_bo_test_suite = {
	.name = "vdgpu_bo",
	.test_cases = vdgpu_bo_test_cases,
};

kunit_test_suite(vdgpu_bo_test_suite);
