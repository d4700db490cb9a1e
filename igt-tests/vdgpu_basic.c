// SPDX-License-Identifier: MIT
/*
 * Copyright (c) 2026 The vdgpu authors
 */

/**
 * TEST: vdgpu basic
 * Description: Device discovery, DRM_IOCTL_VDGPU_QUERY, P2P reachability,
 *		opt-in binding, platform instance, unload/reload and
 *		unbind/rebind without leaks.
 */

#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "igt.h"
#include "igt_vdgpu.h"

IGT_TEST_DESCRIPTION("vdgpu device discovery, query ioctl and driver life cycle");

#define KMEMLEAK "/sys/kernel/debug/kmemleak"

static void pci_name_of(const struct drm_vdgpu_query_device *info, char *buf, size_t len)
{
	snprintf(buf, len, "%04x:%02x:%02x.%x", info->pci_domain, info->pci_bus,
		 info->pci_devfn >> 3, info->pci_devfn & 7);
}

static void read_bar(const char *bdf, int bar, uint64_t *start, uint64_t *size)
{
	char path[128], buf[1024], *line = buf;
	unsigned long long s, e, flags;

	snprintf(path, sizeof(path), "/sys/bus/pci/devices/%s/resource", bdf);
	igt_assert_lt(0, vdgpu_read_sysfs(path, buf, sizeof(buf)));
	for (int i = 0; i < bar; i++) {
		line = strchr(line, '\n');
		igt_assert(line);
		line++;
	}
	igt_assert_eq(sscanf(line, "%llx %llx %llx", &s, &e, &flags), 3);
	*start = s;
	*size = e ? e - s + 1 : 0;
}

static int debugfs_read(const struct drm_vdgpu_query_device *info, const char *file,
			char *buf, int len)
{
	char path[256], bdf[32];

	if (info->kind == DRM_VDGPU_DEVICE_PCI)
		pci_name_of(info, bdf, sizeof(bdf));
	else
		snprintf(bdf, sizeof(bdf), "vdgpu");
	snprintf(path, sizeof(path), "/sys/kernel/debug/dri/%s/%s", bdf, file);
	return vdgpu_read_sysfs(path, buf, len);
}

static void test_version(void)
{
	int fd = drm_open_driver_render(DRIVER_ANY);
	drmVersionPtr v = drmGetVersion(fd);

	igt_assert(v);
	igt_assert_f(!strcmp(v->name, "vdgpu"), "driver is %s\n", v->name);
	igt_assert_eq(v->version_major, 1);
	drmFreeVersion(v);
	close(fd);
}

static void test_query_device(const struct vdgpu_topology *topo)
{
	int fds[VDGPU_MAX_DEVICES], count;
	bool matched[VDGPU_MAX_DEVICES] = {};

	count = vdgpu_open_all(fds, VDGPU_MAX_DEVICES);
	igt_assert_eq(count, topo->num_gpus);

	for (int i = 0; i < count; i++) {
		struct drm_vdgpu_query_device info;
		uint64_t bar_start, bar_size;
		char bdf[32];
		int j;

		vdgpu_query_device(fds[i], &info);
		igt_assert_eq(info.kind, DRM_VDGPU_DEVICE_PCI);
		igt_assert_eq(info.num_regions, 2);
		igt_assert_eq(info.pad, 0);
		igt_assert_eq(info.p2p_capable, topo->p2pdma);
		igt_assert_eq(info.move_notify, topo->move_notify);
		igt_assert_eq_u64(info.cpu_visible_vram_size, info.vram_size);

		/* VRAM is BAR2 of the ivshmem device, as the PCI core sees it. */
		pci_name_of(&info, bdf, sizeof(bdf));
		read_bar(bdf, 2, &bar_start, &bar_size);
		igt_info("%s: VRAM %" PRIu64 " MiB at %#" PRIx64 "\n", bdf,
			 (uint64_t)info.vram_size >> 20, (uint64_t)info.vram_bus_address);
		igt_assert_eq_u64(info.vram_size, bar_size);
		igt_assert_eq_u64(info.vram_bus_address, bar_start);

		/* And matches one GPU of the QEMU configuration. */
		for (j = 0; j < topo->num_gpus; j++)
			if (!matched[j] && topo->gpu_vram[j] == info.vram_size)
				break;
		igt_assert_f(j < topo->num_gpus, "%s: VRAM size %" PRIu64
			     " not in the QEMU configuration\n", bdf,
			     (uint64_t)info.vram_size);
		matched[j] = true;
	}
	vdgpu_close_all(fds, count);
}

