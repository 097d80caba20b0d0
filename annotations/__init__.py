"""The case document, its edit history, file formats and the workspace store. No Qt, no torch."""
