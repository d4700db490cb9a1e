// SPDX-License-Identifier: MIT
/*
 * Copyright (c) 2026 The vdgpu authors
 */

/**
 * TEST: vdgpu gem
 * Description: Buffer objects: creation and placement, zero-fill, CPU
 *		mappings, migration between system memory and VRAM, eviction
 *		under VRAM pressure, waiting, per-buffer info and per-region
 *		usage accounting.
 */

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>
#include <xf86drm.h>

#include "igt.h"
#include "igt_vdgpu.h"

IGT_TEST_DESCRIPTION("vdgpu GEM ioctls: create, mmap, migrate, wait, info");

#define SZ_1M		(1ull << 20)
#define SYS		DRM_VDGPU_REGION_SYSTEM
#define VRAM		DRM_VDGPU_REGION_VRAM
#define ALL		DRM_VDGPU_REGIONS_ALL
#define CPU_ACCESS	DRM_VDGPU_GEM_CREATE_NEEDS_CPU_ACCESS
#define NONBLOCK	DRM_VDGPU_GEM_MIGRATE_NONBLOCK

/* Timeouts, in ns: a move or a deferred free on a slow emulated guest. */
#define MOVE_TIMEOUT_NS		(10ll * 1000 * 1000 * 1000)
#define FREE_TIMEOUT_NS		(1000ll * 1000 * 1000)

static uint64_t page_size;

/* The value of 8-byte word @word of a buffer filled with @seed; never 0. */
static uint64_t pattern(uint32_t seed, uint64_t word)
{
	return (uint64_t)seed << 32 | (uint32_t)(word + 1);
}

/*
 * Full patterns write every word; sparse ones three words of each page (its
 * first, middle and last), enough to tell pages and buffers apart without
 * paying for the whole buffer.
 */
static void write_pattern(void *ptr, uint64_t size, uint32_t seed, bool sparse)
{
	volatile uint64_t *p = ptr;
	uint64_t words = size / 8, wpp = page_size / 8;

	if (!sparse) {
		for (uint64_t i = 0; i < words; i++)
			p[i] = pattern(seed, i);
		return;
	}
	for (uint64_t pg = 0; pg < words; pg += wpp) {
		p[pg] = pattern(seed, pg);
		p[pg + wpp / 2] = pattern(seed, pg + wpp / 2);
		p[pg + wpp - 1] = pattern(seed, pg + wpp - 1);
	}
}

static void check_word(volatile uint64_t *p, uint64_t i, uint32_t seed, const char *what)
{
	uint64_t v = p[i];

	igt_assert_f(v == pattern(seed, i),
		     "%s: word %" PRIu64 " (offset %#" PRIx64 ") is %#" PRIx64
		     ", expected %#" PRIx64 "\n",
		     what, i, i * 8, v, pattern(seed, i));
}

static void check_pattern(void *ptr, uint64_t size, uint32_t seed, bool sparse,
			  const char *what)
{
	volatile uint64_t *p = ptr;
	uint64_t words = size / 8, wpp = page_size / 8;

	if (!sparse) {
		for (uint64_t i = 0; i < words; i++)
			check_word(p, i, seed, what);
		return;
	}
	for (uint64_t pg = 0; pg < words; pg += wpp) {
		check_word(p, pg, seed, what);
		check_word(p, pg + wpp / 2, seed, what);
		check_word(p, pg + wpp - 1, seed, what);
	}
}

static void check_zero(void *ptr, uint64_t size, const char *what)
{
	volatile uint64_t *p = ptr;

	for (uint64_t i = 0; i < size / 8; i++) {
		uint64_t v = p[i];

		igt_assert_f(v == 0, "%s: word %" PRIu64 " (offset %#" PRIx64
			     ") of a new buffer is %#" PRIx64 "\n",
			     what, i, i * 8, v);
	}
}

static uint64_t round_up_page(uint64_t size)
{
	return (size + page_size - 1) / page_size * page_size;
}

static void check_info(int fd, uint32_t handle, uint32_t region, uint64_t num_moves)
{
	struct drm_vdgpu_gem_info info;

	vdgpu_gem_info(fd, handle, &info);
	igt_assert_eq_u32(info.region, region);
	igt_assert_eq_u64(info.num_moves, num_moves);
}

static uint32_t info_region(int fd, uint32_t handle)
{
	struct drm_vdgpu_gem_info info;

	vdgpu_gem_info(fd, handle, &info);
	igt_assert_f(info.region == SYS || info.region == VRAM,
		     "handle %u in region %#x\n", handle, info.region);
	return info.region;
}

/* Waits for used_size of @class to stop changing (frees of earlier tests). */
static uint64_t stable_used(int fd, uint16_t class)
{
	struct timespec start = {};
	uint64_t used = vdgpu_region_used(fd, class), prev;
	int same = 0;

	igt_nsec_elapsed(&start);
	while (same < 3 && igt_nsec_elapsed(&start) < 2 * FREE_TIMEOUT_NS) {
		usleep(50000);
		prev = used;
		used = vdgpu_region_used(fd, class);
		same = used == prev ? same + 1 : 0;
	}
	return used;
}

static void test_create_bad_args(int fd, const struct drm_vdgpu_query_device *dev)
{
	struct drm_vdgpu_gem_create c;
	const struct drm_vdgpu_gem_create valid = {
		.size = page_size,
		.regions = ALL,
		.preferred = VRAM,
	};
	static const struct {
		uint32_t regions, preferred;
	} bad_pref[] = {
		{ SYS, VRAM },
		{ VRAM, SYS },
		{ SYS, 0 },
		{ VRAM, 0 },
		{ ALL, 0 },
		{ ALL, ALL },
		{ SYS, ALL },
		{ VRAM, ALL },
	};
	struct drm_vdgpu_gem_info info;

	/* Size 0, whatever the placement. */
	c = valid;
	c.size = 0;
	do_ioctl_err(fd, DRM_IOCTL_VDGPU_GEM_CREATE, &c, EINVAL);
	c = valid;
	c.size = 0;
	c.regions = SYS;
	c.preferred = SYS;
	do_ioctl_err(fd, DRM_IOCTL_VDGPU_GEM_CREATE, &c, EINVAL);

	/* Every padding bit. */
	for (int bit = 0; bit < 64; bit++) {
		c = valid;
		c.pad = 1ull << bit;
		do_ioctl_err(fd, DRM_IOCTL_VDGPU_GEM_CREATE, &c, EINVAL);
	}

	/* Every unknown flag, alone and next to the known one. */
	for (int bit = 1; bit < 32; bit++) {
		c = valid;
		c.flags = 1u << bit;
		do_ioctl_err(fd, DRM_IOCTL_VDGPU_GEM_CREATE, &c, EINVAL);
		c.flags |= CPU_ACCESS;
		do_ioctl_err(fd, DRM_IOCTL_VDGPU_GEM_CREATE, &c, EINVAL);
	}

	/* No region at all. */
	c = valid;
	c.regions = 0;
	c.preferred = 0;
	do_ioctl_err(fd, DRM_IOCTL_VDGPU_GEM_CREATE, &c, EINVAL);
	c.preferred = SYS;
	do_ioctl_err(fd, DRM_IOCTL_VDGPU_GEM_CREATE, &c, EINVAL);
	c.preferred = VRAM;
	do_ioctl_err(fd, DRM_IOCTL_VDGPU_GEM_CREATE, &c, EINVAL);

	/* Unknown region bits, in the mask and as the preferred region. */
	for (int bit = 2; bit < 32; bit++) {
		c = valid;
		c.regions = ALL | 1u << bit;
		do_ioctl_err(fd, DRM_IOCTL_VDGPU_GEM_CREATE, &c, EINVAL);
		c.regions = 1u << bit;
		c.preferred = 1u << bit;
		do_ioctl_err(fd, DRM_IOCTL_VDGPU_GEM_CREATE, &c, EINVAL);
		c.regions = ALL | 1u << bit;
		do_ioctl_err(fd, DRM_IOCTL_VDGPU_GEM_CREATE, &c, EINVAL);
		c.regions = ALL;
		do_ioctl_err(fd, DRM_IOCTL_VDGPU_GEM_CREATE, &c, EINVAL);
	}

	/* Preferred not exactly one bit of the mask. */
	for (int i = 0; i < ARRAY_SIZE(bad_pref); i++) {
		c = valid;
		c.regions = bad_pref[i].regions;
		c.preferred = bad_pref[i].preferred;
		do_ioctl_err(fd, DRM_IOCTL_VDGPU_GEM_CREATE, &c, EINVAL);
	}

	/* Larger than every allowed region. */
	c = valid;
	c.regions = VRAM;
	c.preferred = VRAM;
	c.size = dev->vram_size * 2;
	do_ioctl_err(fd, DRM_IOCTL_VDGPU_GEM_CREATE, &c, E2BIG);
	c.size = dev->vram_size + 1;
	do_ioctl_err(fd, DRM_IOCTL_VDGPU_GEM_CREATE, &c, E2BIG);
	c.size = 1ull << 50;
	do_ioctl_err(fd, DRM_IOCTL_VDGPU_GEM_CREATE, &c, E2BIG);
	c.flags = CPU_ACCESS;
	do_ioctl_err(fd, DRM_IOCTL_VDGPU_GEM_CREATE, &c, E2BIG);
	c = valid;
	c.size = 1ull << 50;
	do_ioctl_err(fd, DRM_IOCTL_VDGPU_GEM_CREATE, &c, E2BIG);
	c.preferred = SYS;
	do_ioctl_err(fd, DRM_IOCTL_VDGPU_GEM_CREATE, &c, E2BIG);
	c.regions = SYS;
	do_ioctl_err(fd, DRM_IOCTL_VDGPU_GEM_CREATE, &c, E2BIG);
	/* Sizes whose rounding up to a page would wrap around. */
	for (uint64_t size = ~0ull - page_size; size; size = size < ~0ull ? size + 1 : 0) {
		c = valid;
		c.size = size;
		do_ioctl_err(fd, DRM_IOCTL_VDGPU_GEM_CREATE, &c, E2BIG);
		igt_assert_eq_u64(c.size, size);
	}

	/* The argument at a bad address. */
	igt_assert_eq(igt_ioctl(fd, DRM_IOCTL_VDGPU_GEM_CREATE, (void *)8), -1);
	igt_assert_eq(errno, EFAULT);
	igt_assert_eq(igt_ioctl(fd, DRM_IOCTL_VDGPU_GEM_CREATE, (void *)-4096l), -1);
	igt_assert_eq(errno, EFAULT);

	/*
	 * None of that created anything: handles are allocated from 1 up, so
	 * a leaked buffer would sit at handle 1.
	 */
	igt_assert_eq(__vdgpu_gem_info(fd, 1, &info), -ENOENT);

	/* And the device still works. */
	c = valid;
	do_ioctl(fd, DRM_IOCTL_VDGPU_GEM_CREATE, &c);
	igt_assert_neq(c.handle, 0);
	igt_assert_eq_u64(c.size, page_size);
	gem_close(fd, c.handle);
}

