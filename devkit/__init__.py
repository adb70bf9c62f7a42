"""Helpers for the tests and benchmarks: synthetic submissions, large sample books, xlwings JSON books.

Not shipped: the wheel packages core, workbook, converters, actions, cli and xladdin only.
"""
