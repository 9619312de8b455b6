"""What the person keeps private is not a question for the clinic: open answers to questions about
the person (``about: person``) become "Your prescriber will ask you about these", worded as topics,
in every format; never "Questions to ask your clinic" and never the raw prompt."""

from __future__ import annotations

import json

import pytest
from helpers import FIXTURES, run_cli

from tests.render.test_reports import pdf_text

HELPER = FIXTURES / "supporter" / "helper.yaml"
DECLINED = FIXTURES / "private-declined.yaml"
SUICIDE_PROMPT = "thoughts of killing yourself"


def _answers(tmp_path, respondent="patient"):
    path = tmp_path / "a.yaml"
    path.write_text(
        f"checklist: helper\nrespondent: {respondent}\nanswers: {{where: clinic, drugs: declined, crisis_now: unsure}}\n"
    )
    return path


def _text(fmt, tmp_path, answers, checklist=None) -> str:
    where = ["--checklist", str(checklist)] if checklist else []
    if fmt == "pdf":
        out = tmp_path / "r.pdf"
        done = run_cli("report", str(answers), *where, "-f", "pdf", "-o", str(out))
        assert done.returncode == 0, done.stderr
        return " ".join(pdf_text(out.read_bytes()).split())
    done = run_cli("run", *([str(checklist)] if checklist else []), "-a", str(answers), "--no-input", "-f", fmt)
    assert done.returncode == 0, done.stderr
    return " ".join(done.stdout.replace("│", " ").split())


@pytest.mark.parametrize("fmt", ["terminal", "markdown", "html", "pdf"])
def test_private_answers_are_topics_for_the_prescriber_not_questions_for_the_clinic(fmt, tmp_path):
    helper_topics = tmp_path / "helper.yaml"
    helper_topics.write_text(
        HELPER.read_text()
        .replace("        help: They interact.\n", "        help: They interact.\n        topic: Street drugs\n")
        .replace(
            "        help: Your safety comes first.\n",
            "        help: Your safety comes first.\n        topic: Suicidal thoughts\n",
        )
    )
    text = _text(fmt, tmp_path, _answers(tmp_path), helper_topics)
    assert "Your prescriber will ask you about these" in text
    assert "Suicidal thoughts" in text and "Street drugs" in text
    assert "Do you use street drugs?" not in text.split("Your answers")[0]  # no raw prompt before the answers list


def test_json_private_topics_and_no_private_question_to_ask(tmp_path):
    doc = json.loads(run_cli("run", str(HELPER), "-a", str(_answers(tmp_path)), "--no-input", "-f", "json").stdout)
    assert doc["private_topics"] == [
        {"topic": "About you", "question": "crisis_now"}
    ]  # no topic given: the section title, once
    assert not any(q["question"] in ("drugs", "crisis_now") for q in doc["questions_to_ask"])


def test_a_supporter_reads_that_the_prescriber_asks_the_person(tmp_path):
    text = _text("terminal", tmp_path, _answers(tmp_path, "supporter"), HELPER)
    assert "The prescriber will ask the person you are helping about these" in text
    assert "in the answers mean" not in text


def test_declining_every_personal_question_lists_no_personal_question_for_the_clinic(tmp_path):
    """clinical N8 (p17): 'Are you having thoughts of killing yourself right now…' was question 1 to ask the clinic."""
    doc = json.loads(run_cli("run", "-a", str(DECLINED), "--no-input", "-f", "json").stdout)
    asks = " ".join(q["text"] for q in doc["questions_to_ask"])
    assert SUICIDE_PROMPT not in asks and "Do you take any of these medicines" not in asks
    assert doc["private_topics"]
    steps = " ".join(s["text"] for s in doc["first_steps"])
    assert SUICIDE_PROMPT not in steps
