// SPDX-License-Identifier: MIT
/*
 * `vdgpu trace`: record the driver's tracepoints while a command runs (or
 * for some seconds) and draw them with cairo: a timeline of each buffer's
 * placement with its moves, evictions, notifications, maps and pins, and
 * each device's VRAM occupancy over time.
 *
 * Copyright (c) 2026 The vdgpu authors
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cairo.h>
#include <fontconfig/fontconfig.h>

#include "vdgpu_trace_tool.h"

#define TRACING "/sys/kernel/tracing"
#define MAX_EVENTS 65536
#define MAX_BOS 256

enum kind { EV_MOVE, EV_EVICT, EV_NOTIFY, EV_MAP, EV_PIN, EV_UNPIN, EV_CREATE, EV_DESTROY };

struct event {
	double t;
	enum kind kind;
	char dev[32];
	unsigned long long bo, size;
	int to_vram;
};

struct bo_row {
	char dev[32];
	unsigned long long bo, size;
	int first_in_vram;	/* placement before its first move, -1 unknown */
};

static struct event events[MAX_EVENTS];
static int nevents;
static struct bo_row rows[MAX_BOS];
static int nrows;

static int write_file(const char *path, const char *s)
{
	int fd = open(path, O_WRONLY | O_TRUNC);
	int ret = 0;

	if (fd < 0)
		return -errno;
	if (write(fd, s, strlen(s)) < 0)
		ret = -errno;
	close(fd);
	return ret;
}

static int row_of(const char *dev, unsigned long long bo, unsigned long long size)
{
	for (int i = 0; i < nrows; i++)
		if (rows[i].bo == bo && !strcmp(rows[i].dev, dev))
			return i;
	if (nrows == MAX_BOS)
		return -1;
	snprintf(rows[nrows].dev, sizeof(rows[nrows].dev), "%s", dev);
	rows[nrows].bo = bo;
	rows[nrows].size = size;
	rows[nrows].first_in_vram = -1;
	return nrows++;
}

static const char *field(const char *line, const char *key, char *out, size_t len)
{
	const char *p = strstr(line, key);
	size_t n;

	if (!p)
		return NULL;
	p += strlen(key);
	n = strcspn(p, " \n");
	snprintf(out, len, "%.*s", (int)(n < len ? n : len - 1), p);
	return out;
}

/* One line of the trace file: "... 123.456789: vdgpu_bo_move: dev=... bo=..." */
static void parse_line(const char *line)
{
	static const struct { const char *name; enum kind kind; } names[] = {
		{ ": vdgpu_bo_move: ", EV_MOVE }, { ": vdgpu_bo_evict: ", EV_EVICT },
		{ ": vdgpu_move_notify: ", EV_NOTIFY }, { ": vdgpu_dma_buf_map: ", EV_MAP },
		{ ": vdgpu_bo_pin: ", EV_PIN }, { ": vdgpu_bo_create: ", EV_CREATE },
		{ ": vdgpu_bo_destroy: ", EV_DESTROY },
	};
	char buf[64], size[32] = "0";
	const char *p, *ts;
	struct event *e;

	if (nevents == MAX_EVENTS)
		return;
	for (unsigned int i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		p = strstr(line, names[i].name);
		if (!p)
			continue;
		e = &events[nevents];
		memset(e, 0, sizeof(*e));
		e->kind = names[i].kind;
		/* The timestamp is the token right before the event name. */
		for (ts = p; ts > line && ts[-1] != ' '; ts--)
			;
		e->t = strtod(ts, NULL);
		if (!field(p, "dev=", e->dev, sizeof(e->dev)) || !field(p, "bo=", buf, sizeof(buf)))
			return;
		e->bo = strtoull(buf, NULL, 10);
		field(p, "size=", size, sizeof(size));
		e->size = strtoull(size, NULL, 10);
		if (e->kind == EV_MOVE || e->kind == EV_EVICT) {
			e->to_vram = field(p, "to=", buf, sizeof(buf)) && !strcmp(buf, "vram");
		} else if (e->kind == EV_PIN) {
			if (strstr(p, " unpin "))
				e->kind = EV_UNPIN;
			e->to_vram = strstr(p, "in=vram") != NULL;
		} else {
			e->to_vram = strstr(p, "in=vram") != NULL;
		}
		if (row_of(e->dev, e->bo, e->size) >= 0)
			nevents++;
		return;
	}
}

