// SPDX-License-Identifier: MIT
/*
 * Copyright (c) 2026 The vdgpu authors
 */

/**
 * TEST: vdgpu gem concurrent
 * Description: Buffer objects used by several processes at once: creation,
 *		CPU access, blocking and non-blocking migration, jobs (fill
 *		and checksum) and freeing, interleaved at random on one device.
 */

#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "igt.h"
#include "igt_vdgpu.h"

IGT_TEST_DESCRIPTION("vdgpu GEM ioctls from several processes at once");

#define SYS		DRM_VDGPU_REGION_SYSTEM
#define VRAM		DRM_VDGPU_REGION_VRAM
#define ALL		DRM_VDGPU_REGIONS_ALL
#define CPU_ACCESS	DRM_VDGPU_GEM_CREATE_NEEDS_CPU_ACCESS
#define NONBLOCK	DRM_VDGPU_GEM_MIGRATE_NONBLOCK

#define NSEC_PER_SEC	1000000000ull

#define NUM_CHILDREN	4
#define RUN_NS		(5 * NSEC_PER_SEC)
#define MAX_LIVE	16
#define MIN_BO_SIZE	(64ull << 10)
#define MAX_BO_SIZE	(2ull << 20)

/* Timeouts, in ns: a move or a deferred free on a slow emulated guest. */
#define MOVE_TIMEOUT_NS		(10ll * NSEC_PER_SEC)
#define FREE_TIMEOUT_NS		(5ll * NSEC_PER_SEC)

static uint64_t page_size;

enum op {
	OP_CREATE,
	OP_MIGRATE,
	OP_MIGRATE_NB,
	OP_REWRITE,
	OP_WAIT,
	OP_REMAP,
	OP_EXEC,
	OP_CLOSE,
	NUM_OPS
};

struct bo {
	uint32_t handle;
	uint32_t regions;
	uint32_t preferred;
	uint32_t flags;
	/* the region it is in: where it was last put (see run_child()) */
	uint32_t region;
	/* the pattern it holds (0: none) over the value of its last fill job */
	uint32_t seed;
	uint32_t fill;
	uint64_t size;
	uint64_t num_moves;
	void *map;
};

struct child {
	int id;
	int fd;
	uint64_t seed;		/* of the PRNG: reproduces the operations */
	uint64_t state;
	uint64_t budget;	/* bytes of buffers it may have at once */
	uint64_t live_bytes;
	/* every buffer stays where it was put: no eviction, no CPU-fault moves */
	bool exact;
	/* all children together want about twice VRAM: buffers get evicted */
	bool evicting;
	uint64_t min_bo_size, max_bo_size;
	unsigned int op;	/* number of the current operation */
	const char *what;	/* and its name */
	uint32_t next_seed;
	/* a page in system memory for the results of checksum jobs */
	uint32_t result;
	volatile uint64_t *result_map;
	int num_live;
	struct bo live[MAX_LIVE];
	unsigned int count[NUM_OPS];
};

static const char * const op_names[NUM_OPS] = {
	[OP_CREATE] = "create",
	[OP_MIGRATE] = "migrate",
	[OP_MIGRATE_NB] = "migrate nonblock",
	[OP_REWRITE] = "rewrite",
	[OP_WAIT] = "wait",
	[OP_REMAP] = "remap",
	[OP_EXEC] = "exec",
	[OP_CLOSE] = "close",
};

