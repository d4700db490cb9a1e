// SPDX-License-Identifier: MIT
/*
 * Helpers for vdgpu IGT tests.
 *
 * Copyright (c) 2026 The vdgpu authors
 */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <unistd.h>
#include <xf86drm.h>

#include "igt.h"
#include "igt_vdgpu.h"

/**
 * vdgpu_topology_load - read the machine description written by the runner
 * @topo: filled in; the test is skipped when the file is missing
 */
void vdgpu_topology_load(struct vdgpu_topology *topo)
{
	char line[256], key[64], a[64], b[64];
	FILE *f = fopen(VDGPU_TOPOLOGY_FILE, "r");

	igt_require_f(f, "no %s: not running under the vdgpu test runner\n",
		      VDGPU_TOPOLOGY_FILE);
	memset(topo, 0, sizeof(*topo));

	while (fgets(line, sizeof(line), f)) {
		int n = sscanf(line, "%63s %63s %63s", key, a, b);

		if (n < 2 || key[0] == '#')
			continue;
		if (!strcmp(key, "gpu_vram") && topo->num_gpus < VDGPU_MAX_DEVICES)
			topo->gpu_vram[topo->num_gpus++] = strtoull(a, NULL, 0);
		else if (!strcmp(key, "p2pdma"))
			topo->p2pdma = atoi(a);
		else if (!strcmp(key, "move_notify"))
			topo->move_notify = atoi(a);
		else if (!strcmp(key, "same_switch") && n == 3) {
			topo->same_switch_distance = atoi(a);
			snprintf(topo->same_switch_mode, sizeof(topo->same_switch_mode), "%s", b);
		} else if (!strcmp(key, "other_port") && n == 3) {
			topo->other_port_distance = atoi(a);
			snprintf(topo->other_port_mode, sizeof(topo->other_port_mode), "%s", b);
		}
	}
	fclose(f);
}

/**
 * __vdgpu_query - DRM_IOCTL_VDGPU_QUERY
 * @fd: vdgpu device
 * @query: &enum drm_vdgpu_query_id
 * @data: buffer, or NULL
 * @size: in: buffer size; out: what the kernel reported
 *
 * Returns: 0 or -errno.
 */
int __vdgpu_query(int fd, uint32_t query, void *data, uint32_t *size)
{
	struct drm_vdgpu_query q = {
		.query = query,
		.size = *size,
		.data = (uintptr_t)data,
	};

	if (igt_ioctl(fd, DRM_IOCTL_VDGPU_QUERY, &q))
		return -errno;
	*size = q.size;
	return 0;
}

/**
 * vdgpu_query_device - DRM_VDGPU_QUERY_DEVICE, asserting success
 * @fd: vdgpu device
 * @info: result
 */
void vdgpu_query_device(int fd, struct drm_vdgpu_query_device *info)
{
	uint32_t size = sizeof(*info);

	memset(info, 0, sizeof(*info));
	igt_assert_eq(__vdgpu_query(fd, DRM_VDGPU_QUERY_DEVICE, info, &size), 0);
	igt_assert_eq(size, sizeof(*info));
}

/**
 * vdgpu_query_stats - DRM_VDGPU_QUERY_STATS, asserting success
 * @fd: vdgpu device
 * @stats: result
 */
void vdgpu_query_stats(int fd, struct drm_vdgpu_query_stats *stats)
{
	uint32_t size = sizeof(*stats);

	memset(stats, 0, sizeof(*stats));
	igt_assert_eq(__vdgpu_query(fd, DRM_VDGPU_QUERY_STATS, stats, &size), 0);
	igt_assert_eq(size, sizeof(*stats));
}

/**
 * vdgpu_is_device - whether @fd is a vdgpu device
 * @fd: DRM fd
 */
bool vdgpu_is_device(int fd)
{
	drmVersionPtr v = drmGetVersion(fd);
	bool ret;

	if (!v)
		return false;
	ret = !strcmp(v->name, "vdgpu");
	drmFreeVersion(v);
	return ret;
}

/**
 * vdgpu_open_all - open the render node of every vdgpu device
 * @fds: array receiving the fds
 * @max: size of @fds
 *
 * Returns: number of devices opened.
 */
int vdgpu_open_all(int *fds, int max)
{
	int count = 0;

	for (int minor = 128; minor < 192 && count < max; minor++) {
		char path[64];
		int fd;

		snprintf(path, sizeof(path), "/dev/dri/renderD%d", minor);
		fd = open(path, O_RDWR | O_CLOEXEC);
		if (fd < 0)
			continue;
		if (vdgpu_is_device(fd))
			fds[count++] = fd;
		else
			close(fd);
	}
	return count;
}

