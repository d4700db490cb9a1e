// SPDX-License-Identifier: MIT
/*
 * libvdgpu: see vdgpu.h.
 *
 * Copyright (c) 2026 The vdgpu authors
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

#include <xf86drm.h>

#include "vdgpu.h"

struct vdgpu_device {
	int fd;
};

static __thread char vdgpu_error[256];

/* Records why a call failed and returns @err (a negative errno). */
static int __attribute__((format(printf, 2, 3))) fail(int err, const char *fmt, ...)
{
	size_t n;
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(vdgpu_error, sizeof(vdgpu_error), fmt, ap);
	va_end(ap);
	n = strlen(vdgpu_error);
	snprintf(vdgpu_error + n, sizeof(vdgpu_error) - n, ": %s", strerror(-err));
	return err;
}

/* An ioctl on the device: 0, or a negative errno with the message set. */
static int vdgpu_ioctl(struct vdgpu_device *dev, unsigned long req, void *arg,
		       const char *what)
{
	if (!dev)
		return fail(-EINVAL, "%s: no device", what);
	if (drmIoctl(dev->fd, req, arg))
		return fail(-errno, "%s", what);
	return 0;
}

/**
 * vdgpu_last_error - why the calling thread's last failed call failed
 *
 * Return: a sentence, "" when nothing failed yet.
 */
const char *vdgpu_last_error(void)
{
	return vdgpu_error;
}

static int is_vdgpu(int fd)
{
	drmVersionPtr v = drmGetVersion(fd);
	int ret = v && !strcmp(v->name, "vdgpu");

	drmFreeVersion(v);
	return ret;
}

/**
 * vdgpu_enumerate - find the vdgpu devices with a render node
 * @descs: receives up to @max descriptions
 * @max: room in @descs
 *
 * Return: the number of devices found (all of them, even beyond @max), or
 * a negative errno.
 */
int vdgpu_enumerate(struct vdgpu_device_desc *descs, int max)
{
	drmDevicePtr devices[64];
	const int room = sizeof(devices) / sizeof(devices[0]);
	int n, found = 0;

	n = drmGetDevices2(0, devices, room);
	if (n == -ENOENT)	/* no /dev/dri at all */
		return 0;
	if (n < 0)
		return fail(n, "drmGetDevices2");
	/* It counts every device there is, but fills at most @room. */
	if (n > room)
		n = room;
	for (int i = 0; i < n; i++) {
		const char *node;
		int fd;

		if (!(devices[i]->available_nodes & (1 << DRM_NODE_RENDER)))
			continue;
		node = devices[i]->nodes[DRM_NODE_RENDER];
		fd = open(node, O_RDWR | O_CLOEXEC);
		if (fd < 0)
			continue;
		if (is_vdgpu(fd)) {
			if (found < max) {
				struct vdgpu_device_desc *d = &descs[found];

				memset(d, 0, sizeof(*d));
				snprintf(d->render_node, sizeof(d->render_node), "%s", node);
				if (devices[i]->bustype == DRM_BUS_PCI)
					snprintf(d->pci_slot, sizeof(d->pci_slot),
						 "%04x:%02x:%02x.%x",
						 devices[i]->businfo.pci->domain,
						 devices[i]->businfo.pci->bus,
						 devices[i]->businfo.pci->dev,
						 devices[i]->businfo.pci->func);
			}
			found++;
		}
		close(fd);
	}
	drmFreeDevices(devices, n);
	return found;
}

/**
 * vdgpu_open - open a vdgpu render node
 * @render_node: its path (see vdgpu_enumerate())
 * @dev: receives the handle
 *
 * Return: 0; -ENODEV when the node is not a vdgpu device; -ENOMEM or the
 * errno of open() (-ENOENT for a missing node, -EACCES without permission).
 */
int vdgpu_open(const char *render_node, struct vdgpu_device **dev)
{
	struct vdgpu_device *d;
	int fd;

	fd = open(render_node, O_RDWR | O_CLOEXEC);
	if (fd < 0)
		return fail(-errno, "cannot open %s", render_node);
	if (!is_vdgpu(fd)) {
		close(fd);
		return fail(-ENODEV, "%s is not a vdgpu device", render_node);
	}
	d = calloc(1, sizeof(*d));
	if (!d) {
		close(fd);
		return fail(-ENOMEM, "opening %s", render_node);
	}
	d->fd = fd;
	*dev = d;
	return 0;
}

/**
 * vdgpu_close - close a handle from vdgpu_open(); NULL is ignored
 * @dev: the handle
 */
void vdgpu_close(struct vdgpu_device *dev)
{
	if (!dev)
		return;
	close(dev->fd);
	free(dev);
}

/**
 * vdgpu_fd - the DRM file descriptor behind a handle
 * @dev: the handle
 *
 * Return: the fd, owned by the handle.
 */
