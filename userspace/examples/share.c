// SPDX-License-Identifier: MIT
/*
 * vdgpu-share-example [--pressure]: allocate a buffer on the first vdgpu
 * device, fill it, share it with the second device (which checksums it with
 * a job) and with the reference importer (which reads it by DMA), and check
 * both see the same bytes. With --pressure it then fills the first
 * device's VRAM with a job on another buffer, which evicts the shared one,
 * and checks both importers again. Exits 0 when every read matched, 1 on a
 * mismatch, 2 when something needed is missing.
 *
 * Copyright (c) 2026 The vdgpu authors
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "vdgpu.h"
#include "vdgpu_importer.h"

#define SIZE (1u << 20)

static uint64_t checksum(const uint32_t *w, uint64_t bytes)
{
	uint64_t h = 0;

	for (uint64_t i = 0; i < bytes / 4; i++)
		h = (h ^ w[i]) * 0x100000001b3ull;
	return h;
}

/* The checksum of the first @bytes of @handle, computed by @dev's engine. */
static int gpu_checksum(struct vdgpu_device *dev, uint32_t handle, uint64_t bytes,
			uint64_t *sum)
{
	struct drm_vdgpu_exec job = {
		.op = DRM_VDGPU_OP_CHECKSUM, .src_handle = handle, .size = bytes,
	};
	uint32_t result;
	uint64_t *p;
	int ret;

	ret = vdgpu_bo_create(dev, 4096, DRM_VDGPU_REGION_SYSTEM, DRM_VDGPU_REGION_SYSTEM,
			      0, &result);
	if (ret)
		return ret;
	job.dst_handle = result;
	ret = vdgpu_exec(dev, &job);
	if (!ret)
		ret = vdgpu_bo_wait(dev, result, 10ll * 1000000000);
	if (!ret)
		ret = vdgpu_bo_map(dev, result, 4096, (void **)&p);
	if (!ret) {
		*sum = *p;
		vdgpu_bo_unmap(p, 4096);
	}
	vdgpu_bo_close(dev, result);
	return ret;
}

/* The checksum of the first 4 KiB, read by the reference importer's DMA. */
static int importer_checksum(int dmabuf, uint64_t *sum)
{
	struct dirent *de;
	int ret = -ENODEV;
	DIR *dir = opendir("/dev");

	while (dir && (de = readdir(dir)) && ret == -ENODEV) {
		struct vdgpu_importer_attach a = { .fd = dmabuf,
						   .flags = VDGPU_IMPORTER_ATTACH_P2P };
		struct vdgpu_importer_read r = { .size = 4096 };
		char path[300];
		int fd;

		if (strncmp(de->d_name, "vdgpu_importer", 14))
			continue;
		snprintf(path, sizeof(path), "/dev/%s", de->d_name);
		fd = open(path, O_RDWR | O_CLOEXEC);
		if (fd < 0)
			continue;
		ret = ioctl(fd, VDGPU_IMPORTER_IOCTL_ATTACH, &a) ? -errno : 0;
		r.handle = a.handle;
		if (!ret)
			ret = ioctl(fd, VDGPU_IMPORTER_IOCTL_READ, &r) ? -errno : 0;
		if (!ret) {
			*sum = r.checksum;
			printf("importer %s read it by DMA\n", de->d_name);
		}
		close(fd);
	}
	if (dir)
		closedir(dir);
	return ret;
}

/* Both importers read the buffer; returns 0 when both saw @expect. */
static int check_importers(struct vdgpu_device *gpu1, const char *name, int dmabuf,
			   uint32_t imported, uint64_t expect, uint64_t expect_page)
{
	uint64_t sum;
	int status = 0, ret;

	ret = gpu_checksum(gpu1, imported, SIZE, &sum);
	if (ret) {
		fprintf(stderr, "%s\n", vdgpu_last_error());
		return 2;
	}
	if (sum != expect)
		status = 1;
	printf("%s read it with a job: %s\n", name, sum == expect ? "same bytes" : "DIFFERENT bytes");

	ret = importer_checksum(dmabuf, &sum);
	if (!ret) {
		if (sum != expect_page)
			status = 1;
		printf("reference importer: %s\n", sum == expect_page ? "same bytes" :
		       "DIFFERENT bytes");
	} else if (ret == -ENODEV) {
		printf("reference importer: not loaded, skipped\n");
	} else {
		printf("reference importer: failed: %s\n", strerror(-ret));
		status = 1;
	}
	return status;
}