static void test_create_regions(int fd, const struct drm_vdgpu_query_device *dev)
{
	static const struct {
		uint32_t regions, preferred, flags;
	} cases[] = {
		{ SYS, SYS, 0 },
		{ VRAM, VRAM, 0 },
		{ ALL, SYS, 0 },
		{ ALL, VRAM, 0 },
		{ SYS, SYS, CPU_ACCESS },
		{ VRAM, VRAM, CPU_ACCESS },
		{ ALL, SYS, CPU_ACCESS },
		{ ALL, VRAM, CPU_ACCESS },
	};
	const uint64_t sizes[] = {
		1, page_size - 1, page_size, page_size + 1, 3 * page_size - 1,
		SZ_1M, SZ_1M + 1,
	};
	uint32_t handles[ARRAY_SIZE(cases) * ARRAY_SIZE(sizes)];
	bool all_visible = dev->cpu_visible_vram_size == dev->vram_size;
	int n = 0;

	for (int i = 0; i < ARRAY_SIZE(cases); i++) {
		for (int j = 0; j < ARRAY_SIZE(sizes); j++) {
			struct drm_vdgpu_gem_create c = {
				.size = sizes[j],
				.regions = cases[i].regions,
				.preferred = cases[i].preferred,
				.flags = cases[i].flags,
				.handle = 0xdeadbeef,	/* out only: ignored */
			};
			struct drm_vdgpu_gem_info info;
			uint64_t size = round_up_page(sizes[j]);

			do_ioctl(fd, DRM_IOCTL_VDGPU_GEM_CREATE, &c);
			igt_assert_eq_u64(c.size, size);
			igt_assert_neq(c.handle, 0);
			igt_assert_eq_u32(c.regions, cases[i].regions);
			igt_assert_eq_u32(c.preferred, cases[i].preferred);
			igt_assert_eq_u32(c.flags, cases[i].flags);
			igt_assert_eq_u64(c.pad, 0);
			for (int k = 0; k < n; k++)
				igt_assert_neq(handles[k], c.handle);
			handles[n++] = c.handle;

			/* Out-only fields of INFO are ignored on input. */
			memset(&info, 0xa5, sizeof(info));
			info.handle = c.handle;
			info.flags = 0;
			info.pad = 0;
			do_ioctl(fd, DRM_IOCTL_VDGPU_GEM_INFO, &info);

			igt_assert_eq_u32(info.handle, c.handle);
			igt_assert_eq_u32(info.flags, 0);
			igt_assert_eq_u64(info.size, size);
			igt_assert_eq_u32(info.region, cases[i].preferred);
			igt_assert_eq_u32(info.regions, cases[i].regions);
			igt_assert_eq_u32(info.preferred, cases[i].preferred);
			igt_assert_eq_u32(info.create_flags, cases[i].flags);
			igt_assert_eq_u32(info.pin_count, 0);
			igt_assert_eq_u64(info.num_moves, 0);
			if (info.region == SYS || all_visible ||
			    (cases[i].flags & CPU_ACCESS))
				igt_assert_eq_u32(info.cpu_visible, 1);
			else
				igt_assert_eq_u32(info.cpu_visible & ~1u, 0);
			igt_assert_eq_u64(info.pad, 0);
		}
	}

	for (int k = 0; k < n; k++) {
		struct drm_vdgpu_gem_info info;

		gem_close(fd, handles[k]);
		igt_assert_eq(__vdgpu_gem_info(fd, handles[k], &info), -ENOENT);
	}
}

static void test_zero_fill(int fd, uint32_t region)
{
	const uint64_t size = 2 * SZ_1M;

	for (int round = 0; round < 8; round++) {
		uint64_t got = size;
		uint32_t handle;
		void *ptr;

		igt_assert_eq(__vdgpu_gem_create(fd, &got, region, region, 0, &handle), 0);
		igt_assert_eq_u64(got, size);
		check_info(fd, handle, region, 0);

		ptr = vdgpu_gem_mmap(fd, handle, size, PROT_READ | PROT_WRITE);
		check_zero(ptr, size, region == VRAM ? "VRAM" : "system");

		/* Leave garbage behind for the next owner of this memory. */
		write_pattern(ptr, size, round + 1, false);
		check_pattern(ptr, size, round + 1, true, "written");
		check_info(fd, handle, region, 0);

		igt_assert_eq(munmap(ptr, size), 0);
		gem_close(fd, handle);
	}
}

