// SPDX-License-Identifier: GPL-2.0-only
/*
 * System-memory backing of buffers (struct ttm_tt): pages from TTM's pool,
 * one kernel mapping per backing, and recycling of freed pages for the next
 * move out of VRAM.
 *
 * Kernel mapping: the engines reach system pages through one vmap() of the
 * whole backing, made the first time an engine needs it and kept until the
 * pages go. A move or job therefore sets up no page tables, and unmapping
 * (a TLB flush on every CPU) happens only when memory is really released.
 *
 * Recycling: the kernel zeroes every page it hands out (init_on_alloc, or
 * __GFP_ZERO), but a backing that receives a move from VRAM does not need
 * that: the copy writes every byte before the move fence signals, and
 * nobody may touch the pages before (TTM leaves such backings without
 * TTM_TT_FLAG_ZERO_ALLOC for that reason). So the pages of a backing that
 * is freed - the old backing after a move to VRAM, or a destroyed buffer -
 * are kept for a while, with their mapping, and the next backing of the
 * same size without TTM_TT_FLAG_ZERO_ALLOC takes them: no allocation, no
 * zeroing, no mapping. New buffers (TTM_TT_FLAG_ZERO_ALLOC) never get
 * recycled pages, so they still read zero.
 *
 * Recycled pages are held at most tt_recycle_ms milliseconds, by at most
 * a quarter of RAM per device, and a shrinker gives them back under memory
 * pressure. Pages freed by swap-out or by reclaim go back to the kernel at
 * once: freeing memory is the point there.
 *
 * Copyright (c) 2026 The vdgpu authors
 */
#include <linux/jiffies.h>
#include <linux/mm.h>
#include <linux/module.h>
#include <linux/sched/mm.h>
#include <linux/shrinker.h>
#include <linux/slab.h>
#include <linux/vmalloc.h>

#include <drm/drm_print.h>
#include <drm/ttm/ttm_bo.h>
#include <drm/ttm/ttm_device.h>
#include <drm/ttm/ttm_pool.h>
#include <drm/ttm/ttm_tt.h>

#include "vdgpu_drv.h"
#include "vdgpu_tt.h"

static unsigned int vdgpu_tt_recycle_ms = 1000;
module_param_named(tt_recycle_ms, vdgpu_tt_recycle_ms, uint, 0644);
MODULE_PARM_DESC(tt_recycle_ms,
		 "Milliseconds the system pages of a freed backing are kept for the next move out of VRAM of the same size; 0 frees them at once (default: 1000)");

/**
 * struct vdgpu_tt - a buffer's system-memory backing
 */
struct vdgpu_tt {
	/** @base: the TTM backing. */
	struct ttm_tt base;
	/** @vaddr: vmap() of all pages while populated, or NULL. */
	void *vaddr;
	/** @no_recycle: being swapped out: the pages go back to the kernel. */
	bool no_recycle;
};

/**
 * struct vdgpu_tt_recycled - the pages of a freed backing, kept
 */
struct vdgpu_tt_recycled {
	/** @link: in &vdgpu_tt_recycler.entries, oldest first. */
	struct list_head link;
	/** @expires: jiffies when the pages go back to the kernel. */
	unsigned long expires;
	/** @vaddr: their vmap(), or NULL. */
	void *vaddr;
	/**
	 * @tt: pages, num_pages and caching of the freed backing: what
	 * ttm_pool_free() needs to give the pages back.
	 */
	struct ttm_tt tt;
};

static inline struct vdgpu_tt *to_vdgpu_tt(struct ttm_tt *tt)
{
	return container_of(tt, struct vdgpu_tt, base);
}

static inline struct vdgpu_device *tt_bdev_to_vdgpu(struct ttm_device *bdev)
{
	return container_of(bdev, struct vdgpu_device, ttm);
}

/**
 * vdgpu_tt_create - &ttm_device_funcs.ttm_tt_create
 * @tbo: the buffer
 * @page_flags: TTM_TT_FLAG_*
 *
 * Return: the backing, or NULL.
 */
struct ttm_tt *vdgpu_tt_create(struct ttm_buffer_object *tbo, u32 page_flags)
{
	struct vdgpu_tt *vtt = kzalloc(sizeof(*vtt), GFP_KERNEL);

