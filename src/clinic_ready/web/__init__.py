"""clinic-ready in a browser: the same Python engine, run by Pyodide in a static site.

    fetch.py   the site's ingredients from the package registries (npm pyodide, PyPI wheels)
    build.py   assemble them, the clinic_ready package and static/ into one folder (no network)
    serve.py   serve a built folder on 127.0.0.1 behind a random token (`clinic-ready web`)
    bridge.py  imported inside the page: the questionnaire's state and the outputs, as plain data
    static/    the page itself: index.html, app.js, worker.js, sw.js, style.css

Nothing here is imported by the other commands; see docs/web.md.
"""