int vdgpu_fd(const struct vdgpu_device *dev)
{
	return dev->fd;
}

static int query(struct vdgpu_device *dev, uint32_t id, void *data, uint32_t size,
		 const char *what)
{
	struct drm_vdgpu_query q = {
		.query = id, .size = size, .data = (uintptr_t)data,
	};
	int ret = vdgpu_ioctl(dev, DRM_IOCTL_VDGPU_QUERY, &q, what);

	if (!ret && q.size < size)
		memset((char *)data + q.size, 0, size - q.size);
	return ret;
}

/**
 * vdgpu_query_device - the device's description (DRM_VDGPU_QUERY_DEVICE)
 * @dev: the handle
 * @info: the result
 *
 * Return: 0 or a negative errno (-ENODEV when the device is gone).
 */
int vdgpu_query_device(struct vdgpu_device *dev, struct drm_vdgpu_query_device *info)
{
	return query(dev, DRM_VDGPU_QUERY_DEVICE, info, sizeof(*info), "QUERY_DEVICE");
}

/**
 * vdgpu_query_stats - the device's counters (DRM_VDGPU_QUERY_STATS)
 * @dev: the handle
 * @stats: the result
 *
 * Return: 0 or a negative errno.
 */
int vdgpu_query_stats(struct vdgpu_device *dev, struct drm_vdgpu_query_stats *stats)
{
	return query(dev, DRM_VDGPU_QUERY_STATS, stats, sizeof(*stats), "QUERY_STATS");
}

/**
 * vdgpu_query_regions - the device's memory regions (DRM_VDGPU_QUERY_REGIONS)
 * @dev: the handle
 * @regions: receives up to @max regions, system memory first
 * @max: room in @regions
 *
 * Return: the number of regions (all of them, even beyond @max), or a
 * negative errno.
 */
int vdgpu_query_regions(struct vdgpu_device *dev, struct drm_vdgpu_memory_region *regions,
			int max)
{
	struct drm_vdgpu_query probe = { .query = DRM_VDGPU_QUERY_REGIONS };
	struct drm_vdgpu_query_regions *q;
	int ret, n;

	/* The size first (size 0 asks for it), then the list. */
	ret = vdgpu_ioctl(dev, DRM_IOCTL_VDGPU_QUERY, &probe, "QUERY_REGIONS");
	if (ret)
		return ret;
	q = calloc(1, probe.size);
	if (!q)
		return fail(-ENOMEM, "QUERY_REGIONS");
	ret = query(dev, DRM_VDGPU_QUERY_REGIONS, q, probe.size, "QUERY_REGIONS");
	if (ret) {
		free(q);
		return ret;
	}
	n = q->num_regions;
	for (int i = 0; i < n && i < max; i++)
		regions[i] = q->regions[i];
	free(q);
	return n;
}

/* "123 KiB" and the like, as drm_print_memory_stats() prints sizes. */
static uint64_t parse_size(const char *s)
{
	char *end;
	uint64_t v = strtoull(s, &end, 10);

	while (*end == ' ')
		end++;
	if (!strncmp(end, "KiB", 3))
		v <<= 10;
	else if (!strncmp(end, "MiB", 3))
		v <<= 20;
	else if (!strncmp(end, "GiB", 3))
		v <<= 30;
	return v;
}

/**
 * vdgpu_parse_fdinfo - memory use recorded in one fdinfo file
 * @path: an fdinfo file, e.g. /proc/<pid>/fdinfo/<fd> of any process
 * @info: the result
 *
 * Return: 0 for the file of a vdgpu device, -ENODEV for any other file,
 * or the errno of opening it.
 */
int vdgpu_parse_fdinfo(const char *path, struct vdgpu_fdinfo *info)
{
	static const char *const keys[] = { "drm-total-", "drm-resident-", "drm-shared-",
					    "vdgpu-pinned-" };
	uint64_t *fields[] = { info->total, info->resident, info->shared, info->pinned };
	char line[256];
	int vdgpu = 0;
	FILE *f;

	f = fopen(path, "re");
	if (!f)
		return fail(-errno, "cannot read %s", path);
	memset(info, 0, sizeof(*info));
	while (fgets(line, sizeof(line), f)) {
		if (!strncmp(line, "drm-driver:", 11))
			vdgpu = !strcmp(line + 11 + strspn(line + 11, " \t"), "vdgpu\n");
		for (unsigned int k = 0; k < sizeof(keys) / sizeof(keys[0]); k++) {
			size_t n = strlen(keys[k]);
			const char *region = line + n, *colon;
			int r;

			if (strncmp(line, keys[k], n))
				continue;
			colon = strchr(region, ':');
			if (!colon)
				continue;
			if (!strncmp(region, "system:", 7))
				r = 0;
			else if (!strncmp(region, "vram:", 5))
				r = 1;
			else
				continue;
			fields[k][r] = parse_size(colon + 1 + strspn(colon + 1, " \t"));
		}
	}
	fclose(f);
	return vdgpu ? 0 : fail(-ENODEV, "%s is not the file of a vdgpu device", path);
}