/**
 * vdgpu_open_other_gpu - open another vdgpu device of the same kind as @fd
 * @fd: a vdgpu device
 *
 * Returns: the render node's fd of a different PCI (or platform) device
 * than @fd's, or -1 when there is none.
 */
int vdgpu_open_other_gpu(int fd)
{
	int fds[VDGPU_MAX_DEVICES], n = vdgpu_open_all(fds, VDGPU_MAX_DEVICES), other = -1;
	struct drm_vdgpu_query_device dev;

	vdgpu_query_device(fd, &dev);
	for (int i = 0; i < n; i++) {
		struct drm_vdgpu_query_device d;

		vdgpu_query_device(fds[i], &d);
		if (other < 0 && d.kind == dev.kind &&
		    (d.pci_domain != dev.pci_domain || d.pci_bus != dev.pci_bus ||
		     d.pci_devfn != dev.pci_devfn))
			other = fds[i];
		else
			close(fds[i]);
	}
	return other;
}

/**
 * vdgpu_close_all - close fds from vdgpu_open_all()
 * @fds: the fds
 * @count: how many
 */
void vdgpu_close_all(int *fds, int count)
{
	for (int i = 0; i < count; i++)
		close(fds[i]);
}

/**
 * vdgpu_count_devices - number of vdgpu render nodes present now
 */
int vdgpu_count_devices(void)
{
	int fds[VDGPU_MAX_DEVICES];
	int count = vdgpu_open_all(fds, VDGPU_MAX_DEVICES);

	vdgpu_close_all(fds, count);
	return count;
}

/**
 * vdgpu_open_smallest_vram - open the vdgpu device with the least VRAM
 * @dev: receives its DRM_VDGPU_QUERY_DEVICE block
 *
 * Opens the render nodes itself (not with drm_open_driver*()), so closing
 * the fd leaves nothing open. Skips the test when there is no vdgpu device.
 *
 * Returns: the fd.
 */
int vdgpu_open_smallest_vram(struct drm_vdgpu_query_device *dev)
{
	int fds[VDGPU_MAX_DEVICES], count, best = -1;
	uint64_t best_size = UINT64_MAX;

	count = vdgpu_open_all(fds, VDGPU_MAX_DEVICES);
	igt_require_f(count > 0, "no vdgpu device\n");
	for (int i = 0; i < count; i++) {
		struct drm_vdgpu_query_device info;

		vdgpu_query_device(fds[i], &info);
		if (info.vram_size < best_size) {
			best_size = info.vram_size;
			best = i;
			*dev = info;
		}
	}
	for (int i = 0; i < count; i++)
		if (i != best)
			close(fds[i]);
	return fds[best];
}

/* vgem's primary node, opened by vdgpu_open_as_user() before it drops root. */
static int user_vgem = -1;

/**
 * vdgpu_open_as_user - become an unprivileged client of vdgpu
 *
 * Drops root for good (IGT's igt_drop_root(): uid and gid 2, no
 * supplementary groups), then opens a vdgpu render node the way a
 * distribution's user reaches it. Call it in a child of igt_fork().
 *
 * vgem creates buffers only through its primary node (dumb buffers are
 * not allowed on render nodes), which the user cannot open; it is opened
 * first, for vdgpu_blocker_init(). It stands for what any user has: a
 * fence of some other driver's job that signals only when that user
 * likes (a GPU job that spins, a camera frame that never comes).
 *
 * Returns: the render node's fd.
 */
int vdgpu_open_as_user(void)
{
	int fd;

	if (user_vgem < 0)
		user_vgem = drm_open_driver(DRIVER_VGEM);
	igt_drop_root();
	/*
	 * A process that changed its uid is not dumpable, so its own /proc
	 * files belong to root; a user's programs are, and ptrace and
	 * /proc/PID/mem are what the tests read through.
	 */
	igt_assert_eq(prctl(PR_SET_DUMPABLE, 1, 0, 0, 0), 0);
	fd = drm_open_driver_render(DRIVER_ANY);
	igt_require(vdgpu_is_device(fd));
	/* Really unprivileged: the driver's debugfs is out of reach. */
	igt_assert(access("/sys/kernel/debug/dri", R_OK) != 0);
	return fd;
}

/**
 * vdgpu_reopen - open the device of @fd once more
 * @fd: an open DRM fd
 *
 * Returns: a new open file of the same device (its own DRM file: handles
 * are not shared with @fd).
 */
int vdgpu_reopen(int fd)
{
	char path[64];
	int fd2;

	snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
	fd2 = open(path, O_RDWR | O_CLOEXEC);
	igt_assert_fd(fd2);
	return fd2;
}

