"""The headless desk: what an analyst does with a library, under every face (see `store.desk.desk`)."""

from store.desk.desk import Desk

__all__ = ["Desk"]
