import { Readable } from 'node:stream';
import { gunzipSync } from 'node:zlib';
import { extract } from 'tar-stream';
import { jsonEnvelope } from '../../../common/envelope/submission-envelope';
import { trivialId } from '../scoring/normalize-yaml';
import { ScoreTaskItem } from '../workers/score-task';
import { MeasurementFile } from './bucket-files';

function uidOfLine(line: Buffer, msm: Record<string, unknown>): string {
  return typeof msm.measurement_uid === 'string' ? msm.measurement_uid : trivialId(line, msm);
}

/** JSONL: one measurement per line (the probe's content); wrapped back as a JSON post for scoring. */
function* jsonlItems(data: Buffer): Generator<ScoreTaskItem> {
  let start = 0;
  while (start < data.length) {
    let end = data.indexOf(0x0a, start);
    if (end === -1) end = data.length;
    const line = data.subarray(start, end);
    start = end + 1;
    if (line.length === 0) continue;
    let msm: unknown;
    try {
      msm = JSON.parse(line.toString('utf8'));
    } catch {
      yield { measurementUid: `invalid-line-${start}`, body: line.toString('utf8') };
      continue;
    }
    if (typeof msm !== 'object' || msm === null) continue;
    const uid = uidOfLine(line, msm as Record<string, unknown>);
    yield { measurementUid: uid, body: jsonEnvelope(msm) };
  }
}

/** Postcan: a tar.gz of `<bucket>/<measurement_uid>.post` files, each the probe's POST body. */
async function postcanItems(data: Buffer): Promise<ScoreTaskItem[]> {
  const items: ScoreTaskItem[] = [];
  const tar = extract();
  const done = new Promise<void>((resolve, reject) => {
    tar.on('entry', (header, stream, next) => {
      const chunks: Buffer[] = [];
      stream.on('data', (c: unknown) => chunks.push(c as Buffer));
      stream.on('end', () => {
        const name = header.name.split('/').pop() ?? '';
        if (header.type === 'file' && name.endsWith('.post')) {
          items.push({ measurementUid: name.slice(0, -'.post'.length), body: Buffer.concat(chunks).toString('utf8') });
        }
        next();
      });
      stream.on('error', reject);
    });
    tar.on('finish', resolve);
    tar.on('error', reject);
  });
  Readable.from([gunzipSync(data)]).pipe(tar);
  await done;
  return items;
}

/** Every measurement of a bucket file, ready to be scored. */
export async function measurementsOf(file: MeasurementFile, data: Buffer): Promise<ScoreTaskItem[]> {
  return file.kind === 'jsonl' ? [...jsonlItems(gunzipSync(data))] : postcanItems(data);
}
