"""The analyst's corrections to extracted actors, for one briefing or the whole library.

Extraction suggests; the analyst decides. A decision names an actor by its key (the case-folded
canonical name extraction gives it), so a library-wide correction applies to every article that
mentions that actor; one with a scope applies to its briefing only ("Reuters" hidden in an
article that only quotes it, "Britons" split out of the United Kingdom where it matters).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

#: What a decision does, and what its `value` holds.
DECISION_ACTIONS = {
    "rename": "the new display name",
    "merge": "the key of the actor to merge into",
    "split": "the alias to split out into an actor of its own",
    "kind": "the new kind (person, organisation, state, group)",
    "hide": "unused",
    "add": "the kind of the added actor; `actor` is its name",
}


def actor_key(name: str) -> str:
    """The key that identifies an actor across articles: its name case-folded, spaces collapsed."""
    return " ".join(name.casefold().split())


@dataclass(frozen=True, slots=True)
class ActorDecision:
    """One correction: `action` applied to the actor with key `actor`, with `value` as its argument.

    `briefing` is the id of the one briefing it applies to, or "" for the whole library.
    """

    id: str
    action: str
    actor: str
    value: str = ""
    created: str = ""
    briefing: str = ""

    def __post_init__(self) -> None:
        if self.action not in DECISION_ACTIONS:
            raise ValueError(f"unknown actor decision {self.action!r}")


def decisions_for(decisions: Iterable[ActorDecision], briefing_id: str) -> tuple[ActorDecision, ...]:
    """The decisions that apply to one briefing, in order: the library's and its own."""
    return tuple(decision for decision in decisions if decision.briefing in ("", briefing_id))


def describe_decision(decision: ActorDecision) -> str:
    """An actor decision in words: "rename of actor 'lib dems' to 'Liberal Democrats' (this briefing)"."""
    what = {
        "rename": f"rename of actor '{decision.actor}' to '{decision.value}'",
        "merge": f"merge of actor '{decision.actor}' into '{decision.value}'",
        "split": f"split of '{decision.value}' out of actor '{decision.actor}'",
        "kind": f"kind of actor '{decision.actor}' set to {decision.value}",
        "hide": f"hiding of actor '{decision.actor}'",
        "add": f"actor '{decision.actor}' added",
    }.get(decision.action, f"actor {decision.action}: {decision.actor}")
    return what + (" (this briefing)" if decision.briefing else " (whole library)")
