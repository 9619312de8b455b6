"""The questionnaire at the keyboard: session, prompting, asking, the pager, the compare offer."""
