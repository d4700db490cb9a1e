// SPDX-License-Identifier: GPL-2.0-only
/*
 * The driver's tracepoints (vdgpu_trace.h), instantiated.
 *
 * Copyright (c) 2026 The vdgpu authors
 */
#define CREATE_TRACE_POINTS
#include "vdgpu_trace.h"
