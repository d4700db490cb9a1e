// SPDX-License-Identifier: GPL-2.0-only
/*
 * DRM_IOCTL_VDGPU_EXEC: small jobs (fill, copy, checksum) on the compute
 * engine. Submission locks the job's buffers together with drm_exec and
 * validates them into their preferred regions, which is what pulls buffers
 * into VRAM and evicts others, as command submission does on a real GPU.
 *
 * Each client may have at most max_jobs_per_client jobs in flight (queued,
 * running, or finished but not yet released). An EXEC beyond that waits,
 * interruptibly, for the client's oldest job, as amdgpu's command
 * submission waits for the fence amdgpu_sched_jobs submissions back; so a
 * client whose jobs wait for a fence that never signals holds a bounded
 * amount of kernel memory, charged to its memory cgroup.
 *
 * Copyright (c) 2026 The vdgpu authors
 */
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/wait.h>

#include <drm/drm_drv.h>
#include <drm/drm_exec.h>
#include <drm/drm_file.h>
#include <drm/drm_gem.h>
#include <drm/drm_syncobj.h>
#include <kunit/visibility.h>
#include <uapi/drm/vdgpu_drm.h>

#include "vdgpu_bo.h"
#include "vdgpu_dma_buf.h"
#include "vdgpu_drv.h"
#include "vdgpu_engine.h"
#include "vdgpu_exec.h"
#include "vdgpu_import.h"
#include "vdgpu_mem_view.h"

static unsigned int vdgpu_max_jobs_per_client = 64;
module_param_named(max_jobs_per_client, vdgpu_max_jobs_per_client, uint, 0644);
MODULE_PARM_DESC(max_jobs_per_client,
		 "EXEC jobs a client may have in flight; one more waits for its oldest (default: 64, at least 1)");

struct vdgpu_exec_job {
	struct vdgpu_job base;
	/* The client, referenced: its in-flight count includes this job. */
	struct vdgpu_file *vfile;
	u32 op;
	u64 dst_offset;
	u64 src_offset;
	u64 size;
	u32 value;
	struct vdgpu_mem_view dst;
	struct vdgpu_mem_view src;
	/* Imported buffers: referenced, with this job's mapping of each. */
	struct vdgpu_import *import[2];
	struct sg_table *import_sgt[2];
};

static int vdgpu_exec_run(struct vdgpu_job *base, void *bounce)
{
	struct vdgpu_exec_job *job = container_of(base, typeof(*job), base);
	__le64 sum;

	switch (job->op) {
	case DRM_VDGPU_OP_FILL:
		vdgpu_mem_view_fill(&job->dst, job->dst_offset, job->size,
				    job->value, bounce);
		break;
	case DRM_VDGPU_OP_COPY:
		vdgpu_mem_view_copy(&job->dst, job->dst_offset, &job->src,
				    job->src_offset, job->size, bounce);
		break;
	case DRM_VDGPU_OP_CHECKSUM:
		sum = cpu_to_le64(vdgpu_mem_view_checksum(&job->src, job->src_offset,
							  job->size, bounce));
		vdgpu_mem_view_write(&job->dst, job->dst_offset, &sum, sizeof(sum));
		break;
	}
	return 0;
}

static void vdgpu_file_release(struct kref *kref)
{
	kfree(container_of(kref, struct vdgpu_file, refcount));
}

/**
 * vdgpu_file_get - take a reference on a client's state
 * @vfile: the client
 *
 * A buffer holds one on its owner (&vdgpu_bo.owner), so that the owner's
 * pin accounting outlives the file when the buffer does (an exported
 * buffer still pinned by an importer).
 *
 * Return: @vfile.
 */
struct vdgpu_file *vdgpu_file_get(struct vdgpu_file *vfile)
{
	kref_get(&vfile->refcount);
	return vfile;
}

/**
 * vdgpu_file_put - drop a reference taken with vdgpu_file_get()
 * @vfile: the client
 */
void vdgpu_file_put(struct vdgpu_file *vfile)
{
	kref_put(&vfile->refcount, vdgpu_file_release);
}

/* One more job in flight for @vfile, if its limit allows. */
static bool vdgpu_file_try_job_slot(struct vdgpu_file *vfile)
{
	int max = clamp_t(unsigned int, READ_ONCE(vdgpu_max_jobs_per_client), 1, INT_MAX);
	int n = atomic_read(&vfile->jobs_in_flight);

	do {
		if (n >= max)
			return false;
	} while (!atomic_try_cmpxchg(&vfile->jobs_in_flight, &n, n + 1));
	return true;
}

