// SPDX-License-Identifier: GPL-2.0-only
/*
 * KUnit tests for DRM_IOCTL_VDGPU_QUERY argument checks.
 *
 * Copyright (c) 2026 The vdgpu authors
 */
#include <kunit/test.h>

#include "drm/vdgpu/vdgpu_query.h"
#include "uapi/drm/vdgpu_drm.h"

static void vdgpu_query_known_ids_test(struct kunit *test)
{
	struct drm_vdgpu_query q = { .query = DRM_VDGPU_QUERY_DEVICE };

	KUNIT_EXPECT_EQ(test, vdgpu_query_check_args(&q), 0);
	q.query = DRM_VDGPU_QUERY_REGIONS;
	KUNIT_EXPECT_EQ(test, vdgpu_query_check_args(&q), 0);
	q.query = DRM_VDGPU_QUERY_STATS;
	KUNIT_EXPECT_EQ(test, vdgpu_query_check_args(&q), 0);
}

static void vdgpu_query_unknown_id_test(struct kunit *test)
{
	struct drm_vdgpu_query q = { .query = DRM_VDGPU_QUERY_STATS + 1 };

	KUNIT_EXPECT_EQ(test, vdgpu_query_check_args(&q), -EINVAL);
	q.query = ~0u;
	KUNIT_EXPECT_EQ(test, vdgpu_query_check_args(&q), -EINVAL);
}

static void vdgpu_query_flags_and_pad_test(struct kunit *test)
{
	struct drm_vdgpu_query q = { .query = DRM_VDGPU_QUERY_DEVICE };
	unsigned int bit;

	for (bit = 0; bit < 32; bit++) {
		q.flags = BIT(bit);
		KUNIT_EXPECT_EQ_MSG(test, vdgpu_query_check_args(&q), -EINVAL,
				    "flag bit %u accepted", bit);
	}
	q.flags = 0;
	for (bit = 0; bit < 32; bit++) {
		q.pad = BIT(bit);
		KUNIT_EXPECT_EQ_MSG(test, vdgpu_query_check_args(&q), -EINVAL,
				    "pad bit %u accepted", bit);
	}
}

static struct kunit_case vdgpu_query_test_cases[] = {
	KUNIT_CASE(vdgpu_query_known_ids_test),
	KUNIT_CASE(vdgpu_query_unknown_id_test),
	KUNIT_CASE(vdgpu_query_flags_and_pad_test),
	{}
};

static struct kunit_suite vdgpu_query_test_suite = {
	.name = "vdgpu_query",
	.test_cases = vdgpu_query_test_cases,
};

kunit_test_suite(vdgpu_query_test_suite);

MODULE_DESCRIPTION("KUnit tests for vdgpu");
MODULE_LICENSE("GPL");
MODULE_IMPORT_NS(EXPORTED_FOR_KUNIT_TESTING);
