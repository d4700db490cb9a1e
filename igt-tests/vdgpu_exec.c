// SPDX-License-Identifier: MIT
/*
 * Copyright (c) 2026 The vdgpu authors
 */

/**
 * TEST: vdgpu exec
 * Description: DRM_IOCTL_VDGPU_EXEC: argument checks, fill/copy/checksum
 *		results across moves, syncobjs, implicit sync, and eviction
 *		driven by job submission.
 */

#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "igt.h"
#include "igt_vdgpu.h"

IGT_TEST_DESCRIPTION("vdgpu job submission and the migrations it drives");

#define SZ_1M (1ull << 20)

static int __exec(int fd, struct drm_vdgpu_exec *e)
{
	if (igt_ioctl(fd, DRM_IOCTL_VDGPU_EXEC, e))
		return -errno;
	return 0;
}

static void exec_ok(int fd, struct drm_vdgpu_exec e)
{
	igt_assert_eq(__exec(fd, &e), 0);
}

static uint32_t create(int fd, uint64_t size, uint32_t regions, uint32_t preferred)
{
	struct drm_vdgpu_gem_create c = {
		.size = size, .regions = regions, .preferred = preferred,
	};

	do_ioctl(fd, DRM_IOCTL_VDGPU_GEM_CREATE, &c);
	return c.handle;
}

static void wait_idle(int fd, uint32_t handle)
{
	struct drm_vdgpu_gem_wait w = { .handle = handle, .timeout_ns = 60ll * 1000000000 };

	do_ioctl(fd, DRM_IOCTL_VDGPU_GEM_WAIT, &w);
}

static void *map(int fd, uint32_t handle, uint64_t size)
{
	struct drm_vdgpu_gem_mmap_offset m = { .handle = handle };
	void *ptr;

	do_ioctl(fd, DRM_IOCTL_VDGPU_GEM_MMAP_OFFSET, &m);
	ptr = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_SHARED, fd, m.offset);
	igt_assert(ptr != MAP_FAILED);
	return ptr;
}

static void migrate(int fd, uint32_t handle, uint32_t region)
{
	struct drm_vdgpu_gem_migrate m = { .handle = handle, .region = region };

	do_ioctl(fd, DRM_IOCTL_VDGPU_GEM_MIGRATE, &m);
}

static uint32_t region_of(int fd, uint32_t handle)
{
	struct drm_vdgpu_gem_info i = { .handle = handle };

	do_ioctl(fd, DRM_IOCTL_VDGPU_GEM_INFO, &i);
	return i.region;
}

/* The checksum defined in the uAPI, over @n 32-bit words of @value. */
static uint64_t checksum_of_fill(uint32_t value, uint64_t n)
{
	uint64_t h = 0;

	for (uint64_t i = 0; i < n; i++)
		h = (h ^ value) * 0x100000001b3ull;
	return h;
}

static uint64_t checksum_of(const uint32_t *w, uint64_t n)
{
	uint64_t h = 0;

	for (uint64_t i = 0; i < n; i++)
		h = (h ^ w[i]) * 0x100000001b3ull;
	return h;
}

/* Checksum [offset, offset + size) of @src with the engine; read the result. */
static uint64_t gpu_checksum(int fd, uint32_t src, uint64_t offset, uint64_t size,
			     uint32_t result, volatile uint64_t *result_map)
{
	exec_ok(fd, (struct drm_vdgpu_exec){ .op = DRM_VDGPU_OP_CHECKSUM,
		.dst_handle = result, .src_handle = src, .src_offset = offset,
		.size = size });
	wait_idle(fd, result);
	return result_map[0];
}

