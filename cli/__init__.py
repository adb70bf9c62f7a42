"""The `ita` command line: one thin module per command over the same functions the add-in uses."""
