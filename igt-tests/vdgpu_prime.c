// SPDX-License-Identifier: MIT
/*
 * Copyright (c) 2026 The vdgpu authors
 */

/**
 * TEST: vdgpu prime
 * Description: dma-buf export of vdgpu buffers: PRIME export and
 *		self-import, dma-buf mmap with DMA_BUF_IOCTL_SYNC, zero-filled
 *		exports, and a static importer from another driver (vgem),
 *		which pins the buffer in system memory while it holds it.
 */

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>
#include <linux/dma-buf.h>
#include <xf86drm.h>

#include "igt.h"
#include "igt_vdgpu.h"

IGT_TEST_DESCRIPTION("vdgpu dma-buf export and static importers");

#define SZ_1M (1ull << 20)
#define PINNED_LIMIT_PARAM "/sys/module/vdgpu/parameters/max_pinned_mb"

static int export(int fd, uint32_t handle)
{
	int dmabuf;

	igt_assert_eq(drmPrimeHandleToFD(fd, handle, DRM_CLOEXEC | DRM_RDWR, &dmabuf), 0);
	return dmabuf;
}

static int __import(int fd, int dmabuf, uint32_t *handle)
{
	return drmPrimeFDToHandle(fd, dmabuf, handle) ? -errno : 0;
}

static void info(int fd, uint32_t handle, struct drm_vdgpu_gem_info *i)
{
	vdgpu_gem_info(fd, handle, i);
}

static uint32_t region_of(int fd, uint32_t handle)
{
	struct drm_vdgpu_gem_info i;

	info(fd, handle, &i);
	return i.region;
}

static void sync_dmabuf(int dmabuf, uint64_t flags)
{
	struct dma_buf_sync s = { .flags = flags };

	igt_assert_eq(ioctl(dmabuf, DMA_BUF_IOCTL_SYNC, &s), 0);
}

static void fill_words(uint32_t *p, uint64_t size, uint32_t seed)
{
	for (uint64_t i = 0; i < size / 4; i++)
		p[i] = vdgpu_pattern_word(seed, i);
}

static void check_words(const uint32_t *p, uint64_t size, uint32_t seed)
{
	for (uint64_t i = 0; i < size / 4; i++)
		igt_assert_f(p[i] == vdgpu_pattern_word(seed, i),
			     "word %llu is %#x, expected %#x\n", (unsigned long long)i,
			     p[i], vdgpu_pattern_word(seed, i));
}

static void check_zero(const uint32_t *p, uint64_t size)
{
	for (uint64_t i = 0; i < size / 4; i++)
		igt_assert_f(p[i] == 0, "word %llu is %#x, expected 0\n",
			     (unsigned long long)i, p[i]);
}

static void test_export_bad_args(int fd)
{
	uint32_t h = vdgpu_gem_create(fd, SZ_1M, DRM_VDGPU_REGIONS_ALL,
				      DRM_VDGPU_REGION_VRAM, 0);
	struct drm_prime_handle p = { .handle = h, .flags = DRM_CLOEXEC };

	p.handle = 0xdead;
	do_ioctl_err(fd, DRM_IOCTL_PRIME_HANDLE_TO_FD, &p, ENOENT);
	p.handle = h;
	p.flags = 1u << 30;
	do_ioctl_err(fd, DRM_IOCTL_PRIME_HANDLE_TO_FD, &p, EINVAL);
	p.flags = DRM_CLOEXEC;
	do_ioctl(fd, DRM_IOCTL_PRIME_HANDLE_TO_FD, &p);
	igt_assert(p.fd >= 0);

	/* A file that is not a dma-buf. */
	p.fd = open("/dev/null", O_RDONLY);
	igt_assert(p.fd >= 0);
	do_ioctl_err(fd, DRM_IOCTL_PRIME_FD_TO_HANDLE, &p, EINVAL);
	close(p.fd);
	gem_close(fd, h);
}

static void test_self_import(int fd)
{
	uint32_t h = vdgpu_gem_create(fd, SZ_1M, DRM_VDGPU_REGIONS_ALL,
				      DRM_VDGPU_REGION_VRAM, 0);
	int other = vdgpu_reopen(fd);
	int dmabuf = export(fd, h);
	uint32_t h2, h3;
	uint32_t *a, *b;

	/* The same file gets the same handle back. */
	igt_assert_eq(__import(fd, dmabuf, &h2), 0);
	igt_assert_eq_u32(h2, h);

	/* Another file of the device gets the same object. */
	igt_assert_eq(__import(other, dmabuf, &h3), 0);
	a = vdgpu_gem_mmap(fd, h, SZ_1M, PROT_READ | PROT_WRITE);
	b = vdgpu_gem_mmap(other, h3, SZ_1M, PROT_READ | PROT_WRITE);
	fill_words(a, SZ_1M, 0x5e1f);
	check_words(b, SZ_1M, 0x5e1f);
	vdgpu_gem_migrate(other, h3, DRM_VDGPU_REGION_SYSTEM, 0);
	igt_assert_eq_u32(region_of(fd, h), DRM_VDGPU_REGION_SYSTEM);
	check_words(a, SZ_1M, 0x5e1f);

	munmap(a, SZ_1M);
	munmap(b, SZ_1M);
	close(dmabuf);
	gem_close(fd, h);
	gem_close(other, h3);
	close(other);
}

