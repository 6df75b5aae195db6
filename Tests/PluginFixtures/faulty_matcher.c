/* Test fixture: the tiny example matcher with injected faults, chosen at compile time (facecert gives plugins a
 * clean environment, so faults cannot be chosen by environment variables):
 *   -DFAULT_CRASH_EVERY=N  raise SIGSEGV on every N-th call (template creation or comparison batch element)
 *   -DFAULT_HANG_ON=N      sleep forever in the N-th template creation
 *   -DFAULT_STDOUT         printf to stdout on every call (the host must keep it off the protocol stream)
 *   -DFAULT_NAN_EVERY=N    return NaN from every N-th comparison
 *   -DOMIT_COMPARE         do not export facecert_matcher_compare
 *   -DAPI_VERSION=V        report API version V
 */
#define facecert_matcher_create_template tiny_create_template
#define facecert_matcher_compare tiny_compare
#define facecert_matcher_api_version tiny_api_version
#include "../../plugins/c/examples/tiny_matcher.c"
#undef facecert_matcher_create_template
#undef facecert_matcher_compare
#undef facecert_matcher_api_version

#include <math.h>
#include <signal.h>
#include <unistd.h>

static unsigned calls = 0;
static unsigned templates = 0;
static unsigned comparisons = 0;

static void maybe_fault(void) {
    calls++;
#ifdef FAULT_STDOUT
    printf("fixture: call %u says hello on stdout\n", calls);
    fflush(stdout);
#endif
#ifdef FAULT_CRASH_EVERY
    if (calls % FAULT_CRASH_EVERY == 0) raise(SIGSEGV);
#endif
}

uint32_t facecert_matcher_api_version(void) {
#ifdef API_VERSION
    return API_VERSION;
#else
    return FACECERT_MATCHER_API_VERSION;
#endif
}

facecert_status facecert_matcher_create_template(
    facecert_matcher *matcher, const facecert_image *image, int32_t role, facecert_template_output *out,
    char *message, size_t message_capacity) {
    maybe_fault();
    templates++;
#ifdef FAULT_HANG_ON
    if (templates == FAULT_HANG_ON)
        for (;;) sleep(1000);
#endif
    return tiny_create_template(matcher, image, role, out, message, message_capacity);
}

#ifndef OMIT_COMPARE
facecert_status facecert_matcher_compare(
    facecert_matcher *matcher, const uint8_t *verification, size_t verification_length, const uint8_t *enrolment,
    size_t enrolment_length, double *score, char *message, size_t message_capacity) {
    maybe_fault();
    comparisons++;
    facecert_status status = tiny_compare(matcher, verification, verification_length, enrolment, enrolment_length,
                                          score, message, message_capacity);
#ifdef FAULT_NAN_EVERY
    if (comparisons % FAULT_NAN_EVERY == 0) *score = NAN;
#endif
    return status;
}
#endif
