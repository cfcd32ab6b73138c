"""The libcst fixer and the ``fastapi-prod-fix`` command."""
