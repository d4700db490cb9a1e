// SPDX-License-Identifier: MIT
/*
 * Copyright (c) 2026 The vdgpu authors
 */

/**
 * TEST: vdgpu tt recycle
 * Description: recycling of freed system pages for moves out of VRAM
 *		(drm/vdgpu/vdgpu_tt.c). The pages of a backing freed by a
 *		move to VRAM are kept and taken by the next move out of VRAM
 *		of the same size, which overwrites every byte; new buffers
 *		never get them. Checked through debugfs tt_recycle and the
 *		buffers' contents.
 */

#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <xf86drm.h>

#include "igt.h"
#include "igt_vdgpu.h"

IGT_TEST_DESCRIPTION("vdgpu recycles freed system pages for moves out of VRAM");

#define SZ_1M		(1ull << 20)
#define SYS		DRM_VDGPU_REGION_SYSTEM
#define VRAM		DRM_VDGPU_REGION_VRAM
#define ALL		DRM_VDGPU_REGIONS_ALL
#define RECYCLE_MS	"/sys/module/vdgpu/parameters/tt_recycle_ms"
#define DROP_CACHES	"/proc/sys/vm/drop_caches"
#define SECOND_NS	(1000ll * 1000 * 1000)

/* Long enough that nothing expires while a subtest looks. */
#define TEST_RECYCLE_MS	"60000"

static char orig_recycle_ms[32];

static void set_recycle_ms(const char *ms)
{
	igt_assert_eq(vdgpu_write_sysfs(RECYCLE_MS, ms), 0);
}

static void restore_recycle_ms(int sig)
{
	if (orig_recycle_ms[0])
		vdgpu_write_sysfs(RECYCLE_MS, orig_recycle_ms);
}

/* Waits until debugfs tt_recycle shows @key at @want (true) or times out. */
static bool wait_stat(int fd, const char *key, uint64_t want)
{
	struct timespec start = {};

	igt_nsec_elapsed(&start);
	while (vdgpu_tt_recycle_stat(fd, key) != want) {
		if (igt_nsec_elapsed(&start) > 10 * SECOND_NS)
			return false;
		usleep(5000);
	}
	return true;
}

/*
 * A buffer of @size created in system memory and moved to VRAM: its old
 * pages are recycled once the move's fence has signalled and TTM has freed
 * the old backing. Returns the buffer, now in VRAM, holding @seed.
 */
static uint32_t recycle_one(int fd, uint64_t size, uint32_t seed)
{
	uint64_t held = vdgpu_tt_recycle_stat(fd, "held_bytes");
	uint32_t h = vdgpu_create_filled(fd, size, ALL, SYS, seed);

	vdgpu_gem_migrate(fd, h, VRAM, 0);
	igt_assert_f(wait_stat(fd, "held_bytes", held + size),
		     "the old backing of a move to VRAM was not recycled: held %" PRIu64
		     " bytes, expected %" PRIu64 "\n",
		     vdgpu_tt_recycle_stat(fd, "held_bytes"), held + size);
	return h;
}

/* A move out of VRAM takes recycled pages of its size and overwrites them. */
static void test_move_out_of_vram(int fd)
{
	uint32_t a = recycle_one(fd, SZ_1M, 0xa1);
	uint32_t b = vdgpu_create_filled(fd, SZ_1M, ALL, VRAM, 0xb2);
	uint64_t hits = vdgpu_tt_recycle_stat(fd, "hits");

	vdgpu_gem_migrate(fd, b, SYS, 0);
	igt_assert_eq_u64(vdgpu_tt_recycle_stat(fd, "hits"), hits + 1);
	igt_assert_eq_u64(vdgpu_tt_recycle_stat(fd, "held_bytes"), 0);
	/* b sits on a's old pages: nothing of a may show through. */
	vdgpu_check_filled(fd, b, SZ_1M, 0xb2, "moved to recycled pages");

	/* And back and forth, each move out reusing the pages of the other. */
	for (int i = 0; i < 4; i++) {
		vdgpu_gem_migrate(fd, b, VRAM, 0);
		igt_assert(wait_stat(fd, "held_bytes", SZ_1M));
		vdgpu_gem_migrate(fd, a, SYS, 0);
		vdgpu_gem_migrate(fd, a, VRAM, 0);
		igt_assert(wait_stat(fd, "held_bytes", SZ_1M));
		vdgpu_gem_migrate(fd, b, SYS, 0);
	}
	igt_assert_eq_u64(vdgpu_tt_recycle_stat(fd, "hits"), hits + 1 + 8);
	vdgpu_check_filled(fd, a, SZ_1M, 0xa1, "a after 4 rounds");
	vdgpu_check_filled(fd, b, SZ_1M, 0xb2, "b after 4 rounds");
	gem_close(fd, a);
	gem_close(fd, b);
}

