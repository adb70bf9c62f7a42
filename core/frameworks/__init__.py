"""Yearly ITA frameworks as data files, and their checking loader."""

from core.frameworks.loader import available_years, builtin_years, load_file, load_year, parse_framework
from core.frameworks.model import Framework, Indicator, Level, Tool

__all__ = ["Framework", "Indicator", "Level", "Tool", "available_years", "builtin_years", "load_file", "load_year", "parse_framework"]
