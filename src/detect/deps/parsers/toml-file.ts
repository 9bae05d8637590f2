/**
 * TOML reading shared by pyproject.toml, poetry.lock, Cargo.toml and Cargo.lock: smol-toml's
 * errors carry line and column, which become the LOCKFILE_INVALID position.
 */
import { parse, TomlError } from "smol-toml";
import { lockfileError } from "../lockfile-error.js";

export function parseTomlFile(text: string, file: string): unknown {
  try {
    return parse(text);
  } catch (error) {
    if (error instanceof TomlError) {
      throw lockfileError(file, `not valid TOML (${error.message.split("\n")[0] ?? ""})`, { line: error.line, cause: error });
    }
    throw lockfileError(file, "not valid TOML", { cause: error });
  }
}
