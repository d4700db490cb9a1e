// SPDX-License-Identifier: MIT
/*
 * Copyright (c) 2026 The vdgpu authors
 */

/**
 * TEST: vdgpu importer
 * Description: the reference dynamic importer (vdgpu_importer.ko) reading
 *		vdgpu exports with real device DMA through QEMU edu devices:
 *		address kinds per topology, data through moves, move_notify
 *		and re-map, lifetime against moves and exporter unbind.
 */

#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>
#include <xf86drm.h>

#include "igt.h"
#include "igt_vdgpu.h"
#include "vdgpu_importer.h"

IGT_TEST_DESCRIPTION("vdgpu exports read by a dynamic importer with device DMA");

#define SZ_1M		(1ull << 20)
#define BUF_SIZE	(2 * SZ_1M)
#define SAMPLE		4096

enum where { SAME_SWITCH, OTHER_PORT, PLATFORM };

struct importer {
	int fd;
	struct vdgpu_importer_device dev;
};

static int imp_ioctl(int fd, unsigned long req, void *arg)
{
	return ioctl(fd, req, arg) ? -errno : 0;
}

static void load_importer(void)
{
	igt_require_f(igt_kmod_load("vdgpu_importer", NULL) == 0,
		      "vdgpu_importer.ko cannot be loaded\n");
}

/* The PCI root port a device sits below, from its sysfs path. */
static void root_port_of(const char *bdf, char *out, size_t len)
{
	char path[PATH_MAX], real[PATH_MAX], *p;

	snprintf(path, sizeof(path), "/sys/bus/pci/devices/%s", bdf);
	igt_assert(realpath(path, real));
	/* /sys/devices/pci0000:00/<root port>/... */
	p = strchr(real + strlen("/sys/devices/"), '/');
	igt_assert(p);
	snprintf(out, len, "%.12s", p + 1);
}

static void bdf_of(uint32_t domain, uint8_t bus, uint8_t devfn, char *out, size_t len)
{
	snprintf(out, len, "%04x:%02x:%02x.%x", domain, bus, devfn >> 3, devfn & 7);
}

/* Opens the importer at @where relative to the GPU @gpu, or skips. */
static struct importer open_importer(const struct drm_vdgpu_query_device *gpu,
				     enum where where)
{
	char gpu_bdf[32], gpu_port[16];
	struct importer imp = { .fd = -1 };
	struct dirent *de;
	DIR *dir;

	load_importer();
	bdf_of(gpu->pci_domain, gpu->pci_bus, gpu->pci_devfn, gpu_bdf, sizeof(gpu_bdf));
	root_port_of(gpu_bdf, gpu_port, sizeof(gpu_port));

	dir = opendir("/dev");
	igt_assert(dir);
	while ((de = readdir(dir)) && imp.fd < 0) {
		char path[300], bdf[32], port[16];
		int fd;

		if (strncmp(de->d_name, "vdgpu_importer", 14))
			continue;
		snprintf(path, sizeof(path), "/dev/%s", de->d_name);
		fd = open(path, O_RDWR | O_CLOEXEC);
		igt_assert(fd >= 0);
		igt_assert_eq(imp_ioctl(fd, VDGPU_IMPORTER_IOCTL_DEVICE, &imp.dev), 0);
		if (imp.dev.kind == VDGPU_IMPORTER_PLATFORM) {
			if (where == PLATFORM) {
				imp.fd = fd;
				continue;
			}
		} else if (where != PLATFORM) {
			bdf_of(imp.dev.pci_domain, imp.dev.pci_bus, imp.dev.pci_devfn, bdf,
			       sizeof(bdf));
			root_port_of(bdf, port, sizeof(port));
			if ((where == SAME_SWITCH) == !strcmp(port, gpu_port)) {
				imp.fd = fd;
				continue;
			}
		}
		close(fd);
	}
	closedir(dir);
	igt_require_f(imp.fd >= 0, "no %s importer\n",
		      where == PLATFORM ? "platform" :
		      where == SAME_SWITCH ? "edu below the GPU's switch" : "edu on another port");
	return imp;
}

