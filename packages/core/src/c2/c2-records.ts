// The typed records C2 sources yield are the SDK's (a plugin imports only the SDK); the import reads
// them under these names.
export type {
  C2ActionRecord,
  C2CheckinRecord,
  C2DownloadRecord,
  C2ParseResult,
  C2Record,
  C2Rejection,
  C2SessionRecord,
} from '@steppingstones/plugin-sdk';
