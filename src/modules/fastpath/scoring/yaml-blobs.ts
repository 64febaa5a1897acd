import { YamlReportError } from './errors';

const DOC_START = Buffer.from('---\n');
const DOC_END = Buffer.from('\n...\n');
const TRAILER = Buffer.from('...\n');

/** One YAML document of a legacy report file, with its raw bytes (hashed for ids). */
export interface YamlBlob {
  offset: number;
  raw: Buffer;
}

/**
 * Splits a legacy report (a header document followed by one document per measurement, each
 * "---\n ... \n...\n") into documents, skipping duplicate trailers and comment lines between
 * documents. Whitespace left after the last document is ignored.
 */
export function splitYamlBlobs(data: Buffer): YamlBlob[] {
  const blobs: YamlBlob[] = [];
  let start = 0;
  while (start < data.length) {
    if (data.subarray(start, start + 4).equals(DOC_START)) {
      const end = data.indexOf(DOC_END, start);
      if (end === -1) throw new YamlReportError(start, 'truncated report');
      blobs.push({ offset: start, raw: data.subarray(start, end + DOC_END.length) });
      start = end + DOC_END.length;
    } else if (data.subarray(start, start + 4).equals(TRAILER)) {
      start += TRAILER.length;
    } else if (data[start] === 0x23 /* # */) {
      const eol = data.indexOf(0x0a, start);
      start = eol === -1 ? data.length : eol + 1;
    } else if (/^\s*$/.test(data.subarray(start).toString('latin1'))) {
      break;
    } else {
      throw new YamlReportError(start, 'broken frame');
    }
  }
  return blobs;
}