/*
 * Whether the edu can DMA to the addresses of @kind. QEMU's intel-iommu
 * translates all of a device's DMA, peer traffic inside a switch included
 * (its xio3130 ports have no ACS), so a PCI bus address handed out for the
 * switch path faults there; on real switches without ACS redirection it
 * is routed directly. The addresses are still checked.
 */
static bool dma_reaches(const struct importer *imp, uint32_t kind)
{
	return !(imp->dev.iommu && kind == VDGPU_IMPORTER_ADDR_BUS);
}

/* The address kind a P2P-willing importer at @where must see for VRAM. */
static uint32_t expected_kind(const struct vdgpu_topology *topo, enum where where)
{
	const char *mode = where == SAME_SWITCH ? topo->same_switch_mode :
			   where == OTHER_PORT ? topo->other_port_mode : "system";

	if (!strcmp(mode, "bus"))
		return VDGPU_IMPORTER_ADDR_BUS;
	if (!strcmp(mode, "host-bridge"))
		return VDGPU_IMPORTER_ADDR_IOMMU;
	return VDGPU_IMPORTER_ADDR_SYSTEM;
}

/* An edu whose DMA reaches the GPU's VRAM as mapped: below the switch if it can. */
static struct importer open_dma_importer(const struct drm_vdgpu_query_device *gpu)
{
	struct vdgpu_topology topo;
	struct importer imp;

	vdgpu_topology_load(&topo);
	imp = open_importer(gpu, SAME_SWITCH);
	if (dma_reaches(&imp, expected_kind(&topo, SAME_SWITCH)))
		return imp;
	close(imp.fd);
	return open_importer(gpu, OTHER_PORT);
}

/* A GPU buffer holding the pattern, in VRAM, and its dma-buf. */
static uint32_t make_buffer(int gpu, uint32_t regions, uint32_t seed, int *dmabuf)
{
	uint32_t h = vdgpu_gem_create(gpu, BUF_SIZE, regions, DRM_VDGPU_REGION_VRAM, 0);
	uint32_t *p = vdgpu_gem_mmap(gpu, h, BUF_SIZE, PROT_READ | PROT_WRITE);

	for (uint64_t i = 0; i < BUF_SIZE / 4; i++)
		p[i] = vdgpu_pattern_word(seed, i);
	munmap(p, BUF_SIZE);
	igt_assert_eq(drmPrimeHandleToFD(gpu, h, DRM_CLOEXEC | DRM_RDWR, dmabuf), 0);
	return h;
}

static uint32_t attach(struct importer *imp, int dmabuf, uint32_t flags)
{
	struct vdgpu_importer_attach a = { .fd = dmabuf, .flags = flags };

	igt_assert_eq(imp_ioctl(imp->fd, VDGPU_IMPORTER_IOCTL_ATTACH, &a), 0);
	igt_assert_eq_u64(a.size, BUF_SIZE);
	return a.handle;
}

static int __read_sum(struct importer *imp, uint32_t handle, uint64_t offset,
		      uint64_t size, uint64_t *sum)
{
	struct vdgpu_importer_read r = { .handle = handle, .offset = offset, .size = size };
	int ret = imp_ioctl(imp->fd, VDGPU_IMPORTER_IOCTL_READ, &r);

	*sum = r.checksum;
	return ret;
}

static int map_segments(struct importer *imp, uint32_t handle,
			struct vdgpu_importer_segment *segs, int max)
{
	struct vdgpu_importer_map m = {
		.handle = handle, .count = max, .segments = (uintptr_t)segs,
	};

	igt_assert_eq(imp_ioctl(imp->fd, VDGPU_IMPORTER_IOCTL_MAP, &m), 0);
	igt_assert_lte(m.count, max);
	return m.count;
}

static void info(struct importer *imp, uint32_t handle, struct vdgpu_importer_info *i)
{
	memset(i, 0, sizeof(*i));
	i->handle = handle;
	igt_assert_eq(imp_ioctl(imp->fd, VDGPU_IMPORTER_IOCTL_INFO, i), 0);
}

static uint32_t gpu_region(int gpu, uint32_t h)
{
	struct drm_vdgpu_gem_info gi;

	vdgpu_gem_info(gpu, h, &gi);
	return gi.region;
}

