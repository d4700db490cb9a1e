/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The bound vdgpu PCI devices, for the live KUnit tests.
 *
 * Copyright (c) 2026 The vdgpu authors
 */
#ifndef VDGPU_TEST_DEVICE_H
#define VDGPU_TEST_DEVICE_H

#include <kunit/resource.h>
#include <kunit/test.h>

#include <drm/drm_drv.h>

#include "drm/vdgpu/vdgpu_drv.h"

static inline void vdgpu_test_drm_dev_put(void *drm)
{
	drm_dev_put(drm);
}

/* Finds a bound vdgpu PCI device, released when the test ends. */
static inline struct vdgpu_device *vdgpu_test_get_device(struct kunit *test,
							 unsigned int index)
{
	struct vdgpu_device *vdev = vdgpu_pci_find_device(index);

	if (vdev && kunit_add_action_or_reset(test, vdgpu_test_drm_dev_put, &vdev->drm))
		return NULL;
	return vdev;
}

/* The @index-th bound vdgpu PCI device; the test is skipped without one. */
static inline struct vdgpu_device *vdgpu_test_require_device(struct kunit *test,
							     unsigned int index)
{
	struct vdgpu_device *vdev = vdgpu_test_get_device(test, index);

	if (!vdev)
		kunit_skip(test, "no vdgpu PCI device %u", index);
	return vdev;
}

#endif
