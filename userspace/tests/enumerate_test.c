// SPDX-License-Identifier: MIT
/*
 * vdgpu_enumerate() on a machine with more DRM devices than its array
 * holds: drmGetDevices2() returns how many devices exist, not how many it
 * stored. Linked with -Wl,--wrap so that libdrm reports 100 devices and
 * fills only the entries it was given room for; the test fails if the
 * library reads or frees more entries than were filled.
 *
 * Copyright (c) 2026 The vdgpu authors
 */
#include <stdio.h>
#include <string.h>
#include <xf86drm.h>

#include "vdgpu.h"

#define FAKE_DEVICES	100

static drmDevice fake;	/* no nodes: skipped by the library */
static int filled;
static int bad;

int __wrap_drmGetDevices2(uint32_t flags, drmDevicePtr devices[], int max);
void __wrap_drmFreeDevices(drmDevicePtr devices[], int count);

int __wrap_drmGetDevices2(uint32_t flags, drmDevicePtr devices[], int max)
{
	(void)flags;
	filled = max < FAKE_DEVICES ? max : FAKE_DEVICES;
	for (int i = 0; i < filled; i++)
		devices[i] = &fake;
	return FAKE_DEVICES;
}

void __wrap_drmFreeDevices(drmDevicePtr devices[], int count)
{
	if (count > filled) {
		fprintf(stderr, "drmFreeDevices() of %d entries, %d were filled\n",
			count, filled);
		bad = 1;
	}
	for (int i = 0; i < count && i < filled; i++)
		if (devices[i] != &fake)
			bad = 1;
}

int main(void)
{
	struct vdgpu_device_desc descs[4];
	int n;

	memset(&fake, 0, sizeof(fake));
	n = vdgpu_enumerate(descs, 4);
	if (n != 0 || bad) {
		fprintf(stderr, "vdgpu_enumerate() gave %d, bad=%d\n", n, bad);
		return 1;
	}
	printf("vdgpu_enumerate() with %d devices reported: 0 found, %d entries read\n",
	       FAKE_DEVICES, filled);
	return 0;
}
