// The module is its header's inline functions; SwiftPM wants a source file for a C target.
#include "cspawn.h"
