from flake8_fastapi_prod.fix.cli import entry_point

entry_point()
