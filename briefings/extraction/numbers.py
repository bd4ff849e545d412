"""Reading numbers as written in news text: "18,000", "two", "1.5 million", "£2.4bn", "20 per cent".

Values are normalised to plain numbers; currencies to ISO codes and units to their symbols (from
`briefings/data/units.toml`). Amounts the text leaves open ("dozens", "several hundred") are vague
and get no value rather than a guess.
"""

from __future__ import annotations

import re
import tomllib
from functools import cache

from briefings.extraction.gazetteer import data_text

ONES = {
    "zero": 0, "nought": 0, "naught": 0, "nil": 0, "one": 1, "two": 2, "three": 3, "four": 4,
    "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19,
}  # fmt: skip
TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
    "ninety": 90,
}  # fmt: skip
SCALES = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12, "lakh": 1e5, "crore": 1e7}
#: Abbreviated scales written after a figure ("£6m", "2.4bn", "10k").
SUFFIXES = {
    "k": 1e3, "m": 1e6, "mn": 1e6, "mm": 1e6, "mil": 1e6, "mln": 1e6, "b": 1e9, "bn": 1e9, "bln": 1e9,
    "tn": 1e12, "tln": 1e12, "trn": 1e12,
}  # fmt: skip
#: Denominators of fractions written as words ("two thirds", "a quarter").
DENOMINATORS = {
    "half": 2, "halves": 2, "third": 3, "thirds": 3, "quarter": 4, "quarters": 4, "fourth": 4,
    "fourths": 4, "fifth": 5, "fifths": 5, "sixth": 6, "sixths": 6, "seventh": 7, "sevenths": 7,
    "eighth": 8, "eighths": 8, "ninth": 9, "ninths": 9, "tenth": 10, "tenths": 10,
    "hundredth": 100, "hundredths": 100, "thousandth": 1e3, "thousandths": 1e3,
    "millionth": 1e6, "millionths": 1e6, "billionth": 1e9, "trillionth": 1e12, "trillionths": 1e12,
}  # fmt: skip
#: Words that say an amount is only roughly known; alone, or as plurals of scales, they are vague.
VAGUE_WORDS = {
    "several", "few", "many", "numerous", "dozens", "scores", "hundreds", "thousands", "millions",
    "billions", "tens", "countless", "some", "multiple",
}  # fmt: skip

CURRENCY_SIGNS = {"$", "\u00a3", "\u20ac", "\u00a5", "\u20b9", "\u20bd"}
TOKEN = re.compile(
    r"\d+(?:\.\d+)?(?:e[+-]?\d+)?|\.\d+|[a-z]+|[%/$£€¥\u20b9\u20bd-]",
)
WORD_HYPHEN = re.compile(r"(?<=[a-z])-(?=[a-z])")
DIGIT_GROUPS = re.compile(r"(?<=\d)[,\u202f\u2009\u00a0 ](?=\d{3}(?!\d))")


@cache
def units_table() -> dict[str, dict[str, str]]:
    """The tables of `briefings/data/units.toml`: currency symbols and words, units, time zones."""
    return tomllib.loads(data_text("units.toml"))


def parse_value(text: str, *, abbreviations: bool = True) -> float | None:
    """The number a numeric phrase denotes, or None when it has none.

    Handles figures with thousands separators, decimals and exponents, abbreviated scales
    ("2.4bn"; off with `abbreviations=False`, where "2.5m" means metres), number words ("one
    hundred and sixty-one"), scales ("1.5 million", "half a million"), fractions ("3/4", "two
    thirds", "2 1/2") and signs ("minus five").
    """
    cleaned = DIGIT_GROUPS.sub("", text.casefold().replace("per cent", "percent"))
    cleaned = WORD_HYPHEN.sub(" ", cleaned)  # "two-thirds", "one-and-a-half": words, not a range
    tokens = TOKEN.findall(cleaned)
    sign = 1.0
    if tokens and tokens[0] in ("minus", "negative", "-"):
        sign, tokens = -1.0, tokens[1:]
    value = _words_value(tokens, SUFFIXES if abbreviations else {})
    # Twelve significant digits: enough for any figure in the news, and no float noise (16.4e6).
    return None if value is None else float(f"{sign * value:.12g}")


