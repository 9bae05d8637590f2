import { describe, expect, it } from "vitest";
import { cvssV3BaseScore } from "./cvss-v3.js";

// Scores as NVD's CVSS v3.1 calculator gives them for these published vectors.
describe("cvssV3BaseScore", () => {
  it.each([
    ["CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", 9.8],
    ["CVSS:3.1/AV:N/AC:H/PR:N/UI:R/S:C/C:H/I:N/A:N", 6.1],
    ["CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:N/I:H/A:H", 7.4],
    ["CVSS:3.1/AV:N/AC:L/PR:H/UI:N/S:U/C:H/I:H/A:H", 7.2],
    ["CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H", 7.5],
    ["CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H", 10],
    ["CVSS:3.1/AV:L/AC:L/PR:L/UI:N/S:U/C:N/I:N/A:N", 0],
  ])("%s → %d", (vector, score) => {
    expect(cvssV3BaseScore(vector)).toBe(score);
  });

  it.each([
    "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N",
    "CVSS:3.1/AV:N/AC:L",
    "AV:N/AC:L/Au:N/C:P/I:P/A:P",
    "CVSS:3.1/AV:X/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H",
  ])("refuses %s", (vector) => {
    expect(cvssV3BaseScore(vector)).toBeUndefined();
  });
});
