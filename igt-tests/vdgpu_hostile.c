// SPDX-License-Identifier: MIT
/*
 * Copyright (c) 2026 The vdgpu authors
 */

/**
 * TEST: vdgpu hostile
 * Description: what a hostile or buggy client can do to the others: read
 *		bytes it never wrote, stop the engines, or take unbounded
 *		kernel memory. Each subtest plays the attacker as an
 *		unprivileged user (igt_drop_root() in a child, which opens
 *		its own render node) with a second client (the victim, the
 *		test's root process) on the same device, and uses a vgem fence
 *		that signals only when told as the "long job" an attacker
 *		puts in front of its buffers.
 *
 * SUBTEST: leak-%s
 * Description: a buffer moved out of VRAM behind a long job takes the
 *		recycled pages of another client's freed buffer; read through
 *		%arg[1] during the move, it shows only its own bytes (zero)
 * arg[1]:
 * @cpu-fault:		a CPU fault on its mmap
 * @proc-mem:		/proc/self/mem (access_process_vm(), as ptrace reads)
 * @dma-buf-mmap:	an mmap of its dma-buf
 * @exec:		an EXEC checksum job
 *
 * SUBTEST: free-job-no-deadlock
 * Description: releasing a finished job does not wait for a reservation
 *		that a thread holds while it waits for a later job of the same
 *		engine (GPU1's jobs on GPU0's export, then vgem imports it)
 *
 * SUBTEST: jobs-in-flight-bounded
 * Description: a client queueing jobs behind a fence that does not signal
 *		waits at max_jobs_per_client jobs in flight (interruptibly),
 *		takes a bounded amount of memory, and does not hold up another
 *		client's jobs
 *
 * SUBTEST: pin-budget-per-client
 * Description: an unprivileged client whose exports vgem imports (and so
 *		pins) until refused stops at max_pinned_mb_per_client with
 *		-ENOSPC, and another client can still have its buffer pinned
 *
 * SUBTEST: clear-not-behind-foreign-move
 * Description: while an unprivileged client's move waits for a fence that
 *		client never signals, another client's new VRAM buffer is
 *		still zeroed (its clear does not queue behind that move)
 *
 * SUBTEST: bench-knob-bounds
 * Description: the root-only dma_buf_bench debugfs file refuses importer
 *		and round counts beyond its documented bounds with -EINVAL
 */

#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>
#include <xf86drm.h>

#include "igt.h"
#include "igt_vdgpu.h"

IGT_TEST_DESCRIPTION("vdgpu holds against hostile and buggy clients");

#define SZ_1M		(1ull << 20)
#define SYS		DRM_VDGPU_REGION_SYSTEM
#define VRAM		DRM_VDGPU_REGION_VRAM
#define ALL		DRM_VDGPU_REGIONS_ALL
#define SECOND_NS	(1000ll * 1000 * 1000)
#define SECRET_SEED	0x5ec7e7
#define MAX_JOBS_PARAM	"/sys/module/vdgpu/parameters/max_jobs_per_client"
#define RECYCLE_MS	"/sys/module/vdgpu/parameters/tt_recycle_ms"
#define PIN_CLIENT_MB	"/sys/module/vdgpu/parameters/max_pinned_mb_per_client"
#define PIN_DEVICE_MB	"/sys/module/vdgpu/parameters/max_pinned_mb"

static char orig_recycle_ms[32];

static void restore_recycle_ms(int sig)
{
	if (orig_recycle_ms[0])
		vdgpu_write_sysfs(RECYCLE_MS, orig_recycle_ms);
}

/* Signals a blocker after a delay, from its own thread. */
struct delayed_signal {
	pthread_t thread;
	struct vdgpu_blocker *blocker;
	unsigned int ms;
};

static void *delayed_signal_thread(void *arg)
{
	struct delayed_signal *d = arg;

	usleep(d->ms * 1000);
	vdgpu_blocker_signal(d->blocker);
	return NULL;
}