	if (!vtt)
		return NULL;
	/*
	 * TTM asks for zeroed pages (TTM_TT_FLAG_ZERO_ALLOC) for a new buffer
	 * and for one coming from unbound pages, and not when the buffer
	 * comes from VRAM: the move's copy then writes every page before
	 * anyone can see it. Only those backings take recycled pages.
	 */
	if (ttm_tt_init(&vtt->base, tbo, page_flags, ttm_cached, 0)) {
		kfree(vtt);
		return NULL;
	}
	return &vtt->base;
}

/**
 * vdgpu_tt_destroy - &ttm_device_funcs.ttm_tt_destroy
 * @bdev: the TTM device
 * @tt: an unpopulated backing
 */
void vdgpu_tt_destroy(struct ttm_device *bdev, struct ttm_tt *tt)
{
	ttm_tt_fini(tt);
	kfree(to_vdgpu_tt(tt));
}

/* Gives recycled pages back to the kernel. */
static void vdgpu_tt_recycled_free(struct vdgpu_device *vdev,
				   struct vdgpu_tt_recycled *entry)
{
	if (entry->vaddr)
		vunmap(entry->vaddr);
	ttm_pool_free(&vdev->ttm.pool, &entry->tt);
	kvfree(entry->tt.pages);
	kfree(entry);
}

static void vdgpu_tt_recycled_free_list(struct vdgpu_device *vdev,
					struct list_head *list)
{
	struct vdgpu_tt_recycled *entry, *next;

	list_for_each_entry_safe(entry, next, list, link)
		vdgpu_tt_recycled_free(vdev, entry);
}

/*
 * Takes the oldest entries off the recycler onto @out until @pages pages
 * (or all, for ULONG_MAX) are; with @expired_only only those past their
 * time. Called with the lock held. Returns the pages taken.
 */
static unsigned long vdgpu_tt_recycler_take_oldest(struct vdgpu_tt_recycler *r,
						   unsigned long pages,
						   bool expired_only,
						   struct list_head *out)
{
	struct vdgpu_tt_recycled *entry, *next;
	unsigned long taken = 0;

	lockdep_assert_held(&r->lock);
	list_for_each_entry_safe(entry, next, &r->entries, link) {
		if (taken >= pages)
			break;
		if (expired_only && time_before(jiffies, entry->expires))
			break;
		list_move_tail(&entry->link, out);
		r->held_pages -= entry->tt.num_pages;
		taken += entry->tt.num_pages;
	}
	return taken;
}

/* Keeps @vtt's pages and mapping; false if they must be freed instead. */
static bool vdgpu_tt_recycle(struct vdgpu_device *vdev, struct vdgpu_tt *vtt)
{
	struct vdgpu_tt_recycler *r = &vdev->tt_recycler;
	unsigned long n = vtt->base.num_pages, ttl;
	struct vdgpu_tt_recycled *entry;
	struct page **spare;
	LIST_HEAD(evicted);

	ttl = msecs_to_jiffies(READ_ONCE(vdgpu_tt_recycle_ms));
	if (!ttl || vtt->no_recycle || n > r->max_pages || vtt->base.dma_address ||
	    (current->flags & PF_MEMALLOC))
		return false;

	/* The backing keeps an array of its own for its next pages. */
	entry = kzalloc(sizeof(*entry), GFP_KERNEL | __GFP_NOWARN | __GFP_NORETRY);
	spare = kvmalloc_array(n, sizeof(*spare), GFP_KERNEL | __GFP_NOWARN |
			       __GFP_NORETRY);
	if (!entry || !spare) {
		kfree(entry);
		kvfree(spare);
		return false;
	}
	entry->tt.pages = vtt->base.pages;
	entry->tt.num_pages = n;
	entry->tt.caching = vtt->base.caching;
	entry->vaddr = vtt->vaddr;
	entry->expires = jiffies + ttl;
	vtt->base.pages = spare;
	vtt->vaddr = NULL;

	spin_lock(&r->lock);
	if (r->closed) {
		spin_unlock(&r->lock);
		vdgpu_tt_recycled_free(vdev, entry);
		return true;
	}
	if (r->held_pages + n > r->max_pages)
		r->evicted += vdgpu_tt_recycler_take_oldest(r, r->held_pages + n -
							    r->max_pages, false,
							    &evicted);
	/* The expiry work runs for the oldest entry while there is one. */
	if (list_empty(&r->entries))
		mod_delayed_work(system_wq, &r->expire, ttl);
	list_add_tail(&entry->link, &r->entries);
	r->held_pages += n;
	spin_unlock(&r->lock);

	vdgpu_tt_recycled_free_list(vdev, &evicted);
	return true;
}

