"""Input and output of data: YAML, loading and checking checklists, schemas, translations,
answers files, drafts, atomic writes, FHIR.  Imports the core, never the application or the CLI."""
