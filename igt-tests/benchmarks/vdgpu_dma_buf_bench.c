// SPDX-License-Identifier: MIT
/*
 * vdgpu_dma_buf_bench - the cost of importing a dma-buf: attach, map,
 * unmap and detach by one in-kernel importer (vdgpu's debugfs
 * dma_buf_bench) of a vdgpu export in system memory, of a dma-heap system
 * heap buffer and of a udmabuf of the same size, in the same boot; of a
 * vdgpu export in VRAM mapped peer-to-peer; and the cost of moving an
 * export out of VRAM as the number of attached dynamic importers grows.
 * Prints tables; `make bench` runs it in the stock guest.
 *
 * Copyright (c) 2026 The vdgpu authors
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>
#include <linux/dma-heap.h>
#include <linux/udmabuf.h>

#include <xf86drm.h>

#include "vdgpu_bench_util.h"
#include "vdgpu_drm.h"

#define MiB (UINT64_C(1) << 20)

static char bench_file[128];

/* Runs one dma_buf_bench command; its result text goes to @out. */
static int bench(const char *cmd, char *out, size_t len)
{
	int fd = open(bench_file, O_RDWR);
	ssize_t n;
	int err = 0;

	if (fd < 0)
		return -errno;
	if (write(fd, cmd, strlen(cmd)) < 0)
		err = -errno;
	else if (lseek(fd, 0, SEEK_SET) < 0 || (n = read(fd, out, len - 1)) <= 0)
		err = -EIO;
	else
		out[n] = '\0';
	close(fd);
	return err;
}

/* The value of "key: N" in a result, or -ENOENT. */
static int64_t value(const char *result, const char *key)
{
	const char *p = strstr(result, key);

	return p ? strtoll(p + strlen(key) + 2, NULL, 10) : -ENOENT;
}

static int vdgpu_export(int fd, uint64_t size, uint32_t preferred)
{
	struct drm_vdgpu_gem_create c = {
		.size = size, .regions = DRM_VDGPU_REGIONS_ALL, .preferred = preferred,
	};
	struct drm_vdgpu_gem_wait w = { .timeout_ns = 60ll * 1000000000 };
	int dmabuf;

	if (drmIoctl(fd, DRM_IOCTL_VDGPU_GEM_CREATE, &c))
		return -errno;
	/* The clear of new VRAM is done before anything is timed. */
	w.handle = c.handle;
	drmIoctl(fd, DRM_IOCTL_VDGPU_GEM_WAIT, &w);
	if (drmPrimeHandleToFD(fd, c.handle, DRM_CLOEXEC | DRM_RDWR, &dmabuf))
		dmabuf = -errno;
	/* The dma-buf keeps the buffer. */
	drmCloseBufferHandle(fd, c.handle);
	return dmabuf;
}

static int heap_alloc(uint64_t size)
{
	struct dma_heap_allocation_data a = {
		.len = size, .fd_flags = O_RDWR | O_CLOEXEC,
	};
	int heap = open("/dev/dma_heap/system", O_RDONLY | O_CLOEXEC);
	int ret;

	if (heap < 0)
		return -errno;
	ret = ioctl(heap, DMA_HEAP_IOCTL_ALLOC, &a) ? -errno : (int)a.fd;
	close(heap);
	return ret;
}

static int udmabuf_alloc(uint64_t size)
{
	struct udmabuf_create c = { .flags = UDMABUF_FLAGS_CLOEXEC, .size = size };
	int dev = open("/dev/udmabuf", O_RDWR | O_CLOEXEC);
	int memfd = memfd_create("vdgpu-bench", MFD_ALLOW_SEALING);
	int ret = -errno;

	if (dev < 0 || memfd < 0)
		goto out;
	if (ftruncate(memfd, size) || fcntl(memfd, F_ADD_SEALS, F_SEAL_SHRINK)) {
		ret = -errno;
		goto out;
	}
	c.memfd = memfd;
	ret = ioctl(dev, UDMABUF_CREATE, &c);
	if (ret < 0)
		ret = -errno;
out:
	if (memfd >= 0)
		close(memfd);
	if (dev >= 0)
		close(dev);
	return ret;
}

