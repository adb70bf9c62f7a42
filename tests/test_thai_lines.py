"""core.thai_lines: the one Thai line breaker (ICU word boundaries, HarfBuzz widths) of every output."""

from __future__ import annotations

import pytest

from core.thai_lines import icu, row_height, shared, shorten, soft_breaks, word_breaks
from workbook.validation.catalogue import entry

TEXT = "ประชุมชี้แจงแนวทางการเปิดเผยข้อมูลสาธารณะแก่ทุกกองและมอบหมายผู้รับผิดชอบรายข้อ ตรวจทานความครบถ้วนทุกเดือน"


def test_icu_is_there():
    """The breaks follow Thai words only with ICU (LibreOffice's own); the test machine must have it."""
    assert icu() is not None


@pytest.mark.parametrize("limit", [10, 25, 40, 60, 90])
def test_a_shortened_text_ends_at_a_word(limit):
    short = shorten(TEXT, limit)
    assert len(short) <= limit and short.endswith("…")
    kept = short[:-1]
    assert TEXT.startswith(kept) and len(kept) in icu().breaks(TEXT)


def test_a_short_text_is_kept_and_a_long_word_is_cut_between_letters():
    assert shorten("สั้น", 10) == "สั้น"
    word = "กิ่" * 40  # no dictionary word: ICU gives no break inside
    for limit in range(5, 30):
        cut = shorten(word, limit)
        assert len(cut) <= limit and word.startswith(cut[:-1])
        assert word[len(cut) - 1] == "ก"  # the next letter starts there: no mark left without its letter


def test_finding_messages_cut_a_typed_value_at_a_word():
    f = entry("progress-evidence-not-link").make(sheet="s", cell="G4", row_label="r", row_label_en="r", value=TEXT)
    shown = next(part for part in f.message_th.split("'") if part.endswith("…"))
    assert TEXT.startswith(shown[:-1]) and len(shown[:-1]) in icu().breaks(TEXT)


def test_wrapped_lines_put_the_text_back_together_and_fit():
    tf = shared()
    lines = tf.cell_lines(TEXT, 150, 16)
    assert "".join(lines).replace(" ", "") == TEXT.replace(" ", "") and len(lines) > 2
    assert all(tf.width(line, 16) <= 150 for line in lines)
    assert row_height(len(lines), 16) == pytest.approx(len(lines) * 16 * 1.3 + 5)


def test_leading_and_doubled_spaces_wrap():
    assert shared().wrap(" จัดทำ  มาตรการ ", 100, 16) == [" จัดทำ  มาตรการ"]


ABBREVIATED = "ตามที่ สำนักปลัด ได้เสนอมาตรการของอบต.ยางหย่อง ประจำปี พ.ศ. ๒๕๗๐ และรายงานต่อนายกอบต.ทุกไตรมาส"


def _pieces(text: str) -> list[str]:
    ends = word_breaks(text)
    return [text[a:b] for a, b in zip([0, *ends], ends)]


def test_the_one_breaker_keeps_dotted_abbreviations_whole():
    """ICU's dictionary reads ของอบต. as ขอ | งอบ | ต.: the breaker reads ของ | อบต."""
    pieces = _pieces(ABBREVIATED)
    assert "".join(pieces) == ABBREVIATED
    assert "ของ" in pieces and "อบต." in pieces and "นายก" in pieces and "พ.ศ." in pieces
    assert not any(p.startswith("ง") or p == "ขอ" for p in pieces)
    assert soft_breaks("ของอบต.ยาง") == "ของ\u200bอบต.ยาง" and soft_breaks("ควนเมา") == "ควนเมา"


@pytest.mark.parametrize("width", [40.0, 60.0, 90.0])
def test_wrapped_lines_end_only_where_the_breaker_allows(width):
    lines = shared().wrap(ABBREVIATED, width, 16)
    allowed = set(word_breaks(ABBREVIATED))
    pos = 0
    for line in lines[:-1]:
        pos = ABBREVIATED.index(line, pos) + len(line)
        while pos < len(ABBREVIATED) and ABBREVIATED[pos] == " ":
            pos += 1
        assert pos in allowed or ABBREVIATED[pos - 1] == " ", (line, width)
