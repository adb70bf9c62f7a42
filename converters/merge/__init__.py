"""`ita merge`: many agencies' filled templates into one overview workbook and a DuckDB database.

discover -> (hash) -> extract (worker processes) -> db (DuckDB) -> roster matching (roster) -> summary and
overview (streamed .xlsx) and the companion book of measures [-> export]; run.run_merge orchestrates.
history reads the database across years. See docs/merge.md.
"""
