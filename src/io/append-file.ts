import fs from 'node:fs';

/** Append text to a file the CI runner gave us (GITHUB_STEP_SUMMARY, GITHUB_OUTPUT). */
export function appendToFile(file: string, text: string): void {
  fs.appendFileSync(file, text);
}
