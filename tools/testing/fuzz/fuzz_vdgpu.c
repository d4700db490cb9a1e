// SPDX-License-Identifier: MIT
/*
 * Copyright (c) 2026 The vdgpu authors
 *
 * fuzz_vdgpu - structure-aware random use of everything a client of vdgpu
 * reaches: every vdgpu ioctl, GEM close, PRIME both ways across both GPUs
 * and vgem, syncobjs, mmap with reads and writes, /proc/self/mem reads,
 * dma-buf mmap, SYNC, EXPORT_SYNC_FILE and IMPORT_SYNC_FILE, the reference
 * importer's ioctls, vdgpu's writable module parameters, fork, munmap and
 * closes racing with use.
 *
 * Several worker processes (half of them an unprivileged user, as a
 * hostile client is; the others root, which alone reaches vgem's primary
 * node and the reference importer) run two threads each over one shared
 * table of objects, with arguments biased to the interesting values: live
 * and dead handles, 0, -1, sizes near VRAM, overflowing offset+length,
 * unknown flags, nonzero pad. A periodic signal interrupts waits.
 *
 * The parent watches the kernel log; any report (WARN, BUG, KASAN, lockdep,
 * UBSAN, DMA-API, debug objects) or a worker that does not finish fails
 * the run, printing the seed that reproduces the sequences and the last
 * calls of each thread. tools/testing/logscan.py scans the whole log too.
 *
 * Usage: fuzz_vdgpu [-s SECONDS] [-S SEED] [-w WORKERS]
 * Prints "FUZZ-OP <call> calls=N ok=N" per call and a closing
 * "FUZZ-RESULT pass|fail ..." line; exits 0 on pass.
 */

#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <inttypes.h>
#include <poll.h>
#include <pthread.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <linux/dma-buf.h>
#include <xf86drm.h>

#include "vdgpu_drm.h"
#include "vdgpu_importer.h"

/* vgem's uAPI (include/uapi/drm/vgem_drm.h); libdrm ships no header. */
struct fuzz_vgem_fence_attach {
	uint32_t handle, flags, out_fence, pad;
};

struct fuzz_vgem_fence_signal {
	uint32_t fence, flags;
};

#define FUZZ_IOCTL_VGEM_FENCE_ATTACH \
	DRM_IOWR(DRM_COMMAND_BASE + 0x01, struct fuzz_vgem_fence_attach)
#define FUZZ_IOCTL_VGEM_FENCE_SIGNAL \
	DRM_IOW(DRM_COMMAND_BASE + 0x02, struct fuzz_vgem_fence_signal)

#define MAX_DEVS	8
#define MAX_OBJS	48
#define MAX_THREADS	2
#define MAX_WORKERS	8
#define HISTORY		16
#define USER_UID	1000
#define SZ_4K		4096ull
#define SZ_1M		(1ull << 20)
/*
 * What a worker's buffers may hold at once. A client's GEM memory is not
 * charged to it (as for every DRM driver on 6.12): a fuzzer that took the
 * guest's memory would have the OOM killer end the test runner instead.
 * Sizes beyond the budget are still tried where they must fail (beyond
 * every region).
 */
#define WORKER_BUDGET	(32 * SZ_1M)

/* Every call the fuzzer makes, counted per call in shared memory. */
#define CALLS(X) \
	X(QUERY) X(GEM_CREATE) X(GEM_MMAP) X(GEM_MIGRATE) X(GEM_WAIT) \
	X(GEM_INFO) X(EXEC) X(GEM_CLOSE) X(PRIME_EXPORT) X(PRIME_IMPORT) \
	X(SYNCOBJ_CREATE) X(SYNCOBJ_DESTROY) X(SYNCOBJ_WAIT) \
	X(SYNCOBJ_RESET) X(SYNCOBJ_SIGNAL) X(SYNCOBJ_TIMELINE_WAIT) \
	X(SYNCOBJ_QUERY) X(SYNCOBJ_SYNC_FILE) X(DMABUF_MMAP) X(DMABUF_SYNC) \
	X(DMABUF_EXPORT_SYNC_FILE) X(DMABUF_IMPORT_SYNC_FILE) X(PROC_MEM) \
	X(MAP_TOUCH) X(MUNMAP) X(CLOSE_DMABUF) X(VGEM_CREATE) \
	X(VGEM_FENCE) X(VGEM_SIGNAL) X(IMP_DEVICE) X(IMP_ATTACH) \
	X(IMP_DETACH) X(IMP_READ) X(IMP_MAP) X(IMP_INFO) X(FORK) \
	X(RAW_IOCTL) X(KNOB)

#define AS_ENUM(name) CALL_##name,
#define AS_NAME(name) #name,
enum call { CALLS(AS_ENUM) NUM_CALLS };
static const char * const call_names[] = { CALLS(AS_NAME) };

/* Shared by every worker and the parent (MAP_SHARED). */
struct shared {
	uint64_t calls[NUM_CALLS];
	uint64_t ok[NUM_CALLS];
	uint64_t faults;		/* SIGBUS/SIGSEGV on a mapping */
	uint8_t history[MAX_WORKERS][MAX_THREADS][HISTORY];
	uint32_t history_pos[MAX_WORKERS][MAX_THREADS];
};

static struct shared *shared;

enum dev_kind { DEV_VDGPU, DEV_VGEM, DEV_IMPORTER };

struct dev {
	int fd;
	enum dev_kind kind;
	bool primary;		/* vgem's primary node: dumb buffers */
	bool iommu;		/* importer: its edu device is behind an IOMMU */
	uint64_t vram;		/* vdgpu: VRAM bytes */
};

enum obj_kind { OBJ_NONE, OBJ_BO, OBJ_DMABUF, OBJ_SYNCOBJ, OBJ_MAP, OBJ_ATTACH,
		OBJ_FENCE, OBJ_SYNC_FILE };

struct obj {
	enum obj_kind kind;
	int dev;		/* index into devs, or -1 */
	uint32_t handle;	/* GEM, syncobj, attachment, vgem fence */
	int fd;			/* dma-buf, sync_file */
	void *ptr;		/* mapping */
	uint64_t size;
	uint64_t charged;	/* counted in the worker's bytes */
};

struct worker {
	int id;
	bool root;
	bool syncobj_any_count;	/* the kernel carries kernel-patches/0002 */
	int ndevs;
	struct dev devs[MAX_DEVS];
	pthread_mutex_t lock;	/* the table, not the calls */
	struct obj objs[MAX_OBJS];
	uint32_t dead[16];	/* recently closed handles */
	uint64_t bytes;		/* of the buffers it created and holds */
	time_t deadline;
};

struct thread {
	struct worker *w;
	int id;
	uint64_t rng;
};

static __thread sigjmp_buf *fault_jmp;

