"""Double reading: each reader's own store, blind reading, disagreement, arbitration and the consensus.

A folder read in double mode keeps every reader's readings in ``.retinareview/readers/<reader-id>/`` (the same
store as the main sidecar, with its own lock and index, so two readers never write the same file) and the
consensus in the main sidecar ``.retinareview/``. A folder read in single mode (the default) keeps using the main
sidecar exactly as before; its labels belong to one reader.
"""