static void test_query_regions(void)
{
	struct {
		struct drm_vdgpu_query_regions hdr;
		struct drm_vdgpu_memory_region r[2];
	} regions;
	struct drm_vdgpu_query_device info;
	uint32_t size = 0;
	int fd = drm_open_driver_render(DRIVER_ANY);

	vdgpu_query_device(fd, &info);

	igt_assert_eq(__vdgpu_query(fd, DRM_VDGPU_QUERY_REGIONS, NULL, &size), 0);
	igt_assert_eq(size, sizeof(regions));

	memset(&regions, 0xa5, sizeof(regions));
	igt_assert_eq(__vdgpu_query(fd, DRM_VDGPU_QUERY_REGIONS, &regions, &size), 0);
	igt_assert_eq(size, sizeof(regions));
	igt_assert_eq(regions.hdr.num_regions, 2);
	igt_assert_eq(regions.hdr.pad, 0);

	igt_assert_eq(regions.r[0].mem_class, DRM_VDGPU_MEM_SYSTEM);
	igt_assert_lt(0, regions.r[0].total_size >> 20);
	igt_assert_eq(regions.r[1].mem_class, DRM_VDGPU_MEM_VRAM);
	igt_assert_eq(regions.r[1].instance, 0);
	igt_assert_eq_u64(regions.r[1].total_size, info.vram_size);
	igt_assert_eq_u64(regions.r[1].cpu_visible_size, info.cpu_visible_vram_size);
	for (int i = 0; i < 2; i++) {
		igt_assert_eq(regions.r[i].pad, 0);
		igt_assert_lte_u64(regions.r[i].free_size + regions.r[i].used_size,
				   regions.r[i].total_size);
		igt_assert_lte_u64(regions.r[i].cpu_visible_free_size, regions.r[i].free_size);
		igt_assert_lte_u64(regions.r[i].cpu_visible_free_size,
				   regions.r[i].cpu_visible_size);
		for (int j = 0; j < ARRAY_SIZE(regions.r[i].reserved); j++)
			igt_assert_eq_u64(regions.r[i].reserved[j], 0);
	}
	close(fd);
}

static void test_query_size_protocol(void)
{
	struct {
		struct drm_vdgpu_query_device info;
		uint8_t tail[64];
	} big;
	uint32_t size = 0;
	int fd = drm_open_driver_render(DRIVER_ANY);

	/* Size 0 asks for the size and touches nothing (data is bogus). */
	igt_assert_eq(__vdgpu_query(fd, DRM_VDGPU_QUERY_DEVICE, (void *)8, &size), 0);
	igt_assert_eq(size, sizeof(struct drm_vdgpu_query_device));

	/* A newer, larger struct: the kernel writes what it knows and says so. */
	memset(&big, 0xa5, sizeof(big));
	size = sizeof(big);
	igt_assert_eq(__vdgpu_query(fd, DRM_VDGPU_QUERY_DEVICE, &big, &size), 0);
	igt_assert_eq(size, sizeof(struct drm_vdgpu_query_device));
	for (int i = 0; i < (int)sizeof(big.tail); i++)
		igt_assert_eq(big.tail[i], 0xa5);
	igt_assert_eq(big.info.kind, DRM_VDGPU_DEVICE_PCI);

	/* Smaller than the first version of the block. */
	size = sizeof(struct drm_vdgpu_query_device) - 1;
	igt_assert_eq(__vdgpu_query(fd, DRM_VDGPU_QUERY_DEVICE, &big, &size), -EINVAL);
	size = 4;
	igt_assert_eq(__vdgpu_query(fd, DRM_VDGPU_QUERY_DEVICE, &big, &size), -EINVAL);

	/* A region list must fit whole. */
	size = sizeof(struct drm_vdgpu_query_regions) + sizeof(struct drm_vdgpu_memory_region);
	igt_assert_eq(__vdgpu_query(fd, DRM_VDGPU_QUERY_REGIONS, &big, &size), -EINVAL);
	close(fd);
}

