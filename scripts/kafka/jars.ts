/**
 * Fetches Apache Kafka's jars from Maven Central with Maven, once per version.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { libDir, REPO_ROOT } from './layout';

export class MissingPrerequisiteError extends Error {}

const MARKER = '.complete';

function hasCommand(command: string, versionFlag: string): boolean {
  const result = spawnSync(command, [versionFlag], { stdio: 'ignore' });
  return !result.error && result.status === 0;
}

/** Throws one clear sentence when Java or Maven is missing. */
export function checkPrerequisites(needMaven: boolean): void {
  if (!hasCommand('java', '-version')) {
    throw new MissingPrerequisiteError(
      'Java was not found on PATH: install a Java 17+ runtime (e.g. `apt-get install openjdk-17-jre-headless`) to run the local Kafka cluster.',
    );
  }
  if (needMaven && !hasCommand('mvn', '-v')) {
    throw new MissingPrerequisiteError(
      'Maven was not found on PATH: install Maven (e.g. `apt-get install maven`); it downloads the Kafka jars from Maven Central.',
    );
  }
}

export function jarsPresent(version: string): boolean {
  return fs.existsSync(path.join(libDir(version), MARKER));
}

/** Copies the broker and tools jars for `version` into .kafka/lib/<version>; a no-op when already there. */
export function ensureJars(version: string, log: (line: string) => void = console.log): string {
  const dir = libDir(version);
  if (jarsPresent(version)) {
    checkPrerequisites(false);
    return dir;
  }
  checkPrerequisites(true);
  log(`Fetching Apache Kafka ${version} jars from Maven Central (once)...`);
  const major = Number(version.split('.')[0]);
  const args = [
    '-q',
    '-B',
    '-Dstyle.color=never',
    '-f',
    path.join(REPO_ROOT, 'scripts', 'kafka', 'pom.xml'),
    `-Dkafka.version=${version}`,
    ...(major >= 4 ? ['-Plog4j2'] : []),
    'dependency:copy-dependencies',
    '-DincludeScope=runtime',
    `-DoutputDirectory=${dir}`,
  ];
  const result = spawnSync('mvn', args, { stdio: ['ignore', 'inherit', 'inherit'] });
  if (result.status !== 0) {
    throw new Error(
      `Maven could not fetch Apache Kafka ${version} (exit code ${result.status}); see its output above.`,
    );
  }
  fs.writeFileSync(path.join(dir, MARKER), `${new Date().toISOString()}\n`);
  return dir;
}

/**
 * Whether the release logs through log4j 1 (log4j 1.2 in 2.x, reload4j in 3.x) rather than
 * log4j 2 (4.x), read from the jar names. log4j 2 reports an ERROR when handed a log4j 1 config.
 */
export function logsWithLog4j1(version: string): boolean {
  return fs.readdirSync(libDir(version)).some((jar) => /^(log4j-1\.|reload4j-)/.test(jar));
}

export function classpath(version: string): string {
  return path.join(libDir(version), '*');
}