static void test_bad_args(int fd)
{
	uint32_t a = create(fd, SZ_1M, DRM_VDGPU_REGIONS_ALL, DRM_VDGPU_REGION_VRAM);
	uint32_t b = create(fd, SZ_1M, DRM_VDGPU_REGION_SYSTEM, DRM_VDGPU_REGION_SYSTEM);
	const struct drm_vdgpu_exec fill = {
		.op = DRM_VDGPU_OP_FILL, .dst_handle = a, .size = 4096, .value = 1,
	};
	const struct drm_vdgpu_exec copy = {
		.op = DRM_VDGPU_OP_COPY, .dst_handle = b, .src_handle = a, .size = 4096,
	};
	const struct drm_vdgpu_exec sum = {
		.op = DRM_VDGPU_OP_CHECKSUM, .dst_handle = b, .src_handle = a, .size = 4096,
	};
	struct drm_vdgpu_exec e;

	exec_ok(fd, fill);
	exec_ok(fd, copy);
	exec_ok(fd, sum);

#define EXPECT(base, field, val, err) do { \
	e = (base); e.field = (val); \
	igt_assert_eq(__exec(fd, &e), -(err)); \
} while (0)

	EXPECT(fill, op, 0, EINVAL);
	EXPECT(fill, op, DRM_VDGPU_OP_CHECKSUM + 1, EINVAL);
	for (int bit = 0; bit < 32; bit++)
		EXPECT(fill, flags, 1u << bit, EINVAL);
	EXPECT(fill, pad, 1, EINVAL);
	EXPECT(fill, size, 0, EINVAL);
	EXPECT(fill, size, 4098, EINVAL);		/* not a multiple of 4 */
	EXPECT(fill, dst_offset, 2, EINVAL);		/* misaligned */
	EXPECT(fill, dst_offset, SZ_1M, EINVAL);	/* past the end */
	EXPECT(fill, dst_offset, SZ_1M - 4096 + 4, EINVAL);
	EXPECT(fill, dst_offset, ~3ull, EINVAL);	/* overflow */
	EXPECT(fill, size, SZ_1M + 4, EINVAL);
	EXPECT(fill, size, ~3ull, EINVAL);
	EXPECT(fill, value, 1ull << 32, EINVAL);	/* pattern is 32-bit */
	EXPECT(fill, src_handle, b, EINVAL);		/* FILL reads nothing */
	EXPECT(fill, src_offset, 4, EINVAL);
	EXPECT(fill, dst_handle, 0, EINVAL);
	EXPECT(fill, dst_handle, 0xdead, ENOENT);
	EXPECT(fill, in_syncobj, 0xdead, ENOENT);
	EXPECT(fill, out_syncobj, 0xdead, ENOENT);

	EXPECT(copy, src_handle, 0, EINVAL);
	EXPECT(copy, src_handle, 0xdead, ENOENT);
	EXPECT(copy, src_offset, SZ_1M - 4092, EINVAL);
	EXPECT(copy, value, 1, EINVAL);
	/* Overlapping ranges of one buffer. */
	e = copy;
	e.src_handle = b;
	e.dst_offset = 2048;
	igt_assert_eq(__exec(fd, &e), -EINVAL);
	e.dst_offset = 4096;
	igt_assert_eq(__exec(fd, &e), 0);		/* adjacent is fine */

	EXPECT(sum, dst_offset, 4, EINVAL);		/* result is 8-byte aligned */
	EXPECT(sum, dst_offset, SZ_1M - 4, EINVAL);	/* result does not fit */
	EXPECT(sum, src_handle, 0, EINVAL);

	igt_assert_eq(__exec(fd, (void *)8), -EFAULT);
	gem_close(fd, a);
	gem_close(fd, b);
#undef EXPECT
}

