"""The template workbook: its definition (sheets, columns, names as data), building and reading."""
