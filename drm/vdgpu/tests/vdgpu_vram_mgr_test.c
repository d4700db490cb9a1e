// SPDX-License-Identifier: GPL-2.0-only
/*
 * KUnit tests for the VRAM manager and the placement policy.
 *
 * The VRAM manager runs on a TTM device of its own over a kunit device, with
 * bare buffer objects: no memory is touched, only allocation is exercised.
 *
 * Copyright (c) 2026 The vdgpu authors
 */
#include <kunit/device.h>
#include <kunit/test.h>

#include <drm/drm_vma_manager.h>
#include <drm/ttm/ttm_bo.h>
#include <drm/ttm/ttm_device.h>
#include <drm/ttm/ttm_placement.h>

#include "drm/vdgpu/vdgpu_bo.h"
#include "drm/vdgpu/vdgpu_drv.h"
#include "drm/vdgpu/vdgpu_vram_mgr.h"
#include "uapi/drm/vdgpu_drm.h"

#define TEST_VRAM_SIZE		SZ_64M
#define TEST_VISIBLE_SIZE	SZ_16M

struct vdgpu_vram_mgr_test {
	struct drm_vma_offset_manager vma;
	struct ttm_device bdev;
	struct vdgpu_vram_mgr mgr;
	bool ready;
};

static const struct ttm_device_funcs vdgpu_test_ttm_funcs = {};

static int vdgpu_vram_mgr_test_init(struct kunit *test)
{
	struct vdgpu_vram_mgr_test *t;
	struct device *dev;

	t = kunit_kzalloc(test, sizeof(*t), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, t);
	dev = kunit_device_register(test, "vdgpu-vram-mgr-test");
	KUNIT_ASSERT_FALSE(test, IS_ERR(dev));

	test->priv = t;
	drm_vma_offset_manager_init(&t->vma, 0, SZ_1M);
	if (ttm_device_init(&t->bdev, &vdgpu_test_ttm_funcs, dev, NULL, &t->vma,
			    false, false)) {
		drm_vma_offset_manager_destroy(&t->vma);
		KUNIT_FAIL(test, "ttm_device_init failed");
		return -ENODEV;
	}
	if (vdgpu_vram_mgr_init(&t->bdev, &t->mgr, TEST_VRAM_SIZE, TEST_VISIBLE_SIZE)) {
		ttm_device_fini(&t->bdev);
		drm_vma_offset_manager_destroy(&t->vma);
		KUNIT_FAIL(test, "vdgpu_vram_mgr_init failed");
		return -ENODEV;
	}
	t->ready = true;
	return 0;
}

static void vdgpu_vram_mgr_test_exit(struct kunit *test)
{
	struct vdgpu_vram_mgr_test *t = test->priv;

	if (!t || !t->ready)
		return;
	KUNIT_EXPECT_EQ(test, vdgpu_vram_mgr_fini(&t->bdev, &t->mgr), 0);
	ttm_device_fini(&t->bdev);
	drm_vma_offset_manager_destroy(&t->vma);
}

static struct ttm_buffer_object *test_bo(struct kunit *test, u64 size)
{
	struct vdgpu_vram_mgr_test *t = test->priv;
	struct ttm_buffer_object *bo = kunit_kzalloc(test, sizeof(*bo), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, bo);
	bo->bdev = &t->bdev;
	bo->base.size = size;
	return bo;
}

static int test_alloc(struct kunit *test, u64 size, const struct ttm_place *place,
		      struct ttm_resource **res)
{
	struct vdgpu_vram_mgr_test *t = test->priv;

	return t->mgr.manager.func->alloc(&t->mgr.manager, test_bo(test, size),
					  place, res);
}

static void test_free(struct kunit *test, struct ttm_resource *res)
{
	struct vdgpu_vram_mgr_test *t = test->priv;

	t->mgr.manager.func->free(&t->mgr.manager, res);
}

/*
 * Sum of the chunks, each inside [lo, hi); checks the cursor walk too.
 * @visible gets the bytes inside the CPU-visible part, when not NULL.
 */