static void delayed_signal_start(struct delayed_signal *d, struct vdgpu_blocker *b,
				 unsigned int ms)
{
	d->blocker = b;
	d->ms = ms;
	igt_assert_eq(pthread_create(&d->thread, NULL, delayed_signal_thread, d), 0);
}

static void delayed_signal_join(struct delayed_signal *d)
{
	igt_assert_eq(pthread_join(d->thread, NULL), 0);
}

/* Every word of @p is zero; @what names the path for the message. */
static void assert_zero(const uint32_t *p, uint64_t size, const char *what)
{
	for (uint64_t i = 0; i < size / 4; i++)
		igt_assert_f(p[i] == 0,
			     "%s: word %" PRIu64 " is %#x, never written by this client%s\n",
			     what, i, p[i],
			     p[i] == vdgpu_pattern_word(SECRET_SEED, i) ?
			     " (the other client's secret)" : "");
}

/* Waits until debugfs tt_recycle holds at least @bytes. */
static void wait_recycled(int fd, uint64_t bytes)
{
	struct timespec start = {};

	igt_nsec_elapsed(&start);
	while (vdgpu_tt_recycle_stat(fd, "held_bytes") < bytes) {
		igt_assert_f(igt_nsec_elapsed(&start) < 10 * SECOND_NS,
			     "the victim's old backing was not recycled\n");
		usleep(5000);
	}
}

enum leak_path { LEAK_CPU_FAULT, LEAK_PROC_MEM, LEAK_DMA_BUF_MMAP, LEAK_EXEC };

static const char * const leak_path_names[] = {
	[LEAK_CPU_FAULT] = "cpu-fault",
	[LEAK_PROC_MEM] = "proc-mem",
	[LEAK_DMA_BUF_MMAP] = "dma-buf-mmap",
	[LEAK_EXEC] = "exec",
};

/* Reads all of @h of @fd into @out through @path. */
static void read_through(int fd, uint32_t h, uint64_t size, enum leak_path path,
			 uint32_t *out)
{
	uint64_t zero_sum;
	uint32_t *p, zero;
	int dmabuf, mem;

	switch (path) {
	case LEAK_CPU_FAULT:
		p = vdgpu_gem_mmap(fd, h, size, PROT_READ);
		memcpy(out, p, size);
		munmap(p, size);
		break;
	case LEAK_PROC_MEM:
		p = vdgpu_gem_mmap(fd, h, size, PROT_READ);
		mem = open("/proc/self/mem", O_RDONLY);
		igt_assert_lte(0, mem);
		igt_assert_eq_s64(pread(mem, out, size, (off_t)(uintptr_t)p), size);
		close(mem);
		munmap(p, size);
		break;
	case LEAK_DMA_BUF_MMAP:
		igt_assert_eq(drmPrimeHandleToFD(fd, h, DRM_CLOEXEC | DRM_RDWR, &dmabuf), 0);
		p = mmap(NULL, size, PROT_READ, MAP_SHARED, dmabuf, 0);
		igt_assert(p != MAP_FAILED);
		memcpy(out, p, size);
		munmap(p, size);
		close(dmabuf);
		break;
	case LEAK_EXEC:
		/* The engine's checksum must be that of zeroes. */
		zero = vdgpu_gem_create(fd, size, SYS, SYS, 0);
		zero_sum = vdgpu_gpu_checksum(fd, zero, 0, size);
		gem_close(fd, zero);
		igt_assert_f(vdgpu_gpu_checksum(fd, h, 0, size) == zero_sum,
			     "exec: the engine read bytes this client never wrote\n");
		memset(out, 0, size);
		break;
	}
}

/* One byte through a pipe: a step of a two-process test (SIGPIPE ignored). */
static bool step_send(int fd)
{
	return write(fd, "s", 1) == 1;
}

