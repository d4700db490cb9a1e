// SPDX-License-Identifier: GPL-2.0-only
/*
 * Copyright (c) 2026 The vdgpu authors
 */

/**
 * DOC: vdgpu_importer
 *
 * A reference dynamic dma-buf importer, small enough to copy. It binds QEMU
 * edu devices (PCI 1234:11e8) and reads imported buffers with the edu's DMA
 * engine (into its 4 KiB window, then out to coherent memory, since the
 * window cannot be read through the BAR); a platform instance without an
 * edu reads with the CPU what its DMA addresses name in system memory. Userspace drives it through
 * /dev/vdgpu_importer<N> (uapi/drm/vdgpu_importer.h).
 *
 * The rules an importer of moving buffers has to follow, and where this
 * driver follows them:
 *
 *  - Attach with dma_buf_dynamic_attach() and a move_notify callback, and
 *    say whether the device takes peer-to-peer addresses
 *    (allow_peer2peer); the exporter decides per attachment.
 *  - Map lazily, with the reservation object held, when the memory is
 *    about to be used (vdgpu_importer_use()). Before the device touches
 *    the memory, wait for the KERNEL fences: the exporter's move into the
 *    placement just mapped may still be copying.
 *  - In move_notify (reservation held), stop using the mapping: this
 *    driver unmaps right there, since its DMA runs under the reservation
 *    too and so cannot be in flight. The next use maps again and sees the
 *    new addresses.
 *  - Without CONFIG_DMABUF_MOVE_NOTIFY a mapping pins the buffer, so the
 *    mapping is dropped after each use and moves happen between uses.
 *  - The device uses the DMA addresses only (sg_dma_address/len), never
 *    sg_page(): for VRAM there is no struct page.
 */
#include <linux/dma-buf.h>
#include <linux/dma-direct.h>
#include <linux/dma-mapping.h>
#include <linux/dma-resv.h>
#include <linux/iommu.h>
#include <linux/io.h>
#include <linux/iopoll.h>
#include <linux/kref.h>
#include <linux/miscdevice.h>
#include <linux/module.h>
#include <linux/pci.h>
#include <linux/platform_device.h>
#include <linux/scatterlist.h>
#include <linux/slab.h>
#include <linux/uaccess.h>
#include <linux/xarray.h>

#include <uapi/drm/vdgpu_importer.h>

MODULE_IMPORT_NS(DMA_BUF);

#define EDU_REG_ID		0x00
#define EDU_REG_DMA_SRC		0x80
#define EDU_REG_DMA_DST		0x88
#define EDU_REG_DMA_COUNT	0x90
#define EDU_REG_DMA_CMD		0x98
#define EDU_DMA_CMD_START	BIT(0)
#define EDU_DMA_CMD_TO_RAM	BIT(1)
#define EDU_DMA_BUF		0x40000	/* the device's 4 KiB DMA window */
/*
 * QEMU 7.2's edu checks a transfer with its end inside the window, so one
 * that ends at the window's end is a "hardware error" that stops the
 * machine: half the window per DMA.
 */
#define EDU_DMA_BUF_SIZE	2048
#define EDU_DMA_TIMEOUT_US	(2 * USEC_PER_SEC)

#define VDGPU_IMPORTER_READ_MAX	SZ_1M
#define VDGPU_IMPORTER_FENCE_TIMEOUT	(10 * HZ)

/**
 * struct vdgpu_importer - one importer device
 */
struct vdgpu_importer {
	/** @ref: held by the driver binding and by each open file. */
	struct kref ref;
	/** @misc: the character device. */
	struct miscdevice misc;
	/** @name: its name under /dev. */
	char name[32];
	/** @dev: the device that does the DMA. */
	struct device *dev;
	/** @kind: edu or platform. */
	enum vdgpu_importer_kind kind;
	/** @lock: serialises the DMA engine; protects @mmio and @gone. */
	struct mutex lock;
	/** @mmio: the edu's registers (BAR0), NULL once unbound. */
	void __iomem *mmio;
	/**
	 * @bounce: coherent memory the edu copies its window out to (its
	 * window cannot be read through BAR0).
	 */
	void *bounce;
	/** @bounce_dma: the edu's address of @bounce. */
	dma_addr_t bounce_dma;
	/** @gone: the device was unbound; files stay, DMA fails. */
	bool gone;
	/** @minor_id: the N of the edu's name. */
	int minor_id;
};

