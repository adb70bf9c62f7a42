"""One small module per ribbon button; each `run(book)` is a thin twin of the CLI command it mirrors.

xladdin.entry.ACTIONS maps a button tag to its module. An action raises ItaError for anything the
officer can fix; entry turns every failure into one Thai alert.
"""
