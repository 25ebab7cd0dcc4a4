/** A file `motia generate-types` writes, `motia dev` keeps fresh and `motia check` compares with the disk. */
export interface GeneratedFile {
  /** Relative to the project root, with `/` separators (`types.d.ts`, `motia_types.py`). */
  path: string
  content: string
}