/* xorshift64*: one stream per thread, from the seed. */
static uint64_t rnd(struct thread *t)
{
	t->rng ^= t->rng >> 12;
	t->rng ^= t->rng << 25;
	t->rng ^= t->rng >> 27;
	return t->rng * 2685821657736338717ull;
}

static uint32_t below(struct thread *t, uint32_t n)
{
	return n ? rnd(t) % n : 0;
}

static bool chance(struct thread *t, unsigned int percent)
{
	return below(t, 100) < percent;
}

/* A size biased to the edges: pages, odd sizes, near VRAM, huge. */
static uint64_t pick_size(struct thread *t, uint64_t vram)
{
	switch (below(t, 12)) {
	case 0: return 0;
	case 1: return 1 + below(t, 8191);
	case 2: return vram ? vram - SZ_4K : SZ_1M;
	case 3: return vram ? vram + SZ_4K : 2 * SZ_1M;
	case 4: return ~0ull - below(t, 4096);
	case 5: return 1ull << (12 + below(t, 52));
	case 6: return vram ? vram / 2 : SZ_1M;
	default: return SZ_4K * (1 + below(t, 256));
	}
}

/* An offset or length inside [0, size], at its edges, or overflowing. */
static uint64_t pick_offset(struct thread *t, uint64_t size)
{
	switch (below(t, 8)) {
	case 0: return 0;
	case 1: return size;
	case 2: return size ? size - 4 : 0;
	case 3: return ~0ull - below(t, 16) * 4;
	case 4: return 1ull << 63;
	case 5: return below(t, 4093);
	default: return size ? (rnd(t) % size) & ~3ull : 0;
	}
}

static uint32_t pick_flags(struct thread *t, uint32_t valid)
{
	if (chance(t, 80))
		return 0;
	if (chance(t, 60))
		return valid & (uint32_t)rnd(t);
	return (uint32_t)rnd(t) | (1u << below(t, 32));
}

static uint64_t pick_pad(struct thread *t)
{
	return chance(t, 95) ? 0 : rnd(t) | 1;
}

static void note(struct thread *t, enum call c, int ret)
{
	uint32_t *pos = &shared->history_pos[t->w->id][t->id];

	__atomic_add_fetch(&shared->calls[c], 1, __ATOMIC_RELAXED);
	if (ret == 0)
		__atomic_add_fetch(&shared->ok[c], 1, __ATOMIC_RELAXED);
	shared->history[t->w->id][t->id][*pos % HISTORY] = c;
	(*pos)++;
}

/* ioctl() without libdrm's EINTR restart: interrupted waits are wanted. */
static int xioctl(int fd, unsigned long req, void *arg)
{
	return ioctl(fd, req, arg) ? -errno : 0;
}

/* A random object of @kind (on @dev, or any device for -1), copied out. */
static bool pick_obj(struct thread *t, enum obj_kind kind, int dev, struct obj *out,
		     int *slot)
{
	struct worker *w = t->w;
	int start = below(t, MAX_OBJS), found = -1;

	pthread_mutex_lock(&w->lock);
	for (int i = 0; i < MAX_OBJS; i++) {
		struct obj *o = &w->objs[(start + i) % MAX_OBJS];

		if (o->kind == kind && (dev < 0 || o->dev == dev)) {
			found = (start + i) % MAX_OBJS;
			*out = *o;
			break;
		}
	}
	pthread_mutex_unlock(&w->lock);
	if (slot)
		*slot = found;
	return found >= 0;
}

/* Takes an object out of the table (to close it): no other thread picks it. */
static bool take_obj(struct thread *t, enum obj_kind kind, struct obj *out)
{
	struct worker *w = t->w;
	int slot;

	if (!pick_obj(t, kind, -1, out, &slot))
		return false;
	pthread_mutex_lock(&w->lock);
	if (w->objs[slot].kind != kind) {
		pthread_mutex_unlock(&w->lock);
		return false;
	}
	*out = w->objs[slot];
	w->objs[slot].kind = OBJ_NONE;
	/* Approximate: a closed buffer may live on in a dma-buf or import. */
	w->bytes -= out->charged;
	if (kind == OBJ_BO || kind == OBJ_SYNCOBJ)
		w->dead[below(t, 16)] = out->handle;
	pthread_mutex_unlock(&w->lock);
	return true;
}

/* Adds an object; false (and the caller releases it) when the table is full. */
static bool add_obj(struct thread *t, struct obj o)
{
	struct worker *w = t->w;
	bool added = false;

	pthread_mutex_lock(&w->lock);
	for (int i = 0; i < MAX_OBJS && !added; i++) {
		if (w->objs[i].kind == OBJ_NONE) {
			w->objs[i] = o;
			added = true;
		}
	}
	pthread_mutex_unlock(&w->lock);
	return added;
}

/* A handle of @kind on @dev: live mostly, else dead, zero or garbage. */
static uint32_t pick_handle(struct thread *t, enum obj_kind kind, int dev)
{
	struct obj o;

	switch (below(t, 10)) {
	case 0: return 0;
	case 1: return t->w->dead[below(t, 16)];
	case 2: return (uint32_t)rnd(t);
	default:
		return pick_obj(t, kind, dev, &o, NULL) ? o.handle : below(t, 64);
	}
}

static int pick_dev(struct thread *t, enum dev_kind kind)
{
	int n = 0, idx[MAX_DEVS];

	for (int i = 0; i < t->w->ndevs; i++)
		if (t->w->devs[i].kind == kind)
			idx[n++] = i;
	return n ? idx[below(t, n)] : -1;
}

static int pick_fd(struct thread *t)
{
	struct obj o;

	switch (below(t, 8)) {
	case 0: return -1;
	case 1: return t->w->devs[below(t, t->w->ndevs)].fd;
	case 2: return pick_obj(t, OBJ_SYNC_FILE, -1, &o, NULL) ? o.fd : 0;
	default: return pick_obj(t, OBJ_DMABUF, -1, &o, NULL) ? o.fd : -1;
	}
}

static void on_fault(int sig)
{
	if (fault_jmp)
		siglongjmp(*fault_jmp, sig);
	signal(sig, SIG_DFL);
	raise(sig);
}

static void on_tick(int sig)
{
}

/* Reads and writes a mapping; a fault (SIGBUS on a failed move, SIGSEGV
 * after a racing munmap) is counted, not fatal.
 */
static int touch(struct thread *t, void *ptr, uint64_t size, bool write)
{
	volatile uint8_t *p = ptr;
	sigjmp_buf jmp;
	uint64_t off;

	if (sigsetjmp(jmp, 1)) {
		fault_jmp = NULL;
		__atomic_add_fetch(&shared->faults, 1, __ATOMIC_RELAXED);
		return -EFAULT;
	}
	fault_jmp = &jmp;
	for (int i = 0; i < 4; i++) {
		off = size ? rnd(t) % size : 0;
		if (write)
			p[off] = (uint8_t)rnd(t);
		else
			(void)p[off];
	}
	fault_jmp = NULL;
	return 0;
}