static void test_query_bad_args(void)
{
	struct drm_vdgpu_query_device info;
	struct drm_vdgpu_query q;
	int fd = drm_open_driver_render(DRIVER_ANY);

	/* Unknown query ids. */
	for (uint32_t id = DRM_VDGPU_QUERY_STATS + 1; id < 64; id++) {
		q = (struct drm_vdgpu_query){ .query = id, .size = sizeof(info),
					      .data = (uintptr_t)&info };
		do_ioctl_err(fd, DRM_IOCTL_VDGPU_QUERY, &q, EINVAL);
	}
	q = (struct drm_vdgpu_query){ .query = ~0u };
	do_ioctl_err(fd, DRM_IOCTL_VDGPU_QUERY, &q, EINVAL);

	/* Every unknown flag bit and every padding bit. */
	for (int bit = 0; bit < 32; bit++) {
		q = (struct drm_vdgpu_query){ .query = DRM_VDGPU_QUERY_DEVICE,
					      .flags = 1u << bit, .size = sizeof(info),
					      .data = (uintptr_t)&info };
		do_ioctl_err(fd, DRM_IOCTL_VDGPU_QUERY, &q, EINVAL);
		q.flags = 0;
		q.pad = 1u << bit;
		do_ioctl_err(fd, DRM_IOCTL_VDGPU_QUERY, &q, EINVAL);
	}

	/* Bad pointers. */
	q = (struct drm_vdgpu_query){ .query = DRM_VDGPU_QUERY_DEVICE,
				      .size = sizeof(info), .data = 0 };
	do_ioctl_err(fd, DRM_IOCTL_VDGPU_QUERY, &q, EFAULT);
	q.data = (uint64_t)-4096;
	do_ioctl_err(fd, DRM_IOCTL_VDGPU_QUERY, &q, EFAULT);
	q = (struct drm_vdgpu_query){ .query = DRM_VDGPU_QUERY_REGIONS,
				      .size = 4096, .data = 8 };
	do_ioctl_err(fd, DRM_IOCTL_VDGPU_QUERY, &q, EFAULT);

	/* The argument itself at a bad address. */
	igt_assert_eq(igt_ioctl(fd, DRM_IOCTL_VDGPU_QUERY, (void *)8), -1);
	igt_assert_eq(errno, EFAULT);

	/* A failed call leaves the device usable. */
	vdgpu_query_device(fd, &info);
	close(fd);
}

/*
 * Whether two PCI devices hang below the same root port, read from their
 * sysfs paths (/sys/devices/pci0000:00/<root port>/...). Independent of the
 * driver's own walk over upstream bridges.
 */
static bool same_root_port(const char *a, const char *b)
{
	char pa[PATH_MAX], pb[PATH_MAX], la[PATH_MAX], lb[PATH_MAX];
	char *sa, *sb;

	snprintf(la, sizeof(la), "/sys/bus/pci/devices/%s", a);
	snprintf(lb, sizeof(lb), "/sys/bus/pci/devices/%s", b);
	igt_assert(realpath(la, pa) && realpath(lb, pb));
	/* Skip "/sys/devices/pci0000:00/", then compare the root port. */
	sa = strchr(pa + strlen("/sys/devices/"), '/');
	sb = strchr(pb + strlen("/sys/devices/"), '/');
	igt_assert(sa && sb);
	sa = strchr(sa + 1, '/');
	sb = strchr(sb + 1, '/');
	if (!sa || !sb)
		return false;	/* a root-complex integrated device */
	return sa - pa == sb - pb && !strncmp(pa, pb, sa - pa);
}

