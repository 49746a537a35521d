#include "parley_interrupt.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <string.h>
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
    sigset_t interrupt;
    sigemptyset(&interrupt);
    sigaddset(&interrupt, SIGINT);
    pthread_sigmask(SIG_UNBLOCK, &interrupt, NULL);
}

int parley_interrupted(void) { return interrupt_flag != 0; }

int parley_stop_reason(void) { return interrupt_flag; }

void parley_arm_timeout(long milliseconds) {
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = on_sigalrm;
    action.sa_flags = SA_RESTART;
    sigemptyset(&action.sa_mask);
    sigaction(SIGALRM, &action, NULL);
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