/**
 * vdgpu_module_opts - the parameters the runner loaded vdgpu with
 */
const char *vdgpu_module_opts(void)
{
	const char *opts = getenv("VDGPU_MODULE_OPTS");

	return opts ? opts : "bind_ivshmem=1";
}

/**
 * vdgpu_reload_module - unload vdgpu (and its test module) and load it again
 * @opts: module parameters
 *
 * Returns: 0 or the -errno of the failing step.
 */
int vdgpu_reload_module(const char *opts)
{
	int ret;

	if (igt_kmod_is_loaded("vdgpu_test")) {
		ret = igt_kmod_unload("vdgpu_test", 0);
		if (ret)
			return ret;
	}
	if (igt_kmod_is_loaded("vdgpu")) {
		ret = igt_kmod_unload("vdgpu", 0);
		if (ret)
			return ret;
	}
	return igt_kmod_load("vdgpu", opts);
}

/**
 * vdgpu_read_sysfs - read a small sysfs or debugfs file
 * @path: file
 * @buf: buffer, NUL-terminated on return
 * @len: size of @buf
 *
 * Returns: bytes read or -errno.
 */
int vdgpu_read_sysfs(const char *path, char *buf, int len)
{
	int fd = open(path, O_RDONLY);
	int n, total = 0;

	if (fd < 0)
		return -errno;
	while (total < len - 1 && (n = read(fd, buf + total, len - 1 - total)) > 0)
		total += n;
	close(fd);
	buf[total] = '\0';
	return total;
}

/**
 * vdgpu_write_sysfs - write a string to a sysfs file
 * @path: file
 * @value: text
 *
 * Returns: 0 or -errno.
 */
int vdgpu_write_sysfs(const char *path, const char *value)
{
	int fd = open(path, O_WRONLY);
	int ret = 0;

	if (fd < 0)
		return -errno;
	if (write(fd, value, strlen(value)) < 0)
		ret = -errno;
	close(fd);
	return ret;
}

/**
 * vdgpu_query_regions - DRM_VDGPU_QUERY_REGIONS, asserting success
 * @fd: vdgpu device
 * @regions: array receiving the regions, system memory first
 * @max: size of @regions
 *
 * Returns: the number of regions the device has (may exceed @max; only
 * @max are copied).
 */
int vdgpu_query_regions(int fd, struct drm_vdgpu_memory_region *regions, int max)
{
	struct drm_vdgpu_query_regions *hdr;
	uint32_t size = 0;
	int count;

	igt_assert_eq(__vdgpu_query(fd, DRM_VDGPU_QUERY_REGIONS, NULL, &size), 0);
	igt_assert_lte(sizeof(*hdr), size);
	hdr = calloc(1, size);
	igt_assert(hdr);
	igt_assert_eq(__vdgpu_query(fd, DRM_VDGPU_QUERY_REGIONS, hdr, &size), 0);
	igt_assert_eq(size, sizeof(*hdr) + hdr->num_regions * sizeof(hdr->regions[0]));

	count = hdr->num_regions;
	memcpy(regions, hdr->regions,
	       (count < max ? count : max) * sizeof(hdr->regions[0]));
	free(hdr);
	return count;
}

/**
 * vdgpu_region_used - used_size of the first region of a class
 * @fd: vdgpu device
 * @mem_class: &enum drm_vdgpu_memory_class
 *
 * Returns: &drm_vdgpu_memory_region.used_size; asserts the region exists.
 */
uint64_t vdgpu_region_used(int fd, uint16_t mem_class)
{
	struct drm_vdgpu_memory_region regions[8];
	int count = vdgpu_query_regions(fd, regions, 8);

	for (int i = 0; i < count && i < 8; i++)
		if (regions[i].mem_class == mem_class)
			return regions[i].used_size;
	igt_assert_f(false, "no region of class %u\n", mem_class);
	return 0;
}

/**
 * __vdgpu_gem_create - DRM_IOCTL_VDGPU_GEM_CREATE
 * @fd: vdgpu device
 * @size: in: requested bytes; out: the size of the buffer
 * @regions: DRM_VDGPU_REGION_* mask
 * @preferred: one DRM_VDGPU_REGION_* bit
 * @flags: DRM_VDGPU_GEM_CREATE_* bits
 * @handle: out: the GEM handle
 *
 * Returns: 0 or -errno.
 */
