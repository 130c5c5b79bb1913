#include "CQPDF.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

static vorlage_qpdf_functions functions;
static const vorlage_qpdf_functions *loaded;
static char failureText[1024];
static pthread_once_t once = PTHREAD_ONCE_INIT;

// The library versions tried: libqpdf.so.29 is qpdf 11 (Debian 12's libqpdf29), whose C API
// these functions were written against; newer ones keep the C API.
enum { oldestMajor = 29, newestMajor = 39 };

/// The environment variable that names the library file to load instead, for a qpdf installed
/// where the loader does not look (such as /opt/qpdf/lib/libqpdf.so.29).
static const char *const overrideVariable = "VORLAGE_LIBQPDF";

/// Opens `chosen`, the file VORLAGE_LIBQPDF names, when it is set; else the oldest installed
/// libqpdf from libqpdf.so.29 on by its versioned name, as a program linked against it would
/// find it (on Debian 12 the first name tried); then the unversioned name, which only the -dev
/// package installs.
///
/// Lazily bound, as a linked library is: RTLD_NOW would bind all of libqpdf's own calls into
/// libstdc++ and GnuTLS at once, most of which a run never makes.
static void *openLibrary(const char *chosen, char *name, size_t capacity) {
    if (chosen) {
        snprintf(name, capacity, "%s", chosen);
        return dlopen(chosen, RTLD_LAZY | RTLD_LOCAL);
    }
    for (int major = oldestMajor; major <= newestMajor; major++) {
        snprintf(name, capacity, "libqpdf.so.%d", major);
        void *library = dlopen(name, RTLD_LAZY | RTLD_LOCAL);
        if (library) return library;
    }
    snprintf(name, capacity, "libqpdf.so");
    return dlopen(name, RTLD_LAZY | RTLD_LOCAL);
}

static void load(void) {
    const char *chosen = getenv(overrideVariable);
    if (chosen && !*chosen) chosen = NULL;
    char name[512];
    void *library = openLibrary(chosen, name, sizeof name);
    if (!library) {
        const char *reason = dlerror();
        if (chosen) {
            snprintf(failureText, sizeof failureText, "%s (aus %s; dlopen: %s)",
                     name, overrideVariable, reason ? reason : "unbekannt");
        } else {
            snprintf(failureText, sizeof failureText, "libqpdf.so.%d bis .%d und libqpdf.so nicht gefunden (dlopen: %s)",
                     oldestMajor, newestMajor, reason ? reason : "unbekannt");
        }
        return;
    }
#define VORLAGE_QPDF_LOOKUP(symbol)                                                                  \
    functions.symbol = (__typeof__(&symbol))dlsym(library, #symbol);                               \
    if (!functions.symbol) {                                                                       \
        snprintf(failureText, sizeof failureText, "%s fehlt in %s", #symbol, name);                \
        dlclose(library);                                                                          \
        return;                                                                                    \
    }
    VORLAGE_QPDF_FUNCTIONS(VORLAGE_QPDF_LOOKUP)
#undef VORLAGE_QPDF_LOOKUP
    // Kept open for the rest of the process: the table points into it.
    loaded = &functions;
}

const vorlage_qpdf_functions *vorlage_qpdf_functions_load(const char **failure) {
    pthread_once(&once, load);
    *failure = loaded ? NULL : failureText;
    return loaded;
}