/* ns per attach+map+unmap+detach round of @dmabuf, and its entries. */
/*
 * The best @key of 3 runs of @cmd, which keeps out what else the machine
 * did meanwhile, for every exporter alike; the last result stays in
 * @result. The first error ends it and is returned.
 */
static int64_t bench_best(const char *cmd, const char *key, char *result, size_t len)
{
	int64_t best = -1;

	for (int batch = 0; batch < 3; batch++) {
		int64_t ns;
		int err = bench(cmd, result, len);

		if (err)
			return err;
		ns = value(result, key);
		if (ns >= 0 && (best < 0 || ns < best))
			best = ns;
	}
	return best;
}

/*
 * ns per attach+map+unmap+detach round of @dmabuf (closed here), and its
 * entries: the best of 3 batches of @rounds.
 */
static int64_t map_cost(int dmabuf, int p2p, int rounds, int64_t *nents)
{
	char cmd[64], result[256];
	int64_t best;

	if (dmabuf < 0)
		return dmabuf;
	snprintf(cmd, sizeof(cmd), "map %d %d %d", dmabuf, p2p, rounds);
	best = bench_best(cmd, "ns_per_round", result, sizeof(result));
	close(dmabuf);
	if (best >= 0)
		*nents = value(result, "nents");
	return best;
}

static void print_us(int64_t ns)
{
	if (ns < 0)
		printf(" %10s", "n/a");
	else
		printf(" %10.1f", ns / 1000.0);
}

static uint64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000000000ull + ts.tv_nsec;
}

/* ns for one EXEC checksum of @size bytes of @src on @fd, waited for. */
static int64_t timed_checksum(int fd, uint32_t src, uint64_t size, uint32_t res)
{
	struct drm_vdgpu_exec e = {
		.op = DRM_VDGPU_OP_CHECKSUM, .dst_handle = res, .src_handle = src, .size = size,
	};
	struct drm_vdgpu_gem_wait w = { .handle = res, .timeout_ns = 60ll * 1000000000 };
	uint64_t start = now_ns();

	if (drmIoctl(fd, DRM_IOCTL_VDGPU_EXEC, &e) || drmIoctl(fd, DRM_IOCTL_VDGPU_GEM_WAIT, &w))
		return -errno;
	return now_ns() - start;
}

static int migrate(int fd, uint32_t h, uint32_t region)
{
	struct drm_vdgpu_gem_migrate m = { .handle = h, .region = region };
	int tries = 0;

	/* -EBUSY while a finished job's pinning map is still being dropped. */
	while (drmIoctl(fd, DRM_IOCTL_VDGPU_GEM_MIGRATE, &m) && errno == EBUSY && tries++ < 100)
		usleep(10000);
	return tries > 100 ? -EBUSY : 0;
}

static uint32_t create(int fd, uint64_t size, uint32_t regions, uint32_t preferred)
{
	struct drm_vdgpu_gem_create c = { .size = size, .regions = regions,
					  .preferred = preferred };

	return drmIoctl(fd, DRM_IOCTL_VDGPU_GEM_CREATE, &c) ? 0 : c.handle;
}

/*
 * GPU-to-GPU: a second GPU reads the first one's buffer through its import,
 * with the buffer in VRAM (peer to peer when the kernel allows it) and in
 * system memory, next to a read of its own system memory; and the cost of
 * a job on the import right after a move of it (its mapping is made anew)
 * against one without a move.
 */
