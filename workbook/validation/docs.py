"""docs/validation.md, generated from the catalogue: `python -m workbook.validation.docs > docs/validation.md`."""

from __future__ import annotations

import re

from workbook.validation.catalogue import load_catalogue

MEANING = {"error": "ต้องแก้ไข (exit 1)", "warning": "ควรตรวจสอบ", "info": "รับค่าได้ แจ้งให้ทราบ"}


def catalogue_markdown() -> str:
    """The catalogue as a Markdown table (code, severity, Thai title, fix), in the file's order."""
    cat = load_catalogue()
    lines = [
        "# การตรวจสอบแบบฟอร์ม (ita validate)",
        "",
        ("<!-- Generated from workbook/validation/catalogue.toml by "
         "`python -m workbook.validation.docs > docs/validation.md`; do not edit by hand. -->"),
        "",
        ("Every finding has a stable code, a severity and a place (file, sheet, cell). `ita validate FILE...` "
         "exits 0 when there is no error, 1 when there are errors and 2 when a file cannot be read; `--json` "
         "gives the same findings as data and `--annotate OUT.xlsx` writes them into a copy of the workbook."),
        "",
        "| ระดับ | ความหมาย |",
        "| --- | --- |",
        *(f"| {name} ({sev}) | {MEANING[sev]} |" for sev, name in cat.severity_names.items()),
        "",
        "| code | severity | ปัญหา | วิธีแก้ |",
        "| --- | --- | --- | --- |",
    ]
    for e in cat.entries.values():
        fix = re.sub(r"(\{\w+\})+", "…", e.fix_th).replace("|", "\\|")
        lines.append(f"| `{e.code}` | {e.severity} | {e.title_th} | {fix} |")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    import sys

    sys.stdout.write(catalogue_markdown())