int __vdgpu_gem_create(int fd, uint64_t *size, uint32_t regions, uint32_t preferred,
		       uint32_t flags, uint32_t *handle)
{
	struct drm_vdgpu_gem_create create = {
		.size = *size,
		.regions = regions,
		.preferred = preferred,
		.flags = flags,
	};

	if (igt_ioctl(fd, DRM_IOCTL_VDGPU_GEM_CREATE, &create))
		return -errno;
	*size = create.size;
	*handle = create.handle;
	return 0;
}

/**
 * vdgpu_gem_create - DRM_IOCTL_VDGPU_GEM_CREATE, asserting success
 * @fd: vdgpu device
 * @size: requested bytes
 * @regions: DRM_VDGPU_REGION_* mask
 * @preferred: one DRM_VDGPU_REGION_* bit
 * @flags: DRM_VDGPU_GEM_CREATE_* bits
 *
 * Returns: the GEM handle.
 */
uint32_t vdgpu_gem_create(int fd, uint64_t size, uint32_t regions, uint32_t preferred,
			  uint32_t flags)
{
	uint32_t handle = 0;

	igt_assert_eq(__vdgpu_gem_create(fd, &size, regions, preferred, flags, &handle), 0);
	igt_assert_neq(handle, 0);
	return handle;
}

/**
 * __vdgpu_gem_mmap_offset - DRM_IOCTL_VDGPU_GEM_MMAP_OFFSET
 * @fd: vdgpu device
 * @handle: the buffer
 * @offset: out: the fake offset
 *
 * Returns: 0 or -errno.
 */
int __vdgpu_gem_mmap_offset(int fd, uint32_t handle, uint64_t *offset)
{
	struct drm_vdgpu_gem_mmap_offset arg = { .handle = handle };

	if (igt_ioctl(fd, DRM_IOCTL_VDGPU_GEM_MMAP_OFFSET, &arg))
		return -errno;
	*offset = arg.offset;
	return 0;
}

/**
 * __vdgpu_gem_mmap - map a buffer, shared
 * @fd: vdgpu device
 * @handle: the buffer
 * @size: bytes to map from the start of the buffer
 * @prot: PROT_* bits
 *
 * Returns: the mapping, or NULL with errno set.
 */
void *__vdgpu_gem_mmap(int fd, uint32_t handle, uint64_t size, int prot)
{
	uint64_t offset;
	void *ptr;
	int ret;

	ret = __vdgpu_gem_mmap_offset(fd, handle, &offset);
	if (ret) {
		errno = -ret;
		return NULL;
	}
	ptr = mmap(NULL, size, prot, MAP_SHARED, fd, offset);
	return ptr == MAP_FAILED ? NULL : ptr;
}

/**
 * vdgpu_gem_mmap - map a buffer, shared, asserting success
 * @fd: vdgpu device
 * @handle: the buffer
 * @size: bytes to map from the start of the buffer
 * @prot: PROT_* bits
 *
 * Returns: the mapping.
 */
void *vdgpu_gem_mmap(int fd, uint32_t handle, uint64_t size, int prot)
{
	void *ptr = __vdgpu_gem_mmap(fd, handle, size, prot);

	igt_assert_f(ptr, "mmap of handle %u failed: %d\n", handle, -errno);
	return ptr;
}

/**
 * __vdgpu_gem_migrate - DRM_IOCTL_VDGPU_GEM_MIGRATE
 * @fd: vdgpu device
 * @handle: the buffer
 * @region: one DRM_VDGPU_REGION_* bit
 * @flags: DRM_VDGPU_GEM_MIGRATE_* bits
 *
 * Returns: 0 or -errno.
 */
int __vdgpu_gem_migrate(int fd, uint32_t handle, uint32_t region, uint32_t flags)
{
	struct drm_vdgpu_gem_migrate arg = {
		.handle = handle,
		.region = region,
		.flags = flags,
	};

	if (igt_ioctl(fd, DRM_IOCTL_VDGPU_GEM_MIGRATE, &arg))
		return -errno;
	return 0;
}

/**
 * vdgpu_gem_migrate - DRM_IOCTL_VDGPU_GEM_MIGRATE, asserting success
 * @fd: vdgpu device
 * @handle: the buffer
 * @region: one DRM_VDGPU_REGION_* bit
 * @flags: DRM_VDGPU_GEM_MIGRATE_* bits
 */
void vdgpu_gem_migrate(int fd, uint32_t handle, uint32_t region, uint32_t flags)
{
	igt_assert_eq(__vdgpu_gem_migrate(fd, handle, region, flags), 0);
}

/**
 * __vdgpu_gem_wait - DRM_IOCTL_VDGPU_GEM_WAIT
 * @fd: vdgpu device
 * @handle: the buffer
 * @timeout_ns: relative timeout, 0 to poll
 *
 * Returns: 0 or -errno (-ETIME when still busy).
 */