/* Write through the dma-buf mmap, read through GEM mmap, in @region. */
static void test_dmabuf_mmap(int fd, uint32_t region)
{
	const uint64_t size = 2 * SZ_1M;
	uint32_t h = vdgpu_gem_create(fd, size, DRM_VDGPU_REGIONS_ALL, region, 0);
	int dmabuf = export(fd, h);
	uint32_t *d, *g;

	d = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_SHARED, dmabuf, 0);
	igt_assert(d != MAP_FAILED);
	igt_assert_eq_u32(region_of(fd, h), region);

	sync_dmabuf(dmabuf, DMA_BUF_SYNC_START | DMA_BUF_SYNC_READ);
	check_zero(d, size);		/* new exports read zero */
	sync_dmabuf(dmabuf, DMA_BUF_SYNC_END | DMA_BUF_SYNC_READ);

	sync_dmabuf(dmabuf, DMA_BUF_SYNC_START | DMA_BUF_SYNC_WRITE);
	fill_words(d, size, 0xd1ab);
	sync_dmabuf(dmabuf, DMA_BUF_SYNC_END | DMA_BUF_SYNC_WRITE);

	g = vdgpu_gem_mmap(fd, h, size, PROT_READ);
	check_words(g, size, 0xd1ab);

	/* The mapping follows the buffer across a round trip. */
	vdgpu_gem_migrate(fd, h, region ^ DRM_VDGPU_REGIONS_ALL, 0);
	vdgpu_gem_migrate(fd, h, region, 0);
	sync_dmabuf(dmabuf, DMA_BUF_SYNC_START | DMA_BUF_SYNC_RW);
	check_words(d, size, 0xd1ab);
	sync_dmabuf(dmabuf, DMA_BUF_SYNC_END | DMA_BUF_SYNC_RW);

	{
		struct dma_buf_sync bad = { .flags = 1ull << 40 };

		igt_assert_eq(ioctl(dmabuf, DMA_BUF_IOCTL_SYNC, &bad), -1);
		igt_assert_eq(errno, EINVAL);
	}

	munmap(d, size);
	munmap(g, size);
	close(dmabuf);
	gem_close(fd, h);
}

static void stats(int fd, struct drm_vdgpu_query_stats *s)
{
	vdgpu_query_stats(fd, s);
}

/*
 * vgem is a static importer: it attaches without move_notify, so the
 * buffer is pinned in system memory for the whole life of the import.
 */
static void test_vgem_import_pins(int fd)
{
	const uint64_t size = 4 * SZ_1M;
	uint32_t h = vdgpu_gem_create(fd, size, DRM_VDGPU_REGIONS_ALL,
				      DRM_VDGPU_REGION_VRAM, 0);
	struct drm_vdgpu_query_stats before, during, after;
	struct drm_vdgpu_gem_info i;
	int vgem = drm_open_driver(DRIVER_VGEM);
	int dmabuf;
	uint32_t vh;
	uint32_t *p;

	p = vdgpu_gem_mmap(fd, h, size, PROT_READ | PROT_WRITE);
	fill_words(p, size, 0x76e3);
	igt_assert_eq_u32(region_of(fd, h), DRM_VDGPU_REGION_VRAM);
	stats(fd, &before);

	dmabuf = export(fd, h);
	igt_assert_eq(__import(vgem, dmabuf, &vh), 0);

	info(fd, h, &i);
	igt_assert_eq_u32(i.region, DRM_VDGPU_REGION_SYSTEM);
	igt_assert_eq_u32(i.pin_count, 1);
	stats(fd, &during);
	igt_assert_eq_u64(during.pinned_system_bytes, before.pinned_system_bytes + size);
	igt_assert_eq_u64(during.bytes_to_system, before.bytes_to_system + size);

	/* Pinned: it cannot be moved, not even asked to. */
	igt_assert_eq(__vdgpu_gem_migrate(fd, h, DRM_VDGPU_REGION_VRAM, 0), -EBUSY);
	igt_assert_eq_u32(region_of(fd, h), DRM_VDGPU_REGION_SYSTEM);
	check_words(p, size, 0x76e3);

	/* The vdgpu handle may go first; the import keeps the buffer. */
	munmap(p, size);
	gem_close(fd, h);
	igt_assert_eq(__import(fd, dmabuf, &h), 0);
	info(fd, h, &i);
	igt_assert_eq_u32(i.pin_count, 1);
	p = vdgpu_gem_mmap(fd, h, size, PROT_READ);
	check_words(p, size, 0x76e3);

	/* Dropping the import releases the pin. */
	gem_close(vgem, vh);
	info(fd, h, &i);
	igt_assert_eq_u32(i.pin_count, 0);
	stats(fd, &after);
	igt_assert_eq_u64(after.pinned_system_bytes, before.pinned_system_bytes);
	vdgpu_gem_migrate(fd, h, DRM_VDGPU_REGION_VRAM, 0);
	igt_assert_eq_u32(region_of(fd, h), DRM_VDGPU_REGION_VRAM);
	check_words(p, size, 0x76e3);

	munmap(p, size);
	close(dmabuf);
	gem_close(fd, h);
	close(vgem);
}

