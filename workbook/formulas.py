"""The template's native Excel formulas, generated from the definition and the framework.

They must agree to the last digit with core.scoring (checked by recalculating in LibreOffice), so each
formula mirrors one pure function there: ROUND once at the end, ranks by rounded gain then row order.
Only functions that Excel 2010+ and LibreOffice both evaluate the same are used.

A score cell counts only when it holds a number (ISNUMBER): a score typed or pasted as text ('79.45 ',
๗๖.๒๐) leaves the totals, the rating and that indicator's analysis empty and is flagged as an input error,
so the book never rates, ranks or calls "ผ่าน" an indicator it cannot read.
"""

from __future__ import annotations

from core.thai import THAI_DIGITS

LINK_SEPARATORS = (" ", ";", "/", "\u00a0")


def lookup(names_range: str, key_cell: str) -> str:
    return f"INDEX({names_range},MATCH({key_cell},CritIndicator,0))"


def normalised_links(rng: str) -> str:
    """`rng` with every separator turned into a comma and Thai digits into Arabic ones, framed by commas."""
    expr = rng
    for sep in LINK_SEPARATORS:
        expr = f'SUBSTITUTE({expr},"{sep}",",")'
    for i, d in enumerate(THAI_DIGITS):
        expr = f'SUBSTITUTE({expr},"{d}","{i}")'
    return f'","&{expr}&","'


def coverage(indicator_cell: str) -> str:
    """How many measures list this indicator number among their links."""
    return f'SUMPRODUCT(--ISNUMBER(SEARCH(","&{indicator_cell}&",",{normalised_links("MeasureLinks")})))'


def scores_row(col: dict[str, str], r: int) -> dict[str, str]:
    """Formulas of one row of the Scores table; `col` maps column keys to letters."""
    ind, score, prev = f"${col['indicator']}{r}", f"{col['score']}{r}", f"{col['previous']}{r}"
    return {
        "name": "=" + lookup("CritIndicatorName", ind),
        "tool": "=" + lookup("CritIndicatorTool", ind),
        "weight": "=" + lookup("CritIndicatorWeight", ind),
        "change": f'=IF(AND(ISNUMBER({score}),ISNUMBER({prev})),ROUND({score}-{prev},2),"")',
        "weighted": f'=IF(ISNUMBER({score}),{col["weight"]}{r}*{score},"")',
    }


def tool_score(tool: str) -> str:
    blanks = f'SUMPRODUCT((ScoreTool="{tool}")*NOT(ISNUMBER(ScoreValue)))'  # blank or not a number
    return (f'=IF({blanks}>0,"",ROUND(SUMIF(ScoreTool,"{tool}",ScoreWeighted)'
            f'/SUMIF(ScoreTool,"{tool}",ScoreWeight),2))')


# the words the pass formulas show (validation checks what a book shows against them)
TOTAL_PASS = ("ผ่านเกณฑ์", "ต่ำกว่าเกณฑ์")  # PassStatus: passed, below the pass mark
INDICATOR_PASS = ("ผ่าน", "ต่ำกว่าเกณฑ์")  # the analysis table's pass column

