// SPDX-License-Identifier: MIT
/*
 * Copyright (c) 2026 The vdgpu authors
 */

/**
 * TEST: vdgpu fault injection
 * Description: every allocation an ioctl makes fails once, in turn
 *		(/proc/thread-self/fail-nth with failslab and fail_page_alloc):
 *		the ioctl returns 0 or -ENOMEM, and leaves no leak (region use,
 *		kmemleak), no lost data, no half-done job and no kernel report.
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

IGT_TEST_DESCRIPTION("vdgpu ioctls under injected allocation failures");

#define SZ_1M		(1ull << 20)
#define BUF_SIZE	SZ_1M
#define SYS		DRM_VDGPU_REGION_SYSTEM
#define VRAM		DRM_VDGPU_REGION_VRAM
#define MAX_FAULTS	4000
#define SETTLE_NS	(5ll * 1000 * 1000 * 1000)

/* failslab and fail_page_alloc settings: fail what fail-nth asks, quietly. */
static const char *const fault_attrs[][3] = {
	/* file, during the test, kernel default */
	{ "/sys/kernel/debug/failslab/ignore-gfp-wait", "N", "Y" },
	{ "/sys/kernel/debug/failslab/verbose", "0", "2" },
	{ "/sys/kernel/debug/fail_page_alloc/ignore-gfp-wait", "N", "Y" },
	{ "/sys/kernel/debug/fail_page_alloc/min-order", "0", "1" },
	{ "/sys/kernel/debug/fail_page_alloc/verbose", "0", "2" },
};

static void set_fault_attrs(int which)
{
	for (int i = 0; i < ARRAY_SIZE(fault_attrs); i++)
		igt_assert_eq(vdgpu_write_sysfs(fault_attrs[i][0], fault_attrs[i][which]), 0);
}

static void restore_fault_attrs(int sig)
{
	set_fault_attrs(2);
}

static void require_fault_injection(void)
{
	igt_require_f(access("/proc/thread-self/fail-nth", W_OK) == 0 &&
		      access(fault_attrs[0][0], W_OK) == 0,
		      "kernel without CONFIG_FAULT_INJECTION, CONFIG_FAILSLAB and their debugfs\n");
	set_fault_attrs(1);
	igt_install_exit_handler(restore_fault_attrs);
}

/*
 * Runs @op with the @nth fault-injection point this thread reaches failing.
 * Returns true when that point was reached (the fault was injected).
 */
static bool inject(int nth, int (*op)(void *), void *arg, int *ret)
{
	int fd = open("/proc/thread-self/fail-nth", O_RDWR);
	char buf[16];
	int n;

	igt_assert_lte(0, fd);
	snprintf(buf, sizeof(buf), "%d", nth);
	igt_assert_lt(0, write(fd, buf, strlen(buf)));
	*ret = op(arg);
	/* Not seekable; the write left the position at 0. */
	n = read(fd, buf, sizeof(buf) - 1);
	igt_assert_lt(0, n);
	buf[n] = '\0';
	/* A point not reached leaves the count armed: disarm it. */
	igt_assert_lt(0, write(fd, "0", 1));
	close(fd);
	return atoi(buf) == 0;
}

/*
 * Fails each fault point of @op in turn until @op runs without reaching
 * the armed one, calling @check after every run with its result. Returns
 * the number of fault points.
 */
static int for_each_fault(const char *what, int (*op)(void *),
			  void (*check)(void *, int ret, bool injected), void *arg)
{
	int nth, ret;

	for (nth = 1; nth < MAX_FAULTS; nth++) {
		bool injected = inject(nth, op, arg, &ret);

		igt_assert_f(ret == 0 || (injected && ret == -ENOMEM),
			     "%s with fault %d injected=%d: %d (%s), expected 0 or -ENOMEM\n",
			     what, nth, injected, ret, strerror(-ret));
		check(arg, ret, injected);
		if (!injected)
			break;
	}
	igt_assert_lt(nth, MAX_FAULTS);
	igt_info("%s: %d fault points, each failed once\n", what, nth - 1);
	return nth - 1;
}

static void fill(int fd, uint32_t h, uint32_t seed)
{
	uint32_t *p = vdgpu_gem_mmap(fd, h, BUF_SIZE, PROT_READ | PROT_WRITE);

	for (uint64_t i = 0; i < BUF_SIZE / 4; i++)
		p[i] = vdgpu_pattern_word(seed, i);
	munmap(p, BUF_SIZE);
}

