"""Yearly ITA frameworks as data files, and their checking loader."""

from ita.frameworks.loader import available_years, load_file, load_year, parse_framework
from ita.frameworks.model import Framework, Indicator, Level, Tool

__all__ = ["Framework", "Indicator", "Level", "Tool", "available_years", "load_file", "load_year", "parse_framework"]
