// OpenAPI 3.1 from the project's API steps: `motia generate openapi` and `GET /__motia/openapi.json`.
export { openApiDocument, type OpenApiDocument } from './document.js'
export { projectInfo, type DocumentInfo } from './project-info.js'
