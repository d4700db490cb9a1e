/* SPDX-License-Identifier: MIT */
/*
 * Helpers for vdgpu IGT tests (the counterpart of IGT's lib/xe/xe_query.h).
 *
 * Copyright (c) 2026 The vdgpu authors
 */
#ifndef IGT_VDGPU_H
#define IGT_VDGPU_H

#include <stdbool.h>
#include <stdint.h>

#include "vdgpu_drm.h"

#define VDGPU_MAX_DEVICES	8
#define VDGPU_TOPOLOGY_FILE	"/etc/vdgpu/topology"

/**
 * struct vdgpu_topology - what the machine the tests run on looks like, as
 * configured by the test runner (see tools/testing/guest/topology.sh)
 */
struct vdgpu_topology {
	/** @num_gpus: ivshmem devices given to vdgpu. */
	int num_gpus;
	/** @gpu_vram: their VRAM sizes in bytes, in any order. */
	uint64_t gpu_vram[VDGPU_MAX_DEVICES];
	/** @p2pdma: the kernel has CONFIG_PCI_P2PDMA. */
	bool p2pdma;
	/** @move_notify: the kernel has CONFIG_DMABUF_MOVE_NOTIFY. */
	bool move_notify;
	/** @same_switch_distance: expected P2P distance inside the switch. */
	int same_switch_distance;
	/** @same_switch_mode: expected mode inside the switch. */
	char same_switch_mode[64];
	/** @other_port_distance: expected distance across root ports. */
	int other_port_distance;
	/** @other_port_mode: expected mode across root ports. */
	char other_port_mode[64];
};

void vdgpu_topology_load(struct vdgpu_topology *topo);

int __vdgpu_query(int fd, uint32_t query, void *data, uint32_t *size);
void vdgpu_query_device(int fd, struct drm_vdgpu_query_device *info);

void vdgpu_query_stats(int fd, struct drm_vdgpu_query_stats *stats);

int vdgpu_query_regions(int fd, struct drm_vdgpu_memory_region *regions, int max);
uint64_t vdgpu_region_used(int fd, uint16_t mem_class);

int __vdgpu_gem_create(int fd, uint64_t *size, uint32_t regions, uint32_t preferred,
		       uint32_t flags, uint32_t *handle);
uint32_t vdgpu_gem_create(int fd, uint64_t size, uint32_t regions, uint32_t preferred,
			  uint32_t flags);
int __vdgpu_gem_mmap_offset(int fd, uint32_t handle, uint64_t *offset);
void *__vdgpu_gem_mmap(int fd, uint32_t handle, uint64_t size, int prot);
void *vdgpu_gem_mmap(int fd, uint32_t handle, uint64_t size, int prot);
int __vdgpu_gem_migrate(int fd, uint32_t handle, uint32_t region, uint32_t flags);
void vdgpu_gem_migrate(int fd, uint32_t handle, uint32_t region, uint32_t flags);
int __vdgpu_gem_wait(int fd, uint32_t handle, int64_t timeout_ns);
void vdgpu_gem_wait(int fd, uint32_t handle, int64_t timeout_ns);
int __vdgpu_gem_info(int fd, uint32_t handle, struct drm_vdgpu_gem_info *info);
void vdgpu_gem_info(int fd, uint32_t handle, struct drm_vdgpu_gem_info *info);

bool vdgpu_is_device(int fd);
int vdgpu_open_all(int *fds, int max);
int vdgpu_open_other_gpu(int fd);
void vdgpu_close_all(int *fds, int count);
int vdgpu_count_devices(void);
int vdgpu_open_smallest_vram(struct drm_vdgpu_query_device *dev);
int vdgpu_reopen(int fd);
int vdgpu_open_as_user(void);

const char *vdgpu_module_opts(void);
int vdgpu_reload_module(const char *opts);

