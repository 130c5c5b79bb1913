#ifndef VORLAGE_CLIBDEFLATE_SHIM_H
#define VORLAGE_CLIBDEFLATE_SHIM_H

// libdeflate: whole-buffer deflate for the parts each document fills (ODFPackage's Deflater).
#include <libdeflate.h>

#endif
