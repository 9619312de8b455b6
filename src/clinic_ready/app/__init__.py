"""The application: one pipeline from inputs to a result and its outputs, batch, the Python API,
and the interactive questionnaire.  Imports core, io and render; never the CLI."""
