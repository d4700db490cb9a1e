/* SPDX-License-Identifier: MIT */
/*
 * igt.h - the subset of IGT's public API (igt-gpu-tools 1.27.1) that vdgpu's
 * tests use, declared against the ABI of Debian bookworm's libigt.so.0,
 * which ships the library without headers.
 *
 * Test sources include "igt.h" exactly as upstream IGT tests do, so they
 * build unchanged inside an igt-gpu-tools tree, where this file is replaced
 * by the real one. Macros follow upstream 1.27.1 (lib/igt_core.h).
 */
#ifndef VDGPU_IGT_SHIM_H
#define VDGPU_IGT_SHIM_H

#include <errno.h>
#include <inttypes.h>
#include <setjmp.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include <xf86drm.h>

/* lib/igt_core.h: exit codes */
#define IGT_EXIT_SUCCESS 0
#define IGT_EXIT_SKIP    77
#define IGT_EXIT_INVALID 79
#define IGT_EXIT_FAILURE 98
#define IGT_EXIT_ABORT   112

/* lib/drmtest.h */
#define DRIVER_VGEM	(1 << 2)
#define DRIVER_ANY	(~DRIVER_VGEM)

#define ARRAY_SIZE(arr) (sizeof(arr)/sizeof(arr[0]))

typedef void (*igt_exit_handler_t)(int sig);
void igt_install_exit_handler(igt_exit_handler_t fn);

int drm_open_driver(int chipset);
int drm_open_driver_render(int chipset);
int __drm_open_driver(int chipset);
int __drm_open_driver_another(int idx, int chipset);

/* lib/ioctl_wrappers.h */
extern int (*igt_ioctl)(int fd, unsigned long request, void *arg);

void gem_close(int fd, uint32_t handle);

#define do_ioctl(fd, ioc, ioc_data) do { \
	igt_assert_eq(igt_ioctl((fd), (ioc), (ioc_data)), 0); \
	errno = 0; \
} while (0)

#define do_ioctl_err(fd, ioc, ioc_data, err) do { \
	igt_assert_eq(igt_ioctl((fd), (ioc), (ioc_data)), -1); \
	igt_assert_eq(errno, err); \
	errno = 0; \
} while (0)

/* lib/igt_debugfs.h, lib/igt_kmod.h */
int igt_debugfs_dir(int device);
int igt_kmod_load(const char *mod_name, const char *opts);
int igt_kmod_unload(const char *mod_name, unsigned int flags);
bool igt_kmod_is_loaded(const char *mod_name);

/* lib/igt_core.h */
enum igt_log_level {
	IGT_LOG_DEBUG,
	IGT_LOG_INFO,
	IGT_LOG_WARN,
	IGT_LOG_CRITICAL,
	IGT_LOG_NONE,
};

struct option;
typedef int (*igt_opt_handler_t)(int opt, int opt_index, void *data);

extern jmp_buf igt_subtest_jmpbuf;

int igt_subtest_init_parse_opts(int *argc, char **argv, const char *extra_short_opts,
				const struct option *extra_long_opts, const char *help_str,
				igt_opt_handler_t extra_opt_handler, void *handler_data);
