// `@motiadev/plugin-observability/plugin` as motia answers it (see module-aliases.ts).
import { workbenchOnly } from '../workbench-plugins.js'

export default workbenchOnly('@motiadev/plugin-observability', 'Traces')
