// SPDX-License-Identifier: MIT
/*
 * Copyright (c) 2026 The vdgpu authors
 */

/**
 * TEST: vdgpu lib
 * Description: libvdgpu (userspace/lib) in the guest: enumeration, open
 *		errors, buffers, sharing between devices, jobs with syncobjs,
 *		fdinfo, errors with their messages, use from several threads,
 *		and the example program.
 */

#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <fcntl.h>
#include <stdio.h>
#include <xf86drm.h>

#include "igt.h"
#include "vdgpu.h"	/* not igt_vdgpu.h: its helpers share the names */

IGT_TEST_DESCRIPTION("libvdgpu, the userspace library");

#define SZ_1M (1ull << 20)
#define EXAMPLE "/usr/libexec/vdgpu/vdgpu-share-example"
#define TOOL "/usr/libexec/vdgpu/vdgpu"

/* vdgpu render nodes, counted without the library. */
static int count_devices(void)
{
	int n = 0;

	for (int minor = 128; minor < 192; minor++) {
		char path[64];
		drmVersionPtr v;
		int fd;

		snprintf(path, sizeof(path), "/dev/dri/renderD%d", minor);
		fd = open(path, O_RDWR | O_CLOEXEC);
		if (fd < 0)
			continue;
		v = drmGetVersion(fd);
		n += v && !strcmp(v->name, "vdgpu");
		drmFreeVersion(v);
		close(fd);
	}
	return n;
}

static struct vdgpu_device *open_first(void)
{
	struct vdgpu_device_desc d[VDGPU_MAX_DEVICES];
	struct vdgpu_device *dev;

	igt_require(vdgpu_enumerate(d, VDGPU_MAX_DEVICES) > 0);
	igt_assert_eq(vdgpu_open(d[0].render_node, &dev), 0);
	return dev;
}

static void test_enumerate(void)
{
	struct vdgpu_device_desc d[VDGPU_MAX_DEVICES];
	int n = vdgpu_enumerate(d, VDGPU_MAX_DEVICES);

	igt_assert_eq(n, count_devices());
	for (int i = 0; i < n; i++) {
		struct drm_vdgpu_query_device info;
		struct vdgpu_device *dev;

		igt_assert(!strncmp(d[i].render_node, "/dev/dri/renderD", 16));
		igt_assert_eq(vdgpu_open(d[i].render_node, &dev), 0);
		igt_assert_eq(vdgpu_query_device(dev, &info), 0);
		igt_assert_eq(!!d[i].pci_slot[0], info.kind == DRM_VDGPU_DEVICE_PCI);
		vdgpu_close(dev);
	}
	/* Counting only. */
	igt_assert_eq(vdgpu_enumerate(d, 0), n);
}

static void test_open_errors(void)
{
	struct vdgpu_device *dev = NULL;

	igt_assert_eq(vdgpu_open("/dev/dri/renderD250", &dev), -ENOENT);
	igt_assert(strstr(vdgpu_last_error(), "/dev/dri/renderD250"));
	igt_assert_eq(vdgpu_open("/dev/null", &dev), -ENODEV);
	igt_assert(strstr(vdgpu_last_error(), "not a vdgpu device"));
	igt_assert(!dev);
	vdgpu_close(NULL);
}

static void test_buffers(void)
{
	struct vdgpu_device *dev = open_first();
	struct drm_vdgpu_gem_info info;
	uint32_t h;
	uint32_t *p;

	igt_assert_eq(vdgpu_bo_create(dev, 0, DRM_VDGPU_REGIONS_ALL, DRM_VDGPU_REGION_VRAM,
				      0, &h), -EINVAL);
	igt_assert(strstr(vdgpu_last_error(), "GEM_CREATE of 0 bytes"));
	igt_assert(strstr(vdgpu_last_error(), strerror(EINVAL)));

	igt_assert_eq(vdgpu_bo_create(dev, SZ_1M, DRM_VDGPU_REGIONS_ALL,
				      DRM_VDGPU_REGION_VRAM, 0, &h), 0);
	igt_assert_eq(vdgpu_bo_map(dev, h, SZ_1M, (void **)&p), 0);
	for (int i = 0; i < SZ_1M / 4; i++)
		p[i] = i;
	igt_assert_eq(vdgpu_bo_migrate(dev, h, DRM_VDGPU_REGION_SYSTEM, 0), 0);
	igt_assert_eq(vdgpu_bo_info(dev, h, &info), 0);
	igt_assert_eq_u32(info.region, DRM_VDGPU_REGION_SYSTEM);
	for (int i = 0; i < SZ_1M / 4; i++)
		igt_assert_eq_u32(p[i], i);
	igt_assert_eq(vdgpu_bo_migrate(dev, h, 4, 0), -EINVAL);
	igt_assert_eq(vdgpu_bo_wait(dev, h, 1000000000), 0);
	igt_assert_eq(vdgpu_bo_unmap(p, SZ_1M), 0);
	igt_assert_eq(vdgpu_bo_close(dev, h), 0);
	igt_assert_eq(vdgpu_bo_close(dev, h), -EINVAL);
	igt_assert_eq(vdgpu_bo_info(dev, h, &info), -ENOENT);
	vdgpu_close(dev);
}

