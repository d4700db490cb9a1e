// SPDX-License-Identifier: MIT
/*
 * Copyright (c) 2026 The vdgpu authors
 */

/**
 * TEST: vdgpu swap
 * Description: TTM swap-out of vdgpu's system-memory buffers to shmem, and
 *		their way back: CPU faults, jobs, migration to VRAM and an
 *		importer on the other GPU. Swap-out is driven by TTM's own
 *		debugfs tt_shrink and by a lowered ttm.pages_limit, the path
 *		TTM takes under memory pressure.
 */

#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>
#include <xf86drm.h>

#include "igt.h"
#include "igt_vdgpu.h"

IGT_TEST_DESCRIPTION("vdgpu system-memory buffers swapped out by TTM and back");

#define SZ_1M		(1ull << 20)
#define BUF_SIZE	(4 * SZ_1M)
#define SYS		DRM_VDGPU_REGION_SYSTEM
#define VRAM		DRM_VDGPU_REGION_VRAM
#define TT_SHRINK	"/sys/kernel/debug/ttm/tt_shrink"
#define PAGES_LIMIT	"/sys/module/ttm/parameters/pages_limit"

/* "N", "N KiB" or "N MiB" of @key in the fdinfo of @fd, in KiB. */
static uint64_t fdinfo_kib(int fd, const char *key)
{
	char val[64], unit[8] = "";
	unsigned long long n = 0;

	vdgpu_fdinfo_value(fd, key, val, sizeof(val));
	igt_assert_f(sscanf(val, "%llu %7s", &n, unit) >= 1, "no %s in fdinfo\n", key);
	if (!strcmp(unit, "MiB"))
		return n << 10;
	if (!strcmp(unit, "KiB"))
		return n;
	return n >> 10;
}

/*
 * Swaps out with TTM's debugfs (each read swaps one buffer of any TTM
 * device) until none of @fd's system memory is resident.
 */
static void swap_out(int fd)
{
	char buf[32];

	igt_require_f(access(TT_SHRINK, R_OK) == 0, "no %s\n", TT_SHRINK);
	for (int i = 0; i < 256 && fdinfo_kib(fd, "drm-resident-system"); i++) {
		igt_assert_lt(0, vdgpu_read_sysfs(TT_SHRINK, buf, sizeof(buf)));
		igt_assert_f(atoi(buf) >= 0, "tt_shrink: %s", buf);
		if (!atoi(buf))
			break;
	}
	igt_assert_eq_u64(fdinfo_kib(fd, "drm-resident-system"), 0);
}

static uint32_t region_of(int fd, uint32_t h)
{
	struct drm_vdgpu_gem_info info;

	vdgpu_gem_info(fd, h, &info);
	return info.region;
}

/* A swapped-out buffer faults back in, byte-exact, through its mmap. */
static void test_cpu_fault(int fd)
{
	uint32_t h = vdgpu_create_filled(fd, BUF_SIZE, SYS, SYS, 0x5a5a);
	uint32_t keep = vdgpu_create_filled(fd, BUF_SIZE, DRM_VDGPU_REGIONS_ALL, SYS, 0x77);
	uint32_t *p = vdgpu_gem_mmap(fd, keep, BUF_SIZE, PROT_READ);

	igt_assert_eq_u64(fdinfo_kib(fd, "drm-resident-system"), 2 * BUF_SIZE >> 10);
	/* A mapping made before the swap-out faults back in too. */
	vdgpu_tt_recycle_drain(fd);
	swap_out(fd);
	/* Swap-out gives the pages back to the kernel, not to recycling. */
	igt_assert_eq_u64(vdgpu_tt_recycle_stat(fd, "held_bytes"), 0);
	igt_assert_eq_u32(region_of(fd, h), SYS);
	igt_assert_eq_u64(fdinfo_kib(fd, "drm-total-system"), 2 * BUF_SIZE >> 10);

	vdgpu_check_filled(fd, h, BUF_SIZE, 0x5a5a, "after swap-in by fault");
	for (uint64_t i = 0; i < BUF_SIZE / 4; i += 1024)
		igt_assert_eq_u32(p[i], vdgpu_pattern_word(0x77, i));
	igt_assert_eq_u64(fdinfo_kib(fd, "drm-resident-system"), 2 * BUF_SIZE >> 10);

	munmap(p, BUF_SIZE);
	gem_close(fd, h);
	gem_close(fd, keep);
}

/*
 * A job on a swapped-out buffer brings it back (validation), and so does
 * a migration into VRAM, whose copy must read the swapped-in pages.
 */