/**
 * struct vdgpu_importer_buf - one attachment of a file
 *
 * All fields after @attach are protected by the dma-buf's reservation.
 */
struct vdgpu_importer_buf {
	/** @dma_buf: the imported buffer, referenced. */
	struct dma_buf *dma_buf;
	/** @attach: our dynamic attachment. */
	struct dma_buf_attachment *attach;
	/** @sgt: the current mapping, or NULL. */
	struct sg_table *sgt;
	/** @notifies: move notifications received. */
	u64 notifies;
	/** @maps: mappings made. */
	u64 maps;
	/** @generation: bumped by each notification. */
	u64 generation;
};

/**
 * struct vdgpu_importer_file - an open file
 */
struct vdgpu_importer_file {
	/** @imp: the device. */
	struct vdgpu_importer *imp;
	/** @lock: serialises the file's ioctls. */
	struct mutex lock;
	/** @bufs: handle -> &struct vdgpu_importer_buf. */
	struct xarray bufs;
};

static DEFINE_IDA(vdgpu_importer_ida);

static void vdgpu_importer_free(struct kref *ref)
{
	struct vdgpu_importer *imp = container_of(ref, struct vdgpu_importer, ref);

	mutex_destroy(&imp->lock);
	kfree(imp);
}

static void vdgpu_importer_put(struct vdgpu_importer *imp)
{
	kref_put(&imp->ref, vdgpu_importer_free);
}

/* Exporter callback, reservation held: forget the mapping. */
static void vdgpu_importer_move_notify(struct dma_buf_attachment *attach)
{
	struct vdgpu_importer_buf *buf = attach->importer_priv;

	dma_resv_assert_held(attach->dmabuf->resv);
	buf->notifies++;
	buf->generation++;
	if (buf->sgt) {
		dma_buf_unmap_attachment(attach, buf->sgt, DMA_BIDIRECTIONAL);
		buf->sgt = NULL;
	}
}

static const struct dma_buf_attach_ops vdgpu_importer_p2p_ops = {
	.allow_peer2peer = true,
	.move_notify = vdgpu_importer_move_notify,
};

static const struct dma_buf_attach_ops vdgpu_importer_ops = {
	.allow_peer2peer = false,
	.move_notify = vdgpu_importer_move_notify,
};

/*
 * Before the device touches the buffer (reservation held): map if there is
 * no valid mapping, and wait until the exporter's moves are done.
 */
static int vdgpu_importer_use(struct vdgpu_importer_buf *buf)
{
	long ret;

	if (!buf->sgt) {
		struct sg_table *sgt = dma_buf_map_attachment(buf->attach,
							      DMA_BIDIRECTIONAL);

		if (IS_ERR(sgt))
			return PTR_ERR(sgt);
		buf->sgt = sgt;
		buf->maps++;
	}
	ret = dma_resv_wait_timeout(buf->dma_buf->resv, DMA_RESV_USAGE_KERNEL, true,
				    VDGPU_IMPORTER_FENCE_TIMEOUT);
	if (ret < 0)
		return ret;
	return ret ? 0 : -ETIMEDOUT;
}

/* After a use: without MOVE_NOTIFY a mapping pins the buffer; drop it. */
static void vdgpu_importer_done(struct vdgpu_importer_buf *buf)
{
	if (!IS_ENABLED(CONFIG_DMABUF_MOVE_NOTIFY) && buf->sgt) {
		dma_buf_unmap_attachment(buf->attach, buf->sgt, DMA_BIDIRECTIONAL);
		buf->sgt = NULL;
	}
}

/* One transfer of the edu's DMA engine, waited for. */
static int vdgpu_importer_edu_dma(struct vdgpu_importer *imp, u64 src, u64 dst,
				  u32 len, u64 dir)
{
	u64 cmd;

	writeq(src, imp->mmio + EDU_REG_DMA_SRC);
	writeq(dst, imp->mmio + EDU_REG_DMA_DST);
	writeq(len, imp->mmio + EDU_REG_DMA_COUNT);
	writeq(EDU_DMA_CMD_START | dir, imp->mmio + EDU_REG_DMA_CMD);
	return readq_poll_timeout(imp->mmio + EDU_REG_DMA_CMD, cmd,
				  !(cmd & EDU_DMA_CMD_START), 1000, EDU_DMA_TIMEOUT_US);
}