static void test_p2p_topology(const struct vdgpu_topology *topo)
{
	int fds[VDGPU_MAX_DEVICES], count, checked = 0;

	count = vdgpu_open_all(fds, VDGPU_MAX_DEVICES);
	igt_assert_eq(count, topo->num_gpus);

	for (int i = 0; i < count; i++) {
		struct drm_vdgpu_query_device info;
		char buf[8192], bdf[32], *line, *save;

		vdgpu_query_device(fds[i], &info);
		pci_name_of(&info, bdf, sizeof(bdf));
		igt_require_f(debugfs_read(&info, "p2p_peers", buf, sizeof(buf)) > 0,
			      "no debugfs\n");
		igt_info("P2P peers of %s:\n%s", bdf, buf);

		for (line = strtok_r(buf, "\n", &save); line;
		     line = strtok_r(NULL, "\n", &save)) {
			char peer[32], mode[32];
			unsigned int vendor, device;
			int distance, exp_distance;
			const char *exp_mode;

			if (line[0] == '#')
				continue;
			igt_assert_eq(sscanf(line, "%31s %x:%x %d %31s", peer, &vendor,
					     &device, &distance, mode), 5);
			/* The peers we placed: ivshmem GPUs and edu importers. */
			if (!(vendor == 0x1af4 && device == 0x1110) &&
			    !(vendor == 0x1234 && device == 0x11e8))
				continue;

			if (!topo->p2pdma) {
				exp_distance = -1;
				exp_mode = "system";
			} else if (same_root_port(bdf, peer)) {
				exp_distance = topo->same_switch_distance;
				exp_mode = topo->same_switch_mode;
			} else {
				exp_distance = topo->other_port_distance;
				exp_mode = topo->other_port_mode;
			}
			igt_assert_f(distance == exp_distance && !strcmp(mode, exp_mode),
				     "%s -> %s: got %d %s, expected %d %s\n", bdf, peer,
				     distance, mode, exp_distance, exp_mode);
			checked++;
		}
	}
	/* Each GPU sees the other GPU and both edu devices. */
	igt_assert_eq(checked, count * (count - 1 + 2));
	vdgpu_close_all(fds, count);
}

static int count_vdgpu_bound(void)
{
	char path[PATH_MAX];
	int bound = 0;

	for (int bus = 0; bus < 16; bus++) {
		struct stat st;

		snprintf(path, sizeof(path),
			 "/sys/bus/pci/drivers/vdgpu/0000:%02x:00.0", bus);
		if (!lstat(path, &st))
			bound++;
	}
	return bound;
}

/*
 * Tests that unload the module open devices with vdgpu_open_first(): IGT's
 * drm_open_driver*() keep an extra fd open until exit, which pins the module.
 */
static int vdgpu_open_first(void)
{
	int fd;

	igt_require_f(vdgpu_open_all(&fd, 1) == 1, "no vdgpu device\n");
	return fd;
}

static void first_gpu_bdf(char *bdf, size_t len)
{
	struct drm_vdgpu_query_device info;
	int fd = vdgpu_open_first();

	vdgpu_query_device(fd, &info);
	pci_name_of(&info, bdf, len);
	close(fd);
}

static void test_opt_in_binding(const struct vdgpu_topology *topo)
{
	char bdf[32], path[PATH_MAX];

	first_gpu_bdf(bdf, sizeof(bdf));

	/* Without bind_ivshmem, no ivshmem device is taken. */
	igt_assert_eq(vdgpu_reload_module(""), 0);
	igt_assert_eq(vdgpu_count_devices(), 0);
	igt_assert_eq(count_vdgpu_bound(), 0);

	/* driver_override hands over exactly one device. */
	snprintf(path, sizeof(path), "/sys/bus/pci/devices/%s/driver_override", bdf);
	igt_assert_eq(vdgpu_write_sysfs(path, "vdgpu"), 0);
	igt_assert_eq(vdgpu_write_sysfs("/sys/bus/pci/drivers_probe", bdf), 0);
	igt_assert_eq(vdgpu_count_devices(), 1);
	igt_assert_eq(count_vdgpu_bound(), 1);
	igt_assert_eq(vdgpu_write_sysfs(path, "\n"), 0);

	igt_assert_eq(vdgpu_reload_module(vdgpu_module_opts()), 0);
	igt_assert_eq(vdgpu_count_devices(), topo->num_gpus);
}

static void test_platform_instance(const struct vdgpu_topology *topo)
{
	struct drm_vdgpu_query_device info;
	char buf[8192];
	int fds[VDGPU_MAX_DEVICES], count;

	igt_assert_eq(vdgpu_reload_module("platform_vram_mb=64"), 0);
	count = vdgpu_open_all(fds, VDGPU_MAX_DEVICES);
	igt_assert_eq(count, 1);

	vdgpu_query_device(fds[0], &info);
	igt_assert_eq(info.kind, DRM_VDGPU_DEVICE_PLATFORM);
	igt_assert_eq_u64(info.vram_size, 64ull << 20);
	igt_assert_eq_u64(info.cpu_visible_vram_size, 64ull << 20);
	igt_assert_eq_u64(info.vram_bus_address, 0);
	igt_assert_eq(info.p2p_capable, 0);
	igt_assert_eq(info.pci_bus, 0);
	igt_assert_eq(info.pci_devfn, 0);

	/* A platform instance never reaches anybody peer-to-peer. */
	igt_assert_lt(0, debugfs_read(&info, "p2p_peers", buf, sizeof(buf)));
	for (char *l = strchr(buf, '\n'); l && l[1]; l = strchr(l + 1, '\n'))
		igt_assert_f(strstr(l, " -1 system exporter VRAM is system memory"),
			     "unexpected peer line: %s\n", l + 1);
	vdgpu_close_all(fds, count);

	/* An impossible carve-out fails the load cleanly. */
	igt_assert_neq(vdgpu_reload_module("platform_vram_mb=1048576"), 0);
	igt_assert(!igt_kmod_is_loaded("vdgpu"));

	igt_assert_eq(vdgpu_reload_module(vdgpu_module_opts()), 0);
	igt_assert_eq(vdgpu_count_devices(), topo->num_gpus);
}