static int read_trace(const char *path)
{
	char line[1024];
	FILE *f = fopen(path, "re");

	if (!f)
		return -errno;
	while (fgets(line, sizeof(line), f))
		parse_line(line);
	fclose(f);
	/* Sizes come with moves; a row first seen otherwise takes them then. */
	for (int i = 0; i < nevents; i++) {
		int r = row_of(events[i].dev, events[i].bo, 0);

		if (events[i].size && !rows[r].size)
			rows[r].size = events[i].size;
		if (rows[r].first_in_vram >= 0)
			continue;
		if (events[i].kind == EV_MOVE || events[i].kind == EV_EVICT)
			rows[r].first_in_vram = !events[i].to_vram;
		else if (events[i].kind == EV_CREATE)
			rows[r].first_in_vram = 2;	/* not there before */
	}
	return 0;
}

static void set_rgb(cairo_t *cr, unsigned int rgb)
{
	cairo_set_source_rgb(cr, (rgb >> 16) / 255.0, ((rgb >> 8) & 0xff) / 255.0,
			     (rgb & 0xff) / 255.0);
}

#define COLOR_VRAM	0xf28e2b
#define COLOR_SYSTEM	0x4e79a7
#define COLOR_UNKNOWN	0xdddddd
#define COLOR_NOTIFY	0xe15759
#define COLOR_MAP	0x59a14f
#define COLOR_PIN	0xb07aa1
#define COLOR_TEXT	0x222222

static void text(cairo_t *cr, double x, double y, const char *s)
{
	cairo_move_to(cr, x, y);
	cairo_show_text(cr, s);
}