static void check_filled(int fd, uint32_t h, uint32_t seed, const char *what)
{
	uint32_t *p = vdgpu_gem_mmap(fd, h, BUF_SIZE, PROT_READ);

	for (uint64_t i = 0; i < BUF_SIZE / 4; i++)
		igt_assert_f(p[i] == vdgpu_pattern_word(seed, i), "%s: word %" PRIu64 " is %#x, expected %#x\n",
			     what, i, p[i], vdgpu_pattern_word(seed, i));
	munmap(p, BUF_SIZE);
}

static uint32_t region_of(int fd, uint32_t h)
{
	struct drm_vdgpu_gem_info info;

	vdgpu_gem_info(fd, h, &info);
	return info.region;
}

struct ctx {
	int fd, other;
	uint32_t handle, regions, preferred, region, syncobj, imported;
	uint64_t vram_used, sys_used;
	int dmabuf;
};

/* Region use once deferred frees are done, which must be back to the baseline. */
static void expect_baseline(struct ctx *c)
{
	igt_assert_eq_u64(vdgpu_wait_region_used(c->fd, DRM_VDGPU_MEM_VRAM, c->vram_used,
						 SETTLE_NS), c->vram_used);
	igt_assert_eq_u64(vdgpu_wait_region_used(c->fd, DRM_VDGPU_MEM_SYSTEM, c->sys_used,
						 SETTLE_NS), c->sys_used);
}

static void take_baseline(struct ctx *c)
{
	c->vram_used = vdgpu_wait_region_used(c->fd, DRM_VDGPU_MEM_VRAM, 0, SETTLE_NS);
	c->sys_used = vdgpu_wait_region_used(c->fd, DRM_VDGPU_MEM_SYSTEM, 0, SETTLE_NS);
}

static int op_create(void *arg)
{
	struct ctx *c = arg;
	uint64_t size = BUF_SIZE;

	return __vdgpu_gem_create(c->fd, &size, c->regions, c->preferred, 0, &c->handle);
}

static void check_create(void *arg, int ret, bool injected)
{
	struct ctx *c = arg;

	if (!ret) {
		igt_assert_eq_u32(region_of(c->fd, c->handle), c->preferred);
		gem_close(c->fd, c->handle);
	}
	expect_baseline(c);
}

static void test_create(int fd)
{
	struct ctx c = { .fd = fd };

	require_fault_injection();
	take_baseline(&c);
	c.regions = DRM_VDGPU_REGIONS_ALL;
	c.preferred = VRAM;
	for_each_fault("GEM_CREATE in VRAM", op_create, check_create, &c);
	c.preferred = SYS;
	for_each_fault("GEM_CREATE in system memory", op_create, check_create, &c);
	/* VRAM-only: a failed allocation is -ENOMEM, not "VRAM full". */
	c.regions = VRAM;
	c.preferred = VRAM;
	for_each_fault("GEM_CREATE VRAM-only", op_create, check_create, &c);
}

static int op_migrate(void *arg)
{
	struct ctx *c = arg;

	return __vdgpu_gem_migrate(c->fd, c->handle, c->region, 0);
}

/* A failed move leaves the buffer in one region with all its data. */
static void check_migrate(void *arg, int ret, bool injected)
{
	struct ctx *c = arg;
	uint32_t now = region_of(c->fd, c->handle);

	if (!ret)
		igt_assert_eq_u32(now, c->region);
	check_filled(c->fd, c->handle, 0xf00d, "after a migration under fault injection");
	/* Back where the next round starts. */
	if (now != (c->region ^ DRM_VDGPU_REGIONS_ALL))
		vdgpu_gem_migrate(c->fd, c->handle, c->region ^ DRM_VDGPU_REGIONS_ALL, 0);
}

static void test_migrate(int fd)
{
	struct ctx c = { .fd = fd };

	require_fault_injection();
	take_baseline(&c);
	c.handle = vdgpu_gem_create(fd, BUF_SIZE, DRM_VDGPU_REGIONS_ALL, VRAM, 0);
	fill(fd, c.handle, 0xf00d);

	c.region = SYS;
	for_each_fault("GEM_MIGRATE to system memory", op_migrate, check_migrate, &c);
	c.region = VRAM;
	vdgpu_gem_migrate(fd, c.handle, SYS, 0);
	for_each_fault("GEM_MIGRATE to VRAM", op_migrate, check_migrate, &c);

	gem_close(fd, c.handle);
	expect_baseline(&c);
}

static int op_exec(void *arg)
{
	struct ctx *c = arg;
	struct drm_vdgpu_exec e = {
		.op = DRM_VDGPU_OP_FILL, .dst_handle = c->handle, .size = BUF_SIZE,
		.value = 0x0b0b0b0b, .out_syncobj = c->syncobj,
	};

	return igt_ioctl(c->fd, DRM_IOCTL_VDGPU_EXEC, &e) ? -errno : 0;
}

