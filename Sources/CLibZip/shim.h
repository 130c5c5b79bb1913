#ifndef VORLAGE_CLIBZIP_SHIM_H
#define VORLAGE_CLIBZIP_SHIM_H

#include <zip.h>

#endif
