/** Metadata key of a repository method's example calls. */
export const SQL_EXAMPLE_KEY = 'ooni:sql-example';

export interface SqlExampleOptions<Args extends unknown[] = unknown[]> {
  /** Arguments the method is called with to render its SQL (`npm run sync:sql`); type-checked against it. */
  params: Args;
  /** Names an extra example of the same method, e.g. with and without optional filters. */
  name?: string;
}

/**
 * Example calls of a repository method. `npm run sync:sql` calls every method with its
 * examples on embedded ClickHouse and writes the SQL it sends into
 * `src/queries/<family>.repository.sql`, so reviewers read real SQL in diffs. Adding a
 * repository (in any module of the application) needs nothing but this decorator.
 */
export function SqlExample<Args extends unknown[]>(...examples: SqlExampleOptions<NoInfer<Args>>[]) {
  return (_target: object, _key: string | symbol, descriptor: { value?: (...args: Args) => unknown }): void => {
    Reflect.defineMetadata(SQL_EXAMPLE_KEY, examples, descriptor.value as object);
  };
}
