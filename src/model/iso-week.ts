/**
 * ISO 8601 week of a timestamp, in UTC: weeks start on Monday and week 1 is the week with the
 * year's first Thursday, so `2024-12-30` is `2025-W01` and `2021-01-03` is `2020-W53`.
 */
export function isoWeek(iso: string): string | undefined {
  const time = Date.parse(iso);
  if (Number.isNaN(time)) {
    return undefined;
  }
  const date = new Date(time);
  const day = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
  // Move to the Thursday of this week: its year is the ISO week-year.
  const weekday = day.getUTCDay() === 0 ? 7 : day.getUTCDay();
  day.setUTCDate(day.getUTCDate() + 4 - weekday);
  const year = day.getUTCFullYear();
  const firstDay = Date.UTC(year, 0, 1);
  const week = Math.floor((day.getTime() - firstDay) / 86_400_000 / 7) + 1;
  return `${String(year)}-W${String(week).padStart(2, "0")}`;
}