/* Every failure names what is needed to replay the child's operations. */
#define child_assert(c, expr, fmt, ...) \
	igt_assert_f(expr, "child %d (seed %#" PRIx64 "), operation %u (%s): " fmt, \
		     (c)->id, (c)->seed, (c)->op, (c)->what, ##__VA_ARGS__)

/* xorshift64* */
static uint64_t rnd(struct child *c)
{
	uint64_t x = c->state;

	x ^= x >> 12;
	x ^= x << 25;
	x ^= x >> 27;
	c->state = x;
	return x * 0x2545f4914f6cdd1dull;
}

static uint32_t rnd_below(struct child *c, uint32_t n)
{
	return (rnd(c) >> 32) % n;
}

static const char *region_name(uint32_t region)
{
	switch (region) {
	case SYS:
		return "system";
	case VRAM:
		return "VRAM";
	case ALL:
		return "system|VRAM";
	default:
		return "?";
	}
}

/* The value of 8-byte word @word of a buffer filled with @seed; never 0. */
static uint64_t pattern(uint32_t seed, uint64_t word)
{
	return (uint64_t)seed << 32 | (uint32_t)(word + 1);
}

/*
 * Patterns are sparse: three words of each page (its first, middle and
 * last), enough to tell pages and buffers apart without paying for all.
 * Returns the index of the @n-th such word.
 */
static uint64_t sparse_word(uint64_t n)
{
	uint64_t wpp = page_size / 8, offset[3] = { 0, wpp / 2, wpp - 1 };

	return n / 3 * wpp + offset[n % 3];
}

/* Whether 8-byte word @i is one of the words sparse_word() names. */
static bool is_sparse_word(uint64_t i)
{
	uint64_t w = i % (page_size / 8);

	for (uint64_t n = 0; n < 3; n++)
		if (w == sparse_word(n))
			return true;
	return false;
}

static uint64_t num_sparse_words(const struct bo *bo)
{
	return bo->size / page_size * 3;
}

static void write_bo(struct child *c, struct bo *bo)
{
	volatile uint64_t *p = bo->map;

	bo->seed = c->next_seed++;
	for (uint64_t n = 0; n < num_sparse_words(bo); n++)
		p[sparse_word(n)] = pattern(bo->seed, sparse_word(n));
}

/* 8-byte word @i of @bo holding the pattern of @seed over its fill. */
static uint64_t expected_word(const struct bo *bo, uint32_t seed, uint64_t i)
{
	if (seed && is_sparse_word(i))
		return pattern(seed, i);
	return (uint64_t)bo->fill << 32 | bo->fill;
}

/* DRM_VDGPU_OP_CHECKSUM of all of @bo, as it should be: every 32-bit word. */
static uint64_t expected_checksum(const struct bo *bo)
{
	uint64_t h = 0;

	for (uint64_t i = 0; i < bo->size / 8; i++) {
		uint64_t v = expected_word(bo, bo->seed, i);

		h = (h ^ (uint32_t)v) * 0x100000001b3ull;
		h = (h ^ (uint32_t)(v >> 32)) * 0x100000001b3ull;
	}
	return h;
}

/* @seed 0: no pattern, only the fill (0 for a new buffer). */
static void check_words(struct child *c, struct bo *bo, uint32_t seed)
{
	volatile uint64_t *p = bo->map;

	for (uint64_t n = 0; n < num_sparse_words(bo); n++) {
		uint64_t i = sparse_word(n);
		uint64_t v = p[i], expected = expected_word(bo, seed, i);

		child_assert(c, v == expected,
			     "handle %u (%" PRIu64 " KiB, %s preferring %s, now in %s): word %"
			     PRIu64 " (offset %#" PRIx64 ") is %#" PRIx64 ", expected %#"
			     PRIx64 "\n", bo->handle, bo->size >> 10,
			     region_name(bo->regions), region_name(bo->preferred),
			     region_name(bo->region), i, i * 8, v, expected);
	}
}

/* Placement, size and move count as tracked, then the contents. */
static void check_bo(struct child *c, struct bo *bo)
{
	struct drm_vdgpu_gem_info info;
	int ret;

	ret = __vdgpu_gem_info(c->fd, bo->handle, &info);
	child_assert(c, ret == 0, "GEM_INFO of handle %u: %d\n", bo->handle, ret);
	child_assert(c, info.size == bo->size && info.regions == bo->regions &&
		     info.preferred == bo->preferred && info.create_flags == bo->flags,
		     "handle %u: INFO says %" PRIu64 " bytes, regions %#x, preferred %#x, "
		     "flags %#x; created with %" PRIu64 ", %#x, %#x, %#x\n", bo->handle,
		     (uint64_t)info.size, info.regions, info.preferred, info.create_flags,
		     bo->size, bo->regions, bo->preferred, bo->flags);
	child_assert(c, info.pin_count == 0, "handle %u pinned %u times\n",
		     bo->handle, info.pin_count);
	if (c->exact) {
		child_assert(c, info.region == bo->region,
			     "handle %u in %s, expected %s\n", bo->handle,
			     region_name(info.region), region_name(bo->region));
		child_assert(c, info.num_moves == bo->num_moves,
			     "handle %u moved %" PRIu64 " times, expected %" PRIu64 "\n",
			     bo->handle, (uint64_t)info.num_moves, bo->num_moves);
		child_assert(c, info.cpu_visible == 1, "handle %u not CPU-visible\n",
			     bo->handle);
	} else {
		child_assert(c, info.region & bo->regions && !(info.region & ~bo->regions),
			     "handle %u in %s, may use %s\n", bo->handle,
			     region_name(info.region), region_name(bo->regions));
		bo->region = info.region;
		bo->num_moves = info.num_moves;
	}

	check_words(c, bo, bo->seed);
}

static uint32_t random_region(struct child *c, uint32_t regions)
{
	if (regions != ALL)
		return regions;
	return rnd_below(c, 2) ? VRAM : SYS;
}

static void op_create(struct child *c)
{
	static const uint32_t choices[] = { SYS, VRAM, ALL };
	uint64_t pages = c->min_bo_size / page_size +
		rnd_below(c, (c->max_bo_size - c->min_bo_size) / page_size + 1);
	struct bo *bo = &c->live[c->num_live];
	uint64_t size = pages * page_size;
	int ret;

	memset(bo, 0, sizeof(*bo));
	bo->size = size;
	if (c->evicting) {
		/* Evictable, and created in VRAM. */
		bo->regions = ALL;
		bo->preferred = VRAM;
	} else {
		bo->regions = choices[rnd_below(c, ARRAY_SIZE(choices))];
		bo->preferred = random_region(c, bo->regions);
	}
	bo->flags = rnd_below(c, 4) ? 0 : CPU_ACCESS;
	bo->region = bo->preferred;

	ret = __vdgpu_gem_create(c->fd, &size, bo->regions, bo->preferred, bo->flags,
				 &bo->handle);
	child_assert(c, ret == 0, "GEM_CREATE of %" PRIu64 " KiB in %s preferring %s: %d\n",
		     bo->size >> 10, region_name(bo->regions), region_name(bo->preferred),
		     ret);
	child_assert(c, size == bo->size, "GEM_CREATE made %" PRIu64 " bytes of %" PRIu64 "\n",
		     size, bo->size);
	c->num_live++;
	c->live_bytes += bo->size;

	bo->map = __vdgpu_gem_mmap(c->fd, bo->handle, bo->size, PROT_READ | PROT_WRITE);
	child_assert(c, bo->map, "mmap of handle %u: %d\n", bo->handle, -errno);

	/* New buffers read as zero, whatever other processes left behind. */
	check_words(c, bo, 0);
	write_bo(c, bo);
	check_bo(c, bo);
}

static void op_migrate(struct child *c, struct bo *bo, uint32_t flags)
{
	uint32_t target = random_region(c, bo->regions);
	int ret;

	ret = __vdgpu_gem_migrate(c->fd, bo->handle, target, flags);
	child_assert(c, ret == 0, "GEM_MIGRATE of handle %u (%" PRIu64 " KiB) from %s to %s: %d\n",
		     bo->handle, bo->size >> 10, region_name(bo->region),
		     region_name(target), ret);
	if (target != bo->region)
		bo->num_moves++;
	bo->region = target;

	/*
	 * After a non-blocking move, CPU access waits for the copy: reads see
	 * the moved contents, writes are not overwritten by it.
	 */
	if (flags & NONBLOCK && rnd_below(c, 2))
		write_bo(c, bo);
	check_bo(c, bo);
}

static void op_wait(struct child *c, struct bo *bo)
{
	int ret = __vdgpu_gem_wait(c->fd, bo->handle, MOVE_TIMEOUT_NS);

	child_assert(c, ret == 0, "GEM_WAIT on handle %u: %d\n", bo->handle, ret);
	ret = __vdgpu_gem_wait(c->fd, bo->handle, 0);
	child_assert(c, ret == 0, "GEM_WAIT polling handle %u after waiting: %d\n",
		     bo->handle, ret);
	check_bo(c, bo);
}

/*
 * A job on @bo, waited for: a fill (the CPU then reads its value) or a
 * checksum of all of it, against the one computed here. The job first
 * moves the buffer into its preferred region (which has room unless the
 * children evict).
 */
static void op_exec(struct child *c, struct bo *bo)
{
	bool fill = rnd_below(c, 2);
	struct drm_vdgpu_exec e = { .size = bo->size };
	uint32_t waited = fill ? bo->handle : c->result;
	int ret;

	if (fill) {
		e.op = DRM_VDGPU_OP_FILL;
		e.dst_handle = bo->handle;
		e.value = 0xf0000000 | c->next_seed++;
	} else {
		e.op = DRM_VDGPU_OP_CHECKSUM;
		e.dst_handle = c->result;
		e.src_handle = bo->handle;
	}
	ret = __vdgpu_exec(c->fd, &e);
	child_assert(c, ret == 0, "EXEC %s of handle %u (%" PRIu64 " KiB): %d\n",
		     fill ? "fill" : "checksum", bo->handle, bo->size >> 10, ret);
	ret = __vdgpu_gem_wait(c->fd, waited, MOVE_TIMEOUT_NS);
	child_assert(c, ret == 0, "GEM_WAIT on handle %u after a job: %d\n", waited, ret);

	if (bo->region != bo->preferred)
		bo->num_moves++;
	bo->region = bo->preferred;
	if (fill) {
		bo->seed = 0;
		bo->fill = e.value;
	} else {
		child_assert(c, c->result_map[0] == expected_checksum(bo),
			     "checksum job of handle %u (%" PRIu64 " KiB, in %s): %#" PRIx64
			     ", expected %#" PRIx64 "\n", bo->handle, bo->size >> 10,
			     region_name(bo->region), (uint64_t)c->result_map[0],
			     expected_checksum(bo));
	}
	check_bo(c, bo);
}

static void op_remap(struct child *c, struct bo *bo)
{
	child_assert(c, munmap(bo->map, bo->size) == 0, "munmap: %d\n", -errno);
	bo->map = __vdgpu_gem_mmap(c->fd, bo->handle, bo->size, PROT_READ | PROT_WRITE);
	child_assert(c, bo->map, "mmap of handle %u again: %d\n", bo->handle, -errno);
	check_bo(c, bo);
}

static void op_close(struct child *c, int idx)
{
	struct bo *bo = &c->live[idx];
	bool unmap_first = rnd_below(c, 2);

	check_bo(c, bo);
	/* The mapping keeps the buffer alive past its handle. */
	if (unmap_first)
		child_assert(c, munmap(bo->map, bo->size) == 0, "munmap: %d\n", -errno);
	gem_close(c->fd, bo->handle);
	if (!unmap_first) {
		check_words(c, bo, bo->seed);
		child_assert(c, munmap(bo->map, bo->size) == 0, "munmap: %d\n", -errno);
	}

	c->live_bytes -= bo->size;
	c->live[idx] = c->live[--c->num_live];
}

static enum op pick_op(struct child *c)
{
	uint32_t r = rnd_below(c, 100);

	if (!c->num_live)
		return OP_CREATE;
	if (r < 30)
		return c->num_live < MAX_LIVE &&
		       c->live_bytes + c->max_bo_size <= c->budget ? OP_CREATE : OP_CLOSE;
	if (r < 45)
		return OP_MIGRATE;
	if (r < 60)
		return OP_MIGRATE_NB;
	if (r < 72)
		return OP_REWRITE;
	if (r < 80)
		return OP_WAIT;
	if (r < 85)
		return OP_REMAP;
	if (r < 94)
		return OP_EXEC;
	return OP_CLOSE;
}

static void run_child(int id, int parent_fd, const struct drm_vdgpu_query_device *dev,
		      bool evicting)
{
	struct child *c = calloc(1, sizeof(*c));
	struct timespec start = {};

	igt_assert(c);
	c->id = id;
	c->seed = 0x9e3779b97f4a7c15ull * (id + 1);
	c->state = c->seed;
	c->next_seed = (id + 1) << 24 | 1;
	c->what = "start";
	/*
	 * Without eviction all children together keep VRAM at most half
	 * full, so nothing is ever evicted; with all of VRAM CPU-visible, CPU
	 * faults move nothing either: each buffer is where it was last put.
	 * With eviction each child fills its share of twice VRAM with
	 * buffers of 1/32 to 1/8 of VRAM (16 of them, 5/64 on average, are
	 * more than the share), all created in VRAM; buffers are where
	 * GEM_INFO says.
	 */
	c->evicting = evicting;
	c->budget = evicting ? 2 * dev->vram_size / NUM_CHILDREN :
			       dev->vram_size / (2 * NUM_CHILDREN);
	c->exact = !evicting && dev->cpu_visible_vram_size == dev->vram_size;
	c->min_bo_size = evicting ? dev->vram_size / 32 : MIN_BO_SIZE;
	c->max_bo_size = evicting ? dev->vram_size / 8 : MAX_BO_SIZE;

	/* Its own open file of the device, not the parent's. */
	c->fd = vdgpu_reopen(parent_fd);
	close(parent_fd);
	c->result = vdgpu_gem_create(c->fd, page_size, SYS, SYS, 0);
	c->result_map = vdgpu_gem_mmap(c->fd, c->result, page_size, PROT_READ | PROT_WRITE);

	igt_nsec_elapsed(&start);
	while (igt_nsec_elapsed(&start) < RUN_NS) {
		enum op op = pick_op(c);
		int idx = c->num_live ? rnd_below(c, c->num_live) : 0;
		struct bo *bo = &c->live[idx];

		c->op++;
		c->what = op_names[op];
		c->count[op]++;
		switch (op) {
		case OP_CREATE:
			op_create(c);
			break;
		case OP_MIGRATE:
			op_migrate(c, bo, 0);
			break;
		case OP_MIGRATE_NB:
			op_migrate(c, bo, NONBLOCK);
			break;
		case OP_REWRITE:
			write_bo(c, bo);
			check_bo(c, bo);
			break;
		case OP_WAIT:
			op_wait(c, bo);
			break;
		case OP_REMAP:
			op_remap(c, bo);
			break;
		case OP_EXEC:
			op_exec(c, bo);
			break;
		case OP_CLOSE:
			op_close(c, idx);
			break;
		case NUM_OPS:
			break;
		}

		/* Now and then, everything this child has. */
		if (c->op % 32 == 0) {
			c->what = "check all";
			for (int i = 0; i < c->num_live; i++)
				check_bo(c, &c->live[i]);
		}
	}

	igt_info("child %d (seed %#" PRIx64 "): %u operations: %u creates, %u migrations, "
		 "%u non-blocking, %u rewrites, %u waits, %u remaps, %u jobs, %u closes\n",
		 id, c->seed, c->op, c->count[OP_CREATE], c->count[OP_MIGRATE],
		 c->count[OP_MIGRATE_NB], c->count[OP_REWRITE], c->count[OP_WAIT],
		 c->count[OP_REMAP], c->count[OP_EXEC], c->count[OP_CLOSE]);

	c->op++;
	c->what = "final close";
	while (c->num_live)
		op_close(c, c->num_live - 1);
	munmap((void *)c->result_map, page_size);
	gem_close(c->fd, c->result);
	close(c->fd);
	free(c);
}

static void test_mixed_processes(int fd, const struct drm_vdgpu_query_device *dev,
				 bool evicting)
{
	struct drm_vdgpu_query_stats before, after;
	uint64_t vram0, sys0;

	igt_info("using the device with %" PRIu64 " MiB of VRAM\n",
		 (uint64_t)dev->vram_size >> 20);
	igt_require_f(evicting || dev->vram_size / (2 * NUM_CHILDREN) >= MAX_BO_SIZE,
		      "VRAM too small for %d processes\n", NUM_CHILDREN);
	vram0 = vdgpu_region_used(fd, DRM_VDGPU_MEM_VRAM);
	sys0 = vdgpu_region_used(fd, DRM_VDGPU_MEM_SYSTEM);
	vdgpu_query_stats(fd, &before);

	igt_fork(child, NUM_CHILDREN)
		run_child(child, fd, dev, evicting);
	igt_waitchildren_timeout((int)(RUN_NS / NSEC_PER_SEC) + 10,
				 "children still running long after their time");

	vdgpu_query_stats(fd, &after);
	igt_info("%" PRIu64 " evictions\n", (uint64_t)(after.evictions - before.evictions));
	if (evicting)
		igt_assert_lte_u64(before.evictions + 1, after.evictions);
	else if (dev->cpu_visible_vram_size == dev->vram_size)
		igt_assert_eq_u64(after.evictions, before.evictions);

	/* Everything the children had is freed. */
	igt_assert_lte_u64(vdgpu_wait_region_used(fd, DRM_VDGPU_MEM_VRAM, vram0, FREE_TIMEOUT_NS), vram0);
	igt_assert_lte_u64(vdgpu_wait_region_used(fd, DRM_VDGPU_MEM_SYSTEM, sys0, FREE_TIMEOUT_NS), sys0);
}

igt_main
{
	struct drm_vdgpu_query_device dev;
	int fd = -1;

	igt_fixture {
		page_size = sysconf(_SC_PAGESIZE);
		fd = vdgpu_open_smallest_vram(&dev);
	}

	igt_describe("Processes create, map, migrate and free buffers at once; contents hold");
	igt_subtest("mixed-processes")
		test_mixed_processes(fd, &dev, false);

	igt_describe("The same with twice VRAM in use: buffers are evicted under the processes");
	igt_subtest("evicting-processes")
		test_mixed_processes(fd, &dev, true);

	igt_fixture
		close(fd);
}
