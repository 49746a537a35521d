#include "parley_interrupt.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/time.h>
#include <unistd.h>

static volatile sig_atomic_t interrupt_flag = 0;
static volatile sig_atomic_t busy = 0;
static volatile sig_atomic_t exit_when_idle = 0;
static int signal_pipe[2] = {-1, -1};

static void raise_flag(int reason) {
    int saved = errno;
    if (interrupt_flag == 0) interrupt_flag = reason;
    if (signal_pipe[1] >= 0) (void)write(signal_pipe[1], "", 1);
    errno = saved;
}

static void on_sigint(int signo) {
    (void)signo;
    if (exit_when_idle && !busy) _exit(130);
    raise_flag(PARLEY_STOP_INTERRUPT);
}

static void on_sigalrm(int signo) {
    (void)signo;
    raise_flag(PARLEY_STOP_TIMEOUT);
}

void parley_install_sigint_handler(int exit_idle) {
    exit_when_idle = exit_idle;
    if (signal_pipe[0] < 0 && pipe(signal_pipe) == 0) {
        for (int end = 0; end < 2; end++) {
            fcntl(signal_pipe[end], F_SETFL, fcntl(signal_pipe[end], F_GETFL) | O_NONBLOCK);
            fcntl(signal_pipe[end], F_SETFD, FD_CLOEXEC);
        }
    }
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = on_sigint;
    sigemptyset(&action.sa_mask);
    sigaction(SIGINT, &action, NULL);
    // A parent (a test runner's thread) may have blocked the signals Parley relies on.
    sigset_t interrupt;
    sigemptyset(&interrupt);
    sigaddset(&interrupt, SIGINT);
    sigaddset(&interrupt, SIGALRM);
    sigaddset(&interrupt, SIGBUS);
    pthread_sigmask(SIG_UNBLOCK, &interrupt, NULL);
}

int parley_interrupted(void) { return interrupt_flag != 0; }

int parley_stop_reason(void) { return interrupt_flag; }

void parley_raise_stop(int reason) { raise_flag(reason); }

void parley_arm_timeout(long milliseconds) {
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = on_sigalrm;
    action.sa_flags = SA_RESTART;
    sigemptyset(&action.sa_mask);
    sigaction(SIGALRM, &action, NULL);
    sigset_t alarm;
    sigemptyset(&alarm);
    sigaddset(&alarm, SIGALRM);
    pthread_sigmask(SIG_UNBLOCK, &alarm, NULL);
    struct itimerval timer;
    memset(&timer, 0, sizeof timer);
    timer.it_value.tv_sec = milliseconds / 1000;
    timer.it_value.tv_usec = (milliseconds % 1000) * 1000;
    setitimer(ITIMER_REAL, &timer, NULL);
}

void parley_disarm_timeout(void) {
    struct itimerval timer;
    memset(&timer, 0, sizeof timer);
    setitimer(ITIMER_REAL, &timer, NULL);
}

void parley_clear_interrupt(void) {
    char drained[64];
    if (signal_pipe[0] >= 0) {
        while (read(signal_pipe[0], drained, sizeof drained) > 0) {}
    }
    interrupt_flag = 0;
}

int parley_interrupt_wakeup_fd(void) { return signal_pipe[0]; }

void parley_set_busy(int value) { busy = value; }

// Mapped index caches. Another program may truncate a cache file while a session reads it;
// touching a page past the new end raises SIGBUS. The handler puts a page of zeros there (every
// mapped column holds ids and offsets for which 0 is valid), marks the damage and raises the
// stop flag, so the command stops and its answer is thrown away instead of the process dying.
#define GUARDED_MAPPINGS 64
static char *volatile guarded_base[GUARDED_MAPPINGS];
static volatile size_t guarded_size[GUARDED_MAPPINGS];
static volatile sig_atomic_t guarded_damage[GUARDED_MAPPINGS];
static long page_size = 4096;
static int bus_handler_installed = 0;

static void on_sigbus(int signo, siginfo_t *info, void *context) {
    (void)context;
    char *address = (char *)info->si_addr;
    for (int slot = 0; slot < GUARDED_MAPPINGS; slot++) {
        char *base = guarded_base[slot];
        if (base == NULL || address < base || address >= base + guarded_size[slot]) continue;
        void *page = (void *)((uintptr_t)address & ~(uintptr_t)(page_size - 1));
        if (mmap(page, (size_t)page_size, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0) != MAP_FAILED) {
            guarded_damage[slot] = 1;
            raise_flag(PARLEY_STOP_DAMAGE);
            return;
        }
    }
    // Not a guarded mapping: a real fault, with the default action.
    signal(signo, SIG_DFL);
}

int parley_guard_mapping(void *base, size_t size) {
    if (!bus_handler_installed) {
        page_size = sysconf(_SC_PAGESIZE);
        struct sigaction action;
        memset(&action, 0, sizeof action);
        action.sa_sigaction = on_sigbus;
        action.sa_flags = SA_SIGINFO;
        sigemptyset(&action.sa_mask);
        sigaction(SIGBUS, &action, NULL);
        bus_handler_installed = 1;
    }
    for (int slot = 0; slot < GUARDED_MAPPINGS; slot++) {
        if (guarded_base[slot] != NULL) continue;
        guarded_size[slot] = size;
        guarded_damage[slot] = 0;
        guarded_base[slot] = (char *)base;
        return 1;
    }
    return 0;
}

void parley_unguard_mapping(void *base) {
    for (int slot = 0; slot < GUARDED_MAPPINGS; slot++) {
        if (guarded_base[slot] == (char *)base) guarded_base[slot] = NULL;
    }
}

int parley_mapping_damaged(void *base) {
    for (int slot = 0; slot < GUARDED_MAPPINGS; slot++) {
        if (guarded_base[slot] == (char *)base) return guarded_damage[slot] != 0;
    }
    return 0;
}
