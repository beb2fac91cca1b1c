"""Test doubles shared by unit tests, integration tests and manual runs."""
