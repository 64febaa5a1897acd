// Runs s3rver in its own process. It needs Node's legacy OpenSSL provider: s3rver encrypts
// list continuation tokens with DES, which OpenSSL 3 only offers there.
// Usage: node --openssl-legacy-provider s3rver-process.js <directory> <bucket>; prints the port.
const S3rver = require('s3rver');

const [directory, bucket] = process.argv.slice(2);
const server = new S3rver({
  address: '127.0.0.1',
  port: 0,
  silent: true,
  directory,
  configureBuckets: [{ name: bucket }],
});
server.run().then(({ port }) => process.stdout.write(`${port}\n`));
process.on('SIGTERM', () => server.close().then(() => process.exit(0)));