/*
 * A write fence of another driver (vgem's, signalled only when told, else
 * after 10 s) in the shared reservation object: GEM_WAIT says -ETIME when
 * polling and when its timeout runs out, a job on the buffer does not run
 * before the fence signals, and then both see it.
 */
static void test_foreign_fence(int fd)
{
	const uint64_t size = SZ_1M, timeout_ns = 200ll * 1000 * 1000;
	uint32_t h = vdgpu_create_filled(fd, size, DRM_VDGPU_REGIONS_ALL,
					 DRM_VDGPU_REGION_SYSTEM, 0xf0f0);
	int vgem = drm_open_driver(DRIVER_VGEM);
	struct local_vgem_fence_attach attach = { .flags = LOCAL_VGEM_FENCE_WRITE };
	struct local_vgem_fence_signal signal = {};
	struct timespec start = {};
	int dmabuf = export(fd, h);
	uint64_t waited;
	uint32_t s, *p;

	vdgpu_gem_wait(fd, h, INT64_MAX);
	igt_assert_eq(__import(vgem, dmabuf, &attach.handle), 0);
	do_ioctl(vgem, LOCAL_IOCTL_VGEM_FENCE_ATTACH, &attach);

	igt_assert_eq(__vdgpu_gem_wait(fd, h, 0), -ETIME);
	igt_nsec_elapsed(&start);
	igt_assert_eq(__vdgpu_gem_wait(fd, h, timeout_ns), -ETIME);
	waited = igt_nsec_elapsed(&start);
	igt_assert_f(waited >= timeout_ns - 10 * 1000 * 1000,
		     "GEM_WAIT gave up after %" PRIu64 " of %" PRIu64 " ns\n",
		     waited, timeout_ns);

	igt_assert_eq(drmSyncobjCreate(fd, 0, &s), 0);
	vdgpu_exec(fd, (struct drm_vdgpu_exec){ .op = DRM_VDGPU_OP_FILL,
		.dst_handle = h, .size = size, .value = 0x600d600d, .out_syncobj = s });
	usleep(100 * 1000);
	igt_assert_eq(drmSyncobjWait(fd, &s, 1, 0, 0, NULL), -ETIME);
	vdgpu_check_filled(fd, h, size, 0xf0f0, "while the job waits for the fence");

	signal.fence = attach.out_fence;
	do_ioctl(vgem, LOCAL_IOCTL_VGEM_FENCE_SIGNAL, &signal);
	igt_assert_eq(drmSyncobjWait(fd, &s, 1, INT64_MAX, 0, NULL), 0);
	igt_assert_eq(__vdgpu_gem_wait(fd, h, timeout_ns), 0);
	p = vdgpu_gem_mmap(fd, h, size, PROT_READ);
	for (uint64_t i = 0; i < size / 4; i++)
		igt_assert_f(p[i] == 0x600d600d, "word %" PRIu64 " is %#x after the job\n",
			     i, p[i]);
	munmap(p, size);

	drmSyncobjDestroy(fd, s);
	gem_close(vgem, attach.handle);
	close(dmabuf);
	gem_close(fd, h);
	close(vgem);
}

/* A buffer that may only live in VRAM cannot go to a static importer. */
static void test_vgem_vram_only(int fd)
{
	uint32_t h = vdgpu_gem_create(fd, SZ_1M, DRM_VDGPU_REGION_VRAM,
				      DRM_VDGPU_REGION_VRAM, 0);
	int vgem = drm_open_driver(DRIVER_VGEM);
	int dmabuf = export(fd, h);
	uint32_t vh;

	igt_assert_eq(__import(vgem, dmabuf, &vh), -EOPNOTSUPP);
	igt_assert_eq_u32(region_of(fd, h), DRM_VDGPU_REGION_VRAM);

	close(dmabuf);
	gem_close(fd, h);
	close(vgem);
}

