/* SPDX-License-Identifier: MIT */
/*
 * Copyright (c) 2026 The vdgpu authors
 */
#ifndef VDGPU_TRACE_TOOL_H
#define VDGPU_TRACE_TOOL_H

int vdgpu_trace_main(int argc, char **argv);

#endif
