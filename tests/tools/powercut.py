"""Simulated power cuts: record the file operations of some work, then rebuild every state a disk
could be left in if the power went at any moment, and check each one.

This is the approach of crash-consistency checkers such as ALICE (Pillai et al., OSDI 2014),
kept small: `Recorder` wraps the `os` functions the store writes through (open, write, fsync,
rename, mkdir, link, unlink, truncate...) while some work runs, keeping a model of the folder
tree in which each operation is noted by inode. `crash_states` then cuts the operation list at
every point and, for each cut, rebuilds what a disk would hold:

- an operation is certain to be on disk once something made it durable before the cut: file
  data by an fsync of that file; a change to a folder's entries (a new file or folder, a rename,
  a link, an unlink) by an fsync of that folder (of both folders, for a rename between two);
- of the operations not certain, any prefix may have reached the disk (file systems that
  journal metadata in order behave so; the model does not try reorderings beyond that).

Nothing else is assumed: in particular a new folder is not on disk until its parent is synced,
which is what made a new library lose its `briefings/` folder. Each state is written out as a
real folder so that the code under test can open it. Work the code acknowledged (returned from
a call) is noted with `Recorder.ack` and checked in every state cut after it.

Limits: file times are not modelled (every rebuilt file is new, so a library always re-checks
its index against its files); reads are not recorded; one thread at a time.
"""

from __future__ import annotations

import copy
import hashlib
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

Check = Callable[[Any], None]
"""Checks a rebuilt state, given what `replay`'s `open_state` made of it; raises AssertionError."""


@dataclass
class _Node:
    folder: bool
    data: bytearray = field(default_factory=bytearray)
    entries: dict[str, int] = field(default_factory=dict)


@dataclass
class Tree:
    """Folders and files by inode number; `root` is the recorded folder."""

    nodes: dict[int, _Node]
    root: int = 0

    def node(self, inode: int, folder: bool) -> _Node:
        """The node, made as an orphan (unreachable) when its creation did not reach the disk."""
        if inode not in self.nodes:
            self.nodes[inode] = _Node(folder)
        return self.nodes[inode]

    def lookup(self, parts: list[str]) -> int | None:
        inode = self.root
        for part in parts:
            node = self.nodes.get(inode)
            if node is None or not node.folder or part not in node.entries:
                return None
            inode = node.entries[part]
        return inode

    def write_out(self, target: Path) -> None:
        """Make the tree a real folder tree under `target` (which must not exist)."""
        self._write(self.root, target, set())

    def _write(self, inode: int, path: Path, seen: set[int]) -> None:
        node = self.nodes[inode]
        if node.folder:
            if inode in seen:
                return
            seen.add(inode)
            path.mkdir()
            for name, child in node.entries.items():
                if child in self.nodes:
                    self._write(child, path / name, seen)
        else:
            path.write_bytes(bytes(node.data))

    def digest(self) -> str:
        """A fingerprint of what is reachable, to skip states already checked."""
        digest = hashlib.sha256()

        def walk(inode: int, prefix: str, seen: frozenset[int]) -> None:
            node = self.nodes[inode]
            if node.folder:
                if inode in seen:
                    return
                digest.update(f"D {prefix}\n".encode())
                for name in sorted(node.entries):
                    if node.entries[name] in self.nodes:
                        walk(node.entries[name], f"{prefix}/{name}", seen | {inode})
            else:
                digest.update(f"F {prefix} {len(node.data)}\n".encode())
                digest.update(hashlib.sha256(node.data).digest())

        walk(self.root, "", frozenset())
        return digest.hexdigest()


# Operations, by inode: ("mkdir", parent, name, inode), ("create", parent, name, inode),
# ("write", inode, offset, data), ("truncate", inode, size), ("fsync", inode),
# ("rename", from_parent, from_name, to_parent, to_name), ("unlink", parent, name),
# ("link", inode, parent, name).
Op = tuple[Any, ...]