/* Waits, interruptibly, until @vfile may have one more job in flight. */
static int vdgpu_file_get_job_slot(struct vdgpu_file *vfile)
{
	int ret = wait_event_interruptible(vfile->jobs_wq,
					   vdgpu_file_try_job_slot(vfile));

	if (!ret)
		vdgpu_file_get(vfile);
	return ret;
}

static void vdgpu_file_put_job_slot(struct vdgpu_file *vfile)
{
	atomic_dec(&vfile->jobs_in_flight);
	wake_up(&vfile->jobs_wq);
	vdgpu_file_put(vfile);
}

static void vdgpu_exec_free(struct vdgpu_job *base)
{
	struct vdgpu_exec_job *job = container_of(base, typeof(*job), base);
	int i;

	vdgpu_mem_view_fini(&job->dst);
	vdgpu_mem_view_fini(&job->src);
	for (i = 0; i < ARRAY_SIZE(job->import); i++) {
		if (!job->import[i])
			continue;
		if (job->import_sgt[i])
			vdgpu_import_unmap(job->import[i], job->import_sgt[i]);
		drm_gem_object_put(&job->import[i]->base);
	}
	vdgpu_file_put_job_slot(job->vfile);
	kfree(job);
}

static const struct vdgpu_job_ops vdgpu_exec_job_ops = {
	.run = vdgpu_exec_run,
	.free = vdgpu_exec_free,
};

/* [offset, offset + len) inside an object of @size bytes, without overflow. */
static bool vdgpu_range_ok(u64 offset, u64 len, u64 size)
{
	return len <= size && offset <= size - len;
}

static int vdgpu_exec_check_args(const struct drm_vdgpu_exec *args)
{
	if (args->flags || args->pad || !args->size ||
	    !IS_ALIGNED(args->size | args->dst_offset | args->src_offset, 4))
		return -EINVAL;

	switch (args->op) {
	case DRM_VDGPU_OP_FILL:
		if (args->src_handle || args->src_offset || upper_32_bits(args->value))
			return -EINVAL;
		break;
	case DRM_VDGPU_OP_COPY:
		if (!args->src_handle || args->value)
			return -EINVAL;
		break;
	case DRM_VDGPU_OP_CHECKSUM:
		if (!args->src_handle || args->value || !IS_ALIGNED(args->dst_offset, 8))
			return -EINVAL;
		break;
	default:
		return -EINVAL;
	}
	return args->dst_handle ? 0 : -EINVAL;
}

static int vdgpu_exec_check_ranges(const struct drm_vdgpu_exec *args,
				   struct drm_gem_object *dst,
				   struct drm_gem_object *src)
{
	u64 dst_len = args->op == DRM_VDGPU_OP_CHECKSUM ? sizeof(u64) : args->size;

	if (!vdgpu_range_ok(args->dst_offset, dst_len, dst->size))
		return -EINVAL;
	if (src && !vdgpu_range_ok(args->src_offset, args->size, src->size))
		return -EINVAL;
	/* Reading and writing the same bytes in one job is not defined. */
	if (src == dst && args->src_offset < args->dst_offset + dst_len &&
	    args->dst_offset < args->src_offset + args->size)
		return -EINVAL;
	return 0;
}

/*
 * Move a buffer where it wants to be before a job uses it: into its
 * preferred region, evicting others if need be. Only when that region
 * cannot take it does the job run where the buffer is (any allowed
 * region); TTM alone would leave a buffer that sits in a fallback region
 * there. An exported buffer that an importer needs in system memory is
 * used where it is, so that jobs and that importer's maps do not move it
 * back and forth (the placement ping-pong guard); so is a pinned one.
 */
VISIBLE_IF_KUNIT int vdgpu_exec_validate(struct vdgpu_bo *bo)
{
	struct ttm_operation_ctx ctx = { .interruptible = true };
	bool cpu = bo->flags & DRM_VDGPU_GEM_CREATE_NEEDS_CPU_ACCESS;
	u32 want = bo->preferred;
	struct vdgpu_placement p;
	int ret = -ENOSPC;

	bo->move_reason = VDGPU_MOVE_EXEC;
	if (bo->tbo.pin_count || vdgpu_dma_buf_has_system_importer(bo))
		want = vdgpu_bo_region(bo);
	if (vdgpu_bo_placement(bo, want, cpu, &p))
		ret = ttm_bo_validate(&bo->tbo, &p.placement, &ctx);
	if ((ret == -ENOSPC || ret == -ENOMEM) && bo->regions != want &&
	    vdgpu_bo_placement(bo, bo->regions, cpu, &p))
		ret = ttm_bo_validate(&bo->tbo, &p.placement, &ctx);
	if (ret)
		return ret;
	/* The job's fence needs a slot; validation may have used ours. */
	return dma_resv_reserve_fences(bo->tbo.base.resv, 1);
}
EXPORT_SYMBOL_IF_KUNIT(vdgpu_exec_validate);