static void test_mmap_bad_args(int fd)
{
	struct drm_vdgpu_gem_mmap_offset arg;
	const uint64_t size = 4 * page_size;
	uint32_t handle, closed;
	uint64_t offset;
	void *ptr;
	int fd2;

	handle = vdgpu_gem_create(fd, size, ALL, VRAM, 0);
	closed = vdgpu_gem_create(fd, size, ALL, VRAM, 0);
	gem_close(fd, closed);

	for (int bit = 0; bit < 32; bit++) {
		arg = (struct drm_vdgpu_gem_mmap_offset){ .handle = handle,
							  .flags = 1u << bit };
		do_ioctl_err(fd, DRM_IOCTL_VDGPU_GEM_MMAP_OFFSET, &arg, EINVAL);
	}
	for (int bit = 0; bit < 64; bit++) {
		arg = (struct drm_vdgpu_gem_mmap_offset){ .handle = handle,
							  .pad = 1ull << bit };
		do_ioctl_err(fd, DRM_IOCTL_VDGPU_GEM_MMAP_OFFSET, &arg, EINVAL);
	}

	arg = (struct drm_vdgpu_gem_mmap_offset){ .handle = 0 };
	do_ioctl_err(fd, DRM_IOCTL_VDGPU_GEM_MMAP_OFFSET, &arg, ENOENT);
	arg = (struct drm_vdgpu_gem_mmap_offset){ .handle = closed };
	do_ioctl_err(fd, DRM_IOCTL_VDGPU_GEM_MMAP_OFFSET, &arg, ENOENT);
	arg = (struct drm_vdgpu_gem_mmap_offset){ .handle = 0xdeadbeef };
	do_ioctl_err(fd, DRM_IOCTL_VDGPU_GEM_MMAP_OFFSET, &arg, ENOENT);
	arg = (struct drm_vdgpu_gem_mmap_offset){ .handle = ~0u };
	do_ioctl_err(fd, DRM_IOCTL_VDGPU_GEM_MMAP_OFFSET, &arg, ENOENT);

	igt_assert_eq(igt_ioctl(fd, DRM_IOCTL_VDGPU_GEM_MMAP_OFFSET, (void *)8), -1);
	igt_assert_eq(errno, EFAULT);

	/* A valid call; @offset is out only, garbage in it is ignored. */
	arg = (struct drm_vdgpu_gem_mmap_offset){ .handle = handle,
						  .offset = 0xdeadbeef000ull };
	do_ioctl(fd, DRM_IOCTL_VDGPU_GEM_MMAP_OFFSET, &arg);
	igt_assert_neq_u64(arg.offset, 0);
	igt_assert_eq_u64(arg.offset % page_size, 0);
	offset = arg.offset;

	/* DRM core: no mapping past the end of the buffer... */
	ptr = mmap(NULL, size + page_size, PROT_READ | PROT_WRITE, MAP_SHARED, fd, offset);
	igt_assert(ptr == MAP_FAILED);
	igt_assert_eq(errno, EINVAL);

	/* ...nor through another open file of the same device. */
	fd2 = vdgpu_reopen(fd);
	ptr = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_SHARED, fd2, offset);
	igt_assert(ptr == MAP_FAILED);
	igt_assert_eq(errno, EACCES);
	close(fd2);

	/* The right one works. */
	ptr = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_SHARED, fd, offset);
	igt_assert(ptr != MAP_FAILED);
	write_pattern(ptr, size, 7, false);
	check_pattern(ptr, size, 7, false, "mapping");
	igt_assert_eq(munmap(ptr, size), 0);
	gem_close(fd, handle);
}

static void test_migrate_roundtrip(int fd, bool nonblock)
{
	const uint64_t size = 2 * SZ_1M;
	const uint32_t flags = nonblock ? NONBLOCK : 0;
	void *map1, *map2, *map3;
	uint32_t handle;

	handle = vdgpu_gem_create(fd, size, ALL, VRAM, 0);
	check_info(fd, handle, VRAM, 0);
	map1 = vdgpu_gem_mmap(fd, handle, size, PROT_READ | PROT_WRITE);
	write_pattern(map1, size, 1, false);

	/* VRAM -> system. */
	vdgpu_gem_migrate(fd, handle, SYS, flags);
	if (nonblock) {
		/* The old mapping faults in once the copy has landed. */
		check_pattern(map1, size, 1, false, "old mapping, move to system in flight");
		vdgpu_gem_wait(fd, handle, MOVE_TIMEOUT_NS);
	}
	/* Done now: a blocking migrate returns after the move. */
	igt_assert_eq(__vdgpu_gem_wait(fd, handle, 0), 0);
	check_info(fd, handle, SYS, 1);

	map2 = vdgpu_gem_mmap(fd, handle, size, PROT_READ | PROT_WRITE);
	check_pattern(map2, size, 1, false, "new mapping, in system");
	check_pattern(map1, size, 1, false, "old mapping, in system");

	/* System -> VRAM, with new contents written through the old mapping. */
	if (nonblock) {
		vdgpu_gem_migrate(fd, handle, VRAM, flags);
		/* Written while the move may still run: must not be lost. */
		write_pattern(map1, size, 2, false);
		vdgpu_gem_wait(fd, handle, MOVE_TIMEOUT_NS);
	} else {
		write_pattern(map1, size, 2, false);
		vdgpu_gem_migrate(fd, handle, VRAM, flags);
	}
	igt_assert_eq(__vdgpu_gem_wait(fd, handle, 0), 0);
	check_info(fd, handle, VRAM, 2);

	map3 = vdgpu_gem_mmap(fd, handle, size, PROT_READ | PROT_WRITE);
	check_pattern(map3, size, 2, false, "new mapping, in VRAM");
	check_pattern(map2, size, 2, false, "second mapping, in VRAM");
	check_pattern(map1, size, 2, false, "old mapping, in VRAM");

	/* CPU access to a CPU-visible buffer did not move it. */
	check_info(fd, handle, VRAM, 2);

	/* And once more to system, where the mappings keep working. */
	vdgpu_gem_migrate(fd, handle, SYS, flags);
	vdgpu_gem_wait(fd, handle, MOVE_TIMEOUT_NS);
	check_info(fd, handle, SYS, 3);
	check_pattern(map3, size, 2, false, "third mapping, back in system");

	munmap(map1, size);
	munmap(map2, size);
	munmap(map3, size);
	gem_close(fd, handle);
}

/*
 * A move out of VRAM frees its range at once, behind the VRAM manager's
 * move fence: a buffer created there right away must be cleared and
 * written only after the move's copy has read the old contents. VRAM is
 * filled so that the new buffer can only go where the moved one was.
 */
static void test_migrate_out_reuse(void)
{
	const uint64_t size = 16 * SZ_1M;
	struct drm_vdgpu_query_device dev;
	uint32_t filler, moved, reused;
	void *map;
	int fd;

	fd = vdgpu_open_smallest_vram(&dev);
	filler = vdgpu_gem_create(fd, dev.vram_size - size, VRAM, VRAM, 0);
	moved = vdgpu_gem_create(fd, size, ALL, VRAM, 0);
	check_info(fd, moved, VRAM, 0);
	map = vdgpu_gem_mmap(fd, moved, size, PROT_READ | PROT_WRITE);
	write_pattern(map, size, 5, false);
	munmap(map, size);

	vdgpu_gem_migrate(fd, moved, SYS, NONBLOCK);
	reused = vdgpu_gem_create(fd, size, VRAM, VRAM, 0);
	map = vdgpu_gem_mmap(fd, reused, size, PROT_READ | PROT_WRITE);
	check_zero(map, size, "VRAM a move out of VRAM had just left");
	write_pattern(map, size, 6, false);

	vdgpu_gem_wait(fd, moved, MOVE_TIMEOUT_NS);
	check_info(fd, moved, SYS, 1);
	check_pattern(map, size, 6, false, "buffer in the VRAM the move left");
	munmap(map, size);
	map = vdgpu_gem_mmap(fd, moved, size, PROT_READ);
	check_pattern(map, size, 5, false, "moved out of VRAM, then its range reused");
	munmap(map, size);

	gem_close(fd, reused);
	gem_close(fd, moved);
	gem_close(fd, filler);
	close(fd);
}

