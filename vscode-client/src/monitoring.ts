/**
 * The hooks config's `monitoring.commands` filter (DESIGN §6): empty means every command.
 * A command matches when one of its words (a path's last part) is a listed name, the same
 * reading as the server's, so `npx jest` and `/usr/bin/node app.js` match `jest` and `node`.
 * Pure logic, unit-tested on plain Node.
 */
import { splitWords } from './words';

/** The `monitoring.commands` list in a hooks.json text; [] when absent or unreadable. */
export function monitoredCommands(hooksJson: string | undefined): string[] {
  if (!hooksJson) {
    return [];
  }
  try {
    const names = JSON.parse(hooksJson)?.monitoring?.commands;
    return Array.isArray(names) ? names.filter((n): n is string => typeof n === 'string') : [];
  } catch {
    return []; // the server puts the config's errors on the file; here, no filter
  }
}

export function isMonitored(command: string, names: string[]): boolean {
  if (names.length === 0) {
    return true;
  }
  const words = splitWords(command) ?? command.split(/\s+/);
  return words.some((word) => names.includes(word.split(/[\\/]/).pop() ?? word));
}