/*
 * Map, check every entry is of @kind, then DMA-read the first page of each
 * entry and compare with the pattern. Returns the number of entries.
 */
static int check_mapping(struct importer *imp, uint32_t handle, uint32_t kind,
			 uint32_t seed)
{
	bool read = dma_reaches(imp, kind);
	struct vdgpu_importer_segment segs[1024];
	int n = map_segments(imp, handle, segs, 1024);
	uint64_t offset = 0, total = 0;

	igt_assert_lt(0, n);
	for (int i = 0; i < n; i++) {
		uint64_t sum;

		igt_assert_f(segs[i].kind == kind, "entry %d %#llx+%#x is kind %u, expected %u\n",
			     i, (unsigned long long)segs[i].addr, segs[i].len, segs[i].kind, kind);
		igt_assert_eq_u64(segs[i].addr % 4096, 0);
		total += segs[i].len;
		/* Sample the first page of a few entries: each DMA is slow. */
		if (read && (i < 4 || i == n - 1)) {
			igt_assert_eq(__read_sum(imp, handle, offset, SAMPLE, &sum), 0);
			igt_assert_f(sum == vdgpu_pattern_checksum(seed, offset, SAMPLE),
				     "DMA read at %#llx differs from the pattern\n",
				     (unsigned long long)offset);
		}
		offset += segs[i].len;
	}
	igt_assert_eq_u64(total, BUF_SIZE);
	return n;
}

static int open_gpu(struct drm_vdgpu_query_device *dev)
{
	return vdgpu_open_smallest_vram(dev);
}

static const char *const p2p_strategies[] = { "resource", "pages" };

/*
 * A P2P-willing importer at @where reads VRAM in the topology's way, with
 * every P2P map strategy the GPU offers (debugfs p2p_map): the driver's
 * computed addresses and, with p2p_map=pages, the DMA layer's mapping of
 * ZONE_DEVICE pages must agree.
 */
static void test_reach(enum where where)
{
	struct drm_vdgpu_query_device dev;
	struct vdgpu_topology topo;
	int gpu = open_gpu(&dev), dmabuf, tested = 0;
	struct importer imp;
	uint32_t h, handle, kind;
	char old[16];

	vdgpu_topology_load(&topo);
	imp = open_importer(&dev, where);
	kind = expected_kind(&topo, where);
	igt_assert_eq(vdgpu_p2p_map_strategy(gpu, old, sizeof(old)), 0);

	for (int s = 0; s < ARRAY_SIZE(p2p_strategies); s++) {
		int ret = vdgpu_set_p2p_map_strategy(gpu, p2p_strategies[s]);

		if (ret == -EOPNOTSUPP) {
			igt_info("p2p_map=%s: not offered\n", p2p_strategies[s]);
			continue;
		}
		igt_assert_eq(ret, 0);
		igt_info("p2p_map=%s\n", p2p_strategies[s]);
		h = make_buffer(gpu, DRM_VDGPU_REGIONS_ALL, 0x1234 + s, &dmabuf);
		handle = attach(&imp, dmabuf, VDGPU_IMPORTER_ATTACH_P2P);
		check_mapping(&imp, handle, kind, 0x1234 + s);
		igt_assert_eq_u32(gpu_region(gpu, h), kind == VDGPU_IMPORTER_ADDR_SYSTEM ?
				  DRM_VDGPU_REGION_SYSTEM : DRM_VDGPU_REGION_VRAM);
		close(dmabuf);
		gem_close(gpu, h);
		tested++;
	}
	igt_assert_eq(vdgpu_set_p2p_map_strategy(gpu, old), 0);
	/* The runner asks for the pages wherever the kernel can make them. */
	igt_assert_eq(tested, topo.p2pdma && strstr(vdgpu_module_opts(), "p2p_map=pages") ?
		      2 : 1);
	igt_require_f(dma_reaches(&imp, kind),
		      "bus addresses checked; QEMU's IOMMU keeps the edu's DMA from reaching them\n");

	close(imp.fd);
	close(gpu);
}

