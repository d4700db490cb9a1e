// SPDX-License-Identifier: MIT
/*
 * vdgpu: command-line tool for vdgpu devices, on libvdgpu.
 *
 *   vdgpu list                 the devices
 *   vdgpu info DEV             regions, usage, counters, P2P reachability
 *   vdgpu bufs DEV             the device's buffers (debugfs)
 *   vdgpu top [-n N]           per-process VRAM/system use from fdinfo
 *   vdgpu trace [-o PNG] [-t S | -- CMD...]   record tracepoints, draw them
 *
 * DEV is a render node path or an index from `vdgpu list`. --json prints
 * JSON instead of text.
 *
 * Copyright (c) 2026 The vdgpu authors
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "vdgpu.h"
#include "vdgpu_trace_tool.h"

static int json;

static void usage(FILE *f)
{
	fprintf(f,
		"usage: vdgpu [--json] COMMAND [ARGS]\n"
		"\n"
		"  list             list vdgpu devices\n"
		"  info DEV         regions, usage, counters, P2P reachability of DEV\n"
		"  bufs DEV         buffers of DEV (needs debugfs, root)\n"
		"  top [-n N]       per-process VRAM and system memory use, refreshed\n"
		"                   every second; q quits; -n N stops after N screens\n"
		"  trace [-o PNG] [-t SECONDS | --from TRACE | -- COMMAND...]\n"
		"                   record the driver's tracepoints while COMMAND runs\n"
		"                   (or SECONDS, default 5) and draw each buffer's\n"
		"                   placement over time and VRAM occupancy as a PNG\n"
		"                   (default vdgpu-trace.png; needs tracefs and root);\n"
		"                   --from draws a saved copy of tracing/trace\n"
		"\n"
		"DEV is a render node (/dev/dri/renderD128) or an index from `vdgpu list`.\n"
		"--json prints JSON for scripts.\n");
}

static int die(const char *what)
{
	fprintf(stderr, "vdgpu: %s\n", what);
	return 1;
}

/* Resolves DEV to a device and its description. */
static int open_dev(const char *arg, struct vdgpu_device **dev, struct vdgpu_device_desc *desc)
{
	struct vdgpu_device_desc descs[VDGPU_MAX_DEVICES];
	int n = vdgpu_enumerate(descs, VDGPU_MAX_DEVICES);
	char *end;
	long idx = strtol(arg, &end, 10);

	if (n < 0) {
		fprintf(stderr, "vdgpu: %s\n", vdgpu_last_error());
		return n;
	}
	for (int i = 0; i < n && i < VDGPU_MAX_DEVICES; i++)
		if ((!*end && idx == i) || !strcmp(arg, descs[i].render_node)) {
			int ret;

			*desc = descs[i];
			ret = vdgpu_open(desc->render_node, dev);
			if (ret)
				fprintf(stderr, "vdgpu: %s%s\n", vdgpu_last_error(),
					ret == -EACCES ? " (try as root)" : "");
			return ret;
		}
	fprintf(stderr, "vdgpu: no vdgpu device '%s' (see `vdgpu list`)\n", arg);
	return -ENODEV;
}

static int cmd_list(void)
{
	struct vdgpu_device_desc d[VDGPU_MAX_DEVICES];
	int n = vdgpu_enumerate(d, VDGPU_MAX_DEVICES);

	if (n < 0)
		return die(vdgpu_last_error());
	if (json)
		printf("[");
	for (int i = 0; i < n && i < VDGPU_MAX_DEVICES; i++) {
		struct drm_vdgpu_query_device info = {};
		struct vdgpu_device *dev;

		if (!vdgpu_open(d[i].render_node, &dev)) {
			vdgpu_query_device(dev, &info);
			vdgpu_close(dev);
		}
		if (json)
			printf("%s{\"index\":%d,\"render_node\":\"%s\",\"pci\":\"%s\","
			       "\"vram_size\":%llu,\"cpu_visible_vram_size\":%llu}",
			       i ? "," : "", i, d[i].render_node, d[i].pci_slot,
			       (unsigned long long)info.vram_size,
			       (unsigned long long)info.cpu_visible_vram_size);
		else
			printf("%d  %-22s %-14s VRAM %llu MiB (%llu MiB CPU-visible)\n", i,
			       d[i].render_node, d[i].pci_slot[0] ? d[i].pci_slot : "platform",
			       (unsigned long long)info.vram_size >> 20,
			       (unsigned long long)info.cpu_visible_vram_size >> 20);
	}
	if (json)
		printf("]\n");
	else if (!n)
		printf("no vdgpu devices (is the module loaded with bind_ivshmem=1?)\n");
	return 0;
}

