"""Questionnaires: load, validate, walk and triage; suggest one from free text; FHIR in and out.

Pure: stdlib, PyYAML and (for FHIR only, imported when used) fhir.resources; nothing of the bot.
"""
