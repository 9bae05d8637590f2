import { Command } from "commander";
import { describe, expect, it } from "vitest";
import { capturedIO } from "./cli-io.js";
import { COMMANDS, loadCommands } from "./commands.js";
import { run } from "./main.js";

describe("the command table", () => {
  it.each(COMMANDS.map((entry) => [entry.name, entry] as const))(
    "%s loads a module that registers exactly that command",
    async (name, entry) => {
      const program = new Command();
      (await entry.load())(program, { io: capturedIO(), setExitCode: () => undefined });
      expect(program.commands.map((command) => command.name())).toEqual([name]);
    },
  );

  it("loads only the command an invocation names, and every command for help or a typo", async () => {
    expect(await loadCommands(["check", "--base", "main"])).toHaveLength(1);
    expect(await loadCommands(["--help"])).toHaveLength(COMMANDS.length);
    expect(await loadCommands(["chek"])).toHaveLength(COMMANDS.length);
  });

  it("lists every command in --help and rejects an unknown one with exit 2", async () => {
    const help = capturedIO();
    expect(await run(["--help"], help)).toBe(0);
    for (const entry of COMMANDS) {
      expect(help.out()).toContain(`  ${entry.name} `);
    }
    const typo = capturedIO();
    expect(await run(["chek"], typo)).toBe(2);
    expect(typo.err()).toMatch(/unknown command 'chek'/);
  });
});
