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

#include "vdgpu_bench_util.h"
#include "vdgpu_drm.h"

#define MiB (UINT64_C(1) << 20)
#define ROUNDS 3
#define PAIRS 15

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

/*
 * The BAR's raw memcpy_toio/memcpy_fromio bandwidth over @size bytes, in
 * MiB/s, [0] toio and [1] fromio, each the best of two passes: @cold on a
 * freshly flushed TLB, as a move's copy starts (the baseline), and @warm
 * right after the same pass, every page already in the TLB.
 */
static void raw_bandwidth(const struct drm_vdgpu_query_device *info, uint64_t size,
			  double cold[2], double warm[2])
{
	static const char *const keys[4] = {
		"toio_cold_mbps", "fromio_cold_mbps", "toio_warm_mbps", "fromio_warm_mbps",
	};
	double *values[4] = { &cold[0], &cold[1], &warm[0], &warm[1] };
	char path[160], buf[256];
	FILE *f;

	debugfs_path(info, "bar_bandwidth_size", path, sizeof(path));
	f = fopen(path, "w");
	if (!f || fprintf(f, "%" PRIu64 "\n", size) < 0 || fclose(f))
		die(path);

	debugfs_path(info, "bar_bandwidth", path, sizeof(path));
	f = fopen(path, "r");
	if (!f)
		die(path);
	for (int k = 0; k < 4; k++)
		*values[k] = 0;
	while (fgets(buf, sizeof(buf), f)) {
		char key[32];
		uint64_t v;

		if (sscanf(buf, "%31[a-z_]: %" SCNu64, key, &v) != 2)
			continue;
		for (int k = 0; k < 4; k++)
			if (!strcmp(key, keys[k]))
				*values[k] = v;
	}
	fclose(f);
	for (int k = 0; k < 4; k++)
		if (*values[k] <= 0)
			die(keys[k]);
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

/* A blocking move: the time of the GEM_MIGRATE ioctl. */
static uint64_t timed_migrate(int fd, uint32_t handle, uint32_t region)
{
	struct drm_vdgpu_gem_migrate m = { .handle = handle, .region = region };
	uint64_t t = now_ns();

	if (drmIoctl(fd, DRM_IOCTL_VDGPU_GEM_MIGRATE, &m))
		die("GEM_MIGRATE");
	return now_ns() - t;
}

/*
 * A move in two timed parts: the NONBLOCK ioctl (allocating the new backing
 * and queueing the copy) and the wait for the copy's fence.
 */
struct move_time {
	uint64_t setup_ns;
	uint64_t copy_ns;
};

static struct move_time timed_move(int fd, uint32_t handle, uint32_t region)
{
	struct drm_vdgpu_gem_migrate m = {
		.handle = handle, .region = region,
		.flags = DRM_VDGPU_GEM_MIGRATE_NONBLOCK,
	};
	struct move_time t;
	uint64_t start = now_ns();

	if (drmIoctl(fd, DRM_IOCTL_VDGPU_GEM_MIGRATE, &m))
		die("GEM_MIGRATE");
	t.setup_ns = now_ns() - start;
	wait_idle(fd, handle);
	t.copy_ns = now_ns() - start - t.setup_ns;
	return t;
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

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

static double median(double *v, int n)
{
	qsort(v, n, sizeof(*v), cmp_double);
	return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

int main(void)
{
	static const uint64_t sizes[] = { 1 * MiB, 16 * MiB, 256 * MiB };
	static const uint64_t create_sizes[] = { 1 * MiB, 4 * MiB, 16 * MiB, 64 * MiB, 256 * MiB };
	struct drm_vdgpu_query_device info;
	int fd = open_largest(&info);

	if (fd < 0)
		die("no vdgpu PCI device");

	/*
	 * Each pair of moves (there and back) is bracketed by raw copies of
	 * the same size measured just before and just after it, and the
	 * ratio is taken per pair against their mean: the speed of this
	 * machine drifts by half within a second, which would swamp a ratio
	 * of numbers taken apart. "setup" is the NONBLOCK ioctl (the new
	 * backing, queueing the copy), "copy" the wait for the fence after
	 * it. The copy may start before the ioctl returns (on the other CPU,
	 * or preempting it), so "copy" can exceed 1 while "setup" grows.
	 */
	printf("BENCH migration bandwidth vs raw BAR bandwidth of the same size, "
	       "measured in pairs (medians of %d pairs)\n", PAIRS);
	printf("BENCH %-7s %-10s %8s %8s %6s %6s %6s %6s %6s\n", "size", "direction", "raw",
	       "move", "ratio", "copy", "setup", "warm", "/warm");
	for (unsigned int i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
		double raw[2][PAIRS], move[2][PAIRS], ratio[2][PAIRS], copy[2][PAIRS];
		double setup[2][PAIRS], warm[2][PAIRS], ratio_warm[2][PAIRS];
		/* [0]: SYS->VRAM against toio, [1]: VRAM->SYS against fromio. */
		double before[2], after[2], warm_before[2], warm_after[2];
		uint64_t size = sizes[i];
		uint32_t bo;

		if (size > info.vram_size)
			continue;
		bo = create(fd, size, DRM_VDGPU_REGIONS_ALL, DRM_VDGPU_REGION_SYSTEM);
		wait_idle(fd, bo);
		raw_bandwidth(&info, size, before, warm_before);
		for (int r = 0; r < PAIRS; r++) {
			struct move_time t[2];

			t[0] = timed_move(fd, bo, DRM_VDGPU_REGION_VRAM);
			t[1] = timed_move(fd, bo, DRM_VDGPU_REGION_SYSTEM);
			raw_bandwidth(&info, size, after, warm_after);
			for (int d = 0; d < 2; d++) {
				uint64_t total = t[d].setup_ns + t[d].copy_ns;

				/* The raw bandwidth around the moves: before and after. */
				raw[d][r] = (before[d] + after[d]) / 2;
				warm[d][r] = (warm_before[d] + warm_after[d]) / 2;
				move[d][r] = mbps(size, total);
				ratio[d][r] = move[d][r] / raw[d][r];
				ratio_warm[d][r] = move[d][r] / warm[d][r];
				copy[d][r] = mbps(size, t[d].copy_ns) / raw[d][r];
				setup[d][r] = 100.0 * t[d].setup_ns / total;
				before[d] = after[d];
				warm_before[d] = warm_after[d];
			}
		}
		close_bo(fd, bo);
		for (int d = 1; d >= 0; d--)
			printf("BENCH %4" PRIu64 "MiB %-10s %8.0f %8.0f %6.2f %6.2f %5.0f%% %6.0f %6.2f\n",
			       size / MiB, d ? "VRAM->SYS" : "SYS->VRAM",
			       median(raw[d], PAIRS), median(move[d], PAIRS),
			       median(ratio[d], PAIRS), median(copy[d], PAIRS),
			       median(setup[d], PAIRS), median(warm[d], PAIRS),
			       median(ratio_warm[d], PAIRS));
	}
	printf("BENCH raw: memcpy_fromio/memcpy_toio over the BAR, MiB/s, the best of two passes over the same\n");
	printf("BENCH memory, each on a freshly flushed TLB as a move's copy starts, the mean of the measurements\n");
	printf("BENCH just before and just after the pair of moves; move: whole GEM_MIGRATE, MiB/s; ratio: move/raw;\n");
	printf("BENCH copy: the wait for the fence after the NONBLOCK ioctl, /raw (the copy may start inside the\n");
	printf("BENCH ioctl, so copy can exceed 1); setup: share of the move spent in the ioctl (new backing,\n");
	printf("BENCH queueing); warm: the same pass repeated at once, its pages still in the TLB (on QEMU's\n");
	printf("BENCH TCG about a tenth faster at 256 MiB; no move starts so); /warm: move/warm\n");

	/*
	 * Linear means the cost per MiB does not grow with the size: it may
	 * fall (fixed costs spread out) but not rise. 1.5x is the noise margin.
	 */
	const unsigned int n = sizeof(create_sizes) / sizeof(create_sizes[0]);
	/* [0]: VRAM create+clear+free, [1]: system create+free, [2]: move. */
	static const char *const what[3] = { "VRAM create+free", "system create+free", "move" };
	double per_mib[3][sizeof(create_sizes) / sizeof(create_sizes[0])];

	printf("BENCH cost per MiB as buffers grow (best of %d)\n", ROUNDS);
	printf("BENCH %-8s %24s %26s %20s\n", "size", "VRAM create+free ns/MiB",
	       "system create+free ns/MiB", "move to SYS ns/MiB");
	for (unsigned int i = 0; i < n; i++) {
		uint64_t size = create_sizes[i], best[3] = { UINT64_MAX, UINT64_MAX, UINT64_MAX };

		if (size > info.vram_size)
			continue;
		for (int r = 0; r < ROUNDS; r++) {
			uint64_t t[3];
			uint32_t bo;

			/* Created, cleared (waited for) and closed, in each region. */
			for (int k = 0; k < 2; k++) {
				uint32_t region = k ? DRM_VDGPU_REGION_SYSTEM : DRM_VDGPU_REGION_VRAM;

				t[k] = now_ns();
				bo = create(fd, size, region, region);
				wait_idle(fd, bo);
				close_bo(fd, bo);
				t[k] = now_ns() - t[k];
			}
			bo = create(fd, size, DRM_VDGPU_REGIONS_ALL, DRM_VDGPU_REGION_VRAM);
			wait_idle(fd, bo);
			t[2] = timed_migrate(fd, bo, DRM_VDGPU_REGION_SYSTEM);
			close_bo(fd, bo);
			for (int k = 0; k < 3; k++)
				best[k] = t[k] < best[k] ? t[k] : best[k];
		}
		for (int k = 0; k < 3; k++)
			per_mib[k][i] = (double)best[k] / (size / MiB);
		printf("BENCH %5" PRIu64 "MiB %24.0f %26.0f %20.0f\n", size / MiB,
		       per_mib[0][i], per_mib[1][i], per_mib[2][i]);
	}
	/* The largest size measured: the device's VRAM may not take them all. */
	unsigned int last = n - 1;

	while (last && create_sizes[last] > info.vram_size)
		last--;
	for (int k = 0; k < 3; k++) {
		double growth = per_mib[k][last] / per_mib[k][0];

		printf("BENCH %s: %" PRIu64 " MiB costs %.2fx per MiB of %" PRIu64
		       " MiB: %s\n", what[k], create_sizes[last] / MiB,
		       growth, create_sizes[0] / MiB,
		       growth <= 1.5 ? "linear or better" : "WORSE THAN LINEAR");
	}
	close(fd);
	return 0;
}
