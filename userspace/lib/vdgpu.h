/* SPDX-License-Identifier: MIT */
/*
 * libvdgpu: allocate, share and move vdgpu buffers from userspace, the way
 * a Mesa winsys talks to its kernel driver (built on libdrm).
 *
 * Copyright (c) 2026 The vdgpu authors
 */
#ifndef LIBVDGPU_H
#define LIBVDGPU_H

#include <stddef.h>
#include <stdint.h>

#include "vdgpu_drm.h"

#ifdef __cplusplus
extern "C" {
#endif

/**
 * DOC: libvdgpu conventions
 *
 * Every function returns 0 (or a count) on success and a negative errno on
 * failure; it never aborts and frees what it took on every error path.
 * vdgpu_last_error() gives a sentence about the last failure of the
 * calling thread. A &struct vdgpu_device holds no state that changes after
 * vdgpu_open(), so one handle may be used from several threads at once;
 * only vdgpu_close() must not race with other calls on the same handle.
 */

/** VDGPU_MAX_DEVICES - most devices vdgpu_enumerate() reports */
#define VDGPU_MAX_DEVICES 16

struct vdgpu_device;

/**
 * struct vdgpu_device_desc - a vdgpu device found by vdgpu_enumerate()
 */
struct vdgpu_device_desc {
	/** @render_node: path of its render node, e.g. /dev/dri/renderD128. */
	char render_node[64];
	/** @pci_slot: PCI address ("0000:03:00.0"), or "" for a platform device. */
	char pci_slot[32];
};

/**
 * struct vdgpu_fdinfo - memory use of the caller's file, from fdinfo
 *
 * Bytes per region as the kernel reports them (drm-total-*, drm-resident-*,
 * drm-shared-*, and the bytes importers keep pinned, vdgpu-pinned-*).
 */
struct vdgpu_fdinfo {
	/** @total: [0] system memory, [1] VRAM. */
	uint64_t total[2];
	/** @resident: [0] system memory, [1] VRAM. */
	uint64_t resident[2];
	/** @shared: [0] system memory, [1] VRAM. */
	uint64_t shared[2];
	/** @pinned: [0] system memory, [1] VRAM. */
	uint64_t pinned[2];
};

const char *vdgpu_last_error(void);

int vdgpu_enumerate(struct vdgpu_device_desc *descs, int max);
int vdgpu_open(const char *render_node, struct vdgpu_device **dev);
void vdgpu_close(struct vdgpu_device *dev);
int vdgpu_fd(const struct vdgpu_device *dev);

int vdgpu_query_device(struct vdgpu_device *dev, struct drm_vdgpu_query_device *info);
int vdgpu_query_stats(struct vdgpu_device *dev, struct drm_vdgpu_query_stats *stats);
int vdgpu_query_regions(struct vdgpu_device *dev, struct drm_vdgpu_memory_region *regions,
			int max);
int vdgpu_read_fdinfo(struct vdgpu_device *dev, struct vdgpu_fdinfo *info);
int vdgpu_parse_fdinfo(const char *path, struct vdgpu_fdinfo *info);

int vdgpu_bo_create(struct vdgpu_device *dev, uint64_t size, uint32_t regions,
		    uint32_t preferred, uint32_t flags, uint32_t *handle);
int vdgpu_bo_close(struct vdgpu_device *dev, uint32_t handle);
int vdgpu_bo_map(struct vdgpu_device *dev, uint32_t handle, uint64_t size, void **ptr);
int vdgpu_bo_unmap(void *ptr, uint64_t size);
int vdgpu_bo_export(struct vdgpu_device *dev, uint32_t handle, int *dmabuf_fd);
int vdgpu_bo_import(struct vdgpu_device *dev, int dmabuf_fd, uint32_t *handle);
int vdgpu_bo_migrate(struct vdgpu_device *dev, uint32_t handle, uint32_t region,
		     uint32_t flags);
int vdgpu_bo_wait(struct vdgpu_device *dev, uint32_t handle, int64_t timeout_ns);
int vdgpu_bo_info(struct vdgpu_device *dev, uint32_t handle,
		  struct drm_vdgpu_gem_info *info);

int vdgpu_syncobj_create(struct vdgpu_device *dev, uint32_t *syncobj);
int vdgpu_syncobj_destroy(struct vdgpu_device *dev, uint32_t syncobj);
int vdgpu_syncobj_wait(struct vdgpu_device *dev, uint32_t syncobj, int64_t timeout_ns);
int vdgpu_exec(struct vdgpu_device *dev, const struct drm_vdgpu_exec *job);

#ifdef __cplusplus
}
#endif

#endif
