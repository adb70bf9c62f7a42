"""Scores typed or pasted as text: the book (recalculated by LibreOffice) and `ita validate` agree it is an
error, and the book never rates, ranks or calls "ผ่าน" an indicator it cannot read."""

from __future__ import annotations

import json

import pytest
from books import ROW, Literal, book

from converters.office.recalc import computed_values, recalculate

TEXT_CELLS = {f"scores!E{ROW[3]}": Literal("79.45 "), f"scores!E{ROW[4]}": "๗๖.๒๐",
              f"scores!F{ROW[5]}": Literal(" 80.5")}


@pytest.fixture(scope="module")
def books(tmp_path_factory):
    src = tmp_path_factory.mktemp("src")
    paths = {"text": book(src, cells=TEXT_CELLS, name="text.xlsx"), "clean": book(src, name="clean.xlsx")}
    out = recalculate(paths.values(), tmp_path_factory.mktemp("recalc"))
    got = {p.stem: computed_values(p) for p in out}
    return paths, got


@pytest.mark.libreoffice
def test_the_book_shows_the_input_error_and_gives_no_advice(books):
    _, got = books
    text = got["text"]
    assert text["ScoreInputErrors"] == 3
    assert text["TotalScore"] in (None, "") and text["Rating"] in (None, "") and text["PassStatus"] in (None, "")
    assert text["ToolScoreIIT"] in (None, "") and isinstance(text["ToolScoreEIT"], float)
    for n in (3, 4):
        row = text["analysis"][n]
        assert row["score"] == "ไม่ใช่ตัวเลข" and row["pass"] == "แก้คะแนน"
        assert all(row[k] in (None, "") for k in ("gap", "potential_gain", "priority", "category"))
    readable = [n for n in text["analysis"] if n not in (3, 4)]
    assert sorted(text["analysis"][n]["priority"] for n in readable) == list(range(1, len(readable) + 1))
    assert got["clean"]["ScoreInputErrors"] == 0 and got["clean"]["Rating"] == "C"


@pytest.mark.libreoffice
def test_ita_validate_calls_each_cell_an_error_and_gives_no_advice_to_keep_it(books, ita):
    paths, _ = books
    r = ita("validate", str(paths["text"]), "--json")
    assert r.returncode == 1
    findings = json.loads(r.stdout)["files"][0]["findings"]
    typed = {(f["sheet"], f["cell"]): f for f in findings if f["code"] == "number-typed-as-text"}
    assert set(typed) == {("คะแนน", f"E{ROW[3]}"), ("คะแนน", f"E{ROW[4]}"), ("คะแนน", f"F{ROW[5]}")}
    assert all(f["severity"] == "error" for f in typed.values())
    assert "76.20" in typed[("คะแนน", f"E{ROW[4]}")]["fix_th"]
    kept = [f for f in findings if (f["sheet"], f["cell"]) in typed and f["code"] != "number-typed-as-text"]
    assert kept == []  # no "ไม่ต้องแก้" (digits-thai, stray spaces) for a cell the book cannot read
    assert ita("validate", str(paths["clean"])).returncode == 0