/* A job either ran completely and signalled, or never ran. */
static void check_exec(void *arg, int ret, bool injected)
{
	struct ctx *c = arg;
	uint32_t *p;

	if (ret) {
		check_filled(c->fd, c->handle, 0x5eed, "after a failed EXEC");
		vdgpu_gem_migrate(c->fd, c->handle, SYS, 0);
		return;
	}
	igt_assert_eq(drmSyncobjWait(c->fd, &c->syncobj, 1, INT64_MAX, 0, NULL), 0);
	p = vdgpu_gem_mmap(c->fd, c->handle, BUF_SIZE, PROT_READ);
	for (uint64_t i = 0; i < BUF_SIZE / 4; i++)
		igt_assert_eq_u32(p[i], 0x0b0b0b0b);
	munmap(p, BUF_SIZE);
	fill(c->fd, c->handle, 0x5eed);
	igt_assert_eq(drmSyncobjReset(c->fd, &c->syncobj, 1), 0);
	vdgpu_gem_migrate(c->fd, c->handle, SYS, 0);
}

static void test_exec(int fd)
{
	struct ctx c = { .fd = fd };

	require_fault_injection();
	take_baseline(&c);
	/* In system memory, so the job's validation moves it into VRAM. */
	c.handle = vdgpu_gem_create(fd, BUF_SIZE, DRM_VDGPU_REGIONS_ALL, VRAM, 0);
	igt_assert_eq(drmSyncobjCreate(fd, 0, &c.syncobj), 0);
	fill(fd, c.handle, 0x5eed);
	vdgpu_gem_migrate(fd, c.handle, SYS, 0);
	for_each_fault("EXEC fill with an out-syncobj", op_exec, check_exec, &c);

	drmSyncobjDestroy(fd, c.syncobj);
	gem_close(fd, c.handle);
	expect_baseline(&c);
}

static int op_export(void *arg)
{
	struct ctx *c = arg;

	return drmPrimeHandleToFD(c->fd, c->handle, DRM_CLOEXEC | DRM_RDWR, &c->dmabuf) ?
	       -errno : 0;
}

static void check_export(void *arg, int ret, bool injected)
{
	struct ctx *c = arg;

	if (!ret)
		close(c->dmabuf);
}

static int op_import(void *arg)
{
	struct ctx *c = arg;

	return drmPrimeFDToHandle(c->other, c->dmabuf, &c->imported) ? -errno : 0;
}

/* A good import reads the buffer; a failed one leaves nothing behind. */
static void check_import(void *arg, int ret, bool injected)
{
	struct ctx *c = arg;

	if (ret)
		return;
	igt_assert_eq_u64(vdgpu_gpu_checksum(c->other, c->imported, 0, BUF_SIZE),
			  vdgpu_pattern_checksum(0xabba, 0, BUF_SIZE));
	gem_close(c->other, c->imported);
}

static void test_prime(int fd)
{
	struct ctx c = { .fd = fd };

	require_fault_injection();
	c.other = vdgpu_open_other_gpu(fd);
	igt_require_f(c.other >= 0, "needs two GPUs\n");
	take_baseline(&c);

	c.handle = vdgpu_gem_create(fd, BUF_SIZE, DRM_VDGPU_REGIONS_ALL, VRAM, 0);
	fill(fd, c.handle, 0xabba);
	for_each_fault("PRIME export", op_export, check_export, &c);

	igt_assert_eq(op_export(&c), 0);
	for_each_fault("PRIME import by the other GPU", op_import, check_import, &c);
	close(c.dmabuf);

	gem_close(fd, c.handle);
	expect_baseline(&c);
	close(c.other);
}

igt_main
{
	int fd = -1;

	igt_fixture {
		fd = drm_open_driver_render(DRIVER_ANY);
		igt_require(vdgpu_is_device(fd));
	}

	igt_describe("GEM_CREATE in each region with each allocation failing in turn");
	igt_subtest("create")
		test_create(fd);

	igt_describe("GEM_MIGRATE both ways with each allocation failing in turn");
	igt_subtest("migrate")
		test_migrate(fd);

	igt_describe("EXEC with a syncobj with each allocation failing in turn");
	igt_subtest("exec")
		test_exec(fd);

	igt_describe("PRIME export and import by the other GPU, each allocation failing in turn");
	igt_subtest("prime")
		test_prime(fd);

	igt_fixture
		close(fd);
}
