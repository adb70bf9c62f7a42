"""The README's contract table is generated from the definition: it must stay current."""

from pathlib import Path

from workbook.contract import contract_markdown


def test_readme_contract_is_current():
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    assert contract_markdown() in readme, "regenerate with: python -m workbook.contract"
    assert readme.index("make demo") < readme.index("make test") < 600