static bool step_wait(int fd)
{
	char c;

	return read(fd, &c, 1) == 1;
}

/*
 * Two pipes between a test and the one child it forks: the child says it
 * is ready (ready[1]), the test says go (go[0]). A child that failed
 * closes its ends by exiting, so neither side waits forever.
 */
struct steps {
	int ready[2];
	int go[2];
};

static void steps_init(struct steps *st)
{
	igt_assert_eq(pipe(st->ready), 0);
	igt_assert_eq(pipe(st->go), 0);
	signal(SIGPIPE, SIG_IGN);
}

/* In the child: keeps ready[1] and go[0]. */
static void steps_in_child(struct steps *st)
{
	close(st->ready[0]);
	close(st->go[1]);
}

/* In the test, after the fork: whether the child said it is ready. */
static bool steps_wait_ready(struct steps *st)
{
	close(st->ready[1]);
	close(st->go[0]);
	return step_wait(st->ready[0]);
}

/* In the test: lets the child go on and waits for it to end. */
static void steps_go_and_wait(struct steps *st)
{
	step_send(st->go[1]);
	igt_waitchildren();
	close(st->ready[0]);
	close(st->go[1]);
}

/*
 * The attacker, an unprivileged client: its zeroed VRAM buffer is moved
 * out of VRAM, NONBLOCK, behind a job that waits for a vgem fence, so its
 * new backing (the victim's recycled pages) is not written for as long as
 * the attacker likes. Reading it through @path must wait for the move.
 * @moved tells the test (root, which can read the recycler's debugfs) that
 * the move is queued; @go says it may read.
 */
static void leak_attacker(enum leak_path path, uint64_t size, int moved, int go)
{
	int attacker = vdgpu_open_as_user();
	struct vdgpu_blocker blocker;
	struct delayed_signal signaller;
	uint32_t *out = malloc(size);
	uint32_t x;

	igt_assert(out);
	x = vdgpu_gem_create(attacker, size, ALL, VRAM, 0);
	vdgpu_gem_wait(attacker, x, INT64_MAX);
	vdgpu_blocker_init(attacker, &blocker);
	vdgpu_blocker_block(&blocker, x);
	vdgpu_gem_migrate(attacker, x, SYS, DRM_VDGPU_GEM_MIGRATE_NONBLOCK);
	igt_assert(step_send(moved));
	igt_assert(step_wait(go));

	delayed_signal_start(&signaller, &blocker, 300);
	read_through(attacker, x, size, path, out);
	assert_zero(out, size, leak_path_names[path]);
	delayed_signal_join(&signaller);

	/* And after the move. */
	read_through(attacker, x, size, path, out);
	assert_zero(out, size, leak_path_names[path]);

	vdgpu_blocker_fini(&blocker);
	gem_close(attacker, x);
	close(attacker);
	free(out);
}

/*
 * The victim's secret sits in system pages that a move to VRAM frees and
 * the recycler keeps; the attacker's move out of VRAM takes them.
 */
static void test_leak(int victim, enum leak_path path)
{
	const uint64_t size = SZ_1M;
	struct steps st;
	uint64_t hits;
	uint32_t secret;
	bool queued;

	vdgpu_tt_recycle_drain(victim);
	secret = vdgpu_create_filled(victim, size, ALL, SYS, SECRET_SEED);
	vdgpu_gem_migrate(victim, secret, VRAM, 0);
	wait_recycled(victim, size);
	hits = vdgpu_tt_recycle_stat(victim, "hits");

	steps_init(&st);
	igt_fork(child, 1) {
		steps_in_child(&st);
		leak_attacker(path, size, st.ready[1], st.go[0]);
	}
	queued = steps_wait_ready(&st);
	/* Counted before the attacker allocates anything else. */
	hits = vdgpu_tt_recycle_stat(victim, "hits") - hits;
	steps_go_and_wait(&st);
	igt_assert_f(queued, "the attacker did not queue its move\n");
	igt_assert_f(hits == 1,
		     "the move out of VRAM took recycled pages %" PRIu64 " times, not once\n",
		     hits);
	gem_close(victim, secret);
}

