"""The core of ITA Toolkit: errors, Thai text and numbers, the yearly frameworks and the scoring.

Nothing here reads a workbook or writes a report: workbook/, converters/, actions/, cli/ and xladdin/
build on it (see docs/architecture.md).
"""

__version__ = "0.1.0"