/* New buffers get zeroed pages, never recycled ones. */
static void test_new_buffers_read_zero(int fd)
{
	uint32_t a = recycle_one(fd, SZ_1M, 0xc3);
	uint64_t hits = vdgpu_tt_recycle_stat(fd, "hits");
	uint32_t c = vdgpu_gem_create(fd, SZ_1M, SYS, SYS, 0);

	vdgpu_check_filled(fd, c, SZ_1M, ~0u, "new system buffer");
	igt_assert_eq_u64(vdgpu_tt_recycle_stat(fd, "hits"), hits);
	igt_assert_eq_u64(vdgpu_tt_recycle_stat(fd, "held_bytes"), SZ_1M);
	gem_close(fd, c);
	gem_close(fd, a);
}

/* Only pages of a backing's own size are taken. */
static void test_size_mismatch(int fd)
{
	uint32_t a = recycle_one(fd, SZ_1M, 0xd4);
	uint32_t b = vdgpu_create_filled(fd, 2 * SZ_1M, ALL, VRAM, 0xe5);
	uint64_t misses = vdgpu_tt_recycle_stat(fd, "misses");

	vdgpu_gem_migrate(fd, b, SYS, 0);
	igt_assert_eq_u64(vdgpu_tt_recycle_stat(fd, "misses"), misses + 1);
	igt_assert_eq_u64(vdgpu_tt_recycle_stat(fd, "held_bytes"), SZ_1M);
	vdgpu_check_filled(fd, b, 2 * SZ_1M, 0xe5, "moved to new pages");
	gem_close(fd, a);
	gem_close(fd, b);
}

/* Recycled pages go back to the kernel after tt_recycle_ms. */
static void test_expiry(int fd)
{
	uint64_t expired = vdgpu_tt_recycle_stat(fd, "expired_bytes");
	uint32_t a;

	set_recycle_ms("300");
	a = recycle_one(fd, SZ_1M, 0xf6);
	igt_assert_f(wait_stat(fd, "held_bytes", 0), "recycled pages did not expire\n");
	igt_assert_eq_u64(vdgpu_tt_recycle_stat(fd, "expired_bytes"), expired + SZ_1M);
	set_recycle_ms(TEST_RECYCLE_MS);
	gem_close(fd, a);
}

/* The shrinker gives recycled pages back (drop_caches runs every shrinker). */
static void test_shrinker(int fd)
{
	uint64_t shrunk = vdgpu_tt_recycle_stat(fd, "shrunk_bytes");
	uint32_t a = recycle_one(fd, 4 * SZ_1M, 0x17);

	igt_assert_eq(vdgpu_write_sysfs(DROP_CACHES, "2"), 0);
	igt_assert_eq_u64(vdgpu_tt_recycle_stat(fd, "held_bytes"), 0);
	igt_assert_eq_u64(vdgpu_tt_recycle_stat(fd, "shrunk_bytes"), shrunk + 4 * SZ_1M);
	gem_close(fd, a);
}

/*
 * tt_recycle_ms=0 frees at once; writing "drain" empties the recycler, and
 * anything else written is refused with EINVAL.
 */