/*
 * GPU1 imports GPU0's export and queues a job that waits for a vgem fence,
 * then two jobs behind it; vgem then imports the export, which (static
 * importer) pins it and moves it to system memory behind those jobs, and
 * waits for that move holding the export's reservation. Releasing the
 * first job must not need that reservation: the engine would stop, with
 * the second job never run and the move never done.
 */
static void test_free_job_no_deadlock(int fd)
{
	int gpu1 = vdgpu_open_other_gpu(fd), vgem, dmabuf;
	struct vdgpu_blocker blocker;
	struct delayed_signal signaller;
	struct timespec start = {};
	uint32_t e, imp, vh;

	igt_require_f(gpu1 >= 0, "needs two vdgpu GPUs\n");
	e = vdgpu_gem_create(fd, SZ_1M, ALL, VRAM, 0);
	vdgpu_gem_wait(fd, e, INT64_MAX);
	igt_assert_eq(drmPrimeHandleToFD(fd, e, DRM_CLOEXEC | DRM_RDWR, &dmabuf), 0);
	igt_assert_eq(drmPrimeFDToHandle(gpu1, dmabuf, &imp), 0);

	vdgpu_blocker_init(gpu1, &blocker);
	vdgpu_blocker_block(&blocker, imp);
	for (int i = 0; i < 2; i++)
		vdgpu_exec(gpu1, (struct drm_vdgpu_exec){ .op = DRM_VDGPU_OP_FILL,
			.dst_handle = imp, .size = 4096, .value = 0x600d0000 + i });

	/* Its render node: PRIME import is allowed there. */
	vgem = drm_open_driver_render(DRIVER_VGEM);
	delayed_signal_start(&signaller, &blocker, 300);
	igt_nsec_elapsed(&start);
	/* A deadlock kills the test; the interrupted wait then ends it. */
	alarm(30);
	igt_assert_eq(drmPrimeFDToHandle(vgem, dmabuf, &vh), 0);
	alarm(0);
	delayed_signal_join(&signaller);
	igt_assert_f(igt_nsec_elapsed(&start) < 20 * SECOND_NS,
		     "vgem's import took %" PRIu64 " ms\n", igt_nsec_elapsed(&start) / 1000000);
	igt_assert_eq(__vdgpu_gem_wait(gpu1, imp, 20 * SECOND_NS), 0);

	gem_close(vgem, vh);
	close(vgem);
	vdgpu_blocker_fini(&blocker);
	gem_close(gpu1, imp);
	close(dmabuf);
	gem_close(fd, e);
	close(gpu1);
}

static void on_alarm(int sig)
{
}

/* CLOCK_MONOTONIC now + @ns: an absolute syncobj timeout. */
static int64_t deadline_ns(int64_t ns)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return now.tv_sec * SECOND_NS + now.tv_nsec + ns;
}

/*
 * EXEC behind a fence that never signals (until the end), with the raw
 * ioctl (drmIoctl() would restart it on EINTR): submissions stop at the
 * bound and the one beyond it waits until SIGALRM interrupts it.
 */