static void test_regions(void)
{
	struct vdgpu_device *dev = open_first();
	struct drm_vdgpu_memory_region r[4], after[4];
	struct drm_vdgpu_query_device info;
	uint32_t h;
	int n;

	igt_assert_eq(vdgpu_query_device(dev, &info), 0);
	n = vdgpu_query_regions(dev, r, 4);
	igt_assert_eq(n, 2);
	igt_assert_eq(r[0].mem_class, DRM_VDGPU_MEM_SYSTEM);
	igt_assert_eq(r[1].mem_class, DRM_VDGPU_MEM_VRAM);
	igt_assert_eq_u64(r[1].total_size, info.vram_size);
	/* Counting only. */
	igt_assert_eq(vdgpu_query_regions(dev, r, 0), 2);
	igt_assert_eq(vdgpu_bo_create(dev, 4 * SZ_1M, DRM_VDGPU_REGION_VRAM,
				      DRM_VDGPU_REGION_VRAM, 0, &h), 0);
	igt_assert_eq(vdgpu_query_regions(dev, after, 4), 2);
	/* Others may be freeing meanwhile: at least ours counts. */
	igt_assert_lte_u64(4 * SZ_1M, after[1].used_size);
	vdgpu_bo_close(dev, h);
	vdgpu_close(dev);
}

static void test_exec_syncobj(void)
{
	struct vdgpu_device *dev = open_first();
	uint32_t h, sync;
	uint32_t *p;
	struct drm_vdgpu_exec fill = {
		.op = DRM_VDGPU_OP_FILL, .size = SZ_1M, .value = 0x5a5a5a5a,
	};

	igt_assert_eq(vdgpu_bo_create(dev, SZ_1M, DRM_VDGPU_REGIONS_ALL,
				      DRM_VDGPU_REGION_VRAM, 0, &h), 0);
	igt_assert_eq(vdgpu_syncobj_create(dev, &sync), 0);
	fill.dst_handle = h;
	fill.out_syncobj = sync;
	igt_assert_eq(vdgpu_exec(dev, &fill), 0);
	igt_assert_eq(vdgpu_syncobj_wait(dev, sync, 10ll * 1000000000), 0);
	igt_assert_eq(vdgpu_bo_map(dev, h, SZ_1M, (void **)&p), 0);
	for (int i = 0; i < SZ_1M / 4; i++)
		igt_assert_eq_u32(p[i], 0x5a5a5a5a);
	vdgpu_bo_unmap(p, SZ_1M);

	fill.flags = 1;
	igt_assert_eq(vdgpu_exec(dev, &fill), -EINVAL);
	igt_assert(strstr(vdgpu_last_error(), "EXEC"));
	igt_assert_eq(vdgpu_syncobj_destroy(dev, sync), 0);
	igt_assert_eq(vdgpu_syncobj_destroy(dev, sync), -EINVAL);
	vdgpu_bo_close(dev, h);
	vdgpu_close(dev);
}