/* One DMA read of at most EDU_DMA_BUF_SIZE bytes from @addr into @dst. */
static int vdgpu_importer_dma(struct vdgpu_importer *imp, dma_addr_t addr,
			      void *dst, u32 len)
{
	phys_addr_t phys;
	int ret;

	if (imp->kind == VDGPU_IMPORTER_PLATFORM) {
		/* No IOMMU, no peer access: DMA addresses are system memory. */
		phys = dma_to_phys(imp->dev, addr);
		if (!pfn_valid(PHYS_PFN(phys)) || !pfn_valid(PHYS_PFN(phys + len - 1)))
			return -EIO;
		memcpy(dst, phys_to_virt(phys), len);
		return 0;
	}

	/* The buffer into the device's window, then the window to @bounce. */
	ret = vdgpu_importer_edu_dma(imp, addr, EDU_DMA_BUF, len, 0);
	if (!ret)
		ret = vdgpu_importer_edu_dma(imp, EDU_DMA_BUF, imp->bounce_dma, len,
					     EDU_DMA_CMD_TO_RAM);
	if (!ret)
		memcpy(dst, imp->bounce, len);
	return ret;
}

static u64 vdgpu_importer_checksum(u64 h, const void *data, u32 len)
{
	const __le32 *w = data;
	u32 i;

	for (i = 0; i < len / sizeof(u32); i++)
		h = (h ^ le32_to_cpu(w[i])) * 0x100000001b3ull;
	return h;
}

/* Reads [offset, offset + size) through the mapping; reservation held. */
static int vdgpu_importer_read_mapped(struct vdgpu_importer *imp,
				      struct vdgpu_importer_buf *buf,
				      u64 offset, u64 size, u64 *checksum)
{
	struct scatterlist *sg;
	void *bounce;
	u64 h = 0;
	int i, ret = 0;

	bounce = kmalloc(EDU_DMA_BUF_SIZE, GFP_KERNEL);
	if (!bounce)
		return -ENOMEM;

	mutex_lock(&imp->lock);
	if (imp->gone)
		ret = -ENODEV;
	for_each_sgtable_dma_sg(buf->sgt, sg, i) {
		u64 seg = sg_dma_len(sg);

		if (ret || !size)
			break;
		if (offset >= seg) {
			offset -= seg;
			continue;
		}
		while (size && offset < seg) {
			u32 len = min3(size, seg - offset, (u64)EDU_DMA_BUF_SIZE);

			ret = vdgpu_importer_dma(imp, sg_dma_address(sg) + offset, bounce, len);
			if (ret)
				break;
			h = vdgpu_importer_checksum(h, bounce, len);
			offset += len;
			size -= len;
		}
		offset = 0;
	}
	mutex_unlock(&imp->lock);
	kfree(bounce);
	*checksum = h;
	return ret;
}

/* Whether @addr lies in a memory BAR of any PCI device, as bus or CPU address. */
static bool vdgpu_importer_in_bar(u64 addr, bool bus)
{
	struct pci_dev *pdev = NULL;
	int i;

	for_each_pci_dev(pdev) {
		for (i = 0; i < PCI_STD_NUM_BARS; i++) {
			struct resource *res = pci_resource_n(pdev, i);
			struct pci_bus_region region;

			if (!(resource_type(res) & IORESOURCE_MEM) || !resource_size(res))
				continue;
			pcibios_resource_to_bus(pdev->bus, &region, res);
			if (bus ? addr >= region.start && addr <= region.end :
				  addr >= res->start && addr <= res->end) {
				pci_dev_put(pdev);
				return true;
			}
		}
	}
	return false;
}

/*
 * What an address of a mapping names: an address the IOMMU translates for
 * us (to a BAR or to memory), else a PCI bus address of a BAR (peer
 * traffic that stays below a switch is not translated) or memory.
 */
static u32 vdgpu_importer_addr_kind(struct vdgpu_importer *imp, dma_addr_t addr)
{
	struct iommu_domain *domain = iommu_get_domain_for_dev(imp->dev);
	phys_addr_t phys = 0;

	if (domain && domain->type != IOMMU_DOMAIN_IDENTITY)
		phys = iommu_iova_to_phys(domain, addr);
	if (phys)
		return vdgpu_importer_in_bar(phys, false) ? VDGPU_IMPORTER_ADDR_IOMMU :
							    VDGPU_IMPORTER_ADDR_SYSTEM;
	return vdgpu_importer_in_bar(addr, true) ? VDGPU_IMPORTER_ADDR_BUS :
						   VDGPU_IMPORTER_ADDR_SYSTEM;
}

