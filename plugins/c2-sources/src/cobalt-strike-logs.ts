import { c2Source } from '@steppingstones/plugin-sdk';
import { cobaltStrikeFollowSplit } from './cobalt-strike/cs-follow.ts';
import { isCobaltStrikeLog, parseCobaltStrikeFile } from './cobalt-strike/index.ts';

/** A Cobalt Strike team server's `logs/` folder (or one of its logs). */
export const cobaltStrikeLogs = c2Source({
  key: 'cobalt-strike-logs',
  title: 'Cobalt Strike logs',
  framework: 'cobalt-strike',
  category: 'C2',
  icon: 'terminal',
  description:
    "A team server's logs/ folder as .tar, .tar.gz or .zip, or one beacon_*.log, ssh_*.log or downloads.log inside its YYMMDD day folder.",
  accepts: { extensions: ['.tar', '.tar.gz', '.tgz', '.zip', '.log'] },
  files: 'beacon_*.log, ssh_*.log or downloads.log',
  wants: isCobaltStrikeLog,
  parseFile: (_ctx, file) => parseCobaltStrikeFile(file.path, file.text),
  followSplit: cobaltStrikeFollowSplit,
});
