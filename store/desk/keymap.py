"""The `[keymap]` table of the settings file: which keys the analyst wants for a binding.

    [keymap]
    "review.note" = "n"             # one key
    "review.undo" = "u,ctrl+z"      # several, separated by commas
    app.help = "f2"                 # a dotted key without quotes means the same

Each entry names a binding by its id (`brief keys` lists them) and gives the keys that replace its
own. Here the table is only read, with the line each entry is on, so that every message can name
it; whether the id exists and the keys make sense is for the face that owns the bindings to judge
(`tui.keymap`). Imports nothing but the standard library.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True, slots=True)
class KeyRemap:
    """One entry of the `[keymap]` table.

    Attributes:
        binding_id: The binding it remaps ("review.note").
        keys: The keys given, as written ("n", "u,ctrl+z").
        line: The line of the file it is on (1-based), for messages; 0 when it cannot be found.
    """

    binding_id: str
    keys: str
    line: int


def _flatten(table: dict[str, Any], prefix: str = "") -> list[tuple[str, Any]]:
    """`app.help = "f2"` is a table {"app": {"help": "f2"}} to TOML: back to ("app.help", "f2")."""
    entries: list[tuple[str, Any]] = []
    for key, value in table.items():
        if isinstance(value, dict):
            entries += _flatten(value, f"{prefix}{key}.")
        else:
            entries.append((f"{prefix}{key}", value))
    return entries


def _line_of(lines: list[str], start: int, binding_id: str) -> int:
    """The line (1-based) at or after `start` where `binding_id` is set, quoted or dotted."""
    parts = [re.escape(part) for part in binding_id.split(".")]
    dotted = r"\s*\.\s*".join(rf"(?:{part}|\"{part}\"|'{part}')" for part in parts)
    pattern = re.compile(rf"\s*(?:{dotted}|\"{re.escape(binding_id)}\"|'{re.escape(binding_id)}')\s*=")
    for number in range(start, len(lines)):
        if pattern.match(lines[number]):
            return number + 1
    return 0


def read_keymap(text: str, table: Any) -> tuple[tuple[KeyRemap, ...], list[str]]:
    """The entries of the `[keymap]` table parsed from `text`, and what is wrong with its shape
    (a value that is not keys in quotes), one message per entry naming its line."""
    lines = text.splitlines()
    header = next((n for n, line in enumerate(lines) if re.match(r"\s*\[\s*keymap\s*\]", line)), 0)
    if not isinstance(table, dict):
        return (), [f"line {_line_of(lines, 0, 'keymap')}: keymap must be a table: [keymap] with lines like \"review.note\" = \"n\""]
    remaps: list[KeyRemap] = []
    problems: list[str] = []
    for binding_id, keys in _flatten(table):
        line = _line_of(lines, header, binding_id)
        if isinstance(keys, str) and keys.strip():
            remaps.append(KeyRemap(binding_id, keys, line))
        else:
            problems.append(f"line {line}: keymap {binding_id!r} must be keys in quotes, like \"ctrl+n\" or \"n,f5\"")
    return tuple(remaps), problems
