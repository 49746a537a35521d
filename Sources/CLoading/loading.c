// The functions are static inline in the header; SwiftPM wants a C file in every C target.
#include "parley_loading.h"