static void test_fill_checksum_across_moves(int fd)
{
	const uint64_t size = 2 * SZ_1M;
	uint32_t a = create(fd, size, DRM_VDGPU_REGIONS_ALL, DRM_VDGPU_REGION_VRAM);
	uint32_t r = create(fd, 4096, DRM_VDGPU_REGION_SYSTEM, DRM_VDGPU_REGION_SYSTEM);
	volatile uint64_t *res = map(fd, r, 4096);
	const uint64_t expect = checksum_of_fill(0xc0ffee01, size / 4);
	uint32_t *ptr;

	igt_assert_eq(region_of(fd, a), DRM_VDGPU_REGION_VRAM);
	/* A fresh buffer is zero; the engine sees the same. */
	igt_assert_eq_u64(gpu_checksum(fd, a, 0, size, r, res), checksum_of_fill(0, size / 4));

	exec_ok(fd, (struct drm_vdgpu_exec){ .op = DRM_VDGPU_OP_FILL,
		.dst_handle = a, .size = size, .value = 0xc0ffee01 });
	/* No explicit wait: the checksum job waits for the fill (implicit sync). */
	igt_assert_eq_u64(gpu_checksum(fd, a, 0, size, r, res), expect);

	migrate(fd, a, DRM_VDGPU_REGION_SYSTEM);
	igt_assert_eq(region_of(fd, a), DRM_VDGPU_REGION_SYSTEM);
	ptr = map(fd, a, size);
	for (uint64_t i = 0; i < size / 4; i += 1021)
		igt_assert_eq_u32(ptr[i], 0xc0ffee01);

	/* Submitting pulls it back into its preferred region, VRAM. */
	igt_assert_eq_u64(gpu_checksum(fd, a, 0, size, r, res), expect);
	igt_assert_eq(region_of(fd, a), DRM_VDGPU_REGION_VRAM);

	/* CPU writes through the mapping are what the engine reads. */
	for (uint64_t i = 0; i < size / 4; i++)
		ptr[i] = (uint32_t)(i * 2654435761u);
	igt_assert_eq_u64(gpu_checksum(fd, a, 4096, size - 8192, r, res),
			  checksum_of(ptr + 1024, (size - 8192) / 4));
	munmap(ptr, size);
	munmap((void *)res, 4096);
	gem_close(fd, a);
	gem_close(fd, r);
}

static void test_copy_between_regions(int fd)
{
	const uint64_t size = SZ_1M;
	uint32_t v = create(fd, size, DRM_VDGPU_REGION_VRAM, DRM_VDGPU_REGION_VRAM);
	uint32_t s = create(fd, size, DRM_VDGPU_REGION_SYSTEM, DRM_VDGPU_REGION_SYSTEM);
	uint32_t *vp = map(fd, v, size), *sp = map(fd, s, size);

	for (uint64_t i = 0; i < size / 4; i++)
		vp[i] = (uint32_t)i ^ 0x5a5a0000;

	/* VRAM -> system, at offsets that do not line up with pages. */
	exec_ok(fd, (struct drm_vdgpu_exec){ .op = DRM_VDGPU_OP_COPY,
		.dst_handle = s, .src_handle = v, .dst_offset = 12,
		.src_offset = 4100, .size = size - 8192 });
	wait_idle(fd, s);
	for (uint64_t i = 0; i < (size - 8192) / 4; i++)
		igt_assert_f(sp[3 + i] == ((uint32_t)(1025 + i) ^ 0x5a5a0000),
			     "word %" PRIu64 " wrong\n", i);
	igt_assert_eq_u32(sp[0], 0);
	igt_assert_eq_u32(sp[2], 0);

	/* And back, system -> VRAM. */
	exec_ok(fd, (struct drm_vdgpu_exec){ .op = DRM_VDGPU_OP_FILL,
		.dst_handle = s, .size = size, .value = 0x11223344 });
	exec_ok(fd, (struct drm_vdgpu_exec){ .op = DRM_VDGPU_OP_COPY,
		.dst_handle = v, .src_handle = s, .size = size });
	wait_idle(fd, v);
	for (uint64_t i = 0; i < size / 4; i += 257)
		igt_assert_eq_u32(vp[i], 0x11223344);
	munmap(vp, size);
	munmap(sp, size);
	gem_close(fd, v);
	gem_close(fd, s);
}

