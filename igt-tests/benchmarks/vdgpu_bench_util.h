/* SPDX-License-Identifier: MIT */
/*
 * Copyright (c) 2026 The vdgpu authors
 */
#ifndef VDGPU_BENCH_UTIL_H
#define VDGPU_BENCH_UTIL_H

#include <stddef.h>

#include "vdgpu_drm.h"

int open_largest(struct drm_vdgpu_query_device *best);
int open_other(const struct drm_vdgpu_query_device *dev,
	       struct drm_vdgpu_query_device *other);
void debugfs_path(const struct drm_vdgpu_query_device *info, const char *file,
		  char *path, size_t len);

#endif
