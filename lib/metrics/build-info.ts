/** What is running: Watermark's version (package.json) and Node.js's. */
import packageJson from '../../package.json';

export const BUILD_INFO = { version: packageJson.version, nodeVersion: process.version } as const;
