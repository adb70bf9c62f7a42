"""The workbook contract as Markdown: defined names and tables, generated from the definition (README)."""

from __future__ import annotations

from pathlib import Path

from workbook.definition import load_definition

START = "<!-- contract:start (python -m workbook.contract) -->"
END = "<!-- contract:end -->"

EXTRA_NAMES = (
    ("TemplateId", "คำแนะนำ", "รหัสแบบฟอร์ม (ITA-TOOLKIT)"),
    ("TemplateVersion", "คำแนะนำ", "รุ่นของแบบฟอร์ม"),
    ("ToolScoreIIT / ToolScoreEIT / ToolScoreOIT", "คะแนน", "คะแนนรายแบบวัด (สูตร; ชื่อตามรหัสแบบวัดของปี)"),
    ("ToolScores", "คะแนน", "ช่วงของคะแนนรายแบบวัดทั้งหมด (สูตร)"),
    ("ScoreIndicator, ScoreValue, ScorePrevious, ScoreWeight, ScoreTool, ScoreWeighted", "คะแนน",
     "คอลัมน์ของตาราง Scores"),
    ("AnalysisScore, AnalysisGain, AnalysisCoverage", "วิเคราะห์", "คอลัมน์สูตรของตาราง Analysis"),
    ("MeasureIds, MeasureLinks", "มาตรการ", "คอลัมน์รหัสและตัวชี้วัดที่เกี่ยวข้อง (ถึงแถว 1000)"),
    ("ProgressMeasure, ProgressRound, ProgressStatus", "ความก้าวหน้า", "คอลัมน์ของตาราง Progress (ถึงแถว 1000)"),
    ("ProgressNotStarted, ProgressInProgress, ProgressDone, ProgressDonePercent", "ความก้าวหน้า",
     "จำนวนตามสถานะในรอบรายงานปัจจุบัน (สูตร)"),
    ("CritYear, PassMark, KeepMark, CritCategories, CritStructureVerified, CritLevelConfidence, CritIndicator…, CritLevelLabel, CritLevelQualifies", "เกณฑ์",
     "เกณฑ์ของปี (ชีตซ่อน ป้องกัน)"),
    ("AgencyTypes, Rounds, ReportRounds, Statuses, Cadences", "รายการ", "รายการตัวเลือก (ชีตซ่อน)"),
)


def contract_markdown() -> str:
    d = load_definition()
    lines = ["| Defined name | Sheet | Meaning |", "|---|---|---|"]
    agency = d.sheet("agency")
    for f in agency.fields:
        lines.append(f"| `{f.name}` | {agency.name} | {f.label}{' (required)' if f.required else ''} |")
    for key in ("scores", "analysis"):
        sheet = d.sheet(key)
        for item in sheet.summary:
            if item.per_tool:
                continue
            kind = "input" if item.input else "formula"
            lines.append(f"| `{item.name}` | {sheet.name} | {item.label} ({kind}) |")
    for name, sheet, meaning in EXTRA_NAMES:
        lines.append(f"| `{name}` | {sheet} | {meaning} |")
    lines += ["", "| Table | Sheet | Columns (key: Thai header; * = formula) |", "|---|---|---|"]
    for s in d.sheets:
        if s.table:
            cols = ", ".join(f"`{c.key}`: {c.header}{'*' if c.computed else ''}" for c in s.columns)
            lines.append(f"| `{s.table}` | {s.name} | {cols} |")
    return "\n".join(lines)


def update_readme(readme: Path) -> None:
    """Replace the block between the contract markers with the current contract."""
    text = readme.read_text(encoding="utf-8")
    head, _, rest = text.partition(START)
    head = head + START.split("\n")[0]
    _, _, tail = rest.partition(END)
    readme.write_text(f"{head}\n{contract_markdown()}\n{END}{tail}", encoding="utf-8")


if __name__ == "__main__":
    update_readme(Path(__file__).resolve().parents[1] / "README.md")
