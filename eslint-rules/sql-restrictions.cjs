// `no-restricted-syntax` entries against SQL built from values (shared by eslint.config.mjs
// and test/unit/lint/sql-rule.spec.ts). SQL takes values only through `{name:Type}` query
// parameters; SQL text may interpolate only constants and closed maps (UPPER_CASE names or
// their members), sqlIdent() and sqlJoin() (src/common/clickhouse/sql-fragments.ts).

/** Text that reads as SQL (upper-case keywords, as this project writes them). */
const SQL_RE = '/\\b(SELECT|INSERT|ALTER|WHERE|DELETE|UPDATE|FROM|JOIN|GROUP BY|ORDER BY|HAVING|LIMIT)\\b/';

/** Interpolations allowed in SQL text. */
const SQL_SAFE = [
  'Identifier[name=/^[A-Z][A-Z0-9_]*$/]',
  'MemberExpression[object.name=/^[A-Z][A-Z0-9_]*$/]',
  "CallExpression[callee.name='sqlIdent']",
  "CallExpression[callee.name='sqlJoin']",
].join(', ');

const CONCAT_OPERAND = `:not(Literal, TemplateLiteral, BinaryExpression, ${SQL_SAFE})`;
const CONCAT_MESSAGE = 'SQL built with +: use {name:Type} with query_params, a closed map, or sqlIdent().';

module.exports = [
  {
    selector: "Property[key.name='query'] > TemplateLiteral[expressions.length>0]",
    message: 'Interpolated SQL: pass values with {name:Type} and query_params.',
  },
  {
    // Anywhere (variables, helpers): a template literal whose text looks like SQL.
    selector: `TemplateLiteral:has(> TemplateElement[value.raw=${SQL_RE}]) > :not(TemplateElement, ${SQL_SAFE})`,
    message: 'SQL built from a value: use {name:Type} with query_params, a closed map, or sqlIdent().',
  },
  {
    // A `+` chain holding SQL text: every operand must be a literal or safe.
    selector: `BinaryExpression[operator='+']:has(Literal[value=${SQL_RE}]) > ${CONCAT_OPERAND}`,
    message: CONCAT_MESSAGE,
  },
  {
    selector: `BinaryExpression[operator='+']:has(Literal[value=${SQL_RE}]) BinaryExpression[operator='+'] > ${CONCAT_OPERAND}`,
    message: CONCAT_MESSAGE,
  },
];
