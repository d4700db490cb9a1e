/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Copyright (c) 2026 The vdgpu authors
 */
#ifndef _VDGPU_IMPORT_H_
#define _VDGPU_IMPORT_H_

#include <linux/list.h>
#include <linux/types.h>

#include <drm/drm_gem.h>

struct dma_buf;
struct seq_file;
struct sg_table;
struct vdgpu_device;
struct vdgpu_mem_view;

/**
 * struct vdgpu_import - a dma-buf of another device, imported dynamically
 *
 * The GEM object shares the exporter's reservation object, which protects
 * the counters. Each job that uses the buffer maps it when it is submitted
 * and unmaps it when it is freed, so a job always runs on the addresses of
 * the placement it was submitted for, and the exporter's move after a
 * move_notify waits for it (its fence is in the shared reservation).
 */
struct vdgpu_import {
	/** @base: the GEM object; base.import_attach is our attachment. */
	struct drm_gem_object base;
	/** @link: in &vdgpu_device.import_list. */
	struct list_head link;
	/** @notifies: move notifications received. */
	u64 notifies;
	/** @maps: mappings made (one per job). */
	u64 maps;
	/** @last_kind: what the last mapping's first address named. */
	const char *last_kind;
};

struct drm_gem_object *vdgpu_import_create(struct drm_device *drm,
					   struct dma_buf *dma_buf);
struct vdgpu_import *vdgpu_gem_to_import(struct drm_gem_object *obj);
struct sg_table *vdgpu_import_map(struct vdgpu_import *imp);
void vdgpu_import_unmap(struct vdgpu_import *imp, struct sg_table *sgt);
int vdgpu_import_view_init(struct vdgpu_device *vdev, struct vdgpu_import *imp,
			   struct sg_table *sgt, struct vdgpu_mem_view *view);
void vdgpu_import_print(struct vdgpu_device *vdev, struct seq_file *m);

#endif
