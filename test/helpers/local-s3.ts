import { ChildProcess, spawn } from 'node:child_process';
import * as path from 'node:path';
import { makeTempDir, removeDir } from './temp-dir';

export interface LocalS3 {
  endpoint: string;
  bucket: string;
  accessKeyId: string;
  secretAccessKey: string;
  close(): Promise<void>;
}

function waitForPort(child: ChildProcess): Promise<number> {
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error('s3rver did not start within 15 s')), 15000);
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /^(\d+)\n/.exec(out);
      if (match) {
        clearTimeout(timer);
        resolve(Number(match[1]));
      }
    });
    child.once('exit', (code) => reject(new Error(`s3rver exited with ${code}`)));
  });
}

/** A real S3 endpoint (s3rver) on 127.0.0.1 with one empty bucket, for tests of the S3 driver. */
export async function startLocalS3(bucket = 'ooni-data-test'): Promise<LocalS3> {
  const directory = makeTempDir('ooni-s3-');
  const child = spawn(
    process.execPath,
    ['--openssl-legacy-provider', path.join(__dirname, 's3rver-process.js'), directory, bucket],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const port = await waitForPort(child);
  return {
    endpoint: `http://127.0.0.1:${port}`,
    bucket,
    // s3rver accepts these fixed credentials.
    accessKeyId: 'S3RVER',
    secretAccessKey: 'S3RVER',
    close: async () => {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
      removeDir(directory);
    },
  };
}
