"""The LLM extractor: providers, chains, post-validation, cache and hybrid routing.

Built only by the composition root (bot/extractors.py); see chains/llm/extractor.py.
"""
