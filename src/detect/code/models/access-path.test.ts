import { describe, expect, it } from "vitest";
import { AccessPathError, parseAccessPath } from "./access-path.js";

describe("parseAccessPath", () => {
  it.each([
    ["child_process", "Member[exec].Argument[0]", ["child_process.exec"], [0]],
    ["execa", "Argument[0]", ["execa"], [0]],
    ["knex", "ReturnValue.Member[raw,whereRaw].Argument[0]", ["knex().raw", "knex().whereRaw"], [0]],
    ["sequelize", "Member[Sequelize].Instance.Member[query].Argument[0,1]", ["sequelize.Sequelize().query"], [0, 1]],
    ["", "Member[document].Member[write].Argument[0..]", ["document.write"], "all"],
  ] as const)("%s %s", (base, path, targets, args) => {
    const parsed = parseAccessPath(base, path);
    expect(parsed.targets).toEqual(targets);
    expect(parsed.args).toEqual(args);
  });

  it("reads a property of an object argument", () => {
    expect(parseAccessPath("express", "Member[response].Member[sendFile].Argument[1].Member[root]")).toMatchObject({
      targets: ["express.response.sendFile"],
      args: [1],
      objectProps: ["root"],
    });
  });

  it("marks paths that end in a call result", () => {
    expect(parseAccessPath("markdown-it", "ReturnValue.Member[render].ReturnValue")).toMatchObject({
      targets: ["markdown-it().render()"],
      endsInCall: true,
    });
    expect(parseAccessPath("", "Member[location].Member[href]")).toMatchObject({ targets: ["location.href"], endsInCall: false });
  });

  it.each([
    ["Member[exec].Argument[x]", /argument positions/],
    ["Member[].Argument[0]", /property names/],
    ["Member[exec].Parameter[0]", /not a path token/],
    ["Argument[0]", /something to call/],
    ["Member[a].Argument[0].ReturnValue", /cannot follow/],
  ])("rejects %s with a message naming the token", (path, message) => {
    expect(() => parseAccessPath("", path)).toThrow(AccessPathError);
    expect(() => parseAccessPath("", path)).toThrow(message);
  });
});
