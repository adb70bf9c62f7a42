"""LibreOffice (and, on Windows, Microsoft Office) as a converter: documents to PDF, workbooks recalculated."""
