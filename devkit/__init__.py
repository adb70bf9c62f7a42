"""Helpers for the tests and benchmarks: synthetic submissions, large sample books, xlwings JSON books,
the OOXML schema check of written files (ooxml.py).

Not shipped: the wheel packages core, workbook, converters, actions, cli and xladdin only.
"""
