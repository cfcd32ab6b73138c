from pydantic import validate_arguments

# Errors


@validate_arguments  # error: FP317
def repeat(text: str, count: int) -> str:
    return text * count


model = repeat.model