bool __igt_run_subtest(const char *subtest_name, const char *file, const int line);
bool __igt_fixture(void);
void __igt_fixture_complete(void);
void __igt_subtest_group_save(int *save, int *desc);
void __igt_subtest_group_restore(int save, int desc);
void igt_describe_f(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void igt_success(void);
bool igt_can_fail(void);
void igt_fail(int exitcode) __attribute__((noreturn));
void igt_exit(void) __attribute__((noreturn));
void igt_skip(const char *f, ...) __attribute__((noreturn, format(printf, 1, 2)));
void __igt_skip_check(const char *file, const int line, const char *func,
		      const char *check, const char *format, ...)
	__attribute__((noreturn, format(printf, 5, 6)));
void __igt_fail_assert(const char *domain, const char *file, const int line,
		       const char *func, const char *assertion, const char *format, ...)
	__attribute__((noreturn, format(printf, 6, 7)));
int igt_gettime(struct timespec *ts);
uint64_t igt_nsec_elapsed(struct timespec *start);
void igt_log(const char *domain, enum igt_log_level level, const char *format, ...)
	__attribute__((format(printf, 3, 4)));

/* lib/igt_core.h: fork support */
bool __igt_fork(void);
#define igt_fork(child, num_children) \
	for (int child = 0; child < (num_children); child++) \
		for (; __igt_fork(); exit(0))
int __igt_waitchildren(void);
void igt_waitchildren(void);
void igt_waitchildren_timeout(int seconds, const char *reason);

/* lib/igt_aux.h */
void igt_drop_root(void);

#define IGT_TEST_DESCRIPTION(str) const char *__igt_test_description = str

#define igt_tokencat2(x, y) x ## y
#define igt_tokencat(x, y) igt_tokencat2(x, y)
#define igt_unique(prefix) igt_tokencat(igt_tokencat(__igt_uniq__, prefix), __LINE__)

#define igt_main \
	static void igt_unique(__real_main)(void); \
	int main(int argc, char **argv) { \
		igt_subtest_init_parse_opts(&argc, argv, NULL, NULL, NULL, NULL, NULL); \
		igt_unique(__real_main)(); \
		igt_exit(); \
	} \
	static void igt_unique(__real_main)(void)

#define igt_fixture \
	for (volatile int igt_unique(__tmpint) = 0; \
	     igt_unique(__tmpint) < 1 && __igt_fixture() && \
	     (sigsetjmp(igt_subtest_jmpbuf, 1) == 0); \
	     igt_unique(__tmpint)++, __igt_fixture_complete())

#define igt_subtest(name) \
	for (; __igt_run_subtest((name), __FILE__, __LINE__) && \
	       (sigsetjmp(igt_subtest_jmpbuf, 1) == 0); \
	     igt_success())

#define __igt_subtest_f(tmp, format...) \
	for (char tmp[256]; \
	     snprintf(tmp, sizeof(tmp), format), \
	     __igt_run_subtest(tmp, __FILE__, __LINE__) && \
	     (sigsetjmp(igt_subtest_jmpbuf, 1) == 0); \
	     igt_success())
#define igt_subtest_f(f...) __igt_subtest_f(igt_unique(__tmpchar), f)

#define igt_subtest_group \
	for (int igt_unique(__tmpint) = 0, igt_unique(__save) = 0, igt_unique(__desc) = 0; \
	     igt_unique(__tmpint) < 1 && \
	     (__igt_subtest_group_save(&igt_unique(__save), &igt_unique(__desc)), true); \
	     igt_unique(__tmpint)++, \
	     __igt_subtest_group_restore(igt_unique(__save), igt_unique(__desc)))

#define igt_describe(dsc) igt_describe_f("%s", dsc)

#define igt_debug(f...) igt_log(NULL, IGT_LOG_DEBUG, f)
#define igt_info(f...) igt_log(NULL, IGT_LOG_INFO, f)
#define igt_warn(f...) igt_log(NULL, IGT_LOG_WARN, f)

#define igt_assert(expr) do { if (!(expr)) \
	__igt_fail_assert(NULL, __FILE__, __LINE__, __func__, #expr, NULL); \
} while (0)

#define igt_assert_f(expr, f...) do { if (!(expr)) \
	__igt_fail_assert(NULL, __FILE__, __LINE__, __func__, #expr, f); \
} while (0)

#define igt_fail_on(expr) igt_assert(!(expr))
#define igt_fail_on_f(expr, f...) igt_assert_f(!(expr), f)

#define igt_assert_cmptype(t, fmt, n1, cmp, ncmp, n2) do { \
	t __n1 = (n1), __n2 = (n2); \
	if (__n1 cmp __n2) ; else \
	__igt_fail_assert(NULL, __FILE__, __LINE__, __func__, \
			  #n1 " " #cmp " " #n2, \
			  "error: " fmt " " #ncmp " " fmt "\n", __n1, __n2); \
} while (0)

#define igt_assert_cmpint(n1, cmp, ncmp, n2) \
	igt_assert_cmptype(int, "%d", n1, cmp, ncmp, n2)
#define igt_assert_cmpuint(n1, cmp, ncmp, n2) \
	igt_assert_cmptype(unsigned int, "%#x", n1, cmp, ncmp, n2)
#define igt_assert_cmps64(n1, cmp, ncmp, n2) \
	igt_assert_cmptype(int64_t, "%" PRId64, n1, cmp, ncmp, n2)
#define igt_assert_cmpu64(n1, cmp, ncmp, n2) \
	igt_assert_cmptype(uint64_t, "%#" PRIx64, n1, cmp, ncmp, n2)

#define igt_assert_eq(n1, n2) igt_assert_cmpint(n1, ==, !=, n2)
#define igt_assert_eq_u32(n1, n2) igt_assert_cmpuint(n1, ==, !=, n2)
#define igt_assert_eq_s64(n1, n2) igt_assert_cmps64(n1, ==, !=, n2)
#define igt_assert_eq_u64(n1, n2) igt_assert_cmpu64(n1, ==, !=, n2)
#define igt_assert_neq(n1, n2) igt_assert_cmpint(n1, !=, ==, n2)
#define igt_assert_neq_u64(n1, n2) igt_assert_cmpu64(n1, !=, ==, n2)
#define igt_assert_lt(n1, n2) igt_assert_cmpint(n1, <, >=, n2)
#define igt_assert_lte(n1, n2) igt_assert_cmpint(n1, <=, >, n2)
#define igt_assert_lte_u64(n1, n2) igt_assert_cmpu64(n1, <=, >, n2)
#define igt_assert_fd(fd) \
	igt_assert_f((fd) >= 0, "file descriptor " #fd " failed\n")

#define igt_require(expr) do { \
	if (!(expr)) \
		__igt_skip_check(__FILE__, __LINE__, __func__, #expr, NULL); \
} while (0)

#define igt_require_f(expr, f...) do { \
	if (!(expr)) \
		__igt_skip_check(__FILE__, __LINE__, __func__, #expr, f); \
} while (0)

#define igt_skip_on(expr) do { \
	if ((expr)) \
		__igt_skip_check(__FILE__, __LINE__, __func__, "!(" #expr ")", NULL); \
} while (0)

#define igt_skip_on_f(expr, f...) do { \
	if ((expr)) \
		__igt_skip_check(__FILE__, __LINE__, __func__, "!(" #expr ")", f); \
} while (0)

#endif /* VDGPU_IGT_SHIM_H */