int __vdgpu_gem_wait(int fd, uint32_t handle, int64_t timeout_ns)
{
	struct drm_vdgpu_gem_wait arg = {
		.handle = handle,
		.timeout_ns = timeout_ns,
	};

	if (igt_ioctl(fd, DRM_IOCTL_VDGPU_GEM_WAIT, &arg))
		return -errno;
	return 0;
}

/**
 * vdgpu_gem_wait - DRM_IOCTL_VDGPU_GEM_WAIT, asserting the buffer went idle
 * @fd: vdgpu device
 * @handle: the buffer
 * @timeout_ns: relative timeout
 */
void vdgpu_gem_wait(int fd, uint32_t handle, int64_t timeout_ns)
{
	igt_assert_eq(__vdgpu_gem_wait(fd, handle, timeout_ns), 0);
}

/**
 * __vdgpu_gem_info - DRM_IOCTL_VDGPU_GEM_INFO
 * @fd: vdgpu device
 * @handle: the buffer
 * @info: result
 *
 * Returns: 0 or -errno.
 */
int __vdgpu_gem_info(int fd, uint32_t handle, struct drm_vdgpu_gem_info *info)
{
	memset(info, 0, sizeof(*info));
	info->handle = handle;
	if (igt_ioctl(fd, DRM_IOCTL_VDGPU_GEM_INFO, info))
		return -errno;
	return 0;
}

/**
 * vdgpu_gem_info - DRM_IOCTL_VDGPU_GEM_INFO, asserting success
 * @fd: vdgpu device
 * @handle: the buffer
 * @info: result
 */
void vdgpu_gem_info(int fd, uint32_t handle, struct drm_vdgpu_gem_info *info)
{
	igt_assert_eq(__vdgpu_gem_info(fd, handle, info), 0);
	igt_assert_eq(info->handle, handle);
}

/**
 * vdgpu_wait_region_used - wait for a region's use to drop (deferred frees)
 * @fd: vdgpu device
 * @mem_class: &enum drm_vdgpu_memory_class
 * @limit: bytes
 * @timeout_ns: how long to poll
 *
 * Returns: the last used_size read; more than @limit on timeout.
 */
uint64_t vdgpu_wait_region_used(int fd, uint16_t mem_class, uint64_t limit,
				uint64_t timeout_ns)
{
	struct timespec start = {};
	uint64_t used;

	igt_nsec_elapsed(&start);
	while ((used = vdgpu_region_used(fd, mem_class)) > limit &&
	       igt_nsec_elapsed(&start) < timeout_ns)
		usleep(10000);
	return used;
}

/* Opens debugfs file @name of the device of @fd: a descriptor, or -errno. */
static int vdgpu_debugfs_open(int fd, const char *name, int flags)
{
	int dir = igt_debugfs_dir(fd), f;

	if (dir < 0)
		return -ENOENT;
	f = openat(dir, name, flags);
	close(dir);
	return f < 0 ? -errno : f;
}

/**
 * vdgpu_debugfs_read - read a debugfs file of the device of @fd
 * @fd: vdgpu device
 * @name: the file, e.g. "bos"
 * @buf: receives its text, NUL-terminated
 * @len: size of @buf, at least 2
 *
 * Returns: the bytes read, or -errno (-ENOENT without debugfs, -EFBIG when
 * the text does not fit).
 */
int vdgpu_debugfs_read(int fd, const char *name, char *buf, int len)
{
	int f = vdgpu_debugfs_open(fd, name, O_RDONLY), n = 0, r = 0;

	igt_assert_lt(1, len);
	if (f < 0)
		return f;
	while (n < len - 1 && (r = read(f, buf + n, len - 1 - n)) > 0)
		n += r;
	if (r < 0)
		r = -errno;
	else if (n == len - 1 && read(f, &(char){ 0 }, 1) > 0)
		r = -EFBIG;
	else
		r = n;
	close(f);
	buf[n] = '\0';
	return r;
}

/**
 * vdgpu_debugfs_bo - the line of debugfs bos for the one buffer of @size
 * @fd: vdgpu device
 * @size: bytes; exactly one buffer of the device must have this size
 * @bo: receives the line's fields
 */