/* A static importer's pin past max_pinned_mb fails with -ENOSPC. */
static void test_pin_limit(int fd)
{
	char old[32];
	uint32_t small = vdgpu_gem_create(fd, SZ_1M, DRM_VDGPU_REGIONS_ALL,
					  DRM_VDGPU_REGION_SYSTEM, 0);
	uint32_t big = vdgpu_gem_create(fd, 2 * SZ_1M, DRM_VDGPU_REGIONS_ALL,
					DRM_VDGPU_REGION_SYSTEM, 0);
	int vgem = drm_open_driver(DRIVER_VGEM);
	int d_small = export(fd, small), d_big = export(fd, big);
	struct drm_vdgpu_gem_info i;
	uint32_t vs, vb;

	igt_require(vdgpu_read_sysfs(PINNED_LIMIT_PARAM, old, sizeof(old)) > 0);
	igt_assert_eq(vdgpu_write_sysfs(PINNED_LIMIT_PARAM, "2"), 0);

	igt_assert_eq(__import(vgem, d_small, &vs), 0);
	igt_assert_eq(__import(vgem, d_big, &vb), -ENOSPC);
	info(fd, big, &i);
	igt_assert_eq_u32(i.pin_count, 0);
	gem_close(vgem, vs);
	igt_assert_eq(__import(vgem, d_big, &vb), 0);
	gem_close(vgem, vb);

	igt_assert_eq(vdgpu_write_sysfs(PINNED_LIMIT_PARAM, old), 0);
	close(d_small);
	close(d_big);
	gem_close(fd, small);
	gem_close(fd, big);
	close(vgem);
}

/*
 * A job on a buffer that a static importer pinned in system memory runs
 * there: it is neither refused nor moved to its preferred VRAM.
 */
static void test_exec_on_pinned(int fd)
{
	const uint64_t size = SZ_1M;
	uint32_t h = vdgpu_gem_create(fd, size, DRM_VDGPU_REGIONS_ALL,
				      DRM_VDGPU_REGION_VRAM, 0);
	int vgem = drm_open_driver(DRIVER_VGEM);
	int dmabuf = export(fd, h);
	struct drm_vdgpu_gem_info i, j;
	struct drm_vdgpu_exec e = {
		.op = DRM_VDGPU_OP_FILL, .dst_handle = h, .size = size,
		.value = 0xabcd1234,
	};
	uint32_t vh, *p;

	igt_assert_eq(__import(vgem, dmabuf, &vh), 0);
	info(fd, h, &i);
	do_ioctl(fd, DRM_IOCTL_VDGPU_EXEC, &e);
	vdgpu_gem_wait(fd, h, 10ll * 1000000000);
	info(fd, h, &j);
	igt_assert_eq_u32(j.region, DRM_VDGPU_REGION_SYSTEM);
	igt_assert_eq_u64(j.num_moves, i.num_moves);
	p = vdgpu_gem_mmap(fd, h, size, PROT_READ);
	for (uint64_t k = 0; k < size / 4; k++)
		igt_assert_eq_u32(p[k], 0xabcd1234);

	munmap(p, size);
	gem_close(vgem, vh);
	close(dmabuf);
	gem_close(fd, h);
	close(vgem);
}

/* fdinfo and debugfs show the pin and the attachment. */
static void test_pin_reporting(int fd)
{
	/* A size no other test uses, for debugfs bos. */
	const uint64_t size = 3 * SZ_1M + 5 * 4096;
	uint32_t h = vdgpu_gem_create(fd, size, DRM_VDGPU_REGIONS_ALL,
				      DRM_VDGPU_REGION_SYSTEM, 0);
	int vgem = drm_open_driver(DRIVER_VGEM);
	int dmabuf = export(fd, h);
	char path[64], buf[16384], want[64];
	struct vdgpu_debugfs_bo bo;
	uint32_t vh;

	igt_assert_eq(__import(vgem, dmabuf, &vh), 0);

	snprintf(path, sizeof(path), "/proc/self/fdinfo/%d", fd);
	igt_assert(vdgpu_read_sysfs(path, buf, sizeof(buf)) > 0);
	snprintf(want, sizeof(want), "vdgpu-pinned-system:\t%llu KiB",
		 (unsigned long long)(size >> 10));
	igt_assert_f(strstr(buf, want), "no '%s' in fdinfo:\n%s\n", want, buf);

	vdgpu_debugfs_bo(fd, size, &bo);
	igt_assert_f(!strcmp(bo.region, "system") && bo.pin_count == 1 &&
		     !strcmp(bo.exported, "yes"),
		     "bos: %s pins=%u exported=%s; expected system pins=1 exported=yes\n",
		     bo.region, bo.pin_count, bo.exported);
	igt_require(vdgpu_debugfs_read(fd, "bos", buf, sizeof(buf)) > 0);
	igt_assert_f(strstr(buf, "dynamic=0 p2p=no mode=system strategy=- mappings=1 pins=1"),
		     "no vgem attachment in bos:\n%s\n", buf);

	gem_close(vgem, vh);
	snprintf(want, sizeof(want), "vdgpu-pinned-system:\t0 KiB");
	igt_assert(vdgpu_read_sysfs(path, buf, sizeof(buf)) > 0);
	igt_assert_f(strstr(buf, want), "no '%s' in fdinfo:\n%s\n", want, buf);

	close(dmabuf);
	gem_close(fd, h);
	close(vgem);
}