int vdgpu_read_sysfs(const char *path, char *buf, int len);
int vdgpu_write_sysfs(const char *path, const char *value);
void vdgpu_fdinfo_value(int fd, const char *key, char *val, int len);
int vdgpu_debugfs_read(int fd, const char *name, char *buf, int len);

/**
 * struct vdgpu_debugfs_bo - a buffer's line of debugfs bos
 * @region: "vram" or "system"
 * @cpu_visible: 1 when the CPU can reach it where it is
 * @pin_count: TTM pins
 * @moves: moves so far
 * @exported: "yes" or "no"
 * @last_move: the reason of the last move ("none", "migrate", "exec", ...)
 */
struct vdgpu_debugfs_bo {
	char region[8];
	int cpu_visible;
	unsigned int pin_count;
	uint64_t moves;
	char exported[4];
	char last_move[16];
};

void vdgpu_debugfs_bo(int fd, uint64_t size, struct vdgpu_debugfs_bo *bo);
int vdgpu_p2p_map_strategy(int fd, char *buf, int len);
int vdgpu_set_p2p_map_strategy(int fd, const char *strategy);

uint64_t vdgpu_wait_region_used(int fd, uint16_t mem_class, uint64_t limit,
				uint64_t timeout_ns);

uint32_t vdgpu_pattern_word(uint32_t seed, uint64_t i);
uint32_t vdgpu_create_filled(int fd, uint64_t size, uint32_t regions,
			     uint32_t preferred, uint32_t seed);
void vdgpu_check_filled(int fd, uint32_t h, uint64_t size, uint32_t seed,
			const char *what);
uint64_t vdgpu_pattern_checksum(uint32_t seed, uint64_t offset, uint64_t size);

int __vdgpu_exec(int fd, struct drm_vdgpu_exec *exec);
void vdgpu_exec(int fd, struct drm_vdgpu_exec exec);
uint64_t vdgpu_gpu_checksum(int fd, uint32_t src, uint64_t offset, uint64_t size);

int vdgpu_debugfs_write(int fd, const char *name, const char *text);

/* vgem's fence uAPI (include/uapi/drm/vgem_drm.h); libdrm ships no header. */
struct local_vgem_fence_attach {
	uint32_t handle;
	uint32_t flags;
	uint32_t out_fence;
	uint32_t pad;
};

struct local_vgem_fence_signal {
	uint32_t fence;
	uint32_t flags;
};

#define LOCAL_VGEM_FENCE_WRITE	0x1
#define LOCAL_IOCTL_VGEM_FENCE_ATTACH \
	DRM_IOWR(DRM_COMMAND_BASE + 0x01, struct local_vgem_fence_attach)
#define LOCAL_IOCTL_VGEM_FENCE_SIGNAL \
	DRM_IOW(DRM_COMMAND_BASE + 0x02, struct local_vgem_fence_signal)

/**
 * struct vdgpu_blocker - a vgem write fence that signals only when told,
 * imported into a vdgpu device: the "long job" in front of a buffer
 */
struct vdgpu_blocker {
	/** @fd: the vdgpu device. */
	int fd;
	/** @vgem: the vgem device. */
	int vgem;
	/** @vgem_handle: the fenced vgem buffer. */
	uint32_t vgem_handle;
	/** @fence: vgem's fence id. */
	uint32_t fence;
	/** @import: the vgem buffer in @fd. */
	uint32_t import;
	/** @signalled: the fence was signalled. */
	bool signalled;
};

void vdgpu_blocker_init(int fd, struct vdgpu_blocker *b);
int __vdgpu_blocker_block(struct vdgpu_blocker *b, uint32_t handle);
void vdgpu_blocker_block(struct vdgpu_blocker *b, uint32_t handle);
void vdgpu_blocker_signal(struct vdgpu_blocker *b);
void vdgpu_blocker_fini(struct vdgpu_blocker *b);
uint64_t vdgpu_mem_available(void);

uint64_t vdgpu_tt_recycle_stat(int fd, const char *key);
void vdgpu_tt_recycle_drain(int fd);

#endif