def _apply(tree: Tree, op: Op) -> None:
    kind = op[0]
    if kind in ("mkdir", "create"):
        _, parent, name, inode = op
        tree.node(parent, True).entries[name] = inode
        tree.node(inode, kind == "mkdir")
    elif kind == "write":
        _, inode, offset, data = op
        content = tree.node(inode, False).data
        if len(content) < offset:
            content.extend(bytes(offset - len(content)))
        content[offset : offset + len(data)] = data
    elif kind == "truncate":
        _, inode, size = op
        content = tree.node(inode, False).data
        del content[size:]
        content.extend(bytes(size - len(content)))
    elif kind == "rename":
        _, source, name, target, new_name = op
        entries = tree.node(source, True).entries
        if name in entries:
            tree.node(target, True).entries[new_name] = entries.pop(name)
    elif kind == "unlink":
        _, parent, name = op
        tree.node(parent, True).entries.pop(name, None)
    elif kind == "link":
        _, inode, parent, name = op
        if inode in tree.nodes:
            tree.node(parent, True).entries[name] = inode


def _made_durable_by(ops: list[Op]) -> list[int]:
    """For each operation, the index of the first later fsync that makes it durable (or len(ops))."""
    never = len(ops)
    syncs: dict[int, list[int]] = {}
    for index, op in enumerate(ops):
        if op[0] == "fsync":
            syncs.setdefault(op[1], []).append(index)

    def first_sync(inode: int, after: int) -> int:
        return next((index for index in syncs.get(inode, ()) if index > after), never)

    durable = []
    for index, op in enumerate(ops):
        kind = op[0]
        if kind in ("write", "truncate"):
            durable.append(first_sync(op[1], index))
        elif kind in ("mkdir", "create", "unlink"):
            durable.append(first_sync(op[1], index))
        elif kind == "link":
            durable.append(first_sync(op[2], index))
        elif kind == "rename":
            durable.append(max(first_sync(op[1], index), first_sync(op[3], index)))
        else:
            durable.append(index)  # an fsync, or a marker: nothing to lose
    return durable


@dataclass(frozen=True)
class CrashState:
    """One state a power cut could leave: after `cut` operations, `volatile` of those not yet
    durable having reached the disk."""

    cut: int
    volatile: int
    tree: Tree
    checks: tuple[Check, ...]


@dataclass
class Recording:
    """What a `Recorder` saw: the tree at the start, the operations, and acknowledgements."""

    start: Tree
    ops: list[Op]
    acks: list[tuple[int, int, Check]]

    def crash_states(self) -> Iterator[CrashState]:
        """Every distinct state a power cut could leave (see the module docstring), in order."""
        durable = _made_durable_by(self.ops)
        seen: set[str] = set()
        for cut in range(len(self.ops) + 1):
            certain = [index for index in range(cut) if durable[index] < cut]
            uncertain = [index for index in range(cut) if durable[index] >= cut]
            checks = tuple(check for at, until, check in self.acks if at <= cut < until)
            for reached in range(len(uncertain) + 1):
                chosen = sorted(certain + uncertain[:reached])
                tree = copy.deepcopy(self.start)
                for index in chosen:
                    _apply(tree, self.ops[index])
                key = tree.digest() + f"/{len(checks)}"
                if key in seen:
                    continue
                seen.add(key)
                yield CrashState(cut, reached, tree, checks)


_WRITE_FLAGS = os.O_WRONLY | os.O_RDWR


