import fs from 'node:fs';

/** The schema and example shipped with the format (served at `/eventstream.schema.json`, docs link them). */
export const EVENTSTREAM_SCHEMA_FILE = new URL('./eventstream.schema.json', import.meta.url);
export const EVENTSTREAM_EXAMPLE_FILE = new URL('./eventstream-example.jsonl', import.meta.url);

let schemaText: string | undefined;
export function eventstreamSchemaText(): string {
  schemaText ??= fs.readFileSync(EVENTSTREAM_SCHEMA_FILE, 'utf8');
  return schemaText;
}

let exampleText: string | undefined;
export function eventstreamExampleText(): string {
  exampleText ??= fs.readFileSync(EVENTSTREAM_EXAMPLE_FILE, 'utf8');
  return exampleText;
}
