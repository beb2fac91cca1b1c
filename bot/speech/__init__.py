"""Speech: voice files become checked 16 kHz mono PCM, then text from a configured recogniser.

Platform-free: the channels hand over a local file (handlers.messages.VoiceInput); `service.py`
builds the Transcriber the dispatcher calls.
"""
