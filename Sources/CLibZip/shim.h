#ifndef VORLAGE_CLIBZIP_SHIM_H
#define VORLAGE_CLIBZIP_SHIM_H

#include <zip.h>
// zlib, which libzip deflates with: filled parts are deflated directly with a stream kept per
// prepared package, and handed to libzip as compressed data.
#include <zlib.h>

/// `deflateInit2` is a macro over `deflateInit2_`, which Swift cannot import.
static inline int vorlage_deflate_init(z_streamp stream, int level, int windowBits, int memLevel) {
    return deflateInit2(stream, level, Z_DEFLATED, windowBits, memLevel, Z_DEFAULT_STRATEGY);
}

#endif
