// Ctrl-C and time limits for the whole process, in C because a signal handler may do almost
// nothing: it raises a flag and writes a byte to a pipe. Every module reads the same flag (it is defined once, in
// interrupt.c): the prompt wakes on the pipe, and long-running work anywhere polls the flag.
#ifndef PARLEY_INTERRUPT_H
#define PARLEY_INTERRUPT_H

/// Installs the SIGINT handler and unblocks SIGINT (a parent may have blocked it). With
/// `exit_when_idle`, a signal that arrives while no command runs ends the process with status
/// 130 at once (script mode, waiting for input); otherwise it only raises the flag.
void parley_install_sigint_handler(int exit_when_idle);

/// Why work was asked to stop: SIGINT (Ctrl-C), or the time limit of `set timeout`.
#define PARLEY_STOP_INTERRUPT 1
#define PARLEY_STOP_TIMEOUT 2
/// A mapped index cache lost pages under the session (SIGBUS): the corpus must be loaded again.
#define PARLEY_STOP_DAMAGE 3

/// True when SIGINT arrived, or the time limit passed, since the last `parley_clear_interrupt`.
int parley_interrupted(void);

/// 0 while nothing asked work to stop, else the first PARLEY_STOP_ reason since the last clear.
int parley_stop_reason(void);

/// Raises the flag from ordinary code (a failed checksum: PARLEY_STOP_DAMAGE).
void parley_raise_stop(int reason);

/// Raises the flag with PARLEY_STOP_TIMEOUT after `milliseconds` (SIGALRM), unless disarmed first.
void parley_arm_timeout(long milliseconds);

/// Cancels the time limit armed last.
void parley_disarm_timeout(void);

/// Forgets an earlier SIGINT and drains the pipe.
void parley_clear_interrupt(void);

/// The read end of the pipe the handler writes to, or -1 before the handler is installed.
int parley_interrupt_wakeup_fd(void);

/// Marks whether a command is running (script mode: SIGINT then cancels it instead of exiting).
void parley_set_busy(int busy);

#include <stddef.h>

/// Guards a read-only file mapping against SIGBUS (the file truncated by another program): a
/// fault in it maps a page of zeros, marks the damage and raises PARLEY_STOP_DAMAGE. Returns 0
/// when no guard slot is free (the mapping is then not guarded).
int parley_guard_mapping(void *base, size_t size);

/// Stops guarding the mapping at `base` (before it is unmapped).
void parley_unguard_mapping(void *base);

/// True once the guarded mapping at `base` lost a page.
int parley_mapping_damaged(void *base);

#endif