static void bench_import(int exporter, const struct drm_vdgpu_query_device *exp_info)
{
	const uint64_t size = 16 * MiB;
	int64_t vram = -1, sys = -1, own = -1, after_move = -1, steady = -1;
	struct drm_vdgpu_query_device other;
	uint32_t h, ih, local, res;
	int reader, dmabuf;

	reader = open_other(exp_info, &other);
	printf("BENCH GPU-to-GPU: the other GPU reads 16 MiB of an import by EXEC checksum, MiB/s\n");
	h = create(exporter, size, DRM_VDGPU_REGIONS_ALL, DRM_VDGPU_REGION_VRAM);
	if (reader < 0 || !h || drmPrimeHandleToFD(exporter, h, DRM_CLOEXEC | DRM_RDWR, &dmabuf) ||
	    drmPrimeFDToHandle(reader, dmabuf, &ih)) {
		printf("BENCH (needs two GPUs)\n");
		return;
	}
	local = create(reader, size, DRM_VDGPU_REGION_SYSTEM, DRM_VDGPU_REGION_SYSTEM);
	res = create(reader, 4096, DRM_VDGPU_REGION_SYSTEM, DRM_VDGPU_REGION_SYSTEM);

	timed_checksum(reader, ih, size, res);		/* warm up, places it */
	if (!migrate(exporter, h, DRM_VDGPU_REGION_VRAM))
		vram = timed_checksum(reader, ih, size, res);
	if (!migrate(exporter, h, DRM_VDGPU_REGION_SYSTEM))
		sys = timed_checksum(reader, ih, size, res);
	own = timed_checksum(reader, local, size, res);

	/* A 4-byte job, after a move of the import and without one. */
	steady = timed_checksum(reader, ih, 4, res);
	steady = timed_checksum(reader, ih, 4, res);
	if (!migrate(exporter, h, DRM_VDGPU_REGION_VRAM))
		after_move = timed_checksum(reader, ih, 4, res);

	/* Without P2P the job's map first moves a VRAM buffer to system memory. */
	printf("BENCH %12s %12s %12s %10s   (%s)\n", "from_vram", "from_sys", "own_sys", "vram/sys",
	       exp_info->p2p_capable ? "VRAM read peer to peer" :
	       "no P2P: reading from VRAM includes the move to system memory");
	printf("BENCH %12.0f %12.0f %12.0f %10.2f\n",
	       vram > 0 ? size * 1e9 / MiB / vram : -1, sys > 0 ? size * 1e9 / MiB / sys : -1,
	       own > 0 ? size * 1e9 / MiB / own : -1,
	       vram > 0 && sys > 0 ? (double)sys / vram : -1);
	printf("BENCH 4-byte job on the import right after a move of it (new mapping%s) vs without: %.1f us vs %.1f us\n",
	       exp_info->p2p_capable ? "" : ", and the move back to system memory",
	       after_move / 1000.0, steady / 1000.0);
	close(dmabuf);
	close(reader);
}

/*
 * Without CONFIG_DMABUF_MOVE_NOTIFY the dma-buf core pins a dynamic
 * exporter's buffer around every map of a dynamic importer; the peers
 * (no pin op) pay nothing for it. How much of vdgpu's 1 MiB round that is.
 */
static void bench_pin_share(int fd, const struct drm_vdgpu_query_device *info)
{
	int dmabuf = vdgpu_export(fd, MiB, DRM_VDGPU_REGION_SYSTEM);
	int64_t pin, attach = -1, heap_attach = -1;
	char cmd[64], result[256];

	if (info->move_notify || dmabuf < 0) {
		if (dmabuf >= 0)
			close(dmabuf);
		return;
	}
	snprintf(cmd, sizeof(cmd), "pin %d 0 %d", dmabuf, 256);
	pin = bench_best(cmd, "ns_per_pin", result, sizeof(result));
	snprintf(cmd, sizeof(cmd), "attach %d 0 %d", dmabuf, 256);
	if (!bench(cmd, result, sizeof(result)))
		attach = value(result, "ns_per_round");
	close(dmabuf);
	dmabuf = heap_alloc(MiB);
	snprintf(cmd, sizeof(cmd), "attach %d 0 %d", dmabuf, 256);
	if (dmabuf >= 0 && !bench(cmd, result, sizeof(result)))
		heap_attach = value(result, "ns_per_round");
	if (dmabuf >= 0)
		close(dmabuf);
	printf("BENCH without MOVE_NOTIFY each vdgpu map above includes the core's pin+unpin: %.1f us of it\n",
	       pin / 1000.0);
	printf("BENCH 1 MiB attach+detach alone: vdgpu %.1f us, dma-heap %.1f us (the heap maps at attach)\n",
	       attach / 1000.0, heap_attach / 1000.0);
}

