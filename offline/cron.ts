/**
 * When a scheduled action next runs: the first minute at or after a time that a traditional 5-field cron expression
 * (the Recurrence EC2 Auto Scaling takes; config/parsers.ts cronProblem checks the syntax) matches in a time zone.
 * Day of month and day of week combine as in cron: when both are restricted, either may match.
 */
const NAMES: Record<number, string[]> = {
    3: ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"],
    4: ["sun", "mon", "tue", "wed", "thu", "fri", "sat"],
};
const RANGES: [number, number][] = [[0, 59], [0, 23], [1, 31], [1, 12], [0, 7]];

/** A field's number, or a month or day name (taken in ranges and lists too, as many crons do). */
function value(text: string, index: number): number {
    const named = NAMES[index]?.indexOf(text.toLowerCase());
    if (named !== undefined && named >= 0) {
        return index === 3 ? named + 1 : named;
    }
    if (!/^\d+$/.test(text)) {
        throw new Error(`not a cron value: ${text}`);
    }
    return Number(text);
}

function parseField(field: string, index: number): { values: Set<number>; restricted: boolean } {
    const [min, max] = RANGES[index];
    const values = new Set<number>();
    for (const part of field.split(",")) {
        const m = /^(?:(\*)|([^-/]+)(?:-([^-/]+))?)(?:\/(\d+))?$/.exec(part);
        if (!m) {
            throw new Error(`not a cron field: ${field}`);
        }
        const [, star, from, to, step] = m;
        const lo = star ? min : value(from, index);
        const hi = star ? max : to !== undefined ? value(to, index) : step !== undefined ? max : lo;
        for (let v = lo; v <= hi; v += step ? Number(step) : 1) {
            values.add(index === 4 && v === 7 ? 0 : v);
        }
    }
    return { values, restricted: field !== "*" };
}

/** The local wall-clock fields of `t` in `timeZone`. */
function local(t: Date, format: Intl.DateTimeFormat): { month: number; day: number; weekday: number; hour: number; minute: number } {
    const parts = Object.fromEntries(format.formatToParts(t).map(p => [p.type, p.value]));
    return {
        month: Number(parts.month),
        day: Number(parts.day),
        weekday: ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"].indexOf(parts.weekday),
        hour: Number(parts.hour) % 24,
        minute: Number(parts.minute),
    };
}

/**
 * The first minute at or after `from` that `expr` matches in `timeZone` (UTC when unset), within a year; undefined
 * when none does, or when `expr` is not a cron expression this reads.
 */
export function nextOccurrence(expr: string, from: Date, timeZone = "UTC"): Date | undefined {
    let fields: { values: Set<number>; restricted: boolean }[];
    try {
        fields = expr.trim().split(/\s+/).map(parseField);
    } catch {
        return undefined;
    }
    if (fields.length !== 5) {
        return undefined;
    }
    const [minutes, hours, days, months, weekdays] = fields;
    const format = new Intl.DateTimeFormat("en-US", {
        timeZone: timeZone || "UTC", hourCycle: "h23", month: "numeric", day: "numeric", weekday: "short", hour: "numeric", minute: "numeric",
    });
    const dayMatches = (l: ReturnType<typeof local>) => {
        const dom = days.values.has(l.day);
        const dow = weekdays.values.has(l.weekday);
        return days.restricted && weekdays.restricted ? dom || dow : dom && dow;
    };
    let t = new Date(Math.ceil(from.getTime() / 60_000) * 60_000);
    const end = from.getTime() + 366 * 24 * 3600_000;
    while (t.getTime() <= end) {
        const l = local(t, format);
        if (!months.values.has(l.month) || !dayMatches(l) || !hours.values.has(l.hour)) {
            // The next whole hour (time zones differ from UTC by whole hours or by 30 or 45 minutes).
            t = new Date(t.getTime() + (60 - l.minute) * 60_000);
            continue;
        }
        const minute = [...minutes.values].sort((a, b) => a - b).find(m => m >= l.minute);
        if (minute !== undefined) {
            return new Date(t.getTime() + (minute - l.minute) * 60_000);
        }
        t = new Date(t.getTime() + (60 - l.minute) * 60_000);
    }
    return undefined;
}
