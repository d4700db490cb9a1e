/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Copyright (c) 2026 The vdgpu authors
 */
#ifndef _VDGPU_DEVICE_TYPES_H_
#define _VDGPU_DEVICE_TYPES_H_

#include <linux/list.h>
#include <linux/spinlock.h>
#include <linux/types.h>
#include <linux/workqueue.h>

#include <drm/drm_device.h>
#include <drm/ttm/ttm_device.h>

#include "vdgpu_engine.h"
#include "vdgpu_p2p_pages.h"
#include "vdgpu_vram_mgr.h"

struct pci_dev;
struct shrinker;

/**
 * enum vdgpu_device_kind - what provides the VRAM of a &struct vdgpu_device
 * @VDGPU_DEVICE_PCI: BAR2 of a PCI device (QEMU ivshmem-plain)
 * @VDGPU_DEVICE_PLATFORM: a carved-out region of system memory
 */
enum vdgpu_device_kind {
	VDGPU_DEVICE_PCI,
	VDGPU_DEVICE_PLATFORM,
};

/**
 * struct vdgpu_vram - the device's VRAM
 */
struct vdgpu_vram {
	/**
	 * @io_start: CPU physical address of the BAR (0 for a platform
	 * device, whose VRAM has no physical address range of its own).
	 */
	resource_size_t io_start;

	/** @bus_addr: PCI bus address of the BAR, as peers see it. */
	resource_size_t bus_addr;

	/** @size: VRAM size in bytes. */
	u64 size;

	/** @visible_size: bytes from the start the CPU may reach. */
	u64 visible_size;

	/**
	 * @vaddr: the copy engine's mapping of all of VRAM: an ioremap_wc()
	 * of the BAR, or the carve-out's vmalloc() area. Userspace mappings
	 * are limited to the first @visible_size bytes.
	 */
	void __iomem *vaddr;
};

/**
 * struct vdgpu_stats - device counters, reported by QUERY and debugfs
 */
struct vdgpu_stats {
	/** @evictions: buffers evicted from VRAM. */
	atomic64_t evictions;
	/** @bytes_to_vram: bytes moved into VRAM. */
	atomic64_t bytes_to_vram;
	/** @bytes_to_system: bytes moved out of VRAM. */
	atomic64_t bytes_to_system;
	/** @cpu_fault_migrations: CPU faults that had to move a buffer. */
	atomic64_t cpu_fault_migrations;
	/** @pinned_vram_bytes: bytes of buffers pinned in VRAM. */
	atomic64_t pinned_vram_bytes;
	/** @pinned_system_bytes: bytes of buffers pinned in system memory. */
	atomic64_t pinned_system_bytes;
	/** @move_notifies: dma_buf_move_notify() calls for exported buffers. */
	atomic64_t move_notifies;
};

/**
 * struct vdgpu_tt_recycler - system pages of freed backings, kept for the
 * next move out of VRAM (vdgpu_tt.c)
 */
struct vdgpu_tt_recycler {
	/** @lock: protects everything below but @expire and @shrinker. */
	spinlock_t lock;
	/** @entries: &struct vdgpu_tt_recycled, oldest first. */
	struct list_head entries;
	/** @held_pages: pages in @entries. */
	unsigned long held_pages;
	/** @max_pages: at most this many are held. */
	unsigned long max_pages;
	/** @closed: the device is going: nothing more is kept. */
	bool closed;
	/** @expire: gives back entries past their time. */
	struct delayed_work expire;
	/** @shrinker: gives back entries under memory pressure. */
	struct shrinker *shrinker;
	/** @hits: backings that took recycled pages. */
	u64 hits;
	/** @misses: backings that could have but found none of their size. */
	u64 misses;
	/** @expired: pages given back because their time was up. */
	u64 expired;
	/** @evicted: pages given back to make room for newer ones. */
	u64 evicted;
	/** @shrunk: pages given back to the shrinker. */
	u64 shrunk;
};

/**
 * struct vdgpu_device - one vdgpu instance
 */
struct vdgpu_device {
	/** @drm: the DRM device; its parent is the PCI or platform device. */
	struct drm_device drm;

	/** @kind: PCI or platform. */
	enum vdgpu_device_kind kind;

	/** @pdev: the PCI device, or NULL for a platform instance. */
	struct pci_dev *pdev;

	/** @vram: the VRAM region. */
	struct vdgpu_vram vram;

	/** @p2p_pages: the BAR as P2P pages, and the P2P map strategy. */
	struct vdgpu_p2p_pages p2p_pages;

	/** @ttm: the TTM device. */
	struct ttm_device ttm;

	/** @vram_mgr: the VRAM manager. */
	struct vdgpu_vram_mgr vram_mgr;

	/** @tt_recycler: system pages kept for moves out of VRAM. */
	struct vdgpu_tt_recycler tt_recycler;

	/** @copy_engine: the engine doing moves and clears. */
	struct vdgpu_engine copy_engine;

	/** @compute_engine: the engine running DRM_IOCTL_VDGPU_EXEC jobs. */
	struct vdgpu_engine compute_engine;

	/** @stats: counters. */
	struct vdgpu_stats stats;

	/** @next_bo_id: the last &vdgpu_bo.id handed out. */
	atomic64_t next_bo_id;

	/** @bo_list_lock: protects @bo_list and @import_list. */
	struct mutex bo_list_lock;

	/** @bo_list: every buffer object of the device, for debugfs. */
	struct list_head bo_list;

	/** @import_list: imported dma-bufs, for debugfs; @bo_list_lock. */
	struct list_head import_list;

	/**
	 * @bench_size: bytes the debugfs file bar_bandwidth copies; set
	 * through debugfs bar_bandwidth_size.
	 */
	u64 bench_size;

	/** @bench_result: the last result of debugfs dma_buf_bench. */
	char bench_result[96];
};

#endif