void vdgpu_debugfs_bo(int fd, uint64_t size, struct vdgpu_debugfs_bo *bo)
{
	static char text[65536];
	int n = vdgpu_debugfs_read(fd, "bos", text, sizeof(text)), found = 0;

	igt_require_f(n != -ENOENT, "no debugfs bos\n");
	igt_assert_lt(0, n);
	for (char *line = strtok(text, "\n"); line; line = strtok(NULL, "\n")) {
		struct vdgpu_debugfs_bo b;
		unsigned long long s, moves;

		if (sscanf(line, "%llu %7s %d %u %llu %3s %15s", &s, b.region,
			   &b.cpu_visible, &b.pin_count, &moves, b.exported,
			   b.last_move) != 7 || s != size)
			continue;
		b.moves = moves;
		*bo = b;
		found++;
	}
	igt_assert_f(found == 1, "%d buffers of %" PRIu64 " bytes in debugfs bos\n",
		     found, size);
}

/**
 * vdgpu_debugfs_write - write a command to a debugfs file of the device of @fd
 * @fd: vdgpu device
 * @name: the file, e.g. "dma_buf_bench"
 * @text: what to write
 *
 * Returns: 0, or -errno (-ENOENT without debugfs or the file, else the
 * write's error).
 */
int vdgpu_debugfs_write(int fd, const char *name, const char *text)
{
	int f = vdgpu_debugfs_open(fd, name, O_WRONLY), ret = 0;

	if (f < 0)
		return f;
	if (write(f, text, strlen(text)) < 0)
		ret = -errno;
	close(f);
	return ret;
}

/**
 * vdgpu_p2p_map_strategy - the P2P map strategy of a device (debugfs p2p_map)
 * @fd: vdgpu device
 * @buf: receives "resource" or "pages"
 * @len: size of @buf
 *
 * Returns: 0, or -errno when debugfs cannot tell.
 */
int vdgpu_p2p_map_strategy(int fd, char *buf, int len)
{
	char text[256], *line;
	int n = vdgpu_debugfs_read(fd, "p2p_map", text, sizeof(text));

	if (n < 0)
		return n;
	line = strstr(text, "strategy: ");
	if (!line || sscanf(line, "strategy: %15s", text) != 1)
		return -EIO;
	snprintf(buf, len, "%s", text);
	return 0;
}

/**
 * vdgpu_set_p2p_map_strategy - choose how the device makes P2P mappings
 * @fd: vdgpu device
 * @strategy: "resource" or "pages"
 *
 * Returns: 0, -EOPNOTSUPP when the device has no P2P pages (module
 * parameter p2p_map=pages not given, or no CONFIG_PCI_P2PDMA), or -errno.
 */
int vdgpu_set_p2p_map_strategy(int fd, const char *strategy)
{
	return vdgpu_debugfs_write(fd, "p2p_map", strategy);
}

/**
 * vdgpu_fdinfo_value - the value of "key:\t..." in the fdinfo of @fd
 * @fd: an open DRM file
 * @key: e.g. "drm-total-vram"
 * @val: receives the value ("" when the key is missing)
 * @len: size of @val
 */
void vdgpu_fdinfo_value(int fd, const char *key, char *val, int len)
{
	char path[64], buf[8192], *p, *end;

	snprintf(path, sizeof(path), "/proc/self/fdinfo/%d", fd);
	igt_assert(vdgpu_read_sysfs(path, buf, sizeof(buf)) > 0);
	val[0] = '\0';
	for (p = buf; (p = strstr(p, key)); p++) {
		if ((p != buf && p[-1] != '\n') || p[strlen(key)] != ':')
			continue;
		p += strlen(key) + 1;
		p += strspn(p, "\t ");
		end = strchr(p, '\n');
		if (!end)
			end = p + strlen(p);
		snprintf(val, len, "%.*s", (int)(end - p), p);
		return;
	}
}

/**
 * vdgpu_pattern_word - word @i of the test pattern of @seed
 * @seed: the pattern
 * @i: index of the 32-bit word
 *
 * Returns: the word.
 */
uint32_t vdgpu_pattern_word(uint32_t seed, uint64_t i)
{
	return seed ^ (uint32_t)(i * 2654435761u);
}

/**
 * vdgpu_create_filled - a new buffer holding the pattern of @seed
 * @fd: vdgpu device
 * @size: bytes, a multiple of 4
 * @regions: DRM_VDGPU_REGION_* allowed
 * @preferred: where it is created
 * @seed: the pattern (vdgpu_pattern_word())
 *
 * Returns: the handle.
 */
uint32_t vdgpu_create_filled(int fd, uint64_t size, uint32_t regions,
			     uint32_t preferred, uint32_t seed)
{
	uint32_t h = vdgpu_gem_create(fd, size, regions, preferred, 0);
	uint32_t *p = vdgpu_gem_mmap(fd, h, size, PROT_READ | PROT_WRITE);

	for (uint64_t i = 0; i < size / 4; i++)
		p[i] = vdgpu_pattern_word(seed, i);
	munmap(p, size);
	return h;
}

