"""An append-only file of lines shared by several processes.

Each writer appends whole lines with one `write` call while holding the library lock, so a
writer killed at any moment leaves whole lines only. Each reader remembers how far it has read:
later it reads just the new lines, or everything again when the file was replaced (compacted by
someone) or cut short.
"""

from __future__ import annotations

import errno
import os
from collections.abc import Iterable
from pathlib import Path

from store.errors import WriteFailed
from store.storage import make_folders, open_regular, write_atomic


class Journal:
    """One journal file and how far this process has read it."""

    def __init__(self, path: Path) -> None:
        self.path = path
        #: Lines in the file as far as read (compaction resets it).
        self.lines = 0
        self._offset = 0
        self._inode: int | None = None
        #: Whether this process reads the journal (has called `read`).
        self.started = False

    def read(self) -> tuple[bool, list[bytes]]:
        """The lines added since the last read.

        Returns:
            (reset, lines): `reset` is True when `lines` is the whole file (first read, or the file
            was replaced or shortened) and the reader must start again from them.
        """
        reset, block = self.read_block()
        return reset, block.split(b"\n")[:-1]

    def read_block(self) -> tuple[bool, bytes]:
        """Like `read`, but the new lines as one block of bytes, each ending in a newline."""
        self.started = True
        try:
            status = os.stat(self.path)
        except (FileNotFoundError, NotADirectoryError):  # no journal (its folder may be a file: set aside on open)
            reset = self._inode is not None
            self._inode, self._offset, self.lines = None, 0, 0
            return reset, b""
        reset = status.st_ino != self._inode or status.st_size < self._offset
        if reset:
            self._offset, self.lines = 0, 0
        elif status.st_size == self._offset:
            return False, b""
        with os.fdopen(open_regular(self.path), "rb") as file:
            self._inode = os.fstat(file.fileno()).st_ino
            file.seek(self._offset)
            data = file.read()
        # Whole lines only: a line being appended at this moment is read next time.
        end = data.rfind(b"\n") + 1
        self._offset += end
        self.lines += data.count(b"\n", 0, end)
        return reset, data[:end] if end < len(data) else data

    def append(self, line: bytes) -> int:
        """Add one line (without its newline), creating the file if needed; returns the size
        the file had before, for `take_back`.

        Raises `WriteFailed` when the disk refuses, leaving the file as it was (a line the disk
        took only part of is cut off again). Call under the library lock, after `read` if this
        journal is being read (`started`): then the line counts as read. A journal never read
        can be appended to without reading it first (a writer need not load 50 MB of search text
        to add one line to it).
        """
        data = line + b"\n"
        try:
            fd = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT | getattr(os, "O_CLOEXEC", 0), 0o644)
            try:
                before = os.fstat(fd).st_size
                try:
                    written = os.write(fd, data)
                except OSError:
                    os.ftruncate(fd, before)
                    raise
                if written != len(data):
                    os.ftruncate(fd, before)
                    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
            finally:
                os.close(fd)
        except OSError as error:
            raise WriteFailed(self.path, error) from error
        if self.started:
            self._offset += len(data)
            self.lines += 1
        return before

    def take_back(self, size: int) -> None:
        """Cut the file back to `size` (as `append` returned it), undoing the line appended
        then. Call under the same hold of the library lock as the `append`, with no other line
        appended since."""
        try:
            current = os.stat(self.path).st_size
            os.truncate(self.path, size)
        except OSError as error:
            raise WriteFailed(self.path, error) from error
        if self.started and current > size:
            self._offset = max(0, self._offset - (current - size))
            self.lines = max(0, self.lines - 1)

    def rewrite(self, lines: Iterable[bytes]) -> None:
        """Replace the whole file atomically with `lines`. Call under the library lock."""
        data = b"".join(line + b"\n" for line in lines)
        make_folders(self.path.parent)
        write_atomic(self.path, data)
        self._inode = os.stat(self.path).st_ino
        self._offset = len(data)
        self.lines = data.count(b"\n")
        self.started = True
