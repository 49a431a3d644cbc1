__all__ = ["shout", "whisper"]
def shout(s):
    return s.upper() + "!"
def whisper(s):
    return s.lower() + "..."
def _private():
    return "private"
def hidden():
    return "not in __all__"
