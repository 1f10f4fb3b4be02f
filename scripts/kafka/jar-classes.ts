/**
 * Lists the classes inside jar files by reading each zip's central directory,
 * so scripts can ask "which of these classes does this Kafka release ship?"
 * without a JDK's `jar` tool.
 */
import fs from 'node:fs';
import path from 'node:path';

const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
const CENTRAL_DIRECTORY_ENTRY = 0x02014b50;
/** The end record is 22 bytes plus a comment of at most 65535 bytes. */
const END_RECORD_SEARCH_BYTES = 22 + 0xffff;

/** `length` bytes of `file` from `position`; a negative position counts from the end. */
function readBytes(file: string, position: number, length: number): Buffer {
  const fd = fs.openSync(file, 'r');
  try {
    const size = fs.fstatSync(fd).size;
    const start = position < 0 ? Math.max(0, size + position) : position;
    const buffer = Buffer.alloc(Math.min(length, size - start));
    fs.readSync(fd, buffer, 0, buffer.length, start);
    return buffer;
  } finally {
    fs.closeSync(fd);
  }
}

/** Entry names of one zip (jar) file. Zip64 archives are not handled: no Kafka jar needs it. */
export function zipEntryNames(file: string): string[] {
  const tail = readBytes(file, -END_RECORD_SEARCH_BYTES, END_RECORD_SEARCH_BYTES);
  const signature = Buffer.alloc(4);
  signature.writeUInt32LE(END_OF_CENTRAL_DIRECTORY);
  const end = tail.lastIndexOf(signature);
  if (end < 0) throw new Error(`${file} is not a zip file.`);
  const directory = readBytes(file, tail.readUInt32LE(end + 16), tail.readUInt32LE(end + 12));
  const names: string[] = [];
  for (let at = 0; at + 46 <= directory.length && directory.readUInt32LE(at) === CENTRAL_DIRECTORY_ENTRY;) {
    const nameLength = directory.readUInt16LE(at + 28);
    const extraLength = directory.readUInt16LE(at + 30);
    const commentLength = directory.readUInt16LE(at + 32);
    names.push(directory.toString('utf8', at + 46, at + 46 + nameLength));
    at += 46 + nameLength + extraLength + commentLength;
  }
  return names;
}

/** Fully qualified names of the top-level and nested classes in every jar of `dir`. */
export function classesInJars(dir: string): Set<string> {
  const classes = new Set<string>();
  for (const jar of fs.readdirSync(dir).filter((name) => name.endsWith('.jar'))) {
    for (const entry of zipEntryNames(path.join(dir, jar))) {
      if (entry.endsWith('.class')) classes.add(entry.slice(0, -'.class'.length).replaceAll('/', '.'));
    }
  }
  return classes;
}
