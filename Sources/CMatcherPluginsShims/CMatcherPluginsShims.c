#define _GNU_SOURCE
#include "CMatcherPluginsShims.h"

#include "facecert_matcher.h"

#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

struct CMatcherPluginsShims_Library {
    void *handle;
    uint32_t (*api_version)(void);
    facecert_status (*create)(facecert_matcher **, char *, size_t);
    void (*destroy)(facecert_matcher *);
    facecert_status (*describe)(const facecert_matcher *, facecert_description *);
    facecert_status (*create_template)(facecert_matcher *, const facecert_image *, int32_t, facecert_template_output *,
                                       char *, size_t);
    void (*free_template)(facecert_matcher *, uint8_t *);
    facecert_status (*compare)(facecert_matcher *, const uint8_t *, size_t, const uint8_t *, size_t, double *, char *,
                               size_t);
};

#define RESOLVE(field, symbol)                                                                                   \
    do {                                                                                                         \
        *(void **)(&library->field) = dlsym(handle, symbol);                                                     \
        if (library->field == NULL) {                                                                            \
            snprintf(message, capacity,                                                                          \
                     "%s does not export %s (every function of facecert_matcher.h is required; declare it "       \
                     "extern \"C\" in C++ and check visibility)",                                                \
                     path, symbol);                                                                              \
            dlclose(handle);                                                                                     \
            free(library);                                                                                       \
            return NULL;                                                                                         \
        }                                                                                                        \
    } while (0)

CMatcherPluginsShims_Library *CMatcherPluginsShims_library_open(const char *path, char *message, size_t capacity) {
    void *handle = dlopen(path, RTLD_NOW | RTLD_LOCAL);
    if (handle == NULL) {
        const char *reason = dlerror();
        snprintf(message, capacity, "cannot load %s: %s", path, reason ? reason : "unknown dlopen error");
        return NULL;
    }
    CMatcherPluginsShims_Library *library = calloc(1, sizeof *library);
    if (library == NULL) {
        dlclose(handle);
        snprintf(message, capacity, "out of memory loading %s", path);
        return NULL;
    }
    library->handle = handle;
    RESOLVE(api_version, "facecert_matcher_api_version");
    uint32_t version = library->api_version();
    if (version != FACECERT_MATCHER_API_VERSION) {
        snprintf(message, capacity,
                 "%s was built for facecert matcher API version %u; this facecert loads version %u (rebuild the "
                 "plugin against this facecert's facecert_matcher.h)",
                 path, version, FACECERT_MATCHER_API_VERSION);
        dlclose(handle);
        free(library);
        return NULL;
    }
    RESOLVE(create, "facecert_matcher_create");
    RESOLVE(destroy, "facecert_matcher_destroy");
    RESOLVE(describe, "facecert_matcher_describe");
    RESOLVE(create_template, "facecert_matcher_create_template");
    RESOLVE(free_template, "facecert_matcher_free_template");
    RESOLVE(compare, "facecert_matcher_compare");
    return library;
}

void CMatcherPluginsShims_library_close(CMatcherPluginsShims_Library *library) {
    if (library == NULL) return;
    dlclose(library->handle);
    free(library);
}

uint32_t CMatcherPluginsShims_library_api_version(const CMatcherPluginsShims_Library *library) {
    return library->api_version();
}

void *CMatcherPluginsShims_instance_create(
    CMatcherPluginsShims_Library *library, int32_t *status, char *message, size_t capacity) {
    facecert_matcher *instance = NULL;
    if (capacity > 0) message[0] = '\0';
    *status = (int32_t)library->create(&instance, message, capacity);
    if (capacity > 0) message[capacity - 1] = '\0';
    if (*status == FACECERT_OK && instance == NULL) {
        snprintf(message, capacity, "facecert_matcher_create returned FACECERT_OK but no instance");
        *status = FACECERT_VENDOR_ERROR;
    }
    if (*status != FACECERT_OK) return NULL;
    return instance;
}

void CMatcherPluginsShims_instance_destroy(CMatcherPluginsShims_Library *library, void *instance) {
    if (instance != NULL) library->destroy((facecert_matcher *)instance);
}

int32_t CMatcherPluginsShims_describe(
    CMatcherPluginsShims_Library *library, void *instance, const char **name, const char **version,
    const char **vendor, int32_t *score_kind, int32_t *has_threshold, double *threshold, int32_t *symmetric) {
    facecert_description description;
    memset(&description, 0, sizeof description);
    int32_t status = (int32_t)library->describe((const facecert_matcher *)instance, &description);
    *name = description.name;
    *version = description.version;
    *vendor = description.vendor;
    *score_kind = description.score_kind;
    *has_threshold = description.has_declared_threshold;
    *threshold = description.declared_threshold;
    *symmetric = description.symmetric;
    return status;
}

