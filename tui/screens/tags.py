"""The tag taxonomy screen: add, edit, reorder and delete the library's tags.

Every change replaces the taxonomy with one `SetTaxonomy` edit, so it is saved at once and undone
with `u` like any other change. Removing a tag leaves it on the paragraphs that carry it (they show
its id) until it is added back, so nothing the analyst tagged is lost by editing the list.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from rich.color import Color, ColorParseError
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Input, OptionList, Select, Static
from textual.widgets.option_list import Option

from briefings.cleaning import clean_text
from briefings.taxonomy import TAG_KEYS, Tag, fitted, is_colour, next_free_key, tag_id
from tui.screens.dialogs import EDITOR_HINT, EditorDialog, dialog_css
from tui.widgets.bars import tag_style
from tui.widgets.footer import BriefFooter


class TagEditor(EditorDialog[Tag]):
    """Edit one tag's name, key, colour and description; Escape or Ctrl+S saves (see `EditorDialog`)."""

    BINDINGS = [
        Binding("ctrl+s", "save", "Save", id="tag.save"),
        Binding("escape", "close", "Save and close", id="tag.cancel"),
    ]
    DEFAULT_CSS = dialog_css("TagEditor") + "TagEditor #tag-error { color: $error; }"

    def __init__(self, tag: Tag, others: tuple[Tag, ...]) -> None:
        super().__init__()
        self._tag = tag
        self._others = others

    def compose(self) -> ComposeResult:
        taken = {other.key for other in self._others if other.key}
        keys = [(f"key {key}", key) for key in TAG_KEYS if key not in taken or key == self._tag.key]
        with Vertical():
            yield Static("Tag", classes="dialog-title", markup=False)
            yield Input(self._tag.name, placeholder="name", id="tag-name")
            yield Select(keys, value=self._tag.key or Select.NULL, prompt="no key (picker only)", id="tag-key")
            yield Input(self._tag.colour, placeholder="colour: #rrggbb or a name", id="tag-colour")
            yield Input(self._tag.description, placeholder="what the tag means", id="tag-description")
            yield Static("", id="tag-error", markup=False)
            yield Static(EDITOR_HINT, classes="dialog-hint", markup=False)

    def state(self) -> object:
        return [widget.value for widget in self.query(Input)] + [self.query_one("#tag-key", Select).value]

    def show_error(self, reason: str) -> None:
        self.query_one("#tag-error", Static).update(reason)

    def result(self) -> Tag:
        """The tag as the fields give it; ValueError saying what is wrong."""
        name = " ".join(clean_text(self.query_one("#tag-name", Input).value).split())
        colour = self.query_one("#tag-colour", Input).value.strip().lower() or "#888888"
        error = ""
        if not name:
            error = "Give the tag a name."
        elif any(other.name.casefold() == name.casefold() for other in self._others):
            error = f"There is already a tag called {name!r}."
        else:
            try:
                Color.parse(colour)
            except ColorParseError:
                error = f"{colour!r} is not a colour; use #rrggbb or a name such as red."
            else:
                if not is_colour(colour):  # rgb(…) and the like parse, but exports accept only these
                    error = f"{colour!r}: use #rrggbb or a colour name such as red."
        if error:
            raise ValueError(error)
        key = self.query_one("#tag-key", Select).value
        description = " ".join(clean_text(self.query_one("#tag-description", Input).value).split())
        identifier = self._tag.id or tag_id(name)
        return Tag(identifier, name, key if isinstance(key, str) else "", colour, description)


