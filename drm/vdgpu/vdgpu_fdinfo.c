// SPDX-License-Identifier: GPL-2.0-only
/*
 * fdinfo: per-client memory use by region (drm-total-*, drm-shared-*,
 * drm-resident-*, drm-active-*), as xe reports it, and the bytes of the
 * client's buffers that importers keep pinned (vdgpu-pinned-*).
 *
 * Copyright (c) 2026 The vdgpu authors
 */
#include <drm/drm_file.h>
#include <drm/drm_gem.h>
#include <drm/drm_print.h>
#include <drm/ttm/ttm_tt.h>

#include "vdgpu_bo.h"
#include "vdgpu_drv.h"
#include "vdgpu_import.h"

enum { VDGPU_FDINFO_SYSTEM, VDGPU_FDINFO_VRAM, VDGPU_FDINFO_REGIONS };

static const char * const vdgpu_fdinfo_region_names[VDGPU_FDINFO_REGIONS] = {
	[VDGPU_FDINFO_SYSTEM] = "system",
	[VDGPU_FDINFO_VRAM] = "vram",
};

static void vdgpu_fdinfo_account(struct vdgpu_bo *bo, struct drm_memory_stats *stats,
				 u64 *pinned)
{
	struct ttm_buffer_object *tbo = &bo->tbo;
	struct drm_gem_object *obj = &tbo->base;
	bool vram = tbo->resource && tbo->resource->mem_type == TTM_PL_VRAM;
	unsigned int region = vram ? VDGPU_FDINFO_VRAM : VDGPU_FDINFO_SYSTEM;
	struct drm_memory_stats *s = &stats[region];
	u64 size = obj->size;

	if (tbo->pin_count)
		pinned[region] += size;

	if (obj->handle_count > 1 || obj->dma_buf || obj->import_attach)
		s->shared += size;
	else
		s->private += size;

	if (vram || (tbo->ttm && ttm_tt_is_populated(tbo->ttm)))
		s->resident += size;

	if (!dma_resv_test_signaled(obj->resv, DMA_RESV_USAGE_BOOKKEEP))
		s->active += size;
}

/**
 * vdgpu_show_fdinfo - &drm_driver.show_fdinfo
 * @p: where to print
 * @file: the client
 *
 * Buffers being moved right now (their reservation is held) are left out
 * of this snapshot rather than stalling the reader.
 */
void vdgpu_show_fdinfo(struct drm_printer *p, struct drm_file *file)
{
	struct drm_memory_stats stats[VDGPU_FDINFO_REGIONS] = {};
	u64 pinned[VDGPU_FDINFO_REGIONS] = {};
	struct drm_gem_object *obj;
	int id, i;

	spin_lock(&file->table_lock);
	idr_for_each_entry(&file->object_idr, obj, id) {
		struct vdgpu_bo *bo = gem_to_vdgpu_bo(obj);

		/* Imports are the exporter's memory, counted there. */
		if (vdgpu_gem_to_import(obj) || !dma_resv_trylock(obj->resv))
			continue;
		vdgpu_fdinfo_account(bo, stats, pinned);
		dma_resv_unlock(obj->resv);
	}
	spin_unlock(&file->table_lock);

	for (i = 0; i < VDGPU_FDINFO_REGIONS; i++)
		drm_print_memory_stats(p, &stats[i], DRM_GEM_OBJECT_RESIDENT,
				       vdgpu_fdinfo_region_names[i]);
	for (i = 0; i < VDGPU_FDINFO_REGIONS; i++)
		drm_printf(p, "vdgpu-pinned-%s:\t%llu KiB\n",
			   vdgpu_fdinfo_region_names[i], pinned[i] >> 10);
}
