/**
 * Reads a file the user named on the command line, turning "no such file" and friends into
 * a clear FILE_NOT_FOUND error that says which option it was for.
 */
import { readFileSync } from "node:fs";
import { CustodyError } from "../model/errors.js";

export function readInputFile(path: string, what: string): string {
  try {
    return readFileSync(path, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === "ENOENT" ? "does not exist" : code === "EISDIR" ? "is a directory" : code === "EACCES" ? "cannot be read (permission denied)" : `cannot be read (${code ?? "unknown error"})`;
    throw new CustodyError("FILE_NOT_FOUND", `The ${what} ${path} ${reason}.`, { position: { file: path }, cause: error });
  }
}
