"""The three side panes of the review screen: actors (and places), numbers, open questions."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.binding import Binding
from textual.message import Message
from textual.widgets.option_list import Option

from briefings.briefing import Question
from briefings.exporters.view import number_flags, number_value
from briefings.extraction.model import Actor, Extraction, Mention, NumberFact, Place, QuestionSuggestion, on_timeline, timeline_key
from tui.widgets.entry_list import Entry, EntryList


def paragraph_span(paragraphs: Sequence[int]) -> str:
    """"¶4" for one paragraph, "¶1-19" for several (1-based, as shown in the article)."""
    if not paragraphs:
        return ""
    first, last = paragraphs[0] + 1, paragraphs[-1] + 1
    return f"¶{first}" if first == last else f"¶{first}-{last}"


class Chosen(Message):
    """The analyst pressed Enter on an entry: go to its paragraphs and mark its mentions."""

    def __init__(self, label: str, paragraphs: tuple[int, ...], mentions: tuple[Mention, ...]) -> None:
        self.label = label
        """What was chosen, for the status line."""
        self.paragraphs = paragraphs
        """Paragraphs to visit, in order."""
        self.mentions = mentions
        """Spans to mark in the article."""
        super().__init__()


class ActorsPane(EntryList):
    """Actors with kind, mentions and role; places listed apart below them."""

    BINDINGS = [
        Binding("r", "screen.actor('rename')", "Rename", id="actors.rename"),
        Binding("m", "screen.actor('merge')", "Merge", id="actors.merge"),
        Binding("p", "screen.actor('split')", "Split alias", id="actors.split"),
        Binding("c", "screen.actor('kind')", "Kind", id="actors.kind"),
        Binding("h", "screen.actor('hide')", "Hide", id="actors.hide"),
    ]
    """
    | Key | Action |
    | :- | :- |
    | enter | Go to the actor's next paragraph and mark its mentions. |
    | r | Rename the actor (remembered for the whole library). |
    | m | Merge it into another actor. |
    | p | Split one of its aliases back out. |
    | c | Change its kind. |
    | h | Hide it (not an actor). |
    """

    def __init__(self) -> None:
        super().__init__("Actors", id="actors")
        self._extraction = Extraction()
        self._entries: dict[str, Actor | Place] = {}

    def show(self, extraction: Extraction) -> None:
        """List the actors and places of an extraction."""
        self._extraction = extraction
        self.refilter()

    def refilter(self) -> None:
        """List the actors and places that pass the filter (by name, alias, kind or role)."""
        self._entries = {}
        actors = [a for a in self._extraction.actors if self.matches(a.name, a.kind, a.role, *a.aliases)]
        places = [p for p in self._extraction.places if self.matches(p.name, p.kind)]
        options: list[Option | None] = []
        for actor in actors:
            option_id = f"actor:{actor.key}"
            self._entries[option_id] = actor
            options.append(Option(_actor_prompt(actor), id=option_id))
        if places:
            options.append(None)
            options.append(Option(Text(f"Places {len(places)}", style="bold"), disabled=True))
            for place in places:
                option_id = f"place:{place.key}"
                self._entries[option_id] = place
                options.append(Option(_place_prompt(place), id=option_id))
        if not options:
            message = "No actor matches the filter." if self.filter_text else "No actors found."
            options.append(Option(Text(message, style="italic"), disabled=True))
        self.set_entries(options)
        self.set_count(len(actors), f"/{len(self._extraction.actors)}" if self.filter_text else "")

    @property
    def highlighted_actor(self) -> Actor | None:
        """The actor under the cursor (None on a place or a heading)."""
        entry = self._entries.get(self.highlighted_id)
        return entry if isinstance(entry, Actor) else None

    def on_option_list_option_selected(self, event: EntryList.OptionSelected) -> None:
        event.stop()
        entry = self._entries.get(event.option.id or "")
        if entry is not None:
            self.post_message(Chosen(entry.name, entry.paragraphs, entry.mentions))


def _actor_prompt(actor: Actor) -> Text:
    text = Text(no_wrap=False)
    text.append(actor.name, style="bold")
    text.append(f"  {actor.kind}", style="dim")
    text.append(f"  ×{actor.count}  {paragraph_span(actor.paragraphs)}", style="dim")
    if actor.role:
        text.append(f"\n  {actor.role}", style="italic")
    if actor.aliases:
        text.append("\n  aka " + ", ".join(actor.aliases), style="dim")
    return text


def _place_prompt(place: Place) -> Text:
    text = Text()
    text.append(place.name)
    text.append(f"  ×{place.count}  {paragraph_span(place.paragraphs)}", style="dim")
    return text


class NumbersPane(EntryList):
    """Counts, money, percentages, quantities, ratios, dates, times, periods, durations and ages, in
    article order or as a timeline of the dates and periods."""

    BINDINGS = [
        Binding("t", "toggle_timeline", "Timeline", id="numbers.timeline"),
    ]

    def __init__(self) -> None:
        super().__init__("Numbers", id="numbers")
        self._numbers: tuple[NumberFact, ...] = ()
        self._timeline = False

    def show(self, extraction: Extraction) -> None:
        """List the numbers of an extraction."""
        self._numbers = extraction.numbers
        self.refilter()

    def action_toggle_timeline(self) -> None:
        """Switch between article order and a timeline of the dates and periods that have a year."""
        self._timeline = not self._timeline
        self.refilter()

    def refilter(self) -> None:
        """List the numbers that pass the filter (by figure, value, unit or what it counts)."""
        shown = [
            (i, n)
            for i, n in enumerate(self._numbers)
            if self.matches(n.text, shown_value(n), n.kind, n.unit, n.counts)
        ]
        title_extra = ""
        if self._timeline:
            shown = sorted(((i, n) for i, n in shown if on_timeline(n)), key=lambda item: timeline_key(item[1]))
            title_extra = " · timeline"
        # The cursor follows a number by where it is in the article, not by its place in the list.
        options: list[Option] = [
            Entry(_number_prompt(number), f"number:{index}", number.mention) for index, number in shown
        ]
        if not shown:
            message = "No dates with a year." if self._timeline else "No numbers found."
            if self.filter_text:
                message = "No number matches the filter."
            options.append(Option(Text(message, style="italic"), disabled=True))
        self.set_entries(options)
        self.set_count(len(shown), title_extra)

    def on_option_list_option_selected(self, event: EntryList.OptionSelected) -> None:
        event.stop()
        option_id = event.option.id or ""
        if option_id.startswith("number:"):
            number = self._numbers[int(option_id.split(":", 1)[1])]
            self.post_message(Chosen(number.text, number.paragraphs, number.mentions))


def shown_value(number: NumberFact) -> str:
    """The value the pane shows: worded as the exports word it, or as written when vague or unresolved."""
    return ("" if number.vague else number_value(number, str)) or number.text


def _number_prompt(number: NumberFact) -> Text:
    """ "$21m  21,000,000 USD  ×2  ¶3-9", then what it counts: the figure as written first, so
    it can be found in the article, then its value when that says more."""
    text = Text()
    text.append(number.text, style="bold")
    value = shown_value(number)
    if value != number.text:
        text.append(f"  {value}")
    if flags := number_flags(number):
        text.append(f"  {flags}", style="italic yellow" if number.vague else "italic")
    if number.repeats:
        text.append(f"  ×{len(number.mentions)}", style="dim")
    text.append(f"  {paragraph_span(number.paragraphs)}", style="dim")
    if number.counts:
        text.append(f"\n  {number.counts}")
    return text


class QuestionsPane(EntryList):
    """The analyst's open questions, then extraction's suggestions, visibly apart."""

    BINDINGS = [
        Binding("e", "screen.edit_question", "Edit/answer/promote", id="questions.edit"),
        Binding("d", "screen.remove_question", "Delete/dismiss", id="questions.remove"),
    ]
    """
    | Key | Action |
    | :- | :- |
    | enter | Go to the question's paragraph. |
    | e | Edit, answer or reopen a question; promote a suggestion into a question. |
    | d | Delete a question; dismiss a suggestion. |
    """

    def __init__(self) -> None:
        super().__init__("Open questions", id="questions")
        self._shown: tuple[list[Question], list[QuestionSuggestion] | None] = ([], None)
        self._questions: dict[str, Question] = {}
        self._suggestions: dict[str, QuestionSuggestion] = {}

    @property
    def highlighted_question(self) -> Question | None:
        """The analyst question under the cursor, if the cursor is on one."""
        option_id = self.highlighted_id
        return self._questions.get(option_id.removeprefix("question:")) if option_id.startswith("question:") else None

    @property
    def highlighted_suggestion(self) -> QuestionSuggestion | None:
        """The suggestion under the cursor, if the cursor is on one."""
        option_id = self.highlighted_id
        return self._suggestions.get(option_id.removeprefix("suggestion:")) if option_id.startswith("suggestion:") else None

    def show(self, questions: Sequence[Question], suggestions: Sequence[QuestionSuggestion] | None) -> None:
        """List the analyst's questions and, when extraction is done, the remaining suggestions."""
        # Keyed by id: a list with a repeated id (an old cache entry) must not break the pane.
        unique = None if suggestions is None else list({s.id: s for s in suggestions}.values())
        self._shown = (list(questions), unique)
        self.refilter()

    def refilter(self) -> None:
        """List the questions and suggestions that pass the filter."""
        all_questions, all_suggestions = self._shown
        questions = [q for q in all_questions if self.matches(q.text, q.answer, q.answer_source, *q.actors)]
        suggestions = None
        if all_suggestions is not None:
            suggestions = [s for s in all_suggestions if self.matches(s.question, s.cue, s.kind, s.sentence)]
        self._questions = {question.id: question for question in questions}
        ordered = sorted(questions, key=lambda q: q.status != "open")
        options: list[Option | None] = [
            Option(_question_prompt(question), id=f"question:{question.id}") for question in ordered
        ]
        if suggestions is None:
            options.append(Option(Text("Looking for questions…", style="italic"), disabled=True))
            suggestions = []
        self._suggestions = {suggestion.id: suggestion for suggestion in suggestions}
        if suggestions:
            options.append(None)
            options.append(Option(Text(f"Suggested {len(suggestions)}", style="bold"), disabled=True))
            for suggestion in suggestions:
                options.append(Option(_suggestion_prompt(suggestion), id=f"suggestion:{suggestion.id}"))
        if not options:
            options.append(Option(Text("No open questions.", style="italic"), disabled=True))
        self.set_entries(options)
        open_count = sum(1 for q in questions if q.status == "open")
        self.set_count(open_count, f" (+{len(suggestions)} suggested)" if suggestions else "")

    def on_option_list_option_selected(self, event: EntryList.OptionSelected) -> None:
        event.stop()
        option_id = event.option.id or ""
        if option_id.startswith("question:"):
            question = self._questions[option_id.removeprefix("question:")]
            paragraphs = (question.paragraph,) if question.paragraph is not None else ()
            self.post_message(Chosen("question", paragraphs, ()))
        elif option_id.startswith("suggestion:"):
            suggestion = self._suggestions[option_id.removeprefix("suggestion:")]
            self.post_message(Chosen("suggestion", (suggestion.paragraph,), (suggestion.mention,)))


def _question_prompt(question: Question) -> Text:
    text = Text()
    mark = "?" if question.status == "open" else "✓"
    text.append(f"{mark} ", style="bold")
    text.append(question.text, style="" if question.status == "open" else "dim")
    if question.paragraph is not None:
        text.append(f"  ¶{question.paragraph + 1}", style="dim")
    if question.status == "answered" and question.answer:
        text.append(f"\n  → {question.answer}", style="italic")
        if question.answer_source:
            text.append(f" ({question.answer_source})", style="dim")
    return text


def _suggestion_prompt(suggestion: QuestionSuggestion) -> Text:
    text = Text(style="dim")
    text.append("· ")
    text.append(suggestion.question, style="italic")
    text.append(f"\n  {suggestion.kind}: “{suggestion.cue}”  ¶{suggestion.paragraph + 1}", style="dim")
    return text