class Recorder:
    """Records the file operations made under `root` (a folder that exists) while active.

    Use as a context manager around the work; call `ack` after each thing the work acknowledged,
    with a check that it is there.
    """

    _WRAPPED = ("open", "close", "write", "fsync", "replace", "rename", "mkdir", "unlink", "remove", "rmdir", "link", "ftruncate", "truncate")

    def __init__(self, root: Path) -> None:
        self.root = Path(os.path.abspath(root))
        self._tree = Tree({}, 0)
        self._next = 1
        self._scan(self.root, 0)
        self.start = copy.deepcopy(self._tree)
        self.ops: list[Op] = []
        self.acks: list[tuple[int, int, Check]] = []
        self._fds: dict[int, list[Any]] = {}  # fd: [inode, offset, append]
        self._real: dict[str, Callable[..., Any]] = {}

    def _scan(self, path: Path, inode: int) -> None:
        if path.is_dir():
            node = self._tree.node(inode, True)
            for child in sorted(path.iterdir()):
                number = self._new_inode()
                node.entries[child.name] = number
                self._scan(child, number)
        else:
            self._tree.node(inode, False).data = bytearray(path.read_bytes())

    def _new_inode(self) -> int:
        self._next += 1
        return self._next - 1

    def ack(self, check: Check) -> int:
        """Note that the work acknowledged something; `check` finds it in a rebuilt state.

        Returns a number for `retire`."""
        self.acks.append((len(self.ops), 1 << 62, check))
        return len(self.acks) - 1

    def retire(self, number: int) -> None:
        """The work is about to undo what acknowledgement `number` checks (a deletion after an
        edit): states cut from now on no longer check it."""
        at, _, check = self.acks[number]
        self.acks[number] = (at, len(self.ops), check)

    def recording(self) -> Recording:
        return Recording(self.start, list(self.ops), list(self.acks))

    # Paths

    def _parts(self, path: Any) -> list[str] | None:
        """The path's parts below the root, or None when it is not under it."""
        if isinstance(path, int):
            return None
        absolute = os.path.abspath(os.fsdecode(path))
        root = str(self.root)
        if absolute == root:
            return []
        if not absolute.startswith(root + os.sep):
            return None
        return absolute[len(root) + 1 :].split(os.sep)

    def _parent(self, parts: list[str]) -> int | None:
        return self._tree.lookup(parts[:-1])

    def _record(self, op: Op) -> None:
        self.ops.append(op)
        _apply(self._tree, op)

    # The wrapped calls: each does the real thing, then records what it did under the root.

    def _open(self, path: Any, flags: int, mode: int = 0o777, *, dir_fd: Any = None) -> int:
        parts = self._parts(path)
        existed = parts is not None and self._tree.lookup(parts) is not None
        fd = self._real["open"](path, flags, mode)
        if parts is None or not parts:
            if parts == []:
                self._fds[fd] = [self._tree.root, 0, False]
            return fd
        inode = self._tree.lookup(parts)
        if inode is None and flags & os.O_CREAT and not existed:
            parent = self._parent(parts)
            if parent is None:
                return fd
            inode = self._new_inode()
            self._record(("create", parent, parts[-1], inode))
        if inode is None:
            return fd
        if flags & os.O_TRUNC and flags & _WRITE_FLAGS and not self._tree.nodes[inode].folder:
            self._record(("truncate", inode, 0))
        self._fds[fd] = [inode, 0, bool(flags & os.O_APPEND)]
        return fd

    def _close(self, fd: int) -> None:
        self._fds.pop(fd, None)
        self._real["close"](fd)

    def _write(self, fd: int, data: Any) -> int:
        written = self._real["write"](fd, data)
        tracked = self._fds.get(fd)
        if tracked is not None and written:
            inode, offset, append = tracked
            if append:
                offset = len(self._tree.nodes[inode].data)
            self._record(("write", inode, offset, bytes(data[:written])))
            tracked[1] = offset + written
        return written

    def _fsync(self, fd: int) -> None:
        self._real["fsync"](fd)
        tracked = self._fds.get(fd)
        if tracked is not None:
            self._record(("fsync", tracked[0]))

    def _ftruncate(self, fd: int, size: int) -> None:
        self._real["ftruncate"](fd, size)
        tracked = self._fds.get(fd)
        if tracked is not None:
            self._record(("truncate", tracked[0], size))

    def _truncate(self, path: Any, size: int) -> None:
        self._real["truncate"](path, size)
        parts = self._parts(path)
        inode = self._tree.lookup(parts) if parts else None
        if inode is not None:
            self._record(("truncate", inode, size))

    def _replace(self, source: Any, target: Any, **kwargs: Any) -> None:
        self._real["replace"](source, target, **kwargs)
        self._moved(source, target)

    def _rename(self, source: Any, target: Any, **kwargs: Any) -> None:
        self._real["rename"](source, target, **kwargs)
        self._moved(source, target)

    def _moved(self, source: Any, target: Any) -> None:
        old, new = self._parts(source), self._parts(target)
        if old and new:
            old_parent, new_parent = self._parent(old), self._parent(new)
            if old_parent is not None and new_parent is not None:
                self._record(("rename", old_parent, old[-1], new_parent, new[-1]))

    def _mkdir(self, path: Any, mode: int = 0o777, **kwargs: Any) -> None:
        self._real["mkdir"](path, mode, **kwargs)
        parts = self._parts(path)
        parent = self._parent(parts) if parts else None
        if parent is not None:
            self._record(("mkdir", parent, parts[-1], self._new_inode()))  # type: ignore[index]

    def _unlink(self, path: Any, **kwargs: Any) -> None:
        self._real["unlink"](path, **kwargs)
        self._removed(path)

    def _remove(self, path: Any, **kwargs: Any) -> None:
        self._real["remove"](path, **kwargs)
        self._removed(path)

    def _rmdir(self, path: Any, **kwargs: Any) -> None:
        self._real["rmdir"](path, **kwargs)
        self._removed(path)

    def _removed(self, path: Any) -> None:
        parts = self._parts(path)
        parent = self._parent(parts) if parts else None
        if parent is not None:
            self._record(("unlink", parent, parts[-1]))  # type: ignore[index]

    def _link(self, source: Any, target: Any, **kwargs: Any) -> None:
        self._real["link"](source, target, **kwargs)
        old, new = self._parts(source), self._parts(target)
        inode = self._tree.lookup(old) if old else None
        parent = self._parent(new) if new else None
        if inode is not None and parent is not None:
            self._record(("link", inode, parent, new[-1]))  # type: ignore[index]

    def __enter__(self) -> Recorder:
        for name in self._WRAPPED:
            self._real[name] = getattr(os, name)
            setattr(os, name, getattr(self, f"_{name}"))
        return self

    def __exit__(self, *exc_info: object) -> None:
        for name, function in self._real.items():
            setattr(os, name, function)


