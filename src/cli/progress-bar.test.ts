import { describe, expect, it } from "vitest";
import { capturedIO } from "./cli-io.js";
import { createProgressBar } from "./progress-bar.js";

describe("createProgressBar", () => {
  it("draws nothing when stderr is not a terminal", () => {
    const io = capturedIO({ stderrIsTTY: false });
    const bar = createProgressBar(io, "audit");
    bar.update(5, 10);
    bar.finish();
    expect(io.err()).toBe("");
    expect(io.out()).toBe("");
  });

  it("draws on stderr only, once per percent, and clears the line at the end", () => {
    const io = capturedIO({ stderrIsTTY: true });
    const bar = createProgressBar(io, "audit");
    bar.update(1, 1000);
    bar.update(2, 1000);
    bar.update(500, 1000);
    bar.finish();
    const frames = io
      .err()
      .split("\r")
      .filter((f) => f !== "");
    expect(frames).toHaveLength(3);
    expect(frames[1]).toContain(" 50% 500/1000");
    expect(io.err().endsWith("\r\u001b[2K")).toBe(true);
    expect(io.out()).toBe("");
  });

  it("shows a running count while the total is unknown", () => {
    const io = capturedIO({ stderrIsTTY: true });
    const bar = createProgressBar(io, "audit");
    bar.update(500, 0);
    expect(io.err()).toBe("\raudit 500 commits");
  });
});
