"""Checklist translations (checklists/<id>.<lang>.yaml): localize, validate, schema."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from helpers import FIXTURES, ROOT, invoke_cli

from clinic_ready.io import loading, translation

I18N = FIXTURES / "i18n"


def _copy(tmp_path: Path) -> tuple[Path, Path]:
    cl, tr = tmp_path / "mini.yaml", tmp_path / "mini.es.yaml"
    shutil.copy(I18N / "mini.yaml", cl)
    shutil.copy(I18N / "mini.es.yaml", tr)
    return cl, tr


def test_localize_replaces_texts_and_keeps_ids_values_conditions():
    en = loading.load_checklist(I18N / "mini.yaml")
    es = loading.load_checklist(I18N / "mini.yaml", lang="es")
    assert es.title == "Lista mínima" and en.title == "Mini checklist"
    assert es.questions["monitored"].prompt == "¿Le toman la presión arterial?"
    assert [c.label for c in es.questions["where"].choices] == ["En la clínica", "En casa"]
    assert es.questions["age"].unit == "años"
    assert es.concerns[0].title == "No le toman la presión"
    # structure untouched
    assert list(es.questions) == list(en.questions)
    for qid, q in en.questions.items():
        assert es.questions[qid].choice_values == q.choice_values
        assert es.questions[qid].when == q.when and es.questions[qid].type == q.type
    assert [(c.id, c.severity, c.when) for c in es.concerns] == [(c.id, c.severity, c.when) for c in en.concerns]
    # the Spanish source joins the bibliography and the concern that cites it
    assert es.concerns[0].sources == ["s1", "s1_es"] and "s1_es" in es.source_by_id
    assert es.translation.translated_by == ["clinic-ready test suite"]
    assert "bilingüe" in es.translation.review_status
    assert en.translation is None
    assert en.credit_line() is None
    assert es.credit_line() == (
        "Translated by clinic-ready test suite; pendiente de revisión por un profesional clínico bilingüe."
    )


def _structure(doc):
    """The JSON with every text blanked: what must not change with the language."""
    if isinstance(doc, dict):
        keep = ("id", "code", "severity", "value", "state", "question", "held_at", "checklist", "url", "year")
        return {k: (v if k in keep and not isinstance(v, (dict, list)) else _structure(v)) for k, v in doc.items()}
    if isinstance(doc, list):
        return [_structure(v) for v in doc]
    return "<text>" if isinstance(doc, str) else doc


def test_same_answers_same_result_in_both_languages():
    runs = {}
    for lang in ("en", "es"):
        r = invoke_cli(
            "--lang",
            lang,
            "run",
            str(I18N / "mini.yaml"),
            "--answers",
            str(FIXTURES / "mini-answers.yaml"),
            "--format",
            "json",
        )
        assert r.returncode == 0, r.stderr
        runs[lang] = json.loads(r.stdout)
    assert runs["es"]["checklist"]["title"] == "Lista mínima"
    assert runs["en"]["concerns"][0]["title"] != runs["es"]["concerns"][0]["title"]
    en, es = runs["en"], runs["es"]
    assert en["checklist"].pop("translation") is None  # who translated the texts: the one addition
    credit = es["checklist"].pop("translation")
    assert credit["language"] == "es" and credit["translated_by"] and credit["review_status"]
    markdown = invoke_cli(
        "--lang",
        "es",
        "run",
        str(I18N / "mini.yaml"),
        "--answers",
        str(FIXTURES / "mini-answers.yaml"),
        "--format",
        "markdown",
    )
    assert credit["credit"] in " ".join(markdown.stdout.split())  # the line every other output prints
    for doc in (en, es):  # the Spanish-only source is an addition, not a change
        for c in doc["concerns"]:
            c["sources"] = [s for s in c["sources"] if s["id"] != "s1_es"]
        doc.pop("sources", None)
    assert _structure(en) == _structure(es)


def test_validate_reports_a_missing_translation_at_the_english_field(tmp_path):
    cl, tr = _copy(tmp_path)
    tr.write_text(
        tr.read_text().replace(
            "  alone: {prompt: ¿Estará solo o sola?, help: Alguien debe acompañarle.}\n",
            "  alone: {prompt: ¿Estará solo o sola?}\n",
        )
    )
    r = invoke_cli("validate", str(cl))
    assert r.returncode == 2
    line = next(
        n for n, text in enumerate(cl.read_text().splitlines(), 1) if "help: Someone should be with you." in text
    )
    assert f"{cl}:{line}:" in r.stderr
    assert "sections[0].questions[3].help: no 'es' translation of this text" in r.stderr


def test_validate_reports_unknown_ids_and_a_missing_file(tmp_path):
    cl, tr = _copy(tmp_path)
    tr.write_text(tr.read_text().replace("  monitored:", "  monitord:", 1))
    r = invoke_cli("validate", str(cl))
    assert r.returncode == 2
    assert "questions.monitord: the checklist has no question with the id 'monitord'" in r.stderr
    assert "(did you mean 'monitored'?)" in r.stderr
    assert f"{tr}:" in r.stderr
    tr.unlink()
    r = invoke_cli("validate", str(cl))
    assert r.returncode == 2 and "declares language 'es' but mini.es.yaml does not exist" in r.stderr


def test_validate_warns_on_a_version_mismatch_and_rejects_unknown_keys(tmp_path):
    cl, tr = _copy(tmp_path)
    tr.write_text(tr.read_text().replace('version: "1.0"', 'version: "0.9"'))
    r = invoke_cli("validate", str(cl))
    assert r.returncode == 0, r.stderr
    assert (
        f"{tr}:4:" in r.stderr
        and "warning: version: this translates version 0.9; the checklist is version 1.0" in r.stderr
    )
    tr.write_text(tr.read_text() + "colour: red\n")
    r = invoke_cli("validate", str(cl))
    assert r.returncode == 2 and "colour: unknown key 'colour'" in r.stderr


def test_shipped_list_skips_translation_files(tmp_path, monkeypatch):
    from clinic_ready.io import catalog

    _copy(tmp_path)
    monkeypatch.setattr(catalog, "checklists_dir", lambda: tmp_path)
    assert list(catalog.shipped()) == ["mini"]


def test_translation_schema_is_current():
    doc = json.loads((ROOT / "docs" / "translation.schema.json").read_text())
    assert doc == translation.translation_schema()
    r = invoke_cli("schema", "--translation")
    assert r.returncode == 0 and json.loads(r.stdout) == doc


@pytest.mark.parametrize("cid", ["ketamine-clinic", "ketamine-clinic-self-audit"])
def test_a_full_translation_of_a_shipped_checklist_changes_only_words(tmp_path, cid):
    """Every text of the real checklist replaced: validate finds nothing missing, and every
    example gives the same verdict, concerns and asked questions as in English."""
    import yaml

    from clinic_ready.core import engine, selftest
    from clinic_ready.io import catalog

    source = catalog.shipped()[cid]
    text = source.read_text()
    if "languages:" not in text:
        text = text.replace("\nversion:", "\nlanguages: [en, es]\nversion:", 1)
    cl_path = tmp_path / source.name
    cl_path.write_text(text)
    en = loading.load_checklist(cl_path)
    data = translation.skeleton(en, "es", text=lambda s: "ES " + s)
    (tmp_path / f"{cid}.es.yaml").write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False))
    r = invoke_cli("validate", str(cl_path))
    assert r.returncode == 0 and r.stderr == "", r.stderr
    es = loading.load_checklist(cl_path, lang="es")
    assert all(q.prompt.startswith("ES ") for q in es.questions.values())
    assert all(c.label.startswith("ES ") for q in es.questions.values() for c in q.choices or ())
    assert en.examples, "the shipped checklist has self-test examples"
    for example in en.examples:
        answers = selftest.answers_for(en, example)
        a, b = engine.evaluate(en, answers), engine.evaluate(es, answers)
        assert a.verdict.code == b.verdict.code
        assert [f.concern.id for f in a.findings] == [f.concern.id for f in b.findings]
        assert [p.concern.id for p in a.could_apply] == [p.concern.id for p in b.could_apply]
        assert a.scores == b.scores
        assert [(i.question.id, i.state) for i in a.items] == [(i.question.id, i.state) for i in b.items]
    assert es.maintainers == ["ES " + m for m in en.maintainers] and es.funding == "ES " + en.funding
    data.pop("reviewed_by")
    (tmp_path / f"{cid}.es.yaml").write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False))
    r = invoke_cli("validate", str(cl_path))
    line = next(n for n, t in enumerate(text.splitlines(), 1) if t.startswith("reviewed_by:"))
    assert (
        r.returncode == 2 and f"{cl_path}:{line}:" in r.stderr and "reviewed_by[0]: no 'es' translation" in r.stderr
    ), r.stderr
