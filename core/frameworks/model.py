"""The yearly ITA framework as plain, immutable data."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

CONFIDENCE = ("2+", "1", "inf", "none")
CONFIRMED = "2+"
ITEMS_TOOL = "OIT"  # the tool whose items the [oit] table lists (O1, O2 …); the others have questions
# what a framework file may leave out (its comments say so): the letter of each standard tool's codes …
DEFAULT_PREFIXES = {"IIT": "i", "EIT": "e", "OIT": "O"}


@dataclass(frozen=True)
class Categories:
    """How the analysis sorts the indicators by score ([categories] of a framework file; these defaults
    apply when a file has none): below the pass mark, from it to below keep_mark, from keep_mark."""

    weak: str = "จุดอ่อนเร่งด่วน"
    improve: str = "ควรปรับปรุง"
    keep: str = "รักษาระดับ"
    keep_mark: float = 95.0

    @property
    def labels(self) -> tuple[str, str, str]:
        return self.weak, self.improve, self.keep

    @property
    def by_key(self) -> dict[str, str]:
        """{'weak': …, 'improve': …, 'keep': …}: the keys report wording uses for each category."""
        return {"weak": self.weak, "improve": self.improve, "keep": self.keep}


@dataclass(frozen=True)
class Tool:
    code: str
    name_th: str
    name_en: str
    weight: float
    prefix: str = ""  # the letter its item codes start with (i11, e7, O8), as the framework writes it


@dataclass(frozen=True)
class Indicator:
    number: int
    tool: str
    name_th: str
    name_en: str
    weight: float  # weight in the total (tool weight x share within the tool)


@dataclass(frozen=True)
class Level:
    label: str
    min: float
    max: float
    confidence: str
    min_each_tool: float | None = None
    source: str = ""  # what supports this level's rule (shown when it is not confirmed)

    @property
    def verified(self) -> bool:
        return self.confidence == CONFIRMED


@dataclass(frozen=True)
class SubIndicator:
    code: str
    indicator: int
    name_th: str
    confidence: str


@dataclass(frozen=True)
class OitItem:
    code: str
    title: str
    confidence: str
    sub_indicator: str | None = None


@dataclass(frozen=True)
class QuestionRange:
    """Questionnaire item codes of a survey tool, e.g. i1–i30 for IIT."""

    tool: str
    prefix: str
    first: int
    last: int
    confidence: str


@dataclass(frozen=True)
class Framework:
    year: int
    title: str
    pass_mark: float
    tools: tuple[Tool, ...]
    indicators: tuple[Indicator, ...]
    rating_kind: str  # "letters" or "labels"
    levels: tuple[Level, ...]  # highest first
    weights_confidence: str
    weights_source: str
    rating_source: str
    indicators_confidence: str
    indicators_source: str
    sub_indicators: tuple[SubIndicator, ...] = ()
    oit_items: tuple[OitItem, ...] = ()
    items_complete: bool = False
    max_item: int | None = None
    measures_item: str | None = None
    progress_item: str | None = None
    items_confidence: str = "none"  # how sure measures_item / progress_item are
    items_source: str = ""
    focus_rule: str | None = None  # "lowest": the measures focus on the lowest-scoring indicator (or another)
    focus_confidence: str = "none"
    focus_source: str = ""
    questions: tuple[QuestionRange, ...] = ()
    categories: Categories = Categories()
    source_path: Path | None = field(default=None, compare=False)

    @property
    def indicator_numbers(self) -> tuple[int, ...]:
        return tuple(i.number for i in self.indicators)

    def indicator(self, number: int) -> Indicator:
        for ind in self.indicators:
            if ind.number == number:
                return ind
        raise KeyError(number)

    def tool(self, code: str) -> Tool:
        for t in self.tools:
            if t.code == code:
                return t
        raise KeyError(code)

    def indicators_of(self, tool: str) -> tuple[Indicator, ...]:
        return tuple(i for i in self.indicators if i.tool == tool)

    def tool_of_code(self, code: str) -> Tool | None:
        """The tool an item or question code belongs to by its letter ('E7' -> EIT), any case; else None."""
        if len(code) < 2 or not code[1:].isdigit():
            return None
        return next((t for t in self.tools if t.prefix and t.prefix.lower() == code[0].lower()), None)

    def item_code(self, code: str) -> str | None:
        """An item or question code as the framework writes it ('E07' -> 'e7', 'o8' -> 'O8'); None if the
        code is not one of its tools'."""
        tool = self.tool_of_code(code)
        return f"{tool.prefix}{int(code[1:])}" if tool else None

    def level(self, label: str) -> Level:
        for lv in self.levels:
            if lv.label == label:
                return lv
        raise KeyError(label)

    @property
    def verified(self) -> bool:
        """Whether the weights and the structure of this year are confirmed by two sources or more."""
        return self.weights_confidence == CONFIRMED and self.indicators_confidence == CONFIRMED
