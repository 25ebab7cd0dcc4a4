"""A deterministic stand-in for a language model, so the example runs offline."""

TEMPLATES = {
    "warm": "Hello {name}, it is lovely to see you!",
    "formal": "Good day, {name}. We are pleased to welcome you.",
    "pirate": "Ahoy {name}! Welcome aboard, matey!",
}


def compose(name: str, tone: str) -> str:
    return TEMPLATES.get(tone, TEMPLATES["warm"]).format(name=name)