/* Gives @vtt the newest recycled pages of its size; false if none. */
static bool vdgpu_tt_take_recycled(struct vdgpu_device *vdev, struct vdgpu_tt *vtt)
{
	struct vdgpu_tt_recycler *r = &vdev->tt_recycler;
	struct vdgpu_tt_recycled *entry, *found = NULL;

	spin_lock(&r->lock);
	list_for_each_entry_reverse(entry, &r->entries, link) {
		if (entry->tt.num_pages == vtt->base.num_pages) {
			found = entry;
			list_del(&entry->link);
			r->held_pages -= entry->tt.num_pages;
			break;
		}
	}
	if (found)
		r->hits++;
	else
		r->misses++;
	spin_unlock(&r->lock);
	if (!found)
		return false;

	swap(vtt->base.pages, found->tt.pages);
	vtt->vaddr = found->vaddr;
	kvfree(found->tt.pages);
	kfree(found);
	return true;
}

/**
 * vdgpu_tt_populate - &ttm_device_funcs.ttm_tt_populate
 * @bdev: the TTM device
 * @tt: the backing
 * @ctx: TTM operation context
 *
 * Return: 0 or a negative errno.
 */
int vdgpu_tt_populate(struct ttm_device *bdev, struct ttm_tt *tt,
		      struct ttm_operation_ctx *ctx)
{
	struct vdgpu_tt *vtt = to_vdgpu_tt(tt);

	vtt->no_recycle = false;
	if (!(tt->page_flags & TTM_TT_FLAG_ZERO_ALLOC) &&
	    vdgpu_tt_take_recycled(tt_bdev_to_vdgpu(bdev), vtt))
		return 0;
	return ttm_pool_alloc(&bdev->pool, tt, ctx);
}

/**
 * vdgpu_tt_unpopulate - &ttm_device_funcs.ttm_tt_unpopulate
 * @bdev: the TTM device
 * @tt: the backing
 */
void vdgpu_tt_unpopulate(struct ttm_device *bdev, struct ttm_tt *tt)
{
	struct vdgpu_tt *vtt = to_vdgpu_tt(tt);

	if (vdgpu_tt_recycle(tt_bdev_to_vdgpu(bdev), vtt))
		return;
	if (vtt->vaddr)
		vunmap(vtt->vaddr);
	vtt->vaddr = NULL;
	ttm_pool_free(&bdev->pool, tt);
}

/**
 * vdgpu_tt_swap_notify - &ttm_device_funcs.swap_notify
 * @tbo: a buffer whose pages are about to be swapped out
 *
 * Swap-out frees memory: those pages go back to the kernel.
 */
void vdgpu_tt_swap_notify(struct ttm_buffer_object *tbo)
{
	if (tbo->ttm)
		to_vdgpu_tt(tbo->ttm)->no_recycle = true;
}

/**
 * vdgpu_tt_vmap - the kernel mapping of a populated backing
 * @tt: the backing, of a reserved buffer (or of a ghost object with
 *	the buffer's move pending)
 *
 * The mapping stays valid until the backing is unpopulated, which TTM does
 * only once the buffer is idle. Callers do not unmap it.
 *
 * Return: the address, or NULL without memory for the page tables.
 */
void *vdgpu_tt_vmap(struct ttm_tt *tt)
{
	struct vdgpu_tt *vtt = to_vdgpu_tt(tt);

	if (!vtt->vaddr)
		vtt->vaddr = vmap(tt->pages, tt->num_pages, VM_MAP, PAGE_KERNEL);
	return vtt->vaddr;
}

static void vdgpu_tt_recycler_expire(struct work_struct *work)
{
	struct vdgpu_tt_recycler *r = container_of(to_delayed_work(work),
						   typeof(*r), expire);
	struct vdgpu_device *vdev = container_of(r, typeof(*vdev), tt_recycler);
	struct vdgpu_tt_recycled *oldest;
	LIST_HEAD(expired);

	spin_lock(&r->lock);
	r->expired += vdgpu_tt_recycler_take_oldest(r, ULONG_MAX, true, &expired);
	oldest = list_first_entry_or_null(&r->entries, typeof(*oldest), link);
	if (oldest)
		mod_delayed_work(system_wq, &r->expire,
				 max_t(long, oldest->expires - jiffies, 1));
	spin_unlock(&r->lock);
	vdgpu_tt_recycled_free_list(vdev, &expired);
}