@dataclass
class Outcome:
    """How the crash states of a recording fared."""

    states: int = 0
    cuts: int = 0
    unopenable: list[str] = field(default_factory=list)
    lost: list[str] = field(default_factory=list)
    warned: int = 0


def replay(recording: Recording, scratch: Path, open_state: Callable[[Path], tuple[Any, list[str]]]) -> Outcome:
    """Rebuild every crash state under `scratch`, open each with `open_state` (which returns what
    the checks are given and the warnings it got, or raises when the state cannot be opened) and
    run the checks due.

    Returns the counts, with a line for every state that could not be opened or lost work.
    """
    outcome = Outcome(cuts=len(recording.ops) + 1)
    scratch.mkdir(parents=True, exist_ok=True)
    for number, state in enumerate(recording.crash_states()):
        folder = scratch / f"state-{number}"
        state.tree.write_out(folder)
        outcome.states += 1
        where = f"cut after {state.cut} of {len(recording.ops)} operations, {state.volatile} unsynced ones on disk"
        try:
            opened, warnings = open_state(folder)
        except Exception as error:  # noqa: BLE001 - any failure to open is what is counted
            outcome.unopenable.append(f"{where}: {type(error).__name__}: {error}")
            continue
        outcome.warned += bool(warnings)
        for check in state.checks:
            try:
                check(opened)
            except Exception as error:  # noqa: BLE001 - a check that fails in any way found a loss
                outcome.lost.append(f"{where}: {type(error).__name__}: {error}")
                break
    return outcome
