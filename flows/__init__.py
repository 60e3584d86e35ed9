"""Questionnaires: load, validate, walk and triage. Pure: stdlib and PyYAML only."""