static u64 walk_res_visible(struct kunit *test, struct ttm_resource *res,
			    u64 lo, u64 hi, u64 *visible)
{
	struct vdgpu_vram_mgr_test *t = test->priv;
	struct vdgpu_vram_cursor cur;
	u64 total = 0, vis = 0;

	for (vdgpu_vram_cursor_first(&t->bdev, res, 0, &cur); cur.remaining;
	     vdgpu_vram_cursor_next(&cur, cur.size)) {
		KUNIT_EXPECT_GE(test, cur.start, lo);
		KUNIT_EXPECT_LE(test, cur.start + cur.size, hi);
		KUNIT_EXPECT_TRUE(test, IS_ALIGNED(cur.start | cur.size, PAGE_SIZE));
		if (cur.start < TEST_VISIBLE_SIZE)
			vis += min_t(u64, cur.start + cur.size, TEST_VISIBLE_SIZE) - cur.start;
		total += cur.size;
	}
	if (visible)
		*visible = vis;
	return total;
}

static u64 walk_res(struct kunit *test, struct ttm_resource *res, u64 lo, u64 hi)
{
	return walk_res_visible(test, res, lo, hi, NULL);
}

static void vdgpu_vram_mgr_alloc_free_test(struct kunit *test)
{
	struct vdgpu_vram_mgr_test *t = test->priv;
	const struct ttm_place place = { .mem_type = TTM_PL_VRAM };
	const u64 size = SZ_4M + SZ_1M + PAGE_SIZE;
	struct ttm_resource *res;
	u64 visible, free_visible;

	/* A size that is not a power of two: several blocks. */
	KUNIT_ASSERT_EQ(test, test_alloc(test, size, &place, &res), 0);
	KUNIT_EXPECT_EQ(test, walk_res_visible(test, res, 0, TEST_VRAM_SIZE, &visible),
			size);
	KUNIT_EXPECT_EQ(test, ttm_resource_manager_usage(&t->mgr.manager), size);
	/* The visible bytes are accounted wherever the blocks landed. */
	KUNIT_EXPECT_EQ(test, t->mgr.visible_avail, (u64)TEST_VISIBLE_SIZE - visible);
	KUNIT_EXPECT_EQ(test, vdgpu_vram_mgr_res_visible(res), visible == size);
	/* What QUERY reports as free. */
	KUNIT_EXPECT_EQ(test, vdgpu_vram_mgr_free_bytes(&t->mgr, &free_visible),
			(u64)TEST_VRAM_SIZE - size);
	KUNIT_EXPECT_EQ(test, free_visible, (u64)TEST_VISIBLE_SIZE - visible);

	test_free(test, res);
	KUNIT_EXPECT_EQ(test, ttm_resource_manager_usage(&t->mgr.manager), 0);
	KUNIT_EXPECT_EQ(test, t->mgr.visible_avail, (u64)TEST_VISIBLE_SIZE);
	KUNIT_EXPECT_EQ(test, vdgpu_vram_mgr_free_bytes(&t->mgr, &free_visible),
			(u64)TEST_VRAM_SIZE);
	KUNIT_EXPECT_EQ(test, free_visible, (u64)TEST_VISIBLE_SIZE);
}

static void vdgpu_vram_mgr_visible_range_test(struct kunit *test)
{
	const struct ttm_place visible = {
		.mem_type = TTM_PL_VRAM, .lpfn = TEST_VISIBLE_SIZE >> PAGE_SHIFT,
	};
	const struct ttm_place top = {
		.mem_type = TTM_PL_VRAM, .flags = TTM_PL_FLAG_TOPDOWN,
	};
	struct ttm_resource *a, *b, *c;

	/* Top-down lands outside the visible part. */
	KUNIT_ASSERT_EQ(test, test_alloc(test, SZ_8M, &top, &a), 0);
	KUNIT_EXPECT_EQ(test, walk_res(test, a, TEST_VRAM_SIZE - SZ_8M, TEST_VRAM_SIZE),
			(u64)SZ_8M);
	KUNIT_EXPECT_FALSE(test, vdgpu_vram_mgr_res_visible(a));

	/* The visible range fills up and then says no. */
	KUNIT_ASSERT_EQ(test, test_alloc(test, SZ_16M - SZ_1M, &visible, &b), 0);
	KUNIT_EXPECT_EQ(test, walk_res(test, b, 0, TEST_VISIBLE_SIZE), (u64)SZ_16M - SZ_1M);
	KUNIT_EXPECT_TRUE(test, vdgpu_vram_mgr_res_visible(b));
	KUNIT_EXPECT_EQ(test, test_alloc(test, SZ_2M, &visible, &c), -ENOSPC);

	/* Larger than the range can ever hold: no eviction for the impossible. */
	KUNIT_EXPECT_EQ(test, test_alloc(test, SZ_32M, &visible, &c), -E2BIG);
	KUNIT_EXPECT_EQ(test, test_alloc(test, TEST_VRAM_SIZE + PAGE_SIZE,
					 &(struct ttm_place){ .mem_type = TTM_PL_VRAM }, &c),
			-E2BIG);

	test_free(test, a);
	test_free(test, b);
}

