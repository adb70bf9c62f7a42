"""A large agency for benchmarks and tests: the five samples' measures pooled into one submission."""

from __future__ import annotations

import dataclasses

from workbook.model import STATUSES, ProgressRow, Submission

GROUPS = ("ด้านการรับรู้ของบุคลากรภายใน", "ด้านการใช้งบประมาณและทรัพย์สิน", "ด้านการให้บริการประชาชน",
          "ด้านการเปิดเผยข้อมูลสาธารณะ", "ด้านการป้องกันการทุจริต")


def big_submission(n_measures: int = 30, base: str = "yang_yong") -> Submission:
    """`base`'s agency and scores with `n_measures` measures taken in turn from every sample, each with a
    progress row of the agency's round (statuses mixed), grouped under five headings."""
    from workbook.samples import SAMPLE_KEYS, load_sample

    subs = [load_sample(k) for k in SAMPLE_KEYS]
    first = next(s for s in subs if s.source.endswith(f"{base}.toml"))
    pool = [(s, m) for s in subs for m in s.measures]
    measures, progress = [], []
    rnd = first.agency.report_round or 12
    for i in range(n_measures):
        src, m = pool[i % len(pool)]
        mid = f"M{i + 1:02d}"
        measures.append(dataclasses.replace(m, id=mid, group=GROUPS[(i * len(GROUPS)) // n_measures],
                                            row=None))
        p = next((p for p in src.progress if p.measure_id == m.id), None)
        progress.append(ProgressRow(
            measure_id=mid, round=rnd, as_of=(p.as_of if p else None) or first.agency.report_date,
            status=STATUSES[i % 3] if i % 4 == 3 else (p.status if p else STATUSES[1]),
            results=p.results if p else "", outcomes=p.outcomes if p else "", evidence=p.evidence if p else ""))
    return dataclasses.replace(first, measures=measures, progress=progress, source="<ตัวอย่าง ๓๐ มาตรการ>")
