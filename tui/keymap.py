"""The analyst's keymap: the `[keymap]` table of the settings file, checked against Brief's bindings.

Every binding in tui/ has an id ("review.note"); an entry of the table gives a binding new keys,
which replace its own (the old keys no longer do it), as in Posting. Textual applies the result
(`App.set_keymap`), so the footer and the help screen show the keys as remapped.

What cannot be used is left out, with a message naming its line, and the binding keeps its own
keys: an id that no binding has, a string that is not a key, and a key another binding already
answers to where both apply (the same screen or widget, or it and the app's own bindings). Two
entries that want the same key: the first one in the file keeps it. Conflicts between a screen and
a widget inside it are not judged (which widgets a screen holds is known only once it is shown).
"""

from __future__ import annotations

import difflib
import importlib
import pkgutil
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from textual.app import App
from textual.binding import Binding
from textual.dom import DOMNode
from textual.keys import Keys, _character_to_key, key_to_character

if TYPE_CHECKING:
    from store import KeyRemap

MODIFIERS = {"ctrl", "shift", "alt", "meta", "super", "hyper"}
#: Keys with a name ("escape", "f5", "pagedown"), beside the printable characters and their
#: names ("question_mark", "slash").
NAMED_KEYS = {key.value for key in Keys if "+" not in key.value and not key.value.startswith("<")} - {"ctrl-at"}
SYMBOL_NAMES = {"slash", "backslash", "at", "minus", "plus", "underscore"}


@dataclass(frozen=True, slots=True)
class Scope:
    """Bindings that apply together: a screen's or widget's own, with the app's."""

    name: str
    """The class they belong to ("ReviewScreen")."""
    bindings: tuple[Binding, ...]


@dataclass(slots=True)
class CheckedKeymap:
    """What the app applies, and what it says about the rest."""

    keymap: dict[str, str] = field(default_factory=dict)
    """Binding id -> keys, for `App.set_keymap`."""
    problems: list[str] = field(default_factory=list)
    """One line for each entry left out, naming its line in the file."""


def normalize(keys: str) -> list[str]:
    """The keys in a comma-separated string, as Textual names them ("?" -> "question_mark")."""
    return [_character_to_key(key) if len(key) == 1 else key for key in (part.strip() for part in keys.split(","))]


def is_key(key: str) -> bool:
    """Whether `key` (normalized) names a key Textual can report: "n", "N", "ctrl+n", "f5"."""
    *modifiers, base = key.split("+")
    if not base or any(modifier not in MODIFIERS for modifier in modifiers):
        return False
    return base in NAMED_KEYS or base in SYMBOL_NAMES or (len(base) == 1 and base.isprintable()) or key_to_character(base) is not None


def _brief_classes() -> list[type[DOMNode]]:
    """Every screen and widget defined in tui/ (their modules imported first)."""
    import tui.screens
    import tui.widgets

    for package in (tui.screens, tui.widgets):
        for module in pkgutil.iter_modules(package.__path__):
            importlib.import_module(f"{package.__name__}.{module.name}")
    found: list[type[DOMNode]] = []
    pending: list[type[DOMNode]] = [DOMNode]
    while pending:
        cls = pending.pop()
        pending += cls.__subclasses__()
        if cls.__module__.startswith("tui.") and not issubclass(cls, App) and cls not in found:
            found.append(cls)
    return sorted(found, key=lambda cls: (cls.__module__, cls.__name__))


def _bindings_of(cls: type[DOMNode]) -> tuple[Binding, ...]:
    merged = cls._merged_bindings
    return tuple(binding for bindings in merged.key_to_bindings.values() for binding in bindings) if merged else ()


def scopes(app: type[App[object]]) -> list[Scope]:
    """Brief's bindings, by where they apply: each screen and widget with those of `app` (the
    Brief app's class, given by the caller: the app imports this module)."""
    app_bindings = _bindings_of(app)
    result = [Scope(app.__name__, app_bindings)]
    for cls in _brief_classes():
        own = _bindings_of(cls)
        if any(binding.id for binding in own):
            result.append(Scope(cls.__name__, app_bindings + own))
    return result


def _keys_in(scope: Scope, keymap: dict[str, str]) -> dict[str, set[str]]:
    """Binding id (or, for one without, its action) -> the keys it answers to under `keymap`."""
    keys: dict[str, set[str]] = {}
    for binding in scope.bindings:
        name = binding.id or f"action {binding.action}"
        if binding.id in keymap:
            keys[name] = set(normalize(keymap[binding.id]))
        else:
            keys.setdefault(name, set()).update(normalize(binding.key))
    return keys


def _conflict(remap: KeyRemap, keymap: dict[str, str], all_scopes: list[Scope]) -> str:
    """Why `remap` cannot be applied beside the rest of `keymap`, or ""."""
    for scope in all_scopes:
        keys = _keys_in(scope, keymap)
        if remap.binding_id not in keys:
            continue
        for key in keys[remap.binding_id]:
            others = sorted(name for name, bound in keys.items() if name != remap.binding_id and key in bound)
            if others:
                return f"line {remap.line}: {key!r} for {remap.binding_id} is already the key of {others[0]} in {scope.name}; {remap.binding_id} keeps its own keys"
    return ""


def check_keymap(remaps: tuple[KeyRemap, ...], all_scopes: list[Scope]) -> CheckedKeymap:
    """The entries that can be applied, and a message for each that cannot (`all_scopes`: see
    `scopes`)."""
    known = sorted({binding.id for scope in all_scopes for binding in scope.bindings if binding.id})
    problems: list[tuple[int, str]] = []
    usable: list[KeyRemap] = []
    for remap in remaps:
        if remap.binding_id not in known:
            close = difflib.get_close_matches(remap.binding_id, known, n=1)
            hint = f" (did you mean {close[0]}?)" if close else " (`brief keys` lists them)"
            problems.append((remap.line, f"line {remap.line}: no binding has the id {remap.binding_id!r}{hint}"))
        elif bad := [key for key in normalize(remap.keys) if not is_key(key)]:
            problems.append((remap.line, f"line {remap.line}: {bad[0]!r} for {remap.binding_id} is not a key (keys look like n, N, ctrl+n, f5, escape, slash)"))
        else:
            usable.append(remap)
    # Later entries give way to earlier ones: the last entry in conflict is left out, and the
    # rest checked again (its binding's own keys, back, may now be in the way of another).
    keymap = {remap.binding_id: ",".join(normalize(remap.keys)) for remap in usable}
    while conflicting := next(((remap, problem) for remap in reversed(usable) if (problem := _conflict(remap, keymap, all_scopes))), None):
        remap, problem = conflicting
        problems.append((remap.line, problem))
        usable.remove(remap)
        del keymap[remap.binding_id]
    return CheckedKeymap(keymap, [problem for _, problem in sorted(problems)])


def key_list(keymap: dict[str, str], all_scopes: list[Scope]) -> list[tuple[str, str, str]]:
    """(id, keys, what it does) for every binding with an id, the keymap applied: for `brief keys`."""
    rows: dict[str, tuple[str, str, str]] = {}
    for scope in all_scopes:
        for binding in scope.bindings:
            if binding.id and binding.id not in rows:
                keys = keymap.get(binding.id) or ",".join(dict.fromkeys(b.key for b in scope.bindings if b.id == binding.id))
                rows[binding.id] = (binding.id, keys, binding.description or binding.action)
    return sorted(rows.values())
