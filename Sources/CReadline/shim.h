// GNU readline and history, seen from Swift.
//
// Readline is configured through global variables, which Swift 6 treats as shared mutable
// state. Every global that Parley touches is read or written here, through small static inline
// functions, so the Swift side never names a readline global directly.
#ifndef PARLEY_CREADLINE_SHIM_H
#define PARLEY_CREADLINE_SHIM_H

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <sys/select.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <readline/history.h>
#include <readline/readline.h>

/// A completion callback: readline's `rl_attempted_completion_function`.
typedef char **parley_completion_fn(const char *text, int start, int end);

/// Names the program for ~/.inputrc conditionals and installs the completion callback.
static inline void parley_rl_configure(const char *name, parley_completion_fn *completion) {
    rl_readline_name = name;
    rl_attempted_completion_function = completion;
    rl_completer_quote_characters = "\"'";
    rl_basic_word_break_characters = " \t\n";
}

/// Tells readline not to fall back to file-name completion for this attempt.
static inline void parley_rl_completion_over(void) { rl_attempted_completion_over = 1; }

/// Leaves no space after this attempt's single completion (`speaker:` is not a whole word).
static inline void parley_rl_suppress_append(void) { rl_completion_suppress_append = 1; }

/// The whole line being edited (for completion: which verb, which option).
static inline const char *parley_rl_line_buffer(void) { return rl_line_buffer; }

// The static variables below exist once per Swift file that calls these functions, so Parley
// calls them from one file only (ParleyShell/Modes/LineEditor.swift).
//
// Ctrl-C lives in the CInterrupt module (one flag for the process). While a line is being read,
// `parley_readline` waits on its pipe as well as on the terminal, abandons the line and shows a
// fresh prompt; while a command runs, long-running work polls the flag.
int parley_interrupted(void);
void parley_clear_interrupt(void);
int parley_interrupt_wakeup_fd(void);

static char *parley_received_line = NULL;
static int parley_line_received = 0;

static void parley_line_handler(char *line) {
    parley_received_line = line;
    parley_line_received = 1;
    rl_callback_handler_remove();
}

/// Reads one line with readline's callback interface. Returns a malloc'd line, or NULL at the
/// end of input (Ctrl-D on an empty line).
static inline char *parley_readline(const char *prompt) {
    int input = rl_instream ? fileno(rl_instream) : STDIN_FILENO;
    parley_received_line = NULL;
    parley_line_received = 0;
    rl_catch_signals = 0;
    rl_callback_handler_install(prompt, parley_line_handler);
    int wakeup = parley_interrupt_wakeup_fd();
    while (!parley_line_received) {
        fd_set ready;
        FD_ZERO(&ready);
        FD_SET(input, &ready);
        if (wakeup >= 0) FD_SET(wakeup, &ready);
        int highest = wakeup > input ? wakeup : input;
        int count = select(highest + 1, &ready, NULL, NULL, NULL);
        if (count < 0 && errno != EINTR) {
            rl_callback_handler_remove();
            return NULL;
        }
        if (wakeup >= 0 && count > 0 && FD_ISSET(wakeup, &ready)) {
            char drained[64];
            while (read(wakeup, drained, sizeof drained) > 0) {}
        }
        if (parley_interrupted()) {
            parley_clear_interrupt();
            rl_free_line_state();
            rl_callback_sigcleanup();
            (void)write(STDOUT_FILENO, "^C", 2);
            rl_crlf();
            rl_replace_line("", 0);
            rl_on_new_line();
            rl_redisplay();
            continue;
        }
        if (count > 0 && FD_ISSET(input, &ready)) rl_callback_read_char();
    }
    return parley_received_line;
}

#endif
