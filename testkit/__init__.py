"""Fakes and harnesses shared by the tests and the benches: a calm patient's answers, a real
Synapse started for a run, a fake Telegram Bot API server and the nio people who talk to the bot.

Not part of the installed bot (pyproject packages only bot, adapters, flows and storage, and the
container leaves it out): it lives outside tests/ so that bench/ never imports the test suite.
"""
