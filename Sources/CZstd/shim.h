// Zstandard (libzstd), for the index cache's compressed texts. Only the one-shot calls are used.
#ifndef PARLEY_CZSTD_SHIM_H
#define PARLEY_CZSTD_SHIM_H

#include <zstd.h>

#endif