static void test_off_and_drain(int fd)
{
	uint64_t base = vdgpu_region_used(fd, DRM_VDGPU_MEM_SYSTEM);
	uint32_t a, b;
	int dir, f;

	set_recycle_ms("0");
	a = vdgpu_create_filled(fd, SZ_1M, ALL, SYS, 0x28);
	vdgpu_gem_migrate(fd, a, VRAM, 0);
	/* The old backing is gone once system use is back where it was. */
	igt_assert_lte_u64(vdgpu_wait_region_used(fd, DRM_VDGPU_MEM_SYSTEM,
						  base, 10 * SECOND_NS), base);
	igt_assert_eq_u64(vdgpu_tt_recycle_stat(fd, "held_bytes"), 0);
	set_recycle_ms(TEST_RECYCLE_MS);

	b = recycle_one(fd, SZ_1M, 0x39);
	/* Only "drain" is understood, and it leaves nothing behind. */
	dir = igt_debugfs_dir(fd);
	igt_assert_lte(0, dir);
	f = openat(dir, "tt_recycle", O_WRONLY);
	close(dir);
	igt_assert_lte(0, f);
	igt_assert_eq(write(f, "flush", 5), -1);
	igt_assert_eq(errno, EINVAL);
	igt_assert_eq(write(f, "drain-all", 9), -1);
	igt_assert_eq(errno, EINVAL);
	close(f);
	igt_assert_eq_u64(vdgpu_tt_recycle_stat(fd, "held_bytes"), SZ_1M);
	vdgpu_tt_recycle_drain(fd);
	igt_assert_eq_u64(vdgpu_tt_recycle_stat(fd, "held_bytes"), 0);
	igt_assert_eq_u64(vdgpu_tt_recycle_stat(fd, "entries"), 0);
	gem_close(fd, a);
	gem_close(fd, b);
}

igt_main
{
	int fd = -1;

	igt_fixture {
		fd = drm_open_driver_render(DRIVER_ANY);
		igt_require(vdgpu_is_device(fd));
		igt_require_f(vdgpu_read_sysfs(RECYCLE_MS, orig_recycle_ms,
					       sizeof(orig_recycle_ms)) > 0,
			      "no %s\n", RECYCLE_MS);
		orig_recycle_ms[strcspn(orig_recycle_ms, "\n")] = '\0';
		igt_install_exit_handler(restore_recycle_ms);
		set_recycle_ms(TEST_RECYCLE_MS);
	}

	igt_describe("A move out of VRAM takes the pages a move to VRAM freed, and overwrites them");
	igt_subtest("move-out-of-vram") {
		vdgpu_tt_recycle_drain(fd);
		test_move_out_of_vram(fd);
	}

	igt_describe("New buffers read zero although recycled pages are there");
	igt_subtest("new-buffers-read-zero") {
		vdgpu_tt_recycle_drain(fd);
		test_new_buffers_read_zero(fd);
	}

	igt_describe("Recycled pages of another size are not taken");
	igt_subtest("size-mismatch") {
		vdgpu_tt_recycle_drain(fd);
		test_size_mismatch(fd);
	}

	igt_describe("Recycled pages go back to the kernel after tt_recycle_ms");
	igt_subtest("expiry") {
		vdgpu_tt_recycle_drain(fd);
		test_expiry(fd);
	}

	igt_describe("The shrinker takes recycled pages back under memory pressure");
	igt_subtest("shrinker") {
		vdgpu_tt_recycle_drain(fd);
		test_shrinker(fd);
	}

	igt_describe("tt_recycle_ms=0 frees at once; debugfs drain empties the recycler, other words are EINVAL");
	igt_subtest("off-and-drain") {
		vdgpu_tt_recycle_drain(fd);
		test_off_and_drain(fd);
	}

	igt_fixture {
		vdgpu_tt_recycle_drain(fd);
		close(fd);
	}
}