static void test_jobs_bounded(int fd, int other)
{
	const int tries = 20000;
	struct sigaction sa = { .sa_handler = on_alarm }, old;
	struct itimerval timer = { .it_value.tv_sec = 2 };
	struct vdgpu_blocker blocker;
	char param[32];
	uint64_t before, after;
	int max, n, err = 0;
	uint32_t h = vdgpu_gem_create(fd, 4096, SYS, SYS, 0), oh, s;

	/* Without the parameter (no bound) the checks below fail. */
	max = vdgpu_read_sysfs(MAX_JOBS_PARAM, param, sizeof(param)) > 0 ? atoi(param) : -1;
	vdgpu_blocker_init(fd, &blocker);

	before = vdgpu_mem_available();
	igt_assert_eq(sigaction(SIGALRM, &sa, &old), 0);	/* no SA_RESTART */
	igt_assert_eq(setitimer(ITIMER_REAL, &timer, NULL), 0);
	for (n = 0; n < tries; n++) {
		struct drm_vdgpu_exec exec = {
			.op = DRM_VDGPU_OP_CHECKSUM, .dst_handle = blocker.import,
			.src_handle = h, .size = 4096,
		};

		if (ioctl(fd, DRM_IOCTL_VDGPU_EXEC, &exec)) {
			err = errno;
			break;
		}
	}
	after = vdgpu_mem_available();
	timer.it_value.tv_sec = 0;
	setitimer(ITIMER_REAL, &timer, NULL);
	sigaction(SIGALRM, &old, NULL);

	igt_info("%d jobs queued behind the fence; MemAvailable %+" PRId64 " KiB\n",
		 n, (int64_t)(after - before) / 1024);
	/* Documentation: a job in flight holds at most a few KiB. */
	igt_assert_f(before < after || before - after < 16 * SZ_1M,
		     "MemAvailable fell by %" PRIu64 " KiB for %d jobs\n",
		     (before - after) / 1024, n);
	igt_assert_f(n == max && err == EINTR,
		     "%d jobs queued (bound %d), then errno %d\n", n, max, err);

	/* The other client's jobs are not held up by this one's. */
	oh = vdgpu_gem_create(other, 4096, SYS, SYS, 0);
	igt_assert_eq(drmSyncobjCreate(other, 0, &s), 0);
	vdgpu_exec(other, (struct drm_vdgpu_exec){ .op = DRM_VDGPU_OP_FILL,
		.dst_handle = oh, .size = 4096, .value = 1, .out_syncobj = s });
	igt_assert_f(drmSyncobjWait(other, &s, 1, deadline_ns(5 * SECOND_NS), 0, NULL) == 0,
		     "another client's job waited behind this client's\n");
	drmSyncobjDestroy(other, s);
	gem_close(other, oh);

	vdgpu_blocker_signal(&blocker);
	vdgpu_gem_wait(fd, blocker.import, 30 * SECOND_NS);
	vdgpu_blocker_fini(&blocker);
	gem_close(fd, h);
}

static char orig_pin_client_mb[32];

static void restore_pin_client_mb(int sig)
{
	if (orig_pin_client_mb[0])
		vdgpu_write_sysfs(PIN_CLIENT_MB, orig_pin_client_mb);
}

/*
 * The attacker (unprivileged) exports 4 MiB buffers and has vgem import
 * each (a static importer: vdgpu pins at attach) until a pin is refused,
 * up to the whole device budget; then, holding those pins, tells the
 * victim, which must still get its own buffer pinned.
 */
static void pin_attacker(uint64_t size, int max, int full, int go)
{
	int fd = vdgpu_open_as_user(), vgem = drm_open_driver_render(DRIVER_VGEM);
	int n, ret = 0, dmabuf;
	uint32_t h, vh;

	for (n = 0; n < max; n++) {
		h = vdgpu_gem_create(fd, size, SYS, SYS, 0);
		igt_assert_eq(drmPrimeHandleToFD(fd, h, DRM_CLOEXEC, &dmabuf), 0);
		ret = drmPrimeFDToHandle(vgem, dmabuf, &vh) ? -errno : 0;
		close(dmabuf);
		if (ret)
			break;
	}
	igt_info("the attacker had %d buffers (%" PRIu64 " MiB) pinned, then %s\n",
		 n, n * size >> 20, ret ? strerror(-ret) : "stopped");
	igt_assert(step_send(full));
	igt_assert(step_wait(go));
	igt_assert_f(n == 16 / (size >> 20) && ret == -ENOSPC,
		     "%d pins of %" PRIu64 " MiB before %d, with a budget of 16 MiB per client\n",
		     n, size >> 20, ret);
}

