"""The report model: Thai formatting, grouping and ordering of every layout, without writing files."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re

import pytest

from converters.reports import LAYOUTS, build_report_data
from converters.reports.facts import Facts, Options
from core.errors import InputError
from core.filenames import safe_name
from core.thai_format import NBSP, Fmt
from core.thai_lines import icu, shared
from devkit.sample_data import big_submission
from workbook.samples import SAMPLE_KEYS, load_sample

THAI_DIGIT = re.compile("[๐-๙]")
ARABIC_DIGIT = re.compile("[0-9]")


def _strings(value):
    """Every string of a report model (tables and blocks included)."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for k, v in value.items():
            if k != "sheets" and not k.startswith("_"):
                yield from _strings(v)
    elif isinstance(value, (list, tuple)):
        for v in value:
            yield from _strings(v)
    elif dataclasses.is_dataclass(value):
        for f in dataclasses.fields(value):
            if f.name != "key":  # internal identifiers, never printed
                yield from _strings(getattr(value, f.name))


def test_fmt_thai_and_arabic():
    th, ar = Fmt(), Fmt(arabic_digits=True)
    assert th.month_short(dt.date(2022, 10, 1)) == f"ต.ค.{NBSP}๖๕"
    assert th.period(dt.date(2022, 10, 1), dt.date(2023, 9, 1)) == f"ต.ค.{NBSP}๖๕ – ก.ย.{NBSP}๖๖"
    assert th.period(dt.date(2023, 1, 1), dt.date(2023, 1, 1)) == f"ม.ค.{NBSP}๖๖"
    assert th.date_long(dt.date(2023, 4, 27)) == "๒๗ เมษายน ๒๕๖๖"
    assert ar.date_long(dt.date(2023, 4, 27)) == "27 เมษายน 2566"
    assert th.fiscal_span(2566) == f"ต.ค.{NBSP}๖๕ – ก.ย.{NBSP}๖๖"
    assert th.num(84.995) == "๘๕.๐๐"
    assert ar.text("ข้อ O๔๒ ปี ๒๕๖๖") == "ข้อ O42 ปี 2566"


def test_links_and_mail_keep_arabic_digits():
    th = Fmt()
    text = "ดูที่ https://www.khuanmao.go.th/ita2566 หรือ mail ita66@gmail.com โทร 0 7520 4127"
    out = th.text(text)
    assert "https://www.khuanmao.go.th/ita2566" in out and "ita66@gmail.com" in out
    assert "โทร ๐ ๗๕๒๐ ๔๑๒๗" in out


@pytest.mark.parametrize("arabic", [False, True])
def test_item_and_question_codes_keep_arabic_digits(arabic):
    """O25, i11, E7, M01 are names in the assessment's lists: never O๒๕ (which also wraps as O ๒ ๕)."""
    f = Fmt(arabic_digits=arabic)
    assert f.text("ข้อ O25 และ i11, E7 (M01) ปี 2569") == f"ข้อ O25 และ i11, E7 (M01) ปี {f.digits('2569')}"
    assert f.text("รายงาน O๒๐ O๒๔") == "รายงาน O20 O24" and f.text("O8/O11") == "O8/O11"


def test_safe_name():
    assert safe_name("องค์การบริหารส่วนตำบล ควนเมา/ตรัง") == "องค์การบริหารส่วนตำบล_ควนเมาตรัง"
    assert safe_name("") == "รายงาน"


@pytest.mark.parametrize("layout", list(LAYOUTS))
def test_thai_digits_by_default_arabic_with_option(layout):
    sub = load_sample("khuan_mao")
    thai = " ".join(_strings(build_report_data(sub, layout)))
    arabic = " ".join(_strings(build_report_data(sub, layout, Options(arabic_digits=True))))
    codes = r"\S*@\S*|https?://\S+|(?<![A-Za-z0-9])[A-Za-z]+[0-9]+"  # addresses and item codes stay Arabic
    assert THAI_DIGIT.search(thai) and not ARABIC_DIGIT.search(re.sub(codes, "", thai))
    assert ARABIC_DIGIT.search(arabic) and not THAI_DIGIT.search(arabic)


def test_progress_groups_in_order_with_numbered_measures():
    sub = load_sample("khuan_mao")
    data = build_report_data(sub, "progress")
    groups = data["main"].groups
    assert [g.heading for g in groups][:2] == ["มาตรการที่ ๑ สร้างความรู้เรื่อง ITA", "มาตรการที่ ๒ ปรับปรุงระบบการทำงาน"]
    assert groups[1].rows[0]["measure"].startswith("๒.๑ ลดขั้นตอน")
    assert groups[0].rows[0]["period"] == f"พ.ย.{NBSP}๖๕ – มี.ค.{NBSP}๖๖"
    assert data["round_line"] == "รอบ ๖ เดือน ข้อมูล ณ วันที่ ๓๑ มีนาคม ๒๕๖๖"


def test_by_indicator_puts_urgent_weaknesses_first_grouped_by_tool():
    sub = load_sample("khuan_mao")  # below 85: indicators 3, 7, 8, 9, 10
    groups = build_report_data(sub, "by-indicator")["main"].groups
    first = groups[0]
    assert first.context[0].startswith("ประเด็นที่เป็นข้อบกพร่องหรือจุดอ่อนที่ต้องแก้ไขโดยเร่งด่วน")
    assert [g.context[1].split()[1] for g in groups[:3]] == ["IIT", "EIT", "OIT"]
    assert all(g.context[0] == first.context[0] for g in groups[:3])
    assert len(groups[1].headings) == 1  # the category heading is printed once
    assert first.rows[0]["indicator"].startswith("๓. การใช้อำนาจ\nคะแนน ๘๑.๓๖")
    # the second measure of the same indicator leaves the indicator cell empty (it carries over)
    ind7 = [r for r in groups[1].rows if r["_indicator"].startswith("๗.")]
    assert ind7[0]["indicator"] and all(not r["indicator"] for r in ind7[1:])


