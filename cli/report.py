"""`ita report FILE`: the standard reports (Excel, Word, PDF) of a filled template."""

from __future__ import annotations

import argparse
from pathlib import Path

from converters.reports.layouts import LAYOUTS


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("files", nargs="+", metavar="FILE",
                   help="แบบฟอร์มที่กรอกแล้ว (.xlsx) หนึ่งไฟล์หรือหลายไฟล์ หรือโฟลเดอร์ (ทุกแบบฟอร์มในโฟลเดอร์ PDF ทั้งหมดสร้างในครั้งเดียว)")
    p.add_argument("--layout", action="append", metavar="NAME", type=layout_names,
                   help="รูปแบบรายงาน (ใส่ซ้ำหรือคั่นด้วยจุลภาคได้): "
                        + ", ".join(f"{name} = {lay.title}" for name, lay in LAYOUTS.items()) + " — ไม่ระบุ = ทุกแบบ")
    p.add_argument("--format", default="xlsx,docx,pdf", metavar="LIST",
                   help="ชนิดไฟล์ คั่นด้วยจุลภาค: xlsx, docx, pdf (ค่าเริ่มต้น ทั้งสามชนิด)")
    p.add_argument("-o", "--output", metavar="DIR",
                   help="โฟลเดอร์ผลลัพธ์ (ค่าเริ่มต้น รายงาน_<ชื่อไฟล์> ข้างไฟล์ต้นทาง; หลายไฟล์: DIR/รายงาน_<ชื่อไฟล์>)")
    p.add_argument("--no-progress", action="store_true", help="ไม่แสดงแถบความคืบหน้า (หลายไฟล์)")
    p.add_argument("--arabic-digits", action="store_true", help="ใช้เลขอารบิกแทนเลขไทย")
    p.add_argument("--template", metavar="DIR",
                   help="โฟลเดอร์แม่แบบของหน่วยงาน: <รูปแบบ>.docx, ข้อความ <ชื่อ>.toml และ garuda.png")
    p.add_argument("--round", type=round_value, metavar="แผน|6|12",
                   help="รอบการรายงาน: แผน (ก่อนมีความก้าวหน้า), 6 หรือ 12 เดือน ค่าเริ่มต้นตามแบบฟอร์ม")
    p.add_argument("--draft", action="store_true",
                   help="ฉบับร่าง: สร้างได้แม้แบบฟอร์มยังมีข้อผิดพลาด ทุกหน้ามีคำว่า ฉบับร่าง")
    p.add_argument("--garuda", metavar="FILE", help="ภาพตราครุฑ (PNG/JPEG) สำหรับบันทึกข้อความ")
    p.add_argument("--pdf-from", choices=("auto", "xlsx", "docx"), default="auto",
                   help="สร้าง PDF จาก Excel หรือ Word (auto: ตารางจาก Excel บันทึกและเอกสารฉบับเต็มจาก Word)")


def layout_names(value: str) -> list[str]:
    """One --layout value: names separated by commas, each one of the registry's layouts."""
    names = [x.strip() for x in value.split(",") if x.strip()]
    bad = [x for x in names if x not in LAYOUTS]
    if bad:
        raise argparse.ArgumentTypeError(f"ไม่รู้จักรูปแบบรายงาน {', '.join(bad)} (มี: {', '.join(LAYOUTS)})")
    return names


def round_value(value: str) -> int:
    """--round: แผน (the plan, 0), 6 or 12."""
    from workbook.values import as_round

    try:
        r = as_round(value)
    except ValueError:
        r = None
    if r not in (0, 6, 12):
        raise argparse.ArgumentTypeError(f"'{value}' ต้องเป็น แผน, 6 หรือ 12")
    return r  # type: ignore[return-value]


def _options(args: argparse.Namespace) -> dict:
    return {"arabic_digits": args.arabic_digits, "template_dir": Path(args.template) if args.template else None,
            "round": args.round, "garuda": Path(args.garuda) if args.garuda else None, "pdf_from": args.pdf_from,
            "draft": args.draft}


def run(args: argparse.Namespace) -> int:
    layouts = [name for names in args.layout or [] for name in names]
    formats = [f for f in args.format.split(",") if f.strip()]
    if len(args.files) == 1 and not Path(args.files[0]).is_dir():
        from actions.report import report_file
        from core.input_files import check_regular

        src = Path(args.files[0])
        check_regular(src)  # a missing file, a folder, a FIFO or a device: its own reason, before any read
        run_ = report_file(src, Path(args.output) if args.output else None, layouts, formats, **_options(args))
        if run_.years:
            print(run_.years)
        for note in run_.notes:
            print(note)
        for p in run_.paths:
            print(p)
        kind = "ฉบับร่าง (ทุกหน้ามีคำว่า ฉบับร่าง) " if run_.draft else ""
        print(f"สร้างรายงาน{kind}แล้ว {len(run_.paths)} ไฟล์ ที่ {run_.paths[0].parent if run_.paths else '-'}")
        return 0
    return _many(args, layouts, formats)


def _many(args: argparse.Namespace, layouts: list[str], formats: list[str]) -> int:
    """Many books: a status line per book, then every PDF in one LibreOffice session with a progress bar."""
    import sys

    from converters.reports.batch import find_books, make_many_reports

    books = find_books(args.files)
    bar = not args.no_progress and sys.stderr.isatty()

    def on_book(k: int, total: int, res) -> None:
        where = f"{res.out_dir}" if not res.error else res.error
        mark = "ข้าม" if res.error else f"{len(res.written)} ไฟล์"
        print(f"[{k}/{total}] {res.source.name}: {mark} — {where}", flush=True)

    def on_pdf(done: int, total: int) -> None:
        if bar:
            fill = int(30 * done / total) if total else 30
            sys.stderr.write(f"\rสร้าง PDF [{'#' * fill}{'.' * (30 - fill)}] {done}/{total} ")
            sys.stderr.flush()

    results = make_many_reports(books, Path(args.output) if args.output else None, layouts, formats,
                                on_book=on_book, on_pdf=on_pdf, **_options(args))
    if bar:
        sys.stderr.write("\n")
    ok = [r for r in results if not r.error]
    files = sum(len(r.written) for r in ok)
    print(f"สร้างรายงานแล้ว {files:,} ไฟล์ จาก {len(ok):,} แบบฟอร์ม" +
          (f"; ข้าม {len(results) - len(ok):,} แบบฟอร์ม (ดูเหตุผลด้านบน)" if len(ok) < len(results) else ""))
    return 0 if len(ok) == len(results) else 1