/*
 * Each move of the export reaches the importer exactly once; its next use
 * maps again, sees the addresses of the new placement and reads the same
 * data.
 */
static void test_follow_moves(enum where where)
{
	struct drm_vdgpu_query_device dev;
	struct vdgpu_importer_info before, after;
	struct vdgpu_topology topo;
	int gpu = open_gpu(&dev), dmabuf;
	struct importer imp;
	uint32_t h, handle, vram_kind;

	vdgpu_topology_load(&topo);
	imp = open_importer(&dev, where);
	vram_kind = expected_kind(&topo, where);
	igt_require_f(dma_reaches(&imp, vram_kind),
		      "QEMU's IOMMU keeps the edu's DMA from reaching bus addresses\n");
	h = make_buffer(gpu, DRM_VDGPU_REGIONS_ALL, 0xabc, &dmabuf);
	handle = attach(&imp, dmabuf, VDGPU_IMPORTER_ATTACH_P2P);
	check_mapping(&imp, handle, vram_kind, 0xabc);

	for (int round = 0; round < 4; round++) {
		uint32_t to = gpu_region(gpu, h) == DRM_VDGPU_REGION_VRAM ?
			      DRM_VDGPU_REGION_SYSTEM : DRM_VDGPU_REGION_VRAM;
		uint32_t kind;

		info(&imp, handle, &before);
		vdgpu_gem_migrate(gpu, h, to, 0);
		info(&imp, handle, &after);
		igt_assert_eq_u64(after.notifies, before.notifies + 1);
		igt_assert_eq_u32(after.mapped, 0);

		/* A P2P importer takes VRAM where it is; others pull it out. */
		kind = to == DRM_VDGPU_REGION_VRAM ? vram_kind : VDGPU_IMPORTER_ADDR_SYSTEM;
		check_mapping(&imp, handle, kind, 0xabc);
		info(&imp, handle, &after);
		/* Without MOVE_NOTIFY the importer maps for each use. */
		if (imp.dev.move_notify)
			igt_assert_eq_u64(after.maps, before.maps + 1);
		else
			igt_assert_lte_u64(before.maps + 1, after.maps);
		igt_assert_lte_u64(before.generation + 1, after.generation);
	}

	close(imp.fd);
	close(dmabuf);
	gem_close(gpu, h);
	close(gpu);
}

/* An importer that is not PCI gets system memory; VRAM-only is refused. */
static void test_platform(void)
{
	struct drm_vdgpu_query_device dev;
	struct vdgpu_importer_info i;
	int gpu = open_gpu(&dev), dmabuf, vram_only;
	struct vdgpu_importer_attach a = { .flags = VDGPU_IMPORTER_ATTACH_P2P };
	struct importer imp = open_importer(&dev, PLATFORM);
	uint32_t h, h2, handle;

	h = make_buffer(gpu, DRM_VDGPU_REGIONS_ALL, 0x77, &dmabuf);
	handle = attach(&imp, dmabuf, VDGPU_IMPORTER_ATTACH_P2P);
	info(&imp, handle, &i);
	igt_assert_eq_u32(i.p2p, 0);
	check_mapping(&imp, handle, VDGPU_IMPORTER_ADDR_SYSTEM, 0x77);
	igt_assert_eq_u32(gpu_region(gpu, h), DRM_VDGPU_REGION_SYSTEM);

	h2 = make_buffer(gpu, DRM_VDGPU_REGION_VRAM, 0x78, &vram_only);
	a.fd = vram_only;
	igt_assert_eq(imp_ioctl(imp.fd, VDGPU_IMPORTER_IOCTL_ATTACH, &a), -EOPNOTSUPP);

	close(imp.fd);
	close(dmabuf);
	close(vram_only);
	gem_close(gpu, h);
	gem_close(gpu, h2);
	close(gpu);
}

