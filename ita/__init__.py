"""ITA Toolkit: yearly ITA frameworks, scoring, and the shared core of the template, reports and add-in."""

__version__ = "0.1.0"
