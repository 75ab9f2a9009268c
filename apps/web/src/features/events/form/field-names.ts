/** The server's field names for the form's: its error messages land beside the right field. */
const SERVER_FIELD: Record<string, string> = {
  mitre_attack_tactic: 'tactic',
  mitre_attack_technique: 'technique',
  mitre_attack_subtechnique: 'subtechnique',
};

/** A server field name → the form's: `files.2.md5` → `files.<row key>.md5`, `source.host` → `source`. */
export function mapServerField(field: string, fileKeys: string[]): string {
  if (SERVER_FIELD[field]) return SERVER_FIELD[field];
  const file = /^files\.(\d+)(?:\.(.+))?$/.exec(field);
  if (file) {
    const k = fileKeys[Number(file[1])];
    return file[2] ? `files.${k}.${file[2]}` : `files.${k}`;
  }
  if (/^(source|target)\./.test(field)) return field.split('.')[0] as string;
  return field;
}