static void test_syncobj(int fd)
{
	uint32_t a = create(fd, SZ_1M, DRM_VDGPU_REGIONS_ALL, DRM_VDGPU_REGION_VRAM);
	uint32_t b = create(fd, SZ_1M, DRM_VDGPU_REGIONS_ALL, DRM_VDGPU_REGION_SYSTEM);
	uint32_t s1, s2, *bp;

	igt_assert_eq(drmSyncobjCreate(fd, 0, &s1), 0);
	igt_assert_eq(drmSyncobjCreate(fd, 0, &s2), 0);

	exec_ok(fd, (struct drm_vdgpu_exec){ .op = DRM_VDGPU_OP_FILL,
		.dst_handle = a, .size = SZ_1M, .value = 0x600d600d, .out_syncobj = s1 });
	exec_ok(fd, (struct drm_vdgpu_exec){ .op = DRM_VDGPU_OP_COPY,
		.dst_handle = b, .src_handle = a, .size = SZ_1M,
		.in_syncobj = s1, .out_syncobj = s2 });
	igt_assert_eq(drmSyncobjWait(fd, &s2, 1, INT64_MAX, 0, NULL), 0);
	igt_assert_eq(drmSyncobjWait(fd, &s1, 1, 0, 0, NULL), 0);

	bp = map(fd, b, SZ_1M);
	for (uint64_t i = 0; i < SZ_1M / 4; i += 97)
		igt_assert_eq_u32(bp[i], 0x600d600d);
	munmap(bp, SZ_1M);
	drmSyncobjDestroy(fd, s1);
	drmSyncobjDestroy(fd, s2);
	gem_close(fd, a);
	gem_close(fd, b);
}

static void test_migrate_out_syncobj(int fd)
{
	const uint64_t size = 4 * SZ_1M;
	uint32_t a = create(fd, size, DRM_VDGPU_REGIONS_ALL, DRM_VDGPU_REGION_VRAM);
	struct drm_vdgpu_gem_migrate m = {
		.handle = a, .region = DRM_VDGPU_REGION_SYSTEM,
		.flags = DRM_VDGPU_GEM_MIGRATE_NONBLOCK,
	};
	uint32_t s, *ptr;

	igt_assert_eq(drmSyncobjCreate(fd, 0, &s), 0);
	exec_ok(fd, (struct drm_vdgpu_exec){ .op = DRM_VDGPU_OP_FILL,
		.dst_handle = a, .size = size, .value = 0x0badcafe });

	m.out_syncobj = 0xdead;
	do_ioctl_err(fd, DRM_IOCTL_VDGPU_GEM_MIGRATE, &m, ENOENT);
	m.out_syncobj = s;
	m.pad2 = 1;
	do_ioctl_err(fd, DRM_IOCTL_VDGPU_GEM_MIGRATE, &m, EINVAL);
	m.pad2 = 0;
	igt_assert_eq(region_of(fd, a), DRM_VDGPU_REGION_VRAM);

	/* The move waits for the fill; the syncobj signals when both are done. */
	do_ioctl(fd, DRM_IOCTL_VDGPU_GEM_MIGRATE, &m);
	igt_assert_eq(drmSyncobjWait(fd, &s, 1, INT64_MAX, 0, NULL), 0);
	igt_assert_eq(region_of(fd, a), DRM_VDGPU_REGION_SYSTEM);
	ptr = map(fd, a, size);
	for (uint64_t i = 0; i < size / 4; i += 509)
		igt_assert_eq_u32(ptr[i], 0x0badcafe);
	munmap(ptr, size);

	/* Nothing to move: the syncobj still gets a (signalled) fence. */
	igt_assert_eq(drmSyncobjReset(fd, &s, 1), 0);
	do_ioctl(fd, DRM_IOCTL_VDGPU_GEM_MIGRATE, &m);
	igt_assert_eq(drmSyncobjWait(fd, &s, 1, 0, 0, NULL), 0);

	drmSyncobjDestroy(fd, s);
	gem_close(fd, a);
}

