"""The base of every error a user can cause and fix: a file that cannot be read, a library that
is busy, an export that cannot be written, a taxonomy file with a mistake.

Its message is one plain line that names the thing and says what is wrong, so the command line
and the app can show it as it is. A common base lets the command line catch them all without
importing the store, the exporters and the readers just to name their error classes.
"""

from __future__ import annotations


class BriefError(Exception):
    """An error the user can act on; the message is one line."""