static int render(const char *path, const char *title)
{
	const double left = 230, right = 30, top = 70, row_h = 22;
	const double width = 1400, plot_w = width - left - right;
	double t0 = nevents ? events[0].t : 0, t1 = nevents ? events[nevents - 1].t : 1;
	int ndevs = 0;
	char devs[8][32];
	double occ_top, height;
	cairo_surface_t *s;
	cairo_t *cr;
	char buf[160];

	if (t1 <= t0)
		t1 = t0 + 1e-3;
	for (int i = 0; i < nrows; i++) {
		int known = 0;

		for (int d = 0; d < ndevs; d++)
			known |= !strcmp(devs[d], rows[i].dev);
		if (!known && ndevs < 8)
			snprintf(devs[ndevs++], sizeof(devs[0]), "%s", rows[i].dev);
	}
	occ_top = top + nrows * row_h + 70;
	height = occ_top + ndevs * 130 + 40;

	s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, width, height);
	cr = cairo_create(s);
	set_rgb(cr, 0xffffff);
	cairo_paint(cr);
	cairo_select_font_face(cr, "sans-serif", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_BOLD);
	cairo_set_font_size(cr, 18);
	set_rgb(cr, COLOR_TEXT);
	text(cr, 20, 30, title);
	cairo_select_font_face(cr, "sans-serif", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
	cairo_set_font_size(cr, 12);
	snprintf(buf, sizeof(buf), "%d events over %.3f s; orange: VRAM, blue: system memory; "
		 "red: move_notify, X: eviction, green: map, purple: pinned", nevents, t1 - t0);
	text(cr, 20, 52, buf);

#define X(t) (left + ((t) - t0) / (t1 - t0) * plot_w)
	/* Placement timeline, one row per buffer. */
	for (int r = 0; r < nrows; r++) {
		double y = top + r * row_h, x = left;
		int where = rows[r].first_in_vram, pinned = 0;
		int alive = where != 2;
		double pin_x = 0;

		set_rgb(cr, COLOR_TEXT);
		snprintf(buf, sizeof(buf), "%s bo %llu (%llu KiB)", rows[r].dev, rows[r].bo,
			 rows[r].size >> 10);
		text(cr, 10, y + 15, buf);
		for (int i = 0; i <= nevents; i++) {
			const struct event *e = i < nevents ? &events[i] : NULL;
			double ex = e ? X(e->t) : left + plot_w;

			if (e && (e->bo != rows[r].bo || strcmp(e->dev, rows[r].dev)))
				continue;
			if (!e || e->kind == EV_MOVE || e->kind == EV_EVICT ||
			    e->kind == EV_CREATE || e->kind == EV_DESTROY) {
				if (alive) {
					set_rgb(cr, where < 0 ? COLOR_UNKNOWN :
						    where ? COLOR_VRAM : COLOR_SYSTEM);
					cairo_rectangle(cr, x, y + 3, ex - x > 1 ? ex - x : 1,
							row_h - 6);
					cairo_fill(cr);
				}
				x = ex;
				if (e)
					where = e->to_vram;
				if (e)
					alive = e->kind != EV_DESTROY;
			}
			if (!e)
				break;
			switch (e->kind) {
			case EV_EVICT:
				set_rgb(cr, 0x000000);
				cairo_set_line_width(cr, 2);
				cairo_move_to(cr, ex - 5, y + 4);
				cairo_line_to(cr, ex + 5, y + row_h - 4);
				cairo_move_to(cr, ex + 5, y + 4);
				cairo_line_to(cr, ex - 5, y + row_h - 4);
				cairo_stroke(cr);
				break;
			case EV_NOTIFY:
				set_rgb(cr, COLOR_NOTIFY);
				cairo_move_to(cr, ex, y + 2);
				cairo_line_to(cr, ex - 5, y - 6);
				cairo_line_to(cr, ex + 5, y - 6);
				cairo_close_path(cr);
				cairo_fill(cr);
				break;
			case EV_MAP:
				set_rgb(cr, COLOR_MAP);
				cairo_rectangle(cr, ex - 1.5, y + 2, 3, row_h - 4);
				cairo_fill(cr);
				break;
			case EV_PIN:
				pinned = 1;
				pin_x = ex;
				break;
			case EV_UNPIN:
				if (pinned) {
					set_rgb(cr, COLOR_PIN);
					cairo_rectangle(cr, pin_x, y + row_h - 5, ex - pin_x + 1, 3);
					cairo_fill(cr);
				}
				pinned = 0;
				break;
			default:
				break;
			}
		}
		if (pinned) {
			set_rgb(cr, COLOR_PIN);
			cairo_rectangle(cr, pin_x, y + row_h - 5, left + plot_w - pin_x, 3);
			cairo_fill(cr);
		}
	}

	/* VRAM occupancy per device: bytes of the traced buffers in VRAM over time. */
	for (int d = 0; d < ndevs; d++) {
		double y0 = occ_top + d * 130, h = 100, peak = 1, used = 0, x = left;

		for (int pass = 0; pass < 2; pass++) {
			int where[MAX_BOS];

			used = 0;
			for (int r = 0; r < nrows; r++) {
				where[r] = rows[r].first_in_vram == 1;
				if (!strcmp(rows[r].dev, devs[d]) && where[r])
					used += rows[r].size;
			}
			x = left;
			if (pass)
				cairo_move_to(cr, x, y0 + h - used / peak * h);
			for (int i = 0; i < nevents; i++) {
				const struct event *e = &events[i];
				int r = row_of(e->dev, e->bo, 0), now;

				if (strcmp(e->dev, devs[d]) ||
				    (e->kind != EV_MOVE && e->kind != EV_EVICT &&
				     e->kind != EV_CREATE && e->kind != EV_DESTROY))
					continue;
				now = e->kind != EV_DESTROY && e->to_vram;
				if (now == where[r])
					continue;
				used += now ? (double)rows[r].size : -(double)rows[r].size;
				where[r] = now;
				if (!pass && used > peak)
					peak = used;
				if (pass) {
					cairo_line_to(cr, X(e->t), y0 + h - (used - (now ?
						rows[r].size : -(double)rows[r].size)) / peak * h);
					cairo_line_to(cr, X(e->t), y0 + h - used / peak * h);
				}
			}
			if (pass) {
				cairo_line_to(cr, left + plot_w, y0 + h - used / peak * h);
				cairo_line_to(cr, left + plot_w, y0 + h);
				cairo_line_to(cr, left, y0 + h);
				cairo_close_path(cr);
				set_rgb(cr, COLOR_VRAM);
				cairo_fill(cr);
			}
		}
		set_rgb(cr, COLOR_TEXT);
		cairo_set_line_width(cr, 1);
		cairo_rectangle(cr, left, y0, plot_w, h);
		cairo_stroke(cr);
		snprintf(buf, sizeof(buf), "%s VRAM in use", devs[d]);
		text(cr, 10, y0 + 15, buf);
		snprintf(buf, sizeof(buf), "peak %.1f MiB", peak / (1 << 20));
		text(cr, 10, y0 + 32, buf);
	}
	set_rgb(cr, COLOR_TEXT);
	snprintf(buf, sizeof(buf), "0 s");
	text(cr, left, height - 15, buf);
	snprintf(buf, sizeof(buf), "%.3f s", t1 - t0);
	text(cr, left + plot_w - 50, height - 15, buf);
#undef X

	cairo_destroy(cr);
	if (cairo_surface_write_to_png(s, path) != CAIRO_STATUS_SUCCESS) {
		cairo_surface_destroy(s);
		return -EIO;
	}
	cairo_surface_destroy(s);
	/* cairo and fontconfig keep caches until told: nothing left at exit. */
	cairo_debug_reset_static_data();
	FcFini();
	return 0;
}