/* debugfs directory of a device. */
static void debugfs_dir(const struct vdgpu_device_desc *d, char *path, size_t len)
{
	snprintf(path, len, "/sys/kernel/debug/dri/%s", d->pci_slot[0] ? d->pci_slot : "vdgpu");
}

/* Prints a debugfs file, or returns -errno. */
static int cat_debugfs(const struct vdgpu_device_desc *d, const char *file, const char *indent)
{
	char dir[128], path[192], line[512];
	FILE *f;

	debugfs_dir(d, dir, sizeof(dir));
	snprintf(path, sizeof(path), "%s/%s", dir, file);
	f = fopen(path, "re");
	if (!f)
		return -errno;
	while (fgets(line, sizeof(line), f))
		printf("%s%s", indent, line);
	fclose(f);
	return 0;
}

static int cmd_info(const char *arg)
{
	struct drm_vdgpu_query_device info;
	struct drm_vdgpu_query_stats st;
	struct vdgpu_device_desc desc;
	struct vdgpu_device *dev;
	int ret;

	if (open_dev(arg, &dev, &desc))
		return 1;
	ret = vdgpu_query_device(dev, &info);
	if (!ret)
		ret = vdgpu_query_stats(dev, &st);
	if (ret) {
		vdgpu_close(dev);
		return die(vdgpu_last_error());
	}
	if (json) {
		printf("{\"render_node\":\"%s\",\"pci\":\"%s\",\"vram_size\":%llu,"
		       "\"cpu_visible_vram_size\":%llu,\"p2p_capable\":%u,\"move_notify\":%u,"
		       "\"evictions\":%llu,\"bytes_to_vram\":%llu,\"bytes_to_system\":%llu,"
		       "\"cpu_fault_migrations\":%llu,\"pinned_vram_bytes\":%llu,"
		       "\"pinned_system_bytes\":%llu,\"move_notifies\":%llu}\n",
		       desc.render_node, desc.pci_slot, (unsigned long long)info.vram_size,
		       (unsigned long long)info.cpu_visible_vram_size, info.p2p_capable,
		       info.move_notify, (unsigned long long)st.evictions,
		       (unsigned long long)st.bytes_to_vram, (unsigned long long)st.bytes_to_system,
		       (unsigned long long)st.cpu_fault_migrations,
		       (unsigned long long)st.pinned_vram_bytes,
		       (unsigned long long)st.pinned_system_bytes,
		       (unsigned long long)st.move_notifies);
		vdgpu_close(dev);
		return 0;
	}
	printf("device      %s (%s)\n", desc.render_node, desc.pci_slot[0] ? desc.pci_slot : "platform");
	printf("VRAM        %llu MiB, %llu MiB CPU-visible, bus address %#llx\n",
	       (unsigned long long)info.vram_size >> 20,
	       (unsigned long long)info.cpu_visible_vram_size >> 20,
	       (unsigned long long)info.vram_bus_address);
	{
		struct drm_vdgpu_memory_region regions[4];
		int n = vdgpu_query_regions(dev, regions, 4);

		for (int i = 0; i < n && i < 4; i++)
			printf("region      %-6s %llu of %llu MiB in use, %llu MiB free "
			       "(%llu MiB CPU-visible)\n",
			       regions[i].mem_class == DRM_VDGPU_MEM_VRAM ? "vram" : "system",
			       (unsigned long long)regions[i].used_size >> 20,
			       (unsigned long long)regions[i].total_size >> 20,
			       (unsigned long long)regions[i].free_size >> 20,
			       (unsigned long long)regions[i].cpu_visible_free_size >> 20);
	}
	printf("kernel      P2P %s, move_notify %s\n", info.p2p_capable ? "yes" : "no",
	       info.move_notify ? "yes" : "no (mappings pin)");
	printf("counters    %llu evictions, %llu MiB to VRAM, %llu MiB to system, %llu CPU-fault moves\n",
	       (unsigned long long)st.evictions, (unsigned long long)st.bytes_to_vram >> 20,
	       (unsigned long long)st.bytes_to_system >> 20,
	       (unsigned long long)st.cpu_fault_migrations);
	printf("pinned      %llu KiB VRAM, %llu KiB system; %llu move notifications sent\n",
	       (unsigned long long)st.pinned_vram_bytes >> 10,
	       (unsigned long long)st.pinned_system_bytes >> 10,
	       (unsigned long long)st.move_notifies);
	printf("P2P reachability of its VRAM (peer vendor:device distance mode reason):\n");
	if (cat_debugfs(&desc, "p2p_peers", "  "))
		printf("  (needs debugfs: mount it and run as root)\n");
	vdgpu_close(dev);
	return 0;
}

