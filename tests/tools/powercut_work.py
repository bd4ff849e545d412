"""The work whose power cuts are replayed (see `tests/tools/powercut.py`): creating and first using
a library, and editing one that exists. Each step is acknowledged with a check that holds in
every state cut after it; `size` scales the number of steps (the tests use 1, the benchmark more).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from briefings.briefing import Question
from briefings.decisions import ActorDecision
from briefings.edits import AddDecision, AddTag, PutQuestion, SetNote, SetReviewed
from briefings.model import Article, make_paragraphs
from store import Library
from tests.tools.powercut import Recorder, Recording

LIBRARY = "library"


def article(title: str) -> Article:
    return Article(title, make_paragraphs([f"{title}: paragraph {i} says something with enough words." for i in range(6)]))


def expect(condition: Callable[[Library], bool], what: str) -> Callable[[Library], None]:
    def check(library: Library) -> None:
        if not condition(library):
            raise AssertionError(f"lost: {what}")

    return check


def open_state(folder: Path) -> tuple[Library, list[str]]:
    """How a crash state is opened: as the next `brief` would."""
    library = Library.open(folder / LIBRARY)
    return library, library.warnings


def first_use(world: Path, size: int = 1) -> Recording:
    """A new library: created, an article imported, tagged, noted, reviewed, a question asked, an
    actor decision made, another article imported (`size` rounds of it)."""
    recorder = Recorder(world)
    with recorder:
        library = Library.open(world / LIBRARY)
        recorder.ack(expect(lambda lib: True, "the new library"))  # opening it is the check
        for round_number in range(size):
            first = library.add_article(article(f"Alpha {round_number}")).id
            recorder.ack(expect(lambda lib, b=first: lib.load(b).article.title.startswith("Alpha"), "the first import"))
            for paragraph, tag in ((0, "fact"), (1, "claim"), (2, "military")):
                library.apply(first, AddTag(paragraph, tag))
                recorder.ack(expect(lambda lib, b=first, p=paragraph, t=tag: t in lib.load(b).annotation(p).tags, f"tag {tag}"))
            library.apply(first, SetNote(1, "single source"))
            recorder.ack(expect(lambda lib, b=first: lib.load(b).annotation(1).note == "single source", "the note"))
            library.apply(first, SetReviewed(0, True))
            recorder.ack(expect(lambda lib, b=first: lib.load(b).annotation(0).reviewed, "the reviewed mark"))
            library.apply(first, PutQuestion(Question("q1", "Who says so?", paragraph=1)))
            recorder.ack(expect(lambda lib, b=first: "q1" in lib.load(b).questions, "the question"))
            decision = f"d{round_number}"
            library.apply_settings(AddDecision(ActorDecision(decision, "hide", f"reuters {round_number}")))
            recorder.ack(expect(lambda lib, d=decision: d in {x.id for x in lib.settings().decisions}, "the actor decision"))
            second = library.add_article(article(f"Bravo {round_number}")).id
            recorder.ack(expect(lambda lib, ids=(first, second): set(ids) <= {e.id for e in lib.entries()}, "the second import listed"))
    return recorder.recording()


def editing(world: Path, size: int = 1) -> Recording:
    """An existing library: tags on five paragraphs, the briefing deleted and restored (`size`
    rounds of it)."""
    library = Library.open(world / LIBRARY)
    briefing_id = library.add_article(article("Alpha")).id
    library.apply(briefing_id, AddTag(5, "fact"))
    del library
    recorder = Recorder(world)
    with recorder:
        library = Library.open(world / LIBRARY)
        alive: list[int] = []  # acknowledgements about the briefing, retired while it is in the trash
        for round_number in range(size):
            tag = f"claim{round_number}"
            for paragraph in range(5):
                library.apply(briefing_id, AddTag(paragraph, tag))
                alive.append(recorder.ack(expect(lambda lib, p=paragraph, t=tag: t in lib.load(briefing_id).annotation(p).tags, f"{tag} on ¶{paragraph + 1}")))
            for number in alive:  # from here on, the briefing may be in the trash
                recorder.retire(number)
            library.delete(briefing_id)
            recorder.retire(recorder.ack(expect(lambda lib: lib.entries() == [], "the deletion")))
            library.restore(briefing_id)
            tags = [f"claim{n}" for n in range(round_number + 1)]
            alive = [recorder.ack(expect(lambda lib, ts=tags: all(t in lib.load(briefing_id).annotation(p).tags for t in ts for p in range(5)), "the restored briefing"))]
    return recorder.recording()
