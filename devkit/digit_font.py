"""Derive core/fonts/ITAThaiDigits.ttf: TH Sarabun New's digits and space, Arabic digits drawing Thai digits.

Why: LibreOffice 7.4 cannot number pages in Thai digits from a .docx or an .xlsx (Word's ``PAGE \\* ThaiArabic``
becomes Thai *letters*, ``thaiNumbers`` becomes Arabic digits, and Calc's header fields have no native
numbering at all). A page number set in this font prints as ๑ ๒ ๓ in the PDFs LibreOffice makes for us;
Word numbers pages in Thai digits itself (``w:pgNumType w:fmt="thaiNumbers"``). The PDF's text layer
keeps the Arabic digit of the page number.

Maintainers only (fontTools is not a dependency of the toolkit): ``python -m devkit.digit_font``.
TH Sarabun New is GPL-2+ with the font exception (core/fonts/LICENSE-THSarabunNew.txt); so is this file.
"""

from __future__ import annotations

from pathlib import Path

from core.fonts import fonts_dir

FAMILY = "ITA Thai Digits"
SOURCE = "THSarabunNew-Regular.ttf"
TARGET = "ITAThaiDigits.ttf"
THAI_ZERO, ARABIC_ZERO = 0x0E50, 0x30


def derive(out: Path | None = None) -> Path:
    from fontTools import subset
    from fontTools.ttLib import TTFont

    font = TTFont(fonts_dir() / SOURCE)
    keep = [0x20, 0x2D, *range(ARABIC_ZERO, ARABIC_ZERO + 10), *range(THAI_ZERO, THAI_ZERO + 10)]
    options = subset.Options()
    options.name_IDs = ["*"]
    options.layout_features = []
    sub = subset.Subsetter(options)
    sub.populate(unicodes=keep)
    sub.subset(font)
    for table in font["cmap"].tables:
        if table.isUnicode():
            for d in range(10):
                if THAI_ZERO + d in table.cmap:
                    table.cmap[ARABIC_ZERO + d] = table.cmap[THAI_ZERO + d]
    names = {1: FAMILY, 3: f"{FAMILY} 1.0", 4: FAMILY, 6: FAMILY.replace(" ", ""), 16: FAMILY}
    for rec in font["name"].names:
        if rec.nameID in names:
            rec.string = names[rec.nameID]
    target = out or fonts_dir() / TARGET
    font.save(target)
    return target


if __name__ == "__main__":
    print(derive())