/* Fields of the first "import" line in debugfs imports of @fd. */
static void import_stats(int fd, uint64_t *maps, uint64_t *notifies, char *last, int len)
{
	char buf[4096], *p;

	igt_assert_lt(0, vdgpu_debugfs_read(fd, "imports", buf, sizeof(buf)));
	p = strstr(buf, "maps=");
	igt_assert_f(p, "no import in:\n%s\n", buf);
	igt_assert_eq(sscanf(p, "maps=%" SCNu64 " notifies=%" SCNu64, maps, notifies), 2);
	p = strstr(p, "last=");
	igt_assert(p);
	snprintf(last, len, "%.*s", (int)strcspn(p + 5, "\n"), p + 5);
}

/* Checksum of @size bytes of @src with @fd's engine, into a new buffer. */
static uint64_t engine_checksum(int fd, uint32_t src, uint64_t size)
{
	uint32_t res = vdgpu_gem_create(fd, 4096, DRM_VDGPU_REGION_SYSTEM,
					DRM_VDGPU_REGION_SYSTEM, 0);
	struct drm_vdgpu_exec e = {
		.op = DRM_VDGPU_OP_CHECKSUM, .dst_handle = res, .src_handle = src,
		.size = size,
	};
	uint64_t *p, sum;

	do_ioctl(fd, DRM_IOCTL_VDGPU_EXEC, &e);
	vdgpu_gem_wait(fd, res, 30ll * 1000000000);
	p = vdgpu_gem_mmap(fd, res, 4096, PROT_READ);
	sum = p[0];
	munmap(p, 4096);
	gem_close(fd, res);
	return sum;
}

static uint64_t cpu_checksum(const uint32_t *w, uint64_t size)
{
	uint64_t h = 0;

	for (uint64_t i = 0; i < size / 4; i++)
		h = (h ^ w[i]) * 0x100000001b3ull;
	return h;
}

/*
 * Without CONFIG_DMABUF_MOVE_NOTIFY an importer's mapping pins the buffer;
 * GPU1 drops a job's mapping when the finished job is freed, a moment after
 * its fence signalled: until then the move is refused with -EBUSY.
 */
static void migrate_when_unpinned(int fd, uint32_t h, uint32_t region)
{
	int ret, tries = 0;

	while ((ret = __vdgpu_gem_migrate(fd, h, region, 0)) == -EBUSY && tries++ < 100)
		usleep(10000);
	igt_assert_eq(ret, 0);
}

/*
 * GPU-to-GPU: GPU1 imports a buffer of GPU0 dynamically; its jobs read it
 * through the addresses they are handed (PCI bus addresses of GPU0's BAR
 * when P2P works, system memory otherwise), follow it across GPU0's moves
 * (one notification each, a fresh mapping per job) and write to it.
 */
