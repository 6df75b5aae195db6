/* CMatcherPluginsShims: the C side of MatcherPlugins — process spawning and the C-ABI plugin loader.
 * Used by MatcherPlugins (Swift) and by the facecert-plugin-host program. No type of
 * plugins/c/include/facecert_matcher.h appears here, so Swift needs only this header. */
#ifndef CMATCHERPLUGINSSHIMS_H
#define CMATCHERPLUGINSSHIMS_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

/* A loaded, checked plugin library (dlopen handle and every resolved symbol). */
typedef struct CMatcherPluginsShims_Library CMatcherPluginsShims_Library;

/* Opens a plugin library, checks its API version and resolves every symbol. On failure returns NULL and writes
 * a message naming the missing symbol or the version mismatch. */
CMatcherPluginsShims_Library *CMatcherPluginsShims_library_open(const char *path, char *message, size_t capacity);
/* dlcloses the library. Every instance must be destroyed first. */
void CMatcherPluginsShims_library_close(CMatcherPluginsShims_Library *library);
/* The API version the library reports. */
uint32_t CMatcherPluginsShims_library_api_version(const CMatcherPluginsShims_Library *library);

/* Creates an instance; returns NULL with *status and message set on failure. */
void *CMatcherPluginsShims_instance_create(
    CMatcherPluginsShims_Library *library, int32_t *status, char *message, size_t capacity);
void CMatcherPluginsShims_instance_destroy(CMatcherPluginsShims_Library *library, void *instance);

/* Describes the matcher. The strings belong to the plugin. */
int32_t CMatcherPluginsShims_describe(
    CMatcherPluginsShims_Library *library, void *instance, const char **name, const char **version,
    const char **vendor, int32_t *score_kind, int32_t *has_threshold, double *threshold, int32_t *symmetric);

/* Creates a template; on status 0, *bytes and *length hold plugin-owned bytes to release with free_template.
 * eyes: left x, left y, right x, right y. */
int32_t CMatcherPluginsShims_create_template(
    CMatcherPluginsShims_Library *library, void *instance, uint32_t width, uint32_t height, int32_t format,
    const uint8_t *pixels, size_t pixels_length, int32_t role, uint8_t **bytes, size_t *length, int32_t *has_eyes,
    double *eyes, int32_t *has_quality, double *quality, char *message, size_t capacity);
void CMatcherPluginsShims_free_template(CMatcherPluginsShims_Library *library, void *instance, uint8_t *bytes);

/* Compares two templates. */
int32_t CMatcherPluginsShims_compare(
    CMatcherPluginsShims_Library *library, void *instance, const uint8_t *verification, size_t verification_length,
    const uint8_t *enrolment, size_t enrolment_length, double *score, char *message, size_t capacity);

/* Starts a child whose stdin and stdout are one end of a Unix stream socket pair (returned in *parent_fd,
 * close-on-exec), stderr appended to stderr_path, working directory cwd, exactly envp as its environment, no
 * other open descriptors, its own process group, default signal dispositions and an empty signal mask.
 * Returns the pid, or -1 with *error_number set. */
pid_t CMatcherPluginsShims_spawn(
    const char *path, char *const argv[], char *const envp[], const char *cwd, const char *stderr_path,
    int *parent_fd, int *error_number);

#endif