static void test_pin_budget_per_client(int victim)
{
	const uint64_t size = 4 * SZ_1M;
	char device_mb[32];
	int dmabuf, vgem, ret, max;
	struct steps st;
	uint32_t h, vh;
	bool attacked;

	igt_assert_lt(0, vdgpu_read_sysfs(PIN_DEVICE_MB, device_mb, sizeof(device_mb)));
	max = atoi(device_mb) / (size >> 20) + 1;
	/* Without the parameter the attacker takes the device budget. */
	if (vdgpu_read_sysfs(PIN_CLIENT_MB, orig_pin_client_mb,
			     sizeof(orig_pin_client_mb)) > 0) {
		orig_pin_client_mb[strcspn(orig_pin_client_mb, "\n")] = '\0';
		igt_install_exit_handler(restore_pin_client_mb);
		igt_assert_eq(vdgpu_write_sysfs(PIN_CLIENT_MB, "16"), 0);
	}

	steps_init(&st);
	igt_fork(child, 1) {
		steps_in_child(&st);
		pin_attacker(size, max, st.ready[1], st.go[0]);
	}
	attacked = steps_wait_ready(&st);

	vgem = drm_open_driver_render(DRIVER_VGEM);
	h = vdgpu_gem_create(victim, size, SYS, SYS, 0);
	igt_assert_eq(drmPrimeHandleToFD(victim, h, DRM_CLOEXEC, &dmabuf), 0);
	ret = drmPrimeFDToHandle(vgem, dmabuf, &vh) ? -errno : 0;
	steps_go_and_wait(&st);
	igt_assert_f(attacked, "the attacker did not finish pinning\n");
	igt_assert_f(ret == 0, "the victim's pin was refused (%d) while the attacker held its pins\n",
		     ret);
	close(vgem);
	close(dmabuf);
	gem_close(victim, h);
	restore_pin_client_mb(0);
}

/* The attacker's move out of VRAM waits for its blocker until @go. */
static void stuck_move_attacker(int ready, int go)
{
	int fd = vdgpu_open_as_user();
	struct vdgpu_blocker blocker;
	uint32_t x = vdgpu_gem_create(fd, SZ_1M, ALL, VRAM, 0);

	vdgpu_gem_wait(fd, x, INT64_MAX);
	vdgpu_blocker_init(fd, &blocker);
	vdgpu_blocker_block(&blocker, x);
	vdgpu_gem_migrate(fd, x, SYS, DRM_VDGPU_GEM_MIGRATE_NONBLOCK);
	igt_assert(step_send(ready));
	step_wait(go);
	vdgpu_blocker_signal(&blocker);
	vdgpu_gem_wait(fd, x, INT64_MAX);
	vdgpu_blocker_fini(&blocker);
	gem_close(fd, x);
}

static void test_clear_not_behind_foreign_move(int victim)
{
	struct drm_vdgpu_gem_info info;
	struct steps st;
	bool stuck;
	int ret;
	uint32_t v;

	steps_init(&st);
	igt_fork(child, 1) {
		steps_in_child(&st);
		stuck_move_attacker(st.ready[1], st.go[0]);
	}
	stuck = steps_wait_ready(&st);

	v = vdgpu_gem_create(victim, SZ_1M, VRAM, VRAM, 0);
	ret = __vdgpu_gem_wait(victim, v, 5 * SECOND_NS);
	vdgpu_gem_info(victim, v, &info);
	steps_go_and_wait(&st);
	igt_assert_f(stuck, "the attacker did not queue its move\n");
	igt_assert_eq_u32(info.region, VRAM);
	igt_assert_f(ret == 0,
		     "the new VRAM buffer's clear waited behind another client's move (%d)\n",
		     ret);
	gem_close(victim, v);
}