static void do_query(struct thread *t, int fd)
{
	uint8_t buf[4096];
	struct drm_vdgpu_query q = {
		.query = below(t, 4),
		.size = chance(t, 70) ? sizeof(buf) : below(t, 256),
		.data = chance(t, 95) ? (uintptr_t)buf : rnd(t),
		.flags = pick_flags(t, 0),
		.pad = (uint32_t)pick_pad(t),
	};

	note(t, CALL_QUERY, xioctl(fd, DRM_IOCTL_VDGPU_QUERY, &q));
}

static void do_gem_create(struct thread *t, int dev)
{
	struct drm_vdgpu_gem_create c = {
		.size = chance(t, 85) ? SZ_4K * (1 + below(t, 64)) :
			pick_size(t, t->w->devs[dev].vram),
		.regions = chance(t, 85) ? 1 + below(t, DRM_VDGPU_REGIONS_ALL) :
			(uint32_t)rnd(t),
		.flags = pick_flags(t, DRM_VDGPU_GEM_CREATE_NEEDS_CPU_ACCESS),
		.pad = pick_pad(t),
	};
	int ret;

	c.preferred = chance(t, 90) ? c.regions & (1u << below(t, 2)) : (uint32_t)rnd(t);
	pthread_mutex_lock(&t->w->lock);
	if (c.size <= 2 * t->w->devs[dev].vram + SZ_1M &&
	    t->w->bytes + c.size > WORKER_BUDGET)
		c.size = chance(t, 50) ? 0 : ~0ull & ~(SZ_4K - 1);
	t->w->bytes += c.size < ~0ull / 2 ? c.size : 0;
	pthread_mutex_unlock(&t->w->lock);
	ret = xioctl(t->w->devs[dev].fd, DRM_IOCTL_VDGPU_GEM_CREATE, &c);
	note(t, CALL_GEM_CREATE, ret);
	if (ret || !add_obj(t, (struct obj){ .kind = OBJ_BO, .dev = dev, .handle = c.handle,
					     .size = c.size, .charged = c.size })) {
		if (!ret)
			drmCloseBufferHandle(t->w->devs[dev].fd, c.handle);
		pthread_mutex_lock(&t->w->lock);
		t->w->bytes -= c.size < ~0ull / 2 ? c.size : 0;
		pthread_mutex_unlock(&t->w->lock);
	}
}

static void do_gem_mmap(struct thread *t, int dev)
{
	struct obj bo;
	struct drm_vdgpu_gem_mmap_offset m = {
		.flags = pick_flags(t, 0), .pad = pick_pad(t),
	};
	uint64_t size;
	void *ptr;
	int ret;

	if (!pick_obj(t, OBJ_BO, dev, &bo, NULL))
		return;
	m.handle = chance(t, 90) ? bo.handle : pick_handle(t, OBJ_BO, dev);
	ret = xioctl(t->w->devs[dev].fd, DRM_IOCTL_VDGPU_GEM_MMAP_OFFSET, &m);
	note(t, CALL_GEM_MMAP, ret);
	if (ret)
		return;
	size = chance(t, 90) ? bo.size : SZ_4K * (1 + below(t, 1024));
	ptr = mmap(NULL, size, PROT_READ | (chance(t, 70) ? PROT_WRITE : 0), MAP_SHARED,
		   t->w->devs[dev].fd, m.offset + (chance(t, 95) ? 0 : SZ_4K * below(t, 4)));
	if (ptr == MAP_FAILED)
		return;
	if (!add_obj(t, (struct obj){ .kind = OBJ_MAP, .dev = dev, .ptr = ptr, .size = size }))
		munmap(ptr, size);
}

static void do_gem_migrate(struct thread *t, int dev)
{
	struct drm_vdgpu_gem_migrate m = {
		.handle = pick_handle(t, OBJ_BO, dev),
		.region = chance(t, 90) ? 1u << below(t, 2) : (uint32_t)rnd(t),
		.flags = pick_flags(t, DRM_VDGPU_GEM_MIGRATE_NONBLOCK),
		.pad = (uint32_t)pick_pad(t),
		.out_syncobj = chance(t, 30) ? pick_handle(t, OBJ_SYNCOBJ, dev) : 0,
		.pad2 = (uint32_t)pick_pad(t),
	};

	note(t, CALL_GEM_MIGRATE, xioctl(t->w->devs[dev].fd, DRM_IOCTL_VDGPU_GEM_MIGRATE, &m));
}

static void do_gem_wait(struct thread *t, int dev)
{
	struct drm_vdgpu_gem_wait wt = {
		.handle = pick_handle(t, OBJ_BO, dev),
		.flags = pick_flags(t, 0),
		.timeout_ns = chance(t, 90) ? (int64_t)below(t, 10000000) : -(int64_t)below(t, 3),
		.pad = pick_pad(t),
	};

	note(t, CALL_GEM_WAIT, xioctl(t->w->devs[dev].fd, DRM_IOCTL_VDGPU_GEM_WAIT, &wt));
}

static void do_gem_info(struct thread *t, int dev)
{
	struct drm_vdgpu_gem_info i = {
		.handle = pick_handle(t, OBJ_BO, dev),
		.flags = pick_flags(t, 0),
		.pad = pick_pad(t),
	};

	note(t, CALL_GEM_INFO, xioctl(t->w->devs[dev].fd, DRM_IOCTL_VDGPU_GEM_INFO, &i));
}

static void do_exec(struct thread *t, int dev)
{
	struct obj dst = { .size = SZ_4K }, src = { .size = SZ_4K };
	struct drm_vdgpu_exec e = {
		.op = chance(t, 95) ? 1 + below(t, 3) : (uint32_t)rnd(t),
		.flags = pick_flags(t, 0),
		.pad = pick_pad(t),
	};
	uint64_t size;

	pick_obj(t, OBJ_BO, dev, &dst, NULL);
	pick_obj(t, OBJ_BO, dev, &src, NULL);
	e.dst_handle = chance(t, 85) ? dst.handle : pick_handle(t, OBJ_BO, dev);
	e.src_handle = e.op == DRM_VDGPU_OP_FILL && chance(t, 90) ? 0 :
		       chance(t, 85) ? src.handle : pick_handle(t, OBJ_BO, dev);
	size = dst.size < src.size ? dst.size : src.size;
	if (chance(t, 70)) {
		e.size = size / 2 & ~7ull;
		e.dst_offset = e.op == DRM_VDGPU_OP_CHECKSUM ? 0 : below(t, 2) * (size / 2);
		e.src_offset = e.op == DRM_VDGPU_OP_FILL ? 0 : below(t, 2) * (size / 2);
		if (e.op == DRM_VDGPU_OP_CHECKSUM)
			e.size = size / 2 & ~3ull;
	} else {
		e.size = pick_offset(t, size);
		e.dst_offset = pick_offset(t, dst.size);
		e.src_offset = pick_offset(t, src.size);
	}
	/* A 32-bit fill value; no value for the other ops. */
	if (chance(t, 5))
		e.value = rnd(t);
	else if (e.op == DRM_VDGPU_OP_FILL)
		e.value = (uint32_t)rnd(t);
	e.in_syncobj = chance(t, 20) ? pick_handle(t, OBJ_SYNCOBJ, dev) : 0;
	e.out_syncobj = chance(t, 30) ? pick_handle(t, OBJ_SYNCOBJ, dev) : 0;
	note(t, CALL_EXEC, xioctl(t->w->devs[dev].fd, DRM_IOCTL_VDGPU_EXEC, &e));
}

