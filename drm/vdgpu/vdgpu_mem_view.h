/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Copyright (c) 2026 The vdgpu authors
 */
#ifndef _VDGPU_MEM_VIEW_H_
#define _VDGPU_MEM_VIEW_H_

#include <linux/types.h>

struct ttm_buffer_object;
struct ttm_resource;
struct vdgpu_device;

/**
 * struct vdgpu_mem_chunk - a contiguous range the engine reaches through an
 * iomem mapping: a piece of our VRAM, or of imported memory
 */
struct vdgpu_mem_chunk {
	/** @addr: where the engine reads and writes it. */
	void __iomem *addr;
	/** @size: bytes. */
	u64 size;
	/** @iounmap: @addr is an ioremap() of its own, undone at fini. */
	bool iounmap;
};

/**
 * struct vdgpu_mem_view - where a buffer's bytes are, as the engine sees
 * them: a list of chunks (VRAM, or imported memory resolved from its DMA
 * addresses), or system pages mapped contiguously
 *
 * Taken while the buffer is reserved; TTM (or the exporter of an imported
 * buffer) keeps the backing itself alive until the fences of the jobs
 * using it have signalled.
 */
struct vdgpu_mem_view {
	/** @vdev: the device whose VRAM @chunks are in. */
	struct vdgpu_device *vdev;
	/** @chunks: the chunks, or NULL. */
	struct vdgpu_mem_chunk *chunks;
	/** @num_chunks: entries in @chunks. */
	unsigned int num_chunks;
	/** @vaddr: the backing's kernel mapping of system pages, or NULL. */
	void *vaddr;
	/** @size: bytes. */
	u64 size;
};

int vdgpu_mem_view_init(struct vdgpu_device *vdev, struct ttm_buffer_object *tbo,
			struct ttm_resource *res, struct vdgpu_mem_view *view);
void vdgpu_mem_view_fini(struct vdgpu_mem_view *view);

void vdgpu_mem_view_copy(struct vdgpu_mem_view *dst, u64 dst_offset,
			 struct vdgpu_mem_view *src, u64 src_offset, u64 size,
			 void *bounce);
void vdgpu_mem_view_fill(struct vdgpu_mem_view *dst, u64 offset, u64 size,
			 u32 value, void *bounce);
u64 vdgpu_mem_view_checksum(struct vdgpu_mem_view *src, u64 offset, u64 size,
			    void *bounce);
void vdgpu_mem_view_write(struct vdgpu_mem_view *dst, u64 offset,
			  const void *data, u64 size);

#endif
