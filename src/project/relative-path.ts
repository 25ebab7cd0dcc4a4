import { isAbsolute, relative, sep } from 'node:path'

/** A path relative to the project root with `/` separators, as shown in messages and the flow graph. */
export function relativePath(root: string, filePath: string): string {
  const rel = isAbsolute(filePath) ? relative(root, filePath) : filePath
  return sep === '/' ? rel : rel.split(sep).join('/')
}
