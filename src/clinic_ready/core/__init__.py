"""The pure core: the checklist model, three-valued conditions, the engine and what reasons
about a result (explain, the question range, self-tests, comparison rows).  No files, no terminal."""