static void test_migrate_noop(int fd)
{
	const uint64_t size = SZ_1M;
	uint32_t both, vram_only, sys_only;
	void *ptr;

	both = vdgpu_gem_create(fd, size, ALL, VRAM, 0);
	vram_only = vdgpu_gem_create(fd, size, VRAM, VRAM, 0);
	sys_only = vdgpu_gem_create(fd, size, SYS, SYS, 0);
	ptr = vdgpu_gem_mmap(fd, both, size, PROT_READ | PROT_WRITE);
	write_pattern(ptr, size, 3, true);
	/* Let clears of the new buffers (maybe asynchronous) finish. */
	vdgpu_gem_wait(fd, both, MOVE_TIMEOUT_NS);
	vdgpu_gem_wait(fd, vram_only, MOVE_TIMEOUT_NS);
	vdgpu_gem_wait(fd, sys_only, MOVE_TIMEOUT_NS);

	for (int i = 0; i < 2; i++) {
		uint32_t flags = i ? NONBLOCK : 0;

		vdgpu_gem_migrate(fd, both, VRAM, flags);
		vdgpu_gem_migrate(fd, vram_only, VRAM, flags);
		vdgpu_gem_migrate(fd, sys_only, SYS, flags);
		/* Nothing was queued, so nothing to wait for. */
		igt_assert_eq(__vdgpu_gem_wait(fd, both, 0), 0);
		igt_assert_eq(__vdgpu_gem_wait(fd, vram_only, 0), 0);
		igt_assert_eq(__vdgpu_gem_wait(fd, sys_only, 0), 0);
		check_info(fd, both, VRAM, 0);
		check_info(fd, vram_only, VRAM, 0);
		check_info(fd, sys_only, SYS, 0);
	}

	/* One real move, then no-ops where it landed. */
	vdgpu_gem_migrate(fd, both, SYS, 0);
	check_info(fd, both, SYS, 1);
	vdgpu_gem_migrate(fd, both, SYS, 0);
	vdgpu_gem_migrate(fd, both, SYS, NONBLOCK);
	vdgpu_gem_wait(fd, both, MOVE_TIMEOUT_NS);
	check_info(fd, both, SYS, 1);
	check_pattern(ptr, size, 3, true, "after no-op migrations");

	munmap(ptr, size);
	gem_close(fd, both);
	gem_close(fd, vram_only);
	gem_close(fd, sys_only);
}

static void test_migrate_bad_args(int fd)
{
	struct drm_vdgpu_gem_migrate m;
	uint32_t both, vram_only, sys_only, closed;

	both = vdgpu_gem_create(fd, SZ_1M, ALL, VRAM, 0);
	vram_only = vdgpu_gem_create(fd, SZ_1M, VRAM, VRAM, 0);
	sys_only = vdgpu_gem_create(fd, SZ_1M, SYS, SYS, 0);
	closed = vdgpu_gem_create(fd, SZ_1M, ALL, VRAM, 0);
	gem_close(fd, closed);

	for (int bit = 1; bit < 32; bit++) {
		m = (struct drm_vdgpu_gem_migrate){ .handle = both, .region = SYS,
						    .flags = 1u << bit };
		do_ioctl_err(fd, DRM_IOCTL_VDGPU_GEM_MIGRATE, &m, EINVAL);
		m.flags |= NONBLOCK;
		do_ioctl_err(fd, DRM_IOCTL_VDGPU_GEM_MIGRATE, &m, EINVAL);
	}
	for (int bit = 0; bit < 32; bit++) {
		m = (struct drm_vdgpu_gem_migrate){ .handle = both, .region = SYS,
						    .pad = 1u << bit };
		do_ioctl_err(fd, DRM_IOCTL_VDGPU_GEM_MIGRATE, &m, EINVAL);
	}

	/* Not exactly one known region bit. */
	m = (struct drm_vdgpu_gem_migrate){ .handle = both, .region = 0 };
	do_ioctl_err(fd, DRM_IOCTL_VDGPU_GEM_MIGRATE, &m, EINVAL);
	m.region = ALL;
	do_ioctl_err(fd, DRM_IOCTL_VDGPU_GEM_MIGRATE, &m, EINVAL);
	m.flags = NONBLOCK;
	do_ioctl_err(fd, DRM_IOCTL_VDGPU_GEM_MIGRATE, &m, EINVAL);
	for (int bit = 2; bit < 32; bit++) {
		m = (struct drm_vdgpu_gem_migrate){ .handle = both, .region = 1u << bit };
		do_ioctl_err(fd, DRM_IOCTL_VDGPU_GEM_MIGRATE, &m, EINVAL);
		m.region |= SYS;
		do_ioctl_err(fd, DRM_IOCTL_VDGPU_GEM_MIGRATE, &m, EINVAL);
	}

	/* A region the buffer may not use. */
	for (int i = 0; i < 2; i++) {
		uint32_t flags = i ? NONBLOCK : 0;

		m = (struct drm_vdgpu_gem_migrate){ .handle = vram_only, .region = SYS,
						    .flags = flags };
		do_ioctl_err(fd, DRM_IOCTL_VDGPU_GEM_MIGRATE, &m, EINVAL);
		m = (struct drm_vdgpu_gem_migrate){ .handle = sys_only, .region = VRAM,
						    .flags = flags };
		do_ioctl_err(fd, DRM_IOCTL_VDGPU_GEM_MIGRATE, &m, EINVAL);
	}

	/* Bad handles. */
	m = (struct drm_vdgpu_gem_migrate){ .handle = 0, .region = SYS };
	do_ioctl_err(fd, DRM_IOCTL_VDGPU_GEM_MIGRATE, &m, ENOENT);
	m.handle = closed;
	do_ioctl_err(fd, DRM_IOCTL_VDGPU_GEM_MIGRATE, &m, ENOENT);
	m.handle = ~0u;
	do_ioctl_err(fd, DRM_IOCTL_VDGPU_GEM_MIGRATE, &m, ENOENT);
	m.flags = NONBLOCK;
	do_ioctl_err(fd, DRM_IOCTL_VDGPU_GEM_MIGRATE, &m, ENOENT);

	igt_assert_eq(igt_ioctl(fd, DRM_IOCTL_VDGPU_GEM_MIGRATE, (void *)8), -1);
	igt_assert_eq(errno, EFAULT);

	/* Nothing moved. */
	igt_assert_eq(__vdgpu_gem_wait(fd, both, MOVE_TIMEOUT_NS), 0);
	check_info(fd, both, VRAM, 0);
	check_info(fd, vram_only, VRAM, 0);
	check_info(fd, sys_only, SYS, 0);

	gem_close(fd, both);
	gem_close(fd, vram_only);
	gem_close(fd, sys_only);
}