/**
 * vdgpu_check_filled - assert that a buffer holds the pattern of @seed
 * @fd: vdgpu device
 * @h: the buffer
 * @size: bytes to check
 * @seed: the pattern, or ~0u for zeroes
 * @what: for the failure message
 */
void vdgpu_check_filled(int fd, uint32_t h, uint64_t size, uint32_t seed,
			const char *what)
{
	uint32_t *p = vdgpu_gem_mmap(fd, h, size, PROT_READ);

	for (uint64_t i = 0; i < size / 4; i++) {
		uint32_t want = seed == ~0u ? 0 : vdgpu_pattern_word(seed, i);

		igt_assert_f(p[i] == want, "%s: word %" PRIu64 " is %#x, expected %#x\n",
			     what, i, p[i], want);
	}
	munmap(p, size);
}

/**
 * vdgpu_pattern_checksum - the uAPI checksum of part of a pattern
 * @seed: the pattern (vdgpu_pattern_word())
 * @offset: first byte, a multiple of 4
 * @size: bytes, a multiple of 4
 *
 * Returns: what DRM_VDGPU_OP_CHECKSUM gives over [@offset, @offset + @size)
 * of a buffer holding the pattern of @seed.
 */
uint64_t vdgpu_pattern_checksum(uint32_t seed, uint64_t offset, uint64_t size)
{
	uint64_t h = 0;

	for (uint64_t i = offset / 4; i < (offset + size) / 4; i++)
		h = (h ^ vdgpu_pattern_word(seed, i)) * 0x100000001b3ull;
	return h;
}

/**
 * __vdgpu_exec - DRM_IOCTL_VDGPU_EXEC
 * @fd: vdgpu device
 * @exec: the job
 *
 * Returns: 0 or -errno.
 */
int __vdgpu_exec(int fd, struct drm_vdgpu_exec *exec)
{
	if (igt_ioctl(fd, DRM_IOCTL_VDGPU_EXEC, exec))
		return -errno;
	return 0;
}

/**
 * vdgpu_exec - DRM_IOCTL_VDGPU_EXEC, asserting it was queued
 * @fd: vdgpu device
 * @exec: the job
 */
void vdgpu_exec(int fd, struct drm_vdgpu_exec exec)
{
	igt_assert_eq(__vdgpu_exec(fd, &exec), 0);
}

/**
 * vdgpu_gpu_checksum - checksum part of a buffer with the copy engine
 * @fd: vdgpu device
 * @src: the buffer (a vdgpu buffer or an import)
 * @offset: first byte, a multiple of 4
 * @size: bytes, a multiple of 4
 *
 * Runs a DRM_VDGPU_OP_CHECKSUM job into a new system buffer and waits
 * for it (the job itself waits for what is queued on @src). A vdgpu
 * buffer is first moved into its preferred region as for any job; an
 * import is read where it is.
 *
 * Returns: the checksum.
 */
uint64_t vdgpu_gpu_checksum(int fd, uint32_t src, uint64_t offset, uint64_t size)
{
	uint32_t res = vdgpu_gem_create(fd, 4096, DRM_VDGPU_REGION_SYSTEM,
					DRM_VDGPU_REGION_SYSTEM, 0);
	uint64_t *p, sum;

	vdgpu_exec(fd, (struct drm_vdgpu_exec){ .op = DRM_VDGPU_OP_CHECKSUM,
		.dst_handle = res, .src_handle = src, .src_offset = offset,
		.size = size });
	vdgpu_gem_wait(fd, res, 60ll * 1000 * 1000 * 1000);
	p = vdgpu_gem_mmap(fd, res, 4096, PROT_READ);
	sum = p[0];
	munmap(p, 4096);
	gem_close(fd, res);
	return sum;
}

/**
 * vdgpu_tt_recycle_stat - a value of the device's debugfs tt_recycle
 * @fd: vdgpu device
 * @key: e.g. "held_bytes", "hits"
 *
 * Returns: the value; the test skips without the file.
 */
uint64_t vdgpu_tt_recycle_stat(int fd, const char *key)
{
	char text[512], *line, pat[64];
	int n = vdgpu_debugfs_read(fd, "tt_recycle", text, sizeof(text));
	unsigned long long v;

	igt_require_f(n != -ENOENT, "no debugfs tt_recycle\n");
	igt_assert_lt(0, n);
	snprintf(pat, sizeof(pat), "%s: ", key);
	line = strstr(text, pat);
	igt_assert_f(line && sscanf(line + strlen(pat), "%llu", &v) == 1,
		     "no %s in tt_recycle:\n%s", key, text);
	return v;
}