static void test_bad_args(void)
{
	struct drm_vdgpu_query_device dev;
	int gpu = open_gpu(&dev), dmabuf;
	struct importer imp = open_importer(&dev, PLATFORM);
	struct vdgpu_importer_attach a;
	struct vdgpu_importer_read r;
	struct vdgpu_importer_handle d = { .handle = 999 };
	struct vdgpu_importer_info i = { .handle = 999 };
	uint32_t h = make_buffer(gpu, DRM_VDGPU_REGIONS_ALL, 1, &dmabuf);
	uint32_t handle = attach(&imp, dmabuf, 0);
	int null = open("/dev/null", O_RDONLY);

	a = (struct vdgpu_importer_attach){ .fd = dmabuf, .flags = 2 };
	igt_assert_eq(imp_ioctl(imp.fd, VDGPU_IMPORTER_IOCTL_ATTACH, &a), -EINVAL);
	a = (struct vdgpu_importer_attach){ .fd = dmabuf, .pad = 1 };
	igt_assert_eq(imp_ioctl(imp.fd, VDGPU_IMPORTER_IOCTL_ATTACH, &a), -EINVAL);
	a = (struct vdgpu_importer_attach){ .fd = -1 };
	igt_assert_eq(imp_ioctl(imp.fd, VDGPU_IMPORTER_IOCTL_ATTACH, &a), -EBADF);
	a = (struct vdgpu_importer_attach){ .fd = null };
	igt_assert_eq(imp_ioctl(imp.fd, VDGPU_IMPORTER_IOCTL_ATTACH, &a), -EINVAL);

#define READ_ERR(o, s, err) do { \
	r = (struct vdgpu_importer_read){ .handle = handle, .offset = (o), .size = (s) }; \
	igt_assert_eq(imp_ioctl(imp.fd, VDGPU_IMPORTER_IOCTL_READ, &r), -(err)); \
} while (0)
	READ_ERR(0, 0, EINVAL);
	READ_ERR(2, 4, EINVAL);
	READ_ERR(0, 6, EINVAL);
	READ_ERR(BUF_SIZE, 4, EINVAL);
	READ_ERR(BUF_SIZE - 4, 8, EINVAL);
	READ_ERR(~3ull, 8, EINVAL);
	READ_ERR(0, 2 * SZ_1M, EINVAL);		/* above 1 MiB */
	r = (struct vdgpu_importer_read){ .handle = 999, .size = 4 };
	igt_assert_eq(imp_ioctl(imp.fd, VDGPU_IMPORTER_IOCTL_READ, &r), -ENOENT);
	r = (struct vdgpu_importer_read){ .handle = handle, .size = 4, .pad = 1 };
	igt_assert_eq(imp_ioctl(imp.fd, VDGPU_IMPORTER_IOCTL_READ, &r), -EINVAL);
#undef READ_ERR
	{
		struct vdgpu_importer_map m = { .handle = 999 };

		igt_assert_eq(imp_ioctl(imp.fd, VDGPU_IMPORTER_IOCTL_MAP, &m), -ENOENT);
		/* Asking for the count only. */
		m = (struct vdgpu_importer_map){ .handle = handle };
		igt_assert_eq(imp_ioctl(imp.fd, VDGPU_IMPORTER_IOCTL_MAP, &m), 0);
		igt_assert_lt(0, m.count);
		m = (struct vdgpu_importer_map){ .handle = handle, .count = 4, .segments = 8 };
		igt_assert_eq(imp_ioctl(imp.fd, VDGPU_IMPORTER_IOCTL_MAP, &m), -EFAULT);
	}
	igt_assert_eq(imp_ioctl(imp.fd, VDGPU_IMPORTER_IOCTL_DETACH, &d), -ENOENT);
	d = (struct vdgpu_importer_handle){ .handle = handle, .pad = 1 };
	igt_assert_eq(imp_ioctl(imp.fd, VDGPU_IMPORTER_IOCTL_DETACH, &d), -EINVAL);
	igt_assert_eq(imp_ioctl(imp.fd, VDGPU_IMPORTER_IOCTL_INFO, &i), -ENOENT);
	igt_assert_eq(imp_ioctl(imp.fd, _IO('V', 0x7f), NULL), -ENOTTY);
	igt_assert_eq(imp_ioctl(imp.fd, VDGPU_IMPORTER_IOCTL_INFO, (void *)8), -EFAULT);

	d = (struct vdgpu_importer_handle){ .handle = handle };
	igt_assert_eq(imp_ioctl(imp.fd, VDGPU_IMPORTER_IOCTL_DETACH, &d), 0);
	igt_assert_eq(imp_ioctl(imp.fd, VDGPU_IMPORTER_IOCTL_DETACH, &d), -ENOENT);

	close(null);
	close(imp.fd);
	close(dmabuf);
	gem_close(gpu, h);
	close(gpu);
}

