"""Brief's headless core: the article model, readers, anchors, extraction and exporters.

Nothing in this package imports textual, rich or tinydb, so it can be tested and used without a
terminal or a store (a test enforces this).
"""

__version__ = "0.1.0"