static void query_stats(int fd, struct drm_vdgpu_query_stats *stats)
{
	uint32_t size = sizeof(*stats);

	igt_assert_eq(__vdgpu_query(fd, DRM_VDGPU_QUERY_STATS, stats, &size), 0);
}

static void test_eviction_by_exec(void)
{
	const uint64_t bo_size = 4 * SZ_1M;
	struct drm_vdgpu_query_stats before, after;
	struct drm_vdgpu_query_device dev;
	int fd = vdgpu_open_smallest_vram(&dev);
	int n = 2 * dev.vram_size / bo_size;	/* a working set of twice VRAM */
	uint32_t *bo = calloc(n, sizeof(*bo));
	uint32_t r = create(fd, 8 * n, DRM_VDGPU_REGION_SYSTEM, DRM_VDGPU_REGION_SYSTEM);
	volatile uint64_t *res = map(fd, r, 8 * n);
	int in_vram = 0;

	query_stats(fd, &before);
	/* Created in system memory, each job pulls its buffer into VRAM. */
	for (int i = 0; i < n; i++) {
		bo[i] = create(fd, bo_size, DRM_VDGPU_REGIONS_ALL, DRM_VDGPU_REGION_VRAM);
		migrate(fd, bo[i], DRM_VDGPU_REGION_SYSTEM);
	}
	for (int i = 0; i < n; i++)
		exec_ok(fd, (struct drm_vdgpu_exec){ .op = DRM_VDGPU_OP_FILL,
			.dst_handle = bo[i], .size = bo_size, .value = 0xa0000000 + i });
	for (int i = 0; i < n; i++)
		exec_ok(fd, (struct drm_vdgpu_exec){ .op = DRM_VDGPU_OP_CHECKSUM,
			.dst_handle = r, .dst_offset = 8 * i, .src_handle = bo[i],
			.size = bo_size });
	wait_idle(fd, r);
	query_stats(fd, &after);

	for (int i = 0; i < n; i++) {
		igt_assert_f(res[i] == checksum_of_fill(0xa0000000 + i, bo_size / 4),
			     "buffer %d lost its contents\n", i);
		in_vram += region_of(fd, bo[i]) == DRM_VDGPU_REGION_VRAM;
	}
	igt_info("%d of %d buffers in VRAM; %" PRIu64 " evictions, %" PRIu64
		 " MiB to VRAM, %" PRIu64 " MiB to system\n", in_vram, n,
		 (uint64_t)(after.evictions - before.evictions),
		 (uint64_t)(after.bytes_to_vram - before.bytes_to_vram) >> 20,
		 (uint64_t)(after.bytes_to_system - before.bytes_to_system) >> 20);
	igt_assert_lt(0, in_vram);
	igt_assert_lt(in_vram, n);
	/* Every buffer went to VRAM once; at least half of them had to leave. */
	igt_assert_lte_u64(n * bo_size, after.bytes_to_vram - before.bytes_to_vram);
	igt_assert_lte_u64((uint64_t)n / 2, after.evictions - before.evictions);

	for (int i = 0; i < n; i++)
		gem_close(fd, bo[i]);
	free(bo);
	munmap((void *)res, 8 * n);
	gem_close(fd, r);
	close(fd);
}

/* GEM_INFO's count of the buffer's moves. */
static uint64_t num_moves(int fd, uint32_t handle)
{
	struct drm_vdgpu_gem_info i = { .handle = handle };

	do_ioctl(fd, DRM_IOCTL_VDGPU_GEM_INFO, &i);
	return i.num_moves;
}

/*
 * A working set of twice VRAM, each buffer with its own pattern written
 * through mmap: jobs pull the buffers into VRAM in turn (evicting the ones
 * before), then in the other order (the evicted ones come back). Each
 * job's checksum is the pattern's, and every buffer reads back byte-exact
 * through mmap, including those evicted and brought back.
 */