/* Reads debugfs @path into @buf; 0 or -errno. */
static int read_text(const char *path, char *buf, size_t len)
{
	int fd = open(path, O_RDONLY);
	ssize_t n;

	if (fd < 0)
		return -errno;
	n = read(fd, buf, len - 1);
	close(fd);
	if (n < 0)
		return -errno;
	buf[n] = '\0';
	return 0;
}

static int write_text(const char *path, const char *text)
{
	int fd = open(path, O_WRONLY);
	int err = 0;

	if (fd < 0)
		return -errno;
	if (write(fd, text, strlen(text)) < 0)
		err = -errno;
	close(fd);
	return err;
}

/*
 * The two P2P map strategies side by side (vdgpu_p2p_pages.c): what their
 * struct pages cost and what a P2P attach+map+unmap+detach of a VRAM
 * export costs with each, in the same boot.
 */
static void bench_p2p_strategies(const struct drm_vdgpu_query_device *info, int fd)
{
	static const uint64_t sizes[] = { 1 * MiB, 64 * MiB, 128 * MiB };
	static const char *const names[] = { "resource", "pages" };
	char path[128], text[512], old[16] = "resource";
	int64_t cost[2][3], ents[2][3];
	const char *p;

	printf("BENCH P2P map strategies: memory for struct pages, and us per P2P attach+map+unmap+detach of a VRAM export\n");
	debugfs_path(info, "p2p_map", path, sizeof(path));
	if (!info->p2p_capable || read_text(path, text, sizeof(text)) ||
	    !strstr(text, "available: resource pages")) {
		printf("BENCH (pages not offered: needs CONFIG_PCI_P2PDMA and p2p_map=pages; make bench BENCH_PROFILE=debug has them)\n");
		return;
	}
	p = strstr(text, "strategy: ");
	if (p)
		sscanf(p, "strategy: %15s", old);

	for (int s = 0; s < 2; s++) {
		for (int i = 0; i < 3; i++) {
			int rounds = sizes[i] >= 64 * MiB ? 8 : 64;

			cost[s][i] = write_text(path, names[s]);
			if (!cost[s][i])
				cost[s][i] = map_cost(vdgpu_export(fd, sizes[i], DRM_VDGPU_REGION_VRAM),
						      1, rounds, &ents[s][i]);
		}
	}
	write_text(path, old);

	printf("BENCH %9s %14s %14s %9s %9s %9s %9s\n", "strategy", "memmap_kib",
	       "consumed_kib", "1_mib", "64_mib", "128_mib", "ents_128");
	for (int s = 0; s < 2; s++) {
		int64_t memmap = 0, consumed = 0;

		if (s) {
			p = strstr(text, "pages_memmap_bytes: ");
			memmap = p ? strtoll(p + 20, NULL, 10) : -1;
			p = strstr(text, "pages_consumed_bytes: ");
			consumed = p ? strtoll(p + 22, NULL, 10) : -1;
		}
		printf("BENCH %9s %14" PRId64 " %14" PRId64, names[s], memmap / 1024,
		       consumed / 1024);
		for (int i = 0; i < 3; i++)
			print_us(cost[s][i]);
		printf(" %9" PRId64 "\n", cost[s][2] < 0 ? (int64_t)-1 : ents[s][2]);
	}
	printf("BENCH %9s %14s %14s", "pages/res", "-", "-");
	for (int i = 0; i < 3; i++) {
		if (cost[0][i] > 0 && cost[1][i] > 0)
			printf(" %9.2f", (double)cost[1][i] / cost[0][i]);
		else
			printf(" %9s", "n/a");
	}
	printf(" %9s\n", "-");
	p = strstr(text, "pages_memmap_bytes: ");
	printf("BENCH pages cost %.0f bytes of struct page per 4 KiB of BAR (%" PRIu64 " MiB BAR)\n",
	       p ? strtoll(p + 20, NULL, 10) / (double)(info->vram_size / 4096) : -1.0,
	       (uint64_t)(info->vram_size / MiB));
}

