"""A municipal or provincial system that speaks the zones event contract without the zones code.

Everything here follows docs/integration.md and the published schemas (shared/events/published/*.json);
it imports nothing of the zones project, only aiokafka, cryptography and jsonschema.
"""