static void test_gpu_to_gpu(void)
{
	const uint64_t size = SZ_1M;
	struct vdgpu_topology topo;
	uint64_t maps, notifies, maps2, notifies2;
	int fds[VDGPU_MAX_DEVICES], n, dmabuf;
	uint32_t h, ih, *p;
	uint64_t expect;
	char last[32];
	struct drm_vdgpu_gem_info gi = {};
	bool p2p;

	vdgpu_topology_load(&topo);
	n = vdgpu_open_all(fds, VDGPU_MAX_DEVICES);
	igt_require_f(n >= 2, "needs two vdgpu devices\n");
	/* Both GPUs sit below the switch. */
	p2p = !strcmp(topo.same_switch_mode, "bus");

	h = vdgpu_gem_create(fds[0], size, DRM_VDGPU_REGIONS_ALL, DRM_VDGPU_REGION_VRAM, 0);
	p = vdgpu_gem_mmap(fds[0], h, size, PROT_READ | PROT_WRITE);
	fill_words(p, size, 0x6b6b);
	expect = cpu_checksum(p, size);
	dmabuf = export(fds[0], h);
	igt_assert_eq(__import(fds[1], dmabuf, &ih), 0);

	/* The import is GPU0's buffer: GPU1 does not manage it. */
	gi.handle = ih;
	do_ioctl_err(fds[1], DRM_IOCTL_VDGPU_GEM_INFO, &gi, EINVAL);
	igt_assert_eq(__vdgpu_gem_migrate(fds[1], ih, DRM_VDGPU_REGION_SYSTEM, 0), -EINVAL);
	igt_assert_eq(__vdgpu_gem_mmap_offset(fds[1], ih, &(uint64_t){0}), -EINVAL);

	igt_assert_eq_u64(engine_checksum(fds[1], ih, size), expect);
	import_stats(fds[1], &maps, &notifies, last, sizeof(last));
	igt_assert_eq_u32(region_of(fds[0], h), p2p ? DRM_VDGPU_REGION_VRAM :
						      DRM_VDGPU_REGION_SYSTEM);
	igt_assert_f(!strcmp(last, p2p ? "bus" : "system") ||
		     (!p2p && !strcmp(last, "iommu")), "import read through '%s'\n", last);

	for (int round = 0; round < 2; round++) {
		uint32_t to = region_of(fds[0], h) == DRM_VDGPU_REGION_VRAM ?
			      DRM_VDGPU_REGION_SYSTEM : DRM_VDGPU_REGION_VRAM;

		migrate_when_unpinned(fds[0], h, to);
		import_stats(fds[1], &maps2, &notifies2, last, sizeof(last));
		igt_assert_eq_u64(notifies2, notifies + 1);
		igt_assert_eq_u64(engine_checksum(fds[1], ih, size), expect);
		import_stats(fds[1], &maps, &notifies, last, sizeof(last));
		igt_assert_eq_u64(maps, maps2 + 1);
		if (p2p)
			igt_assert_f(!strcmp(last, to == DRM_VDGPU_REGION_VRAM ? "bus" : "system") ||
				     (to != DRM_VDGPU_REGION_VRAM && !strcmp(last, "iommu")),
				     "import read through '%s'\n", last);
	}

	/*
	 * Eviction by VRAM pressure on GPU0: a buffer of almost all of its
	 * VRAM, placed there and filled by a job, pushes ours out; GPU1
	 * hears of it once and still reads the right data.
	 */
	{
		struct drm_vdgpu_query_device dev;
		struct drm_vdgpu_exec fill = { .op = DRM_VDGPU_OP_FILL, .size = 4096 };
		struct drm_vdgpu_query_stats before, after;

		migrate_when_unpinned(fds[0], h, DRM_VDGPU_REGION_VRAM);
		vdgpu_query_device(fds[0], &dev);
		import_stats(fds[1], &maps, &notifies, last, sizeof(last));
		vdgpu_query_stats(fds[0], &before);
		fill.dst_handle = vdgpu_gem_create(fds[0], dev.vram_size - SZ_1M / 2,
						   DRM_VDGPU_REGIONS_ALL,
						   DRM_VDGPU_REGION_VRAM, 0);
		do_ioctl(fds[0], DRM_IOCTL_VDGPU_EXEC, &fill);
		vdgpu_gem_wait(fds[0], fill.dst_handle, 30ll * 1000000000);
		vdgpu_query_stats(fds[0], &after);
		igt_assert_lte_u64(before.evictions + 1, after.evictions);
		igt_assert_eq_u32(region_of(fds[0], h), DRM_VDGPU_REGION_SYSTEM);
		import_stats(fds[1], &maps2, &notifies2, last, sizeof(last));
		igt_assert_eq_u64(notifies2, notifies + 1);
		igt_assert_eq_u64(engine_checksum(fds[1], ih, size), expect);
		gem_close(fds[0], fill.dst_handle);
	}

	/* Writes by GPU1 land in GPU0's buffer. */
	{
		struct drm_vdgpu_exec e = {
			.op = DRM_VDGPU_OP_FILL, .dst_handle = ih, .size = size,
			.value = 0x1f2e3d4c,
		};

		do_ioctl(fds[1], DRM_IOCTL_VDGPU_EXEC, &e);
		vdgpu_gem_wait(fds[1], ih, 30ll * 1000000000);
		for (uint64_t i = 0; i < size / 4; i++)
			igt_assert_eq_u32(p[i], 0x1f2e3d4c);
	}

	munmap(p, size);
	gem_close(fds[1], ih);
	close(dmabuf);
	gem_close(fds[0], h);
	vdgpu_close_all(fds, n);
}

/*
 * A foreign, static exporter: a vgem buffer imported into vdgpu is read by
 * vdgpu's engine through the DMA addresses vgem hands out.
 */
