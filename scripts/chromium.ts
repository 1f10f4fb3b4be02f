/**
 * Browser tests drive Debian's Chromium; install it when missing and we are allowed to.
 */
import { CHROMIUM, ensureDebianTool } from './debian-tools';

export const CHROMIUM_PATH = CHROMIUM.path;

/** Returns true when Chromium is (now) present. Installs it with apt-get only when running as root. */
export function ensureChromium(log: (line: string) => void = console.log): boolean {
  return ensureDebianTool(CHROMIUM, log);
}
