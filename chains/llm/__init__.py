"""The LLM extractor: providers, chains, post-validation, cache and hybrid routing.

Built only through chains.factory.build_llm_extractor; see chains/llm/extractor.py.
"""