static void test_job_and_migrate(int fd)
{
	uint32_t a = vdgpu_create_filled(fd, BUF_SIZE, SYS, SYS, 0x1111);
	uint32_t b = vdgpu_create_filled(fd, BUF_SIZE, DRM_VDGPU_REGIONS_ALL, SYS, 0x2222);

	swap_out(fd);
	igt_assert_eq_u64(vdgpu_gpu_checksum(fd, a, 0, BUF_SIZE),
			  vdgpu_pattern_checksum(0x1111, 0, BUF_SIZE));

	swap_out(fd);
	vdgpu_gem_migrate(fd, b, VRAM, 0);
	igt_assert_eq_u32(region_of(fd, b), VRAM);
	igt_assert_eq_u64(vdgpu_gpu_checksum(fd, b, 0, BUF_SIZE),
			  vdgpu_pattern_checksum(0x2222, 0, BUF_SIZE));
	vdgpu_check_filled(fd, b, BUF_SIZE, 0x2222, "migrated to VRAM after swap-out");

	/* And out of VRAM, then swapped, then in again. */
	vdgpu_gem_migrate(fd, b, SYS, 0);
	swap_out(fd);
	vdgpu_gem_migrate(fd, b, VRAM, 0);
	vdgpu_check_filled(fd, b, BUF_SIZE, 0x2222, "second round through swap");

	gem_close(fd, a);
	gem_close(fd, b);
}

/*
 * An export in system memory imported by the other GPU: the swap-out is a
 * move its importer hears of, and the importer's next job reads the
 * swapped-in pages.
 */
static void test_exported(int fd)
{
	struct drm_vdgpu_query_stats before, after;
	int other = vdgpu_open_other_gpu(fd), dmabuf;
	uint32_t h, ih;

	igt_require_f(other >= 0, "needs two GPUs\n");

	h = vdgpu_create_filled(fd, BUF_SIZE, SYS, SYS, 0xe0e0);
	igt_assert_eq(drmPrimeHandleToFD(fd, h, DRM_CLOEXEC | DRM_RDWR, &dmabuf), 0);
	igt_assert_eq(drmPrimeFDToHandle(other, dmabuf, &ih), 0);
	igt_assert_eq_u64(vdgpu_gpu_checksum(other, ih, 0, BUF_SIZE),
			  vdgpu_pattern_checksum(0xe0e0, 0, BUF_SIZE));

	vdgpu_query_stats(fd, &before);
	swap_out(fd);
	vdgpu_query_stats(fd, &after);
	igt_assert_lte_u64(before.move_notifies + 1, after.move_notifies);

	igt_assert_eq_u64(vdgpu_gpu_checksum(other, ih, 0, BUF_SIZE),
			  vdgpu_pattern_checksum(0xe0e0, 0, BUF_SIZE));
	vdgpu_check_filled(fd, h, BUF_SIZE, 0xe0e0, "exported, after swap-in");

	gem_close(other, ih);
	close(dmabuf);
	gem_close(fd, h);
	close(other);
}

/*
 * With ttm.pages_limit lowered below what the buffers need, TTM swaps out
 * older buffers by itself as new ones are populated; every buffer keeps
 * its contents.
 */
static void test_pages_limit(int fd)
{
	enum { COUNT = 8 };
	char old[32], limit[32];
	uint32_t h[COUNT];
	int swapped = 0;

	igt_require_f(vdgpu_read_sysfs(PAGES_LIMIT, old, sizeof(old)) > 0,
		      "no %s\n", PAGES_LIMIT);
	/* Room for about half of the buffers. */
	snprintf(limit, sizeof(limit), "%llu", COUNT / 2 * BUF_SIZE / 4096);
	igt_assert_eq(vdgpu_write_sysfs(PAGES_LIMIT, limit), 0);

	for (int i = 0; i < COUNT; i++) {
		h[i] = vdgpu_create_filled(fd, BUF_SIZE, SYS, SYS, 0x100 + i);
		if (fdinfo_kib(fd, "drm-resident-system") < (uint64_t)(i + 1) * BUF_SIZE >> 10)
			swapped = 1;
	}
	for (int i = 0; i < COUNT; i++)
		vdgpu_check_filled(fd, h[i], BUF_SIZE, 0x100 + i, "under ttm.pages_limit");
	igt_assert_eq(vdgpu_write_sysfs(PAGES_LIMIT, old), 0);
	igt_assert_f(swapped, "TTM swapped nothing out under pages_limit=%s", limit);

	for (int i = 0; i < COUNT; i++)
		gem_close(fd, h[i]);
}

igt_main
{
	int fd = -1;

	igt_fixture {
		fd = drm_open_driver_render(DRIVER_ANY);
		igt_require(vdgpu_is_device(fd));
	}

	igt_describe("A swapped-out buffer faults back in through its mappings");
	igt_subtest("cpu-fault")
		test_cpu_fault(fd);

	igt_describe("Jobs and migration to VRAM bring swapped-out buffers back intact");
	igt_subtest("job-and-migrate")
		test_job_and_migrate(fd);

	igt_describe("Swap-out of an export reaches its importer, which reads it back");
	igt_subtest("exported")
		test_exported(fd);

	igt_describe("TTM swaps buffers out by itself under a lowered ttm.pages_limit");
	igt_subtest("pages-limit")
		test_pages_limit(fd);

	igt_fixture
		close(fd);
}