/**
 * vdgpu_read_fdinfo - memory use of this handle's file
 * @dev: the handle
 * @info: the result
 *
 * Return: 0 or a negative errno from reading /proc/self/fdinfo.
 */
int vdgpu_read_fdinfo(struct vdgpu_device *dev, struct vdgpu_fdinfo *info)
{
	char path[64];

	snprintf(path, sizeof(path), "/proc/self/fdinfo/%d", dev->fd);
	return vdgpu_parse_fdinfo(path, info);
}

/**
 * vdgpu_bo_create - create a buffer (DRM_IOCTL_VDGPU_GEM_CREATE)
 * @dev: the handle
 * @size: bytes, rounded up to pages
 * @regions: DRM_VDGPU_REGION_* bits it may use
 * @preferred: the one to place it in first
 * @flags: DRM_VDGPU_GEM_CREATE_* bits
 * @handle: receives the GEM handle
 *
 * Return: 0 or the kernel's errno (see the uAPI).
 */
int vdgpu_bo_create(struct vdgpu_device *dev, uint64_t size, uint32_t regions,
		    uint32_t preferred, uint32_t flags, uint32_t *handle)
{
	struct drm_vdgpu_gem_create c = {
		.size = size, .regions = regions, .preferred = preferred, .flags = flags,
	};
	int ret = vdgpu_ioctl(dev, DRM_IOCTL_VDGPU_GEM_CREATE, &c, "GEM_CREATE");

	if (ret)
		return fail(ret, "GEM_CREATE of %llu bytes (regions %#x, preferred %#x)",
			    (unsigned long long)size, regions, preferred);
	*handle = c.handle;
	return 0;
}

/**
 * vdgpu_bo_close - drop a GEM handle
 * @dev: the handle
 * @handle: the buffer
 *
 * Return: 0 or -EINVAL for a bad handle.
 */
int vdgpu_bo_close(struct vdgpu_device *dev, uint32_t handle)
{
	struct drm_gem_close c = { .handle = handle };

	return vdgpu_ioctl(dev, DRM_IOCTL_GEM_CLOSE, &c, "GEM_CLOSE");
}

/**
 * vdgpu_bo_map - map a buffer for the CPU
 * @dev: the handle
 * @handle: the buffer
 * @size: its size
 * @ptr: receives the address
 *
 * Return: 0 or a negative errno.
 */
int vdgpu_bo_map(struct vdgpu_device *dev, uint32_t handle, uint64_t size, void **ptr)
{
	struct drm_vdgpu_gem_mmap_offset m = { .handle = handle };
	void *p;
	int ret;

	ret = vdgpu_ioctl(dev, DRM_IOCTL_VDGPU_GEM_MMAP_OFFSET, &m, "GEM_MMAP_OFFSET");
	if (ret)
		return ret;
	p = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_SHARED, dev->fd, m.offset);
	if (p == MAP_FAILED)
		return fail(-errno, "mmap of %llu bytes", (unsigned long long)size);
	*ptr = p;
	return 0;
}

/**
 * vdgpu_bo_unmap - undo vdgpu_bo_map()
 * @ptr: the address
 * @size: the size mapped
 *
 * Return: 0 or a negative errno.
 */
int vdgpu_bo_unmap(void *ptr, uint64_t size)
{
	return munmap(ptr, size) ? fail(-errno, "munmap") : 0;
}

/**
 * vdgpu_bo_export - share a buffer as a dma-buf
 * @dev: the handle
 * @handle: the buffer
 * @dmabuf_fd: receives the dma-buf file descriptor (close-on-exec, RDWR)
 *
 * Return: 0 or a negative errno.
 */
int vdgpu_bo_export(struct vdgpu_device *dev, uint32_t handle, int *dmabuf_fd)
{
	if (drmPrimeHandleToFD(dev->fd, handle, DRM_CLOEXEC | DRM_RDWR, dmabuf_fd))
		return fail(-errno, "export of handle %u", handle);
	return 0;
}

/**
 * vdgpu_bo_import - import a dma-buf, from any PRIME exporter
 * @dev: the handle
 * @dmabuf_fd: the dma-buf
 * @handle: receives the GEM handle
 *
 * Return: 0 or a negative errno (-EOPNOTSUPP when the buffer may only live
 * where this device cannot reach it).
 */
int vdgpu_bo_import(struct vdgpu_device *dev, int dmabuf_fd, uint32_t *handle)
{
	if (drmPrimeFDToHandle(dev->fd, dmabuf_fd, handle))
		return fail(-errno, "import of dma-buf fd %d", dmabuf_fd);
	return 0;
}