/**
 * vdgpu_tt_recycle_drain - give back every recycled page of the device
 * @fd: vdgpu device
 */
void vdgpu_tt_recycle_drain(int fd)
{
	int f = vdgpu_debugfs_open(fd, "tt_recycle", O_WRONLY);

	igt_require_f(f >= 0, "no debugfs tt_recycle\n");
	igt_assert_eq(write(f, "drain", 5), 5);
	close(f);
}

/**
 * vdgpu_blocker_init - a fence of another driver, signalled only when told
 * @fd: vdgpu device the blocker is used on
 * @b: the blocker
 *
 * A vgem buffer with a write fence, imported into @fd: jobs that write it
 * wait for the fence, which is what a client does to make work (and the
 * moves behind it) wait as long as it likes. vgem signals the fence by
 * itself after 10 s at the latest.
 */
void vdgpu_blocker_init(int fd, struct vdgpu_blocker *b)
{
	struct drm_mode_create_dumb c = { .width = 1024, .height = 1, .bpp = 32 };
	struct local_vgem_fence_attach attach = { .flags = LOCAL_VGEM_FENCE_WRITE };
	int dmabuf;

	memset(b, 0, sizeof(*b));
	b->fd = fd;
	b->vgem = user_vgem >= 0 ? dup(user_vgem) : drm_open_driver(DRIVER_VGEM);
	igt_assert_fd(b->vgem);
	do_ioctl(b->vgem, DRM_IOCTL_MODE_CREATE_DUMB, &c);
	b->vgem_handle = c.handle;
	igt_assert_eq(drmPrimeHandleToFD(b->vgem, c.handle, DRM_CLOEXEC, &dmabuf), 0);
	igt_assert_eq(drmPrimeFDToHandle(fd, dmabuf, &b->import), 0);
	close(dmabuf);
	attach.handle = c.handle;
	do_ioctl(b->vgem, LOCAL_IOCTL_VGEM_FENCE_ATTACH, &attach);
	b->fence = attach.out_fence;
}

/**
 * __vdgpu_blocker_block - queue a job that reads @handle behind the blocker
 * @b: the blocker
 * @handle: a buffer of the blocker's device
 *
 * The job (a checksum of the buffer's first 4 KiB written into the vgem
 * buffer) runs once the blocker is signalled; until then every move of
 * @handle waits for it.
 *
 * Returns: 0 or the EXEC's -errno.
 */
int __vdgpu_blocker_block(struct vdgpu_blocker *b, uint32_t handle)
{
	struct drm_vdgpu_exec exec = {
		.op = DRM_VDGPU_OP_CHECKSUM,
		.dst_handle = b->import,
		.src_handle = handle,
		.size = 4096,
	};

	return __vdgpu_exec(b->fd, &exec);
}

/**
 * vdgpu_blocker_block - __vdgpu_blocker_block(), which must succeed
 * @b: the blocker
 * @handle: a buffer of the blocker's device
 */
void vdgpu_blocker_block(struct vdgpu_blocker *b, uint32_t handle)
{
	igt_assert_eq(__vdgpu_blocker_block(b, handle), 0);
}

/**
 * vdgpu_blocker_signal - signal the blocker's fence (once)
 * @b: the blocker
 */
void vdgpu_blocker_signal(struct vdgpu_blocker *b)
{
	struct local_vgem_fence_signal signal = { .fence = b->fence };

	if (b->signalled)
		return;
	b->signalled = true;
	igt_assert_eq(igt_ioctl(b->vgem, LOCAL_IOCTL_VGEM_FENCE_SIGNAL, &signal), 0);
}

/**
 * vdgpu_blocker_fini - signal the blocker and release it
 * @b: the blocker
 */
void vdgpu_blocker_fini(struct vdgpu_blocker *b)
{
	vdgpu_blocker_signal(b);
	gem_close(b->fd, b->import);
	gem_close(b->vgem, b->vgem_handle);
	close(b->vgem);
}

/**
 * vdgpu_mem_available - MemAvailable of /proc/meminfo
 *
 * Returns: bytes.
 */
uint64_t vdgpu_mem_available(void)
{
	char buf[4096], *line;
	unsigned long long kib = 0;

	igt_assert_lt(0, vdgpu_read_sysfs("/proc/meminfo", buf, sizeof(buf)));
	line = strstr(buf, "MemAvailable:");
	igt_assert(line && sscanf(line, "MemAvailable: %llu kB", &kib) == 1);
	return kib * 1024;
}