class TagsScreen(Screen[None]):
    """The library's tags, in the order they are shown."""

    PALETTE_AREA = "tags"
    BINDINGS = [
        Binding("a,plus", "add", "Add tag", id="tags.add"),
        Binding("e,enter", "edit", "Edit", id="tags.edit"),
        Binding("d,delete", "remove", "Delete", id="tags.delete"),
        Binding("K", "move(-1)", "Move up", id="tags.up"),
        Binding("J", "move(1)", "Move down", id="tags.down"),
        Binding("u", "undo", "Undo", id="tags.undo"),
        Binding("escape", "dismiss", "Back", id="tags.back"),
    ]
    """
    | Key | Action |
    | :- | :- |
    | a, + | Add a tag (it gets the first free digit key). |
    | e, enter | Edit the tag under the cursor. |
    | d, delete | Delete it (paragraphs keep it until it is added back; u undoes). |
    | K, J | Move it up or down. |
    | escape | Back. |
    """
    DEFAULT_CSS = """
    TagsScreen #tags-title { height: 1; background: $panel; padding: 0 1; text-style: bold; }
    TagsScreen OptionList { height: 1fr; }
    """

    def __init__(self, tags: Callable[[], tuple[Tag, ...]], save: Callable[[tuple[Tag, ...]], None], undo: Callable[[], None]) -> None:
        """
        Args:
            tags: Gives the current taxonomy.
            save: Replaces the taxonomy (one undoable edit).
            undo: Undoes the latest change.
        """
        super().__init__()
        self._tags = tags
        self._save = save
        self._undo = undo

    def compose(self) -> ComposeResult:
        yield Static("Brief ▸ Tags", id="tags-title", markup=False)
        yield OptionList(markup=False, id="tag-list")
        yield BriefFooter()

    def on_mount(self) -> None:
        self.refresh_list()

    def show_settings(self) -> None:
        """Show a taxonomy changed in another window (see `tui.app.ShowsSettings`)."""
        self.refresh_list()

    def refresh_list(self, keep: str | None = None) -> None:
        """Show the taxonomy, keeping the cursor on a tag."""
        options = self.query_one(OptionList)
        current = keep or self._highlighted_id()
        options.clear_options()
        for tag in self._tags():
            prompt = Text()
            prompt.append(f" {tag.key or '·'} ", style="bold reverse")
            prompt.append(f"  {tag.name}", style=tag_style(tag.colour))
            prompt.append(f"  {tag.colour}", style="dim")
            if tag.description:
                prompt.append(f"\n      {tag.description}", style="italic")
            options.add_option(Option(prompt, id=tag.id))
        ids = [tag.id for tag in self._tags()]
        if current in ids:
            options.highlighted = ids.index(current)
        elif ids:
            options.highlighted = 0

    def _highlighted_id(self) -> str:
        options = self.query_one(OptionList)
        if options.highlighted is None or not options.option_count:
            return ""
        return options.get_option_at_index(options.highlighted).id or ""

    def _highlighted(self) -> Tag | None:
        wanted = self._highlighted_id()
        return next((tag for tag in self._tags() if tag.id == wanted), None)

    def _replace(self, tags: tuple[Tag, ...], keep: str | None = None) -> None:
        self._save(tags)
        self.refresh_list(keep)

    def action_add(self) -> None:
        """Add a tag."""
        tags = self._tags()
        draft = Tag("", "", next_free_key(tags), "#888888", "")

        def added(tag: Tag | None) -> None:
            if tag is not None:
                unique = tag.id
                while any(other.id == unique for other in self._tags()):
                    unique += "-2"
                # Fitted to the tags as they are now: another window may have taken the key or
                # the name since the editor opened.
                self._replace(self._tags() + (fitted(replace(tag, id=unique), self._tags()),), unique)

        self.app.push_screen(TagEditor(draft, tags), added)

    @on(OptionList.OptionSelected)
    def action_edit(self) -> None:
        """Edit the tag under the cursor."""
        tag = self._highlighted()
        if tag is None:
            return
        others = tuple(other for other in self._tags() if other.id != tag.id)

        def edited(new: Tag | None) -> None:
            if new is None or new == tag:
                return
            # Fitted to the tags as they are now (another window may have changed them since
            # the editor opened); a tag deleted there meanwhile comes back with the edit.
            now = self._tags()
            new = fitted(new, (other for other in now if other.id != tag.id))
            if any(other.id == tag.id for other in now):
                self._replace(tuple(new if other.id == tag.id else other for other in now), new.id)
            else:
                self._replace((*now, new), new.id)

        self.app.push_screen(TagEditor(tag, others), edited)

    def action_remove(self) -> None:
        """Delete the tag under the cursor (u brings it back)."""
        tag = self._highlighted()
        if tag is not None:
            self._replace(tuple(other for other in self._tags() if other.id != tag.id))
            self.notify(f"Tag {tag.name!r} deleted; paragraphs keep it. u undoes.", timeout=4, markup=False)

    def action_move(self, step: int) -> None:
        """Move the tag under the cursor up or down the list."""
        tags = list(self._tags())
        tag = self._highlighted()
        if tag is None:
            return
        index = tags.index(tag)
        target = index + step
        if 0 <= target < len(tags):
            tags[index], tags[target] = tags[target], tags[index]
            self._replace(tuple(tags), tag.id)

    def action_undo(self) -> None:
        """Undo the latest change (of any kind, as on the review screen)."""
        self._undo()
        self.refresh_list()