static void test_import_from_vgem(int fd)
{
	const uint64_t size = SZ_1M;
	struct drm_mode_create_dumb c = { .width = 1024, .height = 256, .bpp = 32 };
	struct drm_mode_map_dumb m = {};
	int vgem = drm_open_driver(DRIVER_VGEM), dmabuf;
	uint32_t ih, *p;
	uint64_t expect;

	do_ioctl(vgem, DRM_IOCTL_MODE_CREATE_DUMB, &c);
	igt_assert_eq_u64(c.size, size);
	m.handle = c.handle;
	do_ioctl(vgem, DRM_IOCTL_MODE_MAP_DUMB, &m);
	p = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_SHARED, vgem, m.offset);
	igt_assert(p != MAP_FAILED);
	fill_words(p, size, 0xf0e1);
	expect = cpu_checksum(p, size);
	munmap(p, size);

	igt_assert_eq(drmPrimeHandleToFD(vgem, c.handle, DRM_CLOEXEC, &dmabuf), 0);
	igt_assert_eq(__import(fd, dmabuf, &ih), 0);
	igt_assert_eq_u64(engine_checksum(fd, ih, size), expect);

	gem_close(fd, ih);
	close(dmabuf);
	gem_close(vgem, c.handle);
	close(vgem);
}

#define RACE_SECONDS 3

static bool race_running(const struct timespec *start)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return now.tv_sec - start->tv_sec < RACE_SECONDS;
}

struct race {
	int fd;
	int dmabuf;
	volatile uint32_t handle;
	struct timespec start;
	unsigned long loops;
};

/* Exports whatever handle is current while the other side closes it. */
static void *export_thread(void *arg)
{
	struct race *r = arg;

	while (race_running(&r->start)) {
		struct drm_prime_handle p = { .handle = r->handle, .flags = DRM_CLOEXEC };

		if (igt_ioctl(r->fd, DRM_IOCTL_PRIME_HANDLE_TO_FD, &p) == 0)
			close(p.fd);
		else
			igt_assert_f(errno == ENOENT, "export failed with %d\n", errno);
		r->loops++;
	}
	return NULL;
}

/* Export vs GEM close: a handle closed while being exported. */
static void test_export_close_race(int fd)
{
	uint64_t vram0 = vdgpu_region_used(fd, DRM_VDGPU_MEM_VRAM);
	struct race r = { .fd = fd };
	unsigned long created = 0;
	pthread_t t;

	clock_gettime(CLOCK_MONOTONIC, &r.start);
	igt_assert_eq(pthread_create(&t, NULL, export_thread, &r), 0);
	while (race_running(&r.start)) {
		r.handle = vdgpu_gem_create(fd, SZ_1M, DRM_VDGPU_REGIONS_ALL,
					    DRM_VDGPU_REGION_VRAM, 0);
		gem_close(fd, r.handle);
		created++;
	}
	pthread_join(t, NULL);
	igt_info("%lu buffers, %lu exports\n", created, r.loops);
	igt_assert_lte_u64(vdgpu_wait_region_used(fd, DRM_VDGPU_MEM_VRAM, vram0,
						  10ull * 1000000000), vram0);
}

/* Imports the dma-buf into its own file and closes the handle, in a loop. */
static void *reimport_thread(void *arg)
{
	struct race *r = arg;
	int fd = vdgpu_reopen(r->fd);

	while (race_running(&r->start)) {
		uint32_t h;

		igt_assert_eq(__import(fd, r->dmabuf, &h), 0);
		gem_close(fd, h);
		r->loops++;
	}
	close(fd);
	return NULL;
}

/* Re-import vs close, from several files at once, on one dma-buf. */
static void test_reimport_close_race(int fd)
{
	uint32_t h = vdgpu_gem_create(fd, SZ_1M, DRM_VDGPU_REGIONS_ALL,
				      DRM_VDGPU_REGION_VRAM, 0);
	struct race r[2];
	pthread_t t[2];

	for (int i = 0; i < 2; i++) {
		r[i] = (struct race){ .fd = fd, .dmabuf = export(fd, h) };
		clock_gettime(CLOCK_MONOTONIC, &r[i].start);
	}
	/* The last GEM handle of the exporter goes first. */
	gem_close(fd, h);
	for (int i = 0; i < 2; i++)
		igt_assert_eq(pthread_create(&t[i], NULL, reimport_thread, &r[i]), 0);
	for (int i = 0; i < 2; i++) {
		pthread_join(t[i], NULL);
		igt_info("thread %d: %lu imports\n", i, r[i].loops);
		close(r[i].dmabuf);
	}
}

/*
 * Static attach and detach (vgem import and close) of exported buffers in
 * one process while another migrates them and creates VRAM pressure; the
 * contents are checked throughout.
 */