/* The index of the resource of @res whose first block starts at @offset, or -1. */
static int test_res_at(struct kunit *test, struct ttm_resource **res, int n, u64 offset)
{
	struct vdgpu_vram_mgr_test *t = test->priv;
	struct vdgpu_vram_cursor cur;
	int i;

	for (i = 0; i < n; i++) {
		vdgpu_vram_cursor_first(&t->bdev, res[i], 0, &cur);
		if (cur.start == offset)
			return i;
	}
	return -1;
}

static void vdgpu_vram_mgr_full_test(struct kunit *test)
{
	const struct ttm_place place = { .mem_type = TTM_PL_VRAM };
	struct ttm_resource *res[TEST_VRAM_SIZE / SZ_8M], *extra;
	int i, a, b;

	for (i = 0; i < ARRAY_SIZE(res); i++)
		KUNIT_ASSERT_EQ(test, test_alloc(test, SZ_8M, &place, &res[i]), 0);
	KUNIT_EXPECT_EQ(test, test_alloc(test, PAGE_SIZE, &place, &extra), -ENOSPC);

	/* A freed hole is reused. */
	test_free(test, res[3]);
	KUNIT_EXPECT_EQ(test, test_alloc(test, SZ_8M, &place, &res[3]), 0);

	/*
	 * Two holes apart, at 8 MiB and 40 MiB: a buffer of both their
	 * sizes takes both, not contiguous, and nothing else.
	 */
	a = test_res_at(test, res, ARRAY_SIZE(res), SZ_8M);
	b = test_res_at(test, res, ARRAY_SIZE(res), 5 * SZ_8M);
	KUNIT_ASSERT_GE(test, a, 0);
	KUNIT_ASSERT_GE(test, b, 0);
	test_free(test, res[a]);
	test_free(test, res[b]);
	KUNIT_ASSERT_EQ(test, test_alloc(test, SZ_16M, &place, &res[a]), 0);
	KUNIT_EXPECT_EQ(test, walk_res(test, res[a], SZ_8M, 6 * SZ_8M), (u64)SZ_16M);
	KUNIT_EXPECT_FALSE(test, to_vdgpu_vram_mgr_resource(res[a])->contiguous);
	KUNIT_EXPECT_EQ(test, test_alloc(test, PAGE_SIZE, &place, &extra), -ENOSPC);
	for (i = 0; i < ARRAY_SIZE(res); i++)
		if (i != b)
			test_free(test, res[i]);
}

static struct kunit_case vdgpu_vram_mgr_test_cases[] = {
	KUNIT_CASE(vdgpu_vram_mgr_alloc_free_test),
	KUNIT_CASE(vdgpu_vram_mgr_visible_range_test),
	KUNIT_CASE(vdgpu_vram_mgr_full_test),
	{}
};

static struct kunit_suite vdgpu_vram_mgr_test_suite = {
	.name = "vdgpu_vram_mgr",
	.init = vdgpu_vram_mgr_test_init,
	.exit = vdgpu_vram_mgr_test_exit,
	.test_cases = vdgpu_vram_mgr_test_cases,
};

/* Placement policy: what TTM is asked for, from a buffer's preferences. */

struct vdgpu_placement_test {
	struct vdgpu_device vdev;
	struct vdgpu_bo bo;
};

static struct vdgpu_bo *placement_bo(struct kunit *test, u64 size, u32 regions,
				     u32 preferred, u64 visible)
{
	struct vdgpu_placement_test *t = kunit_kzalloc(test, sizeof(*t), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, t);
	t->vdev.vram.size = TEST_VRAM_SIZE;
	t->vdev.vram.visible_size = visible;
	t->bo.tbo.base.dev = &t->vdev.drm;
	t->bo.tbo.base.size = size;
	t->bo.regions = regions;
	t->bo.preferred = preferred;
	return &t->bo;
}

