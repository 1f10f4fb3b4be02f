/**
 * A temporary folder for one test file, removed afterwards.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll } from 'vitest';

/** Registers the hooks; `write` puts a file in the folder and returns its path, `pathOf` only names one. */
export function withTempDir(prefix: string): {
  write: (name: string, text: string) => string;
  pathOf: (name: string) => string;
} {
  let dir = '';
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), `${prefix}-`));
  });
  afterAll(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });
  return {
    pathOf: (name) => path.join(dir, name),
    write(name, text) {
      const file = path.join(dir, name);
      fs.writeFileSync(file, text, 'utf8');
      return file;
    },
  };
}