static void test_module_reload(const struct vdgpu_topology *topo)
{
	for (int i = 0; i < 3; i++) {
		igt_assert_eq(vdgpu_reload_module(vdgpu_module_opts()), 0);
		igt_assert_eq(vdgpu_count_devices(), topo->num_gpus);
	}
}

/*
 * p2p_map: an unknown strategy fails every probe with -EINVAL; "pages"
 * registers ZONE_DEVICE pages where the kernel has CONFIG_PCI_P2PDMA and
 * falls back to "resource" elsewhere; debugfs switches strategies and says
 * what the pages cost.
 */
static void test_p2p_map_param(const struct vdgpu_topology *topo)
{
	char opts[256], text[512], strategy[16];
	struct drm_vdgpu_query_device info;
	int fd, dir, f, n;

	snprintf(opts, sizeof(opts), "bind_ivshmem=1 p2p_map=bogus");
	igt_assert_eq(vdgpu_reload_module(opts), 0);
	igt_assert_eq(vdgpu_count_devices(), 0);

	snprintf(opts, sizeof(opts), "bind_ivshmem=1 p2p_map=pages");
	igt_assert_eq(vdgpu_reload_module(opts), 0);
	igt_assert_eq(vdgpu_count_devices(), topo->num_gpus);
	fd = vdgpu_open_first();
	vdgpu_query_device(fd, &info);
	dir = igt_debugfs_dir(fd);
	igt_require_f(dir >= 0, "no debugfs\n");
	f = openat(dir, "p2p_map", O_RDONLY);
	igt_assert_lte(0, f);
	n = read(f, text, sizeof(text) - 1);
	igt_assert_lt(0, n);
	text[n] = '\0';
	close(f);
	igt_info("p2p_map:\n%s", text);

	igt_assert_eq(vdgpu_p2p_map_strategy(fd, strategy, sizeof(strategy)), 0);
	igt_assert_f(!strcmp(strategy, topo->p2pdma ? "pages" : "resource"),
		     "strategy %s after p2p_map=pages\n", strategy);
	if (topo->p2pdma) {
		uint64_t memmap = 0;
		char *p = strstr(text, "pages_memmap_bytes: ");

		igt_assert(strstr(text, "available: resource pages\n"));
		igt_assert(p && sscanf(p, "pages_memmap_bytes: %" SCNu64, &memmap) == 1);
		/* A struct page per 4 KiB of BAR. */
		igt_assert_eq_u64(memmap / (info.vram_size / 4096), 64);
		igt_assert_eq(vdgpu_set_p2p_map_strategy(fd, "resource"), 0);
		igt_assert_eq(vdgpu_set_p2p_map_strategy(fd, "pages\n"), 0);
	} else {
		igt_assert(strstr(text, "available: resource\n"));
		igt_assert_eq(vdgpu_set_p2p_map_strategy(fd, "pages"), -EOPNOTSUPP);
	}
	igt_assert_eq(vdgpu_set_p2p_map_strategy(fd, "bogus"), -EINVAL);
	igt_assert_eq(vdgpu_set_p2p_map_strategy(fd, ""), -EINVAL);
	igt_assert_eq(vdgpu_set_p2p_map_strategy(fd, "resourceresourceresource"), -EINVAL);
	close(dir);
	close(fd);

	igt_assert_eq(vdgpu_reload_module(vdgpu_module_opts()), 0);
	igt_assert_eq(vdgpu_count_devices(), topo->num_gpus);
}

