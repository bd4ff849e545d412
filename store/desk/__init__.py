"""The headless desk: what an analyst does with a library, under every face (see `store.desk.desk`)."""

from store.desk.desk import Desk, default_library_path

__all__ = ["Desk", "default_library_path"]
