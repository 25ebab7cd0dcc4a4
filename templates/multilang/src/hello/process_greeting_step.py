"""The Python hop: writes the greeting to state and passes it on to a JavaScript step."""

from datetime import datetime, timezone
from typing import Any

from motia import EventConfig, FlowContext

# A JSON Schema, checked before the handler runs. With pydantic installed (see requirements.txt),
# a model class works too: "input": GreetingInput, and the handler then receives a GreetingInput.
config: EventConfig = {
    "type": "event",
    "name": "ProcessGreeting",
    "description": "Writes the greeting to state and passes it on",
    "subscribes": ["process-greeting"],
    "emits": ["greeting-processed"],
    "input": {
        "type": "object",
        "properties": {"requestId": {"type": "string"}, "name": {"type": "string"}},
        "required": ["requestId", "name"],
    },
    "flows": ["hello-world-flow"],
}


async def handler(data: dict[str, Any], context: FlowContext) -> None:
    greeting = {
        "text": f"Hello {data['name']}, from Python!",
        "processedAt": datetime.now(timezone.utc).isoformat(),
    }
    await context.state.set("greetings", data["requestId"], greeting)
    context.logger.info("Greeting stored", {"requestId": data["requestId"]})
    await context.emit(
        {"topic": "greeting-processed", "data": {"requestId": data["requestId"], "processedBy": "python"}}
    )