/*
 * Importers reading in a loop while jobs on the exporter evict and pull
 * their buffers around; every read matches the pattern.
 */
static void test_stress(void)
{
	const int nbufs = 3;
	struct drm_vdgpu_query_device dev;
	int gpu = open_gpu(&dev), dmabuf[3];
	uint32_t h[3];

	load_importer();
	for (int i = 0; i < nbufs; i++)
		h[i] = make_buffer(gpu, DRM_VDGPU_REGIONS_ALL, 0x5000 + i, &dmabuf[i]);

	igt_fork(child, 2) {
		struct importer imp = child ? open_importer(&dev, PLATFORM) :
					      open_dma_importer(&dev);
		struct timespec start, now;
		uint32_t handle[3];
		unsigned long reads = 0;

		for (int i = 0; i < nbufs; i++)
			handle[i] = attach(&imp, dmabuf[i], VDGPU_IMPORTER_ATTACH_P2P);
		clock_gettime(CLOCK_MONOTONIC, &start);
		do {
			int i = reads % nbufs;
			uint64_t off = (reads * 7 % (BUF_SIZE / SAMPLE)) * SAMPLE, sum;

			igt_assert_eq(__read_sum(&imp, handle[i], off, SAMPLE, &sum), 0);
			igt_assert_f(sum == vdgpu_pattern_checksum(0x5000 + i, off, SAMPLE),
				     "stale data at %#llx of buffer %d\n",
				     (unsigned long long)off, i);
			reads++;
			clock_gettime(CLOCK_MONOTONIC, &now);
		} while (now.tv_sec - start.tv_sec < 4);
		igt_info("importer %d: %lu reads\n", child, reads);
		close(imp.fd);
	}

	/* Meanwhile: VRAM pressure from jobs, and explicit moves. */
	{
		uint64_t hog_size = dev.vram_size / 2;
		uint32_t hog[2];
		struct timespec start, now;
		unsigned long loops = 0;

		for (int i = 0; i < 2; i++)
			hog[i] = vdgpu_gem_create(gpu, hog_size, DRM_VDGPU_REGIONS_ALL,
						  DRM_VDGPU_REGION_VRAM, 0);
		clock_gettime(CLOCK_MONOTONIC, &start);
		do {
			struct drm_vdgpu_exec e = {
				.op = DRM_VDGPU_OP_FILL, .dst_handle = hog[loops & 1],
				.size = 4096, .value = loops,
			};
			int ret;

			do_ioctl(gpu, DRM_IOCTL_VDGPU_EXEC, &e);
			ret = __vdgpu_gem_migrate(gpu, h[loops % nbufs],
						  loops & 2 ? DRM_VDGPU_REGION_SYSTEM :
							      DRM_VDGPU_REGION_VRAM, 0);
			igt_assert_f(ret == 0 || ret == -EBUSY, "migrate: %d\n", ret);
			loops++;
			clock_gettime(CLOCK_MONOTONIC, &now);
		} while (now.tv_sec - start.tv_sec < 4);
		igt_info("exporter: %lu loops\n", loops);
		for (int i = 0; i < 2; i++)
			gem_close(gpu, hog[i]);
	}
	igt_waitchildren();

	for (int i = 0; i < nbufs; i++) {
		close(dmabuf[i]);
		gem_close(gpu, h[i]);
	}
	close(gpu);
}

