/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Tracepoints: buffer creation and destruction, moves and evictions,
 * dma-buf move notifications, maps and pins. `vdgpu trace` (userspace/tools) records them.
 *
 * Copyright (c) 2026 The vdgpu authors
 */
#undef TRACE_SYSTEM
#define TRACE_SYSTEM vdgpu

#if !defined(_VDGPU_TRACE_H_) || defined(TRACE_HEADER_MULTI_READ)
#define _VDGPU_TRACE_H_

#include <linux/tracepoint.h>

#include <drm/drm_device.h>

#include "vdgpu_bo.h"
#include "vdgpu_p2p.h"

DECLARE_EVENT_CLASS(vdgpu_bo_move_class,
	TP_PROTO(struct vdgpu_bo *bo, bool from_vram, bool to_vram, const char *reason),
	TP_ARGS(bo, from_vram, to_vram, reason),
	TP_STRUCT__entry(
		__string(dev, dev_name(bo->tbo.base.dev->dev))
		__field(u64, id)
		__field(u64, size)
		__field(bool, from_vram)
		__field(bool, to_vram)
		__string(reason, reason)
	),
	TP_fast_assign(
		__assign_str(dev);
		__entry->id = bo->id;
		__entry->size = bo->tbo.base.size;
		__entry->from_vram = from_vram;
		__entry->to_vram = to_vram;
		__assign_str(reason);
	),
	TP_printk("dev=%s bo=%llu size=%llu from=%s to=%s reason=%s", __get_str(dev),
		  __entry->id, __entry->size, __entry->from_vram ? "vram" : "system",
		  __entry->to_vram ? "vram" : "system", __get_str(reason))
);

DEFINE_EVENT(vdgpu_bo_move_class, vdgpu_bo_move,
	TP_PROTO(struct vdgpu_bo *bo, bool from_vram, bool to_vram, const char *reason),
	TP_ARGS(bo, from_vram, to_vram, reason));

DEFINE_EVENT(vdgpu_bo_move_class, vdgpu_bo_evict,
	TP_PROTO(struct vdgpu_bo *bo, bool from_vram, bool to_vram, const char *reason),
	TP_ARGS(bo, from_vram, to_vram, reason));

DECLARE_EVENT_CLASS(vdgpu_bo_life_class,
	TP_PROTO(struct vdgpu_bo *bo, bool vram),
	TP_ARGS(bo, vram),
	TP_STRUCT__entry(
		__string(dev, dev_name(bo->tbo.base.dev->dev))
		__field(u64, id)
		__field(u64, size)
		__field(bool, vram)
	),
	TP_fast_assign(
		__assign_str(dev);
		__entry->id = bo->id;
		__entry->size = bo->tbo.base.size;
		__entry->vram = vram;
	),
	TP_printk("dev=%s bo=%llu size=%llu in=%s", __get_str(dev), __entry->id,
		  __entry->size, __entry->vram ? "vram" : "system")
);

DEFINE_EVENT(vdgpu_bo_life_class, vdgpu_bo_create,
	TP_PROTO(struct vdgpu_bo *bo, bool vram),
	TP_ARGS(bo, vram));

/* When a buffer is destroyed its backing is already gone: in=system. */
DEFINE_EVENT(vdgpu_bo_life_class, vdgpu_bo_destroy,
	TP_PROTO(struct vdgpu_bo *bo, bool vram),
	TP_ARGS(bo, vram));

TRACE_EVENT(vdgpu_move_notify,
	TP_PROTO(struct vdgpu_bo *bo, unsigned int importers),
	TP_ARGS(bo, importers),
	TP_STRUCT__entry(
		__string(dev, dev_name(bo->tbo.base.dev->dev))
		__field(u64, id)
		__field(unsigned int, importers)
	),
	TP_fast_assign(
		__assign_str(dev);
		__entry->id = bo->id;
		__entry->importers = importers;
	),
	TP_printk("dev=%s bo=%llu importers=%u", __get_str(dev), __entry->id,
		  __entry->importers)
);

TRACE_EVENT(vdgpu_dma_buf_map,
	TP_PROTO(struct vdgpu_bo *bo, struct device *importer, enum vdgpu_p2p_mode mode,
		 unsigned int nents),
	TP_ARGS(bo, importer, mode, nents),
	TP_STRUCT__entry(
		__string(dev, dev_name(bo->tbo.base.dev->dev))
		__field(u64, id)
		__string(importer, dev_name(importer))
		__field(int, mode)
		__field(unsigned int, nents)
	),
	TP_fast_assign(
		__assign_str(dev);
		__entry->id = bo->id;
		__assign_str(importer);
		__entry->mode = mode;
		__entry->nents = nents;
	),
	TP_printk("dev=%s bo=%llu importer=%s mode=%s nents=%u", __get_str(dev), __entry->id,
		  __get_str(importer), vdgpu_p2p_mode_name(__entry->mode), __entry->nents)
);

TRACE_EVENT(vdgpu_bo_pin,
	TP_PROTO(struct vdgpu_bo *bo, bool pin, bool vram),
	TP_ARGS(bo, pin, vram),
	TP_STRUCT__entry(
		__string(dev, dev_name(bo->tbo.base.dev->dev))
		__field(u64, id)
		__field(bool, pin)
		__field(bool, vram)
		__field(unsigned int, count)
	),
	TP_fast_assign(
		__assign_str(dev);
		__entry->id = bo->id;
		__entry->pin = pin;
		__entry->vram = vram;
		__entry->count = bo->tbo.pin_count;
	),
	TP_printk("dev=%s bo=%llu %s in=%s pin_count=%u", __get_str(dev), __entry->id,
		  __entry->pin ? "pin" : "unpin", __entry->vram ? "vram" : "system",
		  __entry->count)
);

#endif

#undef TRACE_INCLUDE_PATH
#define TRACE_INCLUDE_PATH .
#undef TRACE_INCLUDE_FILE
#define TRACE_INCLUDE_FILE vdgpu_trace
#include <trace/define_trace.h>
