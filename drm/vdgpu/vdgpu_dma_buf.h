/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Copyright (c) 2026 The vdgpu authors
 */
#ifndef _VDGPU_DMA_BUF_H_
#define _VDGPU_DMA_BUF_H_

#include <linux/scatterlist.h>
#include <linux/types.h>

#include "vdgpu_p2p.h"
#include "vdgpu_p2p_pages.h"

struct dma_buf;
struct drm_device;
struct drm_gem_object;
struct seq_file;
struct vdgpu_bo;

/* Entries a mapping holds without allocating. */
#define VDGPU_DMA_BUF_INLINE_SG	4

/**
 * struct vdgpu_dma_buf_mapping - one mapping handed to an importer
 *
 * The importer sees @sgt; unmap finds this record from it.
 */
struct vdgpu_dma_buf_mapping {
	/** @sgt: the DMA addresses. */
	struct sg_table sgt;
	/** @mode: what kind of addresses they are, hence how to unmap. */
	enum vdgpu_p2p_mode mode;
	/** @strategy: how a VRAM mapping was made, hence how to unmap. */
	enum vdgpu_p2p_map_strategy strategy;
	/**
	 * @pages: for VDGPU_P2P_MAP_PAGES, the ZONE_DEVICE pages as mapped
	 * by dma_map_sgtable(); @sgt is a copy of its DMA addresses.
	 */
	struct sg_table pages;
	/** @inline_sgl: @sgt's entries when there are few of them. */
	struct scatterlist inline_sgl[VDGPU_DMA_BUF_INLINE_SG];
};

/**
 * struct vdgpu_dma_buf_attachment - what the exporter keeps per attachment
 * (&dma_buf_attachment.priv)
 *
 * Set up at attach; the counters are protected by the reservation object.
 */
struct vdgpu_dma_buf_attachment {
	/**
	 * @route: how the importer's device reaches VRAM, decided at
	 * attach; VDGPU_P2P_NONE when it cannot or does not accept
	 * peer-to-peer addresses. Constant.
	 */
	struct vdgpu_p2p_route route;
	/** @map_mode: the kind of addresses of the last mapping. */
	enum vdgpu_p2p_mode map_mode;
	/**
	 * @map_strategy: how the last mapping was made, when it was of
	 * VRAM.
	 */
	enum vdgpu_p2p_map_strategy map_strategy;
	/** @mappings: mappings handed out and not yet unmapped. */
	unsigned int mappings;
	/** @pins: pins this attachment holds. */
	unsigned int pins;
	/** @notifies: move notifications delivered to this attachment. */
	u64 notifies;
	/**
	 * @first_map: the record of a mapping, so that the usual one mapping
	 * at a time allocates nothing; further ones are allocated.
	 */
	struct vdgpu_dma_buf_mapping first_map;
	/** @first_map_used: @first_map holds a live mapping. */
	bool first_map_used;
};

struct dma_buf *vdgpu_gem_prime_export(struct drm_gem_object *obj, int flags);
struct drm_gem_object *vdgpu_gem_prime_import(struct drm_device *drm,
					      struct dma_buf *dma_buf);
bool vdgpu_is_vdgpu_dma_buf(struct dma_buf *dma_buf);
void vdgpu_dma_buf_backing_gone(struct vdgpu_bo *bo);
void vdgpu_dma_buf_move_notify(struct vdgpu_bo *bo);
bool vdgpu_dma_buf_has_system_importer(struct vdgpu_bo *bo);
void vdgpu_dma_buf_print_attachments(struct vdgpu_bo *bo, struct seq_file *m);

#endif
