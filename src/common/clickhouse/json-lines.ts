/**
 * Rows already serialized as JSON lines (one JSON object per line, no trailing newline), inserted
 * as they are: `client.insert({ table, format: 'JSONEachRow', values: [new JsonLines(text)] })`.
 * The clients made by `createClickhouseClient` write such a value's text where they would
 * `JSON.stringify` an object (`stringifyInsertValue`), so rows serialized elsewhere (in a worker
 * thread) are never parsed and re-serialized on the main thread.
 */
export class JsonLines {
  constructor(readonly text: string) {}

  /** The lines of several chunks (empty chunks left out); null when there is no line at all. */
  static join(chunks: readonly string[]): JsonLines | null {
    const lines = chunks.filter((c) => c.length > 0);
    return lines.length === 0 ? null : new JsonLines(lines.join('\n'));
  }
}

/** The client's `json.stringify`: JSON lines as they are, anything else as `JSON.stringify` does. */
export function stringifyInsertValue(value: unknown): string {
  return value instanceof JsonLines ? value.text : JSON.stringify(value);
}
