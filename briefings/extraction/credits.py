"""Credit lines: who took a photograph, wrote or edited the article is not an actor of the story.

Pages read end to end keep their captions and bylines: "(AP Photo/Evan Vucci)", "Photo: Jane
Smith/Reuters", "Mark Wilson/Getty Images", "By Jane Smith, CNN", "Reporting by John Doe;
Editing by Mary Roe". The names in them are the agency's, the photographer's and the
journalists', which the annotation guidelines leave out (an outlet in a credit line at most
optional). `credit_spans` finds such stretches so that names inside them are not made actors.
"""

from __future__ import annotations

import re

#: Agencies and libraries that credit pictures ("Mark Wilson/Getty Images").
AGENCIES = r"(?:Getty Images|Getty|AFP|AP|Reuters|EPA|EPA-EFE|PA|PA Wire|Bloomberg|Shutterstock|Alamy|Xinhua|Sipa|Rex|Zuma|ANP|dpa|Anadolu)"
_NAME = r"[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,3}"
CREDIT = re.compile(
    "|".join(
        (
            # "(AP Photo/Evan Vucci)", "(Photo by Jane Smith/Getty Images)", "(Image: Reuters)"
            r"\((?:\w+\s+)?(?:Photo|Photograph|Image|Picture|Illustration|Video|Credit)s?\b[^)]{0,80}\)",
            # "Photo: Jane Smith/Reuters", "Picture by John Doe", "Credit: ...", to the end of the sentence
            r"\b(?:Photo|Photograph|Image|Picture|Illustration|Credit)s?(?:\s+by|\s*:)\s*[^.\n]{0,80}",
            # "Mark Wilson/Getty Images", "Jane Smith / AFP via Getty Images"
            rf"{_NAME}\s*/\s*{AGENCIES}(?:\s+via\s+{AGENCIES})?\b",
            # "Reporting by John Doe in London; Editing by Mary Roe"
            r"\b(?:Additional reporting|Reporting|Writing|Editing|Edited|Compiled|Written)\s+by\s+[^.\n]{0,120}",
            # A byline standing alone: "By Jane Smith and Tom Roe, CNN"
            r"^\s*By\s+[A-Z][^.\n]{0,80}$",
        )
    )
)


def credit_spans(text: str) -> list[tuple[int, int]]:
    """Where a paragraph credits a picture: (start, end) character ranges."""
    return [match.span() for match in CREDIT.finditer(text)]


def in_credit(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    """Whether a stretch of text lies inside one of the credit ranges."""
    return any(low <= start and end <= high for low, high in spans)