static void do_gem_close(struct thread *t)
{
	struct obj bo;
	struct drm_gem_close c = {};
	int dev;

	if (chance(t, 80) && take_obj(t, OBJ_BO, &bo)) {
		c.handle = bo.handle;
		dev = bo.dev;
	} else {
		dev = below(t, t->w->ndevs);
		c.handle = pick_handle(t, OBJ_BO, dev);
		c.pad = (uint32_t)pick_pad(t);
	}
	note(t, CALL_GEM_CLOSE, xioctl(t->w->devs[dev].fd, DRM_IOCTL_GEM_CLOSE, &c));
}

static void do_prime_export(struct thread *t)
{
	struct obj bo;
	struct drm_prime_handle p = {};
	int ret;

	if (!pick_obj(t, OBJ_BO, -1, &bo, NULL))
		return;
	p.handle = chance(t, 90) ? bo.handle : pick_handle(t, OBJ_BO, bo.dev);
	p.flags = chance(t, 90) ? DRM_CLOEXEC | (chance(t, 70) ? DRM_RDWR : 0) :
		  (uint32_t)rnd(t);
	ret = xioctl(t->w->devs[bo.dev].fd, DRM_IOCTL_PRIME_HANDLE_TO_FD, &p);
	note(t, CALL_PRIME_EXPORT, ret);
	if (!ret && !add_obj(t, (struct obj){ .kind = OBJ_DMABUF, .dev = -1, .fd = p.fd,
					      .size = bo.size }))
		close(p.fd);
}

static void do_prime_import(struct thread *t)
{
	int dev = below(t, t->w->ndevs), ret;
	struct drm_prime_handle p = { .fd = pick_fd(t) };
	struct obj dmabuf;

	if (t->w->devs[dev].kind == DEV_IMPORTER)
		return;
	if (pick_obj(t, OBJ_DMABUF, -1, &dmabuf, NULL) && chance(t, 80))
		p.fd = dmabuf.fd;
	else
		dmabuf.size = SZ_4K;
	ret = xioctl(t->w->devs[dev].fd, DRM_IOCTL_PRIME_FD_TO_HANDLE, &p);
	note(t, CALL_PRIME_IMPORT, ret);
	/* The same dma-buf imported twice gives the same handle: keep one. */
	if (!ret && (t->w->devs[dev].kind != DEV_VDGPU ||
		     !add_obj(t, (struct obj){ .kind = OBJ_BO, .dev = dev,
					       .handle = p.handle, .size = dmabuf.size })))
		(void)0;	/* left to the close of the device at the end */
}

static void do_syncobj(struct thread *t, int dev)
{
	int fd = t->w->devs[dev].fd, ret, sf = -1;
	uint32_t handles[8], n = 1 + below(t, 8), count;
	uint64_t points[8];
	struct obj o;

	for (uint32_t i = 0; i < n; i++) {
		handles[i] = pick_handle(t, OBJ_SYNCOBJ, dev);
		points[i] = below(t, 4);
	}
	count = n;
	if (chance(t, 5))
		count = t->w->syncobj_any_count && chance(t, 50) ?
			0x10000000u + below(t, 4) : below(t, 65536);

	switch (below(t, 8)) {
	case 0: {
		struct drm_syncobj_create c = {
			.flags = pick_flags(t, DRM_SYNCOBJ_CREATE_SIGNALED),
		};

		ret = xioctl(fd, DRM_IOCTL_SYNCOBJ_CREATE, &c);
		note(t, CALL_SYNCOBJ_CREATE, ret);
		if (!ret && !add_obj(t, (struct obj){ .kind = OBJ_SYNCOBJ, .dev = dev,
						      .handle = c.handle }))
			drmSyncobjDestroy(fd, c.handle);
		break;
	}
	case 1: {
		struct drm_syncobj_destroy d = { .pad = (uint32_t)pick_pad(t) };

		if (chance(t, 80) && take_obj(t, OBJ_SYNCOBJ, &o)) {
			d.handle = o.handle;
			fd = t->w->devs[o.dev].fd;
		} else {
			d.handle = handles[0];
		}
		note(t, CALL_SYNCOBJ_DESTROY, xioctl(fd, DRM_IOCTL_SYNCOBJ_DESTROY, &d));
		break;
	}
	case 2: {
		struct drm_syncobj_wait wt = {
			.handles = (uintptr_t)handles, .count_handles = count,
			.timeout_nsec = (int64_t)below(t, 5000000),
			.flags = pick_flags(t, DRM_SYNCOBJ_WAIT_FLAGS_WAIT_ALL |
					    DRM_SYNCOBJ_WAIT_FLAGS_WAIT_FOR_SUBMIT),
		};
		struct timespec now;

		clock_gettime(CLOCK_MONOTONIC, &now);
		wt.timeout_nsec += now.tv_sec * 1000000000ll + now.tv_nsec;
		note(t, CALL_SYNCOBJ_WAIT, xioctl(fd, DRM_IOCTL_SYNCOBJ_WAIT, &wt));
		break;
	}
	case 3: {
		struct drm_syncobj_array a = { .handles = (uintptr_t)handles,
			.count_handles = count, .pad = (uint32_t)pick_pad(t) };

		note(t, CALL_SYNCOBJ_RESET, xioctl(fd, DRM_IOCTL_SYNCOBJ_RESET, &a));
		break;
	}
	case 4: {
		struct drm_syncobj_array a = { .handles = (uintptr_t)handles,
			.count_handles = count, .pad = (uint32_t)pick_pad(t) };

		note(t, CALL_SYNCOBJ_SIGNAL, xioctl(fd, DRM_IOCTL_SYNCOBJ_SIGNAL, &a));
		break;
	}
	case 5: {
		struct drm_syncobj_timeline_wait wt = {
			.handles = (uintptr_t)handles, .points = (uintptr_t)points,
			.count_handles = count, .timeout_nsec = 0,
			.flags = pick_flags(t, DRM_SYNCOBJ_WAIT_FLAGS_WAIT_AVAILABLE),
		};

		note(t, CALL_SYNCOBJ_TIMELINE_WAIT,
		     xioctl(fd, DRM_IOCTL_SYNCOBJ_TIMELINE_WAIT, &wt));
		break;
	}
	case 6: {
		struct drm_syncobj_timeline_array a = {
			.handles = (uintptr_t)handles, .points = (uintptr_t)points,
			.count_handles = count, .flags = pick_flags(t, 1),
		};

		note(t, CALL_SYNCOBJ_QUERY, xioctl(fd, DRM_IOCTL_SYNCOBJ_QUERY, &a));
		break;
	}
	default:
		/* A sync_file out of a syncobj, or one put into it. */
		if (chance(t, 50) || !pick_obj(t, OBJ_SYNC_FILE, -1, &o, NULL)) {
			ret = drmSyncobjExportSyncFile(fd, handles[0], &sf);
			note(t, CALL_SYNCOBJ_SYNC_FILE, ret ? -errno : 0);
			if (!ret && !add_obj(t, (struct obj){ .kind = OBJ_SYNC_FILE,
							      .dev = -1, .fd = sf }))
				close(sf);
		} else {
			ret = drmSyncobjImportSyncFile(fd, handles[0], o.fd);
			note(t, CALL_SYNCOBJ_SYNC_FILE, ret ? -errno : 0);
		}
		break;
	}
}