static void test_eviction(void)
{
	const uint64_t bo_size = 4 * SZ_1M;
	struct drm_vdgpu_memory_region regions[2];
	struct drm_vdgpu_query_device dev;
	uint32_t *evictable, *vram_only;
	uint64_t vram_bytes = 0, used;
	int fd, n, max_vram_only, n_vram_only = 0, in_sys = 0, ret = 0;
	void **maps;

	fd = vdgpu_open_smallest_vram(&dev);
	igt_info("using the device with %" PRIu64 " MiB of VRAM\n",
		 (uint64_t)dev.vram_size >> 20);

	/* About 1.5x VRAM of buffers that may live in either region. */
	n = (dev.vram_size * 3 / 2 + bo_size - 1) / bo_size;
	igt_require_f(n * bo_size <= 512 * SZ_1M,
		      "VRAM too large to overcommit within guest memory\n");
	max_vram_only = dev.vram_size / bo_size;

	evictable = calloc(n, sizeof(*evictable));
	maps = calloc(n, sizeof(*maps));
	vram_only = calloc(max_vram_only + 2, sizeof(*vram_only));
	igt_assert(evictable && maps && vram_only);

	for (int i = 0; i < n; i++) {
		evictable[i] = vdgpu_gem_create(fd, bo_size, ALL, VRAM, 0);
		maps[i] = vdgpu_gem_mmap(fd, evictable[i], bo_size,
					 PROT_READ | PROT_WRITE);
		write_pattern(maps[i], bo_size, i + 1, true);
	}

	for (int i = 0; i < n; i++) {
		char what[64];

		snprintf(what, sizeof(what), "buffer %d of %d", i, n);
		check_pattern(maps[i], bo_size, i + 1, true, what);
		if (info_region(fd, evictable[i]) == SYS)
			in_sys++;
		else
			vram_bytes += bo_size;
	}
	igt_info("%d of %d buffers in system memory\n", in_sys, n);
	igt_assert_lt(0, in_sys);
	igt_assert_lte_u64(vram_bytes, dev.vram_size);

	igt_assert_eq(vdgpu_query_regions(fd, regions, 2), 2);
	igt_assert_eq(regions[1].mem_class, DRM_VDGPU_MEM_VRAM);
	igt_assert_lte_u64(regions[1].used_size, regions[1].total_size);
	igt_assert_lte_u64(vram_bytes, regions[1].used_size);

	/*
	 * VRAM-only buffers push everything else out, until nothing evictable
	 * is left and VRAM is full.
	 */
	for (n_vram_only = 0; n_vram_only <= max_vram_only; n_vram_only++) {
		uint64_t size = bo_size;

		ret = __vdgpu_gem_create(fd, &size, VRAM, VRAM, 0, &vram_only[n_vram_only]);
		if (ret)
			break;
		igt_assert_eq(info_region(fd, vram_only[n_vram_only]), VRAM);
	}
	igt_info("%d VRAM-only buffers fit\n", n_vram_only);
	igt_assert_eq(ret, -ENOSPC);
	igt_assert_lte_u64(n_vram_only * bo_size, dev.vram_size);
	igt_assert_lte_u64(dev.vram_size / 2, n_vram_only * bo_size);

	used = vdgpu_region_used(fd, DRM_VDGPU_MEM_VRAM);
	igt_assert_lte_u64(n_vram_only * bo_size, used);
	igt_assert_lte_u64(used, dev.vram_size);

	/* Everything evictable went to system memory, contents intact. */
	for (int i = 0; i < n; i++) {
		char what[64];

		igt_assert_f(info_region(fd, evictable[i]) == SYS,
			     "evictable buffer %d still in VRAM with VRAM full\n", i);
		snprintf(what, sizeof(what), "evicted buffer %d of %d", i, n);
		check_pattern(maps[i], bo_size, i + 1, true, what);
	}

	/* Nor can anything be migrated into VRAM now; the buffer stays put. */
	for (int i = 0; i < 2; i++) {
		struct drm_vdgpu_gem_info before, after;

		vdgpu_gem_info(fd, evictable[0], &before);
		igt_assert_eq(__vdgpu_gem_migrate(fd, evictable[0], VRAM,
						  i ? NONBLOCK : 0), -ENOSPC);
		vdgpu_gem_wait(fd, evictable[0], MOVE_TIMEOUT_NS);
		vdgpu_gem_info(fd, evictable[0], &after);
		igt_assert_eq_u32(after.region, SYS);
		igt_assert_eq_u64(after.num_moves, before.num_moves);
		check_pattern(maps[0], bo_size, 1, true, "after a failed migration");
	}

	/* Freeing one VRAM-only buffer makes room for another. */
	igt_assert_lt(0, n_vram_only);
	gem_close(fd, vram_only[--n_vram_only]);
	{
		struct timespec start = {};
		uint64_t size;

		igt_nsec_elapsed(&start);
		do {
			size = bo_size;
			ret = __vdgpu_gem_create(fd, &size, VRAM, VRAM, 0,
						 &vram_only[n_vram_only]);
			if (ret != -ENOSPC)
				break;
			usleep(10000);
		} while (igt_nsec_elapsed(&start) < FREE_TIMEOUT_NS);
		igt_assert_eq(ret, 0);
		igt_assert_eq(info_region(fd, vram_only[n_vram_only]), VRAM);
		n_vram_only++;
	}

	for (int i = 0; i < n; i++) {
		munmap(maps[i], bo_size);
		gem_close(fd, evictable[i]);
	}
	for (int i = 0; i < n_vram_only; i++)
		gem_close(fd, vram_only[i]);
	free(evictable);
	free(maps);
	free(vram_only);
	close(fd);
}

static void test_wait(int fd)
{
	struct drm_vdgpu_gem_wait w;
	uint32_t handle, closed;
	struct timespec start = {};
	int ret;

	handle = vdgpu_gem_create(fd, 2 * SZ_1M, ALL, VRAM, 0);
	closed = vdgpu_gem_create(fd, page_size, ALL, VRAM, 0);
	gem_close(fd, closed);

	/*
	 * Idle (once clearing the new buffer, which may run on the copy
	 * engine, is done): polling and waiting both succeed at once.
	 */
	igt_assert_eq(__vdgpu_gem_wait(fd, handle, MOVE_TIMEOUT_NS), 0);
	igt_assert_eq(__vdgpu_gem_wait(fd, handle, 0), 0);
	igt_assert_eq(__vdgpu_gem_wait(fd, handle, MOVE_TIMEOUT_NS), 0);
	igt_assert_eq(__vdgpu_gem_wait(fd, handle, INT64_MAX), 0);

	/* Bad arguments. */
	igt_assert_eq(__vdgpu_gem_wait(fd, handle, -1), -EINVAL);
	igt_assert_eq(__vdgpu_gem_wait(fd, handle, INT64_MIN), -EINVAL);
	for (int bit = 0; bit < 32; bit++) {
		w = (struct drm_vdgpu_gem_wait){ .handle = handle, .flags = 1u << bit };
		do_ioctl_err(fd, DRM_IOCTL_VDGPU_GEM_WAIT, &w, EINVAL);
	}
	for (int bit = 0; bit < 64; bit++) {
		w = (struct drm_vdgpu_gem_wait){ .handle = handle, .pad = 1ull << bit };
		do_ioctl_err(fd, DRM_IOCTL_VDGPU_GEM_WAIT, &w, EINVAL);
	}
	igt_assert_eq(__vdgpu_gem_wait(fd, 0, 0), -ENOENT);
	igt_assert_eq(__vdgpu_gem_wait(fd, closed, 0), -ENOENT);
	igt_assert_eq(__vdgpu_gem_wait(fd, ~0u, MOVE_TIMEOUT_NS), -ENOENT);
	igt_assert_eq(igt_ioctl(fd, DRM_IOCTL_VDGPU_GEM_WAIT, (void *)8), -1);
	igt_assert_eq(errno, EFAULT);

	/* Busy with a queued move: polls say -ETIME until it is done. */
	vdgpu_gem_migrate(fd, handle, SYS, NONBLOCK);
	igt_nsec_elapsed(&start);
	while ((ret = __vdgpu_gem_wait(fd, handle, 0)) == -ETIME &&
	       igt_nsec_elapsed(&start) < MOVE_TIMEOUT_NS)
		usleep(1000);
	igt_assert_eq(ret, 0);
	check_info(fd, handle, SYS, 1);

	vdgpu_gem_migrate(fd, handle, VRAM, NONBLOCK);
	igt_assert_eq(__vdgpu_gem_wait(fd, handle, MOVE_TIMEOUT_NS), 0);
	igt_assert_eq(__vdgpu_gem_wait(fd, handle, 0), 0);
	check_info(fd, handle, VRAM, 2);

	gem_close(fd, handle);
}

static void test_info_bad_args(int fd)
{
	struct drm_vdgpu_gem_info info;
	uint32_t handle, closed;

	handle = vdgpu_gem_create(fd, page_size, ALL, SYS, 0);
	closed = vdgpu_gem_create(fd, page_size, ALL, SYS, 0);
	gem_close(fd, closed);

	for (int bit = 0; bit < 32; bit++) {
		info = (struct drm_vdgpu_gem_info){ .handle = handle, .flags = 1u << bit };
		do_ioctl_err(fd, DRM_IOCTL_VDGPU_GEM_INFO, &info, EINVAL);
	}
	for (int bit = 0; bit < 64; bit++) {
		info = (struct drm_vdgpu_gem_info){ .handle = handle, .pad = 1ull << bit };
		do_ioctl_err(fd, DRM_IOCTL_VDGPU_GEM_INFO, &info, EINVAL);
	}
	igt_assert_eq(__vdgpu_gem_info(fd, 0, &info), -ENOENT);
	igt_assert_eq(__vdgpu_gem_info(fd, closed, &info), -ENOENT);
	igt_assert_eq(__vdgpu_gem_info(fd, 0xdeadbeef, &info), -ENOENT);
	igt_assert_eq(__vdgpu_gem_info(fd, ~0u, &info), -ENOENT);
	igt_assert_eq(igt_ioctl(fd, DRM_IOCTL_VDGPU_GEM_INFO, (void *)8), -1);
	igt_assert_eq(errno, EFAULT);

	/* Handles are per file. */
	{
		int fd2 = vdgpu_reopen(fd);

		igt_assert_eq(__vdgpu_gem_info(fd2, handle, &info), -ENOENT);
		close(fd2);
	}

	vdgpu_gem_info(fd, handle, &info);
	igt_assert_eq_u64(info.size, page_size);
	igt_assert_eq_u32(info.region, SYS);
	gem_close(fd, handle);
}

