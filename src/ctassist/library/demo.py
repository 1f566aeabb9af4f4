def run_library_demo(*, scale: int = 1, seed: int = 0) -> str:
    return ""
