// Worker entry used when the app runs from TypeScript sources (tests): compile on the fly.
require('@swc-node/register');
module.exports = require('./score.worker.ts');
