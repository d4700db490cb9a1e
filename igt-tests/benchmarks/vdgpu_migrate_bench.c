// SPDX-License-Identifier: MIT
/*
 * vdgpu_migrate_bench - migration bandwidth as a fraction of the raw BAR
 * bandwidth measured in the same boot, and the cost of create and move as
 * buffers grow. Prints a table; `make bench` runs it in the stock guest.
 *
 * Copyright (c) 2026 The vdgpu authors
 */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <xf86drm.h>

#include "vdgpu_drm.h"

#define MiB (UINT64_C(1) << 20)
#define ROUNDS 3

static uint64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000000000ull + ts.tv_nsec;
}

static void die(const char *what)
{
	fprintf(stderr, "vdgpu_migrate_bench: %s: %s\n", what, strerror(errno));
	exit(1);
}

static int open_largest(struct drm_vdgpu_query_device *best)
{
	int fd = -1;

	for (int minor = 128; minor < 192; minor++) {
		struct drm_vdgpu_query_device info = {};
		struct drm_vdgpu_query q = {
			.query = DRM_VDGPU_QUERY_DEVICE, .size = sizeof(info),
			.data = (uintptr_t)&info,
		};
		char path[64];
		int f;

		snprintf(path, sizeof(path), "/dev/dri/renderD%d", minor);
		f = open(path, O_RDWR | O_CLOEXEC);
		if (f < 0)
			continue;
		if (drmIoctl(f, DRM_IOCTL_VDGPU_QUERY, &q) ||
		    info.kind != DRM_VDGPU_DEVICE_PCI ||
		    (fd >= 0 && info.vram_size <= best->vram_size)) {
			close(f);
			continue;
		}
		if (fd >= 0)
			close(fd);
		fd = f;
		*best = info;
	}
	return fd;
}

static void raw_bandwidth(const struct drm_vdgpu_query_device *info,
			  uint64_t *toio, uint64_t *fromio)
{
	char path[128], buf[256];
	FILE *f;

	snprintf(path, sizeof(path), "/sys/kernel/debug/dri/%04x:%02x:%02x.%x/bar_bandwidth",
		 info->pci_domain, info->pci_bus, info->pci_devfn >> 3, info->pci_devfn & 7);
	f = fopen(path, "r");
	if (!f)
		die(path);
	*toio = *fromio = 0;
	while (fgets(buf, sizeof(buf), f)) {
		sscanf(buf, "toio_mbps: %" SCNu64, toio);
		sscanf(buf, "fromio_mbps: %" SCNu64, fromio);
	}
	fclose(f);
	if (!*toio || !*fromio)
		die("bar_bandwidth");
}

static uint32_t create(int fd, uint64_t size, uint32_t regions, uint32_t preferred)
{
	struct drm_vdgpu_gem_create c = {
		.size = size, .regions = regions, .preferred = preferred,
	};

	if (drmIoctl(fd, DRM_IOCTL_VDGPU_GEM_CREATE, &c))
		die("GEM_CREATE");
	return c.handle;
}

static void wait_idle(int fd, uint32_t handle)
{
	struct drm_vdgpu_gem_wait w = { .handle = handle, .timeout_ns = 600ll * 1000000000 };

	if (drmIoctl(fd, DRM_IOCTL_VDGPU_GEM_WAIT, &w))
		die("GEM_WAIT");
}

static uint64_t timed_migrate(int fd, uint32_t handle, uint32_t region)
{
	struct drm_vdgpu_gem_migrate m = { .handle = handle, .region = region };
	uint64_t t = now_ns();

	if (drmIoctl(fd, DRM_IOCTL_VDGPU_GEM_MIGRATE, &m))
		die("GEM_MIGRATE");
	return now_ns() - t;
}

static void close_bo(int fd, uint32_t handle)
{
	struct drm_gem_close c = { .handle = handle };

	drmIoctl(fd, DRM_IOCTL_GEM_CLOSE, &c);
}

static double mbps(uint64_t bytes, uint64_t ns)
{
	return (double)bytes / MiB * 1e9 / (double)ns;
}

int main(void)
{
	static const uint64_t sizes[] = { 1 * MiB, 16 * MiB, 256 * MiB };
	static const uint64_t create_sizes[] = { 1 * MiB, 4 * MiB, 16 * MiB, 64 * MiB };
	struct drm_vdgpu_query_device info;
	uint64_t toio, fromio;
	int fd = open_largest(&info);

	if (fd < 0)
		die("no vdgpu PCI device");
	raw_bandwidth(&info, &toio, &fromio);

	printf("BENCH migration bandwidth vs raw BAR bandwidth (same boot, best of %d)\n", ROUNDS);
	printf("BENCH raw memcpy_toio %" PRIu64 " MiB/s, memcpy_fromio %" PRIu64 " MiB/s\n",
	       toio, fromio);
	printf("BENCH %-8s %14s %8s %14s %8s\n", "size", "VRAM->SYS MiB/s", "ratio",
	       "SYS->VRAM MiB/s", "ratio");
	for (unsigned int i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
		uint64_t size = sizes[i], best_out = UINT64_MAX, best_in = UINT64_MAX;
		uint32_t bo;

		if (size > info.vram_size)
			continue;
		bo = create(fd, size, DRM_VDGPU_REGIONS_ALL, DRM_VDGPU_REGION_VRAM);
		wait_idle(fd, bo);
		for (int r = 0; r < ROUNDS; r++) {
			uint64_t t = timed_migrate(fd, bo, DRM_VDGPU_REGION_SYSTEM);

			best_out = t < best_out ? t : best_out;
			t = timed_migrate(fd, bo, DRM_VDGPU_REGION_VRAM);
			best_in = t < best_in ? t : best_in;
		}
		printf("BENCH %5" PRIu64 "MiB %14.0f %8.2f %14.0f %8.2f\n", size / MiB,
		       mbps(size, best_out), mbps(size, best_out) / fromio,
		       mbps(size, best_in), mbps(size, best_in) / toio);
		close_bo(fd, bo);
	}

	printf("BENCH cost per MiB as buffers grow (best of %d)\n", ROUNDS);
	printf("BENCH %-8s %20s %20s\n", "size", "VRAM create+free ns/MiB",
	       "move to SYS ns/MiB");
	for (unsigned int i = 0; i < sizeof(create_sizes) / sizeof(create_sizes[0]); i++) {
		uint64_t size = create_sizes[i], best_c = UINT64_MAX, best_m = UINT64_MAX;

		for (int r = 0; r < ROUNDS; r++) {
			uint64_t t = now_ns(), m;
			uint32_t bo = create(fd, size, DRM_VDGPU_REGIONS_ALL, DRM_VDGPU_REGION_VRAM);

			wait_idle(fd, bo);
			t = now_ns() - t;
			m = timed_migrate(fd, bo, DRM_VDGPU_REGION_SYSTEM);
			close_bo(fd, bo);
			best_c = t < best_c ? t : best_c;
			best_m = m < best_m ? m : best_m;
		}
		printf("BENCH %5" PRIu64 "MiB %20" PRIu64 " %20" PRIu64 "\n", size / MiB,
		       best_c / (size / MiB), best_m / (size / MiB));
	}
	close(fd);
	return 0;
}
