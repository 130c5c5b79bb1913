// LibreOfficeKit's C interface, from Debian's libreofficekit-dev. LibreOfficeKitInit.h loads
// LibreOffice's own library (libmergedlo.so) from the installation with dlopen at run time, so
// nothing is linked at build time but libdl. LibreOfficeKit.h uses bool without including
// stdbool.h unless the unstable API is asked for.
#include <stdbool.h>
#include <stdint.h>
#include <LibreOfficeKit/LibreOfficeKitInit.h>
#include <LibreOfficeKit/LibreOfficeKit.h>