/*
 * The buffer behind @handle with its reservation locked, or an ERR_PTR:
 * -ENOENT for no such handle, -EINTR for a signal while waiting for the
 * lock. @f's lock, held by every ioctl, keeps it from being detached.
 */
static struct vdgpu_importer_buf *vdgpu_importer_lock_buf(struct vdgpu_importer_file *f,
							  u32 handle)
{
	struct vdgpu_importer_buf *buf = xa_load(&f->bufs, handle);
	int ret;

	if (!buf)
		return ERR_PTR(-ENOENT);
	ret = dma_resv_lock_interruptible(buf->dma_buf->resv, NULL);
	return ret ? ERR_PTR(ret) : buf;
}

static void vdgpu_importer_detach(struct vdgpu_importer_buf *buf)
{
	dma_resv_lock(buf->dma_buf->resv, NULL);
	if (buf->sgt)
		dma_buf_unmap_attachment(buf->attach, buf->sgt, DMA_BIDIRECTIONAL);
	buf->sgt = NULL;
	dma_resv_unlock(buf->dma_buf->resv);
	/* No notification reaches @buf after this. */
	dma_buf_detach(buf->dma_buf, buf->attach);
	dma_buf_put(buf->dma_buf);
	kfree(buf);
}

static int vdgpu_importer_ioctl_attach(struct vdgpu_importer_file *f,
				       struct vdgpu_importer_attach *args)
{
	struct vdgpu_importer_buf *buf;
	int ret;

	if (args->pad || (args->flags & ~VDGPU_IMPORTER_ATTACH_P2P))
		return -EINVAL;

	buf = kzalloc(sizeof(*buf), GFP_KERNEL);
	if (!buf)
		return -ENOMEM;
	buf->dma_buf = dma_buf_get(args->fd);
	if (IS_ERR(buf->dma_buf)) {
		ret = PTR_ERR(buf->dma_buf);
		kfree(buf);
		return ret;
	}
	/* @buf is ready before the attachment is published to the exporter. */
	buf->attach = dma_buf_dynamic_attach(buf->dma_buf, f->imp->dev,
					     args->flags & VDGPU_IMPORTER_ATTACH_P2P ?
					     &vdgpu_importer_p2p_ops : &vdgpu_importer_ops,
					     buf);
	if (IS_ERR(buf->attach)) {
		ret = PTR_ERR(buf->attach);
		dma_buf_put(buf->dma_buf);
		kfree(buf);
		return ret;
	}

	ret = xa_alloc(&f->bufs, &args->handle, buf, xa_limit_31b, GFP_KERNEL);
	if (ret) {
		vdgpu_importer_detach(buf);
		return ret;
	}
	args->size = buf->dma_buf->size;
	return 0;
}

static int vdgpu_importer_ioctl_detach(struct vdgpu_importer_file *f,
				       struct vdgpu_importer_handle *args)
{
	struct vdgpu_importer_buf *buf;

	if (args->pad)
		return -EINVAL;
	buf = xa_erase(&f->bufs, args->handle);
	if (!buf)
		return -ENOENT;
	vdgpu_importer_detach(buf);
	return 0;
}

static int vdgpu_importer_ioctl_read(struct vdgpu_importer_file *f,
				     struct vdgpu_importer_read *args)
{
	struct vdgpu_importer_buf *buf;
	int ret;

	if (args->pad || !args->size || args->size > VDGPU_IMPORTER_READ_MAX ||
	    !IS_ALIGNED(args->offset | args->size, sizeof(u32)))
		return -EINVAL;
	buf = vdgpu_importer_lock_buf(f, args->handle);
	if (IS_ERR(buf))
		return PTR_ERR(buf);
	if (args->offset > buf->dma_buf->size ||
	    args->size > buf->dma_buf->size - args->offset) {
		dma_resv_unlock(buf->dma_buf->resv);
		return -EINVAL;
	}

	ret = vdgpu_importer_use(buf);
	if (!ret)
		ret = vdgpu_importer_read_mapped(f->imp, buf, args->offset, args->size,
						 &args->checksum);
	vdgpu_importer_done(buf);
	dma_resv_unlock(buf->dma_buf->resv);
	return ret;
}

