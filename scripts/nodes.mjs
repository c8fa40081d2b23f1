// Which Node binaries to test with: those installed by scripts/get-nodes.mjs,
// or, when none is installed, the Node running this script.
import { existsSync } from 'node:fs';
import { join } from 'node:path';

export const MAJORS = [20, 22, 24];

/**
 * @param {string} root repository root
 * @returns {{major: number, path: string}[]}
 */
export function testNodes(root) {
  const found = [];
  for (const major of MAJORS) {
    const path = join(root, '.cache', 'nodes', `node${major}`, 'node_modules', 'node', 'bin', 'node');
    if (existsSync(path)) found.push({ major, path });
  }
  if (found.length === 0) {
    found.push({ major: Number(process.versions.node.split('.')[0]), path: process.execPath });
  }
  return found;
}
