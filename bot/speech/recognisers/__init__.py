"""One module per speech recogniser; `registry.py` picks one by config name."""