static void expect_fdinfo(int fd, const char *key, const char *want)
{
	char val[64];

	vdgpu_fdinfo_value(fd, key, val, sizeof(val));
	igt_assert_f(!strcmp(val, want), "fdinfo %s is '%s', expected '%s'\n",
		     key, val, want);
}

/*
 * fdinfo: drm-total/resident/shared per region follow a client's buffers
 * as they are created, moved and exported; other clients are not counted.
 */
static void test_fdinfo(int fd)
{
	int mine = vdgpu_reopen(fd);
	uint32_t v = vdgpu_gem_create(mine, 4 * SZ_1M, DRM_VDGPU_REGIONS_ALL, VRAM, 0);
	uint32_t s = vdgpu_gem_create(mine, 2 * SZ_1M, SYS, SYS, 0);
	uint32_t other = vdgpu_gem_create(fd, 8 * SZ_1M, DRM_VDGPU_REGIONS_ALL, VRAM, 0);
	void *ptr;
	int dmabuf;

	expect_fdinfo(mine, "drm-driver", "vdgpu");
	expect_fdinfo(mine, "drm-total-vram", "4 MiB");
	expect_fdinfo(mine, "drm-resident-vram", "4 MiB");
	expect_fdinfo(mine, "drm-total-system", "2 MiB");
	expect_fdinfo(mine, "drm-shared-vram", "0");

	/* Touched system pages are resident. */
	ptr = vdgpu_gem_mmap(mine, s, 2 * SZ_1M, PROT_WRITE);
	memset(ptr, 1, 2 * SZ_1M);
	munmap(ptr, 2 * SZ_1M);
	expect_fdinfo(mine, "drm-resident-system", "2 MiB");

	vdgpu_gem_migrate(mine, v, SYS, 0);
	expect_fdinfo(mine, "drm-total-vram", "0");
	expect_fdinfo(mine, "drm-total-system", "6 MiB");

	igt_assert_eq(drmPrimeHandleToFD(mine, s, DRM_CLOEXEC, &dmabuf), 0);
	expect_fdinfo(mine, "drm-shared-system", "2 MiB");
	expect_fdinfo(mine, "vdgpu-pinned-system", "0 KiB");
	close(dmabuf);

	gem_close(mine, v);
	gem_close(mine, s);
	expect_fdinfo(mine, "drm-total-system", "0");
	gem_close(fd, other);
	close(mine);
}

static void test_query_used(int fd)
{
	const uint64_t size = 4 * SZ_1M;
	struct drm_vdgpu_memory_region regions[2];
	uint64_t vram0, sys0, used;
	uint32_t handle;
	void *ptr;

	igt_assert_eq(vdgpu_query_regions(fd, regions, 2), 2);
	for (int i = 0; i < 2; i++) {
		igt_assert_lte_u64(regions[i].used_size, regions[i].total_size);
		for (int j = 0; j < ARRAY_SIZE(regions[i].reserved); j++)
			igt_assert_eq_u64(regions[i].reserved[j], 0);
	}

	vram0 = stable_used(fd, DRM_VDGPU_MEM_VRAM);
	sys0 = stable_used(fd, DRM_VDGPU_MEM_SYSTEM);
	igt_info("used at start: VRAM %" PRIu64 " KiB, system %" PRIu64 " KiB\n",
		 vram0 >> 10, sys0 >> 10);

	/*
	 * Settled, VRAM's free bytes are the rest of it, visible ones too
	 * (all of VRAM is visible here).
	 */
	igt_assert_eq(vdgpu_query_regions(fd, regions, 2), 2);
	igt_assert_eq_u64(regions[1].used_size, vram0);
	igt_assert_eq_u64(regions[1].free_size, regions[1].total_size - vram0);
	igt_assert_eq_u64(regions[1].cpu_visible_size, regions[1].total_size);
	igt_assert_eq_u64(regions[1].cpu_visible_free_size, regions[1].free_size);
	igt_assert_eq_u64(regions[0].free_size, regions[0].total_size - regions[0].used_size);
	igt_assert_eq_u64(regions[0].cpu_visible_free_size, regions[0].free_size);

	/* A VRAM-only buffer: counted in VRAM while it exists. */
	handle = vdgpu_gem_create(fd, size, VRAM, VRAM, 0);
	used = vdgpu_region_used(fd, DRM_VDGPU_MEM_VRAM);
	igt_assert_lte_u64(vram0 + size, used);
	igt_assert_eq(vdgpu_query_regions(fd, regions, 2), 2);
	igt_assert_lte_u64(regions[1].free_size + size, regions[1].total_size - vram0);
	igt_assert_eq_u64(regions[1].cpu_visible_free_size, regions[1].free_size);
	gem_close(fd, handle);
	used = vdgpu_wait_region_used(fd, DRM_VDGPU_MEM_VRAM, vram0, FREE_TIMEOUT_NS);
	igt_assert_lte_u64(used, vram0);
	igt_assert_eq(vdgpu_query_regions(fd, regions, 2), 2);
	igt_assert_eq_u64(regions[1].free_size, regions[1].total_size - vram0);

	/*
	 * A movable one follows its buffer around. Its pages are touched in
	 * system memory, in case system pages are only counted once they exist.
	 */
	handle = vdgpu_gem_create(fd, size, ALL, VRAM, 0);
	check_info(fd, handle, VRAM, 0);
	igt_assert_lte_u64(vram0 + size, vdgpu_region_used(fd, DRM_VDGPU_MEM_VRAM));

	vdgpu_gem_migrate(fd, handle, SYS, 0);
	check_info(fd, handle, SYS, 1);
	ptr = vdgpu_gem_mmap(fd, handle, size, PROT_READ | PROT_WRITE);
	write_pattern(ptr, size, 5, true);
	used = vdgpu_wait_region_used(fd, DRM_VDGPU_MEM_VRAM, vram0, FREE_TIMEOUT_NS);
	igt_assert_lte_u64(used, vram0);
	igt_assert_lte_u64(sys0 + size, vdgpu_region_used(fd, DRM_VDGPU_MEM_SYSTEM));

	vdgpu_gem_migrate(fd, handle, VRAM, 0);
	check_info(fd, handle, VRAM, 2);
	igt_assert_lte_u64(vram0 + size, vdgpu_region_used(fd, DRM_VDGPU_MEM_VRAM));
	used = vdgpu_wait_region_used(fd, DRM_VDGPU_MEM_SYSTEM, sys0, FREE_TIMEOUT_NS);
	igt_assert_lte_u64(used, sys0);
	check_pattern(ptr, size, 5, true, "after two moves");

	munmap(ptr, size);
	gem_close(fd, handle);
	used = vdgpu_wait_region_used(fd, DRM_VDGPU_MEM_VRAM, vram0, FREE_TIMEOUT_NS);
	igt_assert_lte_u64(used, vram0);

	/* A system-only buffer, touched. */
	handle = vdgpu_gem_create(fd, size, SYS, SYS, 0);
	ptr = vdgpu_gem_mmap(fd, handle, size, PROT_READ | PROT_WRITE);
	write_pattern(ptr, size, 6, true);
	igt_assert_lte_u64(sys0 + size, vdgpu_region_used(fd, DRM_VDGPU_MEM_SYSTEM));
	munmap(ptr, size);
	gem_close(fd, handle);
	used = vdgpu_wait_region_used(fd, DRM_VDGPU_MEM_SYSTEM, sys0, FREE_TIMEOUT_NS);
	igt_assert_lte_u64(used, sys0);
}

/* Small-BAR emulation: the CPU reaches only the first SMALL_BAR_MB of VRAM. */
#define SMALL_BAR_MB	32

/*
 * Writes the pattern of @seed into @dst with a copy job from a system
 * buffer, where the buffer is (the CPU may not see it), and waits.
 */
