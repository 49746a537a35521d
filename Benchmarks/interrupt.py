#!/usr/bin/env python3
"""Time from Ctrl-C to the next prompt, as a user at a terminal sees it.

Starts `parley CORPUS` on a pseudo-terminal, waits for the prompt, types COMMAND, presses
Ctrl-C DELAY seconds later and measures the time until a fresh prompt is drawn; then types
`info` to check that the session still answers. Prints one JSON object per run.

usage: interrupt.py PARLEY CORPUS DELAY[,DELAY…] COMMAND...
"""
import json
import os
import pty
import select
import sys
import time

PROMPT = b"parley> "


def read_until(fd, needle, start, timeout):
    """Reads until `needle` appears after offset `start` of the buffer; returns the buffer."""
    buffer = bytearray()
    deadline = time.monotonic() + timeout
    while needle not in buffer[start:]:
        left = deadline - time.monotonic()
        if left <= 0:
            raise TimeoutError(needle)
        ready, _, _ = select.select([fd], [], [], left)
        if ready:
            try:
                chunk = os.read(fd, 65536)
            except OSError:
                raise EOFError
            if not chunk:
                raise EOFError
            buffer += chunk
    return buffer


def run(parley, corpus, delay, command):
    pid, fd = pty.fork()
    if pid == 0:
        os.environ.update({"TERM": "dumb", "PAGER": "cat", "NO_COLOR": "1"})
        os.execv(parley, [parley, corpus])
    read_until(fd, PROMPT, 0, 600)
    os.write(fd, command.encode() + b"\r")
    time.sleep(delay)
    # Drain what the command printed so far (nothing, unless it already finished).
    drained = bytearray()
    while select.select([fd], [], [], 0)[0]:
        drained += os.read(fd, 65536)
    finished = PROMPT in drained
    sent = time.monotonic()
    os.write(fd, b"\x03")
    read_until(fd, PROMPT, 0, 600)
    back = time.monotonic()
    os.write(fd, b"info\r")
    after = read_until(fd, PROMPT, 0, 60)
    os.write(fd, b"\x04")
    os.waitpid(pid, 0)
    return {"command": command, "delay_s": delay, "sigint_to_prompt_ms": round((back - sent) * 1000, 1),
            "finished_before_sigint": finished, "session_answers": b"documents" in after}


if __name__ == "__main__":
    parley, corpus, delays = sys.argv[1], sys.argv[2], [float(d) for d in sys.argv[3].split(",")]
    for command in sys.argv[4:]:
        for delay in delays:
            print(json.dumps(run(parley, corpus, delay, command)), flush=True)
