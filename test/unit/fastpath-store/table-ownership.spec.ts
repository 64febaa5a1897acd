import * as fs from 'node:fs';
import * as path from 'node:path';
import * as ts from 'typescript';

const ROOT = path.resolve(__dirname, '../../..');

/**
 * SQL over one table family, as it appears in a string or template literal: the table after a
 * SQL keyword, a FROM-map value (`fastpath FINAL`), a derived table's name, or `table: 'fastpath…'`
 * in an insert call. Comments are not literals, so prose about the table never counts.
 */
interface TableFamily {
  name: string;
  /** The owner module: the only directory whose code may hold this SQL. */
  owner: string;
  inLiteral: RegExp[];
  /** Values of a `table:` property (inserts) that name the family. */
  tableProperty: RegExp;
}

const FAMILIES: TableFamily[] = [
  {
    name: 'fastpath',
    owner: 'src/modules/fastpath-store',
    inLiteral: [
      /\b(FROM|JOIN|INTO|TABLE|UPDATE)\s+fastpath\w*\b/,
      /^\s*fastpath\s+FINAL\s*$/,
      /\bfastpath_(counters|dirty_days)\w*\b/,
    ],
    tableProperty: /^fastpath\w*$/,
  },
];

/** Schema files name every table: migrations create them, they hold no queries. */
const SCHEMA_DIR = 'src/common/clickhouse/migrations';

interface Hit {
  file: string;
  line: number;
  text: string;
}

function literalText(node: ts.Node): string | undefined {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
  if (ts.isTemplateHead(node) || ts.isTemplateMiddle(node) || ts.isTemplateTail(node)) return node.text;
  return undefined;
}

/** The places in `source` (TypeScript text) that hold SQL over `family`. */
function sqlHits(file: string, source: string, family: TableFamily): Hit[] {
  const sf = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true);
  const hits: Hit[] = [];
  const add = (node: ts.Node, text: string): void => {
    const line = sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1;
    hits.push({ file, line, text: text.slice(0, 80) });
  };
  const visit = (node: ts.Node): void => {
    const text = literalText(node);
    if (text !== undefined && family.inLiteral.some((re) => re.test(text))) add(node, text);
    if (
      ts.isPropertyAssignment(node) &&
      node.name.getText(sf) === 'table' &&
      ts.isStringLiteralLike(node.initializer) &&
      family.tableProperty.test(node.initializer.text)
    ) {
      add(node, node.getText(sf));
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return hits;
}

function tsFiles(dir: string): string[] {
  return fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((e) => {
    const rel = path.posix.join(dir, e.name);
    if (e.isDirectory()) return tsFiles(rel);
    return e.name.endsWith('.ts') ? [rel] : [];
  });
}

const inside = (file: string, dir: string): boolean => file === dir || file.startsWith(`${dir}/`);

describe('table family ownership', () => {
  const files = tsFiles('src').map((file) => ({ file, source: fs.readFileSync(path.join(ROOT, file), 'utf8') }));

  for (const family of FAMILIES) {
    it(`should keep every SQL statement over the ${family.name} family in ${family.owner}`, () => {
      const outside = files
        .filter(({ file }) => !inside(file, family.owner) && !inside(file, SCHEMA_DIR))
        .flatMap(({ file, source }) => sqlHits(file, source, family));
      expect(outside).toEqual([]);
    });

    it(`should find the ${family.name} SQL of its owner (the scan sees real code)`, () => {
      const owned = files
        .filter(({ file }) => inside(file, family.owner))
        .flatMap(({ file, source }) => sqlHits(file, source, family));
      const ownerFiles = new Set(owned.map((h) => path.basename(h.file)));
      // Reads, the FROM map, the counters and the insert: each kind of SQL is recognised.
      expect([...ownerFiles].sort()).toEqual(
        expect.arrayContaining([
          'aggregation.sql.ts',
          'counters.sql.ts',
          'fastpath-counters.repository.ts',
          'fastpath-search.reader.ts',
          'fastpath.writer.ts',
          'scored-uids.reader.ts',
        ]),
      );
    });
  }

  it('should flag SQL and inserts over fastpath but not comments or prose', () => {
    const [fastpath] = FAMILIES;
    const source = [
      '// rows read FROM fastpath FINAL (a comment)',
      "const a = 'SELECT 1 FROM fastpath WHERE x = {x:String}';",
      'const b = `SELECT ${COLS} FROM fastpath FINAL WHERE 1`;',
      "const c = { final: 'fastpath FINAL', plain: 'x' };",
      "const d = 'TRUNCATE TABLE fastpath_counters_staging';",
      "void client.insert({ table: 'fastpath', values: [], format: 'JSONEachRow' });",
      "const e = 'Rebuild the counters (fastpath FINAL, per month)';",
      "const f = metrics.component('fastpath');",
      "void client.insert({ table: 'obs_openvpn', values: [] });",
    ].join('\n');
    expect(sqlHits('x.ts', source, fastpath).map((h) => h.line)).toEqual([2, 3, 4, 5, 6]);
  });
});
