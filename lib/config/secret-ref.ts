/** Where a secret comes from: `{ env: "NAME" }` or `{ file: "/path" }`, never the value itself. */
import { z } from 'zod';

const SECRET_FORMS = 'give { env: NAME } or { file: path }';

/** Why a value is not a SecretRef; never quoting it, since it may be the secret itself. */
function secretRefProblem(input: unknown): string {
  if (input === undefined) return `missing: ${SECRET_FORMS}`;
  if (typeof input === 'object' && input !== null && !Array.isArray(input))
    return `${SECRET_FORMS} (one key: env or file)`;
  return `${SECRET_FORMS}, never the password itself`;
}

export const SecretRef = z.union(
  [
    z.strictObject({ env: z.string().min(1, 'the variable name is empty') }),
    z.strictObject({ file: z.string().min(1, 'the file name is empty') }),
  ],
  { error: (issue) => secretRefProblem(issue.input) },
);
export type SecretRef = z.infer<typeof SecretRef>;
