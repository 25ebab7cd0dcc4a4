"""The line writers that replace sys.stdout/sys.stderr, without a process."""

from __future__ import annotations

import threading

from motia._context import current_invocation
from motia._runner.stdio import LogLines


def collect() -> tuple[LogLines, list[tuple[int | None, str, str]]]:
    lines: list[tuple[int | None, str, str]] = []
    stream = LogLines("<stdout>", "info", 1)
    stream.set_sink(lambda invocation, level, line: lines.append((invocation, level, line)))
    return stream, lines


def test_complete_lines_only() -> None:
    stream, lines = collect()
    stream.write("a")
    stream.write("b\nc\n\nd")
    assert lines == [(None, "info", "ab"), (None, "info", "c"), (None, "info", "")]
    stream.flush_all()
    assert lines[-1] == (None, "info", "d")


def test_lines_are_kept_apart_per_invocation() -> None:
    stream, lines = collect()
    token = current_invocation.set(1)
    stream.write("one ")
    current_invocation.reset(token)
    token = current_invocation.set(2)
    stream.write("two\n")
    current_invocation.reset(token)
    token = current_invocation.set(1)
    stream.write("done\n")
    current_invocation.reset(token)
    assert lines == [(2, "info", "two"), (1, "info", "one done")]


def test_unfinished_line_is_sent_when_its_invocation_ends() -> None:
    stream, lines = collect()
    token = current_invocation.set(5)
    stream.write("partial")
    current_invocation.reset(token)
    stream.flush_invocation(4)
    assert lines == []
    stream.flush_invocation(5)
    assert lines == [(5, "info", "partial")]


def test_very_long_partial_line_is_sent_without_a_newline() -> None:
    stream, lines = collect()
    stream.write("x" * 70_000)
    assert lines == [(None, "info", "x" * 70_000)]


def test_binary_buffer_and_file_like_attributes() -> None:
    stream, lines = collect()
    stream.buffer.write("é\n".encode())
    assert lines == [(None, "info", "é")]
    assert stream.fileno() == 1
    assert stream.isatty() is False
    assert stream.encoding == "utf-8"
    print("via print", file=stream)
    assert lines[-1] == (None, "info", "via print")


def test_reconfigure_is_accepted_like_on_a_real_stdout() -> None:
    stream, lines = collect()
    stream.reconfigure(encoding="utf-8", errors="replace", line_buffering=True)
    stream.write("still a line\n")
    assert lines == [(None, "info", "still a line")]


def test_threads_write_whole_lines() -> None:
    stream, lines = collect()

    def spam(n: int) -> None:
        for i in range(200):
            stream.write(f"thread {n} line {i}\n")

    threads = [threading.Thread(target=spam, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(lines) == 800
    assert all(line.startswith("thread ") for _, _, line in lines)
