/** One schema step. Every statement must be idempotent (IF NOT EXISTS, ADD COLUMN IF NOT EXISTS). */
export interface Migration {
  id: string;
  statements: string[];
}
