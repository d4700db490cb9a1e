// SPDX-License-Identifier: GPL-2.0-only
/*
 * KUnit tests for the P2P decision.
 *
 * Copyright (c) 2026 The vdgpu authors
 */
#include <kunit/test.h>

#include "drm/vdgpu/vdgpu_p2p.h"

struct vdgpu_p2p_case {
	const char *name;
	struct vdgpu_p2p_facts facts;
	enum vdgpu_p2p_mode mode;
	int distance;
	const char *reason_part;
};

static const struct vdgpu_p2p_case vdgpu_p2p_cases[] = {
	{
		.name = "platform-exporter",
		.facts = { .exporter_is_pci = false, .kernel_has_p2pdma = true,
			   .client_is_pci = true, .distance = 4, .shared_bridge = true },
		.mode = VDGPU_P2P_NONE, .distance = -1, .reason_part = "platform",
	},
	{
		.name = "kernel-without-p2pdma",
		.facts = { .exporter_is_pci = true, .kernel_has_p2pdma = false,
			   .client_is_pci = true, .distance = 4, .shared_bridge = true },
		.mode = VDGPU_P2P_NONE, .distance = -1, .reason_part = "CONFIG_PCI_P2PDMA",
	},
	{
		.name = "non-pci-importer",
		.facts = { .exporter_is_pci = true, .kernel_has_p2pdma = true,
			   .client_is_pci = false, .distance = -1 },
		.mode = VDGPU_P2P_NONE, .distance = -1, .reason_part = "not a PCI device",
	},
	{
		.name = "no-path",
		.facts = { .exporter_is_pci = true, .kernel_has_p2pdma = true,
			   .client_is_pci = true, .distance = -1 },
		.mode = VDGPU_P2P_NONE, .distance = -1, .reason_part = "no P2P path",
	},
	{
		/* The distance says no even though a bridge is shared. */
		.name = "no-path-despite-shared-bridge",
		.facts = { .exporter_is_pci = true, .kernel_has_p2pdma = true,
			   .client_is_pci = true, .distance = -1, .shared_bridge = true },
		.mode = VDGPU_P2P_NONE, .distance = -1, .reason_part = "no P2P path",
	},
	{
		.name = "inside-switch",
		.facts = { .exporter_is_pci = true, .kernel_has_p2pdma = true,
			   .client_is_pci = true, .distance = 4, .shared_bridge = true },
		.mode = VDGPU_P2P_BUS_ADDR, .distance = 4, .reason_part = "switch",
	},
	{
		.name = "through-host-bridge",
		.facts = { .exporter_is_pci = true, .kernel_has_p2pdma = true,
			   .client_is_pci = true, .distance = 6, .shared_bridge = false },
		.mode = VDGPU_P2P_HOST_BRIDGE, .distance = 6, .reason_part = "host bridge",
	},
};

static void vdgpu_p2p_case_desc(const struct vdgpu_p2p_case *c, char *desc)
{
	strscpy(desc, c->name, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(vdgpu_p2p, vdgpu_p2p_cases, vdgpu_p2p_case_desc);

static void vdgpu_p2p_decide_test(struct kunit *test)
{
	const struct vdgpu_p2p_case *c = test->param_value;
	struct vdgpu_p2p_route route = {
		.mode = 42, .distance = 42, .reason = NULL,
	};

	vdgpu_p2p_decide(&c->facts, &route);

	KUNIT_EXPECT_EQ(test, route.mode, c->mode);
	KUNIT_EXPECT_EQ(test, route.distance, c->distance);
	KUNIT_ASSERT_NOT_NULL(test, route.reason);
	KUNIT_EXPECT_NOT_NULL_MSG(test, strstr(route.reason, c->reason_part),
				  "reason \"%s\" lacks \"%s\"", route.reason,
				  c->reason_part);
}

static void vdgpu_p2p_mode_name_test(struct kunit *test)
{
	KUNIT_EXPECT_STREQ(test, vdgpu_p2p_mode_name(VDGPU_P2P_NONE), "system");
	KUNIT_EXPECT_STREQ(test, vdgpu_p2p_mode_name(VDGPU_P2P_BUS_ADDR), "bus");
	KUNIT_EXPECT_STREQ(test, vdgpu_p2p_mode_name(VDGPU_P2P_HOST_BRIDGE),
			   "host-bridge");
}

static struct kunit_case vdgpu_p2p_test_cases[] = {
	KUNIT_CASE_PARAM(vdgpu_p2p_decide_test, vdgpu_p2p_gen_params),
	KUNIT_CASE(vdgpu_p2p_mode_name_test),
	{}
};

static struct kunit_suite vdgpu_p2p_test_suite = {
	.name = "vdgpu_p2p",
	.test_cases = vdgpu_p2p_test_cases,
};

kunit_test_suite(vdgpu_p2p_test_suite);
