"""GET /hello: answers at once and hands the greeting to a background step."""

from motia import ApiRequest, ApiResponse, ApiRouteConfig, FlowContext

config: ApiRouteConfig = {
    "type": "api",
    "name": "HelloAPI",
    "description": "Says hello and hands the greeting to a background step",
    "path": "/hello",
    "method": "GET",
    "emits": ["process-greeting"],
    "responseSchema": {
        200: {
            "type": "object",
            "properties": {
                "message": {"type": "string"},
                "status": {"const": "processing"},
                "requestId": {"type": "string"},
            },
            "required": ["message", "status", "requestId"],
        }
    },
    "flows": ["hello-world-flow"],
}


async def handler(req: ApiRequest, context: FlowContext) -> ApiResponse:
    name = req["queryParams"].get("name")
    name = name if isinstance(name, str) else "World"
    context.logger.info("Hello requested", {"name": name})
    await context.emit({"topic": "process-greeting", "data": {"requestId": context.trace_id, "name": name}})
    return ApiResponse(200, {"message": f"Hello {name}!", "status": "processing", "requestId": context.trace_id})