static void test_share(void)
{
	struct vdgpu_device_desc d[VDGPU_MAX_DEVICES];
	struct vdgpu_device *a, *b;
	struct drm_vdgpu_gem_info info;
	uint32_t h, ih, again;
	int dmabuf;

	igt_require(vdgpu_enumerate(d, VDGPU_MAX_DEVICES) >= 2);
	igt_assert_eq(vdgpu_open(d[0].render_node, &a), 0);
	igt_assert_eq(vdgpu_open(d[1].render_node, &b), 0);
	igt_assert_eq(vdgpu_bo_create(a, SZ_1M, DRM_VDGPU_REGIONS_ALL,
				      DRM_VDGPU_REGION_VRAM, 0, &h), 0);
	igt_assert_eq(vdgpu_bo_export(a, h, &dmabuf), 0);
	igt_assert_eq(vdgpu_bo_import(b, dmabuf, &ih), 0);
	/* The import is the other device's buffer. */
	igt_assert_eq(vdgpu_bo_info(b, ih, &info), -EINVAL);
	/* The same device gets its own object back. */
	igt_assert_eq(vdgpu_bo_import(a, dmabuf, &again), 0);
	igt_assert_eq_u32(again, h);
	igt_assert_eq(vdgpu_bo_import(a, -1, &again), -EBADF);
	igt_assert(strstr(vdgpu_last_error(), "import of dma-buf fd -1"));
	close(dmabuf);
	vdgpu_bo_close(b, ih);
	vdgpu_bo_close(a, h);
	vdgpu_close(b);
	vdgpu_close(a);
}

static void test_fdinfo(void)
{
	struct vdgpu_device *dev = open_first();
	struct vdgpu_fdinfo fi;
	uint32_t v, s;

	igt_assert_eq(vdgpu_read_fdinfo(dev, &fi), 0);
	igt_assert_eq_u64(fi.total[0] + fi.total[1], 0);
	igt_assert_eq(vdgpu_bo_create(dev, 2 * SZ_1M, DRM_VDGPU_REGION_VRAM,
				      DRM_VDGPU_REGION_VRAM, 0, &v), 0);
	igt_assert_eq(vdgpu_bo_create(dev, 3 * SZ_1M, DRM_VDGPU_REGION_SYSTEM,
				      DRM_VDGPU_REGION_SYSTEM, 0, &s), 0);
	igt_assert_eq(vdgpu_read_fdinfo(dev, &fi), 0);
	igt_assert_eq_u64(fi.total[1], 2 * SZ_1M);
	igt_assert_eq_u64(fi.resident[1], 2 * SZ_1M);
	igt_assert_eq_u64(fi.total[0], 3 * SZ_1M);
	igt_assert_eq_u64(fi.pinned[0] + fi.pinned[1], 0);
	vdgpu_bo_close(dev, v);
	vdgpu_bo_close(dev, s);
	vdgpu_close(dev);
}

struct worker {
	struct vdgpu_device *dev;
	int errors;
	char message[256];
};

/* Creates, maps, fills, checks and closes buffers for a second. */
static void *worker(void *arg)
{
	struct worker *w = arg;
	time_t end = time(NULL) + 2;

	while (time(NULL) < end) {
		uint32_t h, *p;

		if (vdgpu_bo_create(w->dev, 64 * 1024, DRM_VDGPU_REGIONS_ALL,
				    DRM_VDGPU_REGION_VRAM, 0, &h) ||
		    vdgpu_bo_map(w->dev, h, 64 * 1024, (void **)&p)) {
			w->errors++;
			continue;
		}
		for (int i = 0; i < 16384; i++)
			p[i] = i ^ (uint32_t)(uintptr_t)w;
		for (int i = 0; i < 16384; i++)
			w->errors += p[i] != (i ^ (uint32_t)(uintptr_t)w);
		vdgpu_bo_unmap(p, 64 * 1024);
		vdgpu_bo_close(w->dev, h);
	}
	/* A failure here is this thread's message, nobody else's. */
	vdgpu_bo_migrate(w->dev, 0xdead, DRM_VDGPU_REGION_SYSTEM, 0);
	snprintf(w->message, sizeof(w->message), "%s", vdgpu_last_error());
	return NULL;
}

static void test_threads(void)
{
	struct vdgpu_device *dev = open_first();
	struct worker w[3];
	pthread_t t[3];

	vdgpu_bo_close(dev, 0xbeef);	/* the main thread's own failure */
	for (int i = 0; i < 3; i++) {
		w[i] = (struct worker){ .dev = dev };
		igt_assert_eq(pthread_create(&t[i], NULL, worker, &w[i]), 0);
	}
	for (int i = 0; i < 3; i++) {
		pthread_join(t[i], NULL);
		igt_assert_eq(w[i].errors, 0);
		igt_assert(strstr(w[i].message, "GEM_MIGRATE of handle 57005"));
	}
	igt_assert(strstr(vdgpu_last_error(), "GEM_CLOSE"));
	vdgpu_close(dev);
}