def _words_value(tokens: list[str], suffixes: dict[str, float]) -> float | None:  # noqa: C901
    """Fold number tokens left to right: groups below a thousand, then scales, then fractions."""
    total = 0.0  # completed groups
    group = 0.0  # the group being built
    seen = False
    previous_figure = False
    index = 0
    while index < len(tokens):
        token = tokens[index]
        following = tokens[index + 1] if index + 1 < len(tokens) else ""
        after = tokens[index + 2] if index + 2 < len(tokens) else ""
        figure = token[0].isdigit() or token[0] == "."
        if figure:
            if previous_figure and following != "/":
                break  # two bare figures in a row are two numbers ("2 1/2" is one): keep the first
            number = float(token)
            if following == "/" and after[:1].isdigit():
                if not float(after):
                    return None
                group += number / float(after)
                index += 3
                seen, previous_figure = True, True
                continue
            group += number
            seen = True
            if following in suffixes:
                total, group = total + group * suffixes[following], 0.0
                index += 1
        elif token in ONES:
            group += ONES[token]
            seen = True
        elif token in TENS:
            group += TENS[token]
            seen = True
        elif token == "hundred":
            group = (group or 1) * 100
            seen = True
        elif token in SCALES:
            total, group = total + (group or 1) * SCALES[token], 0.0
            seen = True
        elif token in ("dozen", "dozens"):
            group = (group or 1) * 12
            seen = True
        elif token in DENOMINATORS and (group or token in ("half", "quarter", "third")):
            if token == "half" and following in ("a", "an") and not group:
                rest = _words_value(tokens[index + 2 :], suffixes)  # "half a million"
                return None if rest is None else total + 0.5 * rest
            group = (group or 1.0) / DENOMINATORS[token]
            seen = True
        elif token == "point" and seen:
            digits = "".join(_digit_words(tokens[index + 1 :]))
            if digits:
                return total + group + float("0." + digits)
            break
        elif token in ("a", "an") and (following in DENOMINATORS or following in SCALES or following in ("hundred", "dozen")):
            group, seen = group + 1.0, True
            if following in DENOMINATORS:
                group = 1.0
        elif token in CURRENCY_SIGNS and not seen:
            pass  # "a $ 1 billion contract"
        elif token in ("and", "-") and seen:
            if following in DENOMINATORS or after in DENOMINATORS:
                total, group = total + group, 0.0  # "one and a half", "twenty and three fifths"
        elif seen:
            break
        elif token not in ("a", "an"):
            break
        previous_figure = figure
        index += 1
    if not seen:
        return None
    return total + group


def _digit_words(tokens: list[str]) -> list[str]:
    """Digits read after "point": "zero three" -> 03, "seventy-one" -> 71."""
    digits: list[str] = []
    for token in tokens:
        if token in ONES and ONES[token] < 10:
            if digits and digits[-1].endswith("0") and len(digits[-1]) == 2 and digits[-1] != "00":
                digits[-1] = digits[-1][0] + str(ONES[token])
            else:
                digits.append(str(ONES[token]))
        elif token in TENS:
            digits.append(str(TENS[token]))
        elif token.isdigit():
            digits.append(token)
        elif token != "-":
            break
    return digits


def is_vague(text: str) -> bool:
    """True when the amount is only roughly given ("dozens", "several hundred", "thousands of")."""
    tokens = TOKEN.findall(text.casefold())
    return any(token in VAGUE_WORDS for token in tokens) and not any(
        token[0].isdigit() for token in tokens
    )


def currency(text: str) -> str:
    """The ISO code (or unit, for cents and pence) of an amount of money as written, or ""."""
    tables = units_table()
    if match := letter_currency().search(text):
        return tables["currency_letters"][match[0]]
    lowered = re.sub(r"per ?cent", " ", text.casefold())
    if match := _symbols().search(lowered):
        return tables["currency_symbols"][re.sub(r"\s", "", match[0])]
    return _longest_phrase(lowered, tables["currency_words"])


@cache
def letter_currency() -> re.Pattern[str]:
    """Letters written as a currency's sign, right before a figure that has a magnitude or
    thousands ("N500m", "KSh10bn", "N50,000"; not "N95" or "R2")."""
    letters = "|".join(sorted(map(re.escape, units_table()["currency_letters"]), key=len, reverse=True))
    magnitude = "|".join(sorted((*SUFFIXES, *SCALES), key=len, reverse=True))
    return re.compile(rf"(?<![\w$£€]){'(?:'}{letters}{')'}(?=\d[\d.]*(?:(?:{magnitude})\b|\s(?:{magnitude})\b|,\d{{3}}))")


@cache
def _symbols() -> re.Pattern[str]:
    """Currency symbols, longest first: "US$", "us $", "C$" take a prefix letter before the sign;
    but "a $1bn deal" is US dollars."""
    parts = []
    for symbol in sorted(units_table()["currency_symbols"], key=len, reverse=True):
        prefix, sign = symbol[:-1], symbol[-1]
        space = r"\s?" if len(prefix) > 1 or prefix == "c" else ""
        parts.append(rf"(?<![a-z]){re.escape(prefix)}{space}{re.escape(sign)}")
    return re.compile("|".join(parts))


def unit(text: str) -> str:
    """The unit of a measured quantity as written ("2.5m high" -> "m"), or "".

    A rate of two units is their quotient ("38 kilometres per litre" -> "km/l") unless the table
    names it ("miles per gallon" -> "mpg", "miles per hour" -> "mph").
    """
    table = units_table()["units"]
    lowered = text.casefold()
    named = _longest_phrase(lowered, table)
    if (rate := PER_UNIT.search(lowered)) and (top := table.get(rate["top"], "")) and named in ("", top):
        below = table.get(rate["below"], "") or PER_TIME.get(rate["below"], "")
        return f"{top}/{below}" if below else top
    return named


#: Two units joined as a rate: "kilometres per litre", "kg/m", "miles per day".
PER_UNIT = re.compile(r"(?P<top>[a-z°²]+)\s?(?:per\s|/)(?P<below>[a-z°²]+)")
PER_TIME = {"second": "s", "s": "s", "minute": "min", "min": "min", "hour": "h", "h": "h", "hr": "h", "day": "day", "week": "week", "month": "month", "year": "yr"}


def _longest_phrase(lowered: str, table: dict[str, str]) -> str:
    words = re.findall(r"[a-z°²/]+\d?", lowered)
    for size in (3, 2, 1):
        for start in range(len(words) - size + 1):
            phrase = " ".join(words[start : start + size])
            if phrase in table:
                return table[phrase]
    return ""