/**
 * vdgpu_trace_main - `vdgpu trace [-o PNG] [-t SECONDS | -- COMMAND...]`
 * @argc: arguments after "trace"
 * @argv: them
 *
 * Return: the exit code.
 */
int vdgpu_trace_main(int argc, char **argv)
{
	const char *out = "vdgpu-trace.png", *from = NULL;
	int seconds = 0, i, cmd, status = 0, counts[8] = {};
	char title[256];

	for (i = 0; i < argc; i++) {
		if (!strcmp(argv[i], "-o") && i + 1 < argc) {
			out = argv[++i];
		} else if (!strcmp(argv[i], "--from") && i + 1 < argc) {
			from = argv[++i];
		} else if (!strcmp(argv[i], "-t") && i + 1 < argc) {
			seconds = atoi(argv[++i]);
		} else if (!strcmp(argv[i], "--")) {
			i++;
			break;
		} else {
			fprintf(stderr, "usage: vdgpu trace [-o PNG] [-t SECONDS | --from TRACE | -- COMMAND...]\n");
			return 2;
		}
	}
	cmd = i;
	if (cmd >= argc && !seconds)
		seconds = 5;

	if (from)
		goto render;
	if (write_file(TRACING "/events/vdgpu/enable", "1") ||
	    write_file(TRACING "/trace", "")) {
		fprintf(stderr, "vdgpu: cannot use %s/events/vdgpu: %s (mount tracefs, load vdgpu, run as root)\n",
			TRACING, strerror(errno));
		return 1;
	}
	if (cmd < argc) {
		pid_t pid = fork();

		if (pid == 0) {
			execvp(argv[cmd], &argv[cmd]);
			fprintf(stderr, "vdgpu: cannot run %s: %s\n", argv[cmd], strerror(errno));
			_exit(127);
		}
		if (pid < 0 || waitpid(pid, &status, 0) < 0)
			status = -1;
	} else {
		sleep(seconds);
	}
	write_file(TRACING "/events/vdgpu/enable", "0");
render:
	if (read_trace(from ? from : TRACING "/trace")) {
		fprintf(stderr, "vdgpu: cannot read %s: %s\n", from ? from : TRACING "/trace",
			strerror(errno));
		return 1;
	}
	for (i = 0; i < nevents; i++)
		counts[events[i].kind]++;
	snprintf(title, sizeof(title), "vdgpu: buffer placement over time (%s)",
		 from ? from : cmd < argc ? argv[cmd] : "system-wide");
	if (render(out, title)) {
		fprintf(stderr, "vdgpu: cannot write %s\n", out);
		return 1;
	}
	printf("%d buffers, %d events: %d moves, %d evictions, %d move_notify, %d maps, %d pins, %d unpins, %d created, %d destroyed\n",
	       nrows, nevents, counts[EV_MOVE], counts[EV_EVICT], counts[EV_NOTIFY],
	       counts[EV_MAP], counts[EV_PIN], counts[EV_UNPIN], counts[EV_CREATE],
	       counts[EV_DESTROY]);
	printf("picture: %s\n", out);
	if (WIFEXITED(status) && WEXITSTATUS(status))
		return WEXITSTATUS(status);
	return status < 0 ? 1 : 0;
}