static void test_bench_knob_bounds(int fd)
{
	uint32_t h = vdgpu_gem_create(fd, SZ_1M, ALL, SYS, 0);
	char cmd[64];
	int dmabuf, ret;

	igt_assert_eq(drmPrimeHandleToFD(fd, h, DRM_CLOEXEC | DRM_RDWR, &dmabuf), 0);
	snprintf(cmd, sizeof(cmd), "evict %d 1048576 1", dmabuf);
	ret = vdgpu_debugfs_write(fd, "dma_buf_bench", cmd);
	igt_require_f(ret != -ENOENT, "no debugfs dma_buf_bench\n");
	igt_assert_eq(ret, -EINVAL);
	snprintf(cmd, sizeof(cmd), "map %d 0 4000000000", dmabuf);
	igt_assert_eq(vdgpu_debugfs_write(fd, "dma_buf_bench", cmd), -EINVAL);
	snprintf(cmd, sizeof(cmd), "pin %d 0 4000000000", dmabuf);
	igt_assert_eq(vdgpu_debugfs_write(fd, "dma_buf_bench", cmd), -EINVAL);
	/* Within the bounds it still runs. */
	snprintf(cmd, sizeof(cmd), "evict %d 2 1", dmabuf);
	igt_assert_eq(vdgpu_debugfs_write(fd, "dma_buf_bench", cmd), 0);
	close(dmabuf);
	gem_close(fd, h);
}

igt_main
{
	int fd = -1, victim = -1;

	igt_fixture {
		fd = drm_open_driver_render(DRIVER_ANY);
		igt_require(vdgpu_is_device(fd));
		victim = vdgpu_reopen(fd);
		/* vgem loaded once, so that no subtest waits for that. */
		close(drm_open_driver(DRIVER_VGEM));
	}

	for (int path = 0; path < 4; path++) {
		igt_describe("A buffer moved onto another client's recycled pages shows only its own bytes");
		igt_subtest_f("leak-%s", leak_path_names[path]) {
			igt_require_f(vdgpu_read_sysfs(RECYCLE_MS, orig_recycle_ms,
						       sizeof(orig_recycle_ms)) > 0,
				      "no %s\n", RECYCLE_MS);
			orig_recycle_ms[strcspn(orig_recycle_ms, "\n")] = '\0';
			igt_install_exit_handler(restore_recycle_ms);
			/* Nothing expires on a slow kernel while the test sets up. */
			igt_assert_eq(vdgpu_write_sysfs(RECYCLE_MS, "60000"), 0);
			test_leak(victim, path);
			restore_recycle_ms(0);
		}
	}

	igt_describe("Releasing a job never waits for a reservation held across a later job");
	igt_subtest("free-job-no-deadlock") {
		igt_fork(child, 1)
			test_free_job_no_deadlock(vdgpu_open_as_user());
		igt_waitchildren();
	}

	igt_describe("Jobs in flight per client are bounded; the next EXEC waits interruptibly");
	igt_subtest("jobs-in-flight-bounded") {
		/* The other client is root's, opened before the fork. */
		igt_fork(child, 1)
			test_jobs_bounded(vdgpu_open_as_user(), victim);
		igt_waitchildren();
	}

	igt_describe("One client's pins stop at its budget, leaving the device's to the others");
	igt_subtest("pin-budget-per-client")
		test_pin_budget_per_client(victim);

	igt_describe("Another client's clears do not queue behind one client's stuck move");
	igt_subtest("clear-not-behind-foreign-move")
		test_clear_not_behind_foreign_move(victim);

	igt_describe("The bench debugfs file refuses counts beyond its bounds");
	igt_subtest("bench-knob-bounds")
		test_bench_knob_bounds(fd);

	igt_fixture {
		close(victim);
		close(fd);
	}
}