static int vdgpu_importer_ioctl_map(struct vdgpu_importer_file *f,
				    struct vdgpu_importer_map *args)
{
	struct vdgpu_importer_segment *segs = NULL;
	struct vdgpu_importer_buf *buf;
	struct scatterlist *sg;
	u32 copied = 0;
	int i, ret;

	buf = vdgpu_importer_lock_buf(f, args->handle);
	if (IS_ERR(buf))
		return PTR_ERR(buf);
	ret = vdgpu_importer_use(buf);
	if (ret)
		goto out_unlock;

	/* Copied out after the unlock: no user faults under the reservation. */
	copied = min(args->count, buf->sgt->nents);
	segs = kvcalloc(copied, sizeof(*segs), GFP_KERNEL);
	if (!segs && copied) {
		ret = -ENOMEM;
		goto out_unlock;
	}
	args->count = buf->sgt->nents;
	for_each_sgtable_dma_sg(buf->sgt, sg, i) {
		if (i >= copied)
			break;
		segs[i].addr = sg_dma_address(sg);
		segs[i].len = sg_dma_len(sg);
		segs[i].kind = vdgpu_importer_addr_kind(f->imp, sg_dma_address(sg));
	}
out_unlock:
	vdgpu_importer_done(buf);
	dma_resv_unlock(buf->dma_buf->resv);
	if (!ret && copied &&
	    copy_to_user(u64_to_user_ptr(args->segments), segs, copied * sizeof(*segs)))
		ret = -EFAULT;
	kvfree(segs);
	return ret;
}

static int vdgpu_importer_ioctl_info(struct vdgpu_importer_file *f,
				     struct vdgpu_importer_info *args)
{
	struct vdgpu_importer_buf *buf;

	if (args->pad)
		return -EINVAL;
	buf = vdgpu_importer_lock_buf(f, args->handle);
	if (IS_ERR(buf))
		return PTR_ERR(buf);
	args->p2p = buf->attach->peer2peer;
	args->notifies = buf->notifies;
	args->maps = buf->maps;
	args->generation = buf->generation;
	args->mapped = !!buf->sgt;
	dma_resv_unlock(buf->dma_buf->resv);
	return 0;
}

static void vdgpu_importer_ioctl_device(struct vdgpu_importer *imp,
					struct vdgpu_importer_device *args)
{
	struct iommu_domain *domain = iommu_get_domain_for_dev(imp->dev);

	memset(args, 0, sizeof(*args));
	args->kind = imp->kind;
	args->move_notify = IS_ENABLED(CONFIG_DMABUF_MOVE_NOTIFY);
	args->iommu = domain && domain->type != IOMMU_DOMAIN_IDENTITY;
	if (dev_is_pci(imp->dev)) {
		struct pci_dev *pdev = to_pci_dev(imp->dev);

		args->pci_domain = pci_domain_nr(pdev->bus);
		args->pci_bus = pdev->bus->number;
		args->pci_devfn = pdev->devfn;
	}
}

static long vdgpu_importer_ioctl(struct file *file, unsigned int cmd, unsigned long arg)
{
	struct vdgpu_importer_file *f = file->private_data;
	union {
		struct vdgpu_importer_device device;
		struct vdgpu_importer_attach attach;
		struct vdgpu_importer_handle handle;
		struct vdgpu_importer_read read;
		struct vdgpu_importer_map map;
		struct vdgpu_importer_info info;
	} args;
	unsigned int size = _IOC_SIZE(cmd);
	int ret;

	switch (cmd) {
	case VDGPU_IMPORTER_IOCTL_DEVICE:
	case VDGPU_IMPORTER_IOCTL_ATTACH:
	case VDGPU_IMPORTER_IOCTL_DETACH:
	case VDGPU_IMPORTER_IOCTL_READ:
	case VDGPU_IMPORTER_IOCTL_MAP:
	case VDGPU_IMPORTER_IOCTL_INFO:
		break;
	default:
		return -ENOTTY;
	}
	if ((_IOC_DIR(cmd) & _IOC_WRITE) && copy_from_user(&args, (void __user *)arg, size))
		return -EFAULT;

	mutex_lock(&f->lock);
	switch (cmd) {
	case VDGPU_IMPORTER_IOCTL_DEVICE:
		vdgpu_importer_ioctl_device(f->imp, &args.device);
		ret = 0;
		break;
	case VDGPU_IMPORTER_IOCTL_ATTACH:
		ret = vdgpu_importer_ioctl_attach(f, &args.attach);
		break;
	case VDGPU_IMPORTER_IOCTL_DETACH:
		ret = vdgpu_importer_ioctl_detach(f, &args.handle);
		break;
	case VDGPU_IMPORTER_IOCTL_READ:
		ret = vdgpu_importer_ioctl_read(f, &args.read);
		break;
	case VDGPU_IMPORTER_IOCTL_MAP:
		ret = vdgpu_importer_ioctl_map(f, &args.map);
		break;
	default:
		ret = vdgpu_importer_ioctl_info(f, &args.info);
		break;
	}
	mutex_unlock(&f->lock);

	if (!ret && (_IOC_DIR(cmd) & _IOC_READ) && copy_to_user((void __user *)arg, &args, size))
		ret = -EFAULT;
	return ret;
}