static void engine_write(int fd, uint32_t dst, uint64_t size, uint32_t seed)
{
	uint32_t src = vdgpu_create_filled(fd, size, SYS, SYS, seed);

	vdgpu_exec(fd, (struct drm_vdgpu_exec){ .op = DRM_VDGPU_OP_COPY,
		.dst_handle = dst, .src_handle = src, .size = size });
	vdgpu_gem_wait(fd, dst, MOVE_TIMEOUT_NS);
	gem_close(fd, src);
}

/* Runs in a child, so that the parent holds nothing that pins the module. */
static void small_bar_child(void)
{
	const uint64_t visible = SMALL_BAR_MB * SZ_1M, bo_size = 4 * SZ_1M;
	struct drm_vdgpu_query_stats before, after;
	struct drm_vdgpu_memory_region regions[2];
	struct drm_vdgpu_query_device dev;
	struct drm_vdgpu_gem_info info;
	uint32_t in_view[SMALL_BAR_MB / 4], movable, vram_only, handle;
	const int n = ARRAY_SIZE(in_view);
	uint64_t size, used;
	void *ptr;
	int fd, ret;

	igt_assert_lt(0, vdgpu_count_devices());
	fd = vdgpu_open_smallest_vram(&dev);
	igt_info("using the device with %" PRIu64 " MiB of VRAM\n",
		 (uint64_t)dev.vram_size >> 20);

	/* The parameter shows in both queries. */
	igt_assert_eq_u64(dev.cpu_visible_vram_size, visible);
	igt_assert_eq(vdgpu_query_regions(fd, regions, 2), 2);
	igt_assert_eq(regions[1].mem_class, DRM_VDGPU_MEM_VRAM);
	igt_assert_eq_u64(regions[1].total_size, dev.vram_size);
	igt_assert_eq_u64(regions[1].cpu_visible_size, visible);
	igt_assert_eq_u64(regions[0].cpu_visible_size, regions[0].total_size);
	igt_assert_f(regions[1].used_size == 0,
		     "%" PRIu64 " bytes of VRAM in use after loading the module\n",
		     (uint64_t)regions[1].used_size);

	/* A VRAM-only CPU-accessible buffer cannot exceed the visible part. */
	size = visible + page_size;
	igt_assert_eq(__vdgpu_gem_create(fd, &size, VRAM, VRAM, CPU_ACCESS, &handle), -E2BIG);
	size = 2 * visible;
	igt_assert_eq(__vdgpu_gem_create(fd, &size, VRAM, VRAM, CPU_ACCESS, &handle), -E2BIG);

	/* Fill the visible part with buffers that must stay there. */
	for (int i = 0; i < n; i++) {
		in_view[i] = vdgpu_gem_create(fd, bo_size, VRAM, VRAM, CPU_ACCESS);
		vdgpu_gem_info(fd, in_view[i], &info);
		igt_assert_eq_u32(info.region, VRAM);
		igt_assert_f(info.cpu_visible == 1,
			     "CPU-access buffer %d of %d outside the visible part\n", i, n);
	}

	/* The visible part is taken, the rest of VRAM is free. */
	igt_assert_eq(vdgpu_query_regions(fd, regions, 2), 2);
	igt_assert_eq_u64(regions[1].cpu_visible_free_size, 0);
	igt_assert_eq_u64(regions[1].free_size, dev.vram_size - visible);

	/* Full: no more CPU-accessible VRAM, not even a page... */
	size = page_size;
	ret = __vdgpu_gem_create(fd, &size, VRAM, VRAM, CPU_ACCESS, &handle);
	igt_assert_f(ret == -ENOSPC || ret == -ENOMEM,
		     "CPU-access VRAM buffer with the visible part full: %d\n", ret);
	/* ...but a movable one falls back to system memory. */
	handle = vdgpu_gem_create(fd, bo_size, ALL, VRAM, CPU_ACCESS);
	vdgpu_gem_info(fd, handle, &info);
	igt_assert_eq_u32(info.region, SYS);
	igt_assert_eq_u32(info.cpu_visible, 1);
	gem_close(fd, handle);

	/* Without the flag, VRAM beyond the visible part is used. */
	movable = vdgpu_gem_create(fd, bo_size, ALL, VRAM, 0);
	vdgpu_gem_info(fd, movable, &info);
	igt_assert_eq_u32(info.region, VRAM);
	igt_assert_eq_u32(info.cpu_visible, 0);
	igt_assert_eq_u64(info.num_moves, 0);

	/* The engine puts data there, where the CPU cannot see it. */
	engine_write(fd, movable, bo_size, 0x1b1b);
	vdgpu_gem_info(fd, movable, &info);
	igt_assert_eq_u32(info.region, VRAM);
	igt_assert_eq_u32(info.cpu_visible, 0);
	igt_assert_eq_u64(info.num_moves, 0);

	/*
	 * A CPU fault cannot bring it into the full visible part: it moves to
	 * system memory, contents intact.
	 */
	vdgpu_query_stats(fd, &before);
	vdgpu_check_filled(fd, movable, bo_size, 0x1b1b, "after a CPU fault moved it");
	ptr = vdgpu_gem_mmap(fd, movable, bo_size, PROT_READ | PROT_WRITE);
	write_pattern(ptr, bo_size, 1, true);
	check_pattern(ptr, bo_size, 1, true, "after a CPU fault moved it");
	vdgpu_query_stats(fd, &after);
	vdgpu_gem_info(fd, movable, &info);
	igt_assert_eq_u32(info.region, SYS);
	igt_assert_eq_u32(info.cpu_visible, 1);
	igt_assert_eq_u64(info.num_moves, 1);
	igt_assert_lte_u64(before.cpu_fault_migrations + 1, after.cpu_fault_migrations);
	igt_assert_lte_u64(before.bytes_to_system + bo_size, after.bytes_to_system);
	igt_assert_eq(munmap(ptr, bo_size), 0);

	/*
	 * A VRAM-only buffer without the flag, made while the visible part is
	 * full so that it cannot land there.
	 */
	vram_only = vdgpu_gem_create(fd, bo_size, VRAM, VRAM, 0);
	engine_write(fd, vram_only, bo_size, 0x2c2c);
	vdgpu_gem_info(fd, vram_only, &info);
	igt_assert_eq_u32(info.region, VRAM);
	igt_assert_eq_u32(info.cpu_visible, 0);

	/* Make room in the visible part (frees may be deferred). */
	used = stable_used(fd, DRM_VDGPU_MEM_VRAM);
	gem_close(fd, in_view[n - 1]);
	igt_assert_lte_u64(vdgpu_wait_region_used(fd, DRM_VDGPU_MEM_VRAM, used - bo_size, FREE_TIMEOUT_NS),
			   used - bo_size);

	/*
	 * It may not go to system memory: a CPU fault moves it into the
	 * visible part of VRAM, with the data the engine wrote.
	 */
	vdgpu_query_stats(fd, &before);
	vdgpu_check_filled(fd, vram_only, bo_size, 0x2c2c,
			   "VRAM-only buffer moved into the visible part");
	ptr = vdgpu_gem_mmap(fd, vram_only, bo_size, PROT_READ | PROT_WRITE);
	vdgpu_query_stats(fd, &after);
	vdgpu_gem_info(fd, vram_only, &info);
	igt_assert_eq_u32(info.region, VRAM);
	igt_assert_eq_u32(info.cpu_visible, 1);
	igt_assert_lte_u64(before.cpu_fault_migrations + 1, after.cpu_fault_migrations);
	write_pattern(ptr, bo_size, 2, true);
	check_pattern(ptr, bo_size, 2, true, "VRAM-only buffer in the visible part");
	igt_assert_eq(munmap(ptr, bo_size), 0);

	gem_close(fd, vram_only);
	gem_close(fd, movable);
	for (int i = 0; i < n - 1; i++)
		gem_close(fd, in_view[i]);
	close(fd);
}

