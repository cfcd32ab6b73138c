from flake8_fastapi_prod.cli import entry_point

entry_point()