static int vdgpu_importer_open(struct inode *inode, struct file *file)
{
	struct vdgpu_importer *imp = container_of(file->private_data,
						  struct vdgpu_importer, misc);
	struct vdgpu_importer_file *f;

	f = kzalloc(sizeof(*f), GFP_KERNEL);
	if (!f)
		return -ENOMEM;
	kref_get(&imp->ref);
	f->imp = imp;
	mutex_init(&f->lock);
	xa_init_flags(&f->bufs, XA_FLAGS_ALLOC);
	file->private_data = f;
	return 0;
}

static int vdgpu_importer_release(struct inode *inode, struct file *file)
{
	struct vdgpu_importer_file *f = file->private_data;
	struct vdgpu_importer_buf *buf;
	unsigned long handle;

	xa_for_each(&f->bufs, handle, buf)
		vdgpu_importer_detach(buf);
	xa_destroy(&f->bufs);
	mutex_destroy(&f->lock);
	vdgpu_importer_put(f->imp);
	kfree(f);
	return 0;
}

static const struct file_operations vdgpu_importer_fops = {
	.owner = THIS_MODULE,
	.open = vdgpu_importer_open,
	.release = vdgpu_importer_release,
	.unlocked_ioctl = vdgpu_importer_ioctl,
	.compat_ioctl = compat_ptr_ioctl,
};

static struct vdgpu_importer *vdgpu_importer_create(struct device *dev,
						    enum vdgpu_importer_kind kind)
{
	struct vdgpu_importer *imp = kzalloc(sizeof(*imp), GFP_KERNEL);

	if (!imp)
		return NULL;
	kref_init(&imp->ref);
	mutex_init(&imp->lock);
	imp->dev = dev;
	imp->kind = kind;
	imp->minor_id = -1;
	return imp;
}

static int vdgpu_importer_publish(struct vdgpu_importer *imp)
{
	imp->misc.minor = MISC_DYNAMIC_MINOR;
	imp->misc.name = imp->name;
	imp->misc.fops = &vdgpu_importer_fops;
	imp->misc.parent = imp->dev;
	return misc_register(&imp->misc);
}

/* The device goes: open files stay, but nothing reaches the hardware. */
static void vdgpu_importer_unpublish(struct vdgpu_importer *imp)
{
	misc_deregister(&imp->misc);
	mutex_lock(&imp->lock);
	imp->gone = true;
	imp->mmio = NULL;
	mutex_unlock(&imp->lock);
	if (imp->minor_id >= 0)
		ida_free(&vdgpu_importer_ida, imp->minor_id);
	vdgpu_importer_put(imp);
}