static void test_small_bar(void)
{
	struct drm_vdgpu_query_device dev;
	char opts[256];
	int fd, ret, restored, err = 0;

	fd = vdgpu_open_smallest_vram(&dev);
	close(fd);
	igt_require_f(dev.vram_size >= 2 * SMALL_BAR_MB * SZ_1M,
		      "VRAM too small to emulate a %d MiB BAR\n", SMALL_BAR_MB);

	snprintf(opts, sizeof(opts), "%s visible_vram_mb=%d",
		 vdgpu_module_opts(), SMALL_BAR_MB);
	ret = vdgpu_reload_module(opts);
	if (ret == 0) {
		/* A failure or crash in the child still gets the module back. */
		igt_fork(child, 1)
			small_bar_child();
		err = __igt_waitchildren();
	}

	restored = vdgpu_reload_module(vdgpu_module_opts());
	igt_assert_f(ret == 0, "loading vdgpu with \"%s\": %d\n", opts, ret);
	if (err)
		igt_fail(err);
	igt_assert_f(restored == 0, "loading vdgpu with \"%s\" again: %d\n",
		     vdgpu_module_opts(), restored);
}

/* From debugfs vram_mm: the buddy allocator's total and free MiB, and the visible part. */
static void vram_mm_state(int fd, uint64_t *total, uint64_t *free, uint64_t *visible)
{
	static char text[65536];
	unsigned long long t, f, v;
	char *p;

	igt_require_f(vdgpu_debugfs_read(fd, "vram_mm", text, sizeof(text)) > 0,
		      "no debugfs vram_mm\n");
	p = strstr(text, "visible_size: ");
	igt_assert_f(p && sscanf(p, "visible_size: %llu MiB", &v) == 1,
		     "no visible_size in vram_mm:\n%s", text);
	p = strstr(text, "total: ");
	igt_assert_f(p && sscanf(p, "total: %lluMiB, free: %lluMiB", &t, &f) == 2,
		     "no total and free in vram_mm:\n%s", text);
	*total = t;
	*free = f;
	*visible = v;
}

static void check_debugfs_bo(int fd, uint64_t size, const char *region, uint64_t moves,
			     const char *exported, const char *last_move)
{
	struct vdgpu_debugfs_bo bo;

	vdgpu_debugfs_bo(fd, size, &bo);
	igt_assert_f(!strcmp(bo.region, region) && bo.cpu_visible == 1 && bo.pin_count == 0 &&
		     bo.moves == moves && !strcmp(bo.exported, exported) &&
		     !strcmp(bo.last_move, last_move),
		     "bos: %s visible=%d pins=%u moves=%" PRIu64 " exported=%s last=%s; "
		     "expected %s visible=1 pins=0 moves=%" PRIu64 " exported=%s last=%s\n",
		     bo.region, bo.cpu_visible, bo.pin_count, bo.moves, bo.exported,
		     bo.last_move, region, moves, exported, last_move);
}

/*
 * debugfs vram_mm shows VRAM taken and given back; bos shows a buffer's
 * region, moves, export state and last move as they change.
 */
static void test_debugfs(int fd, const struct drm_vdgpu_query_device *dev)
{
	const uint64_t size = 16 * SZ_1M + 3 * page_size;	/* no other buffer has it */
	uint64_t total, free0, free1, visible, used;
	uint32_t h;
	int dmabuf;

	used = vdgpu_wait_region_used(fd, DRM_VDGPU_MEM_VRAM, 0, FREE_TIMEOUT_NS);
	vram_mm_state(fd, &total, &free0, &visible);
	igt_assert_eq_u64(total, dev->vram_size >> 20);
	igt_assert_eq_u64(visible, dev->cpu_visible_vram_size >> 20);
	igt_assert_eq_u64(free0, (dev->vram_size - used) >> 20);

	h = vdgpu_gem_create(fd, size, ALL, VRAM, 0);
	vdgpu_gem_wait(fd, h, MOVE_TIMEOUT_NS);
	vram_mm_state(fd, &total, &free1, &visible);
	igt_assert_f(free0 - free1 == 16 || free0 - free1 == 17,
		     "%" PRIu64 " MiB free before a buffer of 16 MiB + 3 pages, %" PRIu64
		     " after\n", free0, free1);
	check_debugfs_bo(fd, size, "vram", 0, "no", "none");

	vdgpu_gem_migrate(fd, h, SYS, 0);
	check_debugfs_bo(fd, size, "system", 1, "no", "migrate");
	igt_assert_eq_u64(vdgpu_wait_region_used(fd, DRM_VDGPU_MEM_VRAM, used, FREE_TIMEOUT_NS),
			  used);
	vram_mm_state(fd, &total, &free1, &visible);
	igt_assert_eq_u64(free1, free0);

	igt_assert_eq(drmPrimeHandleToFD(fd, h, DRM_CLOEXEC | DRM_RDWR, &dmabuf), 0);
	check_debugfs_bo(fd, size, "system", 1, "yes", "migrate");
	vdgpu_gem_migrate(fd, h, VRAM, 0);
	check_debugfs_bo(fd, size, "vram", 2, "yes", "migrate");

	close(dmabuf);
	gem_close(fd, h);
}

igt_main
{
	struct drm_vdgpu_query_device dev;
	int fd = -1;

	igt_fixture
		page_size = sysconf(_SC_PAGESIZE);

	/*
	 * Reloads the module, so it comes before the fixture below: the extra
	 * fd that drm_open_driver*() keep open until exit pins the module.
	 */
	igt_describe("Small BAR: CPU faults move invisible VRAM to system memory or into view");
	igt_subtest("small-bar")
		test_small_bar();

	igt_fixture {
		fd = drm_open_driver_render(DRIVER_ANY);
		igt_require(vdgpu_is_device(fd));
		vdgpu_query_device(fd, &dev);
	}

	igt_describe("debugfs vram_mm and bos follow a buffer's placement, moves and export");
	igt_subtest("debugfs")
		test_debugfs(fd, &dev);

	igt_describe("GEM_CREATE rejects bad sizes, flags, regions and padding");
	igt_subtest("create-bad-args")
		test_create_bad_args(fd, &dev);

	igt_describe("Buffers land in their preferred region, page-rounded; INFO echoes them");
	igt_subtest("create-regions")
		test_create_regions(fd, &dev);

	igt_describe("New system-memory buffers read as zero, also after reuse of the memory");
	igt_subtest("zero-fill-system")
		test_zero_fill(fd, SYS);

	igt_describe("New VRAM buffers read as zero, also after reuse of the memory");
	igt_subtest("zero-fill-vram")
		test_zero_fill(fd, VRAM);

	igt_describe("GEM_MMAP_OFFSET rejects flags, padding and bad handles; mmap() checks");
	igt_subtest("mmap-bad-args")
		test_mmap_bad_args(fd);

	igt_describe("Contents survive VRAM -> system -> VRAM; old mappings fault back in");
	igt_subtest("migrate-roundtrip")
		test_migrate_roundtrip(fd, false);

	igt_describe("Non-blocking migration: CPU access and GEM_WAIT wait for the copy");
	igt_subtest("migrate-roundtrip-nonblock")
		test_migrate_roundtrip(fd, true);

	igt_describe("Migrating to the current region does nothing");
	igt_subtest("migrate-same-region-noop")
		test_migrate_noop(fd);

	igt_describe("GEM_MIGRATE rejects flags, padding, bad or disallowed regions, bad handles");
	igt_subtest("migrate-bad-args")
		test_migrate_bad_args(fd);

	igt_describe("VRAM a move out of VRAM left is reused at once, after the move's copy");
	igt_subtest("migrate-out-reuse")
		test_migrate_out_reuse();

	igt_describe("Overcommitted VRAM evicts intact to system; VRAM-only fills up (ENOSPC)");
	igt_subtest("eviction")
		test_eviction();

	igt_describe("GEM_WAIT on idle and moving buffers, and its bad arguments");
	igt_subtest("wait")
		test_wait(fd);

	igt_describe("GEM_INFO rejects flags, padding and bad handles");
	igt_subtest("info-bad-args")
		test_info_bad_args(fd);

	igt_describe("Region used_size follows buffers as they are created, moved and freed");
	igt_subtest("query-used")
		test_query_used(fd);

	igt_describe("fdinfo memory stats per region follow a client's buffers");
	igt_subtest("fdinfo")
		test_fdinfo(fd);

	igt_fixture
		close(fd);
}
