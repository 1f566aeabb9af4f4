def run(*, scale: int, seed: int) -> str:
    return "not yet"
