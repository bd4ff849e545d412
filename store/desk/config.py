"""The user's settings file: where exports go, and the analyst's name.

The file is `$BRIEF_CONFIG` if set, else `config.toml` in the platform's user config folder
(`platformdirs.user_config_dir("brief")`, ~/.config/brief/config.toml on Linux):

    [exports]
    folder = "~/Documents/briefings"   # where exports and digests are offered; default: the documents folder

    [analyst]
    name = "Ada Lovelace"              # who your changes are recorded as; default: your login name

    [keymap]
    "review.note" = "n"                # keys for a binding, by its id (see `store.desk.keymap`)

`$BRIEF_ANALYST`, when set and not empty, names the analyst instead of the file (`brief serve` gives each
browser tab's session the name in its address this way). A missing file means the defaults. A file that cannot be used is never fatal: the defaults apply,
and `Config.problem` says in one line what is wrong and on which line, for the app and the command
line to show.
"""

from __future__ import annotations

import os
import re
import tomllib
from dataclasses import dataclass, replace
from pathlib import Path

from briefings.history import NAME_LIMIT, analyst_name

from store.desk.keymap import KeyRemap, read_keymap

#: The environment variable that names the analyst, before the file.
ANALYST_ENV = "BRIEF_ANALYST"
#: What the file may hold: table -> keys.
KNOWN = {"exports": {"folder"}, "analyst": {"name"}}


@dataclass(frozen=True, slots=True)
class Config:
    """The settings, the defaults filled in.

    Attributes:
        exports_folder: Where exports and digests are offered (the platform documents folder by
            default).
        path: The file they were read from (it may not exist).
        problem: Why the file was not (wholly) used, in one line naming the line; "" when all is well.
        analyst: The analyst's name for the history of changes ("": the login name is used).
        keymap: The `[keymap]` entries, for the app to check against its bindings and apply.
    """

    exports_folder: Path
    path: Path
    problem: str = ""
    analyst: str = ""
    keymap: tuple[KeyRemap, ...] = ()


def config_path() -> Path:
    """$BRIEF_CONFIG if set, else config.toml in the platform's user config folder."""
    override = os.environ.get("BRIEF_CONFIG")
    if override:
        return Path(override).expanduser()
    import platformdirs

    return Path(platformdirs.user_config_dir("brief")) / "config.toml"


def default_exports_folder() -> Path:
    """The platform's documents folder (~/Documents on most systems)."""
    import platformdirs

    return Path(platformdirs.user_documents_dir())


def _line_of(text: str, key: str) -> int | None:
    """The line (1-based) where `key` is set, for messages."""
    for number, line in enumerate(text.splitlines(), 1):
        if re.match(rf"\s*{re.escape(key)}\s*=", line):
            return number
    return None


def load_config(path: Path | None = None) -> Config:
    """The settings in `path` (default: `config_path()`), or the defaults with the reason they
    apply instead, and the analyst named by `$BRIEF_ANALYST` if set. Never raises for what is in
    the file or the environment."""
    config = _read_config(path or config_path())
    given = os.environ.get(ANALYST_ENV, "")
    if not given:
        return config
    name = analyst_name(given)
    if not name:
        problem = f"${ANALYST_ENV} must be a name of at most {NAME_LIMIT} characters (ignored)"
        return replace(config, problem="; ".join(filter(None, (config.problem, problem))))
    return replace(config, analyst=name)


def _read_config(path: Path) -> Config:
    """The settings in the file at `path`, or the defaults with the reason they apply instead."""
    folder = default_exports_folder()
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return Config(folder, path)
    except (OSError, UnicodeDecodeError) as error:
        reason = error.strerror if isinstance(error, OSError) and error.strerror else str(error)
        return Config(folder, path, f"{path}: cannot be read ({reason}); the defaults apply")
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        # The message names the line and column: "Invalid value (at line 2, column 10)".
        return Config(folder, path, f"{path}: not valid TOML: {error}; the defaults apply")
    keymap, problems = read_keymap(text, data["keymap"]) if "keymap" in data else ((), [])
    for table, value in data.items():
        if table == "keymap":
            continue  # its keys are binding ids, read above
        if table not in KNOWN or not isinstance(value, dict):
            problems.append(f"unknown setting {table!r}")
            continue
        problems += [f"unknown setting '{table}.{key}' (line {_line_of(text, key)})" for key in value if key not in KNOWN[table]]
    exports = data.get("exports", {})
    raw = exports.get("folder") if isinstance(exports, dict) else None
    if raw is not None:
        if isinstance(raw, str) and raw.strip():
            folder = Path(raw).expanduser()
        else:
            problems.append(f"line {_line_of(text, 'folder')}: exports.folder must be a folder path in quotes")
    analyst = _analyst(data, text, problems)
    problem = f"{path}: " + "; ".join(problems) + " (ignored)" if problems else ""
    return Config(folder, path, problem, analyst, keymap)


def _analyst(data: dict, text: str, problems: list[str]) -> str:
    """`[analyst] name`, on one line and without control characters ("" when not set or unusable)."""
    table = data.get("analyst", {})
    raw = table.get("name") if isinstance(table, dict) else None
    if raw is None:
        return ""
    name = analyst_name(raw) if isinstance(raw, str) else ""
    if not name:
        problems.append(f"line {_line_of(text, 'name')}: analyst.name must be a name in quotes, at most {NAME_LIMIT} characters")
        return ""
    return name