static void test_attach_vs_eviction(int fd)
{
	const uint64_t size = 2 * SZ_1M;
	const int nbufs = 4;
	uint32_t h[4];
	int dmabuf[4];

	for (int i = 0; i < nbufs; i++) {
		uint32_t *p;

		h[i] = vdgpu_gem_create(fd, size, DRM_VDGPU_REGIONS_ALL,
					DRM_VDGPU_REGION_VRAM, 0);
		p = vdgpu_gem_mmap(fd, h[i], size, PROT_WRITE);
		fill_words(p, size, 0xe71c0 + i);
		munmap(p, size);
		dmabuf[i] = export(fd, h[i]);
	}

	igt_fork(child, 2) {
		struct timespec start;
		int cfd = vdgpu_reopen(fd);
		int vgem = child ? -1 : drm_open_driver(DRIVER_VGEM);
		unsigned long loops = 0;
		uint32_t mine[4];

		for (int i = 0; i < nbufs; i++)
			igt_assert_eq(__import(cfd, dmabuf[i], &mine[i]), 0);
		clock_gettime(CLOCK_MONOTONIC, &start);
		while (race_running(&start)) {
			int i = loops % nbufs;

			if (child == 0) {
				uint32_t vh;

				igt_assert_eq(__import(vgem, dmabuf[i], &vh), 0);
				igt_assert_eq_u32(region_of(cfd, mine[i]),
						  DRM_VDGPU_REGION_SYSTEM);
				gem_close(vgem, vh);
			} else {
				int ret = __vdgpu_gem_migrate(cfd, mine[i],
							      loops & 4 ? DRM_VDGPU_REGION_SYSTEM :
									  DRM_VDGPU_REGION_VRAM, 0);
				/* -EBUSY while the other side holds a pin. */
				igt_assert_f(ret == 0 || ret == -EBUSY, "migrate: %d\n", ret);
			}
			if (loops % 8 == 7) {
				uint32_t *p = vdgpu_gem_mmap(cfd, mine[i], size, PROT_READ);

				check_words(p, size, 0xe71c0 + i);
				munmap(p, size);
			}
			loops++;
		}
		igt_info("child %d: %lu loops\n", child, loops);
		if (vgem >= 0)
			close(vgem);
		close(cfd);
	}
	igt_waitchildren();

	for (int i = 0; i < nbufs; i++) {
		struct drm_vdgpu_gem_info gi;
		uint32_t *p;

		info(fd, h[i], &gi);
		igt_assert_eq_u32(gi.pin_count, 0);
		p = vdgpu_gem_mmap(fd, h[i], size, PROT_READ);
		check_words(p, size, 0xe71c0 + i);
		munmap(p, size);
		close(dmabuf[i]);
		gem_close(fd, h[i]);
	}
}

igt_main
{
	struct drm_vdgpu_query_device dev;
	int fd = -1;

	igt_fixture
		fd = vdgpu_open_smallest_vram(&dev);

	igt_describe("PRIME export and import argument checks");
	igt_subtest("export-bad-args")
		test_export_bad_args(fd);

	igt_describe("Importing our own export gives the same GEM object");
	igt_subtest("self-import")
		test_self_import(fd);

	igt_describe("dma-buf mmap of a VRAM buffer, with SYNC, across moves");
	igt_subtest("dmabuf-mmap-vram")
		test_dmabuf_mmap(fd, DRM_VDGPU_REGION_VRAM);

	igt_describe("dma-buf mmap of a system-memory buffer, with SYNC, across moves");
	igt_subtest("dmabuf-mmap-system")
		test_dmabuf_mmap(fd, DRM_VDGPU_REGION_SYSTEM);

	igt_describe("vgem import pins the buffer in system memory until released");
	igt_subtest("vgem-import-pins")
		test_vgem_import_pins(fd);

	igt_describe("Another driver's fence: GEM_WAIT times out with -ETIME, jobs wait for it");
	igt_subtest("foreign-fence")
		test_foreign_fence(fd);

	igt_describe("A VRAM-only buffer is refused to vgem with -EOPNOTSUPP");
	igt_subtest("vgem-vram-only")
		test_vgem_vram_only(fd);

	igt_describe("Pins beyond max_pinned_mb fail with -ENOSPC");
	igt_subtest("pin-limit")
		test_pin_limit(fd);

	igt_describe("EXEC on a buffer pinned by an importer runs in place");
	igt_subtest("exec-on-pinned")
		test_exec_on_pinned(fd);

	igt_describe("fdinfo and debugfs report pins and attachments");
	igt_subtest("pin-reporting")
		test_pin_reporting(fd);

	igt_describe("GPU1 imports GPU0's buffer, reads and writes it, follows its moves");
	igt_subtest("gpu-to-gpu")
		test_gpu_to_gpu();

	igt_describe("A vgem buffer imported into vdgpu is read by its engine");
	igt_subtest("import-from-vgem")
		test_import_from_vgem(fd);

	igt_describe("Exports racing with GEM close of the same handle");
	igt_subtest("export-close-race")
		test_export_close_race(fd);

	igt_describe("Re-imports and closes from several files racing on one dma-buf");
	igt_subtest("reimport-close-race")
		test_reimport_close_race(fd);

	igt_describe("Static attach/detach racing with migration of the same buffers");
	igt_subtest("attach-vs-eviction")
		test_attach_vs_eviction(fd);

	igt_fixture
		close(fd);
}