static void vdgpu_placement_order_test(struct kunit *test)
{
	struct vdgpu_bo *bo = placement_bo(test, SZ_1M, DRM_VDGPU_REGIONS_ALL,
					   DRM_VDGPU_REGION_VRAM, TEST_VRAM_SIZE);
	struct vdgpu_placement p;

	KUNIT_ASSERT_EQ(test, vdgpu_bo_placement(bo, bo->regions, false, &p), 2);
	KUNIT_EXPECT_EQ(test, p.places[0].mem_type, TTM_PL_VRAM);
	KUNIT_EXPECT_EQ(test, p.places[0].flags, 0);	/* large BAR: no top-down */
	KUNIT_EXPECT_EQ(test, p.places[0].lpfn, 0);
	KUNIT_EXPECT_EQ(test, p.places[1].mem_type, TTM_PL_TT);
	KUNIT_EXPECT_EQ(test, p.places[1].flags, TTM_PL_FLAG_FALLBACK);

	bo->preferred = DRM_VDGPU_REGION_SYSTEM;
	KUNIT_ASSERT_EQ(test, vdgpu_bo_placement(bo, bo->regions, false, &p), 2);
	KUNIT_EXPECT_EQ(test, p.places[0].mem_type, TTM_PL_TT);
	KUNIT_EXPECT_EQ(test, p.places[1].mem_type, TTM_PL_VRAM);
	KUNIT_EXPECT_EQ(test, p.places[1].flags, TTM_PL_FLAG_FALLBACK);

	/* Asking for one region only. */
	KUNIT_ASSERT_EQ(test, vdgpu_bo_placement(bo, DRM_VDGPU_REGION_VRAM, false, &p), 1);
	KUNIT_EXPECT_EQ(test, p.places[0].mem_type, TTM_PL_VRAM);
	KUNIT_EXPECT_EQ(test, p.places[0].flags, 0);
}

static void vdgpu_placement_small_bar_test(struct kunit *test)
{
	struct vdgpu_bo *bo = placement_bo(test, SZ_1M, DRM_VDGPU_REGION_VRAM,
					   DRM_VDGPU_REGION_VRAM, TEST_VISIBLE_SIZE);
	struct vdgpu_placement p;

	/* CPU access keeps VRAM inside the visible window... */
	KUNIT_ASSERT_EQ(test, vdgpu_bo_placement(bo, bo->regions, true, &p), 1);
	KUNIT_EXPECT_EQ(test, p.places[0].lpfn, TEST_VISIBLE_SIZE >> PAGE_SHIFT);
	KUNIT_EXPECT_EQ(test, p.places[0].flags, 0);
	/* ...otherwise all of VRAM, from the top, leaving the window free. */
	KUNIT_ASSERT_EQ(test, vdgpu_bo_placement(bo, bo->regions, false, &p), 1);
	KUNIT_EXPECT_EQ(test, p.places[0].lpfn, 0);
	KUNIT_EXPECT_EQ(test, p.places[0].flags, TTM_PL_FLAG_TOPDOWN);

	/* Too big for the window: VRAM is left out rather than tried. */
	bo->tbo.base.size = SZ_32M;
	KUNIT_EXPECT_EQ(test, vdgpu_bo_placement(bo, bo->regions, true, &p), 0);
	bo->regions = DRM_VDGPU_REGIONS_ALL;
	KUNIT_ASSERT_EQ(test, vdgpu_bo_placement(bo, bo->regions, true, &p), 1);
	KUNIT_EXPECT_EQ(test, p.places[0].mem_type, TTM_PL_TT);
	/* Bigger than all of VRAM. */
	bo->tbo.base.size = TEST_VRAM_SIZE + PAGE_SIZE;
	KUNIT_EXPECT_EQ(test, vdgpu_bo_placement(bo, DRM_VDGPU_REGION_VRAM, false, &p), 0);
}

static struct kunit_case vdgpu_placement_test_cases[] = {
	KUNIT_CASE(vdgpu_placement_order_test),
	KUNIT_CASE(vdgpu_placement_small_bar_test),
	{}
};

static struct kunit_suite vdgpu_placement_test_suite = {
	.name = "vdgpu_placement",
	.test_cases = vdgpu_placement_test_cases,
};

kunit_test_suites(&vdgpu_vram_mgr_test_suite, &vdgpu_placement_test_suite);