/*
 * The engine's view of buffer @i (0 destination, 1 source) of the job: where
 * a vdgpu buffer is now, or an imported one mapped for this job.
 */
static int vdgpu_exec_view_init(struct vdgpu_exec_job *job, int i,
				struct drm_gem_object *obj, struct vdgpu_mem_view *view)
{
	struct vdgpu_import *imp = vdgpu_gem_to_import(obj);
	struct vdgpu_bo *bo;
	struct sg_table *sgt;

	if (!imp) {
		bo = gem_to_vdgpu_bo(obj);
		return vdgpu_mem_view_init(job->base.vdev, &bo->tbo, bo->tbo.resource, view);
	}
	sgt = vdgpu_import_map(imp);
	if (IS_ERR(sgt))
		return PTR_ERR(sgt);
	drm_gem_object_get(obj);
	job->import[i] = imp;
	job->import_sgt[i] = sgt;
	return vdgpu_import_view_init(job->base.vdev, imp, sgt, view);
}

static int vdgpu_exec_lock_and_prepare(struct drm_exec *exec,
				       struct vdgpu_exec_job *job,
				       struct drm_gem_object *dst,
				       struct drm_gem_object *src)
{
	int ret = 0;

	/*
	 * Validation evicts other buffers with the transaction's ww ticket,
	 * so it happens inside the locking loop, before the ticket is done.
	 */
	drm_exec_until_all_locked(exec) {
		ret = drm_exec_prepare_obj(exec, dst, 1);
		drm_exec_retry_on_contention(exec);
		if (ret)
			return ret;
		if (src && src != dst) {
			ret = drm_exec_prepare_obj(exec, src, 1);
			drm_exec_retry_on_contention(exec);
			if (ret)
				return ret;
		}
		if (!vdgpu_gem_to_import(dst))
			ret = vdgpu_exec_validate(gem_to_vdgpu_bo(dst));
		if (!ret && src && src != dst && !vdgpu_gem_to_import(src))
			ret = vdgpu_exec_validate(gem_to_vdgpu_bo(src));
		drm_exec_retry_on_contention(exec);
		if (ret)
			return ret;
	}

	ret = vdgpu_exec_view_init(job, 0, dst, &job->dst);
	if (!ret && src)
		ret = vdgpu_exec_view_init(job, 1, src, &job->src);
	if (ret)
		return ret;

	/* Implicit sync: after everyone on the destination, after writers of the source. */
	ret = drm_sched_job_add_resv_dependencies(&job->base.base, dst->resv,
						  DMA_RESV_USAGE_BOOKKEEP);
	if (!ret && src && src != dst)
		ret = drm_sched_job_add_resv_dependencies(&job->base.base, src->resv,
							  DMA_RESV_USAGE_WRITE);
	return ret;
}

/*
 * A buffer a job uses goes to the tail of its LRU list, to be evicted
 * last: drm_exec unlocks with dma_resv_unlock(), without the bump of
 * ttm_bo_unreserve(), and a buffer that did not have to move would
 * otherwise keep the place it got when it was last placed or migrated.
 * Imports are on the exporter's lists, not ours.
 */
static void vdgpu_exec_mark_used(struct drm_gem_object *obj)
{
	if (!vdgpu_gem_to_import(obj))
		ttm_bo_move_to_lru_tail_unlocked(&gem_to_vdgpu_bo(obj)->tbo);
}

/**
 * vdgpu_exec_ioctl - DRM_IOCTL_VDGPU_EXEC
 * @drm: the device
 * @data: &struct drm_vdgpu_exec
 * @file: the caller
 *
 * Return: 0 or a negative errno (see the uAPI).
 */
