export { FILE_CSV_HEADER, fileRowsCsv } from './file.csv.ts';
export { type FileRowQuery, filesOfEvents, listFileRows, listKnownFiles } from './file.queries.ts';
export { type FileInputParsed, setEventFiles } from './file.service.ts';
