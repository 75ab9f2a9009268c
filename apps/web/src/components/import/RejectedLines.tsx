import { Button, Text } from '@mantine/core';
import { downloadText, rejectedText } from '../../lib/download.ts';

export interface RejectedLine {
  line: number;
  reason: string;
}

/** The first ten rejected lines, each with its line number and why it was rejected. */
export function RejectedLines({ rejected }: { rejected: RejectedLine[] }) {
  return rejected.slice(0, 10).map((r) => (
    <Text key={`${r.line}-${r.reason}`} size="sm" ff="monospace">
      line {r.line}: {r.reason}
    </Text>
  ));
}

/** Every rejected line as `<fileName>`, to fix and import again. */
export function DownloadRejectedButton({
  fileName,
  rejected,
}: {
  fileName: string;
  rejected: RejectedLine[];
}) {
  return (
    <Button variant="default" onClick={() => downloadText(fileName, rejectedText(rejected))}>
      Download rejected lines
    </Button>
  );
}
