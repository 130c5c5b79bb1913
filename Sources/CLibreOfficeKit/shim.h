// LibreOfficeKit's C interface, from Debian's libreofficekit-dev. LibreOfficeKitInit.h loads
// LibreOffice's own library (libmergedlo.so) from the installation with dlopen at run time, so
// nothing is linked at build time but libdl. LibreOfficeKit.h uses bool without including
// stdbool.h unless the unstable API is asked for.
#include <stdbool.h>
#include <stdint.h>
#include <LibreOfficeKit/LibreOfficeKitInit.h>
#include <LibreOfficeKit/LibreOfficeKit.h>

#if defined(__linux__)
#include <sys/prctl.h>

// prctl is variadic, which Swift cannot call: a conversion worker asks the kernel through this
// helper to send it `signal` when the thread that started it ends, so no worker outlives its parent.
// Returns prctl's result: 0, or -1 with errno set.
static inline int vorlage_set_parent_death_signal(int signal) {
    return prctl(PR_SET_PDEATHSIG, (unsigned long)signal, 0UL, 0UL, 0UL);
}
#endif