/* The importer goes away while a move of its buffer is in flight. */
static void test_close_during_move(void)
{
	struct drm_vdgpu_query_device dev;
	int gpu = open_gpu(&dev), dmabuf;
	struct importer imp = open_importer(&dev, PLATFORM);
	uint32_t h = make_buffer(gpu, DRM_VDGPU_REGIONS_ALL, 0x99, &dmabuf);
	uint32_t *p;

	attach(&imp, dmabuf, 0);
	vdgpu_gem_migrate(gpu, h, DRM_VDGPU_REGION_SYSTEM, DRM_VDGPU_GEM_MIGRATE_NONBLOCK);
	close(imp.fd);
	vdgpu_gem_migrate(gpu, h, DRM_VDGPU_REGION_VRAM, DRM_VDGPU_GEM_MIGRATE_NONBLOCK);
	vdgpu_gem_wait(gpu, h, 10ll * 1000000000);
	p = vdgpu_gem_mmap(gpu, h, BUF_SIZE, PROT_READ);
	for (uint64_t i = 0; i < BUF_SIZE / 4; i++)
		igt_assert_eq_u32(p[i], vdgpu_pattern_word(0x99, i));
	munmap(p, BUF_SIZE);
	close(dmabuf);
	gem_close(gpu, h);
	close(gpu);
}

/*
 * The exporting GPU is unbound while the importer holds the buffer: its
 * next use fails with -ENODEV, and everything is released cleanly.
 */
static void test_exporter_unbind(void)
{
	struct drm_vdgpu_query_device dev;
	int gpu = open_gpu(&dev), dmabuf;
	struct importer imp = open_dma_importer(&dev);
	uint32_t handle, h = make_buffer(gpu, DRM_VDGPU_REGIONS_ALL, 0x42, &dmabuf);
	struct vdgpu_importer_handle d;
	struct vdgpu_importer_info before, after;
	char bdf[32];
	uint64_t sum;

	handle = attach(&imp, dmabuf, VDGPU_IMPORTER_ATTACH_P2P);
	d = (struct vdgpu_importer_handle){ .handle = handle };
	gem_close(gpu, h);	/* the dma-buf keeps the buffer */
	igt_assert_eq(__read_sum(&imp, handle, 0, SAMPLE, &sum), 0);
	igt_assert_eq_u64(sum, vdgpu_pattern_checksum(0x42, 0, SAMPLE));
	info(&imp, handle, &before);

	bdf_of(dev.pci_domain, dev.pci_bus, dev.pci_devfn, bdf, sizeof(bdf));
	igt_assert_eq(vdgpu_write_sysfs("/sys/bus/pci/drivers/vdgpu/unbind", bdf), 0);
	info(&imp, handle, &after);
	/* Told when the buffer left VRAM; nothing to tell when it was in system memory. */
	igt_assert_lte_u64(after.notifies, before.notifies + 1);
	igt_assert_eq_u32(after.mapped, 0);
	igt_assert_eq(__read_sum(&imp, handle, 0, SAMPLE, &sum), -ENODEV);

	igt_assert_eq(imp_ioctl(imp.fd, VDGPU_IMPORTER_IOCTL_DETACH, &d), 0);
	close(dmabuf);
	close(gpu);	/* the handle goes with the file, gone device or not */
	close(imp.fd);
	igt_assert_eq(vdgpu_write_sysfs("/sys/bus/pci/drivers/vdgpu/bind", bdf), 0);
}

#define TRACING "/sys/kernel/tracing"

static void expect_trace(const char *trace, const char *event, const char *detail)
{
	const char *p = trace;

	while ((p = strstr(p, event))) {
		const char *eol = strchrnul(p, '\n');

		if (!detail || memmem(p, eol - p, detail, strlen(detail)))
			return;
		p = eol;
	}
	igt_assert_f(0, "no %s with '%s' in the trace:\n%s\n", event, detail ?: "", trace);
}

/*
 * The driver's tracepoints fire: a move for an importer's map, the
 * notification, the map, a migration, a pin by a static importer and an
 * eviction by VRAM pressure.
 */