static void test_example(void)
{
	int status;
	pid_t pid;

	igt_require(access(EXAMPLE, X_OK) == 0);
	igt_require(count_devices() >= 2);
	igt_kmod_load("vdgpu_importer", NULL);
	pid = fork();
	igt_assert(pid >= 0);
	if (!pid) {
		execl(EXAMPLE, EXAMPLE, (char *)NULL);
		_exit(127);
	}
	igt_assert_eq(waitpid(pid, &status, 0), pid);
	igt_assert(WIFEXITED(status));
	igt_assert_eq(WEXITSTATUS(status), 0);
}

/* Runs the tool with @args; its output in @out, its exit code returned. */
static int run_tool(const char *args, char *out, size_t len)
{
	char cmd[256];
	size_t n = 0;
	FILE *p;
	int status;

	igt_require(access(TOOL, X_OK) == 0);
	snprintf(cmd, sizeof(cmd), "%s %s 2>&1 </dev/null", TOOL, args);
	p = popen(cmd, "r");
	igt_assert(p);
	while (n < len - 1 && fgets(out + n, len - n, p))
		n += strlen(out + n);
	out[n] = '\0';
	status = pclose(p);
	igt_info("$ vdgpu %s -> %d\n%s", args, WEXITSTATUS(status), out);
	return WEXITSTATUS(status);
}

static void test_tool(void)
{
	struct vdgpu_device_desc d[VDGPU_MAX_DEVICES];
	struct vdgpu_device *dev;
	char out[16384], args[128], want[64];
	int n = vdgpu_enumerate(d, VDGPU_MAX_DEVICES);
	uint32_t h;

	igt_require(n > 0);
	igt_assert_eq(run_tool("--help", out, sizeof(out)), 0);
	igt_assert(strstr(out, "usage: vdgpu"));
	igt_assert_eq(run_tool("frobnicate", out, sizeof(out)), 2);

	igt_assert_eq(run_tool("list", out, sizeof(out)), 0);
	for (int i = 0; i < n; i++)
		igt_assert(strstr(out, d[i].render_node));
	igt_assert_eq(run_tool("--json list", out, sizeof(out)), 0);
	igt_assert(out[0] == '[' && strstr(out, "\"render_node\":\"/dev/dri/renderD"));

	/* A buffer of ours shows in info, bufs and top. */
	igt_assert_eq(vdgpu_open(d[0].render_node, &dev), 0);
	igt_assert_eq(vdgpu_bo_create(dev, 3 * SZ_1M + 4096, DRM_VDGPU_REGION_VRAM,
				      DRM_VDGPU_REGION_VRAM, 0, &h), 0);
	snprintf(args, sizeof(args), "info %s", d[0].render_node);
	igt_assert_eq(run_tool(args, out, sizeof(out)), 0);
	igt_assert(strstr(out, "VRAM") && strstr(out, "P2P reachability"));
	igt_assert(strstr(out, "region      vram") && strstr(out, "region      system"));
	snprintf(args, sizeof(args), "--json info 0");
	igt_assert_eq(run_tool(args, out, sizeof(out)), 0);
	igt_assert(strstr(out, "\"evictions\":"));
	snprintf(args, sizeof(args), "bufs 0");
	igt_assert_eq(run_tool(args, out, sizeof(out)), 0);
	snprintf(want, sizeof(want), "%llu vram", 3 * SZ_1M + 4096);
	igt_assert_f(strstr(out, want), "no '%s' in bufs\n", want);
	igt_assert_eq(run_tool("--json top -n 1", out, sizeof(out)), 0);
	snprintf(want, sizeof(want), "\"pid\":%d,", getpid());
	igt_assert_f(strstr(out, want), "no '%s' in top\n", want);
	vdgpu_bo_close(dev, h);
	vdgpu_close(dev);

	/* A missing device is said plainly. */
	igt_assert_eq(run_tool("info /dev/dri/renderD250", out, sizeof(out)), 1);
	igt_assert(strstr(out, "no vdgpu device '/dev/dri/renderD250'"));
	igt_assert_eq(run_tool("bufs 99", out, sizeof(out)), 1);
}