int vdgpu_exec_ioctl(struct drm_device *drm, void *data, struct drm_file *file)
{
	struct vdgpu_device *vdev = to_vdgpu_device(drm);
	struct vdgpu_file *vfile = file->driver_priv;
	struct drm_vdgpu_exec *args = data;
	struct drm_gem_object *dst, *src = NULL;
	struct drm_syncobj *out_syncobj = NULL;
	struct vdgpu_exec_job *job;
	struct dma_fence *fence;
	struct drm_exec exec;
	int ret, idx;

	ret = vdgpu_exec_check_args(args);
	if (ret)
		return ret;

	dst = drm_gem_object_lookup(file, args->dst_handle);
	if (!dst)
		return -ENOENT;
	if (args->src_handle) {
		src = drm_gem_object_lookup(file, args->src_handle);
		if (!src) {
			ret = -ENOENT;
			goto out_put;
		}
	}
	ret = vdgpu_exec_check_ranges(args, dst, src);
	if (ret)
		goto out_put;

	if (args->out_syncobj) {
		out_syncobj = drm_syncobj_find(file, args->out_syncobj);
		if (!out_syncobj) {
			ret = -ENOENT;
			goto out_put;
		}
	}

	/* Before drm_dev_enter(): unplug does not wait for this wait. */
	ret = vdgpu_file_get_job_slot(vfile);
	if (ret)
		goto out_put;
	if (!drm_dev_enter(drm, &idx)) {
		vdgpu_file_put_job_slot(vfile);
		ret = -ENODEV;
		goto out_put;
	}

	job = kzalloc(sizeof(*job), GFP_KERNEL_ACCOUNT);
	if (!job) {
		vdgpu_file_put_job_slot(vfile);
		ret = -ENOMEM;
		goto out_exit;
	}
	job->vfile = vfile;
	job->op = args->op;
	job->dst_offset = args->dst_offset;
	job->src_offset = args->src_offset;
	job->size = args->size;
	job->value = lower_32_bits(args->value);

	ret = vdgpu_job_init(&job->base, vdev, &vfile->entity, &vdgpu_exec_job_ops);
	if (ret) {
		vdgpu_exec_free(&job->base);
		goto out_exit;
	}

	if (args->in_syncobj) {
		ret = drm_sched_job_add_syncobj_dependency(&job->base.base, file,
							   args->in_syncobj, 0);
		if (ret)
			goto out_cleanup;
	}

	drm_exec_init(&exec, DRM_EXEC_INTERRUPTIBLE_WAIT, 2);
	ret = vdgpu_exec_lock_and_prepare(&exec, job, dst, src);
	if (ret) {
		drm_exec_fini(&exec);
		goto out_cleanup;
	}

	fence = vdgpu_job_submit(&job->base);
	dma_resv_add_fence(dst->resv, fence, DMA_RESV_USAGE_WRITE);
	vdgpu_exec_mark_used(dst);
	if (src && src != dst) {
		dma_resv_add_fence(src->resv, fence, DMA_RESV_USAGE_READ);
		vdgpu_exec_mark_used(src);
	}
	drm_exec_fini(&exec);

	if (out_syncobj)
		drm_syncobj_replace_fence(out_syncobj, fence);
	dma_fence_put(fence);
	goto out_exit;

out_cleanup:
	drm_sched_job_cleanup(&job->base.base);
	vdgpu_exec_free(&job->base);
out_exit:
	drm_dev_exit(idx);
out_put:
	if (out_syncobj)
		drm_syncobj_put(out_syncobj);
	if (src)
		drm_gem_object_put(src);
	drm_gem_object_put(dst);
	return ret;
}

/**
 * vdgpu_exec_file_open - give a new client its queue on the compute engine
 * @vdev: the device
 * @file: the client
 *
 * Return: 0 or a negative errno.
 */
int vdgpu_exec_file_open(struct vdgpu_device *vdev, struct drm_file *file)
{
	struct drm_gpu_scheduler *sched = &vdev->compute_engine.sched;
	struct vdgpu_file *vfile;
	int ret;

	vfile = kzalloc(sizeof(*vfile), GFP_KERNEL_ACCOUNT);
	if (!vfile)
		return -ENOMEM;
	kref_init(&vfile->refcount);
	init_waitqueue_head(&vfile->jobs_wq);

	ret = drm_sched_entity_init(&vfile->entity, DRM_SCHED_PRIORITY_NORMAL,
				    &sched, 1, NULL);
	if (ret) {
		kfree(vfile);
		return ret;
	}
	file->driver_priv = vfile;
	return 0;
}

/**
 * vdgpu_exec_file_close - drain a client's queue and drop the client
 * @file: the client
 *
 * The client's state goes with its last job.
 */
void vdgpu_exec_file_close(struct drm_file *file)
{
	struct vdgpu_file *vfile = file->driver_priv;

	drm_sched_entity_destroy(&vfile->entity);
	vdgpu_file_put(vfile);
}
