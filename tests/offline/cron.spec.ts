import * as assert from "node:assert/strict";
import { nextOccurrence } from "../../offline/cron";

describe("offline/cron nextOccurrence", () => {
    const at = (iso: string) => new Date(iso);

    it("the next matching minute in UTC, the same minute when it matches, and steps, ranges and lists", () => {
        assert.equal(nextOccurrence("0 20 * * *", at("2026-12-06T10:05:30Z"))?.toISOString(), "2026-12-06T20:00:00.000Z");
        assert.equal(nextOccurrence("0 20 * * *", at("2026-12-06T20:00:00Z"))?.toISOString(), "2026-12-06T20:00:00.000Z");
        assert.equal(nextOccurrence("*/15 * * * *", at("2026-12-06T10:16:00Z"))?.toISOString(), "2026-12-06T10:30:00.000Z");
        assert.equal(nextOccurrence("5,45 8-9 * * *", at("2026-12-06T09:50:00Z"))?.toISOString(), "2026-12-07T08:05:00.000Z");
    });

    it("in a time zone, with days of the week (2026-12-06 is a Sunday) and the cron rule for day of month or week", () => {
        // 07:00 in Seoul (UTC+9) on the next weekday, Monday the 7th.
        assert.equal(nextOccurrence("0 7 * * 1-5", at("2026-12-06T10:00:00Z"), "Asia/Seoul")?.toISOString(), "2026-12-06T22:00:00.000Z");
        assert.equal(nextOccurrence("0 0 * * SUN", at("2026-12-06T00:01:00Z"))?.toISOString(), "2026-12-13T00:00:00.000Z");
        assert.equal(nextOccurrence("0 0 * * 7", at("2026-12-06T00:01:00Z"))?.toISOString(), "2026-12-13T00:00:00.000Z");
        // Both restricted: the 15th or a Monday, whichever comes first.
        assert.equal(nextOccurrence("0 12 15 * 1", at("2026-12-08T00:00:00Z"))?.toISOString(), "2026-12-14T12:00:00.000Z");
        assert.equal(nextOccurrence("0 0 1 JAN *", at("2026-12-06T00:00:00Z"))?.toISOString(), "2027-01-01T00:00:00.000Z");
    });

    it("names in ranges (MON-FRI), and nothing for what is not a 5-field cron expression", () => {
        assert.equal(nextOccurrence("0 7 * * MON-FRI", at("2026-12-06T10:00:00Z"))?.toISOString(), "2026-12-07T07:00:00.000Z");
        assert.equal(nextOccurrence("0 7 * *", at("2026-12-06T10:00:00Z")), undefined);
        assert.equal(nextOccurrence("0 7 * * ?", at("2026-12-06T10:00:00Z")), undefined);
    });

    it("a half-hour zone, and nothing within a year for a date that never comes", () => {
        assert.equal(nextOccurrence("30 9 * * *", at("2026-12-06T00:00:00Z"), "Asia/Kolkata")?.toISOString(), "2026-12-06T04:00:00.000Z");
        assert.equal(nextOccurrence("0 0 31 2 *", at("2026-12-06T00:00:00Z")), undefined);
    });
});
