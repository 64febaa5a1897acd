import * as tsParser from '@typescript-eslint/parser';
import { Linter } from 'eslint';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const sqlRestrictions = require('../../../eslint-rules/sql-restrictions.cjs') as Linter.RuleEntry[];

/** The messages of the project's SQL restrictions for a snippet of TypeScript. */
function lint(code: string): string[] {
  const linter = new Linter({ configType: 'flat' });
  const messages = linter.verify(
    code,
    [
      {
        files: ['**/*.ts'],
        languageOptions: { parser: tsParser },
        rules: { 'no-restricted-syntax': ['error', ...sqlRestrictions] },
      },
    ],
    'snippet.ts',
  );
  return messages.map((m) => m.message);
}

describe('SQL lint rule', () => {
  it('should catch SQL interpolated or concatenated with values, wherever it is built', () => {
    const bad = [
      'client.query({ query: `SELECT a FROM t WHERE b = ${b}` });',
      'const sql = `SELECT a FROM t WHERE b = ${b}`;',
      "const sql = 'SELECT a FROM t WHERE b = ' + b;",
      "const sql = 'SELECT a, ' + column + ' FROM t';",
      "let sql = 'x'; sql = 'a, ' + column + ' FROM t';",
      'const sql = `WHERE ${where.join(" AND ")}`;',
      'const sql = `ORDER BY ${order.toUpperCase()}`;',
    ];
    for (const code of bad) expect({ code, flagged: lint(code).length > 0 }).toEqual({ code, flagged: true });
  });

  it('should let closed maps, constants, sqlIdent() and sqlJoin() through, and leave plain text alone', () => {
    const good = [
      'const sql = `SELECT ${COLUMNS} FROM t ORDER BY ${ORDER_COLUMN[orderBy]}`;',
      'const sql = `SELECT a FROM t WHERE ${sqlJoin(where, " AND ")}`;',
      'const sql = `SELECT ${sqlIdent(name)} FROM t`;',
      "const sql = 'SELECT a ' + 'FROM t WHERE b = {b:String}';",
      "const sql = 'FROM ' + FROM_FASTPATH[kind];",
      'const text = `Hello ${name}, see the selection`;',
      "client.query({ query: 'SELECT a FROM t WHERE b = {b:String}', query_params: { b } });",
    ];
    for (const code of good) expect({ code, messages: lint(code) }).toEqual({ code, messages: [] });
  });
});
