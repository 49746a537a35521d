// GNU readline and history, seen from Swift.
//
// Readline is configured through global variables, which Swift 6 treats as shared mutable
// state. Every global that Parley touches is read or written here, through small static inline
// functions, so the Swift side never names a readline global directly.
#ifndef PARLEY_CREADLINE_SHIM_H
#define PARLEY_CREADLINE_SHIM_H

#include <signal.h>
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

/// The whole line being edited (for completion: which verb, which option).
static inline const char *parley_rl_line_buffer(void) { return rl_line_buffer; }

// Ctrl-C. While a line is being read, the handler abandons it and shows a fresh prompt; while a
// command runs, it only raises a flag that long-running work polls.
static volatile sig_atomic_t parley_interrupt_flag = 0;
static volatile sig_atomic_t parley_reading_line = 0;

static void parley_on_sigint(int signo) {
    (void)signo;
    parley_interrupt_flag = 1;
    if (parley_reading_line) {
        // Readline calls this at a safe point, after it has restored the terminal.
        (void)write(STDOUT_FILENO, "^C\n", 3);
        rl_on_new_line();
        rl_replace_line("", 0);
        rl_redisplay();
    }
}

/// Installs the Ctrl-C handler (once, at the start of interactive mode).
static inline void parley_install_sigint_handler(void) {
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = parley_on_sigint;
    sigemptyset(&action.sa_mask);
    sigaction(SIGINT, &action, NULL);
}

/// Marks whether readline is waiting for a line, which decides what Ctrl-C does.
static inline void parley_set_reading_line(int reading) { parley_reading_line = reading; }

/// True when Ctrl-C was pressed since the last call to `parley_clear_interrupt`.
static inline int parley_interrupted(void) { return parley_interrupt_flag != 0; }

/// Forgets an earlier Ctrl-C, before a new command starts.
static inline void parley_clear_interrupt(void) { parley_interrupt_flag = 0; }

#endif