SUMMARY = {
    "total": '=IF(COUNT(ScoreValue)<ROWS(ScoreValue),"",ROUND(SUMPRODUCT(ScoreWeight,ScoreValue),2))',
    "rating": '=IF(TotalScore="","",INDEX(CritLevelLabel,MATCH(TRUE,CritLevelQualifies,0)))',
    # the pass mark only; from 2566 the levels below it are words of their own (ต้องปรับปรุง…), not "ไม่ผ่าน"
    "pass": f'=IF(TotalScore="","",IF(TotalScore>=PassMark,"{TOTAL_PASS[0]}","{TOTAL_PASS[1]}"))',
    "gap_to_pass": '=IF(TotalScore="","",MAX(0,ROUND(PassMark-TotalScore,2)))',
    "previous_total": ('=IF(COUNT(ScorePrevious)<ROWS(ScorePrevious),"",'
                       'ROUND(SUMPRODUCT(ScoreWeight,ScorePrevious),2))'),
    # IIT minimum sample (seed 004's rule): all when fewer than 30; 10 % but at least 30; 100 above 1,000
    # cells typed or pasted as text: the formulas cannot read them (shown in red on the sheet too)
    "input_errors": ('=SUMPRODUCT((ScoreValue<>"")*NOT(ISNUMBER(ScoreValue)))'
                     '+SUMPRODUCT((ScorePrevious<>"")*NOT(ISNUMBER(ScorePrevious)))'),
    "iit_minimum": ('=IF(InternalStakeholders="","",IF(InternalStakeholders<30,InternalStakeholders,'
                    'IF(InternalStakeholders>1000,100,MAX(30,ROUNDUP(InternalStakeholders*0.1,0)))))'),
    "uncovered_weak": '=SUMPRODUCT(ISNUMBER(AnalysisScore)*(AnalysisScore<PassMark)*(AnalysisCoverage=0))',
    # the ITA 2569 guidance: the measures focus on the lowest-scoring indicator (ties: the first), proposed only
    # when every score is a number
    "focus_proposed": ('=IF(COUNT(ScoreValue)<ROWS(ScoreValue),"",'
                       'INDEX(ScoreIndicator,MATCH(MIN(ScoreValue),ScoreValue,0)))'),
    # mirrors core.scoring: verified when the structure is confirmed and the level reached is ("2+")
    "verified": ('=IF(Rating="","",IF(AND(CritStructureVerified,'
                 'INDEX(CritLevelConfidence,MATCH(Rating,CritLevelLabel,0))="2+"),'
                 '"ยืนยันแล้ว","ยังไม่ยืนยัน (verified: false)"))'),
}


NOT_A_NUMBER = '"ไม่ใช่ตัวเลข"'  # what the analysis shows for a score typed as text
FIX_SCORE = '"แก้คะแนน"'  # one line in its column: the row is one line high


def not_a_number(first_cell: str) -> str:
    """Conditional-format test of an input cell holding something that is not a number."""
    return f'AND({first_cell}<>"",NOT(ISNUMBER({first_cell})))'


def level_qualifies(r: int) -> str:
    """Criteria sheet, one level per row (highest first): B min, D min_each_tool."""
    return f'=AND(N(TotalScore)>=B{r},OR(D{r}="",MIN(ToolScores)>=D{r}))'


def analysis_row(col: dict[str, str], r: int) -> dict[str, str]:
    ind, sc, gain = f"${col['indicator']}{r}", f"{col['score']}{r}", col["potential_gain"]
    value = f"INDEX(ScoreValue,MATCH({ind},ScoreIndicator,0))"
    number = f"ISNUMBER({sc})"
    return {
        "name": "=" + lookup("CritIndicatorName", ind),
        "score": f'=IF(ISNUMBER({value}),{value},IF({value}="","",{NOT_A_NUMBER}))',
        "pass": f'=IF({number},IF({sc}>=PassMark,"{INDICATOR_PASS[0]}","{INDICATOR_PASS[1]}"),IF({sc}="","",{FIX_SCORE}))',
        "gap": f'=IF({number},MAX(0,ROUND(PassMark-{sc},2)),"")',
        "potential_gain": f'=IF({number},ROUND({lookup("CritIndicatorWeight", ind)}*(100-{sc}),2),"")',
        # rank by rounded gain, ties in row (= indicator) order; blanks do not count
        "priority": (f'=IF(ISNUMBER({gain}{r}),SUMPRODUCT(ISNUMBER(AnalysisGain)*(AnalysisGain>{gain}{r}))'
                     f'+SUMPRODUCT(ISNUMBER({gain}$4:{gain}{r})*({gain}$4:{gain}{r}={gain}{r})),"")'),
        # mirrors core.scoring.category: the marks and the three labels are the framework's (on เกณฑ์)
        "category": (f'=IF({number},IF({sc}<PassMark,INDEX(CritCategories,1),'
                     f'IF({sc}<KeepMark,INDEX(CritCategories,2),INDEX(CritCategories,3))),"")'),
        "coverage": "=" + coverage(ind),
    }


def progress_count(status: str) -> str:
    return f'=COUNTIFS(ProgressStatus,"{status}",ProgressRound,ReportRound)'


PROGRESS_DONE_PERCENT = ('=IF(COUNTIFS(ProgressRound,ReportRound,ProgressStatus,"<>")=0,"",'
                         'ROUND(100*COUNTIFS(ProgressStatus,"ดำเนินการแล้ว",ProgressRound,ReportRound)'
                         '/COUNTIFS(ProgressRound,ReportRound,ProgressStatus,"<>"),2))')

