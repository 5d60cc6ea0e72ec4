/**
 * Reading values: the stack's raw strings (numbers, booleans, and lists and objects as JSON), and the fields of an
 * object value. Each problem is recorded with the key path, the value given and what is allowed.
 */
import { KNOWN_INSTANCE_TYPES, Architecture, closest, instanceTypeArchitecture } from "../lib/aws-facts";
import { Collector } from "./errors";
import { RawConfig } from "./schema";

/** The top-level keys as the stack gives them: strings, with lists and objects as JSON. */
export class RawReader {
    constructor(private readonly raw: RawConfig, private readonly c: Collector) {}

    has(key: string): boolean {
        return this.raw[key] !== undefined;
    }

    str(key: string): string | undefined {
        return this.raw[key];
    }

    bool(key: string, fallback: boolean): boolean {
        const v = this.raw[key];
        if (v === undefined) {
            return fallback;
        }
        if (v === "true" || v === "false") {
            return v === "true";
        }
        this.c.bad(key, v, "true or false");
        return fallback;
    }

    int(key: string, fallback: number, min: number, max: number): number {
        const v = this.raw[key];
        if (v === undefined) {
            return fallback;
        }
        if (!/^-?\d+$/.test(v.trim()) || Number(v) < min || Number(v) > max) {
            this.c.bad(key, /^-?\d+$/.test(v.trim()) ? Number(v) : v, `an integer from ${min} to ${max}`);
            return fallback;
        }
        return Number(v);
    }

    json(key: string, what: string): unknown {
        const v = this.raw[key];
        if (v === undefined) {
            return undefined;
        }
        try {
            return JSON.parse(v);
        } catch {
            this.c.bad(key, v, what, "not a list or object; set it in the stack file or with `pulumi config set --path`");
            return undefined;
        }
    }
}

/** Checks an instance type (`instanceType`, `autoScaling.instanceTypes[i]`); returns its architecture when known. */
export function checkInstanceType(c: Collector, key: string, value: unknown): Architecture | undefined {
    const arch = typeof value === "string" ? instanceTypeArchitecture(value) : undefined;
    if (arch === undefined) {
        const suggestion = typeof value === "string" ? closest(value, KNOWN_INSTANCE_TYPES, 3) : undefined;
        c.bad(key, value, "a current EC2 instance type such as t3.micro or m7g.large",
            suggestion ? `did you mean "${suggestion}"?` : "unknown instance type");
    }
    return arch;
}

/** `value` as an object whose keys are all in `allowed` (each other key is an error, with a suggestion); else undefined. */
export function objectWithKeys(c: Collector, key: string, value: unknown, allowed: readonly string[], shape: string): Record<string, unknown> | undefined {
    if (!isObject(value)) {
        c.bad(key, value, shape);
        return undefined;
    }
    for (const k of Object.keys(value)) {
        if (!allowed.includes(k)) {
            const s = closest(k, allowed, 3);
            c.bad(`${key}.${k}`, value[k], `only the keys ${allowed.join(", ")}`, s ? `unknown key; did you mean "${s}"?` : "unknown key");
        }
    }
    return value;
}

/**
 * An integer from `min` to `max` (no upper bound when `max` is undefined) inside an object value. Numbers and
 * numeric strings are taken (`pulumi config set --path` may store either). A missing value is an error only when
 * `required` says why it is needed.
 */
export function integer(c: Collector, key: string, value: unknown, min: number, max: number | undefined,
    opts: { expected?: string; hint?: string; required?: string } = {}): number | undefined {
    const expected = opts.expected ?? (max === undefined ? `an integer of ${min} or more` : `an integer from ${min} to ${max}`);
    if (value === undefined) {
        if (opts.required) {
            c.bad(key, value, expected, `required: ${opts.required}`);
        }
        return undefined;
    }
    const n = typeof value === "string" && /^-?\d+$/.test(value.trim()) ? Number(value) : value;
    if (typeof n !== "number" || !Number.isInteger(n) || n < min || (max !== undefined && n > max)) {
        c.bad(key, value, expected, opts.hint);
        return undefined;
    }
    return n;
}

/** A boolean inside an object value (as a volume's `encrypted`: JSON true or false). */
export function flag(c: Collector, key: string, value: unknown, fallback: boolean): boolean {
    if (value === undefined) {
        return fallback;
    }
    if (typeof value !== "boolean") {
        c.bad(key, value, "true or false");
        return fallback;
    }
    return value;
}

export function port(c: Collector, key: string, value: unknown, min: number, max: number, what: string): number | undefined {
    const n = typeof value === "string" && /^-?\d+$/.test(value) ? Number(value) : value;
    if (typeof n !== "number" || !Number.isInteger(n) || n < min || n > max) {
        c.bad(key, value, `${what} from ${min} to ${max}`);
        return undefined;
    }
    return n;
}

export function isObject(v: unknown): v is Record<string, unknown> {
    return typeof v === "object" && v !== null && !Array.isArray(v);
}

export function stringList(c: Collector, key: string, value: unknown, pattern: RegExp | undefined, itemWhat: string, nonEmpty: boolean): string[] {
    if (value === undefined) {
        return [];
    }
    if (!Array.isArray(value) || (nonEmpty && value.length === 0)) {
        c.bad(key, value, nonEmpty ? `a non-empty list; each item ${itemWhat}` : `a list; each item ${itemWhat}`);
        return [];
    }
    const out: string[] = [];
    value.forEach((item, i) => {
        if (typeof item !== "string" || (pattern && !pattern.test(item))) {
            c.bad(`${key}[${i}]`, item, itemWhat);
        } else if (out.includes(item)) {
            c.bad(`${key}[${i}]`, item, "each item once", "duplicate");
        } else {
            out.push(item);
        }
    });
    return out;
}
