"""The errors the store raises: each message is one plain line an analyst can act on."""

from __future__ import annotations

from briefings.errors import BriefError


class StoreError(BriefError):
    """Something the library could not do; the message says what, in one line."""


class LibraryBusy(StoreError):
    """Another Brief held the library lock for longer than we were willing to wait."""

    def __init__(self) -> None:
        super().__init__("library is busy (another Brief is saving); try again")


class BriefingNotFound(StoreError, KeyError):
    """No briefing with that id in the library (it may have been deleted or quarantined)."""

    def __init__(self, briefing_id: str) -> None:
        super().__init__(f"no briefing {briefing_id!r} in the library")
        self.briefing_id = briefing_id

    def __str__(self) -> str:
        # KeyError would quote the message; the user should read it plainly.
        return str(self.args[0])


class ReadOnlyLibrary(StoreError):
    """The library was written by a newer Brief, so this one must not change it."""

    def __init__(self) -> None:
        super().__init__("library was written by a newer version of Brief; it is open read-only")


class CorruptFile(StoreError):
    """A store file that cannot be read as what it should be (empty, cut short, not JSON...)."""

    def __init__(self, path: object, reason: str) -> None:
        super().__init__(f"{path} is damaged: {reason}")
        self.path = path
        self.reason = reason


class WriteFailed(StoreError):
    """The disk refused a write (full, read-only, no permission); the old file is intact.

    Attributes:
        replaced: The new file did replace the old one, and only flushing its folder to the
            disk failed: the change may or may not survive a power cut.
    """

    def __init__(self, path: object, error: OSError, *, replaced: bool = False) -> None:
        reason = error.strerror or str(error)
        super().__init__(f"could not save {getattr(path, 'name', path)}: {reason}")
        self.path = path
        self.error = error
        self.replaced = replaced


class BriefingDamaged(BriefingNotFound):
    """The briefing's file was damaged beyond recovery (it is in quarantine)."""

    def __init__(self, briefing_id: str, message: str) -> None:
        super().__init__(briefing_id)
        self.args = (message,)


class EditRejected(StoreError):
    """An edit that cannot apply to the briefing as it is on disk (retrying will not help)."""