static void do_dmabuf(struct thread *t)
{
	struct obj d, o;
	void *ptr;
	int ret;

	if (!pick_obj(t, OBJ_DMABUF, -1, &d, NULL))
		return;
	switch (below(t, 4)) {
	case 0:
		ptr = mmap(NULL, d.size, PROT_READ | (chance(t, 50) ? PROT_WRITE : 0),
			   MAP_SHARED, d.fd, chance(t, 95) ? 0 : SZ_4K);
		note(t, CALL_DMABUF_MMAP, ptr == MAP_FAILED ? -errno : 0);
		if (ptr != MAP_FAILED &&
		    !add_obj(t, (struct obj){ .kind = OBJ_MAP, .dev = -1, .ptr = ptr,
					      .size = d.size }))
			munmap(ptr, d.size);
		break;
	case 1: {
		struct dma_buf_sync s = {
			.flags = chance(t, 90) ? (below(t, 3) + 1) | (chance(t, 50) ?
				 DMA_BUF_SYNC_END : DMA_BUF_SYNC_START) : rnd(t),
		};

		note(t, CALL_DMABUF_SYNC, xioctl(d.fd, DMA_BUF_IOCTL_SYNC, &s));
		break;
	}
	case 2: {
		struct dma_buf_export_sync_file e = {
			.flags = chance(t, 90) ? 1 + below(t, 3) : (uint32_t)rnd(t),
			.fd = -1,
		};

		ret = xioctl(d.fd, DMA_BUF_IOCTL_EXPORT_SYNC_FILE, &e);
		note(t, CALL_DMABUF_EXPORT_SYNC_FILE, ret);
		if (!ret && !add_obj(t, (struct obj){ .kind = OBJ_SYNC_FILE, .dev = -1,
						      .fd = e.fd }))
			close(e.fd);
		break;
	}
	default: {
		struct dma_buf_import_sync_file i = {
			.flags = chance(t, 90) ? 1 + below(t, 3) : (uint32_t)rnd(t),
			.fd = pick_obj(t, OBJ_SYNC_FILE, -1, &o, NULL) ? o.fd : pick_fd(t),
		};

		note(t, CALL_DMABUF_IMPORT_SYNC_FILE,
		     xioctl(d.fd, DMA_BUF_IOCTL_IMPORT_SYNC_FILE, &i));
		break;
	}
	}
}

static void do_map(struct thread *t)
{
	static __thread int mem = -1;
	struct obj m;
	uint8_t buf[256];
	uint64_t off;

	switch (below(t, 4)) {
	case 0:
		if (!take_obj(t, OBJ_MAP, &m))
			return;
		note(t, CALL_MUNMAP, munmap(m.ptr, m.size) ? -errno : 0);
		break;
	case 1:
		if (!pick_obj(t, OBJ_MAP, -1, &m, NULL))
			return;
		if (mem < 0)
			mem = open("/proc/self/mem", O_RDONLY | O_CLOEXEC);
		off = m.size ? rnd(t) % m.size : 0;
		note(t, CALL_PROC_MEM,
		     pread(mem, buf, sizeof(buf) < m.size - off ? sizeof(buf) : m.size - off,
			   (off_t)(uintptr_t)m.ptr + off) < 0 ? -errno : 0);
		break;
	default:
		if (!pick_obj(t, OBJ_MAP, -1, &m, NULL))
			return;
		note(t, CALL_MAP_TOUCH, touch(t, m.ptr, m.size, chance(t, 50)));
		break;
	}
}

static void do_close_dmabuf(struct thread *t)
{
	struct obj o;

	if (take_obj(t, chance(t, 70) ? OBJ_DMABUF : OBJ_SYNC_FILE, &o))
		note(t, CALL_CLOSE_DMABUF, close(o.fd) ? -errno : 0);
}

static void do_vgem(struct thread *t)
{
	int dev = pick_dev(t, DEV_VGEM), ret;
	struct obj bo, f;

	if (dev < 0)
		return;
	switch (below(t, 3)) {
	case 0: {
		struct drm_mode_create_dumb c = {
			.width = 1024, .bpp = 32, .height = 1 + below(t, 64),
		};

		if (!t->w->devs[dev].primary)
			return;
		ret = xioctl(t->w->devs[dev].fd, DRM_IOCTL_MODE_CREATE_DUMB, &c);
		note(t, CALL_VGEM_CREATE, ret);
		if (!ret && !add_obj(t, (struct obj){ .kind = OBJ_BO, .dev = dev,
						      .handle = c.handle, .size = c.size }))
			drmCloseBufferHandle(t->w->devs[dev].fd, c.handle);
		break;
	}
	case 1: {
		struct fuzz_vgem_fence_attach a = {
			.flags = pick_flags(t, 1), .pad = (uint32_t)pick_pad(t),
		};

		a.handle = pick_obj(t, OBJ_BO, dev, &bo, NULL) ? bo.handle :
			   pick_handle(t, OBJ_BO, dev);
		ret = xioctl(t->w->devs[dev].fd, FUZZ_IOCTL_VGEM_FENCE_ATTACH, &a);
		note(t, CALL_VGEM_FENCE, ret);
		if (!ret && !add_obj(t, (struct obj){ .kind = OBJ_FENCE, .dev = dev,
						      .handle = a.out_fence })) {
			struct fuzz_vgem_fence_signal s = { .fence = a.out_fence };

			xioctl(t->w->devs[dev].fd, FUZZ_IOCTL_VGEM_FENCE_SIGNAL, &s);
		}
		break;
	}
	default: {
		struct fuzz_vgem_fence_signal s = { .flags = pick_flags(t, 0) };

		if (take_obj(t, OBJ_FENCE, &f))
			s.fence = f.handle;
		else
			s.fence = (uint32_t)rnd(t);
		note(t, CALL_VGEM_SIGNAL,
		     xioctl(t->w->devs[dev].fd, FUZZ_IOCTL_VGEM_FENCE_SIGNAL, &s));
		break;
	}
	}
}

