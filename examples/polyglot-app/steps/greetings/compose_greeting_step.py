"""The "LLM" step: writes the greeting text. A real app would call a model here."""

from pydantic import BaseModel

from motia_types import ComposeGreetingContext
from services.writer import compose


class GreetingRequest(BaseModel):
    name: str
    tone: str
    requestId: str


config = {
    "type": "event",
    "name": "ComposeGreeting",
    "description": "Writes a greeting in the requested tone",
    "subscribes": ["greeting.requested"],
    "emits": ["greeting.composed"],
    "input": GreetingRequest,
    "flows": ["greetings"],
    "infrastructure": {"handler": {"timeout": 30}, "queue": {"maxRetries": 2}},
}


# The context type comes from motia_types.py (`motia generate-types`): mypy checks each emit against the
# schema of the TypeScript subscriber, DeliverGreeting.
async def handler(request: GreetingRequest, context: ComposeGreetingContext) -> None:
    text = compose(request.name, request.tone)
    context.logger.info("Greeting composed", {"requestId": request.requestId, "chars": len(text)})
    await context.state.set("greetings", request.requestId, {"name": request.name, "text": text, "status": "composed"})
    await context.emit({"topic": "greeting.composed", "data": {"requestId": request.requestId, "text": text}})