/* vdgpu top on a terminal redraws every second and quits on q. */
static void test_tool_top_quits(void)
{
	struct timespec start, now;
	int master, status = -1, reaped = 0;
	pid_t pid;
	char buf[4096];

	igt_require(access(TOOL, X_OK) == 0);
	master = posix_openpt(O_RDWR | O_NOCTTY);
	igt_assert(master >= 0);
	igt_assert_eq(grantpt(master), 0);
	igt_assert_eq(unlockpt(master), 0);
	pid = fork();
	igt_assert(pid >= 0);
	if (!pid) {
		int slave = open(ptsname(master), O_RDWR);

		if (slave < 0)
			_exit(126);
		setsid();
		dup2(slave, 0);
		dup2(slave, 1);
		dup2(slave, 2);
		execl(TOOL, TOOL, "top", (char *)NULL);
		_exit(127);
	}
	/* Two screens, then q. */
	usleep(1500000);
	igt_assert(read(master, buf, sizeof(buf)) > 0);
	igt_assert(memmem(buf, sizeof(buf), "VRAM KiB", 8));
	igt_assert_eq(write(master, "q", 1), 1);
	clock_gettime(CLOCK_MONOTONIC, &start);
	do {
		reaped = waitpid(pid, &status, WNOHANG) == pid;
		if (reaped)
			break;
		usleep(50000);
		clock_gettime(CLOCK_MONOTONIC, &now);
	} while (now.tv_sec - start.tv_sec < 5);
	if (!reaped) {
		kill(pid, SIGKILL);
		waitpid(pid, &status, 0);
	}
	igt_assert_f(reaped && WIFEXITED(status) && WEXITSTATUS(status) == 0,
		     "vdgpu top did not quit on q\n");
	close(master);
}

/* vdgpu trace records the example's work and draws a PNG. */
static void test_tool_trace(void)
{
	static const unsigned char png_magic[8] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };
	char out[4096], args[256];
	unsigned char magic[8];
	int buffers = 0, events = 0, moves, evictions, notifies, maps;
	const char *p;
	FILE *f;

	igt_require(access(EXAMPLE, X_OK) == 0);
	igt_require(count_devices() >= 2);
	igt_require(access("/sys/kernel/tracing/events/vdgpu/enable", W_OK) == 0);
	igt_kmod_load("vdgpu_importer", NULL);
	unlink("/tmp/vdgpu-trace-test.png");
	snprintf(args, sizeof(args), "trace -o /tmp/vdgpu-trace-test.png -- %s --pressure", EXAMPLE);
	igt_assert_eq(run_tool(args, out, sizeof(out)), 0);
	p = strstr(out, " buffers, ");
	igt_assert(p);
	while (p > out && p[-1] != '\n')
		p--;
	igt_assert_eq(sscanf(p, "%d buffers, %d events: %d moves, %d evictions, %d move_notify, %d maps",
			     &buffers, &events, &moves, &evictions, &notifies, &maps), 6);
	/* The shared buffer and the hog that evicts it, and the job results. */
	igt_assert_lte(2, buffers);
	igt_assert_lte(1, evictions);
	igt_assert_lte(1, notifies);
	igt_assert_lte(2, maps);
	f = fopen("/tmp/vdgpu-trace-test.png", "rb");
	igt_assert(f);
	igt_assert_eq(fread(magic, 1, 8, f), 8);
	fclose(f);
	igt_assert(!memcmp(magic, png_magic, 8));
	igt_assert_eq(run_tool("trace --from /nonexistent", out, sizeof(out)), 1);
}

igt_main
{
	igt_describe("vdgpu_enumerate() finds every vdgpu render node");
	igt_subtest("enumerate")
		test_enumerate();

	igt_describe("vdgpu_open() errors and their messages");
	igt_subtest("open-errors")
		test_open_errors();

	igt_describe("Buffers: create, map, migrate, info, wait, close, errors");
	igt_subtest("buffers")
		test_buffers();

	igt_describe("Memory regions and their use");
	igt_subtest("regions")
		test_regions();

	igt_describe("Jobs with syncobjs");
	igt_subtest("exec-syncobj")
		test_exec_syncobj();

	igt_describe("Export to and import from another device");
	igt_subtest("share")
		test_share();

	igt_describe("fdinfo statistics per region");
	igt_subtest("fdinfo")
		test_fdinfo();

	igt_describe("One handle from several threads; errors stay per thread");
	igt_subtest("threads")
		test_threads();

	igt_describe("The vdgpu tool: list, info, bufs, top, --json, errors");
	igt_subtest("tool")
		test_tool();

	igt_describe("vdgpu top on a terminal quits on q");
	igt_subtest("tool-top-quits")
		test_tool_top_quits();

	igt_describe("vdgpu trace records a run and draws it");
	igt_subtest("tool-trace")
		test_tool_trace();

	igt_describe("The example program shares a buffer with GPU1 and the importer");
	igt_subtest("example")
		test_example();
}