/* A job on GPU0 filling almost all of its VRAM: our buffer has to leave. */
static int vram_pressure(struct vdgpu_device *gpu0)
{
	struct drm_vdgpu_query_device info;
	struct drm_vdgpu_exec fill = { .op = DRM_VDGPU_OP_FILL, .size = 4096, .value = 1 };
	uint32_t hog;
	int ret;

	ret = vdgpu_query_device(gpu0, &info);
	if (!ret)
		ret = vdgpu_bo_create(gpu0, info.vram_size - SIZE / 2, DRM_VDGPU_REGIONS_ALL,
				      DRM_VDGPU_REGION_VRAM, 0, &hog);
	if (ret)
		return ret;
	fill.dst_handle = hog;
	ret = vdgpu_exec(gpu0, &fill);
	if (!ret)
		ret = vdgpu_bo_wait(gpu0, hog, 30ll * 1000000000);
	vdgpu_bo_close(gpu0, hog);
	printf("VRAM pressure on the first device: a %llu MiB buffer pushed ours out\n",
	       (unsigned long long)(info.vram_size - SIZE / 2) >> 20);
	return ret;
}

int main(int argc, char **argv)
{
	struct vdgpu_device_desc descs[VDGPU_MAX_DEVICES];
	struct vdgpu_device *gpu0 = NULL, *gpu1 = NULL;
	int pressure = argc > 1 && !strcmp(argv[1], "--pressure");
	uint64_t expect, expect_page;
	uint32_t bo, imported;
	int n, dmabuf = -1, status = 2;
	uint32_t *p;

	n = vdgpu_enumerate(descs, VDGPU_MAX_DEVICES);
	if (n < 2) {
		fprintf(stderr, "need two vdgpu devices, found %d %s\n", n, vdgpu_last_error());
		return 2;
	}
	if (vdgpu_open(descs[0].render_node, &gpu0) ||
	    vdgpu_open(descs[1].render_node, &gpu1) ||
	    vdgpu_bo_create(gpu0, SIZE, DRM_VDGPU_REGIONS_ALL, DRM_VDGPU_REGION_VRAM, 0, &bo) ||
	    vdgpu_bo_map(gpu0, bo, SIZE, (void **)&p)) {
		fprintf(stderr, "%s\n", vdgpu_last_error());
		goto out;
	}
	for (uint32_t i = 0; i < SIZE / 4; i++)
		p[i] = i * 2654435761u;
	expect = checksum(p, SIZE);
	expect_page = checksum(p, 4096);
	vdgpu_bo_unmap(p, SIZE);
	printf("buffer of %u bytes on %s (%s)\n", SIZE, descs[0].render_node, descs[0].pci_slot);

	if (vdgpu_bo_export(gpu0, bo, &dmabuf) || vdgpu_bo_import(gpu1, dmabuf, &imported)) {
		fprintf(stderr, "%s\n", vdgpu_last_error());
		goto out;
	}
	status = check_importers(gpu1, descs[1].render_node, dmabuf, imported, expect,
				 expect_page);
	if (!status && pressure) {
		/* Back into VRAM first, for the pressure to push it out again. */
		/* -EBUSY for a moment without MOVE_NOTIFY: a finished job's map pins it. */
		for (int tries = 0; tries < 50 &&
		     vdgpu_bo_migrate(gpu0, bo, DRM_VDGPU_REGION_VRAM, 0) == -EBUSY; tries++)
			usleep(20000);
		if (vram_pressure(gpu0)) {
			fprintf(stderr, "%s\n", vdgpu_last_error());
			status = 2;
		} else {
			status = check_importers(gpu1, descs[1].render_node, dmabuf, imported,
						 expect, expect_page);
		}
	}
	vdgpu_bo_close(gpu1, imported);
out:
	if (dmabuf >= 0)
		close(dmabuf);
	vdgpu_close(gpu1);
	vdgpu_close(gpu0);
	return status;
}