int main(void)
{
	static const uint64_t sizes[] = { 1 * MiB, 64 * MiB, 256 * MiB };
	static const int importers[] = { 0, 1, 16, 64 };
	struct drm_vdgpu_query_device info;
	int fd = open_largest(&info);
	int64_t evict0 = -1;

	if (fd < 0) {
		fprintf(stderr, "vdgpu_dma_buf_bench: no vdgpu PCI device\n");
		return 1;
	}
	debugfs_path(&info, "dma_buf_bench", bench_file, sizeof(bench_file));

	printf("BENCH dma-buf import: attach+map+unmap+detach by one importer, us per round (best of 3 batches)\n");
	printf("BENCH %8s %10s %10s %10s %10s %9s %10s %9s %8s %8s\n", "size_mib",
	       "vdgpu_sys", "heap_sys", "udmabuf", "best_peer", "vdgpu/pr",
	       "vdgpu_p2p", "p2p/sys", "ents_sys", "ents_p2p");
	for (unsigned int i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
		uint64_t size = sizes[i];
		int rounds = size >= 64 * MiB ? 8 : 64;
		int64_t n_sys = 0, n_p2p = 0, n_peer = 0;
		int64_t sys = map_cost(vdgpu_export(fd, size, DRM_VDGPU_REGION_SYSTEM), 0,
				       rounds, &n_sys);
		int64_t heap = map_cost(heap_alloc(size), 0, rounds, &n_peer);
		int64_t udma = map_cost(udmabuf_alloc(size), 0, rounds, &n_peer);
		int64_t p2p = size <= info.cpu_visible_vram_size / 2 ?
			      map_cost(vdgpu_export(fd, size, DRM_VDGPU_REGION_VRAM), 1,
				       rounds, &n_p2p) : -E2BIG;
		int64_t best = heap < 0 ? udma : udma < 0 ? heap : heap < udma ? heap : udma;

		printf("BENCH %8" PRIu64, size / MiB);
		print_us(sys);
		print_us(heap);
		print_us(udma);
		print_us(best);
		if (sys > 0 && best > 0)
			printf(" %9.2f", (double)sys / best);
		else
			printf(" %9s", "n/a");
		/* Without P2P the "P2P" importer gets system memory: say so. */
		print_us(info.p2p_capable ? p2p : -1);
		if (info.p2p_capable && p2p > 0 && sys > 0)
			printf(" %9.2f", (double)p2p / sys);
		else
			printf(" %9s", "n/a");
		printf(" %8" PRId64 " %8" PRId64 "\n", n_sys,
		       info.p2p_capable ? n_p2p : (int64_t)0);
	}
	if (!info.p2p_capable)
		printf("BENCH (kernel without PCI P2P: no VRAM mapping to measure; make bench BENCH_PROFILE=debug has it)\n");
	bench_pin_share(fd, &info);

	/*
	 * The mean of 32 moves drifts with whatever else the machine does;
	 * the per-importer cost is taken from the best move of each count.
	 */
	printf("BENCH eviction of a 16 MiB export with dynamic importers attached (no mappings), us per move out of VRAM\n");
	printf("BENCH %9s %10s %10s %15s\n", "importers", "mean_us", "best_us", "ns_per_importer");
	for (unsigned int i = 0; i < sizeof(importers) / sizeof(importers[0]); i++) {
		int dmabuf = vdgpu_export(fd, 16 * MiB, DRM_VDGPU_REGION_VRAM);
		char cmd[64], result[256];
		int64_t ns = dmabuf, best = -1;

		snprintf(cmd, sizeof(cmd), "evict %d %d %d", dmabuf, importers[i], 32);
		if (dmabuf >= 0) {
			ns = bench(cmd, result, sizeof(result));
			if (!ns) {
				ns = value(result, "ns_per_eviction");
				best = value(result, "best_ns");
			}
			close(dmabuf);
		}
		if (!i)
			evict0 = best;
		printf("BENCH %9d", importers[i]);
		print_us(ns);
		print_us(best);
		if (i && best > 0 && evict0 > 0)
			printf(" %15.0f\n", (double)(best - evict0) / importers[i]);
		else
			printf(" %15s\n", "-");
	}
	bench_p2p_strategies(&info, fd);
	bench_import(fd, &info);
	close(fd);
	return 0;
}
