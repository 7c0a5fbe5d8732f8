/** A file of the templates folder, read once. `path` is relative and uses "/". */
export interface TemplateFile {
  path: string;
  contents: Buffer;
  mode: number;
  /** For `.hbs` files: the compiled template. */
  render?: (context: object) => string;
}

/** A file of the generated project. `path` is relative to the project root. */
export interface GeneratedFile {
  path: string;
  contents: string | Buffer;
  mode: number;
  /** The template it came from, for error messages; absent for files made in code. */
  source?: string;
}