static void test_pattern_across_eviction(void)
{
	const uint64_t bo_size = 8 * SZ_1M;
	struct drm_vdgpu_query_stats before, after;
	struct drm_vdgpu_query_device dev;
	int fd = vdgpu_open_smallest_vram(&dev);
	int n = 2 * dev.vram_size / bo_size;
	uint32_t *bo = calloc(n, sizeof(*bo));
	uint32_t r = create(fd, 8 * n, DRM_VDGPU_REGION_SYSTEM, DRM_VDGPU_REGION_SYSTEM);
	volatile uint64_t *res = map(fd, r, 8 * n);
	char what[64];

	for (int i = 0; i < n; i++)
		bo[i] = vdgpu_create_filled(fd, bo_size, DRM_VDGPU_REGIONS_ALL,
					    DRM_VDGPU_REGION_VRAM, 0x5e000000 + i);

	/*
	 * Explicitly out of VRAM and back, checked by the engine: the last
	 * one created, in VRAM (the creations before it evicted others).
	 */
	igt_assert_eq(region_of(fd, bo[n - 1]), DRM_VDGPU_REGION_VRAM);
	migrate(fd, bo[n - 1], DRM_VDGPU_REGION_SYSTEM);
	igt_assert_eq(region_of(fd, bo[n - 1]), DRM_VDGPU_REGION_SYSTEM);
	migrate(fd, bo[n - 1], DRM_VDGPU_REGION_VRAM);
	igt_assert_eq(region_of(fd, bo[n - 1]), DRM_VDGPU_REGION_VRAM);
	igt_assert_eq_u64(vdgpu_gpu_checksum(fd, bo[n - 1], 0, bo_size),
			  vdgpu_pattern_checksum(0x5e000000 + n - 1, 0, bo_size));

	query_stats(fd, &before);
	for (int pass = 0; pass < 2; pass++) {
		for (int k = 0; k < n; k++) {
			int i = pass ? n - 1 - k : k;

			vdgpu_exec(fd, (struct drm_vdgpu_exec){ .op = DRM_VDGPU_OP_CHECKSUM,
				.dst_handle = r, .dst_offset = 8 * i, .src_handle = bo[i],
				.size = bo_size });
		}
		wait_idle(fd, r);
		for (int i = 0; i < n; i++)
			igt_assert_f(res[i] == vdgpu_pattern_checksum(0x5e000000 + i, 0, bo_size),
				     "pass %d: the engine read buffer %d wrong\n", pass, i);
	}
	query_stats(fd, &after);
	igt_info("%" PRIu64 " evictions, %" PRIu64 " MiB to VRAM, %" PRIu64
		 " MiB to system\n", (uint64_t)(after.evictions - before.evictions),
		 (uint64_t)(after.bytes_to_vram - before.bytes_to_vram) >> 20,
		 (uint64_t)(after.bytes_to_system - before.bytes_to_system) >> 20);
	/*
	 * VRAM holds at most half the set: over the two passes at least n
	 * buffers had to leave it, and as many came in.
	 */
	igt_assert_lte_u64((uint64_t)n, after.evictions - before.evictions);
	igt_assert_lte_u64(n * bo_size, after.bytes_to_system - before.bytes_to_system);
	igt_assert_lte_u64(n * bo_size, after.bytes_to_vram - before.bytes_to_vram);

	/*
	 * Validated last, bo[0] is in VRAM, after a trip out of it: used
	 * first in the first pass, it was evicted in that pass.
	 */
	igt_assert_eq(region_of(fd, bo[0]), DRM_VDGPU_REGION_VRAM);
	igt_assert_lte_u64(2, num_moves(fd, bo[0]));
	for (int i = 0; i < n; i++) {
		snprintf(what, sizeof(what), "buffer %d (%s, %" PRIu64 " moves)", i,
			 region_of(fd, bo[i]) == DRM_VDGPU_REGION_VRAM ? "VRAM" : "system",
			 num_moves(fd, bo[i]));
		vdgpu_check_filled(fd, bo[i], bo_size, 0x5e000000 + i, what);
		gem_close(fd, bo[i]);
	}
	free(bo);
	munmap((void *)res, 8 * n);
	gem_close(fd, r);
	close(fd);
}

