"""Native Excel charts for the overview, as DrawingML text (no openpyxl import on the merge's path).

Colours are explicit (series fill, line, gridlines), so the charts look the same in Excel and LibreOffice
without a theme part.
"""

from __future__ import annotations

from converters.merge.xlsx import escape

_NS = ('xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" '
       'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
       'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"')
BLUE, RED, GRID = "2E75B6", "C00000", "D9D9D9"
CAT_AX, VAL_AX = 10, 100


def _text(text: str, size: int, bold: bool) -> str:
    b = ' b="1"' if bold else ' b="0"'
    return (f'<c:tx><c:rich><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz="{size}"{b}/></a:pPr>'
            f'<a:r><a:rPr lang="th-TH" sz="{size}"{b}/><a:t>{escape(text)}</a:t></a:r></a:p></c:rich></c:tx>')


def _title(text: str, size: int = 1400) -> str:
    return f'<c:title>{_text(text, size, True)}<c:overlay val="0"/></c:title>'


def _ref(kind: str, formula: str) -> str:
    return f"<c:{kind}><c:f>{escape(formula)}</c:f></c:{kind}>"


def _series(i: int, name_ref: str, cats: str, cats_text: bool, values: str, look: str, tail: str = "") -> str:
    return (f'<c:ser><c:idx val="{i}"/><c:order val="{i}"/><c:tx>{_ref("strRef", name_ref)}</c:tx>{look}'
            f'<c:cat>{_ref("strRef" if cats_text else "numRef", cats)}</c:cat>'
            f'<c:val>{_ref("numRef", values)}</c:val>{tail}</c:ser>')


def _axes(y_title: str | None, y_min: float | None, y_max: float | None) -> str:
    scale = ('<c:orientation val="minMax"/>' + (f'<c:max val="{y_max}"/>' if y_max is not None else "")
             + (f'<c:min val="{y_min}"/>' if y_min is not None else ""))
    title = _title(y_title, 1100) if y_title else ""
    return (f'<c:catAx><c:axId val="{CAT_AX}"/><c:scaling><c:orientation val="minMax"/></c:scaling>'
            '<c:delete val="0"/><c:axPos val="b"/><c:numFmt formatCode="General" sourceLinked="1"/>'
            '<c:majorTickMark val="out"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/>'
            f'<c:crossAx val="{VAL_AX}"/><c:crosses val="autoZero"/><c:auto val="1"/><c:lblAlgn val="ctr"/>'
            '<c:lblOffset val="100"/><c:noMultiLvlLbl val="0"/></c:catAx>'
            f'<c:valAx><c:axId val="{VAL_AX}"/><c:scaling>{scale}</c:scaling><c:delete val="0"/><c:axPos val="l"/>'
            f'<c:majorGridlines><c:spPr><a:ln w="6350"><a:solidFill><a:srgbClr val="{GRID}"/></a:solidFill>'
            f'</a:ln></c:spPr></c:majorGridlines>{title}<c:numFmt formatCode="General" sourceLinked="1"/>'
            '<c:majorTickMark val="out"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/>'
            f'<c:crossAx val="{CAT_AX}"/><c:crosses val="autoZero"/><c:crossBetween val="between"/></c:valAx>')


def _space(title: str, plot: str, legend: bool) -> bytes:
    legend_xml = '<c:legend><c:legendPos val="b"/><c:overlay val="0"/></c:legend>' if legend else ""
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<c:chartSpace {_NS}>'
            f'<c:roundedCorners val="0"/><c:chart>{_title(title)}<c:autoTitleDeleted val="0"/>'
            f'<c:plotArea><c:layout/>{plot}</c:plotArea>{legend_xml}<c:plotVisOnly val="1"/>'
            '<c:dispBlanksAs val="gap"/></c:chart></c:chartSpace>').encode()


def _bar(series: str) -> str:
    return (f'<c:barChart><c:barDir val="col"/><c:grouping val="clustered"/><c:varyColors val="0"/>{series}'
            f'<c:gapWidth val="60"/><c:axId val="{CAT_AX}"/><c:axId val="{VAL_AX}"/></c:barChart>')


def _labels(fmt: str) -> str:
    """Value labels above the columns, so a difference of one or two points can be read off the chart."""
    return (f'<c:dLbls><c:numFmt formatCode="{fmt}" sourceLinked="0"/><c:spPr><a:noFill/><a:ln><a:noFill/></a:ln>'
            '</c:spPr><c:txPr><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz="900" b="0"/></a:pPr>'
            '<a:endParaRPr lang="th-TH"/></a:p></c:txPr><c:dLblPos val="outEnd"/><c:showLegendKey val="0"/>'
            '<c:showVal val="1"/><c:showCatName val="0"/><c:showSerName val="0"/><c:showPercent val="0"/>'
            '<c:showBubbleSize val="0"/></c:dLbls>')


def axis_floor(values: list[float], mark: float, step: float = 5.0, margin: float = 2.0) -> float:
    """The value axis' minimum for means near the top of the scale: a round number a little below the lowest
    of them and the pass mark, so that 82 and 86 do not look alike as they do on an axis from 0."""
    low = min([*values, mark]) - margin
    return max(0.0, step * (low // step))


def bars_with_line(title: str, y_title: str, cats: str, bar_name: str, bars: str, line_name: str, line: str,
                   *, y_min: float = 0, y_max: float = 100, labels: str | None = None) -> bytes:
    """Columns (e.g. indicator means) with a horizontal reference line (e.g. the pass mark) on one axis pair.
    Arguments ending in a range are sheet formulas such as 'ตัวชี้วัด'!$E$2:$E$11; `labels` is a number format
    for value labels on the columns."""
    bar = _series(0, bar_name, cats, False, bars,
                  f'<c:spPr><a:solidFill><a:srgbClr val="{BLUE}"/></a:solidFill></c:spPr><c:invertIfNegative val="0"/>'
                  + (_labels(labels) if labels else ""))
    ln = _series(1, line_name, cats, False, line,
                 f'<c:spPr><a:ln w="28575"><a:solidFill><a:srgbClr val="{RED}"/></a:solidFill></a:ln></c:spPr>'
                 '<c:marker><c:symbol val="none"/></c:marker>', '<c:smooth val="0"/>')
    plot = (_bar(bar) + f'<c:lineChart><c:grouping val="standard"/><c:varyColors val="0"/>{ln}'
            f'<c:marker val="1"/><c:axId val="{CAT_AX}"/><c:axId val="{VAL_AX}"/></c:lineChart>'
            + _axes(y_title, y_min, y_max))
    return _space(title, plot, legend=True)


def bars(title: str, cats: str, name: str, values: str) -> bytes:
    """Columns of counts per text category (e.g. agencies per rating)."""
    ser = _series(0, name, cats, True, values,
                  f'<c:spPr><a:solidFill><a:srgbClr val="{BLUE}"/></a:solidFill></c:spPr><c:invertIfNegative val="0"/>')
    return _space(title, _bar(ser) + _axes(None, 0, None), legend=False)