def test_measures_form_one_table_per_tool_with_ticks():
    sub = load_sample("huai_sai_nuea")
    table = build_report_data(sub, "measures-form")["main"]
    assert [g.key for g in table.groups] == ["IIT", "EIT", "OIT"]
    assert [g.new_page for g in table.groups] == [False, False, False]  # the tools follow on the same page
    assert table.split_rows  # a long row continues on the next page: no page left with a title alone
    assert len(table.columns) == 12
    for row in table.rows:
        assert sorted(row[k] for k in ("t_not", "t_doing", "t_done")) == ["", "", "√"]
    assert any(c.header.endswith("ข้อ O42") for c in table.columns)


def test_memo_fields_and_signatures():
    sub = load_sample("khuan_mao")
    data = build_report_data(sub, "memo")
    assert data["orientation"] == "portrait"
    assert data["number"] == "ตง ๗๑๒๐๑/๕๓๖" and data["date"] == "๒๗ เมษายน ๒๕๖๖"
    assert data["executive"]["position"] == "นายกองค์การบริหารส่วนตำบลควนเมา"
    assert data["deputy"]["name"] == "(นายวรวุฒิ สุขสวัสดิ์)"
    assert "๗๗.๐๔" in data["result"] and "ระดับผลการประเมิน B" in data["result"]
    assert len(data["status"].rows) == len(sub.measures)


def test_measures_plan_sections_chart_and_tables():
    sub = load_sample("tha_nang_naeo")
    data = build_report_data(sub, "measures-plan")
    chart = data["results"]["chart"]
    assert chart["values"][8] == pytest.approx(41.41) and chart["line"] == 85
    assert chart["labels"][0] == "๑" and chart["value_labels"][9] == "๐.๐๐"
    assert data["contents"]["entries"][0]["anchor"] == "ita_background"
    assert len(data["framework"]["weights"].rows) == 10
    assert [r["level"] for r in data["framework"]["levels"].rows][:2] == ["AA", "A"]
    assert len(data["measures"]["table"].rows) == len(sub.measures)
    assert [s.name for s in data["sheets"]] == ["เอกสาร", "ตารางมาตรการ"]


def test_unverified_rating_shows_a_note_on_every_layout():
    sub = load_sample("khuan_mao")
    sub = dataclasses.replace(sub, agency=dataclasses.replace(sub.agency, assessed_year=2566, fiscal_year=2567),
                              scores=dataclasses.replace(sub.scores, published_total=None, published_rating=None))
    f = Facts(sub)
    assert f.result is not None and not f.result.verified
    for layout in LAYOUTS:
        data = LAYOUTS[layout].build(f)
        assert "ยังไม่ได้รับการยืนยัน" in data["note"], layout
    verified = build_report_data(load_sample("khuan_mao"), "progress")
    assert verified["note"] == ""


def test_incomplete_scores_say_so():
    sub = load_sample("yang_yong")
    sub = dataclasses.replace(sub, scores=dataclasses.replace(sub.scores, current={1: 90.0}))
    data = build_report_data(sub, "measures-plan")
    assert "ยังกรอกคะแนนไม่ครบ" in data["note"]


def test_links_map_items_to_indicators():
    sub = load_sample("khuan_mao")
    f = Facts(sub)
    m = sub.measure("M08")  # links 9, O11, O19, O28
    assert f.indicators_of(m) == [9]
    assert f.tools_of(m) == ["OIT"]
    assert f.link("E11") == "e11" and f.link(" o08. ") == "O8" and f.link("9") == "9"


def test_agency_text_overrides(tmp_path):
    (tmp_path / "progress.toml").write_text('intro = "ข้อความของหน่วยงานเอง ปี {fiscal_year}"\n', encoding="utf-8")
    data = build_report_data(load_sample("khuan_mao"), "progress", Options(template_dir=tmp_path))
    assert data["intro"] == "ข้อความของหน่วยงานเอง ปี ๒๕๖๖"
    assert data["title"][0].startswith("รายงานผลการดำเนินการ")  # the other keys are still the built-in ones


def test_unknown_layout_is_a_thai_error():
    with pytest.raises(InputError, match="ไม่รู้จักรูปแบบรายงาน"):
        build_report_data(load_sample("khuan_mao"), "summary")


def test_every_sample_and_a_large_agency_build():
    for key in SAMPLE_KEYS:
        for layout in LAYOUTS:
            assert build_report_data(load_sample(key), layout)["sheets"]
    big = big_submission(30)
    assert len(build_report_data(big, "progress")["main"].rows) == 30


def test_thai_line_breaks_follow_words():
    text = "การใช้ทรัพย์สินของราชการอย่างตรงไปตรงมาและประชาสัมพันธ์ช่องทางการขออนุญาตยืมใช้ทรัพย์สินของราชการ"
    lines = shared().wrap(text, 113, 16)
    assert "".join(lines) == text
    if icu() is not None:  # the breaks LibreOffice makes at this width
        assert lines == ["การใช้ทรัพย์สินของ", "ราชการอย่างตรงไปตรงมา", "และประชาสัมพันธ์ช่อง",
                         "ทางการขออนุญาตยืมใช้", "ทรัพย์สินของราชการ"]
