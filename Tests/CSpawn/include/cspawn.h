// What the end-to-end tests need to start a child with posix_spawn that Swift's Glibc module
// leaves out, because glibc declares it only under _GNU_SOURCE. Defining _GNU_SOURCE here
// would change structures (fd_set) that other modules import too, so the declarations are
// glibc's own, repeated.
#ifndef CSPAWN_H
#define CSPAWN_H

#include <spawn.h>

/// glibc's POSIX_SPAWN_SETSID: the child leads a session of its own.
static inline short cspawn_setsid_flag(void) { return 0x80; }

extern int posix_spawn_file_actions_addchdir_np(posix_spawn_file_actions_t *actions, const char *path);
extern int pipe2(int ends[2], int flags);

#endif