static int vdgpu_importer_pci_probe(struct pci_dev *pdev, const struct pci_device_id *id)
{
	struct vdgpu_importer *imp;
	int ret;

	ret = pcim_enable_device(pdev);
	if (ret)
		return ret;
	ret = pcim_iomap_regions(pdev, BIT(0), KBUILD_MODNAME);
	if (ret)
		return ret;
	pci_set_master(pdev);
	ret = dma_set_mask_and_coherent(&pdev->dev, DMA_BIT_MASK(64));
	if (ret)
		return ret;
	/* READ splits segments into bounce-sized DMA itself: any length. */
	dma_set_max_seg_size(&pdev->dev, UINT_MAX);

	imp = vdgpu_importer_create(&pdev->dev, VDGPU_IMPORTER_EDU);
	if (!imp)
		return -ENOMEM;
	imp->mmio = pcim_iomap_table(pdev)[0];
	dev_info(&pdev->dev, "edu id %#x\n", readl(imp->mmio + EDU_REG_ID));
	imp->bounce = dmam_alloc_coherent(&pdev->dev, EDU_DMA_BUF_SIZE, &imp->bounce_dma,
					  GFP_KERNEL);
	if (!imp->bounce) {
		ret = -ENOMEM;
		goto err_put;
	}

	ret = ida_alloc(&vdgpu_importer_ida, GFP_KERNEL);
	if (ret < 0)
		goto err_put;
	imp->minor_id = ret;
	snprintf(imp->name, sizeof(imp->name), "vdgpu_importer%d", imp->minor_id);
	ret = vdgpu_importer_publish(imp);
	if (ret)
		goto err_ida;
	pci_set_drvdata(pdev, imp);
	return 0;

err_ida:
	ida_free(&vdgpu_importer_ida, imp->minor_id);
err_put:
	vdgpu_importer_put(imp);
	return ret;
}

static void vdgpu_importer_pci_remove(struct pci_dev *pdev)
{
	vdgpu_importer_unpublish(pci_get_drvdata(pdev));
}

static const struct pci_device_id vdgpu_importer_pci_ids[] = {
	{ PCI_DEVICE(0x1234, 0x11e8) },	/* QEMU edu */
	{ }
};
MODULE_DEVICE_TABLE(pci, vdgpu_importer_pci_ids);

static struct pci_driver vdgpu_importer_pci_driver = {
	.name = KBUILD_MODNAME,
	.id_table = vdgpu_importer_pci_ids,
	.probe = vdgpu_importer_pci_probe,
	.remove = vdgpu_importer_pci_remove,
};

static int vdgpu_importer_platform_probe(struct platform_device *pdev)
{
	struct vdgpu_importer *imp;
	int ret;

	ret = dma_set_mask_and_coherent(&pdev->dev, DMA_BIT_MASK(64));
	if (ret)
		return ret;
	/* No DMA engine: segments of any length are read by the CPU. */
	dma_set_max_seg_size(&pdev->dev, UINT_MAX);
	imp = vdgpu_importer_create(&pdev->dev, VDGPU_IMPORTER_PLATFORM);
	if (!imp)
		return -ENOMEM;
	strscpy(imp->name, "vdgpu_importer_platform", sizeof(imp->name));
	ret = vdgpu_importer_publish(imp);
	if (ret) {
		vdgpu_importer_put(imp);
		return ret;
	}
	platform_set_drvdata(pdev, imp);
	return 0;
}

static void vdgpu_importer_platform_remove(struct platform_device *pdev)
{
	vdgpu_importer_unpublish(platform_get_drvdata(pdev));
}

static struct platform_driver vdgpu_importer_platform_driver = {
	.driver.name = KBUILD_MODNAME,
	.probe = vdgpu_importer_platform_probe,
	.remove = vdgpu_importer_platform_remove,
};

static struct platform_device *vdgpu_importer_platform_dev;

static int __init vdgpu_importer_init(void)
{
	int ret;

	ret = platform_driver_register(&vdgpu_importer_platform_driver);
	if (ret)
		return ret;
	vdgpu_importer_platform_dev = platform_device_register_simple(KBUILD_MODNAME, -1,
								      NULL, 0);
	if (IS_ERR(vdgpu_importer_platform_dev)) {
		ret = PTR_ERR(vdgpu_importer_platform_dev);
		goto err_driver;
	}
	ret = pci_register_driver(&vdgpu_importer_pci_driver);
	if (ret)
		goto err_device;
	return 0;

err_device:
	platform_device_unregister(vdgpu_importer_platform_dev);
err_driver:
	platform_driver_unregister(&vdgpu_importer_platform_driver);
	return ret;
}

static void __exit vdgpu_importer_exit(void)
{
	pci_unregister_driver(&vdgpu_importer_pci_driver);
	platform_device_unregister(vdgpu_importer_platform_dev);
	platform_driver_unregister(&vdgpu_importer_platform_driver);
}

module_init(vdgpu_importer_init);
module_exit(vdgpu_importer_exit);

MODULE_AUTHOR("The vdgpu authors");
MODULE_DESCRIPTION("Reference dynamic dma-buf importer reading with QEMU edu DMA");
MODULE_LICENSE("GPL");
