"""Canvas adapters for the editing tools in annotations/tools (mouse events in, tool calls out, previews drawn)."""
