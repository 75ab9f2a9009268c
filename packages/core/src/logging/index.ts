export { type LogFormatSetting, logDestination, resolveLogFormat } from './log-destination.ts';