static void do_importer(struct thread *t)
{
	int dev = pick_dev(t, DEV_IMPORTER), fd, ret;
	struct vdgpu_importer_segment segs[16];
	struct obj a, d;

	if (dev < 0)
		return;
	fd = t->w->devs[dev].fd;
	if (!pick_obj(t, OBJ_ATTACH, dev, &a, NULL))
		a = (struct obj){ .handle = below(t, 8), .size = SZ_4K };
	switch (below(t, 6)) {
	case 0: {
		struct vdgpu_importer_device i;

		note(t, CALL_IMP_DEVICE, xioctl(fd, VDGPU_IMPORTER_IOCTL_DEVICE, &i));
		break;
	}
	case 1: {
		struct vdgpu_importer_attach at = {
			.fd = pick_obj(t, OBJ_DMABUF, -1, &d, NULL) && chance(t, 90) ?
			      d.fd : pick_fd(t),
			.flags = pick_flags(t, VDGPU_IMPORTER_ATTACH_P2P),
			.pad = (uint32_t)pick_pad(t),
		};

		ret = xioctl(fd, VDGPU_IMPORTER_IOCTL_ATTACH, &at);
		note(t, CALL_IMP_ATTACH, ret);
		if (!ret && !add_obj(t, (struct obj){ .kind = OBJ_ATTACH, .dev = dev,
						      .handle = at.handle, .size = at.size })) {
			struct vdgpu_importer_handle h = { .handle = at.handle };

			xioctl(fd, VDGPU_IMPORTER_IOCTL_DETACH, &h);
		}
		break;
	}
	case 2: {
		struct vdgpu_importer_handle h = { .pad = (uint32_t)pick_pad(t) };

		if (chance(t, 80) && take_obj(t, OBJ_ATTACH, &a) && a.dev == dev)
			h.handle = a.handle;
		else
			h.handle = (uint32_t)rnd(t) % 8;
		note(t, CALL_IMP_DETACH, xioctl(fd, VDGPU_IMPORTER_IOCTL_DETACH, &h));
		break;
	}
	case 3: {
		struct vdgpu_importer_read r = {
			.handle = a.handle, .pad = (uint32_t)pick_pad(t),
			.offset = chance(t, 80) ? 0 : pick_offset(t, a.size),
			/* Small mostly: the edu device copies 4 KiB at a time. */
			.size = chance(t, 80) ? (a.size < 16 * SZ_4K ? a.size : 16 * SZ_4K) :
				pick_offset(t, a.size),
		};

		/*
		 * Known defect, left to the importer-lab issue: behind QEMU's
		 * IOMMU the edu's DMA to a bus address never completes and
		 * READ waits for it forever (seen here, seed 6397002547799 on
		 * debug-iommu). The IGT importer tests skip that case too.
		 */
		if (t->w->devs[dev].iommu)
			return;
		note(t, CALL_IMP_READ, xioctl(fd, VDGPU_IMPORTER_IOCTL_READ, &r));
		break;
	}
	case 4: {
		struct vdgpu_importer_map m = {
			.handle = a.handle,
			.count = chance(t, 90) ? below(t, 17) : (uint32_t)rnd(t),
			.segments = chance(t, 90) ? (uintptr_t)segs : rnd(t),
		};

		if (m.count > 16 && m.segments == (uintptr_t)segs)
			m.count = 16;
		note(t, CALL_IMP_MAP, xioctl(fd, VDGPU_IMPORTER_IOCTL_MAP, &m));
		break;
	}
	default: {
		struct vdgpu_importer_info i = { .handle = a.handle,
						 .pad = (uint32_t)pick_pad(t) };

		note(t, CALL_IMP_INFO, xioctl(fd, VDGPU_IMPORTER_IOCTL_INFO, &i));
		break;
	}
	}
}

/*
 * A child that uses what it inherited (device fds, a buffer handle, a
 * mapping) and exits while the parent goes on with the same objects.
 * Only async-signal-safe calls after fork(): the other thread may hold
 * locks.
 */
static void do_fork(struct thread *t)
{
	struct obj bo = { .kind = OBJ_NONE }, m = { .kind = OBJ_NONE };
	struct drm_vdgpu_exec e = { .op = DRM_VDGPU_OP_FILL, .size = SZ_4K };
	pid_t pid;

	pick_obj(t, OBJ_BO, pick_dev(t, DEV_VDGPU), &bo, NULL);
	pick_obj(t, OBJ_MAP, -1, &m, NULL);
	pid = fork();
	if (pid == 0) {
		if (bo.kind == OBJ_BO) {
			e.dst_handle = bo.handle;
			ioctl(t->w->devs[bo.dev].fd, DRM_IOCTL_VDGPU_EXEC, &e);
		}
		if (m.kind == OBJ_MAP && m.size)
			(void)*(volatile uint8_t *)m.ptr;
		_exit(0);
	}
	note(t, CALL_FORK, pid < 0 ? -errno : 0);
	if (pid > 0)
		waitpid(pid, NULL, 0);
}

/* vdgpu's ioctl range with garbage: numbers and sizes it does not know. */
static void do_raw_ioctl(struct thread *t, int dev)
{
	uint8_t buf[256];
	unsigned long req;

	for (size_t i = 0; i < sizeof(buf); i++)
		buf[i] = chance(t, 80) ? 0 : (uint8_t)rnd(t);
	req = _IOC(below(t, 4), DRM_IOCTL_BASE, DRM_COMMAND_BASE + below(t, 16),
		   below(t, sizeof(buf)));
	note(t, CALL_RAW_IOCTL, xioctl(t->w->devs[dev].fd, req, buf));
}

/* vdgpu's writable module parameters (root), restored by main() at the end. */
static const char * const knobs[] = {
	"max_pinned_mb", "max_pinned_mb_per_client", "max_jobs_per_client", "tt_recycle_ms",
};
static char knob_saved[sizeof(knobs) / sizeof(knobs[0])][32];

static int knob_path(char *path, size_t len, int i)
{
	return snprintf(path, len, "/sys/module/vdgpu/parameters/%s", knobs[i]);
}