static void test_tracepoints(void)
{
	static char trace[1 << 20];
	struct drm_vdgpu_query_device dev;
	int gpu = open_gpu(&dev), dmabuf, vgem, fd;
	struct importer imp = open_importer(&dev, PLATFORM);
	uint32_t h, hog, vh, handle;
	uint64_t sum;
	ssize_t n, total = 0;

	igt_require_f(access(TRACING "/events/vdgpu/enable", W_OK) == 0,
		      "no tracefs with vdgpu events\n");
	igt_assert_eq(vdgpu_write_sysfs(TRACING "/events/vdgpu/enable", "1"), 0);
	fd = open(TRACING "/trace", O_WRONLY | O_TRUNC);
	igt_assert(fd >= 0);
	close(fd);

	h = make_buffer(gpu, DRM_VDGPU_REGIONS_ALL, 0x7ace, &dmabuf);
	handle = attach(&imp, dmabuf, VDGPU_IMPORTER_ATTACH_P2P);
	igt_assert_eq(__read_sum(&imp, handle, 0, SAMPLE, &sum), 0);
	igt_assert_eq_u64(sum, vdgpu_pattern_checksum(0x7ace, 0, SAMPLE));
	vdgpu_gem_migrate(gpu, h, DRM_VDGPU_REGION_VRAM, 0);

	vgem = drm_open_driver(DRIVER_VGEM);
	igt_assert_eq(drmPrimeFDToHandle(vgem, dmabuf, &vh), 0);
	gem_close(vgem, vh);
	close(vgem);

	vdgpu_gem_migrate(gpu, h, DRM_VDGPU_REGION_VRAM, 0);
	hog = vdgpu_gem_create(gpu, dev.vram_size - SZ_1M / 2, DRM_VDGPU_REGIONS_ALL,
			       DRM_VDGPU_REGION_VRAM, 0);
	gem_close(gpu, hog);

	igt_assert_eq(vdgpu_write_sysfs(TRACING "/events/vdgpu/enable", "0"), 0);
	fd = open(TRACING "/trace", O_RDONLY);
	igt_assert(fd >= 0);
	while (total < (ssize_t)sizeof(trace) - 1 &&
	       (n = read(fd, trace + total, sizeof(trace) - 1 - total)) > 0)
		total += n;
	trace[total] = '\0';
	close(fd);

	expect_trace(trace, "vdgpu_bo_move:", "from=vram to=system reason=dma-buf");
	expect_trace(trace, "vdgpu_move_notify:", "importers=1");
	expect_trace(trace, "vdgpu_dma_buf_map:", "mode=system");
	expect_trace(trace, "vdgpu_bo_move:", "from=system to=vram reason=migrate");
	expect_trace(trace, "vdgpu_bo_pin:", "pin in=system pin_count=1");
	expect_trace(trace, "vdgpu_bo_pin:", "unpin in=system pin_count=0");
	expect_trace(trace, "vdgpu_bo_evict:", "from=vram to=system reason=evict");

	close(imp.fd);
	close(dmabuf);
	gem_close(gpu, h);
	close(gpu);
}

igt_main
{
	igt_describe("An edu below the GPU's switch reads VRAM as the topology allows");
	igt_subtest("reach-same-switch")
		test_reach(SAME_SWITCH);

	igt_describe("An edu on the other root port reads as the topology allows");
	igt_subtest("reach-other-port")
		test_reach(OTHER_PORT);

	igt_describe("Moves reach the edu below the switch once; re-maps follow");
	igt_subtest("follow-moves-same-switch")
		test_follow_moves(SAME_SWITCH);

	igt_describe("Moves reach the edu on the other port once; re-maps follow");
	igt_subtest("follow-moves-other-port")
		test_follow_moves(OTHER_PORT);

	igt_describe("A platform importer gets system memory; VRAM-only is refused");
	igt_subtest("platform-importer")
		test_platform();

	igt_describe("Importer ioctls reject bad arguments with exact errnos");
	igt_subtest("bad-args")
		test_bad_args();

	igt_describe("Importers read right data during eviction storms");
	igt_subtest("stress")
		test_stress();

	igt_describe("The importer closes while its buffer moves");
	igt_subtest("close-during-move")
		test_close_during_move();

	igt_describe("The driver's tracepoints fire for moves, notifications, maps, pins");
	igt_subtest("tracepoints")
		test_tracepoints();

	igt_describe("The exporter is unbound while the importer holds the buffer");
	igt_subtest("exporter-unbind")
		test_exporter_unbind();
}