/*
 * Eviction takes the buffer a job used least recently: VRAM full with four
 * buffers placed A, B, C, D, a job on A makes it the most recent, GEM_INFO
 * on B does not, and a fifth buffer evicts B, not A (the first placed).
 */
static void test_lru_by_use(void)
{
	struct drm_vdgpu_query_device dev;
	int fd = vdgpu_open_smallest_vram(&dev);
	const uint64_t size = dev.vram_size / 4;
	uint32_t bo[5];

	igt_require_f(vdgpu_wait_region_used(fd, DRM_VDGPU_MEM_VRAM, 0, 5ll * 1000000000) == 0,
		      "VRAM of the device in use before the test\n");
	for (int i = 0; i < 4; i++) {
		bo[i] = vdgpu_create_filled(fd, size, DRM_VDGPU_REGIONS_ALL,
					    DRM_VDGPU_REGION_VRAM, 0x1e000000 + i);
		igt_assert_eq(region_of(fd, bo[i]), DRM_VDGPU_REGION_VRAM);
	}
	igt_assert_eq_u64(vdgpu_gpu_checksum(fd, bo[0], 0, size),
			  vdgpu_pattern_checksum(0x1e000000, 0, size));
	/* Asking where B is does not count as using it. */
	igt_assert_eq(region_of(fd, bo[1]), DRM_VDGPU_REGION_VRAM);

	bo[4] = create(fd, size, DRM_VDGPU_REGIONS_ALL, DRM_VDGPU_REGION_VRAM);
	igt_assert_eq(region_of(fd, bo[4]), DRM_VDGPU_REGION_VRAM);
	igt_assert_f(region_of(fd, bo[0]) == DRM_VDGPU_REGION_VRAM,
		     "the buffer a job has just used was evicted\n");
	igt_assert_f(region_of(fd, bo[1]) == DRM_VDGPU_REGION_SYSTEM,
		     "the least recently used buffer was not evicted\n");
	igt_assert_eq(region_of(fd, bo[2]), DRM_VDGPU_REGION_VRAM);
	igt_assert_eq(region_of(fd, bo[3]), DRM_VDGPU_REGION_VRAM);
	for (int i = 0; i < 4; i++)
		vdgpu_check_filled(fd, bo[i], size, 0x1e000000 + i, "after the eviction");
	for (int i = 0; i < 5; i++)
		gem_close(fd, bo[i]);
	close(fd);
}

igt_main
{
	static int fd = -1;

	igt_fixture
		fd = drm_open_driver_render(DRIVER_ANY);

	igt_describe("Unknown ops, flags, padding, ranges and handles get exact errnos");
	igt_subtest("bad-args")
		test_bad_args(fd);

	igt_describe("Fill and checksum agree with the CPU across VRAM and system moves");
	igt_subtest("fill-checksum-across-moves")
		test_fill_checksum_across_moves(fd);

	igt_describe("Copies between VRAM and system memory at unaligned offsets");
	igt_subtest("copy-between-regions")
		test_copy_between_regions(fd);

	igt_describe("in/out syncobjs order jobs and signal");
	igt_subtest("syncobj")
		test_syncobj(fd);

	igt_describe("GEM_MIGRATE hands its move fence to a syncobj");
	igt_subtest("migrate-out-syncobj")
		test_migrate_out_syncobj(fd);

	igt_describe("A working set of twice VRAM driven by jobs keeps its data");
	igt_subtest("eviction-by-exec")
		test_eviction_by_exec();

	igt_describe("Eviction takes the buffer jobs used least recently");
	igt_subtest("lru-by-use")
		test_lru_by_use();

	igt_describe("Patterns written through mmap survive eviction and return, checked by the engine and the CPU");
	igt_subtest("pattern-across-eviction")
		test_pattern_across_eviction();

	igt_fixture
		close(fd);
}