static int cmd_bufs(const char *arg)
{
	struct vdgpu_device_desc desc;
	struct vdgpu_device *dev;
	int ret;

	if (open_dev(arg, &dev, &desc))
		return 1;
	vdgpu_close(dev);
	ret = cat_debugfs(&desc, "bos", "");
	if (ret) {
		fprintf(stderr, "vdgpu: cannot read the buffer list: %s (needs debugfs and root)\n",
			strerror(-ret));
		return 1;
	}
	return 0;
}

struct proc_use {
	int pid;
	char comm[32];
	unsigned long long vram, sys;
};

/* Adds the vdgpu fdinfo of every file of @pid; returns whether it has any. */
static int scan_pid(int pid, struct proc_use *u)
{
	char path[64];
	struct dirent *de;
	DIR *dir;
	FILE *f;
	int any = 0;

	snprintf(path, sizeof(path), "/proc/%d/fdinfo", pid);
	dir = opendir(path);
	if (!dir)
		return 0;
	memset(u, 0, sizeof(*u));
	u->pid = pid;
	while ((de = readdir(dir))) {
		struct vdgpu_fdinfo fi;
		char file[400];

		if (de->d_name[0] == '.')
			continue;
		snprintf(file, sizeof(file), "%s/%s", path, de->d_name);
		if (vdgpu_parse_fdinfo(file, &fi))
			continue;
		u->sys += fi.total[0];
		u->vram += fi.total[1];
		any = 1;
	}
	closedir(dir);
	if (any) {
		snprintf(path, sizeof(path), "/proc/%d/comm", pid);
		f = fopen(path, "re");
		if (f) {
			if (fgets(u->comm, sizeof(u->comm), f))
				u->comm[strcspn(u->comm, "\n")] = '\0';
			fclose(f);
		}
	}
	return any;
}

static void top_screen(void)
{
	struct dirent *de;
	DIR *proc = opendir("/proc");
	int first = 1;

	if (json)
		printf("[");
	else
		printf("%8s %-16s %12s %12s\n", "PID", "COMMAND", "VRAM KiB", "SYSTEM KiB");
	while (proc && (de = readdir(proc))) {
		struct proc_use u;
		int pid = atoi(de->d_name);

		if (pid <= 0 || !scan_pid(pid, &u))
			continue;
		if (json)
			printf("%s{\"pid\":%d,\"comm\":\"%s\",\"vram\":%llu,\"system\":%llu}",
			       first ? "" : ",", u.pid, u.comm, u.vram, u.sys);
		else
			printf("%8d %-16s %12llu %12llu\n", u.pid, u.comm, u.vram >> 10, u.sys >> 10);
		first = 0;
	}
	if (proc)
		closedir(proc);
	printf(json ? "]\n" : "\n");
	fflush(stdout);
}

static int cmd_top(int screens)
{
	struct termios old, raw;
	int tty = isatty(STDIN_FILENO) && !tcgetattr(STDIN_FILENO, &old);

	if (tty) {
		raw = old;
		raw.c_lflag &= ~(ICANON | ECHO);
		tcsetattr(STDIN_FILENO, TCSANOW, &raw);
	}
	for (int n = 0; !screens || n < screens; n++) {
		struct pollfd p = { .fd = STDIN_FILENO, .events = POLLIN };
		char c = 0;

		if (tty && !json)
			printf("\033[H\033[2J");
		top_screen();
		if (screens && n + 1 == screens)
			break;
		if (!tty)
			sleep(1);
		else if (poll(&p, 1, 1000) > 0 && read(STDIN_FILENO, &c, 1) == 1 && c == 'q')
			break;
	}
	if (tty)
		tcsetattr(STDIN_FILENO, TCSANOW, &old);
	return 0;
}

int main(int argc, char **argv)
{
	int i = 1;

	for (; i < argc && argv[i][0] == '-'; i++) {
		if (!strcmp(argv[i], "--json")) {
			json = 1;
		} else if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
			usage(stdout);
			return 0;
		} else {
			usage(stderr);
			return 2;
		}
	}
	if (i >= argc) {
		usage(stderr);
		return 2;
	}
	if (!strcmp(argv[i], "list"))
		return cmd_list();
	if (!strcmp(argv[i], "info") && i + 1 < argc)
		return cmd_info(argv[i + 1]);
	if (!strcmp(argv[i], "bufs") && i + 1 < argc)
		return cmd_bufs(argv[i + 1]);
	if (!strcmp(argv[i], "trace"))
		return vdgpu_trace_main(argc - i - 1, argv + i + 1);
	if (!strcmp(argv[i], "top")) {
		int screens = 0;

		if (i + 2 < argc && !strcmp(argv[i + 1], "-n"))
			screens = atoi(argv[i + 2]);
		return cmd_top(screens);
	}
	usage(stderr);
	return 2;
}