/**
 * vdgpu_bo_migrate - move a buffer (DRM_IOCTL_VDGPU_GEM_MIGRATE)
 * @dev: the handle
 * @handle: the buffer
 * @region: one DRM_VDGPU_REGION_* bit
 * @flags: DRM_VDGPU_GEM_MIGRATE_* bits
 *
 * Return: 0 or the kernel's errno (-EBUSY when pinned elsewhere, -ENOSPC).
 */
int vdgpu_bo_migrate(struct vdgpu_device *dev, uint32_t handle, uint32_t region,
		     uint32_t flags)
{
	struct drm_vdgpu_gem_migrate m = { .handle = handle, .region = region,
					   .flags = flags };
	int ret = vdgpu_ioctl(dev, DRM_IOCTL_VDGPU_GEM_MIGRATE, &m, "GEM_MIGRATE");

	return ret ? fail(ret, "GEM_MIGRATE of handle %u to region %#x", handle, region) : 0;
}

/**
 * vdgpu_bo_wait - wait for a buffer's work (DRM_IOCTL_VDGPU_GEM_WAIT)
 * @dev: the handle
 * @handle: the buffer
 * @timeout_ns: relative timeout
 *
 * Return: 0, -ETIME when still busy, or another negative errno.
 */
int vdgpu_bo_wait(struct vdgpu_device *dev, uint32_t handle, int64_t timeout_ns)
{
	struct drm_vdgpu_gem_wait w = { .handle = handle, .timeout_ns = timeout_ns };

	return vdgpu_ioctl(dev, DRM_IOCTL_VDGPU_GEM_WAIT, &w, "GEM_WAIT");
}

/**
 * vdgpu_bo_info - where a buffer is and what it may do (GEM_INFO)
 * @dev: the handle
 * @handle: the buffer
 * @info: the result
 *
 * Return: 0 or a negative errno (-EINVAL for a buffer imported from
 * another device).
 */
int vdgpu_bo_info(struct vdgpu_device *dev, uint32_t handle, struct drm_vdgpu_gem_info *info)
{
	memset(info, 0, sizeof(*info));
	info->handle = handle;
	return vdgpu_ioctl(dev, DRM_IOCTL_VDGPU_GEM_INFO, info, "GEM_INFO");
}

/**
 * vdgpu_syncobj_create - a new syncobj for EXEC and GEM_MIGRATE
 * @dev: the handle
 * @syncobj: receives it
 *
 * Return: 0 or a negative errno.
 */
int vdgpu_syncobj_create(struct vdgpu_device *dev, uint32_t *syncobj)
{
	/* libdrm returns -1 with errno here. */
	return drmSyncobjCreate(dev->fd, 0, syncobj) ? fail(-errno, "syncobj create") : 0;
}

/**
 * vdgpu_syncobj_destroy - drop a syncobj
 * @dev: the handle
 * @syncobj: the syncobj
 *
 * Return: 0 or a negative errno.
 */
int vdgpu_syncobj_destroy(struct vdgpu_device *dev, uint32_t syncobj)
{
	return drmSyncobjDestroy(dev->fd, syncobj) ? fail(-errno, "syncobj destroy") : 0;
}

/**
 * vdgpu_syncobj_wait - wait for a syncobj's fence
 * @dev: the handle
 * @syncobj: the syncobj
 * @timeout_ns: relative timeout
 *
 * Return: 0, -ETIME on timeout, or another negative errno.
 */
int vdgpu_syncobj_wait(struct vdgpu_device *dev, uint32_t syncobj, int64_t timeout_ns)
{
	struct timespec now;
	int64_t abs_ns;
	int ret;

	clock_gettime(CLOCK_MONOTONIC, &now);
	abs_ns = now.tv_sec * 1000000000ll + now.tv_nsec + timeout_ns;
	/* libdrm returns -errno here. */
	ret = drmSyncobjWait(dev->fd, &syncobj, 1, abs_ns,
			     DRM_SYNCOBJ_WAIT_FLAGS_WAIT_FOR_SUBMIT, NULL);
	return ret ? fail(ret, "syncobj wait") : 0;
}

/**
 * vdgpu_exec - submit a job (DRM_IOCTL_VDGPU_EXEC)
 * @dev: the handle
 * @job: the job; its in/out syncobjs are used as given
 *
 * Return: 0 or the kernel's errno (see the uAPI).
 */
int vdgpu_exec(struct vdgpu_device *dev, const struct drm_vdgpu_exec *job)
{
	struct drm_vdgpu_exec e = *job;

	return vdgpu_ioctl(dev, DRM_IOCTL_VDGPU_EXEC, &e, "EXEC");
}