int32_t CMatcherPluginsShims_create_template(
    CMatcherPluginsShims_Library *library, void *instance, uint32_t width, uint32_t height, int32_t format,
    const uint8_t *pixels, size_t pixels_length, int32_t role, uint8_t **bytes, size_t *length, int32_t *has_eyes,
    double *eyes, int32_t *has_quality, double *quality, char *message, size_t capacity) {
    facecert_image image = {width, height, format, pixels, pixels_length};
    facecert_template_output output;
    memset(&output, 0, sizeof output);
    if (capacity > 0) message[0] = '\0';
    int32_t status =
        (int32_t)library->create_template((facecert_matcher *)instance, &image, role, &output, message, capacity);
    if (capacity > 0) message[capacity - 1] = '\0';
    *bytes = output.bytes;
    *length = output.length;
    *has_eyes = output.has_eyes;
    eyes[0] = output.left_eye_x;
    eyes[1] = output.left_eye_y;
    eyes[2] = output.right_eye_x;
    eyes[3] = output.right_eye_y;
    *has_quality = output.has_quality;
    *quality = output.quality;
    return status;
}

void CMatcherPluginsShims_free_template(CMatcherPluginsShims_Library *library, void *instance, uint8_t *bytes) {
    library->free_template((facecert_matcher *)instance, bytes);
}

int32_t CMatcherPluginsShims_compare(
    CMatcherPluginsShims_Library *library, void *instance, const uint8_t *verification, size_t verification_length,
    const uint8_t *enrolment, size_t enrolment_length, double *score, char *message, size_t capacity) {
    if (capacity > 0) message[0] = '\0';
    int32_t status = (int32_t)library->compare((facecert_matcher *)instance, verification, verification_length,
                                               enrolment, enrolment_length, score, message, capacity);
    if (capacity > 0) message[capacity - 1] = '\0';
    return status;
}

pid_t CMatcherPluginsShims_spawn(
    const char *path, char *const argv[], char *const envp[], const char *cwd, const char *stderr_path,
    int *parent_fd, int *error_number) {
    int fds[2];
#ifdef SOCK_CLOEXEC
    if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, fds) != 0) {
#else
    if (socketpair(AF_UNIX, SOCK_STREAM, 0, fds) != 0) {
#endif
        *error_number = errno;
        return -1;
    }
    fcntl(fds[0], F_SETFD, FD_CLOEXEC);
    fcntl(fds[1], F_SETFD, FD_CLOEXEC);
#ifdef SO_NOSIGPIPE
    /* Apple systems have no MSG_NOSIGNAL: a write to a dead plugin must not raise SIGPIPE in facecert. */
    int one = 1;
    setsockopt(fds[0], SOL_SOCKET, SO_NOSIGPIPE, &one, sizeof one);
#endif

    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, fds[1], 0);
    posix_spawn_file_actions_adddup2(&actions, fds[1], 1);
    posix_spawn_file_actions_addopen(&actions, 2, stderr_path, O_WRONLY | O_CREAT | O_APPEND, 0644);
    posix_spawn_file_actions_addchdir_np(&actions, cwd);
#if defined(__GLIBC__) && (__GLIBC__ > 2 || (__GLIBC__ == 2 && __GLIBC_MINOR__ >= 34))
    posix_spawn_file_actions_addclosefrom_np(&actions, 3);
#endif

    posix_spawnattr_t attributes;
    posix_spawnattr_init(&attributes);
    sigset_t empty, defaults;
    sigemptyset(&empty);
    sigfillset(&defaults);
    sigdelset(&defaults, SIGKILL);
    sigdelset(&defaults, SIGSTOP);
    posix_spawnattr_setsigmask(&attributes, &empty);
    posix_spawnattr_setsigdefault(&attributes, &defaults);
    posix_spawnattr_setpgroup(&attributes, 0);
    short spawn_flags = POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF;
#ifdef POSIX_SPAWN_CLOEXEC_DEFAULT
    spawn_flags |= POSIX_SPAWN_CLOEXEC_DEFAULT; /* Apple: only the descriptors set up above stay open */
#endif
    posix_spawnattr_setflags(&attributes, spawn_flags);

    pid_t pid = -1;
    int status = posix_spawn(&pid, path, &actions, &attributes, argv, envp);
    posix_spawn_file_actions_destroy(&actions);
    posix_spawnattr_destroy(&attributes);
    close(fds[1]);
    if (status != 0) {
        close(fds[0]);
        *error_number = status;
        return -1;
    }
    int flags = fcntl(fds[0], F_GETFL);
    fcntl(fds[0], F_SETFL, flags | O_NONBLOCK);
    *parent_fd = fds[0];
    return pid;
}