static void do_knob(struct thread *t)
{
	static const char * const values[] = {
		"0", "1", "2", "16", "64", "256", "1000", "4294967295", "4294967296", "-1", "x",
	};
	char path[96];
	int i = below(t, sizeof(knobs) / sizeof(knobs[0])), fd;
	const char *v = values[below(t, sizeof(values) / sizeof(values[0]))];

	if (!t->w->root)
		return;
	knob_path(path, sizeof(path), i);
	fd = open(path, O_WRONLY | O_CLOEXEC);
	if (fd < 0)
		return;
	note(t, CALL_KNOB, write(fd, v, strlen(v)) < 0 ? -errno : 0);
	close(fd);
}

static void knobs_save(bool restore)
{
	for (size_t i = 0; i < sizeof(knobs) / sizeof(knobs[0]); i++) {
		char path[96];
		int fd;

		knob_path(path, sizeof(path), i);
		fd = open(path, restore ? O_WRONLY : O_RDONLY);
		if (fd < 0)
			continue;
		if (restore && knob_saved[i][0] && write(fd, knob_saved[i], strlen(knob_saved[i])) < 0)
			perror(path);
		if (!restore && read(fd, knob_saved[i], sizeof(knob_saved[i]) - 1) < 0)
			knob_saved[i][0] = '\0';
		close(fd);
	}
}

static void one_call(struct thread *t)
{
	int dev = pick_dev(t, DEV_VDGPU);
	struct obj f;

	/* vgem fences end before their 10 s timeout, mostly: waits do too. */
	if (chance(t, 3) && take_obj(t, OBJ_FENCE, &f)) {
		struct fuzz_vgem_fence_signal s = { .fence = f.handle };

		note(t, CALL_VGEM_SIGNAL,
		     xioctl(t->w->devs[f.dev].fd, FUZZ_IOCTL_VGEM_FENCE_SIGNAL, &s));
	}

	switch (below(t, 24)) {
	case 0: do_query(t, t->w->devs[dev].fd); break;
	case 1: case 2: do_gem_create(t, dev); break;
	case 3: do_gem_mmap(t, dev); break;
	case 4: do_gem_migrate(t, dev); break;
	case 5: do_gem_wait(t, dev); break;
	case 6: do_gem_info(t, dev); break;
	case 7: case 8: do_exec(t, dev); break;
	case 9: do_gem_close(t); break;
	case 10: do_prime_export(t); break;
	case 11: do_prime_import(t); break;
	case 12: case 13: do_syncobj(t, dev); break;
	case 14: case 15: do_dmabuf(t); break;
	case 16: case 17: do_map(t); break;
	case 18: do_close_dmabuf(t); break;
	case 19: do_vgem(t); break;
	case 20: case 21: do_importer(t); break;
	case 22: if (chance(t, 10)) do_fork(t); else if (chance(t, 5)) do_knob(t); break;
	default: do_raw_ioctl(t, dev); break;
	}
}

static void *thread_main(void *arg)
{
	struct thread *t = arg;

	while (time(NULL) < t->w->deadline)
		one_call(t);
	return NULL;
}

static int open_node(const char *path)
{
	return open(path, O_RDWR | O_CLOEXEC);
}

/* The devices a worker uses: every vdgpu and vgem node it may open, and
 * (root) the reference importer's devices.
 */
static void open_devices(struct worker *w)
{
	char path[300];
	DIR *dir;
	struct dirent *de;

	for (int minor = 128; minor < 192 && w->ndevs < MAX_DEVS; minor++) {
		drmVersionPtr v;
		int fd;

		snprintf(path, sizeof(path), "/dev/dri/renderD%d", minor);
		fd = open_node(path);
		if (fd < 0)
			continue;
		v = drmGetVersion(fd);
		if (v && !strcmp(v->name, "vdgpu")) {
			uint64_t buf[64] = {};
			struct drm_vdgpu_query_regions *regions = (void *)buf;
			struct drm_vdgpu_query q = {
				.query = DRM_VDGPU_QUERY_REGIONS,
				.size = sizeof(buf), .data = (uintptr_t)buf,
			};

			w->devs[w->ndevs] = (struct dev){ .fd = fd, .kind = DEV_VDGPU };
			if (!ioctl(fd, DRM_IOCTL_VDGPU_QUERY, &q) && regions->num_regions > 1)
				w->devs[w->ndevs].vram = regions->regions[1].total_size;
			w->ndevs++;
		} else if (v && !strcmp(v->name, "vgem")) {
			if (w->root) {
				/* The primary node creates buffers; render cannot. */
				close(fd);
				snprintf(path, sizeof(path), "/dev/dri/card%d", minor - 128);
				fd = open_node(path);
			}
			if (fd >= 0)
				w->devs[w->ndevs++] = (struct dev){ .fd = fd, .kind = DEV_VGEM,
								    .primary = w->root };
		} else {
			close(fd);
		}
		drmFreeVersion(v);
	}
	dir = opendir("/dev");
	while (w->root && dir && (de = readdir(dir)) && w->ndevs < MAX_DEVS) {
		int fd;

		if (strncmp(de->d_name, "vdgpu_importer", 14))
			continue;
		snprintf(path, sizeof(path), "/dev/%s", de->d_name);
		fd = open_node(path);
		if (fd >= 0) {
			struct vdgpu_importer_device info = {};

			ioctl(fd, VDGPU_IMPORTER_IOCTL_DEVICE, &info);
			w->devs[w->ndevs++] = (struct dev){ .fd = fd, .kind = DEV_IMPORTER,
							    .iommu = info.iommu };
		}
	}
	if (dir)
		closedir(dir);
}

static void become_user(void)
{
	if (setgroups(0, NULL) || setgid(USER_UID) || setuid(USER_UID)) {
		perror("fuzz_vdgpu: dropping root");
		_exit(2);
	}
	prctl(PR_SET_DUMPABLE, 1, 0, 0, 0);
}

static bool kernel_has_syncobj_fix(void)
{
	FILE *f = fopen("/etc/vdgpu/topology", "r");
	char line[128];
	bool fixed = false;

	while (f && fgets(line, sizeof(line), f))
		if (!strcmp(line, "syncobj_nowarn 1\n"))
			fixed = true;
	if (f)
		fclose(f);
	return fixed;
}

