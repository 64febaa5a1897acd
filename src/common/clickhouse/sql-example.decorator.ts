import { SetMetadata } from '@nestjs/common';

/** Metadata key of a repository method's example call. */
export const SQL_EXAMPLE_KEY = 'ooni:sql-example';

export interface SqlExampleOptions {
  /** Arguments the method is called with to render its SQL (`npm run sync:sql`). */
  params: unknown[];
  /** Extra examples of the same method, e.g. with and without optional filters. */
  name?: string;
}

/**
 * An example call of a repository method. `npm run sync:sql` calls every method with its
 * examples on embedded ClickHouse and writes the SQL it sends into
 * `src/queries/<family>.repository.sql`, so reviewers read real SQL in diffs.
 */
export const SqlExample = (...examples: SqlExampleOptions[]): MethodDecorator => SetMetadata(SQL_EXAMPLE_KEY, examples);
