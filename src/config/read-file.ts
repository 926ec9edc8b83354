/**
 * Reading a file a user names (a cluster configuration, a plan) without trusting what it is: only regular files,
 * never more than a limit, errors in words.
 */
import * as fs from "fs";

/** A file that could not be read: the reason in words, without the file name (the caller says which file). */
export class FileReadError extends Error {}

/** What a path that is not a regular file is, in words. */
function kindOf(stat: fs.Stats): string {
  if (stat.isDirectory()) return "a folder";
  if (stat.isFIFO()) return "a named pipe (FIFO)";
  if (stat.isSocket()) return "a socket";
  if (stat.isCharacterDevice()) return "a character device";
  if (stat.isBlockDevice()) return "a block device";
  if (stat.isSymbolicLink()) return "a symbolic link";
  return "not a regular file";
}

/** An errno error in words, never the raw `Error: ELOOP: ...` text. */
export function errnoWords(file: string, error: unknown): string {
  const raw = (error as NodeJS.ErrnoException | undefined)?.code;
  const code = typeof raw === "string" && /^[A-Z0-9_]{1,32}$/.test(raw) ? raw : undefined;
  switch (code) {
    case "ENOENT":
      return "no such file";
    case "EISDIR":
      return "it is a folder, not a file";
    case "EACCES":
    case "EPERM":
      return "permission denied";
    case "ELOOP":
      return "too many symbolic links (a symbolic link loop?)";
    case "ENAMETOOLONG":
      return "the path or one of its names is too long";
    case "ENOTDIR":
      return "a part of the path is not a folder";
    case "ENXIO": {
      // open(2) on a socket, or on a device that is not there
      try {
        return `it is ${kindOf(fs.statSync(file))}, not a regular file`;
      } catch {
        return "no such device or address (ENXIO)";
      }
    }
    default:
      return code ? `cannot read it (${code})` : "cannot read it";
  }
}

/**
 * The bytes of a regular file of at most `maxBytes`. Opened with O_NONBLOCK (opening a FIFO must not wait for a
 * writer), then checked with fstat on the open descriptor (no race with a swapped path): folders, FIFOs, sockets and
 * devices are refused before anything is read; at most `maxBytes + 1` bytes are read whatever fstat said, as the file
 * may grow while it is read. Throws FileReadError with the reason in words (never the raw errno text, which holds the
 * absolute path); `tooLarge(size)` words the size refusal.
 */
export function readRegularFile(file: string, maxBytes: number, tooLarge: (size: number) => string): Buffer {
  let fd: number;
  try {
    fd = fs.openSync(file, fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0));
  } catch (error) {
    throw new FileReadError(errnoWords(file, error));
  }
  try {
    let stat: fs.Stats;
    try {
      stat = fs.fstatSync(fd);
    } catch (error) {
      throw new FileReadError(errnoWords(file, error));
    }
    if (!stat.isFile()) throw new FileReadError(`it is ${kindOf(stat)}, not a regular file`);
    if (stat.size > maxBytes) throw new FileReadError(tooLarge(stat.size));
    let buffer = Buffer.allocUnsafe(Math.min(stat.size, maxBytes) + 1);
    let length = 0;
    for (;;) {
      if (length === buffer.length) {
        if (length > maxBytes) throw new FileReadError(tooLarge(length));
        const bigger = Buffer.allocUnsafe(Math.min(buffer.length * 2, maxBytes + 1));
        buffer.copy(bigger, 0, 0, length);
        buffer = bigger;
      }
      let n: number;
      try {
        n = fs.readSync(fd, buffer, length, buffer.length - length, null);
      } catch (error) {
        throw new FileReadError(errnoWords(file, error));
      }
      if (n === 0) break;
      length += n;
    }
    if (length > maxBytes) throw new FileReadError(tooLarge(length));
    return buffer.subarray(0, length);
  } finally {
    try {
      fs.closeSync(fd);
    } catch {
      // nothing to do: the descriptor is gone either way
    }
  }
}