static void worker_main(int id, bool drop_root, uint64_t seed, int seconds)
{
	static struct worker w;
	struct thread threads[MAX_THREADS];
	pthread_t tids[MAX_THREADS];
	struct sigaction sa = { .sa_handler = on_tick };
	struct itimerval tick = { .it_interval.tv_usec = 50000, .it_value.tv_usec = 50000 };

	w.id = id;
	w.root = getuid() == 0 && !drop_root;
	w.syncobj_any_count = kernel_has_syncobj_fix();
	w.deadline = time(NULL) + seconds;
	pthread_mutex_init(&w.lock, NULL);
	if (drop_root)
		become_user();
	open_devices(&w);
	if (pick_dev(&(struct thread){ .w = &w }, DEV_VDGPU) < 0) {
		fprintf(stderr, "fuzz_vdgpu: worker %d: no vdgpu device\n", id);
		_exit(2);
	}

	/* Interrupt blocking calls now and then (no SA_RESTART). */
	sigaction(SIGALRM, &sa, NULL);
	sa.sa_handler = on_fault;
	sigaction(SIGBUS, &sa, NULL);
	sigaction(SIGSEGV, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
	setitimer(ITIMER_REAL, &tick, NULL);

	for (int i = 0; i < MAX_THREADS; i++) {
		threads[i] = (struct thread){ .w = &w, .id = i,
			.rng = (seed ^ (0x9e3779b97f4a7c15ull * (id * MAX_THREADS + i + 1))) | 1 };
		pthread_create(&tids[i], NULL, thread_main, &threads[i]);
	}
	for (int i = 0; i < MAX_THREADS; i++)
		pthread_join(tids[i], NULL);

	/* Let everything go: vgem fences signalled, then exit closes the rest. */
	for (int i = 0; i < MAX_OBJS; i++) {
		struct fuzz_vgem_fence_signal s = { .fence = w.objs[i].handle };

		if (w.objs[i].kind == OBJ_FENCE)
			ioctl(w.devs[w.objs[i].dev].fd, FUZZ_IOCTL_VGEM_FENCE_SIGNAL, &s);
	}
	_exit(0);
}

/* A kernel report in a /dev/kmsg record, as logscan.py would see it. */
static const char *kernel_report(const char *rec)
{
	static const char * const reports[] = {
		"WARNING: ", "BUG: ", "kernel BUG at", "Oops", "general protection",
		"KASAN", "UBSAN", "DMA-API: ", "ODEBUG: ", "circular locking",
		"lock state", "recursive locking", "suspicious RCU", "refcount_t: ",
		"list_add corruption", "list_del corruption", "blocked for more than",
		"DEBUG_LOCKS_WARN_ON", "soft lockup", "detected stall",
	};
	const char *msg = strchr(rec, ';');

	for (size_t i = 0; msg && i < sizeof(reports) / sizeof(reports[0]); i++)
		if (strstr(msg, reports[i]))
			return msg + 1;
	return NULL;
}

static void print_history(int workers)
{
	for (int w = 0; w < workers; w++) {
		for (int t = 0; t < MAX_THREADS; t++) {
			uint32_t pos = shared->history_pos[w][t];

			printf("FUZZ-LAST worker %d thread %d:", w, t);
			for (uint32_t i = pos > HISTORY ? pos - HISTORY : 0; i < pos; i++)
				printf(" %s", call_names[shared->history[w][t][i % HISTORY]]);
			printf("\n");
		}
	}
}

int main(int argc, char **argv)
{
	int seconds = 60, workers = 4, opt, kmsg, running, status;
	uint64_t seed = (uint64_t)time(NULL) ^ ((uint64_t)getpid() << 32);
	pid_t pids[MAX_WORKERS];
	const char *failure = NULL;
	char rec[1024], report[512] = "";
	time_t start = time(NULL), give_up;
	uint64_t total = 0;

	while ((opt = getopt(argc, argv, "s:S:w:")) != -1) {
		switch (opt) {
		case 's': seconds = atoi(optarg); break;
		case 'S': seed = strtoull(optarg, NULL, 0); break;
		case 'w': workers = atoi(optarg); break;
		default:
			fprintf(stderr, "usage: %s [-s SECONDS] [-S SEED] [-w WORKERS]\n", argv[0]);
			return 2;
		}
	}
	if (workers < 1 || workers > MAX_WORKERS || seconds < 1)
		return 2;
	setvbuf(stdout, NULL, _IOLBF, 0);
	printf("FUZZ seed=%" PRIu64 " seconds=%d workers=%d threads=%d\n",
	       seed, seconds, workers, MAX_THREADS);

	shared = mmap(NULL, sizeof(*shared), PROT_READ | PROT_WRITE,
		      MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (shared == MAP_FAILED)
		return 2;
	knobs_save(false);
	kmsg = open("/dev/kmsg", O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	if (kmsg >= 0)
		lseek(kmsg, 0, SEEK_END);

	for (int i = 0; i < workers; i++) {
		pids[i] = fork();
		if (pids[i] == 0)
			worker_main(i, getuid() == 0 && i % 2, seed, seconds);
	}

	/* Workers finish at the deadline; a blocked one gets 60 s more. */
	give_up = start + seconds + 60;
	running = workers;
	while (running > 0 && !failure) {
		ssize_t n;

		while (kmsg >= 0 && (n = read(kmsg, rec, sizeof(rec) - 1)) > 0) {
			const char *r;

			rec[n] = '\0';
			r = kernel_report(rec);
			if (r && !report[0]) {
				snprintf(report, sizeof(report), "%s", r);
				report[strcspn(report, "\n")] = '\0';
				failure = "kernel report";
			}
		}
		for (int i = 0; i < workers; i++) {
			if (pids[i] > 0 && waitpid(pids[i], &status, WNOHANG) == pids[i]) {
				pids[i] = 0;
				running--;
				if (!WIFEXITED(status) || WEXITSTATUS(status))
					failure = "a worker died";
			}
		}
		if (time(NULL) > give_up)
			failure = "a worker did not finish (hang)";
		usleep(100000);
	}
	if (failure) {
		/* Where each stuck worker's threads are, then stop them. */
		for (int i = 0; i < workers; i++) {
			char cmd[96];

			if (pids[i] <= 0)
				continue;
			snprintf(cmd, sizeof(cmd), "cat /proc/%d/task/*/stack 2>/dev/null", pids[i]);
			if (!strcmp(failure, "a worker did not finish (hang)") && system(cmd) < 0)
				perror("stack");
			kill(pids[i], SIGKILL);
			waitpid(pids[i], NULL, 0);
		}
	}

	knobs_save(true);
	for (int c = 0; c < NUM_CALLS; c++) {
		printf("FUZZ-OP %s calls=%" PRIu64 " ok=%" PRIu64 "\n",
		       call_names[c], shared->calls[c], shared->ok[c]);
		total += shared->calls[c];
	}
	printf("FUZZ-SUMMARY calls=%" PRIu64 " mapping-faults=%" PRIu64 " seconds=%ld\n",
	       total, shared->faults, (long)(time(NULL) - start));
	if (failure) {
		print_history(workers);
		/* The guest says which profile it is (tools/testing/profiles.sh). */
		const char *profile = getenv("VDGPU_PROFILE");

		printf("FUZZ-RESULT fail %s%s%s; reproduce: make fuzz SEED=%" PRIu64
		       " FUZZ_SECONDS=%d%s%s\n", failure, report[0] ? ": " : "", report,
		       seed, seconds, profile ? " FUZZ_PROFILE=" : "", profile ? profile : "");
		return 1;
	}
	printf("FUZZ-RESULT pass seed=%" PRIu64 "\n", seed);
	return 0;
}