static unsigned long vdgpu_tt_recycler_count(struct shrinker *shrinker,
					     struct shrink_control *sc)
{
	struct vdgpu_tt_recycler *r = shrinker->private_data;

	return READ_ONCE(r->held_pages) ?: SHRINK_EMPTY;
}

static unsigned long vdgpu_tt_recycler_scan(struct shrinker *shrinker,
					    struct shrink_control *sc)
{
	struct vdgpu_tt_recycler *r = shrinker->private_data;
	struct vdgpu_device *vdev = container_of(r, typeof(*vdev), tt_recycler);
	unsigned long freed;
	LIST_HEAD(list);

	spin_lock(&r->lock);
	freed = vdgpu_tt_recycler_take_oldest(r, sc->nr_to_scan, false, &list);
	r->shrunk += freed;
	spin_unlock(&r->lock);
	vdgpu_tt_recycled_free_list(vdev, &list);
	return freed ?: SHRINK_STOP;
}

/**
 * vdgpu_tt_recycler_init - set up page recycling for a device
 * @vdev: the device
 *
 * Return: 0 or -ENOMEM.
 */
int vdgpu_tt_recycler_init(struct vdgpu_device *vdev)
{
	struct vdgpu_tt_recycler *r = &vdev->tt_recycler;

	spin_lock_init(&r->lock);
	INIT_LIST_HEAD(&r->entries);
	INIT_DELAYED_WORK(&r->expire, vdgpu_tt_recycler_expire);
	/* TTM's own pool may keep up to half of RAM. */
	r->max_pages = totalram_pages() / 4;

	r->shrinker = shrinker_alloc(0, "drm-vdgpu-tt:%s", dev_name(vdev->drm.dev));
	if (!r->shrinker)
		return -ENOMEM;
	r->shrinker->count_objects = vdgpu_tt_recycler_count;
	r->shrinker->scan_objects = vdgpu_tt_recycler_scan;
	r->shrinker->private_data = r;
	shrinker_register(r->shrinker);
	return 0;
}

/**
 * vdgpu_tt_recycler_drain - give every recycled page back to the kernel
 * @vdev: the device
 */
void vdgpu_tt_recycler_drain(struct vdgpu_device *vdev)
{
	struct vdgpu_tt_recycler *r = &vdev->tt_recycler;
	LIST_HEAD(list);

	spin_lock(&r->lock);
	vdgpu_tt_recycler_take_oldest(r, ULONG_MAX, false, &list);
	spin_unlock(&r->lock);
	vdgpu_tt_recycled_free_list(vdev, &list);
}

/**
 * vdgpu_tt_recycler_fini - stop recycling and free what is held
 * @vdev: the device, before its TTM device goes
 *
 * Backings freed from now on give their pages back at once.
 */
void vdgpu_tt_recycler_fini(struct vdgpu_device *vdev)
{
	struct vdgpu_tt_recycler *r = &vdev->tt_recycler;

	spin_lock(&r->lock);
	r->closed = true;
	spin_unlock(&r->lock);
	shrinker_free(r->shrinker);
	cancel_delayed_work_sync(&r->expire);
	vdgpu_tt_recycler_drain(vdev);
}

/**
 * vdgpu_tt_recycler_show - the recycler's state, for debugfs
 * @vdev: the device
 * @p: where to print
 */
void vdgpu_tt_recycler_show(struct vdgpu_device *vdev, struct drm_printer *p)
{
	struct vdgpu_tt_recycler *r = &vdev->tt_recycler;
	struct vdgpu_tt_recycled *entry;
	unsigned int entries = 0;

	spin_lock(&r->lock);
	list_for_each_entry(entry, &r->entries, link)
		entries++;
	drm_printf(p, "max_bytes: %lu\nheld_bytes: %lu\nentries: %u\n",
		   r->max_pages << PAGE_SHIFT, r->held_pages << PAGE_SHIFT, entries);
	drm_printf(p, "hits: %llu\nmisses: %llu\n", r->hits, r->misses);
	drm_printf(p, "expired_bytes: %llu\nevicted_bytes: %llu\nshrunk_bytes: %llu\n",
		   r->expired << PAGE_SHIFT, r->evicted << PAGE_SHIFT,
		   r->shrunk << PAGE_SHIFT);
	spin_unlock(&r->lock);
}
