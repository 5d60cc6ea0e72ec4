/**
 * Helpers for the JSON-like values passed around (config, inputs, outputs, state, plan files): one definition each
 * of the checks and walks that the config contract, the engine, the file formats and the tools need.
 */

/** A plain object (not null, not an array). */
export function isRecord(v: unknown): v is Record<string, unknown> {
    return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** An array of strings. */
export function isStringArray(v: unknown): v is string[] {
    return Array.isArray(v) && v.every((x) => typeof x === "string");
}

/** What a `mapValue` callback returns to keep a node and map its members. */
export const DESCEND = Symbol("descend");

/**
 * Rebuilds a JSON-like value: `replace` sees each node before its members; what it returns takes the node's place,
 * unless it returns DESCEND, and then a list or an object is rebuilt from its members, mapped the same way.
 */
export function mapValue(value: unknown, replace: (v: unknown) => unknown): unknown {
    const replaced = replace(value);
    if (replaced !== DESCEND) return replaced;
    if (Array.isArray(value)) return value.map((v) => mapValue(v, replace));
    if (value !== null && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, mapValue(v, replace)]));
    return value;
}

/** True when `test` holds for the value or anything in it (a node before its members). */
export function someValue(value: unknown, test: (v: unknown) => boolean): boolean {
    if (test(value)) return true;
    if (Array.isArray(value)) return value.some((v) => someValue(v, test));
    if (value !== null && typeof value === "object") return Object.values(value).some((v) => someValue(v, test));
    return false;
}

/** Structural equality of JSON-like values; an object member that is undefined counts as absent. */
export function deepEqual(a: unknown, b: unknown): boolean {
    if (a === b) return true;
    if (typeof a !== typeof b || a === null || b === null || typeof a !== "object") return false;
    if (Array.isArray(a) !== Array.isArray(b)) return false;
    if (Array.isArray(a)) {
        const bb = b as unknown[];
        return a.length === bb.length && a.every((v, i) => deepEqual(v, bb[i]));
    }
    const ao = a as Record<string, unknown>;
    const bo = b as Record<string, unknown>;
    const ak = Object.keys(ao).filter((k) => ao[k] !== undefined);
    const bk = Object.keys(bo).filter((k) => bo[k] !== undefined);
    return ak.length === bk.length && ak.every((k) => Object.prototype.hasOwnProperty.call(bo, k) && deepEqual(ao[k], bo[k]));
}
