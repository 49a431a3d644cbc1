"""concurrent: the `futures` package."""
