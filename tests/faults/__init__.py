"""Fault trials: imports and single entries killed with SIGKILL, and a disk that fills up."""