static void test_unbind_rebind(const struct vdgpu_topology *topo)
{
	struct drm_vdgpu_query_device info;
	struct drm_vdgpu_query q;
	char bdf[32];
	int fd, fd2;

	fd = vdgpu_open_first();
	vdgpu_query_device(fd, &info);
	pci_name_of(&info, bdf, sizeof(bdf));

	igt_assert_eq(vdgpu_write_sysfs("/sys/bus/pci/drivers/vdgpu/unbind", bdf), 0);
	igt_assert_eq(vdgpu_count_devices(), topo->num_gpus - 1);

	/* The open file outlives the device; every ioctl now says -ENODEV. */
	q = (struct drm_vdgpu_query){ .query = DRM_VDGPU_QUERY_DEVICE,
				      .size = sizeof(info), .data = (uintptr_t)&info };
	do_ioctl_err(fd, DRM_IOCTL_VDGPU_QUERY, &q, ENODEV);

	igt_assert_eq(vdgpu_write_sysfs("/sys/bus/pci/drivers/vdgpu/bind", bdf), 0);
	igt_assert_eq(vdgpu_count_devices(), topo->num_gpus);
	do_ioctl_err(fd, DRM_IOCTL_VDGPU_QUERY, &q, ENODEV);
	close(fd);

	fd2 = vdgpu_open_first();
	vdgpu_query_device(fd2, &info);
	close(fd2);
}

static int kmemleak_count(void)
{
	char buf[65536];
	int count = 0;

	igt_assert_eq(vdgpu_write_sysfs(KMEMLEAK, "scan"), 0);
	igt_assert_lt(-1, vdgpu_read_sysfs(KMEMLEAK, buf, sizeof(buf)));
	for (char *p = buf; (p = strstr(p, "unreferenced object")); p++)
		count++;
	if (count)
		igt_info("kmemleak:\n%s\n", buf);
	return count;
}

static void test_no_leak(const struct vdgpu_topology *topo)
{
	int fd;

	igt_require_f(access(KMEMLEAK, R_OK) == 0,
		      "kernel without CONFIG_DEBUG_KMEMLEAK\n");
	igt_assert_eq(vdgpu_write_sysfs(KMEMLEAK, "clear"), 0);

	for (int i = 0; i < 2; i++) {
		/* A file open across unbind, closed after the rebind. */
		fd = vdgpu_open_first();
		test_unbind_rebind(topo);
		close(fd);
		test_module_reload(topo);
		test_platform_instance(topo);
	}

	/* kmemleak reports objects unreferenced for two scans 5 s apart. */
	kmemleak_count();
	sleep(6);
	igt_assert_eq(kmemleak_count(), 0);
}

igt_main
{
	static struct vdgpu_topology topo;

	igt_fixture
		vdgpu_topology_load(&topo);

	igt_describe("The render node belongs to vdgpu 1.x");
	igt_subtest("version")
		test_version();

	igt_describe("QUERY_DEVICE matches the PCI BAR and the QEMU configuration");
	igt_subtest("query-device")
		test_query_device(&topo);

	igt_describe("QUERY_REGIONS lists system memory and VRAM");
	igt_subtest("query-regions")
		test_query_regions();

	igt_describe("Size-0 probing, larger and smaller buffers");
	igt_subtest("query-size-protocol")
		test_query_size_protocol();

	igt_describe("Unknown ids, flags, padding and bad pointers get exact errnos");
	igt_subtest("query-bad-args")
		test_query_bad_args();

	igt_describe("debugfs P2P table matches the PCI topology for the kernel");
	igt_subtest("p2p-topology")
		test_p2p_topology(&topo);

	igt_describe("ivshmem devices are bound only when asked to");
	igt_subtest("opt-in-binding")
		test_opt_in_binding(&topo);

	igt_describe("Platform instance over carved-out memory; failed load is clean");
	igt_subtest("platform-instance")
		test_platform_instance(&topo);

	igt_describe("Module unload and reload");
	igt_subtest("module-reload")
		test_module_reload(&topo);

	igt_describe("p2p_map: bad values fail the probe, pages where P2PDMA is, debugfs switches");
	igt_subtest("p2p-map-param")
		test_p2p_map_param(&topo);

	igt_describe("Unbind with an open file, rebind");
	igt_subtest("unbind-rebind")
		test_unbind_rebind(&topo);

	igt_describe("Reload, unbind and rebind leak nothing (kmemleak)");
	igt_subtest("no-leak")
		test_no_leak(&topo);
}
