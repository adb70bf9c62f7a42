"""`ita merge`: many agencies' filled templates into one overview workbook and a DuckDB database.

discover -> (hash) -> extract (worker processes) -> db (DuckDB) -> overview (streamed .xlsx) [-> export];
run.run_merge orchestrates. See docs/merge.md.
"""
